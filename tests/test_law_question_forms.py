"""How people ask the law answerer: without tone marks, for an age, for how often, for the penalty of one offence.

The Act below is a short excerpt written for these tests in statute style, not a corpus copy.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.law_answerer import LawAnswerer
from assistant.structured import Conversation, StructuredAnswer
from corpus.document import Document, DocumentSpec
from index.laws.book import build_law_book

ACT = """พระราชบัญญัติ
ทดสอบการคุ้มครองข้อมูลกลาง
พ.ศ. ๒๕๔๐

มาตรา ๑ พระราชบัญญัตินี้เรียกว่า “พระราชบัญญัติทดสอบการคุ้มครองข้อมูลกลาง พ.ศ. ๒๕๔๐”

มาตรา ๒ พระราชบัญญัตินี้ให้ใช้บังคับเมื่อพ้นกำหนดหกสิบวันนับแต่วันประกาศในราชกิจจานุเบกษาเป็นต้นไป

มาตรา ๓ ให้มีคณะกรรมการคุ้มครองข้อมูลกลาง ประกอบด้วย
(๑) นายกรัฐมนตรี เป็นประธานกรรมการ
(๒) กรรมการผู้ทรงคุณวุฒิ จำนวนไม่เกินเจ็ดคน ซึ่งคณะรัฐมนตรีแต่งตั้ง
ให้ผู้อำนวยการเป็นกรรมการและเลขานุการ

มาตรา ๔ ให้คณะกรรมการพิจารณาคำร้องให้แล้วเสร็จภายในสามสิบวันนับแต่วันที่ได้รับคำร้อง
หากไม่อาจพิจารณาได้ทัน ให้ขยายระยะเวลาออกไปได้ไม่เกินสองครั้ง ครั้งละไม่เกินสิบห้าวัน

มาตรา ๕ ผู้อำนวยการต้องมีคุณสมบัติ ดังต่อไปนี้
(๑) มีสัญชาติไทย
(๒) มีอายุไม่ต่ำกว่าสี่สิบปี แต่ไม่เกินหกสิบห้าปี
(๓) เป็นผู้มีความรู้ด้านการบริหารข้อมูล

มาตรา ๖ ผู้อำนวยการมีวาระอยู่ในตำแหน่งคราวละสี่ปี

มาตรา ๘ เพื่อให้การคุ้มครองข้อมูลเป็นไปอย่างมีประสิทธิภาพ ให้หน่วยงานของรัฐดำเนินการ ดังต่อไปนี้
(๑) จัดทำบัญชีข้อมูลของหน่วยงาน
(๒) ให้มีการทบทวนแผนปฏิบัติการคุ้มครองข้อมูลของหน่วยงานของรัฐ
โดยต้องจัดให้มีการประเมินผลการดำเนินงานตามแผนดังกล่าวด้วย ทั้งนี้ อย่างน้อยปีละหนึ่งครั้ง

มาตรา ๑๐ ให้ผู้ครอบครองข้อมูลส่งข้อมูลให้แก่พนักงานเจ้าหน้าที่ภายในสิบห้าวันนับแต่วันที่ได้รับหนังสือ

มาตรา ๑๑ ในกรณีที่พนักงานเจ้าหน้าที่มีคำสั่งให้ส่งข้อมูลตามมาตรา ๑๐ ผู้ครอบครองข้อมูลอาจอุทธรณ์คำสั่งต่อคณะกรรมการ
ภายในเจ็ดวันนับแต่วันที่ได้รับแจ้งคำสั่งนั้น

มาตรา ๑๒ ข้อมูลที่พนักงานเจ้าหน้าที่ได้รับตามมาตรา ๑๐ ให้ทำลายเสียภายในห้าปีนับแต่วันที่ได้รับ

มาตรา ๒๐ ห้ามมิให้พนักงานเจ้าหน้าที่เปิดเผยข้อมูลกลางที่ได้มาตามพระราชบัญญัตินี้ให้แก่บุคคลใด เว้นแต่เป็นการกระทำเพื่อประโยชน์ในการดำเนินคดี
หรือเป็นการกระทำตามคำสั่งศาล หรือได้รับอนุญาตจากผู้อำนวยการ
ผู้ใดฝ่าฝืนต้องระวางโทษจำคุกไม่เกินสามปี หรือปรับไม่เกินหกหมื่นบาท หรือทั้งจำทั้งปรับ

มาตรา ๒๑ ผู้ใดล่วงรู้ข้อมูลกลางที่พนักงานเจ้าหน้าที่ได้มาตามพระราชบัญญัตินี้ และเปิดเผยโดยมิชอบ ต้องระวางโทษจำคุกไม่เกินสองปี หรือปรับไม่เกินสี่หมื่นบาท

มาตรา ๒๒ ผู้ใดไม่ส่งข้อมูลให้แก่พนักงานเจ้าหน้าที่ตามมาตรา ๑๐ ต้องระวางโทษปรับไม่เกินหนึ่งแสนบาท
"""
TITLE = "พระราชบัญญัติทดสอบการคุ้มครองข้อมูลกลาง พ.ศ. 2540"


@pytest.fixture(scope="module")
def answerer() -> LawAnswerer:
    spec = DocumentSpec(doc_id="test-act", kind="law", title=TITLE, path=Path("test-act.txt"))
    return LawAnswerer(build_law_book([Document(spec=spec, raw_text=ACT, text=ACT)]))


def _first(answerer: LawAnswerer, question: str, documents: list[str] | None = None) -> tuple[str, str]:
    found = answerer.answer(Conversation(question, "th", documents=documents or []))
    assert isinstance(found, StructuredAnswer) and not found.abstained, question
    return found.answer.splitlines()[0], found.citations[0].section or ""


def test_penalty_asked_without_tone_marks_is_the_one_punishing_the_named_section(answerer: LawAnswerer) -> None:
    line, section = _first(answerer, "พรบ.ทดสอบการคุมครองขอมูลกลาง ไมสงขอมูลให จนท. ตาม ม.10 โดนปรับเทาไร")
    assert "หนึ่งแสนบาท" in line and section == "มาตรา 22"


def test_a_fine_asked_as_a_noun_is_the_penalty_of_the_named_section(answerer: LawAnswerer) -> None:
    # "ค่าปรับ" (a fine) and "โดนปรับไม่เกิน": penalty wording, though bare "ปรับ" also means "adjust"
    for question in (
        "ตาม พ.ร.บ.ทดสอบการคุ้มครองข้อมูลกลาง ผู้ไม่ส่งข้อมูลตามมาตรา 10 ต้องเสียค่าปรับสูงสุดเท่าไร",
        "พ.ร.บ.ทดสอบการคุ้มครองข้อมูลกลาง ไม่ส่งข้อมูลตาม ม.10 โดนปรับไม่เกินเท่าไร",
    ):
        line, section = _first(answerer, question)
        assert "หนึ่งแสนบาท" in line and section == "มาตรา 22", question


def test_a_breach_asked_as_what_if_is_the_penalty_punishing_it(answerer: LawAnswerer) -> None:
    # "แล้วถ้าไม่ส่งข้อมูลตามมาตรา 10 ล่ะ": the consequence of a breach, which the Act states as a penalty
    for question in (
        "พ.ร.บ.ทดสอบการคุ้มครองข้อมูลกลาง แล้วถ้าไม่ทำตามมาตรา 10 ล่ะ",
        "ตาม พ.ร.บ.ทดสอบการคุ้มครองข้อมูลกลาง ถ้าฝ่าฝืนมาตรา 10 จะเป็นอย่างไร",
    ):
        line, section = _first(answerer, question)
        assert "หนึ่งแสนบาท" in line and section == "มาตรา 22", question
    # a duty asked after a breach ("ต้องทำอย่างไร") is not a penalty question
    line, section = _first(answerer, "พ.ร.บ.ทดสอบการคุ้มครองข้อมูลกลาง ถ้าไม่ส่งข้อมูลตามมาตรา 10 ต้องส่งภายในกี่วัน")
    assert "สิบห้าวัน" in line and section == "มาตรา 10"


def test_age_qualification(answerer: LawAnswerer) -> None:
    line, section = _first(answerer, "ผู้ที่จะเป็นผู้อำนวยการ ต้องมีอายุเท่าไร ตาม พ.ร.บ. ทดสอบการคุ้มครองข้อมูลกลาง")
    assert "สี่สิบปี" in line and "หกสิบห้าปี" in line and section == "มาตรา 5"
    # asked as a yes/no about a limit: "มีข้อจำกัดเรื่องอายุไหม"
    line, section = _first(answerer, "ผู้อำนวยการตาม พ.ร.บ. ทดสอบการคุ้มครองข้อมูลกลาง มีข้อจำกัดเรื่องอายุไหม")
    assert "หกสิบห้าปี" in line and section == "มาตรา 5"
    # asked as a range: "อายุอยู่ในช่วงไหน", "ช่วงอายุเท่าไร"
    for question in (
        "คนที่จะเป็นผู้อำนวยการตาม พ.ร.บ. ทดสอบการคุ้มครองข้อมูลกลาง ต้องมีอายุอยู่ในช่วงไหน",
        "ผู้อำนวยการตาม พ.ร.บ. ทดสอบการคุ้มครองข้อมูลกลาง ช่วงอายุที่รับได้คือ",
        "ผู้อำนวยการตาม พ.ร.บ. ทดสอบการคุ้มครองข้อมูลกลาง อายุห้ามเกินเท่าไหร่",
    ):
        line, section = _first(answerer, question)
        assert "สี่สิบปี" in line and "หกสิบห้าปี" in line and section == "มาตรา 5", question


def test_how_often_a_duty_recurs(answerer: LawAnswerer) -> None:
    line, section = _first(
        answerer,
        "ตาม พ.ร.บ. ทดสอบการคุ้มครองข้อมูลกลาง หน่วยงานของรัฐต้องประเมินผลการดำเนินงานตามแผนปฏิบัติการคุ้มครองข้อมูลบ่อยแค่ไหน",
    )
    assert "ปีละหนึ่งครั้ง" in line and section == "มาตรา 8"


def test_the_specific_offence_wins_over_a_duty_holding_the_same_words(answerer: LawAnswerer) -> None:
    line, section = _first(
        answerer, "คนที่รู้ข้อมูลกลางที่พนักงานเจ้าหน้าที่ได้มาตาม พ.ร.บ. ทดสอบการคุ้มครองข้อมูลกลาง แล้วเปิดเผยโดยมิชอบ มีโทษเท่าไร"
    )
    assert "จำคุกไม่เกินสองปี" in line and section == "มาตรา 21"


def test_qualified_members_of_a_committee(answerer: LawAnswerer) -> None:
    line, section = _first(answerer, "คณะกรรมการคุ้มครองข้อมูลกลางมีกรรมการผู้ทรงคุณวุฒิได้ไม่เกินกี่คน")
    assert "ไม่เกินเจ็ดคน" in line and section == "มาตรา 3"


def test_a_second_figure_asked_is_added_from_the_same_section(answerer: LawAnswerer) -> None:
    line, section = _first(
        answerer, "คณะกรรมการตาม พ.ร.บ. ทดสอบการคุ้มครองข้อมูลกลาง ต้องพิจารณาคำร้องให้เสร็จภายในกี่วัน ขยายเวลาได้กี่ครั้ง"
    )
    assert "สามสิบวัน" in line and "สองครั้ง" in line and section == "มาตรา 4"


def test_chair_and_secretary_asked_together(answerer: LawAnswerer) -> None:
    line, section = _first(answerer, "คณะกรรมการคุ้มครองข้อมูลกลาง มีใครเป็นประธาน และใครเป็นเลขานุการ")
    assert "นายกรัฐมนตรี" in line and "ผู้อำนวยการ" in line and section == "มาตรา 3"


def test_a_time_limit_about_a_cited_section_is_read_where_the_act_provides_it(answerer: LawAnswerer) -> None:
    question = "ถ้าพนักงานเจ้าหน้าที่มีคำสั่งให้ส่งข้อมูลตามมาตรา 10 ผู้ครอบครองข้อมูลต้องอุทธรณ์คำสั่งภายในกี่วัน"
    line, section = _first(answerer, question, documents=["test-act"])  # no Act named: the one retrieval ranks first
    assert "เจ็ดวัน" in line and section == "มาตรา 11"
    # asked in years: the citing section whose period is in years, where the words fit two sections alike
    question = "ข้อมูลที่พนักงานเจ้าหน้าที่ได้รับตามมาตรา 10 ต้องจัดการภายในกี่ปี"
    line, section = _first(answerer, question, documents=["test-act"])
    assert "ห้าปี" in line and section == "มาตรา 12"


@pytest.mark.parametrize(
    "question",
    [
        "พ.ร.บ.ทดสอบการคุ้มครองข้อมูลกลาง ใช้บังคับตั้งแต่เมื่อไร",
        "พ.ร.บ.ทดสอบการคุ้มครองข้อมูลกลาง 2540 มีผลบังคับหลังประกาศกี่วัน",
        "กฎหมายทดสอบการคุ้มครองข้อมูลกลาง ปี 2540 เริ่มใช้เมื่อไหร่",
    ],
)
def test_when_an_act_comes_into_force_however_it_is_asked(answerer: LawAnswerer, question: str) -> None:
    line, section = _first(answerer, question)
    assert section == "มาตรา 2" and "หกสิบวัน" in line


def test_an_english_question_may_give_the_act_s_year_in_the_common_era(answerer: LawAnswerer) -> None:
    # 2540 B.E. is 1997 C.E.: the year names the Act, it is no other thing that takes effect
    found = answerer.answer(
        Conversation("How long after publication did พ.ร.บ.ทดสอบการคุ้มครองข้อมูลกลาง 1997 become effective?", "en")
    )
    assert found is not None and found.citations[0].section == "มาตรา 2"


def test_a_term_a_penalty_and_a_frequency_asked_of_a_named_section(answerer: LawAnswerer) -> None:
    line, section = _first(answerer, "ตาม พ.ร.บ.ทดสอบการคุ้มครองข้อมูลกลาง ผู้อำนวยการตามมาตรา 6 มีวาระกี่ปี")
    assert "สี่ปี" in line and section == "มาตรา 6"
    line, section = _first(answerer, "พรบ.ทดสอบการคุมครองขอมูลกลาง ม.20 ฝาฝืนโดนจำคุกสูงสุดกีปี")  # a penalty, not a term
    assert "สามปี" in line and section == "มาตรา 20"
    line, section = _first(answerer, "ตาม พ.ร.บ.ทดสอบการคุ้มครองข้อมูลกลาง มาตรา 8 ต้องประเมินผลบ่อยแค่ไหน กี่ปีครั้ง")
    assert "ปีละหนึ่งครั้ง" in line and section == "มาตรา 8"


def test_what_a_term_refers_to_is_a_definition_question() -> None:
    from assistant.law_answerer import question_patterns

    definition = question_patterns()["definition"]
    assert definition.search("In the Act, what does the term 'the Office' refer to?")
    assert not definition.search("Which section refers to the Office?")  # a reference, not a term's meaning


def test_an_act_retrieval_ranks_below_a_plan_passage_still_answers_a_question_naming_none(
    answerer: LawAnswerer,
) -> None:
    question = "ผู้ครอบครองข้อมูลต้องส่งข้อมูลให้แก่พนักงานเจ้าหน้าที่ภายในกี่วัน"
    first, section = _first(answerer, question, documents=["a-plan", "a-plan", "test-act"])
    assert "สิบห้าวัน" in first and section == "มาตรา 10"
    assert answerer.answer(Conversation(question, "th", documents=["a-plan"])) is None  # no Act retrieved


TWO_COMMITTEES = """พระราชบัญญัติ
ทดสอบคณะกรรมการสองชุด
พ.ศ. ๒๕๖๒

มาตรา ๑ พระราชบัญญัตินี้เรียกว่า “พระราชบัญญัติทดสอบคณะกรรมการสองชุด พ.ศ. ๒๕๖๒”

มาตรา ๕ ให้มีคณะกรรมการคณะหนึ่งเรียกว่า “คณะกรรมการทดสอบข้อมูลแห่งชาติ” เรียกโดยย่อว่า “กทข.” ประกอบด้วย
(๑) นายกรัฐมนตรี เป็นประธานกรรมการ
(๒) กรรมการผู้ทรงคุณวุฒิจำนวนไม่เกินเจ็ดคน ซึ่งคณะรัฐมนตรีแต่งตั้ง

มาตรา ๒๕ ให้มีคณะกรรมการบริหารสำนักงานคณะกรรมการทดสอบข้อมูลแห่งชาติ เรียกโดยย่อว่า “กบท.” ประกอบด้วย
(๑) รัฐมนตรีว่าการกระทรวงทดสอบ เป็นประธานกรรมการ
(๒) กรรมการผู้ทรงคุณวุฒิจำนวนไม่เกินหกคน ซึ่งรัฐมนตรีแต่งตั้ง
"""


def test_an_abbreviation_after_office_names_the_office_not_its_committee() -> None:
    title = "พระราชบัญญัติทดสอบคณะกรรมการสองชุด พ.ศ. 2562"
    spec = DocumentSpec(doc_id="two-act", kind="law", title=title, path=Path("t.txt"))
    two = LawAnswerer(build_law_book([Document(spec=spec, raw_text=TWO_COMMITTEES, text=TWO_COMMITTEES)]))
    board = two.find_committee("คณะกรรมการบริหารสำนักงาน กทข. (กบท.) มีกรรมการผู้ทรงคุณวุฒิได้ไม่เกินกี่คน", None)
    assert board is not None and board.committee.abbreviations == ["กบท."]
    national = two.find_committee("กทข. มีกรรมการผู้ทรงคุณวุฒิได้ไม่เกินกี่คน", None)
    assert national is not None and national.committee.abbreviations == ["กทข."]
