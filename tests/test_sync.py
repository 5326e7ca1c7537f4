"""Syncing a corpus into the data dir from a mirror folder, or from source URLs over a mock transport."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

import httpx
import pytest

from corpus import sync
from corpus.manifest import file_sha256, read_corpus
from corpus.sync import sync_corpus
from dgplan.errors import CorpusError


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def mirror(tmp_path: Path) -> Path:
    """A tiny read-only mirror: two good documents and one whose bytes do not match the manifest."""
    root = tmp_path / "mirror"
    files = {
        "laws/act.txt": "มาตรา ๑ ข้อความ".encode(),
        "announcements/ann.md": "---\nname: ประกาศ\n---\nข้อ 1".encode(),
        "plan/bad.md": "ถูกแก้ไข".encode(),
    }
    for relative, data in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_bytes(data)
    manifest = {
        "documents": [
            {
                "id": "act",
                "kind": "law",
                "title": "พ.ร.บ.",
                "file": "laws/act.txt",
                "sha256": _sha(files["laws/act.txt"]),
            },
            {"id": "ann", "kind": "announcement", "title": "ประกาศ", "file": "announcements/ann.md"},
            {"id": "bad", "kind": "plan", "title": "แผน", "file": "plan/bad.md", "sha256": _sha(b"original")},
        ]
    }
    (root / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    for path in root.rglob("*"):
        path.chmod(stat.S_IREAD | stat.S_IEXEC if path.is_dir() else stat.S_IREAD)
    root.chmod(stat.S_IREAD | stat.S_IEXEC)
    yield root
    for path in [root, *root.rglob("*")]:
        path.chmod(stat.S_IRWXU)


def _snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): file_sha256(p) for p in root.rglob("*") if p.is_file()}


def test_mirror_sync_copies_files_and_reports_mismatch(tmp_path: Path, mirror: Path) -> None:
    before = _snapshot(mirror)
    report = sync_corpus(tmp_path / "data", mirror=mirror, manifest_path=None)
    assert sorted(report.synced) == ["act", "ann"]
    assert [doc_id for doc_id, _ in report.failed] == ["bad"]
    assert "sha256 mismatch" in report.failed[0][1]
    corpus_dir = tmp_path / "data" / "corpus"
    assert (corpus_dir / "laws" / "act.txt").read_text(encoding="utf-8") == "มาตรา ๑ ข้อความ"
    assert not (corpus_dir / "plan" / "bad.md").exists()
    assert [spec.doc_id for spec in read_corpus(corpus_dir)] == ["act", "ann", "bad"]
    assert _snapshot(mirror) == before


def test_mirror_sync_is_idempotent(tmp_path: Path, mirror: Path) -> None:
    sync_corpus(tmp_path / "data", mirror=mirror, manifest_path=None)
    again = sync_corpus(tmp_path / "data", mirror=mirror, manifest_path=None)
    assert again.synced == []
    assert sorted(again.skipped) == ["act", "ann"]
    assert [doc_id for doc_id, _ in again.failed] == ["bad"]


def test_changed_local_file_is_copied_again(tmp_path: Path, mirror: Path) -> None:
    sync_corpus(tmp_path / "data", mirror=mirror, manifest_path=None)
    local = tmp_path / "data" / "corpus" / "laws" / "act.txt"
    local.write_text("เสียหาย", encoding="utf-8")
    report = sync_corpus(tmp_path / "data", mirror=mirror, manifest_path=None)
    assert report.synced == ["act"]
    assert local.read_text(encoding="utf-8") == "มาตรา ๑ ข้อความ"


def test_missing_mirror_or_manifest_is_a_corpus_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError):
        sync_corpus(tmp_path / "data", mirror=tmp_path / "nowhere", manifest_path=None)
    with pytest.raises(CorpusError):
        sync_corpus(tmp_path / "data", mirror=None, manifest_path=None)


def test_download_saves_pdf_and_points_manifest_at_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = b"%PDF-1.4 fake gazette bytes"
    text = "มาตรา ๑".encode()

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/doc.pdf":
            return httpx.Response(200, content=pdf, headers={"content-type": "application/pdf"})
        if request.url.path == "/law.txt":
            return httpx.Response(200, content=text, headers={"content-type": "text/plain"})
        return httpx.Response(404)

    monkeypatch.setattr(sync, "_http_client", lambda: httpx.Client(transport=httpx.MockTransport(handler)))
    manifest = tmp_path / "manifest.json"
    entries = [
        {
            "id": "gz",
            "file": "announcements/gz.md",
            "sha256": _sha(b"text"),
            "source_url": "https://x.test/doc.pdf",
        },
        {"id": "law", "file": "laws/law.txt", "sha256": _sha(text), "source_url": "https://x.test/law.txt"},
        {"id": "gone", "file": "laws/gone.txt", "source_url": "https://x.test/missing"},
        {"id": "nourl", "file": "plan/letter.txt", "source_url": None},
    ]
    manifest.write_text(json.dumps({"documents": entries}), encoding="utf-8")
    report = sync_corpus(tmp_path / "data", mirror=None, manifest_path=manifest)
    assert sorted(report.synced) == ["gz", "law"]
    failed = dict(report.failed)
    assert "HTTP 404" in failed["gone"]
    assert "no source_url" in failed["nourl"]
    corpus_dir = tmp_path / "data" / "corpus"
    assert (corpus_dir / "announcements" / "gz.pdf").read_bytes() == pdf
    copied = json.loads((corpus_dir / "manifest.json").read_text(encoding="utf-8"))
    assert copied["documents"][0]["file"] == "announcements/gz.pdf"
    assert json.loads(manifest.read_text(encoding="utf-8"))["documents"][0]["file"] == "announcements/gz.md"

    rerun = sync_corpus(tmp_path / "data", mirror=None, manifest_path=corpus_dir / "manifest.json")
    assert sorted(rerun.skipped) == ["gz", "law"]


def test_network_errors_fail_only_that_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if "slow" in request.url.path:
            raise httpx.ReadTimeout("timed out", request=request)
        return httpx.Response(200, content=b"ok")

    monkeypatch.setattr(sync, "_http_client", lambda: httpx.Client(transport=httpx.MockTransport(handler)))
    manifest = tmp_path / "m.json"
    manifest.write_text(
        json.dumps(
            {
                "documents": [
                    {"id": "slow", "file": "a.txt", "source_url": "https://x.test/slow"},
                    {"id": "fast", "file": "b.txt", "source_url": "https://x.test/fast"},
                ]
            }
        ),
        encoding="utf-8",
    )
    report = sync_corpus(tmp_path / "data", mirror=None, manifest_path=manifest)
    assert report.synced == ["fast"]
    assert "ReadTimeout" in dict(report.failed)["slow"]
    assert os.path.exists(tmp_path / "data" / "corpus" / "b.txt")


def test_summary_lists_failures(tmp_path: Path, mirror: Path) -> None:
    summary = sync_corpus(tmp_path / "data", mirror=mirror, manifest_path=None).summary()
    assert summary.splitlines()[0] == "corpus sync: 2 synced, 0 up to date, 1 failed"
    assert summary.splitlines()[1].startswith("FAILED bad: sha256 mismatch")
