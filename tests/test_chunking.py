"""Structure-aware chunking: law sections vs cross references, plan pages/projects, clauses, sizes."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from pythainlp.tokenize import word_tokenize

from corpus.document import Document, DocumentSpec, PageSpan
from index.chunk_record import ChunkRecord
from index.chunking import StructureNodeParser, chunk_document, to_llama_document
from index.chunking.bounded_split import bounded_split
from index.chunking.clauses import find_clauses
from index.chunking.law_sections import find_law_sections
from index.chunking.plan_structure import find_plan_units

CORPUS = Path(__file__).parents[2] / "shared" / "corpus"


def _doc(text: str, kind: str, pages: list[PageSpan] | None = None, doc_id: str = "t") -> Document:
    spec = DocumentSpec(
        doc_id=doc_id, kind=kind, title="เอกสารทดสอบ", path=Path("x.txt"), source_url="https://x.test"
    )
    return Document(spec=spec, raw_text=text, text=text, pages=pages or [])


def _labels(text: str) -> list[str | None]:
    return [s.label for s in find_law_sections(text)]


# ------------------------------------------------------------------ laws, Council of State layout

# "|" marks the trailing spaces and space-only lines of the Council of State layout.
LAW_TXT = """พระราชบัญญัติทดสอบ
พ.ศ. ๒๕๖๒
|
มาตรา
๑|
พระราชบัญญัตินี้เรียกว่า พระราชบัญญัติทดสอบ
|
มาตรา
๒[๑]|
ให้ใช้บังคับตั้งแต่วันถัดจากวันประกาศ
|
หมวด ๑
คณะกรรมการกลาง
|
มาตรา ๓  ให้มีคณะกรรมการตามมาตรา ๑๕ และภายใต้บังคับมาตรา ๑๔
มาตรา ๑๒ วรรคสอง ให้นำมาใช้โดยอนุโลม
|
มาตรา
๔  ในมาตรา ๕ และมาตรา ๗ ให้คณะกรรมการมีหน้าที่ (มาตรา ๙)
|
หมวด ๒
สำนักงาน
|
มาตรา ๕  ให้มีสำนักงานตามที่กำหนดแห่งมาตรา 10
|
มาตรา ๕/๑[๒]  สำนักงานมีหน้าที่ประสานงาน
|
มาตรา 6  ให้รัฐมนตรีรักษาการ
|
หมายเหตุ
:- เหตุผลในการประกาศใช้ คือ มาตรา ๖  ดังนั้น จึงจำเป็นต้องตรา
""".replace("|", " ")


def test_law_sections_skip_cross_references_and_carry_chapter() -> None:
    sections = find_law_sections(LAW_TXT)
    labels = [s.label for s in sections]
    assert labels == [
        None,
        "มาตรา 1",
        "มาตรา 2",
        "มาตรา 3",
        "มาตรา 4",
        "มาตรา 5",
        "มาตรา 5/1",
        "มาตรา 6",
        "หมายเหตุ",
    ]
    by_label = {s.label: s for s in sections}
    assert by_label["มาตรา 1"].chapter is None
    assert by_label["มาตรา 3"].chapter == "หมวด 1 คณะกรรมการกลาง"
    assert by_label["มาตรา 4"].chapter == "หมวด 1 คณะกรรมการกลาง"
    assert by_label["มาตรา 5/1"].chapter == "หมวด 2 สำนักงาน"
    # the chapter heading travels with the first section of the chapter
    assert LAW_TXT[by_label["มาตรา 3"].start :].startswith("หมวด ๑")
    # the wrapped cross reference "มาตรา ๑๒ วรรคสอง" stays inside section 3
    s3 = by_label["มาตรา 3"]
    assert "มาตรา ๑๒ วรรคสอง" in LAW_TXT[s3.start : s3.end]


def test_law_sections_are_contiguous_and_cover_text() -> None:
    sections = find_law_sections(LAW_TXT)
    for a, b in itertools.pairwise(sections):
        assert a.end == b.start
    assert sections[0].start == 0 and sections[-1].end == len(LAW_TXT)


# ------------------------------------------------------------------ laws, one-line gazette layout

LAW_GAZETTE = (
    "พระราชบัญญัติทดสอบ พ.ศ. 2565 ให้ตราพระราชบัญญัติขึ้นไว้ ดังต่อไปนี้ "
    "มาตรา 1 พระราชบัญญัตินี้เรียกว่า พระราชบัญญัติทดสอบ "
    "มาตรา 2 ให้ใช้บังคับเมื่อพ้นเก้าสิบวัน เว้นแต่มาตรา 12 มาตรา 15 วรรคสอง มาตรา 19 และมาตรา 22 ให้ใช้บังคับทันที "
    "มาตรา 3 หน่วยงานต้องดำเนินการ ตามมาตรา 2 "
    "มาตรา 4 ภายใต้บังคับมาตรา 3 ให้หน่วยงานแจ้งผล ตามมาตรา 6 "
    "มาตรา 5 ให้นายกรัฐมนตรีรักษาการ"
)


def test_gazette_sections_follow_sentence_ends_only() -> None:
    assert _labels(LAW_GAZETTE) == [None, "มาตรา 1", "มาตรา 2", "มาตรา 3", "มาตรา 4", "มาตรา 5"]


def test_gazette_chapter_inline() -> None:
    text = "ดังต่อไปนี้ มาตรา 1 ชื่อ มาตรา 2 ใช้บังคับ หมวด 1 บททั่วไป มาตรา 3 นิยาม ตามหมวด 1 นี้ มาตรา 4 รักษาการ"
    secs = {s.label: s.chapter for s in find_law_sections(text)}
    assert secs["มาตรา 2"] is None
    assert secs["มาตรา 3"] == "หมวด 1 บททั่วไป"
    assert secs["มาตรา 4"] == "หมวด 1 บททั่วไป"


def test_thai_and_arabic_section_numbers_label_alike() -> None:
    thai = "ดังนี้\nมาตรา ๑๓  ข้อความหนึ่ง\nมาตรา ๑๔  ข้อความสอง\nมาตรา ๑๕  ข้อความสาม\n"
    arabic = thai.replace("๑๓", "13").replace("๑๔", "14").replace("๑๕", "15")
    assert _labels(thai) == _labels(arabic) == [None, "มาตรา 13", "มาตรา 14", "มาตรา 15"]


# ------------------------------------------------------------------ plan


def _fake_plan() -> Document:
    pages_text = [
        "ยุทธศาสตร์ที่ 1 : ยกระดับการบริการภาครัฐ เป้าหมาย ประชาชนได้รับบริการ มาตรการ 1) พัฒนาข้อมูล "
        "1.1) หน่วยงานจัดทำข้อมูล 2) พัฒนาแพลตฟอร์ม ทำงานร่วมกัน 1",
        "ภาคผนวก 4 : รายละเอียดโครงการสำคัญ ยุทธศาสตร์ที่ 1 1.1 โครงการพัฒนาบริการกลาง โครงการ วัตถุประสงค์ "
        "1. เพื่อพัฒนาบริการ 2. เพื่อเชื่อมโยงข้อมูล 2",
        "งบประมาณ 10 ล้านบาท ระยะเวลา 12 เดือน 1.2 โครงการศูนย์ข้อมูลกลาง โครงการ วัตถุประสงค์ เพื่อแลกเปลี่ยนข้อมูล 3",
    ]
    text = ""
    pages: list[PageSpan] = []
    for n, p in enumerate(pages_text, start=1):
        if text:
            text += "\n\n"
        pages.append(PageSpan(n, len(text), len(text) + len(p)))
        text += p
    return _doc(text, "plan", pages, doc_id="plan")


def test_plan_chunks_stay_on_one_page_and_carry_projects() -> None:
    doc = _fake_plan()
    chunks = chunk_document(doc, max_chars=800)
    for c in chunks:
        span = next(p for p in doc.pages if p.start <= c.start < p.end)
        assert c.end <= span.end, "a chunk crosses a page boundary"
        assert c.page == span.number
    p1 = [c for c in chunks if c.page == 1]
    assert p1[0].chapter and p1[0].chapter.startswith("ยุทธศาสตร์ที่ 1: ยกระดับ")
    assert [c.section for c in p1] == [None, "มาตรการ 1", "มาตรการ 2"]  # goals precede the measures
    p2 = [c for c in chunks if c.project == "1.1"]
    assert p2 and p2[0].section == "โครงการ 1.1 พัฒนาบริการกลาง"
    # the "1." and "2." list items inside the project do not start projects; the project carries
    # over to page 3 until 1.2 starts there
    p3 = [c for c in chunks if c.page == 3]
    assert [c.project for c in p3] == ["1.1", "1.2"]
    assert p3[1].section == "โครงการ 1.2 ศูนย์ข้อมูลกลาง"
    assert all(c.page is not None for c in chunks if c.project)


def test_plan_contents_list_is_not_a_project_block() -> None:
    toc = "สารบัญ 1.1 โครงการหนึ่ง 107 1.2 โครงการสอง 108 1.3 โครงการสาม 108 "
    body = "ภาคผนวก 4 : โครงการ " + "ข้อความ " * 80 + "1.1 โครงการหนึ่ง รายละเอียด"
    units = find_plan_units(toc + body, [])
    projects = [(u.project, u.start) for u in units if u.project]
    assert projects and all(p == "1.1" and s > len(toc) for p, s in projects)


# ------------------------------------------------------------------ clauses


def test_clause_split_with_preamble_and_references() -> None:
    text = (
        "ประกาศกรมทดสอบ เรื่อง ช่องทางติดต่อ อาศัยอำนาจตามมาตรา 10 ออกประกาศไว้ ดังต่อไปนี้ "
        "ข้อ 1 ให้ช่องทางต่อไปนี้เป็นช่องทางติดต่อ "
        "ข้อ 2 ผู้ติดต่อตามข้อ 1 อาจขอรับคำยืนยัน "
        "ข้อ ๓ ประกาศนี้ให้ใช้บังคับตั้งแต่วันถัดไป"
    )
    clauses = find_clauses(text)
    assert [c.label for c in clauses] == [None, "ข้อ 1", "ข้อ 2", "ข้อ 3"]
    assert text[clauses[0].start : clauses[0].end].startswith("ประกาศกรมทดสอบ")
    chunks = chunk_document(_doc(text, "announcement"))
    assert [c.section for c in chunks] == [None, "ข้อ 1", "ข้อ 2", "ข้อ 3"]


def test_text_without_clauses_falls_back_to_paragraphs() -> None:
    text = "เรียน เลขาธิการ\n\n" + "ด้วยสำนักงานขอเสนอเรื่อง " * 60
    chunks = chunk_document(_doc(text, "letter"), max_chars=300)
    assert len(chunks) > 1 and all(len(c.text) <= 300 and c.section is None for c in chunks)


# ------------------------------------------------------------------ bounded split

UNSPACED = "การพัฒนารัฐบาลดิจิทัลของประเทศไทยมุ่งยกระดับการให้บริการประชาชนอย่างทั่วถึง" * 20


def _newmm_boundaries(text: str) -> set[int]:
    out, pos = {0}, 0
    for tok in word_tokenize(text, engine="newmm", keep_whitespace=True):
        pos += len(tok)
        out.add(pos)
    return out


@pytest.mark.parametrize("max_chars", [120, 300, 800])
def test_bounded_split_never_cuts_a_thai_word(max_chars: int) -> None:
    text = "บทนำ สั้น ๆ\n" + UNSPACED + " ท้ายเรื่อง"
    spans = bounded_split(text, max_chars=max_chars, min_chars=50)
    bounds = _newmm_boundaries(text)
    assert len(spans) > 1
    for a, b in spans:
        assert b - a <= max_chars
        assert a in bounds and b in bounds, f"cut inside a word at {a} or {b}"
    # no overlap, nothing but whitespace lost
    for (_, b1), (a2, _) in itertools.pairwise(spans):
        assert b1 <= a2 and not text[b1:a2].strip()
    assert "".join(text[a:b] for a, b in spans).replace(" ", "").replace("\n", "") == text.replace(
        " ", ""
    ).replace("\n", "")


def test_bounded_split_prefers_spaces_and_keeps_min_size() -> None:
    text = " ".join(["ประชาชนได้รับบริการ"] * 120)
    spans = bounded_split(text, max_chars=800, min_chars=200)
    assert all(200 <= b - a <= 800 for a, b in spans)
    assert all(text[a - 1] == " " for a, _ in spans[1:])


# ------------------------------------------------------------------ offsets and llama-index


def test_offsets_round_trip_for_every_kind() -> None:
    cases = [_doc(LAW_TXT, "law"), _doc(LAW_GAZETTE, "law"), _fake_plan(), _doc(UNSPACED, "standard")]
    for doc in cases:
        chunks = chunk_document(doc, max_chars=200)
        assert chunks
        for c in chunks:
            assert doc.text[c.start : c.end].strip() == c.text
            assert len(c.text) <= 200
        assert [c.start for c in chunks] == sorted(c.start for c in chunks)


def test_structure_node_parser_metadata() -> None:
    doc = _fake_plan()
    ldoc = to_llama_document(doc)
    nodes = StructureNodeParser(max_chars=800).get_nodes_from_documents([ldoc])
    chunks = chunk_document(doc, max_chars=800)
    assert len(nodes) == len(chunks)
    node = nodes[-1]
    assert node.node_id == f"plan:{len(nodes) - 1:04d}"
    assert "page_spans" not in node.metadata
    assert node.metadata["project"] == "1.2" and node.metadata["page"] == 3
    assert node.metadata["start"] == chunks[-1].start and node.start_char_idx == chunks[-1].start
    assert set(node.metadata) == set(ChunkRecord.__dataclass_fields__) - {"chunk_id", "text"}
    record = ChunkRecord.from_node(node)
    assert record.chunk_id == node.node_id and record.text == chunks[-1].text and record.page == 3
    assert ChunkRecord.from_node(record.to_node()) == record
    from llama_index.core.schema import MetadataMode

    embed = node.get_content(MetadataMode.EMBED)
    assert "เอกสารทดสอบ" in embed and "โครงการ 1.2" in embed and "https://x.test" not in embed
    assert node.ref_doc_id == "plan"
    json.dumps(node.metadata)  # plain values only


# ------------------------------------------------------------------ real corpus


def _load_real(rel: str, kind: str) -> Document:
    from corpus.load import load_document

    spec = DocumentSpec(doc_id=Path(rel).stem, kind=kind, title=rel, path=CORPUS / rel)
    return load_document(spec)


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not available")
def test_real_digital_government_act_sections() -> None:
    doc = _load_real("laws/digital-government-act-2562.txt", "law")
    chunks = chunk_document(doc)
    labels = [c.section for c in chunks]
    numbers = []
    for lab in labels:
        if lab and lab.startswith("มาตรา ") and lab not in numbers:
            numbers.append(lab)
    n = len(numbers)
    assert n >= 20 and numbers == [f"มาตรา {i}" for i in range(1, n + 1)]
    starts = [
        c
        for i, c in enumerate(chunks)
        if c.section == "มาตรา 13" and (i == 0 or chunks[i - 1].section != c.section)
    ]
    assert len(starts) == 1


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not available")
def test_real_plan_appendix_projects() -> None:
    doc = _load_real("plan/dg-plan-2566-2570.md", "plan")
    chunks = chunk_document(doc)
    expected = {f"{s}.{i}" for s, n in ((1, 14), (2, 8), (3, 7), (4, 9)) for i in range(1, n + 1)}
    found = {c.project: c for c in chunks if c.project}
    assert set(found) == expected
    for key, c in found.items():
        assert c.page is not None and 100 <= c.page <= 142
        assert c.section and c.section.startswith(f"โครงการ {key} ")
    assert any(c.project == "4.9" and c.page == 142 for c in chunks)
