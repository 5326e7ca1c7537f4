"""Corpus administration on the mini corpus with real Chroma and the real embedder: checks, effects, safety."""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

import pytest

from assistant.schemas import SearchRequest
from assistant.services import build_services
from corpus import audit_log
from corpus.admin import CorpusEditor, DocumentMeta, check_document, derive_doc_id, sniff_suffix, validate_doc_id
from corpus.manifest import read_corpus
from corpus.sync import sync_corpus
from dgplan.errors import DocumentRejected
from dgplan.settings import Settings
from evals.pdf_samples import bomb_pdf, text_pdf
from index import corpus_ops
from index.build import run_ingest
from index.chunk_record import read_chunks
from index.corpus_diff import diff_corpus
from index.corpus_ops import CorpusOps
from index.ingest import ingest
from index.versions import VersionStore

NAN_QUERY = "ช่องทางอิเล็กทรอนิกส์สำหรับติดต่อสำนักงานขนส่งจังหวัดน่าน"


def _doc_ids_found(settings: Settings, query: str) -> set[str]:
    services = build_services(settings)
    hits = services.ask.search(SearchRequest(query=query, top_k=10)).results
    return {h.doc_id for h in hits}


# ------------------------------------------------------------------ checks that need no index


@pytest.mark.parametrize("bad", ["../etc", "a/b", "a\\b", "..", "x..y", "", ".hidden", "ก-ข", "a" * 121])
def test_unsafe_ids_are_refused(bad: str) -> None:
    with pytest.raises(DocumentRejected) as err:
        validate_doc_id(bad)
    assert err.value.code == "bad_id"


def test_ids_are_derived_safely() -> None:
    assert derive_doc_id("Digital Plan 2566.pdf", b"x") == "digital-plan-2566"
    assert derive_doc_id("../../etc/passwd", b"x") == "passwd"
    assert derive_doc_id("ประกาศ.pdf", b"abc").startswith("doc-")
    assert validate_doc_id("140D101S0000000003700") == "140D101S0000000003700"


def test_type_comes_from_content_not_name() -> None:
    assert sniff_suffix(text_pdf(["hello"]), "whatever.bin") == ".pdf"
    assert sniff_suffix("# หัวข้อ\nข้อความ".encode(), "note") == ".md"
    assert sniff_suffix(b"<!doctype html><html><body>x</body></html>", "page.htm") == ".html"
    with pytest.raises(DocumentRejected) as err:
        sniff_suffix("ข้อความธรรมดา".encode(), "fake.pdf")
    assert err.value.code == "type_mismatch" and "named as PDF" in err.value.detail
    with pytest.raises(DocumentRejected) as err:
        sniff_suffix(bytes(range(256)) * 10, "blob.txt")
    assert err.value.code == "bad_type"


def test_size_and_pdf_bomb_limits() -> None:
    with pytest.raises(DocumentRejected) as err:
        check_document(b"x" * 2000, "a.txt", max_bytes=1000, max_pdf_pages=10)
    assert err.value.code == "too_large"
    with pytest.raises(DocumentRejected) as err:
        check_document(bomb_pdf(), "bomb.pdf", max_bytes=10_000_000, max_pdf_pages=10)
    assert err.value.code == "pdf_bomb"
    with pytest.raises(DocumentRejected) as err:
        check_document(text_pdf(["a", "b", "c"]), "three.pdf", max_bytes=10_000_000, max_pdf_pages=2)
    assert err.value.code == "too_many_pages"


def test_sync_keeps_admin_added_documents(tmp_path: Path, mini_corpus: Path) -> None:
    data = tmp_path / "data"
    sync_corpus(data, mirror=mini_corpus, manifest_path=None)
    editor = CorpusEditor(data / "corpus")
    with editor.lock():
        editor.put("# เพิ่ม\nข้อความใหม่".encode(), ".md", DocumentMeta(kind="other", doc_id="extra"), replace=False)
    report = sync_corpus(data, mirror=mini_corpus, manifest_path=None)
    assert report.ok
    ids = [s.doc_id for s in read_corpus(data / "corpus")]
    assert ids == ["mini-act", "mini-plan", "nan-transport", "extra"]


# ------------------------------------------------------------------ effects on a real index


@pytest.fixture
def indexed(mini_settings: Settings) -> Settings:
    run_ingest(mini_settings, progress=False)
    return mini_settings


def test_remove_then_add_back_identical_content(indexed: Settings, mini_corpus: Path) -> None:
    original = (mini_corpus / "announcements" / "nan-transport.md").read_bytes()
    entry = CorpusEditor(mini_corpus).entry("nan-transport")
    assert entry is not None
    assert "nan-transport" in _doc_ids_found(indexed, NAN_QUERY)

    removed = CorpusOps(indexed).remove("nan-transport")
    assert removed.report is not None and removed.report.removed == ["nan-transport"]
    version, path = VersionStore(indexed.index_dir).require_current()
    assert version == removed.report.version
    services = build_services(indexed)
    assert "nan-transport" not in {d["doc_id"] for d in services.snapshot.documents}
    assert all(c.doc_id != "nan-transport" for c in services.snapshot.chunks)
    assert services.snapshot.chroma.count() == len(services.snapshot.chunks)
    assert "nan-transport" not in _doc_ids_found(indexed, NAN_QUERY)
    assert "ขนส่งจังหวัดน่าน" not in (path / "aliases.json").read_text(encoding="utf-8")
    assert not (mini_corpus / "announcements" / "nan-transport.md").exists()

    meta = DocumentMeta(entry["kind"], entry["title"], entry["source_url"], "nan-transport", entry["date"])
    back = CorpusOps(indexed).add(original, "nan-transport.md", meta)
    assert back.report is not None and back.report.added == ["nan-transport"]
    assert back.report.chunks_embedded == 0, "identical text must come from the embedding cache"
    assert back.report.chunks_cached == back.report.chunks
    assert "nan-transport" in _doc_ids_found(indexed, NAN_QUERY)
    actions = [(e["action"], e["outcome"]) for e in audit_log.read_all(indexed.data_dir)]
    assert actions == [("remove", "ok"), ("add", "ok")]


def test_replace_reembeds_only_changed_chunks(indexed: Settings, mini_corpus: Path) -> None:
    plan = mini_corpus / "plan" / "mini-plan.md"
    text = plan.read_text(encoding="utf-8")
    _, before_dir = VersionStore(indexed.index_dir).require_current()
    before = {c.embed_text() for c in read_chunks(before_dir)}
    last = [c for c in read_chunks(before_dir) if c.doc_id == "mini-plan"][-1]
    fragment = next(f for f in re.findall(r"\d+\.\d+", last.text) if text.count(f) == 1)
    swapped = fragment[:-1] + ("1" if fragment[-1] != "1" else "2")
    changed = text.replace(fragment, swapped)  # one digit in the last chunk: chunk boundaries stay put

    entry = CorpusEditor(mini_corpus).entry("mini-plan")
    assert entry is not None
    meta = DocumentMeta(entry["kind"], entry["title"], entry["source_url"], "mini-plan", entry["date"])
    run = CorpusOps(indexed).add(changed.encode(), "mini-plan.md", meta, replace=True)
    assert run.report is not None and "mini-plan" in run.report.changed  # others only if the pipeline changed
    after = read_chunks(VersionStore(indexed.index_dir).require_current()[1])
    new_texts = {c.embed_text() for c in after} - before
    assert run.report.chunks_embedded == len(new_texts) == 1

    again = CorpusOps(indexed).add(changed.encode(), "mini-plan.md", meta, replace=True)
    assert [e.action for e in again.edits] == ["unchanged"]
    assert again.report is not None and again.report.chunks_embedded == 0


def test_refused_uploads_change_nothing(indexed: Settings, mini_corpus: Path) -> None:
    manifest_before = (mini_corpus / "manifest.json").read_bytes()
    version_before = VersionStore(indexed.index_dir).current()
    ops = CorpusOps(indexed.model_copy(update={"admin": indexed.admin.model_copy(update={"max_upload_mb": 0.25})}))
    cases = {
        "bad_id": (b"# x\ntext", "x.md", "../escape"),
        "too_large": (b"a" * 300_000, "big.txt", "big"),
        "type_mismatch": ("ไม่ใช่ PDF".encode(), "fake.pdf", "fake"),
        "pdf_bomb": (bomb_pdf(), "bomb.pdf", "bomb"),
    }
    for code, (data, name, doc_id) in cases.items():
        with pytest.raises(DocumentRejected) as err:
            ops.add(data, name, DocumentMeta(kind="other", doc_id=doc_id))
        assert err.value.code == code, (code, err.value.detail)
    assert (mini_corpus / "manifest.json").read_bytes() == manifest_before
    assert VersionStore(indexed.index_dir).current() == version_before
    assert not (mini_corpus / "uploads").exists() or not any((mini_corpus / "uploads").iterdir())
    outcomes = [(e["outcome"], e.get("reason")) for e in audit_log.read_all(indexed.data_dir)]
    assert outcomes == [("refused", code) for code in cases]


def test_two_operations_at_once_do_not_corrupt_each_other(indexed: Settings) -> None:
    pdf = text_pdf(["Digital service counters open on weekdays.", "Appointments can be booked online."])
    errors: list[BaseException] = []

    def run(fn: object) -> None:
        try:
            fn()  # type: ignore[operator]
        except BaseException as exc:
            errors.append(exc)

    threads = [
        threading.Thread(target=run, args=(lambda: CorpusOps(indexed).remove("nan-transport"),)),
        threading.Thread(
            target=run,
            args=(lambda: CorpusOps(indexed).add(pdf, "counter.pdf", DocumentMeta(kind="other", doc_id="counter")),),
        ),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not errors, errors
    services = build_services(indexed)
    ids = {d["doc_id"] for d in services.snapshot.documents}
    assert ids == {"mini-act", "mini-plan", "counter"}
    assert services.snapshot.chroma.count() == len(services.snapshot.chunks)
    manifest = json.loads((indexed.resolved_corpus_dir / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(e["id"] for e in manifest["documents"]) == ["counter", "mini-act", "mini-plan"]


def test_crash_during_ingest_keeps_previous_version_served(
    indexed: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = VersionStore(indexed.index_dir)
    before = store.current()

    def crashing_ingest(settings: Settings, *, progress: bool = True) -> object:
        def boom(_docs: object, _work: Path) -> None:
            raise RuntimeError("simulated crash while building the new version")

        return ingest(settings, progress=progress, extra_builders=[boom])

    monkeypatch.setattr(corpus_ops, "run_ingest", crashing_ingest)
    with pytest.raises(RuntimeError, match="simulated crash"):
        CorpusOps(indexed).remove("nan-transport")
    assert store.current() == before
    services = build_services(indexed)
    assert "nan-transport" in {d["doc_id"] for d in services.snapshot.documents}
    assert audit_log.read_all(indexed.data_dir)[-1]["outcome"] == "failed"

    monkeypatch.undo()
    report = run_ingest(indexed, progress=False)  # the next ingest finishes the removal
    assert report.removed == ["nan-transport"] and store.current() == report.version


def test_sync_check_reports_exact_differences(tmp_path: Path, mini_corpus: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    CorpusOps(settings).sync(mini_corpus, None)
    clean = diff_corpus(settings, mirror=mini_corpus)
    assert (clean.differences, clean.unchanged) == (0, 3)

    act = mini_corpus / "laws" / "mini-act.txt"
    act.write_text(act.read_text(encoding="utf-8") + "\nมาตรา ๗ ข้อความที่เพิ่ม\n", encoding="utf-8")
    manifest = json.loads((mini_corpus / "manifest.json").read_text(encoding="utf-8"))
    manifest["documents"] = [e for e in manifest["documents"] if e["id"] != "nan-transport"]
    (mini_corpus / "extra.txt").write_text("ข้อความเอกสารใหม่", encoding="utf-8")
    manifest["documents"].append({"id": "extra", "kind": "other", "title": "ใหม่", "file": "extra.txt"})
    (mini_corpus / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    version = VersionStore(settings.index_dir).current()

    diff = diff_corpus(settings, mirror=mini_corpus)
    assert (diff.new, diff.changed, diff.removed) == (["extra"], ["mini-act"], ["nan-transport"])
    assert VersionStore(settings.index_dir).current() == version, "--check must change nothing"

    applied = CorpusOps(settings).sync(mini_corpus, None)
    assert applied.report is not None
    assert (applied.report.added, applied.report.removed) == (["extra"], ["nan-transport"])
    assert "mini-act" in applied.report.changed
    assert diff_corpus(settings, mirror=mini_corpus).differences == 0


def test_add_from_a_url_on_loopback(indexed: Settings, tmp_path: Path) -> None:
    import functools
    import http.server

    site = tmp_path / "site"
    site.mkdir()
    (site / "notice.txt").write_text("ประกาศทดสอบ เรื่อง ช่องทางติดต่อออนไลน์ของสำนักงานทดสอบ", encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/notice.txt"
        run = CorpusOps(indexed).add_url(url, DocumentMeta(kind="announcement", title="ประกาศทดสอบ"))
        missing = f"http://127.0.0.1:{server.server_address[1]}/missing.pdf"
        with pytest.raises(DocumentRejected, match="HTTP 404"):
            CorpusOps(indexed).add_url(missing, DocumentMeta(kind="announcement"))
    finally:
        server.shutdown()
    assert run.report is not None and run.report.added == ["notice"]
    entry = CorpusEditor(indexed.resolved_corpus_dir).entry("notice")
    assert entry is not None and entry["source_url"] == url and entry["file"] == "uploads/notice.txt"
    assert "notice" in _doc_ids_found(indexed, "ช่องทางติดต่อออนไลน์ของสำนักงานทดสอบ")


def test_cli_sync_check_changes_nothing(tmp_path: Path, mini_corpus: Path) -> None:
    from tests.conftest import run_cli

    env = {"DGPLAN_DATA_DIR": str(tmp_path / "data")}
    proc = run_cli("corpus", "sync", "--check", "--from", str(mini_corpus), env=env)
    assert proc.returncode == 0, proc.stderr
    assert "3 differences — 3 new, 0 changed, 0 removed" in proc.stdout
    assert not (tmp_path / "data" / "corpus").exists() and not (tmp_path / "data" / "index" / "CURRENT").exists()
