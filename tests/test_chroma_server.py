"""Ingest and search against a real Chroma server (`chroma run`) instead of the embedded client."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.schemas import AskRequest, SearchRequest
from assistant.services import build_services
from dgplan.settings import Settings, load_settings
from evals.processes import free_port, stop, wait_until_ok
from index.build import run_ingest
from index.chroma_component import VectorLayout, build_client, collection_name
from index.versions import VersionStore
from tests.conftest import run_cli

pytestmark = pytest.mark.slow

CHROMA = Path(sys.executable).parent / "chroma"


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    """A `chroma run` subprocess on a free loopback port; yields (port, its data path)."""
    if not CHROMA.exists():
        pytest.fail(f"chroma executable not found at {CHROMA}")
    path = tmp_path / "chroma-server"
    port = free_port()
    log = open(tmp_path / "chroma-server.log", "wb")  # noqa: SIM115 - closed in teardown
    proc = subprocess.Popen(
        [str(CHROMA), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until_ok(f"http://127.0.0.1:{port}/api/v2/heartbeat", proc, timeout=60, what="chroma server")
        yield port, path
    finally:
        stop(proc)
        log.close()


def test_ingest_and_search_through_chroma_server(
    chroma_server: tuple[int, Path], mini_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    port, server_path = chroma_server
    data = tmp_path / "data"
    monkeypatch.setenv("DGPLAN_CHROMA__HOST", "127.0.0.1")
    monkeypatch.setenv("DGPLAN_CHROMA__PORT", str(port))
    settings: Settings = load_settings(None, data_dir=data, corpus_dir=mini_corpus)
    assert settings.chroma.host == "127.0.0.1" and settings.chroma.port == port

    report = run_ingest(settings, progress=False)
    assert report.version == "v0001" and not report.failed and report.chunks > 0
    assert not (settings.index_dir / "chroma").exists(), "an embedded Chroma folder was created"
    assert server_path.exists() and any(server_path.iterdir()), "the server stored nothing"

    # the vectors live on the server: an independent HTTP client sees the collection
    remote = build_client(settings.chroma, Path("/nonexistent"))
    col = remote.get_collection(collection_name("v0001"), embedding_function=None)
    assert col.count() == report.chunks
    meta = col.get(where={"doc_id": "mini-plan"}, include=["metadatas"])["metadatas"]
    assert {m["page"] for m in meta} == {6, 7, 8}

    services = build_services(settings)
    results = services.ask.search(SearchRequest(query="คณะกรรมการบริการดิจิทัล นายกรัฐมนตรี ประธาน", top_k=3)).results
    assert results and results[0].doc_id == "mini-act" and results[0].section == "มาตรา 3"
    dense = services.snapshot.chroma.query(services.embedder.get_query_embedding("ขนส่งจังหวัดน่าน อีเมล"), 3)
    assert dense and all(cid.split(":")[0] in {"mini-act", "mini-plan", "nan-transport"} for cid, _ in dense)
    answer = services.ask.ask(AskRequest(question="คณะกรรมการบริการดิจิทัลประกอบด้วยใคร"))
    assert not answer.abstained and answer.citations[0].doc_id == "mini-act"

    # updates through the server: each version adds only its changed chunks, taking the rest from v0001's
    nan = mini_corpus / "announcements" / "nan-transport.md"
    for i in range(2):
        nan.write_text(nan.read_text(encoding="utf-8") + f"\nข้อ {3 + i} ให้เพิ่มช่องทางที่ {i + 3}\n", encoding="utf-8")
        again = run_ingest(settings, progress=False)
        assert again.changed == ["nan-transport"] and again.chunks_cached > 0
    names = {c.name if hasattr(c, "name") else str(c) for c in remote.list_collections()}
    store = VersionStore(settings.index_dir)
    layouts = [VectorLayout.for_version(v, store.path(v)) for v in ("v0002", "v0003")]
    assert names == {collection_name("v0002"), collection_name("v0003")} | {x.base for x in layouts if x.base}
    assert all(x.base == collection_name("v0001") for x in layouts), "an update should reuse v0001's vectors"
    assert store.current() == "v0003"
    assert not (settings.index_dir / "chroma").exists()

    # the CLI reaches the same server through the environment
    proc = run_cli("ask", "ติดต่อสำนักงานขนส่งจังหวัดน่านทางอีเมลอะไร", "--json",
                   env={"DGPLAN_DATA_DIR": str(data)}, timeout=300)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert '"nan-transport"' in proc.stdout
    assert not (settings.index_dir / "chroma").exists()
