"""Reading a corpus folder: manifest entries, or a scan of bare files when there is no manifest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.manifest import file_sha256, read_corpus
from dgplan.errors import CorpusError


def test_manifest_entries_become_specs(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text(
        json.dumps(
            {
                "documents": [
                    {
                        "id": "plan",
                        "kind": "plan",
                        "lang": "th",
                        "date": "2023-04-10",
                        "title": "แผนพัฒนารัฐบาลดิจิทัล",
                        "source_url": "https://example.test/plan.pdf",
                        "sha256": "ab" * 32,
                        "file": "plan/plan.md",
                        "chars": 10,
                    }
                ]
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    [spec] = read_corpus(tmp_path)
    assert spec.doc_id == "plan"
    assert spec.kind == "plan"
    assert spec.title == "แผนพัฒนารัฐบาลดิจิทัล"
    assert spec.path == tmp_path / "plan" / "plan.md"
    assert spec.sha256 == "ab" * 32
    assert spec.date == "2023-04-10"
    assert spec.source_url == "https://example.test/plan.pdf"


@pytest.mark.parametrize(
    "content",
    ["{not json", json.dumps({"docs": []}), json.dumps({"documents": [{"kind": "law"}]}), json.dumps([1])],
)
def test_malformed_manifest_is_a_corpus_error(tmp_path: Path, content: str) -> None:
    (tmp_path / "manifest.json").write_text(content, encoding="utf-8")
    with pytest.raises(CorpusError, match="manifest"):
        read_corpus(tmp_path)


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    entry = {"id": "a", "file": "a.txt"}
    (tmp_path / "manifest.json").write_text(json.dumps({"documents": [entry, entry]}), encoding="utf-8")
    with pytest.raises(CorpusError, match="duplicate"):
        read_corpus(tmp_path)


def test_missing_directory_is_a_corpus_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="not found"):
        read_corpus(tmp_path / "nowhere")


def test_scan_without_manifest_guesses_kind_and_title(tmp_path: Path) -> None:
    (tmp_path / "laws").mkdir()
    (tmp_path / "laws" / "act.txt").write_text("\nพระราชบัญญัติทดสอบ\nมาตรา ๑", encoding="utf-8")
    (tmp_path / "announcements").mkdir()
    (tmp_path / "announcements" / "ann.md").write_text(
        "---\nname: >-\n  ประกาศกรม\n  เรื่อง ทดสอบ\n---\n# หัวเรื่อง\n", encoding="utf-8"
    )
    (tmp_path / "notes.md").write_text("# บันทึก\nเนื้อหา", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    specs = {spec.doc_id: spec for spec in read_corpus(tmp_path)}
    assert set(specs) == {"act", "ann", "notes"}
    assert (specs["act"].kind, specs["act"].title) == ("law", "พระราชบัญญัติทดสอบ")
    assert (specs["ann"].kind, specs["ann"].title) == ("announcement", "ประกาศกรม เรื่อง ทดสอบ")
    assert (specs["notes"].kind, specs["notes"].title) == ("other", "บันทึก")


def test_file_sha256(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(b"abc")
    assert file_sha256(path) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
