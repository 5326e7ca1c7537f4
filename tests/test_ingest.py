"""Ingest end to end on the mini corpus: metadata, incremental updates, broken files, a killed run, the CLI."""

from __future__ import annotations

import itertools
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.schemas import SearchRequest
from assistant.services import build_services
from dgplan.settings import Settings
from index.build import run_ingest
from index.chroma_component import VectorLayout, build_client
from index.chunk_record import ChunkRecord
from index.snapshot import open_snapshot
from index.versions import VersionStore, read_json
from tests.conftest import run_cli

MINI_DOCS = {"mini-act", "mini-plan", "nan-transport"}


# ---------------------------------------------------------------- helpers


def _chunks(settings: Settings, version: str) -> list[ChunkRecord]:
    path = settings.index_dir / "versions" / version / "chunks.jsonl"
    with open(path, encoding="utf-8") as fh:
        return [ChunkRecord.from_json(json.loads(line)) for line in fh if line.strip()]


def vector_entries(client, version: str, version_dir: Path) -> dict[str, tuple[dict, str]]:
    """A version's vectors in Chroma (own collection + what it takes from a base): chunk id -> (metadata, text)."""
    layout = VectorLayout.for_version(version, version_dir)
    got = client.get_collection(layout.own, embedding_function=None).get(include=["metadatas", "documents"])
    out = {k: (m, d) for k, m, d in zip(got["ids"], got["metadatas"], got["documents"], strict=True)}
    if layout.base:
        base = client.get_collection(layout.base, embedding_function=None)
        got = base.get(ids=layout.from_base, include=["metadatas", "documents"])
        assert len(got["ids"]) == len(layout.from_base), "the base lacks chunks the version takes from it"
        assert not set(got["ids"]) & set(out), "a chunk is in both the base and the version's own collection"
        out.update({k: (m, d) for k, m, d in zip(got["ids"], got["metadatas"], got["documents"], strict=True)})
    return out


def _entries(settings: Settings, version: str) -> dict[str, tuple[dict, str]]:
    client = build_client(settings.chroma, settings.index_dir / "chroma")
    return vector_entries(client, version, settings.index_dir / "versions" / version)


def _kept_collections_only(settings: Settings) -> bool:
    """Chroma holds exactly the collections the kept versions use (nothing of pruned or killed runs)."""
    store = VersionStore(settings.index_dir)
    client = build_client(settings.chroma, settings.index_dir / "chroma")
    used = {c for v in store.complete_versions() for c in VectorLayout.for_version(v, store.path(v)).collections()}
    return {c.name if hasattr(c, "name") else str(c) for c in client.list_collections()} == used


def _manifest_add(corpus: Path, entry: dict) -> None:
    path = corpus / "manifest.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["documents"].append(entry)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def _manifest_remove(corpus: Path, doc_id: str) -> None:
    path = corpus / "manifest.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["documents"] = [d for d in data["documents"] if d["id"] != doc_id]
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


_AGENCIES = [
    "สำนักงานพัฒนารัฐบาลดิจิทัล", "กรมการปกครอง", "กรมสรรพากร", "สำนักงานสถิติแห่งชาติ", "กรมการขนส่งทางบก",
    "กรมบัญชีกลาง", "สำนักงานคณะกรรมการข้าราชการพลเรือน", "กรมส่งเสริมการเกษตร", "กรมควบคุมโรค", "กรมที่ดิน",
]  # fmt: skip
_ACTIONS = [
    "พัฒนาระบบ", "ปรับปรุงฐานข้อมูล", "เชื่อมโยงบริการ", "ฝึกอบรมบุคลากรด้าน", "ประเมินผลการใช้งาน",
    "จัดทำมาตรฐาน", "เปิดเผยข้อมูลเกี่ยวกับ", "ลดขั้นตอนการขออนุญาต", "ออกแบบแพลตฟอร์ม", "ตรวจสอบความปลอดภัยของ",
]  # fmt: skip
_TOPICS = [
    "ใบอนุญาตขับขี่", "ภาษีเงินได้บุคคลธรรมดา", "ทะเบียนราษฎร", "สวัสดิการผู้สูงอายุ", "ข้อมูลสุขภาพ",
    "โฉนดที่ดิน", "การจัดซื้อจัดจ้าง", "เกษตรกรรายย่อย", "การศึกษาทางไกล", "น้ำท่วมและภัยแล้ง", "การท่องเที่ยวชุมชน",
]  # fmt: skip
_PLACES = [
    "จังหวัดเชียงใหม่", "จังหวัดขอนแก่น", "จังหวัดสงขลา", "จังหวัดน่าน", "กรุงเทพมหานคร", "จังหวัดอุบลราชธานี",
    "จังหวัดภูเก็ต", "จังหวัดนครราชสีมา", "จังหวัดระยอง", "จังหวัดพิษณุโลก",
]  # fmt: skip
_GOALS = [
    "เพื่อให้ประชาชนได้รับบริการรวดเร็วขึ้น", "เพื่อลดค่าใช้จ่ายของหน่วยงานของรัฐ", "เพื่อความโปร่งใสในการทำงาน",
    "เพื่อให้ข้อมูลมีคุณภาพและเป็นปัจจุบัน", "เพื่อรองรับการให้บริการแบบไร้กระดาษ", "เพื่อคุ้มครองข้อมูลส่วนบุคคล",
]  # fmt: skip


def _thai_document(seed: int, chars: int) -> str:
    """Varied Thai prose (so every chunk has a distinct embedding), in paragraphs of a few sentences."""
    rng = random.Random(seed)
    paragraphs, para, total = [], [], 0
    while total < chars:
        sentence = (
            f"{rng.choice(_AGENCIES)}{rng.choice(_ACTIONS)}{rng.choice(_TOPICS)}ใน{rng.choice(_PLACES)} "
            f"จำนวน {rng.randint(2, 9999):,} รายการ ภายในปีงบประมาณ {rng.randint(2566, 2575)} "
            f"{rng.choice(_GOALS)} "
        )
        para.append(sentence)
        total += len(sentence)
        if len(para) >= rng.randint(3, 5):
            paragraphs.append("".join(para).strip())
            para = []
    if para:
        paragraphs.append("".join(para).strip())
    return "\n\n".join(paragraphs) + "\n"


def _cache_rows(settings: Settings) -> int:
    path = settings.index_dir / "embedding-cache.sqlite"
    if not path.exists():
        return 0
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
        try:
            return int(db.execute("SELECT COUNT(*) FROM emb").fetchone()[0])
        finally:
            db.close()
    except sqlite3.Error:
        return 0


# ---------------------------------------------------------------- first build


def test_first_ingest_builds_v0001_with_citation_metadata_then_is_unchanged(mini_settings: Settings) -> None:
    report = run_ingest(mini_settings, progress=False)
    assert report.status == "built" and report.version == "v0001"
    assert sorted(report.added) == sorted(MINI_DOCS) and not report.failed
    assert report.chunks_embedded == report.chunks > 0 and report.chunks_cached == 0
    store = VersionStore(mini_settings.index_dir)
    assert store.current() == "v0001"
    assert not list(store.versions_dir.glob("*.partial"))

    chunks = _chunks(mini_settings, "v0001")
    assert len(chunks) == report.chunks
    assert {c.doc_id for c in chunks} == MINI_DOCS
    entries = read_json(mini_settings.resolved_corpus_dir / "manifest.json")["documents"]
    titles = {d["id"]: d["title"] for d in entries}
    urls = {d["id"]: d["source_url"] for d in entries}
    for c in chunks:
        assert c.title == titles[c.doc_id] and c.source_url == urls[c.doc_id]
        assert 0 <= c.start < c.end and c.text.strip()
    law = [c for c in chunks if c.doc_id == "mini-act"]
    assert all(c.kind == "law" for c in law)
    sections = {c.section for c in law}
    assert {"มาตรา 1", "มาตรา 3", "มาตรา 6"} <= sections
    assert next(c for c in law if c.section == "มาตรา 3").text.count("นายกรัฐมนตรี") == 1
    plan = [c for c in chunks if c.doc_id == "mini-plan"]
    assert all(c.kind == "plan" for c in plan)
    assert {c.page for c in plan} == {6, 7, 8}
    project = [c for c in plan if c.project == "1.1"]
    assert project and project[0].page == 8 and "1.1" in (project[0].section or "")
    # offsets point into the loaded text: chunks of one document are ordered and do not overlap
    for doc_id in MINI_DOCS:
        spans = [(c.start, c.end) for c in chunks if c.doc_id == doc_id]
        assert spans == sorted(spans)
        assert all(a_end <= b_start for (_, a_end), (b_start, _) in itertools.pairwise(spans))

    # Chroma holds exactly these chunks with the same metadata
    entries = _entries(mini_settings, "v0001")
    assert len(entries) == len(chunks)
    meta, stored_text = entries[project[0].chunk_id]
    assert meta["doc_id"] == "mini-plan" and meta["page"] == 8 and meta["project"] == "1.1"
    assert meta["source_url"] == "https://example.invalid/mini-plan.pdf"
    assert (meta["start"], meta["end"]) == (project[0].start, project[0].end)
    assert stored_text == project[0].text

    docs = {d["doc_id"]: d for d in read_json(store.path("v0001") / "documents.json")}
    assert set(docs) == MINI_DOCS
    assert docs["mini-plan"]["pages"] == [6, 8]
    assert sum(d["chunks"] for d in docs.values()) == len(chunks)

    again = run_ingest(mini_settings, progress=False)
    assert again.status == "unchanged" and again.version == "v0001"
    assert again.chunks_embedded == 0 and again.chars_embedded == 0
    assert again.chunks == report.chunks
    assert store.complete_versions() == ["v0001"]


# ---------------------------------------------------------------- incremental updates


def test_changed_document_reembeds_only_its_chunks_and_deleted_document_disappears(
    mini_settings: Settings,
) -> None:
    store = VersionStore(mini_settings.index_dir)
    first = run_ingest(mini_settings, progress=False)
    assert first.version == "v0001"
    nan_before = [c for c in _chunks(mini_settings, "v0001") if c.doc_id == "nan-transport"]

    nan = mini_settings.resolved_corpus_dir / "announcements" / "nan-transport.md"
    added = "ข้อ 3 ให้ประชาชนยื่นคำขอต่ออายุใบอนุญาตขับรถผ่านแอปพลิเคชัน DLT Smart Queue ได้ตลอดยี่สิบสี่ชั่วโมง"
    nan.write_text(nan.read_text(encoding="utf-8").rstrip("\n") + " " + added + "\n", encoding="utf-8")
    second = run_ingest(mini_settings, progress=False)
    assert second.status == "built" and second.version == "v0002"
    assert second.changed == ["nan-transport"] and not second.added and not second.removed
    assert 1 <= second.chunks_embedded <= len(nan_before) + 1
    assert second.chunks_cached >= first.chunks - len(nan_before)
    assert second.chunks_embedded + second.chunks_cached == second.chunks
    assert store.current() == "v0002"
    v2 = _chunks(mini_settings, "v0002")
    assert any("DLT Smart Queue" in c.text for c in v2 if c.doc_id == "nan-transport")
    assert not any("DLT Smart Queue" in c.text for c in _chunks(mini_settings, "v0001"))
    # keep_versions=2: the previous version is still there, with its vectors
    assert store.complete_versions() == ["v0001", "v0002"]
    assert len(_entries(mini_settings, "v0001")) == first.chunks and _kept_collections_only(mini_settings)

    _manifest_remove(mini_settings.resolved_corpus_dir, "mini-act")
    third = run_ingest(mini_settings, progress=False)
    assert third.version == "v0003" and third.removed == ["mini-act"]
    assert third.chunks_embedded == 0, "no text changed, everything comes from the cache"
    v3 = _chunks(mini_settings, "v0003")
    assert {c.doc_id for c in v3} == {"mini-plan", "nan-transport"}
    assert len(v3) == len(v2) - sum(c.doc_id == "mini-act" for c in v2)
    entries = _entries(mini_settings, "v0003")
    assert len(entries) == len(v3)
    assert all(meta["doc_id"] != "mini-act" for meta, _ in entries.values())
    snapshot = open_snapshot(mini_settings)
    assert snapshot.version == "v0003"
    assert {d["doc_id"] for d in snapshot.documents} == {"mini-plan", "nan-transport"}
    assert not snapshot.doc_chunks("mini-act")
    # v0001 is pruned: folder and the vector entries only it used
    assert store.complete_versions() == ["v0002", "v0003"]
    assert not store.path("v0001").exists()
    assert _kept_collections_only(mini_settings)


def test_broken_pdf_is_reported_and_the_rest_is_indexed(mini_settings: Settings) -> None:
    corpus = mini_settings.resolved_corpus_dir
    (corpus / "broken").mkdir()
    (corpus / "broken" / "garbage.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(3000) + b"\nnot really a pdf")
    _manifest_add(corpus, {"id": "garbage", "kind": "standard", "title": "เอกสารเสีย", "file": "broken/garbage.pdf"})
    report = run_ingest(mini_settings, progress=False)
    assert report.version == "v0001"
    failed = dict(report.failed)
    assert set(failed) == {"garbage"}
    reason = failed["garbage"]
    assert isinstance(reason, str) and len(reason) > 5
    assert "Traceback" not in reason
    assert "FAILED garbage" in report.summary()
    chunks = _chunks(mini_settings, "v0001")
    assert {c.doc_id for c in chunks} == MINI_DOCS
    manifest = read_json(VersionStore(mini_settings.index_dir).path("v0001") / "manifest.json")
    assert "garbage" not in manifest["fingerprints"] and manifest["failed"][0][0] == "garbage"
    hits = build_services(mini_settings).ask.search(SearchRequest(query="คณะกรรมการบริการดิจิทัล", top_k=3))
    assert hits.results and hits.results[0].doc_id == "mini-act"


# ---------------------------------------------------------------- a killed ingest


N_GENERATED = 40
GENERATED_CHARS = 300  # ~15k chars: several seconds of embedding in small single-engine batches
EMBED_BATCH = 2


def test_killed_ingest_keeps_old_version_live_and_rerun_resumes_from_cache(mini_settings: Settings) -> None:
    settings = mini_settings
    store = VersionStore(settings.index_dir)
    first = run_ingest(settings, progress=False)
    assert first.version == "v0001"
    baseline_rows = _cache_rows(settings)
    assert baseline_rows == first.chunks

    corpus = settings.resolved_corpus_dir
    (corpus / "generated").mkdir()
    for i in range(N_GENERATED):
        (corpus / "generated" / f"gen-{i:02d}.txt").write_text(_thai_document(i, GENERATED_CHARS), encoding="utf-8")
        _manifest_add(corpus, {
            "id": f"gen-{i:02d}", "kind": "announcement", "title": f"ประกาศทดสอบฉบับที่ {i + 1}",
            "file": f"generated/gen-{i:02d}.txt",
        })  # fmt: skip

    env = {
        **os.environ,
        "DGPLAN_DATA_DIR": str(settings.data_dir),
        "DGPLAN_EMBEDDING__BATCH_SIZE": str(EMBED_BATCH),  # small committed batches: progress shows early
        "DGPLAN_LOG_LEVEL": "WARNING",
    }
    cmd = [sys.executable, "-m", "dgplan", "ingest", "--json", "--corpus-dir", str(corpus)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    progress_rows = 0
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            progress_rows = _cache_rows(settings) - baseline_rows
            if progress_rows >= 2 * EMBED_BATCH and list(store.versions_dir.glob("*.partial")):
                break
            time.sleep(0.05)
        assert proc.poll() is None, "ingest finished before it could be interrupted: " + proc.stderr.read().decode()
        partials = [p.name for p in store.versions_dir.glob("*.partial")]
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    assert partials == ["v0002.partial"]
    assert progress_rows >= 2 * EMBED_BATCH
    cached_after_kill = _cache_rows(settings) - baseline_rows

    # the live index did not move and still answers
    assert store.current() == "v0001"
    assert (settings.index_dir / "CURRENT").read_text(encoding="utf-8").strip() == "v0001"
    services = build_services(settings)
    assert services.snapshot.version == "v0001"
    assert {d["doc_id"] for d in services.snapshot.documents} == MINI_DOCS
    hits = services.ask.search(SearchRequest(query="ช่องทางอิเล็กทรอนิกส์ขนส่งจังหวัดน่าน", top_k=3)).results
    assert hits and hits[0].doc_id == "nan-transport"

    # re-run to completion: the new version goes live and reuses what the killed run embedded
    done = run_cli("ingest", "--json", "--corpus-dir", str(corpus), env={"DGPLAN_DATA_DIR": str(settings.data_dir)})
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    version = report["version"]
    assert report["status"] == "built" and version > "v0002"
    assert not report["failed"]
    assert report["chunks_embedded"] + report["chunks_cached"] == report["chunks"]
    assert report["chunks_cached"] >= first.chunks + cached_after_kill
    assert report["chunks_embedded"] < report["chunks"] - first.chunks
    assert store.current() == version
    assert not list(store.versions_dir.glob("*.partial")), "leftover partial folder was not cleaned up"
    chunks = _chunks(settings, version)
    expected = MINI_DOCS | {f"gen-{i:02d}" for i in range(N_GENERATED)}
    assert {c.doc_id for c in chunks} == expected
    assert len(_entries(settings, version)) == len(chunks)
    assert _kept_collections_only(settings), "the killed run's collection was kept"
    fresh = build_services(settings)
    assert fresh.snapshot.version == version
    hits = fresh.ask.search(SearchRequest(query="ประกาศทดสอบฉบับที่ 7", top_k=10, doc_id="gen-06")).results
    assert hits and all(h.doc_id == "gen-06" for h in hits)


# ---------------------------------------------------------------- command line


@pytest.mark.parametrize("args", [("--help",), ("ingest", "--help")])
def test_cli_help(args: tuple[str, ...]) -> None:
    proc = run_cli(*args, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Usage" in proc.stdout
    if args[0] == "ingest":
        assert "--corpus-dir" in proc.stdout and "--json" in proc.stdout
    else:
        for command in ("ingest", "ask", "serve", "corpus"):
            assert command in proc.stdout


def test_projects_command_prints_and_exports(mini_settings: Settings, tmp_path: Path) -> None:
    from index.build import run_ingest

    run_ingest(mini_settings, progress=False)
    env = {"DGPLAN_DATA_DIR": str(mini_settings.data_dir)}
    shown = run_cli("projects", "--agency", "กรมทดสอบการปกครอง", env=env)
    assert shown.returncode == 0, shown.stderr
    assert "1.1" in shown.stdout and "123.4567" in shown.stdout
    out = tmp_path / "projects.csv"
    exported = run_cli("projects", "--csv", str(out), env=env)
    assert exported.returncode == 0, exported.stderr
    assert "สำนักงานทดสอบดิจิทัล" in out.read_text(encoding="utf-8-sig")
