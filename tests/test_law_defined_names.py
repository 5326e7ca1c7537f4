"""A who-answer naming a body by its Act's defined short name ("ในสำนักงาน") states the full name it defines.

The Act below is a short excerpt written for these tests in statute style, not a corpus copy.
"""

from __future__ import annotations

from pathlib import Path

from assistant.grounding import violations
from assistant.law_answerer import LawAnswerer
from assistant.structured import Conversation
from corpus.document import Document, DocumentSpec
from index.laws.book import build_law_book

ACT = """พระราชบัญญัติ
ทดสอบข้อมูลเปิด
พ.ศ. ๒๕๖๒

มาตรา ๑ พระราชบัญญัตินี้เรียกว่า “พระราชบัญญัติทดสอบข้อมูลเปิด พ.ศ. ๒๕๖๒”

มาตรา ๓ ในพระราชบัญญัตินี้
“หน่วยงานของรัฐ” หมายความว่า ราชการส่วนกลาง ราชการส่วนภูมิภาค และราชการส่วนท้องถิ่น
“สำนักงาน” หมายความว่า สำนักงานทดสอบข้อมูลเปิด (องค์การมหาชน)
“นายทะเบียน” หมายความว่า นายทะเบียนประจำสำนักทะเบียนกลาง นายทะเบียนประจำสำนักทะเบียนจังหวัด
นายทะเบียนประจำสำนักทะเบียนอำเภอ และนายทะเบียนประจำสำนักทะเบียนท้องถิ่น

มาตรา ๑๘ ให้มีศูนย์กลางข้อมูลทดลองในสำนักงาน ทำหน้าที่ประสานงานให้หน่วยงานของรัฐเปิดเผยข้อมูลแก่ประชาชน

มาตรา ๑๙ ให้สำนักงานทดสอบข้อมูลเปิดจัดทำรายงานประจำปี

มาตรา ๒๐ ให้เจ้าของข้อมูลแจ้งต่อนายทะเบียนภายในสิบห้าวัน
"""
TITLE = "พระราชบัญญัติทดสอบข้อมูลเปิด พ.ศ. 2562"


def _answerer() -> LawAnswerer:
    spec = DocumentSpec(doc_id="test-act", kind="law", title=TITLE, path=Path("test-act.txt"))
    return LawAnswerer(build_law_book([Document(spec=spec, raw_text=ACT, text=ACT)]))


def test_the_defined_short_name_is_stated_in_full_with_its_definition_cited() -> None:
    found = _answerer().answer(Conversation("ศูนย์กลางข้อมูลทดลองตามมาตรา 18 พ.ร.บ.ทดสอบข้อมูลเปิด อยู่ในหน่วยงานไหน", "th"))
    assert found is not None and not found.abstained
    first = found.answer.splitlines()[0]
    assert "(“สำนักงาน” หมายความว่า สำนักงานทดสอบข้อมูลเปิด (องค์การมหาชน) [2])" in first
    assert [c.section for c in found.citations] == ["มาตรา 18", "มาตรา 3"]
    assert violations(found.answer, [c.text for c in found.citations]) == []


def test_a_full_name_or_another_kind_of_question_is_left_as_it_is() -> None:
    answerer = _answerer()
    named = answerer.answer(Conversation("ตาม พ.ร.บ.ทดสอบข้อมูลเปิด มาตรา 19 ใครต้องจัดทำรายงานประจำปี", "th"))
    assert named is not None and "หมายความว่า" not in named.answer.splitlines()[0]
    listed = answerer.answer(Conversation("ตาม พ.ร.บ.ทดสอบข้อมูลเปิด มาตรา 20 ใครต้องแจ้งต่อนายทะเบียน", "th"))
    assert listed is not None and "หมายความว่า" not in listed.answer.splitlines()[0]  # a list of offices, not a name
    what = answerer.answer(Conversation("มาตรา 18 พ.ร.บ.ทดสอบข้อมูลเปิด ว่าอย่างไร", "th"))
    assert what is not None and "หมายความว่า" not in what.answer.splitlines()[0]
