"""The plan answerer on a small excerpt: routed questions, declined years, questions it must leave alone."""

from __future__ import annotations

import pytest

from assistant.plan_answerer import PlanAnswerer
from assistant.structured import Conversation
from index.plan.config import plan_config
from index.plan.extract import extract_plan

from .test_plan_structure import PAGE_1, PAGE_2, PAGE_3, PAGE_4, PAGE_5, PAGE_6, _document


@pytest.fixture(scope="module")
def answerer() -> PlanAnswerer:
    doc = _document([(1, PAGE_1), (2, PAGE_2), (3, PAGE_3), (4, PAGE_4), (5, PAGE_5), (6, PAGE_6)])
    return PlanAnswerer(extract_plan(doc, plan_config(doc.doc_id)))


def _ask(answerer: PlanAnswerer, question: str, language: str = "th") -> object:
    return answerer.answer(Conversation(question=question, language=language))


def test_indicator_target_is_stated_and_cited(answerer: PlanAnswerer) -> None:
    found = answerer.answer(Conversation("ตามยุทธศาสตร์ที่ 1 ภายในปี 2570 ร้อยละของหน่วยงานที่มีข้อมูลต้องเป็นร้อยละเท่าไร", "th"))
    assert found is not None and not found.abstained and found.mode == "plan"
    first = found.answer.splitlines()[0]
    assert first == "ภายในปี 2570 ร้อยละของหน่วยงานที่มีข้อมูล คิดเป็นร้อยละ 100 [1]"
    assert found.citations[0].page == 4 and "คิดเป็นร้อยละ 100" in found.citations[0].text
    assert found.citations[0].section == "ยุทธศาสตร์ที่ 1 ตัวชี้วัด 1"


def test_year_of_the_indicator_found_without_asking_one(answerer: PlanAnswerer) -> None:
    found = answerer.answer(Conversation("ตัวชี้วัดความสำเร็จของระบบกลางในยุทธศาสตร์ที่ 1 ต้องสำเร็จภายในปีใด", "th"))
    assert found is not None and "ภายในปี 2567" in found.answer.splitlines()[0]


def test_year_outside_the_plan_is_declined(answerer: PlanAnswerer) -> None:
    for question in (
        "ภายในปี 2575 ร้อยละของหน่วยงานที่มีข้อมูลตั้งเป้าไว้เท่าไร",
        "ค่าเป้าหมายปี 2565 ของร้อยละของหน่วยงานที่มีข้อมูลคือเท่าไร",
        "แผนพัฒนารัฐบาลดิจิทัล พ.ศ. 2571-2575 มียุทธศาสตร์อะไรบ้าง",
    ):
        found = answerer.answer(Conversation(question, "th"))
        assert found is not None and found.abstained and not found.citations, question


def test_neighbouring_year_is_not_answered(answerer: PlanAnswerer) -> None:
    # the plan states this indicator for 2570 only: a 2568 question must not get the 2570 number
    assert _ask(answerer, "ภายในปี 2568 ร้อยละของหน่วยงานที่มีข้อมูลต้องเป็นร้อยละเท่าไร") is None


def test_questions_about_other_documents_are_left_to_retrieval(answerer: PlanAnswerer) -> None:
    for question in (
        "มาตรา 5 ของพระราชบัญญัติการบริหารงานและการให้บริการภาครัฐผ่านระบบดิจิทัล กำหนดเป้าหมายอะไร",
        "ตามหนังสือ สพร. ที่เสนอคณะรัฐมนตรี แผนนี้มีกี่ยุทธศาสตร์",
        "หุ้น PTT ควรซื้อตอนนี้ไหม ราคาเป้าหมายเท่าไร",
        "ขั้นตอนการขอใบอนุญาตขับรถออนไลน์ทำอย่างไร",
    ):
        assert _ask(answerer, question) is None, question


def test_vision_strategies_and_counts(answerer: PlanAnswerer) -> None:
    vision = answerer.answer(Conversation("วิสัยทัศน์ของแผนคืออะไร", "th"))
    assert vision is not None and vision.answer.startswith("วิสัยทัศน์ของแผนฯ คือ “บริการภาครัฐสะดวก ทดสอบ” [1]")
    assert vision.citations[0].page == 2
    count = answerer.answer(Conversation("แผนนี้มีกี่ยุทธศาสตร์", "th"))
    assert count is not None and count.answer.splitlines()[0].startswith("แผนฯ กำหนดไว้ 2 ยุทธศาสตร์")
    name = answerer.answer(Conversation("ยุทธศาสตร์ที่ 2 ชื่อว่าอะไร", "th"))
    assert name is not None and name.answer.splitlines()[0] == "ยุทธศาสตร์ที่ 2 : พัฒนาบริการทดสอบ [1]"
    missing = answerer.answer(Conversation("ยุทธศาสตร์ที่ 7 คืออะไร", "th"))
    assert missing is not None and missing.abstained
    english = answerer.answer(Conversation("What is the vision of the plan?", "en"))
    assert english is not None and english.answer.startswith("The plan's vision is “บริการภาครัฐสะดวก ทดสอบ”")


def test_measures_goals_and_focus_areas(answerer: PlanAnswerer) -> None:
    measures = answerer.answer(Conversation("ยุทธศาสตร์ที่ 1 มีมาตรการอะไรบ้าง", "th"))
    assert measures is not None
    assert "1) ทดสอบมาตรการแรกของยุทธศาสตร์หนึ่งให้ครบถ้วน" in measures.answer.splitlines()[0]
    assert [c.section for c in measures.citations] == ["ยุทธศาสตร์ที่ 1 มาตรการ 1", "ยุทธศาสตร์ที่ 1 มาตรการ 2"]
    goals = answerer.answer(Conversation("เป้าหมายของแผนมีอะไรบ้าง", "th"))
    assert goals is not None and "ภาครัฐที่ปรับตัวทันการณ์; โปร่งใส" in goals.answer.splitlines()[0]
    focus = answerer.answer(Conversation("ยุทธศาสตร์ที่ 2 มีด้านที่เน้นความสำคัญกี่ด้าน", "th"))
    assert focus is not None and "1 ด้าน ได้แก่ แรงงาน" in focus.answer.splitlines()[0]


def test_named_project_is_left_to_the_registry() -> None:
    doc = _document([(1, PAGE_1), (2, PAGE_2), (3, PAGE_3), (4, PAGE_4), (5, PAGE_5)])
    answerer = PlanAnswerer(extract_plan(doc, plan_config(doc.doc_id)), lambda q: ["1.1"] if "ทดสอบระบบ" in q else [])
    assert answerer.answer(Conversation("โครงการทดสอบระบบมีเป้าหมายอะไร", "th")) is None
    assert answerer.answer(Conversation("โครงการ 1.1 มีตัวชี้วัดอะไร", "th")) is None


def test_monitoring_schedule(answerer: PlanAnswerer) -> None:
    found = answerer.answer(Conversation("สพร. ติดตามผลตามตัวชี้วัดของแผนในเดือนที่เท่าไรของแต่ละปี", "th"))
    assert found is not None
    first = found.answer.splitlines()[0]
    assert "เดือนที่ 6" in first and "เดือนที่ 12" in first and first.endswith("[1] [2]")
    assert [c.page for c in found.citations] == [6, 6]
