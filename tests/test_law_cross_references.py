"""Law answers that follow the Act's own cross-references and qualifications: a chair seated "ตามมาตรา ๗ (๒)" is
named, an age qualification answers "อายุไม่เกินกี่ปี", a period another section sets for a cited one answers, a
section that sets no period declines, a subcommittee is not its committee, and a committee named without its Act
still finds its term of office.

The Act below is a short excerpt written for these tests in statute style, not a corpus copy.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.grounding import violations
from assistant.law_answerer import LawAnswerer
from assistant.structured import Conversation
from corpus.document import Document, DocumentSpec
from index.laws.book import build_law_book

ACT = """พระราชบัญญัติ
ทดสอบกองทุนข้อมูล
พ.ศ. ๒๕๖๘

มาตรา ๑ พระราชบัญญัตินี้เรียกว่า “พระราชบัญญัติทดสอบกองทุนข้อมูล พ.ศ. ๒๕๖๘”

มาตรา ๗ ให้มีคณะกรรมการทดสอบข้อมูลแห่งชาติ ประกอบด้วย
(๑) นายกรัฐมนตรี เป็นประธานกรรมการ
(๒) รองนายกรัฐมนตรีที่นายกรัฐมนตรีมอบหมาย เป็นรองประธานกรรมการ
(๓) ปลัดกระทรวงการคลัง เป็นกรรมการ

มาตรา ๑๑ ให้หน่วยงานของรัฐจัดหาข้อมูลข่าวสารให้แก่ผู้ขอภายในเวลาอันสมควร

มาตรา ๑๔ ข้อมูลข่าวสารที่อาจก่อให้เกิดความเสียหายต่อความมั่นคงของรัฐจะเปิดเผยมิได้

มาตรา ๒๖ กำหนดเวลาต้องส่งข้อมูลข่าวสารให้แก่หอจดหมายเหตุให้แยกตามประเภท ดังนี้
(๑) ข้อมูลข่าวสารตามมาตรา ๑๔ เมื่อครบเจ็ดสิบห้าปี
(๒) ข้อมูลข่าวสารอื่น เมื่อครบยี่สิบปี

มาตรา ๒๗ ให้มีคณะกรรมการบริหารกองทุนทดสอบข้อมูล ประกอบด้วย
(๑) รองประธานกรรมการตามมาตรา ๗ (๒) เป็นประธานกรรมการ
(๒) ปลัดกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม เป็นรองประธานกรรมการ
(๓) ผู้อำนวยการสำนักงบประมาณ เป็นกรรมการ

มาตรา ๓๗ ให้ประธานกรรมการและกรรมการผู้ทรงคุณวุฒิในคณะกรรมการกำกับสำนักงานส่งเสริมการวิจัย มีวาระการดำรงตำแหน่งคราวละสี่ปี
ประธานกรรมการหรือกรรมการผู้ทรงคุณวุฒิซึ่งพ้นจากตำแหน่งตามวาระอาจได้รับแต่งตั้งอีกได้แต่ไม่เกินสองวาระติดต่อกัน

มาตรา ๓๘ ให้มีคณะกรรมการกำกับสำนักงานส่งเสริมการวิจัย ประกอบด้วย
(๑) ประธานกรรมการซึ่งรัฐมนตรีแต่งตั้ง
(๒) ผู้อำนวยการ เป็นกรรมการและเลขานุการ

มาตรา ๔๐ ในกรณีที่ประธานกรรมการหรือกรรมการผู้ทรงคุณวุฒิพ้นจากตำแหน่งก่อนวาระ ให้ดำเนินการแต่งตั้งแทนภายในหกสิบวัน

มาตรา ๔๖ ผู้อำนวยการต้องมีคุณสมบัติ ดังต่อไปนี้
(๑) มีสัญชาติไทย
(๒) มีอายุไม่เกินห้าสิบห้าปีในวันที่ได้รับการแต่งตั้ง
(๓) ไม่เป็นบุคคลล้มละลาย
"""
TITLE = "พระราชบัญญัติทดสอบกองทุนข้อมูล พ.ศ. 2568"


@pytest.fixture(scope="module")
def answerer() -> LawAnswerer:
    spec = DocumentSpec(doc_id="test-fund-act", kind="law", title=TITLE, path=Path("test-fund-act.txt"))
    return LawAnswerer(build_law_book([Document(spec=spec, raw_text=ACT, text=ACT)]))


def test_a_chair_seated_by_reference_is_named_from_the_item_referred_to(answerer: LawAnswerer) -> None:
    found = answerer.answer(Conversation("ใครเป็นประธานคณะกรรมการบริหารกองทุนทดสอบข้อมูล", "th"))
    assert found is not None and not found.abstained
    first = found.answer.splitlines()[0]
    assert "ตามมาตรา ๗ (๒)" in first and "รองนายกรัฐมนตรีที่นายกรัฐมนตรีมอบหมาย" in first
    assert [c.section for c in found.citations] == ["มาตรา 27", "มาตรา 7"]
    assert violations(found.answer, [c.text for c in found.citations]) == []


def test_an_age_qualification_answers_how_old(answerer: LawAnswerer) -> None:
    found = answerer.answer(Conversation("ผู้อำนวยการตาม พ.ร.บ.ทดสอบกองทุนข้อมูล ต้องอายุไม่เกินกี่ปี", "th"))
    assert found is not None and not found.abstained
    assert "ห้าสิบห้าปี" in found.answer.splitlines()[0]
    assert found.citations[0].section == "มาตรา 46"


def test_a_period_another_section_sets_for_the_cited_one_answers(answerer: LawAnswerer) -> None:
    found = answerer.answer(
        Conversation("ตาม พ.ร.บ.ทดสอบกองทุนข้อมูล ข้อมูลข่าวสารตามมาตรา 14 ต้องส่งให้หอจดหมายเหตุเมื่อครบกี่ปี", "th")
    )
    assert found is not None and not found.abstained
    assert "เจ็ดสิบห้าปี" in found.answer.splitlines()[0] and found.citations[0].section == "มาตรา 26"


def test_a_section_that_sets_no_period_declines_and_shows_what_it_says(answerer: LawAnswerer) -> None:
    found = answerer.answer(Conversation("ตาม พ.ร.บ.ทดสอบกองทุนข้อมูล มาตรา 11 ต้องจัดหาข้อมูลให้ภายในกี่วันทำการ", "th"))
    assert found is not None and found.abstained
    assert "ภายในเวลาอันสมควร" in found.answer  # shown, labelled as not the answer
    what = answerer.answer(Conversation("ตาม พ.ร.บ.ทดสอบกองทุนข้อมูล มาตรา 11 ว่าอย่างไร", "th"))
    assert what is not None and not what.abstained  # asking what it says still gets it


def test_a_subcommittee_is_not_answered_by_its_committees_composition(answerer: LawAnswerer) -> None:
    found = answerer.answer(Conversation("คณะกรรมการทดสอบข้อมูลแห่งชาติตั้งคณะอนุกรรมการกี่คณะ มีคณะอะไรบ้าง", "th"))
    assert found is None or "รองนายกรัฐมนตรี" not in found.answer


def test_a_committee_named_without_its_act_finds_its_term_and_the_second_figure(answerer: LawAnswerer) -> None:
    question = "กรรมการผู้ทรงคุณวุฒิในคณะกรรมการกำกับสำนักงานส่งเสริมการวิจัย อยู่ในตำแหน่งวาระละกี่ปี และเป็นติดกันได้กี่วาระ"
    found = answerer.answer(Conversation(question, "th"))
    assert found is not None and not found.abstained
    first = found.answer.splitlines()[0]
    assert "สี่ปี" in first and "สองวาระ" in first and found.citations[0].section == "มาตรา 37"


def test_a_vacancy_before_the_term_ends_is_not_the_term(answerer: LawAnswerer) -> None:
    question = "ตาม พ.ร.บ.ทดสอบกองทุนข้อมูล ถ้ากรรมการผู้ทรงคุณวุฒิพ้นจากตำแหน่งก่อนครบวาระ ต้องแต่งตั้งแทนภายในกี่วัน"
    found = answerer.answer(Conversation(question, "th"))
    assert found is not None and not found.abstained
    assert "หกสิบวัน" in found.answer.splitlines()[0] and "สี่ปี" not in found.answer.splitlines()[0]
