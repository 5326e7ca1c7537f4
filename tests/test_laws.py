"""Law structure extraction (index/laws) and the law answerer, on a short Act written out here and on the real Acts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assistant.law_answerer import LawAnswerer
from assistant.structured import Conversation
from corpus.document import Document, DocumentSpec
from index.laws.book import build_law_book
from index.laws.extract import extract_act
from index.laws.models import LawBook

ACT = """พระราชบัญญัติ
ทดสอบการบริหารข้อมูลกลาง
พ.ศ. ๒๕๖๗

มาตรา ๑ พระราชบัญญัตินี้เรียกว่า “พระราชบัญญัติทดสอบการบริหารข้อมูลกลาง พ.ศ. ๒๕๖๗”

มาตรา ๒ พระราชบัญญัตินี้ให้ใช้บังคับเมื่อพ้นกำหนดหกสิบวันนับแต่วันประกาศในราชกิจจานุเบกษาเป็นต้นไป

มาตรา ๓ ในพระราชบัญญัตินี้
“ข้อมูลกลาง” หมายความว่า ข้อมูลที่หน่วยงานของรัฐใช้ร่วมกัน
และให้หมายความรวมถึงทะเบียนกลาง
“สำนักงาน” หมายความว่า สำนักงานข้อมูลกลาง

มาตรา ๔ ให้มีคณะกรรมการข้อมูลกลางแห่งชาติ ประกอบด้วย
(๑) นายกรัฐมนตรี เป็นประธานกรรมการ
(๒) ปลัดกระทรวงการคลัง เป็นรองประธานกรรมการ
(๓) ปลัดกระทรวงมหาดไทย ผู้อำนวยการสำนักงบประมาณ และเลขาธิการคณะกรรมการกฤษฎีกา เป็นกรรมการ
(๔) กรรมการผู้ทรงคุณวุฒิ จำนวนไม่เกินห้าคน ซึ่งคณะรัฐมนตรีแต่งตั้ง
ให้ผู้อำนวยการสำนักงานเป็นกรรมการและเลขานุการ
และให้ผู้อำนวยการสำนักงานแต่งตั้งพนักงานของสำนักงานเป็นผู้ช่วยเลขานุการได้ไม่เกินสองคน

มาตรา ๕ หน่วยงานของรัฐต้องจัดให้มีข้อมูลอย่างน้อยดังต่อไปนี้ไว้ให้ประชาชนเข้าตรวจดูได้
(๑) แผนงานและงบประมาณรายจ่ายประจำปี
(๒) คู่มือการปฏิบัติงาน
(๓) สัญญาสัมปทาน

มาตรา ๖ ให้หน่วยงานของรัฐส่งข้อมูลกลางให้สำนักงานภายในสามสิบวันนับแต่วันที่ได้รับคำขอ

มาตรา ๗ ผู้ใดฝ่าฝืนมาตรา ๖ ต้องระวางโทษจำคุกไม่เกินหนึ่งปี หรือปรับไม่เกินสองหมื่นบาท หรือทั้งจำทั้งปรับ
"""
TITLE = "พระราชบัญญัติทดสอบการบริหารข้อมูลกลาง พ.ศ. 2567"
NAME = "พ.ร.บ. ทดสอบการบริหารข้อมูลกลาง"


def _doc(text: str = ACT, doc_id: str = "test-act") -> Document:
    spec = DocumentSpec(doc_id=doc_id, kind="law", title=TITLE, path=Path("test-act.txt"))
    return Document(spec=spec, raw_text=text, text=text)


@pytest.fixture(scope="module")
def answerer() -> LawAnswerer:
    return LawAnswerer(build_law_book([_doc()]))


def _ask(answerer: LawAnswerer, question: str, language: str = "th", earlier: list[str] | None = None):
    return answerer.answer(Conversation(question, language, earlier or [], followup=bool(earlier)))


# ---------------------------------------------------------------- extraction on the excerpt


def test_sections_and_spans_point_into_the_text() -> None:
    act = extract_act(_doc())
    assert [s.number for s in act.sections] == ["1", "2", "3", "4", "5", "6", "7"]
    for s in act.sections:
        assert ACT[s.start : s.end] == s.text
        assert s.text.startswith("มาตรา")


def test_definitions_run_to_the_next_term() -> None:
    defs = extract_act(_doc()).sections[2].definitions
    assert [d.term for d in defs] == ["ข้อมูลกลาง", "สำนักงาน"]
    assert defs[0].meaning == "ข้อมูลที่หน่วยงานของรัฐใช้ร่วมกัน และให้หมายความรวมถึงทะเบียนกลาง"
    assert defs[1].meaning == "สำนักงานข้อมูลกลาง"
    assert all(ACT[d.source.start : d.source.end] == d.source.text and d.source.section == "มาตรา 3" for d in defs)


def test_committee_composition() -> None:
    (com,) = extract_act(_doc()).sections[3].committees
    assert com.name == "คณะกรรมการข้อมูลกลางแห่งชาติ"
    assert com.chair is not None and com.chair.holder == "นายกรัฐมนตรี"
    assert com.vice_chair is not None and com.vice_chair.holder == "ปลัดกระทรวงการคลัง"
    assert com.members[:3] == ["ปลัดกระทรวงมหาดไทย", "ผู้อำนวยการสำนักงบประมาณ", "เลขาธิการคณะกรรมการกฤษฎีกา"]
    assert com.members[3].startswith("กรรมการผู้ทรงคุณวุฒิ")
    assert com.qualified_members == "ไม่เกินห้าคน"
    assert com.secretary is not None and com.secretary.holder == "ผู้อำนวยการสำนักงาน"
    assert com.assistant_secretaries is not None and "ไม่เกินสองคน" in com.assistant_secretaries.holder
    assert com.source.section == "มาตรา 4"


def test_deadline_penalty_and_list() -> None:
    sections = extract_act(_doc()).sections
    (dl,) = sections[5].deadlines
    assert dl.period == "สามสิบวัน"
    assert "ส่งข้อมูลกลางให้สำนักงาน" in dl.source.text and dl.source.section == "มาตรา 6"
    (pen,) = sections[6].penalties
    assert pen.punished_sections == ["มาตรา 6"]
    assert pen.imprisonment == "จำคุกไม่เกินหนึ่งปี" and pen.fine is not None and pen.fine.startswith("ปรับไม่เกินสองหมื่นบาท")
    (lst,) = sections[4].lists
    assert [i[:3] for i in lst.items] == ["(๑)", "(๒)", "(๓)"] and lst.items[2].endswith("สัญญาสัมปทาน")
    assert lst.duty_of == "หน่วยงานของรัฐ"


def test_law_book_round_trips_as_json() -> None:
    book = build_law_book([_doc()])
    assert LawBook.model_validate_json(book.model_dump_json()) == book


# ---------------------------------------------------------------- the answerer


def test_section_deadline(answerer: LawAnswerer) -> None:
    found = _ask(answerer, f"มาตรา 6 ของ {NAME} ให้ส่งข้อมูลภายในกี่วัน")
    assert found is not None and not found.abstained
    assert "สามสิบวัน" in found.answer.splitlines()[0]
    assert found.citations[0].section == "มาตรา 6" and found.citations[0].doc_id == "test-act"


def test_definition_is_whole(answerer: LawAnswerer) -> None:
    found = _ask(answerer, f"คำว่า “ข้อมูลกลาง” ตาม{NAME} หมายความว่าอะไร")
    assert found is not None
    first = found.answer.splitlines()[0]
    assert "ใช้ร่วมกัน" in first and "ทะเบียนกลาง" in first and found.citations[0].section == "มาตรา 3"


def test_a_definition_asked_by_its_term_alone_is_found_in_the_law_book(answerer: LawAnswerer) -> None:
    # no Act named, no quotes, no "คำว่า": the words right before "หมายความว่า" are the term; typed tone-less too
    for question in ("ข้อมูลกลาง หมายความว่าอะไร", "ขอมูลกลาง หมายความวาอะไร"):
        found = _ask_after(answerer, question, ["other-doc"])
        assert found is not None, question
        assert found.answer.startswith("“ข้อมูลกลาง” หมายความว่า ข้อมูลที่หน่วยงานของรัฐใช้ร่วมกัน"), question
    # "สำนักงาน" is defined, but the question asks of another office: the whole term must be the one asked
    other = _ask_after(answerer, "สำนักงานข้อมูลกลาง หมายความว่าอะไร", ["other-doc"])
    assert other is None or "“สำนักงาน” หมายความว่า" not in other.answer


def test_committee_roles(answerer: LawAnswerer) -> None:
    chair = _ask(answerer, "ใครเป็นประธานคณะกรรมการข้อมูลกลางแห่งชาติ")
    assert chair is not None and chair.answer.startswith("นายกรัฐมนตรี เป็นประธาน")
    vice = _ask(answerer, "คณะกรรมการข้อมูลกลางแห่งชาติมีใครเป็นรองประธานกรรมการ")
    assert vice is not None and vice.answer.startswith("ปลัดกระทรวงการคลัง")
    sec = _ask(answerer, "ใครเป็นเลขานุการของคณะกรรมการข้อมูลกลางแห่งชาติ")
    assert sec is not None and sec.answer.startswith("ผู้อำนวยการสำนักงาน")
    en = _ask(answerer, "Who chairs the committee under the พระราชบัญญัติทดสอบการบริหารข้อมูลกลาง Act?", "en")
    assert en is not None and "“นายกรัฐมนตรี”" in en.answer.splitlines()[0]
    follow = _ask(answerer, "แล้วใครเป็นเลขานุการ", earlier=["ใครเป็นประธานคณะกรรมการข้อมูลกลางแห่งชาติ"])
    assert follow is not None and follow.answer.startswith("ผู้อำนวยการสำนักงาน")


def test_penalty_for_violating_a_section(answerer: LawAnswerer) -> None:
    found = _ask(answerer, f"ฝ่าฝืนมาตรา 6 ของ{NAME} มีโทษอย่างไร")
    assert found is not None and "จำคุกไม่เกินหนึ่งปี" in found.answer.splitlines()[0]
    assert found.citations[0].section == "มาตรา 7"


def test_list_items_are_all_given(answerer: LawAnswerer) -> None:
    found = _ask(answerer, f"ตามมาตรา 5 {NAME} หน่วยงานของรัฐต้องจัดให้มีอะไรบ้าง")
    assert found is not None
    first = found.answer.splitlines()[0]
    assert all(item in first for item in ("งบประมาณรายจ่ายประจำปี", "คู่มือการปฏิบัติงาน", "สัญญาสัมปทาน"))


def test_commencement(answerer: LawAnswerer) -> None:
    found = _ask(answerer, f"{NAME} มีผลใช้บังคับเมื่อใด")
    assert found is not None and "หกสิบวัน" in found.answer.splitlines()[0]
    # "ใช้บังคับเมื่อใด" split by the commencement words leaves "ใด"; "ฉบับแรก" names the Act as first enacted
    for question in (f"{NAME} เริ่มใช้บังคับเมื่อใด", f"{NAME} ฉบับแรกเริ่มใช้บังคับเมื่อไร"):
        found = _ask(answerer, question)
        assert found is not None and "หกสิบวัน" in found.answer.splitlines()[0], question


def test_missing_section_abstains(answerer: LawAnswerer) -> None:
    found = _ask(answerer, f"มาตรา 99 ของ {NAME} กำหนดไว้อย่างไร")
    assert found is not None and found.abstained


@pytest.mark.parametrize(
    "question",
    [
        "มาตรา 5 กำหนดอะไรไว้",  # no Act named
        "โครงการ 1.1 ในแผนพัฒนารัฐบาลดิจิทัลมีงบประมาณเท่าไร",
        "หนังสือ สพร. อ้างมาตรา 7 ของ พ.ร.บ. ทดสอบการบริหารข้อมูลกลาง ว่าอย่างไร",
        f"{NAME} ออกโดยใคร",  # an Act but no fact this answerer knows
    ],
)
def test_leaves_other_questions_to_retrieval(answerer: LawAnswerer, question: str) -> None:
    assert _ask(answerer, question) is None


# ---------------------------------------------------------------- Acts named loosely, or not at all

ACT2 = """พระราชบัญญัติ
ทดสอบการแจ้งเหตุทางไซเบอร์
พ.ศ. ๒๕๖๘

มาตรา ๑ พระราชบัญญัตินี้เรียกว่า “พระราชบัญญัติทดสอบการแจ้งเหตุทางไซเบอร์ พ.ศ. ๒๕๖๘”

มาตรา ๒ ในพระราชบัญญัตินี้
“ขอรับบริการ” หมายความรวมถึง ขอใบอนุญาต ขอจดทะเบียน และขอรับเงิน
“ศูนย์” หมายความว่า ศูนย์ประสานเหตุทางไซเบอร์

มาตรา ๓ ให้ศูนย์รายงานคณะรัฐมนตรีทราบทุกหกสิบวัน

มาตรา ๔ ผู้อำนวยการศูนย์มีวาระการดำรงตำแหน่งคราวละสี่ปี

มาตรา ๕ ให้หน่วยงานผู้ให้บริการแจ้งเหตุภัยคุกคามต่อศูนย์ภายในเจ็ดสิบสองชั่วโมงนับแต่ทราบเหตุ

มาตรา ๖ หน่วยงานใดไม่แจ้งเหตุภัยคุกคามตามมาตรา ๕ ต้องระวางโทษปรับไม่เกินสองแสนบาท
"""


def _doc2() -> Document:
    spec = DocumentSpec(
        doc_id="test-act-2", kind="law", title="พระราชบัญญัติทดสอบการแจ้งเหตุทางไซเบอร์ พ.ศ. 2568", path=Path("t2.txt")
    )
    return Document(spec=spec, raw_text=ACT2, text=ACT2)


@pytest.fixture(scope="module")
def two_acts() -> LawAnswerer:
    return LawAnswerer(build_law_book([_doc(), _doc2()]))


def _ask_after(answerer: LawAnswerer, question: str, documents: list[str]):
    """A question asked after retrieval ranked ``documents`` (doc_ids, best first)."""
    return answerer.answer(Conversation(question, "th", [], documents=documents))


def test_widening_definitions_and_periods_are_read() -> None:
    sections = extract_act(_doc2()).sections
    assert [d.term for d in sections[1].definitions] == ["ขอรับบริการ", "ศูนย์"]
    assert sections[1].definitions[0].meaning.startswith("ขอใบอนุญาต ขอจดทะเบียน")
    assert [d.period for s in sections for d in s.deadlines] == ["หกสิบวัน", "สี่ปี", "เจ็ดสิบสองชั่วโมง"]


def test_act_named_by_a_run_of_its_title(two_acts: LawAnswerer) -> None:
    found = _ask(two_acts, "ตาม พ.ร.บ. แจ้งเหตุทางไซเบอร์ ผู้อำนวยการศูนย์ดำรงตำแหน่งคราวละกี่ปี")
    assert found is not None and "สี่ปี" in found.answer.splitlines()[0]
    assert found.citations[0].doc_id == "test-act-2" and found.citations[0].section == "มาตรา 4"
    recurring = _ask(two_acts, "ตามกฎหมายว่าด้วยการแจ้งเหตุทางไซเบอร์ ศูนย์ต้องรายงานคณะรัฐมนตรีทุกกี่วัน")
    assert recurring is not None and "หกสิบวัน" in recurring.answer.splitlines()[0]
    assert two_acts.find_act("ตามกฎหมาย ระเบียบ และข้อบังคับ ศูนย์ต้องรายงานอะไร") is None  # a bare "กฎหมาย"


def test_widening_definition_is_answered(two_acts: LawAnswerer) -> None:
    found = _ask(two_acts, "คำว่า “ขอรับบริการ” ตาม พ.ร.บ. ทดสอบการแจ้งเหตุทางไซเบอร์ ครอบคลุมอะไรบ้าง")
    assert found is not None and "ขอจดทะเบียน" in found.answer.splitlines()[0]
    assert found.citations[0].section == "มาตรา 2"


def test_penalty_found_by_the_offence_it_punishes(two_acts: LawAnswerer) -> None:
    found = _ask(two_acts, f"ผู้ที่ไม่ส่งข้อมูลกลางให้สำนักงานตาม{NAME} มีโทษอย่างไร")
    assert found is not None and "จำคุกไม่เกินหนึ่งปี" in found.answer.splitlines()[0]
    assert found.citations[0].section == "มาตรา 7"  # the offence is worded in มาตรา 6, which มาตรา 7 punishes


def test_unnamed_act_is_the_one_retrieval_ranks_first(two_acts: LawAnswerer) -> None:
    question = "ถ้าหน่วยงานผู้ให้บริการไม่แจ้งเหตุภัยคุกคามต่อศูนย์ มีโทษปรับเท่าไร"
    found = _ask_after(two_acts, question, ["test-act-2", "test-act"])
    assert found is not None and "สองแสนบาท" in found.answer.splitlines()[0]
    assert found.citations[0].doc_id == "test-act-2" and found.citations[0].section == "มาตรา 6"
    deadline = _ask_after(two_acts, "หน่วยงานผู้ให้บริการต้องแจ้งเหตุภัยคุกคามต่อศูนย์ภายในกี่ชั่วโมง", ["test-act-2"])
    assert deadline is not None and "เจ็ดสิบสองชั่วโมง" in deadline.answer.splitlines()[0]
    assert _ask_after(two_acts, question, []) is None  # nothing retrieved: no Act to answer from
    assert _ask_after(two_acts, question, ["a-plan"]) is None  # retrieval ranks a non-Act first
    assert _ask_after(two_acts, "มาตรา 99 กำหนดอะไรไว้", ["test-act-2"]) is None  # no abstention on a guessed Act
    named = _ask_after(two_acts, "หน่วยงานที่ไม่แจ้งเหตุภัยคุกคามต่อศูนย์ตามมาตรา 5 มีโทษอย่างไร", ["test-act-2"])
    assert named is not None and named.citations[0].section == "มาตรา 6"
    other_law = "ประกันสังคม จ่ายเงินสมทบ ม.5 ผ่านแอปอะไรได้บ้าง"  # a section of a law the corpus lacks
    assert _ask_after(two_acts, other_law, ["test-act-2"]) is None


# ---------------------------------------------------------------- the real Acts (slow)


def _corpus_dir() -> Path:
    base = Path(os.environ.get("DGPLAN_TEST_DATA_DIR", "/work/shared/corpus"))
    for candidate in (base, base / "corpus"):
        if (candidate / "manifest.json").exists():
            return candidate
    pytest.skip(f"no corpus manifest under {base}")


@pytest.fixture(scope="module")
def real_book() -> LawBook:
    from corpus.load import load_document
    from corpus.manifest import read_corpus

    docs = [load_document(s) for s in read_corpus(_corpus_dir()) if s.kind == "law"]
    return build_law_book(docs)


def _act(book: LawBook, doc_id: str):
    return next(a for a in book.acts if a.doc_id == doc_id)


# Read off the Acts' definition sections (มาตรา 3 / 4 …), in order.
DEFINITIONS = {
    "digital-government-act-2562": ["ดิจิทัล", "รัฐบาลดิจิทัล", "หน่วยงานของรัฐ", "สำนักงาน"],
    "egov-admin-act-2565": ["หน่วยงานของรัฐ", "ขออนุญาต", "อนุญาต"],  # the last two "หมายความรวมถึง"
    "official-information-act-2540": [
        "ข้อมูลข่าวสาร", "ข้อมูลข่าวสารของราชการ", "หน่วยงานของรัฐ", "เจ้าหน้าที่ของรัฐ", "ข้อมูลข่าวสารส่วนบุคคล",
        "คณะกรรมการ", "คนต่างด้าว", "บุคคล",
    ],
    "cybersecurity-act-2562": [
        "การรักษาความมั่นคงปลอดภัยไซเบอร์", "ภัยคุกคามทางไซเบอร์", "ไซเบอร์", "หน่วยงานของรัฐ", "ประมวลแนวทางปฏิบัติ",
        "เหตุการณ์ที่เกี่ยวกับความมั่นคงปลอดภัยไซเบอร์", "มาตรการที่ใช้แก้ปัญหาเพื่อรักษาความมั่นคงปลอดภัยไซเบอร์",
        "โครงสร้างพื้นฐานสำคัญทางสารสนเทศ", "หน่วยงานโครงสร้างพื้นฐานสำคัญทางสารสนเทศ", "หน่วยงานควบคุมหรือกำกับดูแล",
        "คณะกรรมการ", "พนักงานเจ้าหน้าที่", "เลขาธิการ", "สำนักงาน", "รัฐมนตรี",
    ],
    "electronic-transactions-act-2544": [
        "ธุรกรรม", "อิเล็กทรอนิกส์", "ธุรกรรมทางอิเล็กทรอนิกส์", "ข้อความ", "ข้อมูลอิเล็กทรอนิกส์",
        "ลายมือชื่ออิเล็กทรอนิกส์", "ระบบข้อมูล", "การแลกเปลี่ยนข้อมูลทางอิเล็กทรอนิกส์", "ผู้ส่งข้อมูล", "ผู้รับข้อมูล",
        "บุคคลที่เป็นสื่อกลาง", "ใบรับรอง", "เจ้าของลายมือชื่อ", "คู่กรณีที่เกี่ยวข้อง", "คณะกรรมการ", "รัฐมนตรี",
    ],
    "digital-development-act-2560": [
        "ดิจิทัล", "ดิจิทัลเพื่อเศรษฐกิจและสังคม", "หน่วยงานของรัฐ", "รัฐวิสาหกิจ", "คณะกรรมการ", "เลขาธิการ",
        "สำนักงาน", "กองทุน", "คณะกรรมการบริหารกองทุน", "ผู้อำนวยการ", "รัฐมนตรี",
    ],
    "state-administration-act-2534": ["คณะผู้แทน", "หัวหน้าคณะผู้แทน", "รองหัวหน้าคณะผู้แทน"],
    "civil-registration-act-2534": [
        "การทะเบียนราษฎร", "ข้อมูลทะเบียนประวัติราษฎร", "เลขประจำตัว", "บ้าน", "ทะเบียนบ้าน", "ทะเบียนคนเกิด",
        "ทะเบียนคนตาย", "ทะเบียนบ้านกลาง", "เจ้าบ้าน", "ผู้อยู่ในบ้าน", "อำเภอ", "ท้องถิ่น", "นายทะเบียน", "นายทะเบียนผู้รับแจ้ง",
        "รัฐมนตรี",
    ],
    "public-procurement-act-2560": [
        "การจัดซื้อจัดจ้าง", "พัสดุ", "สินค้า", "งานบริการ", "งานก่อสร้าง", "อาคาร", "สาธารณูปโภค", "งานจ้างที่ปรึกษา",
        "งานจ้างออกแบบหรือควบคุมงานก่อสร้าง", "การบริหารพัสดุ", "ราคากลาง", "เงินงบประมาณ", "หน่วยงานของรัฐ",
        "เจ้าหน้าที่", "คณะกรรมการนโยบาย", "คณะกรรมการวินิจฉัย", "คณะกรรมการราคากลาง", "คณะกรรมการ ค.ป.ท.",
        "คณะกรรมการพิจารณาอุทธรณ์", "รัฐมนตรี",
    ],
}  # fmt: skip

# (section, committee name, chair) for every committee an Act establishes.
COMMITTEES = {
    "digital-government-act-2562": [("มาตรา 6", "คณะกรรมการพัฒนารัฐบาลดิจิทัล", "นายกรัฐมนตรี")],
    "official-information-act-2540": [
        ("มาตรา 27", "คณะกรรมการข้อมูลข่าวสารของราชการ", "รัฐมนตรี ซึ่งนายกรัฐมนตรีมอบหมาย"),
    ],
    "cybersecurity-act-2562": [
        ("มาตรา 5", "คณะกรรมการการรักษาความมั่นคงปลอดภัยไซเบอร์แห่งชาติ", "นายกรัฐมนตรี"),
        ("มาตรา 12", "คณะกรรมการกำกับดูแลด้านความมั่นคงปลอดภัยไซเบอร์", "รัฐมนตรีว่าการกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม"),
        ("มาตรา 25", "คณะกรรมการบริหารสำนักงานคณะกรรมการการรักษาความมั่นคงปลอดภัยไซเบอร์",
         "รัฐมนตรีว่าการกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม"),
    ],
    "electronic-transactions-act-2544": [
        ("มาตรา 36", "คณะกรรมการธุรกรรมทางอิเล็กทรอนิกส์", "ประธานกรรมการซึ่งคณะรัฐมนตรีแต่งตั้งจากผู้ทรงคุณวุฒิ"),
    ],
    "digital-development-act-2560": [
        ("มาตรา 7", "คณะกรรมการดิจิทัลเพื่อเศรษฐกิจและสังคมแห่งชาติ", "นายกรัฐมนตรี"),
        ("มาตรา 27", "คณะกรรมการบริหารกองทุนพัฒนาดิจิทัล เพื่อเศรษฐกิจและสังคม", "รองประธานกรรมการตามมาตรา ๗ (๒)"),
        ("มาตรา 36", "คณะกรรมการกำกับสำนักงานส่งเสริมเศรษฐกิจดิจิทัล", "ผู้ซึ่งรัฐมนตรีแต่งตั้ง"),
    ],
    "public-procurement-act-2560": [
        ("มาตรา 20", "คณะกรรมการนโยบายการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ",
         "รัฐมนตรีว่าการกระทรวงการคลังหรือรัฐมนตรีช่วยว่าการกระทรวงการคลังซึ่งรัฐมนตรีว่าการกระทรวงการคลังมอบหมาย"),
        ("มาตรา 27", "คณะกรรมการวินิจฉัยปัญหาการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ", "ปลัดกระทรวงการคลัง"),
        ("มาตรา 32", "คณะกรรมการราคากลางและขึ้นทะเบียนผู้ประกอบการ", "อธิบดีกรมบัญชีกลาง"),
        ("มาตรา 37", "คณะกรรมการความร่วมมือป้องกันการทุจริต", "ปลัดกระทรวงการคลัง"),
        ("มาตรา 41", "คณะกรรมการพิจารณาอุทธรณ์และข้อร้องเรียน", "ปลัดกระทรวงการคลัง"),
    ],
    "state-administration-act-2534": [
        ("มาตรา 55/1", "คณะกรรมการธรรมาภิบาลจังหวัด", "ผู้ตรวจราชการสำนักนายกรัฐมนตรีซึ่งมีเขตอำนาจในจังหวัด"),
        ("มาตรา 71/1", "คณะกรรมการพัฒนาระบบราชการ", "นายกรัฐมนตรีหรือรองนายกรัฐมนตรีที่นายกรัฐมนตรีมอบหมาย"),
    ],
    "egov-admin-act-2565": [],
    "civil-registration-act-2534": [],
}  # fmt: skip

# Every time limit of the main Act with its section (checked against the texts): "ภายใน … วัน/เดือน/ปี", recurring
# "ทุก … วัน", terms of office "คราวละ … ปี", caps "แต่ไม่เกิน … ปี", commencement "เมื่อพ้นกำหนด … วัน" and age
# qualifications "มีอายุไม่ต่ำกว่า … ปี", "มีอายุไม่เกิน … ปี".
DEADLINES = {
    "egov-admin-act-2565": [
        ("มาตรา 2", "เก้าสิบวัน"), ("มาตรา 19", "สองร้อยสี่สิบวัน"), ("มาตรา 20", "เก้าสิบวัน"), ("มาตรา 21", "สามวัน"),
        ("มาตรา 22", "หกสิบวัน"), ("มาตรา 22", "สิบห้าวัน"),
    ],
    "digital-government-act-2562": [("มาตรา 19", "สองปี")],
    "official-information-act-2540": [
        ("มาตรา 2", "เก้าสิบวัน"), ("มาตรา 13", "สามสิบวัน"), ("มาตรา 18", "สิบห้าวัน"), ("มาตรา 25", "สามสิบวัน"),
        ("มาตรา 26", "ห้าปี"), ("มาตรา 29", "สามปี"), ("มาตรา 37", "เจ็ดวัน"),
    ],
    "cybersecurity-act-2562": [
        ("มาตรา 7", "สี่ปี"), ("มาตรา 26", "สี่ปี"), ("มาตรา 30", "สามสิบห้าปี"), ("มาตรา 30", "หกสิบปี"),
        ("มาตรา 33", "สี่ปี"),
        ("มาตรา 38", "เก้าสิบวัน"), ("มาตรา 39", "หนึ่งร้อยแปดสิบวัน"), ("มาตรา 52", "สามสิบวัน"), ("มาตรา 54", "สามสิบวัน"),
        ("มาตรา 78", "เก้าสิบวัน"), ("มาตรา 79", "เก้าสิบวัน"), ("มาตรา 79", "เก้าสิบวัน"), ("มาตรา 80", "หนึ่งปี"),
        ("มาตรา 81", "หนึ่งร้อยแปดสิบวัน"), ("มาตรา 83", "หนึ่งปี"),
    ],
    "digital-development-act-2560": [
        ("มาตรา 8", "ไม่เกินหกสิบห้าปี"), ("มาตรา 9", "สี่ปี"), ("มาตรา 28", "หนึ่งร้อยแปดสิบวัน"), ("มาตรา 32", "เก้าสิบวัน"),
        ("มาตรา 37", "สี่ปี"), ("มาตรา 46", "ไม่เกินห้าสิบห้าปี"), ("มาตรา 47", "สี่ปี"), ("มาตรา 55", "เก้าสิบวัน"),
        ("มาตรา 56", "หนึ่งร้อยแปดสิบวัน"), ("มาตรา 58", "เก้าสิบวัน"),
        ("มาตรา 63", "หนึ่งร้อยแปดสิบวัน"), ("มาตรา 63", "สามสิบวัน"), ("มาตรา 65", "หนึ่งปี"),
    ],
}  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("doc_id", sorted(DEFINITIONS))
def test_real_definition_terms(real_book: LawBook, doc_id: str) -> None:
    act = _act(real_book, doc_id)
    assert [d.term for s in act.sections for d in s.definitions] == DEFINITIONS[doc_id]


@pytest.mark.slow
@pytest.mark.parametrize("doc_id", sorted(COMMITTEES))
def test_real_committees_and_chairs(real_book: LawBook, doc_id: str) -> None:
    act = _act(real_book, doc_id)
    got = [(s.label, c.name, c.chair.holder if c.chair else None) for s in act.sections for c in s.committees]
    assert got == COMMITTEES[doc_id]


@pytest.mark.slow
@pytest.mark.parametrize("doc_id", sorted(DEADLINES))
def test_real_deadlines(real_book: LawBook, doc_id: str) -> None:
    act = _act(real_book, doc_id)
    assert [(s.label, d.period) for s in act.sections for d in s.deadlines] == DEADLINES[doc_id]


@pytest.mark.slow
def test_real_committee_members(real_book: LawBook) -> None:
    (com,) = _act(real_book, "digital-government-act-2562").sections[5].committees
    assert com.members[:8] == [
        "รัฐมนตรีว่าการกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม", "ปลัดสำนักนายกรัฐมนตรี",
        "ปลัดกระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม", "ปลัดกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม",
        "ผู้อำนวยการสำนักงบประมาณ", "เลขาธิการคณะกรรมการข้าราชการพลเรือน", "เลขาธิการคณะกรรมการพัฒนาระบบราชการ",
        "เลขาธิการสภาพัฒนาการเศรษฐกิจและสังคมแห่งชาติ",
    ]  # fmt: skip
    assert com.secretary is not None and com.secretary.holder == "ผู้อำนวยการสำนักงาน"
    cyber = _act(real_book, "cybersecurity-act-2562").sections[4].committees[0]
    assert cyber.abbreviations == ["กมช.", "NCSC"] and cyber.qualified_members == "ไม่เกินเจ็ดคน"
    assert len(cyber.members) == 7  # six ex-officio members and the qualified members
    found = LawAnswerer(real_book).answer(
        Conversation("คณะกรรมการบริหารสำนักงาน กมช. (กบส.) มีกรรมการผู้ทรงคุณวุฒิได้ไม่เกินกี่คน", "th")
    )  # สำนักงาน กมช. is the office: the board asked is กบส. (มาตรา 25), not กมช. (ไม่เกินเจ็ดคน)
    assert found is not None and "ไม่เกินหกคน" in found.answer.splitlines()[0]


@pytest.mark.slow
def test_real_section_9_lists_all_items(real_book: LawBook) -> None:
    answerer = LawAnswerer(real_book)
    found = answerer.answer(
        Conversation("ตามมาตรา 9 พ.ร.บ. ข้อมูลข่าวสารของราชการ หน่วยงานของรัฐต้องจัดให้มีอะไรให้ประชาชนเข้าตรวจดูได้บ้าง", "th")
    )
    assert found is not None
    first = found.answer.splitlines()[0]
    assert all(f"({d})" in first for d in "๑๒๓๔๕๖๗๘"), first
    assert found.citations[0].section == "มาตรา 9"


# (section, secretary) of every committee, read off the composition clauses.
SECRETARIES = [
    ("digital-government-act-2562", "มาตรา 6", "ผู้อำนวยการสำนักงาน"),
    ("official-information-act-2540", "มาตรา 27",
     "ปลัดสำนักนายกรัฐมนตรีแต่งตั้งข้าราชการของสำนักงานปลัดสำนักนายกรัฐมนตรีคนหนึ่ง"),
    ("cybersecurity-act-2562", "มาตรา 5", "เลขาธิการ"),
    ("cybersecurity-act-2562", "มาตรา 12", "เลขาธิการ"),
    ("electronic-transactions-act-2544", "มาตรา 36", "ผู้อำนวยการ"),
    ("digital-development-act-2560", "มาตรา 7", "ปลัดกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม"),
    ("state-administration-act-2534", "มาตรา 71/1", "เลขาธิการ ก.พ.ร."),
    ("public-procurement-act-2560", "มาตรา 20", "อธิบดีกรมบัญชีกลาง"),
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize(("doc_id", "label", "secretary"), SECRETARIES)
def test_real_committee_secretaries(real_book: LawBook, doc_id: str, label: str, secretary: str) -> None:
    section = next(s for s in _act(real_book, doc_id).sections if s.label == label)
    assert section.committees[0].secretary is not None
    assert section.committees[0].secretary.holder == secretary
