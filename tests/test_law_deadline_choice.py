"""Which time limit answers a deadline question: the clause stating the asked duty, not a long section that holds
the question's words somewhere else; English "how quickly" asks for a time limit; a Thai title in brackets does
not make an English question Thai.

The Act below is a short excerpt written for these tests in statute style, not a corpus copy.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.law_answerer import LawAnswerer
from assistant.query_rewrite import detect_language
from assistant.structured import Conversation, StructuredAnswer
from corpus.document import Document, DocumentSpec
from index.laws.book import build_law_book

ACT = """พระราชบัญญัติ
ทดสอบการซื้อพัสดุและการแจ้งคนตาย
พ.ศ. ๒๕๖๘

มาตรา ๑ พระราชบัญญัตินี้เรียกว่า “พระราชบัญญัติทดสอบการซื้อพัสดุและการแจ้งคนตาย พ.ศ. ๒๕๖๘”

มาตรา ๒ พระราชบัญญัตินี้ให้ใช้บังคับเมื่อพ้นกำหนดเก้าสิบวันนับแต่วันประกาศในราชกิจจานุเบกษาเป็นต้นไป

มาตรา ๒๐ ให้คณะกรรมการวินิจฉัยมีอำนาจหน้าที่ ดังต่อไปนี้
(๑) ให้คำแนะนำแก่หน่วยงานของรัฐและผู้ยื่นข้อเสนอเกี่ยวกับการยื่นอุทธรณ์
(๒) ตอบข้อหารือของหน่วยงานของรัฐ
ในกรณีที่มีข้อหารือ ให้คณะกรรมการวินิจฉัยพิจารณาให้แล้วเสร็จภายในสามสิบวันนับแต่วันที่ได้รับข้อหารือ

มาตรา ๕๐ ให้ผู้มีสิทธิอุทธรณ์ยื่นอุทธรณ์ต่อหน่วยงานของรัฐนั้นภายในเจ็ดวันทำการนับแต่วันประกาศผล

มาตรา ๕๑ ให้หน่วยงานของรัฐพิจารณาอุทธรณ์ให้แล้วเสร็จภายในห้าวันทำการนับแต่วันที่ได้รับอุทธรณ์

มาตรา ๕๒ ให้หน่วยงานของรัฐรายงานความเห็นไปยังคณะกรรมการพิจารณาอุทธรณ์ภายในสามวันทำการ

มาตรา ๕๓ เมื่อได้รับรายงาน ให้คณะกรรมการพิจารณาอุทธรณ์ให้แล้วเสร็จภายในสามสิบวันนับแต่วันที่ได้รับรายงาน
หากไม่อาจพิจารณาได้ทัน ให้ขยายระยะเวลาได้ไม่เกินสองครั้ง

มาตรา ๖๐ เมื่อมีคนตายให้แจ้งการตาย ดังต่อไปนี้
(๑) คนตายในบ้าน ให้เจ้าบ้านแจ้งต่อนายทะเบียนภายในยี่สิบสี่ชั่วโมงนับแต่เวลาตาย
(๒) คนตายนอกบ้าน ให้ผู้พบศพแจ้งต่อพนักงานฝ่ายปกครองภายในสามวัน
"""
TITLE = "พระราชบัญญัติทดสอบการซื้อพัสดุและการแจ้งคนตาย พ.ศ. 2568"


@pytest.fixture(scope="module")
def answerer() -> LawAnswerer:
    spec = DocumentSpec(doc_id="test-supplies-act", kind="law", title=TITLE, path=Path("test-supplies-act.txt"))
    return LawAnswerer(build_law_book([Document(spec=spec, raw_text=ACT, text=ACT)]))


def _answer(answerer: LawAnswerer, question: str, language: str) -> StructuredAnswer | None:
    return answerer.answer(Conversation(question, language, documents=["test-supplies-act"]))


def test_the_clause_stating_the_duty_wins_over_a_long_section_holding_the_words(answerer: LawAnswerer) -> None:
    question = "Under the พ.ร.บ. ทดสอบการซื้อพัสดุ, what is the deadline for a bidder to file an appeal with the agency?"
    found = _answer(answerer, question, "en")
    assert found is not None and not found.abstained
    line = found.answer.splitlines()[0]
    assert "เจ็ดวันทำการ" in line and "สามสิบวัน" not in line and found.citations[0].section == "มาตรา 50"


def test_the_section_stating_a_second_asked_figure_answers_both(answerer: LawAnswerer) -> None:
    question = "หน่วยงานส่งเรื่องอุทธรณ์แล้ว คณะกรรมการพิจารณาอุทธรณ์ตาม พ.ร.บ. ทดสอบการซื้อพัสดุ ต้องพิจารณาให้เสร็จภายในกี่วัน ขยายได้กี่ครั้ง"
    found = _answer(answerer, question, "th")
    assert found is not None and not found.abstained
    line = found.answer.splitlines()[0]
    assert "สามสิบวัน" in line and "สองครั้ง" in line and found.citations[0].section == "มาตรา 53"


def test_how_quickly_asks_for_the_list_items_time_limit_not_the_lead_in(answerer: LawAnswerer) -> None:
    question = "How quickly must a death at home be reported under the พ.ร.บ. ทดสอบการซื้อพัสดุและการแจ้งคนตาย?"
    found = _answer(answerer, question, "en")
    assert found is not None and not found.abstained
    line = found.answer.splitlines()[0]
    assert "ยี่สิบสี่ชั่วโมง" in line and "ดังต่อไปนี้" not in line


def test_a_bracketed_or_quoted_name_does_not_decide_the_language() -> None:
    english = "When does the Electronic Government Administration Act (พ.ร.บ.การปฏิบัติราชการ) come into force?"
    assert detect_language(english) == "en"
    assert detect_language("What does “ข้อมูลข่าวสารของราชการ” mean?") == "en"
    assert detect_language("โครงการ GDCC (Government Data Center and Cloud) ใครดูแล") == "th"
    assert detect_language("คำว่า “Open Government Data” หมายถึงอะไร") == "th"
    assert detect_language("(สพร.)") == "th"


def test_retrieval_ranking_decides_between_clauses_holding_the_same_words(answerer: LawAnswerer) -> None:
    # both มาตรา 51 and 53 hold "พิจารณาอุทธรณ์ให้แล้วเสร็จภายใน…": the section retrieval ranked first answers
    question = "ตาม พ.ร.บ. ทดสอบการซื้อพัสดุ ต้องพิจารณาอุทธรณ์ให้เสร็จภายในกี่วัน"
    doc = "test-supplies-act"
    for first, expected in (("มาตรา 53", "สามสิบวัน"), ("มาตรา 51", "ห้าวันทำการ")):
        found = answerer.answer(Conversation(question, "th", documents=[doc, doc], sections=[first, "มาตรา 20"]))
        assert found is not None and not found.abstained
        assert expected in found.answer.splitlines()[0] and found.citations[0].section == first
