"""Loading real files of every supported format, end to end through repair, on tmp_path fixtures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from corpus.document import DocumentSpec
from corpus.load import load_corpus, load_document
from corpus.loaders import load_raw_pages
from corpus.manifest import read_corpus
from dgplan.errors import DocumentLoadError

SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
THAI_FONTS = [
    Path("/usr/share/fonts/truetype/tlwg") / name for name in ("Garuda.ttf", "Loma.ttf", "Norasi.ttf")
]


def _spec(path: Path, doc_id: str | None = None, title: str = "เอกสาร") -> DocumentSpec:
    return DocumentSpec(doc_id=doc_id or path.stem, kind="other", title=title, path=path)


def _thai_font() -> Path:
    for font in THAI_FONTS:
        if font.is_file():
            return font
    pytest.skip("no Thai TTF font installed")


def _write_thai_pdf(path: Path, pages: list[str]) -> Path:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_font("thai", "", str(_thai_font()))
    pdf.set_font("thai", size=14)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 10, text)
    pdf.output(str(path))
    return path


def _write_encrypted_pdf(path: Path, tmp_path: Path) -> Path:
    from pypdf import PdfWriter

    plain = _write_thai_pdf(tmp_path / "plain-for-encryption.pdf", ["ลับ"])
    writer = PdfWriter(clone_from=plain)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    with path.open("wb") as handle:
        writer.write(handle)
    plain.unlink()
    return path


def test_markdown_front_matter_becomes_metadata(tmp_path: Path) -> None:
    path = tmp_path / "ann.md"
    path.write_text(
        "---\nname: >-\n  ประกาศกรม เรื่อง\n  ช่องทางติดต่อ\npage: 7\nvolume: 140\n---\n\n"
        "# ประกาศกรม เรื่อง ช่องทางติดต่อ\n\nข้อ 1 ให้ติดต่อทางอีเมล\n",
        encoding="utf-8",
    )
    pages, meta = load_raw_pages(_spec(path))
    assert meta["name"] == "ประกาศกรม เรื่อง ช่องทางติดต่อ"
    assert meta["page"] == "7"
    assert pages[0].text == "ข้อ 1 ให้ติดต่อทางอีเมล"


def test_markdown_heading_that_differs_from_name_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\nname: ชื่อเรื่อง\n---\n# หัวข้ออื่น\nเนื้อหา\n", encoding="utf-8")
    pages, _ = load_raw_pages(_spec(path))
    assert pages[0].text.startswith("# หัวข้ออื่น")


def test_text_is_loaded_as_is(tmp_path: Path) -> None:
    path = tmp_path / "law.txt"
    path.write_text("พระราชบัญญัติ\r\nมาตรา ๑\r\n", encoding="utf-8")
    pages, meta = load_raw_pages(_spec(path))
    assert pages[0].text == "พระราชบัญญัติ\nมาตรา ๑\n"
    assert pages[0].number is None
    assert meta == {}


def test_html_keeps_blocks_on_separate_lines(tmp_path: Path) -> None:
    path = tmp_path / "law.html"
    path.write_text(
        "<html><head><title>พระราชบัญญัติ</title><style>p{color:red}</style></head><body>"
        "<script>var x = 'ไม่เอา';</script><h1>พระราชบัญญัติ ทดสอบ</h1>"
        "<p>มาตรา ๑ <b>ข้อความ</b> หนึ่ง</p><div>มาตรา ๒<br>บรรทัดใหม่</div></body></html>",
        encoding="utf-8",
    )
    pages, meta = load_raw_pages(_spec(path))
    lines = [line for line in pages[0].text.splitlines() if line]
    assert lines == ["พระราชบัญญัติ ทดสอบ", "มาตรา ๑ ข้อความ หนึ่ง", "มาตรา ๒", "บรรทัดใหม่"]
    assert "ไม่เอา" not in pages[0].text
    assert meta["html_title"] == "พระราชบัญญัติ"


def test_thai_pdf_pages_are_numbered(tmp_path: Path) -> None:
    path = _write_thai_pdf(tmp_path / "doc.pdf", ["หน้าแรก แผนพัฒนารัฐบาลดิจิทัล", "หน้าที่สอง ความโปร่งใส"])
    pages, meta = load_raw_pages(_spec(path))
    assert [p.number for p in pages] == [1, 2]
    assert "แผนพัฒนารัฐบาลดิจิทัล" in pages[0].text
    assert "ความโปร่งใส" in pages[1].text
    assert meta["pdf_pages"] == "2"


def test_pdf_document_has_page_spans(tmp_path: Path) -> None:
    path = _write_thai_pdf(tmp_path / "doc.pdf", ["หน้าแรก กําหนด", "หน้าที่สอง ความโปร่งใส"])
    doc = load_document(_spec(path))
    assert [span.number for span in doc.pages] == [1, 2]
    assert doc.page_at(doc.text.index("ความโปร่งใส")) == 2
    assert doc.page_at(0) == 1


def test_encrypted_pdf_is_refused_clearly(tmp_path: Path) -> None:
    path = _write_encrypted_pdf(tmp_path / "locked.pdf", tmp_path)
    with pytest.raises(DocumentLoadError, match="encrypted") as info:
        load_raw_pages(_spec(path))
    assert info.value.doc_id == "locked"


def test_garbage_pdf_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"this is not a PDF at all\x00\x01")
    with pytest.raises(DocumentLoadError, match="unreadable PDF"):
        load_raw_pages(_spec(path))


def test_unsupported_and_missing_files_are_refused(tmp_path: Path) -> None:
    docx = tmp_path / "x.docx"
    docx.write_bytes(b"PK")
    with pytest.raises(DocumentLoadError, match="unsupported"):
        load_raw_pages(_spec(docx))
    with pytest.raises(DocumentLoadError, match="not found"):
        load_raw_pages(_spec(tmp_path / "gone.md"))


def test_load_document_repairs_and_reports(tmp_path: Path) -> None:
    path = tmp_path / "ann.md"
    path.write_text(
        "---\nname: ประกาศ\n---\n# ประกาศ\n\n"
        "ข้อ 1 ความโปร\uf70aงใส กําหนด ้ หนา 5 ่ เลม 140 ตอนพิเศษ 75 ง ราชกิจจานุเบกษา 30 มีนาคม 2566\n\n"
        "ข้อ 2 อีเมล saraban@se c . or . th ้ หนา 6 ่ เลม 140 ตอนพิเศษ 75 ง ราชกิจจานุเบกษา 30 มีนาคม 2566\n",
        encoding="utf-8",
    )
    doc = load_document(_spec(path))
    assert doc.text == "ข้อ 1 ความโปร่งใส กำหนด\n\nข้อ 2 อีเมล saraban@sec.or.th"
    assert [(s.number, doc.text[s.start : s.end]) for s in doc.pages] == [
        (5, "ข้อ 1 ความโปร่งใส กำหนด"),
        (6, "ข้อ 2 อีเมล saraban@sec.or.th"),
    ]
    assert doc.repairs["running_headers"] == 2
    assert doc.repairs["pua_glyphs"] == 1
    assert doc.repairs["before:pua_glyphs"] == 1
    assert doc.repairs["after:pua_glyphs"] == 0
    assert doc.repairs["before:split_urls"] == 1
    assert doc.repairs["after:split_urls"] == 0
    assert "\uf70a" in doc.raw_text
    assert doc.metadata["gazette_pages"] == "5,6"


def test_load_corpus_skips_broken_documents(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("มาตรา ๑ ข้อความ", encoding="utf-8")
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"%PDF-1.4 truncated")
    locked = _write_encrypted_pdf(tmp_path / "locked.pdf", tmp_path)
    pdf = _write_thai_pdf(tmp_path / "fine.pdf", ["หน้าเดียว"])
    errors: list[tuple[str, str]] = []
    docs = load_corpus(
        [_spec(good), _spec(garbage), _spec(locked), _spec(pdf)],
        on_error=lambda spec, err: errors.append((spec.doc_id, err.reason)),
    )
    assert [d.doc_id for d in docs] == ["good", "fine"]
    assert [doc_id for doc_id, _ in errors] == ["garbage", "locked"]
    assert all(reason for _, reason in errors)


@pytest.mark.slow
def test_real_corpus_loads_clean() -> None:
    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {SHARED_CORPUS}")
    errors: list[str] = []
    docs = load_corpus(read_corpus(SHARED_CORPUS), on_error=lambda spec, err: errors.append(str(err)))
    assert errors == []
    assert len(docs) == len(read_corpus(SHARED_CORPUS))
    for doc in docs:
        assert not re.search("[\ue000-\uf8ff]", doc.text), doc.doc_id
        assert doc.repairs["after:pua_glyphs"] == 0
    plan = next(d for d in docs if d.doc_id == "dg-plan-2566-2570")
    assert [span.number for span in plan.pages] == list(range(6, 143))
    assert all(a.end <= b.start for a, b in zip(plan.pages, plan.pages[1:], strict=False))
    assert sum(d.repairs["running_headers"] for d in docs) >= 100
    assert not any(re.search(r"ราชกิจจานุเบกษา \d+ \S+ \d{4}", d.text) for d in docs)


def test_empty_document_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.md"
    path.write_text("---\nname: ว่าง\n---\n\n", encoding="utf-8")
    with pytest.raises(DocumentLoadError, match="no text"):
        load_document(_spec(path))
