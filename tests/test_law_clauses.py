"""Law questions answered by one clause of a section: the minister in charge, a period set for a cited section,
and commencement wording that is about something else taking effect.

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
ทดสอบการเก็บรักษาเอกสารกลาง
พ.ศ. ๒๕๖๘

มาตรา ๑ พระราชบัญญัตินี้เรียกว่า “พระราชบัญญัติทดสอบการเก็บรักษาเอกสารกลาง พ.ศ. ๒๕๖๘”

มาตรา ๒ พระราชบัญญัตินี้ให้ใช้บังคับเมื่อพ้นกำหนดเก้าสิบวันนับแต่วันประกาศในราชกิจจานุเบกษาเป็นต้นไป

มาตรา ๓ ในพระราชบัญญัตินี้
“รัฐมนตรี” หมายความว่า รัฐมนตรีผู้รักษาการตามพระราชบัญญัตินี้

มาตรา ๔ ให้รัฐมนตรีว่าการกระทรวงวัฒนธรรมรักษาการตามพระราชบัญญัตินี้

มาตรา ๑๔ เอกสารลับของหน่วยงานของรัฐจะเปิดเผยมิได้

มาตรา ๑๕ เอกสารที่อาจกระทบความมั่นคงของประเทศ หน่วยงานของรัฐอาจมีคำสั่งมิให้เปิดเผยก็ได้

มาตรา ๒๖ เอกสารที่หน่วยงานของรัฐไม่ประสงค์จะเก็บรักษา ให้ส่งมอบให้แก่หอเอกสารกลางตามกำหนดเวลา ดังนี้
(๑) เอกสารตามมาตรา ๑๔ เมื่อครบเจ็ดสิบห้าปี
(๒) เอกสารตามมาตรา ๑๕ เมื่อครบยี่สิบปี
คำสั่งขยายเวลาจะกำหนดเกินคราวละห้าปีไม่ได้

มาตรา ๓๐ การรับเอกสารทางอิเล็กทรอนิกส์ให้ถือว่ามีผลนับแต่เวลาที่เอกสารนั้นได้เข้าสู่ระบบของผู้รับ
"""
TITLE = "พระราชบัญญัติทดสอบการเก็บรักษาเอกสารกลาง พ.ศ. 2568"


@pytest.fixture(scope="module")
def answerer() -> LawAnswerer:
    spec = DocumentSpec(doc_id="test-archive-act", kind="law", title=TITLE, path=Path("test-archive-act.txt"))
    return LawAnswerer(build_law_book([Document(spec=spec, raw_text=ACT, text=ACT)]))


def _answer(answerer: LawAnswerer, question: str, language: str = "th") -> StructuredAnswer | None:
    return answerer.answer(Conversation(question, language, documents=["test-archive-act"]))


def test_the_minister_in_charge_is_read_from_the_caretaker_section_not_the_definition(answerer: LawAnswerer) -> None:
    found = _answer(answerer, "รัฐมนตรีคนไหนรักษาการตาม พ.ร.บ. ทดสอบการเก็บรักษาเอกสารกลาง")
    assert found is not None and not found.abstained
    assert "รัฐมนตรีว่าการกระทรวงวัฒนธรรม" in found.answer.splitlines()[0]
    assert found.citations[0].section == "มาตรา 4"
    # asked in English as a follow-up on the same Act: "and who has charge of the Act?"
    earlier = "What does the Test Central Document Keeping Act require? พ.ร.บ. ทดสอบการเก็บรักษาเอกสารกลาง"
    follow = answerer.answer(
        Conversation("and who has charge of the Act?", "en", earlier=[earlier], followup=True, documents=[])
    )
    assert follow is not None and "รัฐมนตรีว่าการกระทรวงวัฒนธรรม" in follow.answer.splitlines()[0]


def test_a_period_set_for_a_cited_section_is_the_clause_naming_it(answerer: LawAnswerer) -> None:
    question = "เอกสารตามมาตรา 15 ที่หน่วยงานไม่เก็บแล้ว ต้องส่งมอบให้หอเอกสารกลางเมื่อครบกี่ปี ตาม พ.ร.บ. ทดสอบการเก็บรักษาเอกสารกลาง"
    found = _answer(answerer, question)
    assert found is not None and not found.abstained
    line = found.answer.splitlines()[0]
    assert "ยี่สิบปี" in line and "ห้าปี" not in line and found.citations[0].section == "มาตรา 26"


def test_commencement_wording_about_something_else_is_not_the_acts_commencement(answerer: LawAnswerer) -> None:
    own = _answer(answerer, "พ.ร.บ. ทดสอบการเก็บรักษาเอกสารกลาง มีผลใช้บังคับเมื่อใด")
    assert own is not None and "เก้าสิบวัน" in own.answer.splitlines()[0]
    other = _answer(answerer, "ตาม พ.ร.บ. ทดสอบการเก็บรักษาเอกสารกลาง การรับเอกสารทางอิเล็กทรอนิกส์มีผลใช้บังคับเมื่อใด")
    assert other is None or "เก้าสิบวัน" not in other.answer.splitlines()[0]
