"""How people word questions: abbreviations asked both ways ("กคข. ย่อมาจากอะไร", "what is its abbreviation"),
colloquial counts ("มีกี่อัน"), a time word glued to the next ("กี่วันหลัง…"), an amending Act named by its year,
and agency names cut at a question word ("สำนักงานคือเว็บไหน").

The Act below is a short excerpt written for these tests in statute style, not a corpus copy.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.abstention import asked_classifier, asked_years, counts_in
from assistant.answer_text import scored_facts
from assistant.law_answerer import LawAnswerer
from assistant.question_types import load_question_types, named_agencies, type_names
from assistant.structured import Conversation
from corpus.document import Document, DocumentSpec
from index.laws.book import build_law_book

ACT = """พระราชบัญญัติ
ทดสอบการคุ้มครองข้อมูลกลาง
พ.ศ. ๒๕๔๐

มาตรา ๑ พระราชบัญญัตินี้เรียกว่า “พระราชบัญญัติทดสอบการคุ้มครองข้อมูลกลาง พ.ศ. ๒๕๔๐”

มาตรา ๓ ให้มีคณะกรรมการคณะหนึ่งเรียกว่า “คณะกรรมการคุ้มครองข้อมูลกลางแห่งชาติ” เรียกโดยย่อว่า “กคข.” ประกอบด้วย
(๑) นายกรัฐมนตรี เป็นประธานกรรมการ
(๒) กรรมการผู้ทรงคุณวุฒิ จำนวนไม่เกินเจ็ดคน ซึ่งคณะรัฐมนตรีแต่งตั้ง
ให้ผู้อำนวยการเป็นกรรมการและเลขานุการ

มาตรา ๔ ให้คณะกรรมการพิจารณาคำร้องให้แล้วเสร็จภายในสามสิบวันนับแต่วันที่ได้รับคำร้อง
"""
TITLE = "พระราชบัญญัติทดสอบการคุ้มครองข้อมูลกลาง พ.ศ. 2540"
FULL = "คณะกรรมการคุ้มครองข้อมูลกลางแห่งชาติ"


@pytest.fixture(scope="module")
def answerer() -> LawAnswerer:
    spec = DocumentSpec(doc_id="test-act", kind="law", title=TITLE, path=Path("test-act.txt"))
    return LawAnswerer(build_law_book([Document(spec=spec, raw_text=ACT, text=ACT)]))


@pytest.mark.parametrize("question", ["กคข. ย่อมาจากอะไร", "กคข ยอมาจากอะไร", "กคข. ชื่อเต็มว่าอะไร"])
def test_an_abbreviation_is_expanded_from_the_section_that_defines_it(answerer: LawAnswerer, question: str) -> None:
    found = answerer.answer(Conversation(question, "th"))
    assert found is not None and not found.abstained, question
    first = found.answer.splitlines()[0]
    assert first.startswith("กคข. ย่อมาจาก") and FULL in first
    assert found.citations[0].section == "มาตรา 3"


def test_the_abbreviation_of_a_named_body(answerer: LawAnswerer) -> None:
    found = answerer.answer(Conversation(f"{FULL} มีชื่อย่อว่าอะไร", "th"))
    assert found is not None and "เรียกโดยย่อว่า กคข." in found.answer.splitlines()[0]
    # asked who chairs it, the abbreviation is not the answer
    chair = answerer.answer(Conversation("กคข. มีใครเป็นประธาน", "th"))
    assert chair is not None and "นายกรัฐมนตรี" in chair.answer.splitlines()[0]


def test_a_colloquial_count_takes_any_classifier() -> None:
    assert asked_classifier("ยุทธศาสตร์ที่ 4 มีโครงการสำคัญกี่อัน") is None  # "อัน" counts anything
    assert asked_classifier("มีกี่ชุด") == "ชุด"
    assert counts_in("ชุด", ["มี 3 ชุด"]) and not counts_in("ชุด", ["ร้อยละ 100"])


def test_an_agency_head_followed_by_a_question_word_names_no_agency() -> None:
    assert named_agencies("เว็บทางการที่ใช้ติดต่อสำนักงานคือเวบไหน") == []
    assert named_agencies("สำนักงานคือเว็บไหน") == []
    assert named_agencies("สำนักงานที่ดินจังหวัดน่านคือเว็บไหน") == ["สำนักงานทีดินจังหวัดนาน"]
    assert named_agencies("กรมสรรพากรมีเว็บอะไร") == ["กรมสรรพากร"]


def test_a_time_word_glued_to_the_next_is_the_classifier() -> None:
    assert asked_classifier("ต้องแต่งตั้งให้เสร็จภายในกี่วันหลังกฎหมายใช้บังคับ") == "วัน"
    assert asked_classifier("ภายในกี่เดือน") == "เดือน"


def test_a_period_asked_in_days_is_answered_in_days_not_by_a_year() -> None:
    when = next(t for t in load_question_types().types if t.name == "when")
    text = "(ฉบับที่ ๔) พ.ศ. ๒๕๔๓ ให้แต่งตั้งคณะกรรมการให้แล้วเสร็จภายในสามสิบวันนับแต่วันที่พระราชบัญญัตินี้ใช้บังคับ"
    best = max(scored_facts(text, when, {"แตงตง"}, period="วัน"), key=lambda f: f[0])
    assert "สามสิบวัน" in best[2]


def test_an_amending_acts_year_names_the_law_not_the_time_asked() -> None:
    assert asked_years("ตาม พ.ร.บ.ระเบียบบริหารราชการแผ่นดิน (ฉบับที่ 5) พ.ศ. 2545 ต้องทำภายในกี่วัน") == []
    assert asked_years("ปี ๒๕๖๗ ตั้งเป้าเท่าไร") == ["2567"]


def test_online_and_offline_do_not_ask_for_a_line_account() -> None:
    assert "line" not in type_names("ศูนย์เรียนรู้ทั้งออนไลน์และออฟไลน์ในแผนเรียกว่าอะไร")
    assert "line" in type_names("กรมสรรพากรมีไลน์ไหม")


def test_filing_over_the_net_asks_for_the_website() -> None:
    """"ยื่นทางเน็ตได้ที่ไหน": เน็ต is everyday Thai for อินเทอร์เน็ต, so the agency's website is asked."""
    assert "website" in type_names("ยื่นขออนุญาตกับกรมทดสอบทางเน็ตได้ที่ไหน")
    assert "website" in type_names("ยื่นผ่านอินเทอร์เน็ตได้ที่ไหน")
    assert "website" not in type_names("ผู้ใช้อินเทอร์เน็ตในประเทศไทยมีกี่คน")
