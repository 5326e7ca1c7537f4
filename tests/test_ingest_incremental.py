"""The incremental ingest: unchanged documents are not loaded again, and the result equals a from-scratch build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import index.ingest as ingest_module
from assistant.schemas import SearchRequest
from assistant.services import build_services
from dgplan.settings import Settings, load_settings
from index.bm25_component import read_tokens
from index.build import run_ingest
from index.chroma_component import VectorLayout, build_client
from index.chunk_record import read_chunks
from index.versions import VersionStore, read_json
from tests.test_ingest import _manifest_remove, vector_entries

QUERIES = ["คณะกรรมการบริการดิจิทัล นายกรัฐมนตรี", "ขนส่งจังหวัดน่าน อีเมล", "โครงการ 1.1 งบประมาณ", "DLT Smart Queue"]
DERIVED = ("aliases.json", "projects.json", "plan.json", "laws.json", "documents.json", "term_df.json")


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + " " + text + "\n", encoding="utf-8")


def _search(settings: Settings) -> list[list[tuple[str, float]]]:
    ask = build_services(settings).ask
    return [
        [(h.chunk_id, round(h.score, 4)) for h in ask.search(SearchRequest(query=q, top_k=5)).results] for q in QUERIES
    ]


def test_unchanged_documents_are_reused_and_the_result_equals_a_fresh_build(
    mini_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = mini_settings.resolved_corpus_dir
    run_ingest(mini_settings, progress=False)

    loaded: list[str] = []
    real_load = ingest_module.load_document

    def counting_load(spec):  # type: ignore[no-untyped-def]
        loaded.append(spec.doc_id)
        return real_load(spec)

    monkeypatch.setattr(ingest_module, "load_document", counting_load)
    _append(corpus / "announcements" / "nan-transport.md", "ข้อ 3 ให้ยื่นคำขอผ่านแอปพลิเคชัน DLT Smart Queue ได้ตลอดเวลา")
    changed = run_ingest(mini_settings, progress=False)
    assert changed.changed == ["nan-transport"] and loaded == ["nan-transport"], "an unchanged document was loaded"
    store = VersionStore(mini_settings.index_dir)
    before, after = (read_json(store.path(v) / "manifest.json")["derived"] for v in ("v0001", "v0002"))
    # the law book and the plan read no announcement: carried over, not rebuilt
    assert before["build_law_artefacts"] == after["build_law_artefacts"]
    assert before["build_plan_artefact"] == after["build_plan_artefact"]

    loaded.clear()
    _manifest_remove(corpus, "mini-act")
    removed = run_ingest(mini_settings, progress=False)
    assert removed.removed == ["mini-act"] and loaded == [] and removed.chunks_embedded == 0
    layout = VectorLayout.for_version("v0003", store.path("v0003"))
    assert layout.base, "one removed document should not rebuild the whole vector collection"
    monkeypatch.undo()

    # the same corpus ingested from nothing
    fresh = load_settings(None, data_dir=tmp_path / "fresh-data", corpus_dir=corpus)
    scratch = run_ingest(fresh, progress=False)
    assert not VectorLayout.for_version(scratch.version or "", VersionStore(fresh.index_dir).path("v0001")).base
    inc_dir, new_dir = store.path("v0003"), VersionStore(fresh.index_dir).path("v0001")
    assert read_chunks(inc_dir) == read_chunks(new_dir)
    assert read_tokens(inc_dir) == read_tokens(new_dir)
    for name in DERIVED:
        assert (inc_dir / name).exists() == (new_dir / name).exists(), name
        if (new_dir / name).exists():
            assert json.loads((inc_dir / name).read_text("utf-8")) == json.loads((new_dir / name).read_text("utf-8"))
    inc_vectors = vector_entries(
        build_client(mini_settings.chroma, mini_settings.index_dir / "chroma"), "v0003", inc_dir
    )
    new_vectors = vector_entries(build_client(fresh.chroma, fresh.index_dir / "chroma"), "v0001", new_dir)
    assert inc_vectors == new_vectors
    results = _search(mini_settings)
    assert any(results) and results == _search(fresh)


def test_a_removed_document_leaves_no_trace(mini_settings: Settings) -> None:
    corpus = mini_settings.resolved_corpus_dir
    run_ingest(mini_settings, progress=False)
    _manifest_remove(corpus, "nan-transport")
    run_ingest(mini_settings, progress=False)
    services = build_services(mini_settings)
    assert not services.ask.search(SearchRequest(query="ขนส่งจังหวัดน่าน", top_k=10, doc_id="nan-transport")).results
    # two more versions push out the one that still served it (keep_versions=2)
    for i in range(2):
        _append(corpus / "laws" / "mini-act.txt", f"หมายเหตุท้ายพระราชบัญญัติ ฉบับที่ {i + 1}")
        run_ingest(mini_settings, progress=False)
    store = VersionStore(mini_settings.index_dir)
    client = build_client(mini_settings.chroma, mini_settings.index_dir / "chroma")
    names = [c.name if hasattr(c, "name") else str(c) for c in client.list_collections()]
    assert names
    for name in names:
        metas = client.get_collection(name, embedding_function=None).get(include=["metadatas"])["metadatas"]
        assert metas and all(m["doc_id"] != "nan-transport" for m in metas), f"left in Chroma collection {name}"
    assert len(store.complete_versions()) == 2
    for version in store.complete_versions():
        path = store.path(version)
        tokens = read_tokens(path)
        assert tokens and all(not cid.startswith("nan-transport:") for cid in tokens), "left in the BM25 tokens"
        assert all(c.doc_id != "nan-transport" for c in read_chunks(path))
        assert "nan-transport" not in (path / "texts.jsonl").read_text(encoding="utf-8")
        assert "nan-transport" not in {d["doc_id"] for d in read_json(path / "documents.json")}
