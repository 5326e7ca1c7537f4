"""The plan answerer on a small excerpt: routed questions, declined years, questions it must leave alone."""

from __future__ import annotations

from itertools import pairwise

import pytest

from assistant.grounding import violations
from assistant.plan_answerer import PlanAnswerer
from assistant.structured import Conversation
from corpus.document import Document
from index.chunk_record import ChunkRecord
from index.plan.config import plan_config
from index.plan.extract import extract_plan
from index.plan.model import PlanStructure

from .test_plan_structure import PAGE_1, PAGE_2, PAGE_3, PAGE_4, PAGE_5, PAGE_6, PAGE_7, _document
from .test_plan_structure import real_plan as real_plan  # the real plan's structure (slow fixture)


@pytest.fixture(scope="module")
def answerer() -> PlanAnswerer:
    doc = _document([(1, PAGE_1), (2, PAGE_2), (3, PAGE_3), (4, PAGE_4), (5, PAGE_5), (6, PAGE_6), (7, PAGE_7)])
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


def test_target_asked_in_everyday_words_is_not_declined(answerer: PlanAnswerer) -> None:
    # "ตั้งเป้า…ไว้ที่…เท่าไหร่": everyday wording of the target question, with and without tone marks
    for question in (
        "แผนตั้งเป้าร้อยละของหน่วยงานที่มีข้อมูลไว้ที่เท่าไหร่ในยุทธศาสตร์ที่ 1",
        "แผนตั้งเปาร้อยละของหนวยงานที่มีขอมูลไวที่เทาไหรในยุทธศาสตร์ที่ 1",
    ):
        found = answerer.answer(Conversation(question, "th"))
        assert found is not None and not found.abstained, question
        assert "ร้อยละ 100" in found.answer.splitlines()[0]


def test_a_system_named_in_latin_that_no_indicator_names_is_left_to_retrieval(answerer: PlanAnswerer) -> None:
    # an indicator about agencies' data does not answer how many agencies a network ("GSI") serves by 2570
    assert _ask(answerer, "ตามยุทธศาสตร์ที่ 1 ภายในปี 2570 ร้อยละของหน่วยงานที่มีข้อมูล GSI ต้องเป็นร้อยละเท่าไร") is None
    found = _ask(answerer, "ตามยุทธศาสตร์ที่ 1 ภายในปี 2570 ร้อยละของหน่วยงานที่มีข้อมูลต้องเป็นร้อยละเท่าไร")
    assert found is not None and "ร้อยละ 100" in found.answer.splitlines()[0]


def test_a_contact_handle_printed_in_the_indicator_table_is_left_to_retrieval(answerer: PlanAnswerer) -> None:
    """"ในภาคผนวกตัวชี้วัด … รับเรื่องผ่านไลน์ไอดีอะไร" asks a handle the table prints beside a target, not a target:
    the indicator handler neither answers nor declines it."""
    assert _ask(answerer, "ในตัวชี้วัดของแผน หน่วยงานที่มีข้อมูลรับเรื่องร้องทุกข์ผ่านไลน์ไอดีอะไร") is None
    assert _ask(answerer, "ตัวชี้วัดร้อยละของหน่วยงานที่มีข้อมูลในยุทธศาสตร์ที่ 1 รับเรื่องผ่านไลน์ไอดีอะไร") is None


def test_a_count_asked_inside_a_named_strategy_is_not_the_number_of_strategies(answerer: PlanAnswerer) -> None:
    found = _ask(answerer, "Strategy 1: how many agencies with data should there be by 2570?", "en")
    assert found is None or "strategies" not in str(getattr(found, "answer", ""))
    whole = _ask(answerer, "How many strategies does the plan have?", "en")
    assert whole is not None and "The plan has 2 strategies" in str(getattr(whole, "answer", ""))


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
    bare = answerer.answer(Conversation("แผนนี้มีกียุทธศาสตร", "th"))  # tone mark and thanthakhat dropped
    assert bare is not None and bare.answer.splitlines()[0].startswith("แผนฯ กำหนดไว้ 2 ยุทธศาสตร์")
    name = answerer.answer(Conversation("ยุทธศาสตร์ที่ 2 ชื่อว่าอะไร", "th"))
    assert name is not None and name.answer.splitlines()[0] == "ยุทธศาสตร์ที่ 2 : พัฒนาบริการทดสอบ [1]"
    typed = answerer.answer(Conversation("ยุทธศาสตรที่๒ ชื่อวาอะไร", "th"))  # thanthakhat and tone marks dropped
    assert typed is not None and typed.answer.splitlines()[0] == "ยุทธศาสตร์ที่ 2 : พัฒนาบริการทดสอบ [1]"
    silent = answerer.answer(Conversation("ยุทธศาสตที่ 2 ชื่อวาอะไร", "th"))  # the silent ร์ dropped as well
    assert silent is not None and silent.answer.splitlines()[0] == "ยุทธศาสตร์ที่ 2 : พัฒนาบริการทดสอบ [1]"
    casual = answerer.answer(Conversation("แผนนี้มียุทธศาสตร์กี่อัน", "th"))  # อัน, the colloquial classifier
    assert casual is not None and casual.answer.splitlines()[0].startswith("แผนฯ กำหนดไว้ 2 ยุทธศาสตร์")
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
    everyday = answerer.answer(Conversation("ยุทธศาสตร์ที่ 2 เน้นความสำคัญกี่ด้าน ด้านอะไรบ้าง", "th"))
    assert everyday is not None and "1 ด้าน ได้แก่ แรงงาน" in everyday.answer.splitlines()[0]


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


def test_indicator_by_number_and_indicator_count(answerer: PlanAnswerer) -> None:
    second = answerer.answer(Conversation("ตัวชี้วัดที่ 2 ของยุทธศาสตร์ที่ 1 คืออะไร", "th"))
    assert second is not None and second.answer.splitlines()[0] == (
        "ตัวชี้วัดที่ 2 ของยุทธศาสตร์ที่ 1: ภายในปี 2567 ร้อยละความสำเร็จของระบบกลางในด้านสำคัญ 9 คิดเป็นร้อยละ 50 [1]"
    )
    absent = answerer.answer(Conversation("ตัวชี้วัดที่ 4 ของยุทธศาสตร์ที่ 1 คืออะไร", "th"))
    assert absent is not None and absent.abstained and not absent.citations
    count = answerer.answer(Conversation("ยุทธศาสตร์ที่ 1 มีตัวชีวัดกีตัว", "th"))  # typed without tone marks
    assert count is not None and count.answer.startswith("ยุทธศาสตร์ที่ 1 มีตัวชี้วัด 2 ตัว: 1. ภายในปี 2570")


def test_a_short_count_word_inside_another_word_is_not_a_count(answerer: PlanAnswerer) -> None:
    # keyed, "กี่ด้าน" is inside "หลักด้าน": the question asks a target, not how many
    found = answerer.answer(Conversation("ยุทธศาสตร์ที่ 1 ระบบกลางในระบบหลักด้านสำคัญ ต้องสำเร็จร้อยละเท่าไร", "th"))
    assert found is not None and "คิดเป็นร้อยละ 50" in found.answer.splitlines()[0]


def test_plan_period_and_total_projects_shown_as_a_sum(answerer: PlanAnswerer) -> None:
    period = answerer.answer(Conversation("แผนนี้มีระยะเวลาของแผนตั้งแต่ปีไหนถึงปีไหน", "th"))
    assert period is not None and period.answer.splitlines()[0] == "แผนฯ มีระยะเวลา พ.ศ. 2566 - 2570 [1]"
    assert period.citations[0].page == 6 and "2566 – 2570" in period.citations[0].text
    english = answerer.answer(Conversation("Which years does the plan period cover?", "en"))
    assert english is not None and english.answer.startswith("The plan covers B.E. 2566–2570 (2023–2027) [1]")
    total = answerer.answer(Conversation("แผนนี้มีโครงการสำคัญทั้งหมดกี่โครงการ", "th"))
    assert total is not None and "รวม 5 โครงการ" in total.answer and "3 + 2 = 5" in total.answer
    english = answerer.answer(Conversation("How many key projects does the plan have in total?", "en"))
    assert english is not None and "5 key projects" in english.answer


def test_an_english_count_of_something_a_project_covers_is_not_the_project_count(answerer: PlanAnswerer) -> None:
    # as after Thai "กี่", the noun after "how many" is what is counted: categories of staff, not projects
    found = answerer.answer(Conversation("How many categories of staff does the digital skills project cover?", "en"))
    assert found is None or "key projects" not in found.answer


def test_the_strategy_holding_a_named_focus_area(answerer: PlanAnswerer) -> None:
    found = answerer.answer(Conversation("focus area ด้านแรงงานอยู่ภายใต้ยุทธศาสตร์ใด", "th"))
    assert found is not None
    assert found.answer.startswith("ด้านแรงงาน อยู่ภายใต้ยุทธศาสตร์ที่ 2 พัฒนาบริการทดสอบ: แรงงาน มุ่งเน้นทักษะ")
    assert [c.section for c in found.citations] == ["ยุทธศาสตร์ที่ 2 ด้านที่เน้นความสำคัญ 1", "ยุทธศาสตร์ที่ 2"]


def test_facts_are_cited_with_the_index_chunk_that_holds_them() -> None:
    doc = _document([(1, PAGE_1), (2, PAGE_2), (3, PAGE_3), (4, PAGE_4), (5, PAGE_5), (6, PAGE_6)])
    plan = extract_plan(doc, plan_config(doc.doc_id))
    cuts = [0, *(p.start for p in doc.pages[1:]), len(doc.text)]  # one chunk per page
    chunks = [
        ChunkRecord(f"{doc.doc_id}:{i:04d}", doc.doc_id, "แผนทดสอบ", "plan", doc.text[a:b], a, b, page=i + 1)
        for i, (a, b) in enumerate(pairwise(cuts))
    ]
    answerer = PlanAnswerer(plan, passages=chunks)
    found = answerer.answer(Conversation("ยุทธศาสตร์ที่ 1 มีตัวชี้วัดอะไรบ้าง", "th"))
    assert found is not None and len(found.citations) == 1  # both indicators lie in one passage: one marker
    assert found.citations[0].text == chunks[3].text and found.citations[0].page == 4
    lines = found.answer.splitlines()
    assert lines[0].endswith("[1]") and all(line.endswith("[1]") for line in lines[1:])


@pytest.mark.slow
def test_real_strategy_budget_total_is_worked_out_from_cited_amounts(
    real_plan: tuple[Document, PlanStructure],
) -> None:
    _, plan = real_plan
    answerer = PlanAnswerer(plan)
    three = answerer.answer(Conversation("งบประมาณรวมของโครงการสำคัญภายใต้ยุทธศาสตร์ที่ 3 เป็นเท่าไร", "th"))
    assert three is not None and "รวม 46.59 ล้านบาท (5 + 41.59 = 46.59;" in three.answer
    assert [c.page for c in three.citations] == [127, 128]
    assert violations(three.answer, [c.text for c in three.citations]) == []
    # project 1.10 prints yearly amounts in baht, so strategy 1's total has an operand no passage states
    assert answerer.answer(Conversation("งบประมาณรวมของโครงการสำคัญในยุทธศาสตร์ที่ 1 เท่าไร", "th")) is None


def test_what_the_plan_is_prepared_under_and_aligned_with(answerer: PlanAnswerer) -> None:
    law = answerer.answer(Conversation("แผนพัฒนารัฐบาลดิจิทัลจัดทำขึ้นตามกฎหมายฉบับใด มาตราไหน", "th"))
    assert law is not None and law.answer.splitlines()[0] == (
        "แผนฯ จัดทำขึ้นตามวัตถุประสงค์ที่กำหนดไว้ ตามมาตรา 4 แห่งพระราชบัญญัติทดสอบ พ.ศ. 2562 [1]"
    )
    assert _ask(answerer, "มาตรา 4 ของพระราชบัญญัติทดสอบกำหนดอะไร") is None  # about the law itself
    aligned = answerer.answer(Conversation("Which earlier plans did this plan review?", "en"))
    assert aligned is not None and aligned.answer.startswith("The plan reviews earlier plans and follows national")
    assert "ยุทธศาสตร์ชาติ 20 ปี" in aligned.answer.splitlines()[0]


def test_english_target_question_gets_the_strategy_targets_due_that_year(answerer: PlanAnswerer) -> None:
    found = answerer.answer(Conversation("Under strategy 1, what target is set for 2024?", "en"))
    assert found is not None and "คิดเป็นร้อยละ 50" in found.answer and "ร้อยละ 100" not in found.answer


def test_chunks_of_another_text_are_not_cited_for_a_fact() -> None:
    doc = _document([(1, PAGE_1), (2, PAGE_2), (3, PAGE_3), (4, PAGE_4), (5, PAGE_5), (6, PAGE_6)])
    plan = extract_plan(doc, plan_config(doc.doc_id))
    other = "ข้อความของเอกสารฉบับอื่นที่มีเลขตำแหน่งทับกัน " * 400  # same doc id, different text (a stale index)
    end = len(doc.text)
    chunks = [ChunkRecord(f"{doc.doc_id}:0000", doc.doc_id, "แผนทดสอบ", "plan", other[:end], 0, end)]
    found = PlanAnswerer(plan, passages=chunks).answer(Conversation("วิสัยทัศน์ของแผนคืออะไร", "th"))
    assert found is not None and plan.vision is not None and found.citations[0].text == plan.vision.text


def test_a_quoted_term_gets_the_plan_entry_that_explains_it() -> None:
    doc = _document([(1, PAGE_1), (2, PAGE_2), (3, PAGE_3), (4, PAGE_4), (5, PAGE_5), (6, PAGE_6)])
    entry = "• บริการภาครัฐที่ตรวจสอบได้ รัฐบาลดิจิทัลจะต้องเปิดให้ตรวจสอบข้อมูลและการทำงานของรัฐ • บริการภาครัฐที่ทันสมัย"
    chunks = [ChunkRecord("plan:9", doc.doc_id, "แผนทดสอบ", "plan", entry, len(doc.text), len(doc.text) + 99, page=2)]
    answerer = PlanAnswerer(extract_plan(doc, plan_config(doc.doc_id)), passages=chunks)
    found = answerer.answer(Conversation('ตามวิสัยทัศน์ของแผน คำว่า "บริการภาครัฐที่ตรวจสอบได้" หมายถึงอะไร', "th"))
    assert found is not None and not found.abstained
    first = found.answer.splitlines()[0]
    assert "เปิดให้ตรวจสอบข้อมูลและการทำงานของรัฐ" in first and "ทันสมัย" not in first
    assert violations(found.answer, [c.text for c in found.citations]) == []


def test_a_summary_answer_is_not_given_to_a_question_about_one_of_its_steps(answerer: PlanAnswerer) -> None:
    # the monitoring scheme does not mention data-governance guidelines: retrieval finds the step that does
    assert _ask(answerer, "สพร. ต้องประเมินผลการดำเนินงานตามแนวปฏิบัติธรรมาภิบาลข้อมูลของแผนปีละกี่ครั้ง") is None
    assert _ask(answerer, "สพร. ติดตามผลตามตัวชี้วัดของแผนในเดือนที่เท่าไรของแต่ละปี") is not None


def test_past_results_and_earlier_plans_are_left_to_retrieval(answerer: PlanAnswerer) -> None:
    # the plan's situation analysis reports past years; only a target for such a year is declined
    for question in (
        "ปี 2564 ร้อยละของหน่วยงานที่มีข้อมูลอยู่ที่ร้อยละเท่าไร",
        "ผลการดำเนินงานตามแผนพัฒนารัฐบาลดิจิทัล พ.ศ. 2563-2565 ในปี 2565 มีโครงการที่ได้ดำเนินงานกี่โครงการ",
        "Where did Thailand rank on the e-government index in 2022?",
    ):
        assert _ask(answerer, question, "en" if question.isascii() else "th") is None, question
    target = answerer.answer(Conversation("ภายในปี 2560 แผนตั้งเป้าร้อยละของหน่วยงานที่มีข้อมูลไว้ร้อยละเท่าไร", "th"))
    assert target is not None and target.abstained


def test_a_national_plan_or_the_cover_letter_is_left_to_retrieval(answerer: PlanAnswerer) -> None:
    for question in (
        "แผนแม่บทภายใต้ยุทธศาสตร์ชาติ ตั้งเป้าร้อยละของหน่วยงานที่มีข้อมูลไว้เท่าไร",
        "หนังสือขออนุมัติร่างแผนฯ ระบุว่าร่างแผนมีวัตถุประสงค์หลักกี่ประการ",
        "What vision does the cover letter state for the draft plan?",
    ):
        assert _ask(answerer, question, "en" if question.isascii() else "th") is None, question


def test_a_year_asked_of_a_strategy_is_not_answered_with_its_name(answerer: PlanAnswerer) -> None:
    name = answerer.answer(Conversation("What is strategy 2 of the plan?", "en"))
    assert name is not None and "พัฒนาบริการทดสอบ" in name.answer.splitlines()[0]
    # the year is stated inside the strategy (a target, a measure): not by the strategy's name
    found = answerer.answer(Conversation("By which year should the test services be ready under strategy 2?", "en"))
    assert found is None or "พัฒนาบริการทดสอบ [1]" not in found.answer.splitlines()[0]


def test_the_objectives_are_listed_on_the_first_line(answerer: PlanAnswerer) -> None:
    found = answerer.answer(Conversation("แผนฯ มีวัตถุประสงค์อะไรบ้าง", "th"))
    assert found is not None and not found.abstained
    first = found.answer.splitlines()[0]
    assert first.startswith("แผนฯ มีวัตถุประสงค์หลัก 2 ประการ:")
    assert "1) เพื่อพัฒนาบริการดิจิทัล" in first and "2) เพื่อเป็นกรอบทิศทางให้หน่วยงาน" in first
    assert violations(found.answer, [c.text for c in found.citations]) == []


def test_an_indicator_asked_for_its_key_areas_states_its_footnote_first(answerer: PlanAnswerer) -> None:
    found = answerer.answer(Conversation('ตัวชี้วัดระบบกลาง "ในด้านสำคัญ" ของยุทธศาสตร์ที่ 1 หมายถึงด้านใดบ้าง', "th"))
    assert found is not None and not found.abstained
    first = found.answer.splitlines()[0]
    assert "คิดเป็นร้อยละ 50" in first and "ด้านงบประมาณ ด้านกฎหมาย" in first
    assert violations(found.answer, [c.text for c in found.citations]) == []
    plain = answerer.answer(Conversation("ตัวชี้วัดความสำเร็จของระบบกลางในยุทธศาสตร์ที่ 1 ต้องสำเร็จภายในปีใด", "th"))
    assert plain is not None and "ด้านกฎหมาย" not in plain.answer.splitlines()[0]  # not asked: the target alone


def test_an_english_figure_of_a_body_no_indicator_names_is_left_to_retrieval(answerer: PlanAnswerer) -> None:
    # the Fund's share of NBTC revenue is the Act's; listing the plan's targets would answer another question
    asked = "What percentage of NBTC's revenue goes into the Digital Economy and Society Development Fund?"
    assert answerer.answer(Conversation(asked, "en")) is None
    listed = answerer.answer(Conversation("What percentage targets does the plan set?", "en"))
    assert listed is not None and not listed.abstained


def test_a_strategy_is_not_its_answer_to_a_question_about_something_inside_it(answerer: PlanAnswerer) -> None:
    # named by its number, asked a detail its heading does not hold: retrieval finds the measure that states it
    assert _ask(answerer, "ยุทธศาสตร์ที่ 2 จะแจ้งเตือนสิทธิสวัสดิการให้ประชาชนผ่านช่องทางไหนได้บ้าง") is None
    bare = answerer.answer(Conversation("แผนนี้มีกียุทธศาสตร", "th"))  # tone mark and thanthakhat dropped
    assert bare is not None and bare.answer.splitlines()[0].startswith("แผนฯ กำหนดไว้ 2 ยุทธศาสตร์")
    name = answerer.answer(Conversation("ยุทธศาสตร์ที่ 2 ชื่อว่าอะไร", "th"))
    assert name is not None and name.answer.splitlines()[0] == "ยุทธศาสตร์ที่ 2 : พัฒนาบริการทดสอบ [1]"
    focus = answerer.answer(Conversation("ยุทธศาสตร์ที่ 2 ของแผนฯ มุ่งเน้นเรื่องใด", "th"))  # asked of the heading itself
    assert focus is not None and "พัฒนาบริการทดสอบ" in focus.answer.splitlines()[0]


def test_a_strategy_number_the_plan_does_not_have_is_declined(answerer: PlanAnswerer) -> None:
    numbers = {s.number for s in answerer.plan.strategies}
    missing = max(numbers) + 1
    found = answerer.answer(Conversation(f"ยุทธศาสตร์ที่ {missing} ของแผนมีตัวชี้วัดอะไรบ้าง", "th"))
    assert found is not None and found.abstained and not found.citations
    known = answerer.answer(Conversation(f"ยุทธศาสตร์ที่ {min(numbers)} มีตัวชี้วัดอะไรบ้าง", "th"))
    assert known is not None and not known.abstained and known.citations


def test_question_words_and_particles_are_no_topic_a_summary_must_hold(answerer: PlanAnswerer) -> None:
    plain = answerer.answer(Conversation("วิสัยทัศน์ของแผนคืออะไร", "th"))
    assert plain is not None and not plain.abstained and plain.mode == "plan"
    worded = answerer.answer(Conversation("วิสัยทัศน์ของแผนเขียนไว้ว่าอย่างไรครับ", "th"))
    assert worded is not None and worded.answer.splitlines()[0] == plain.answer.splitlines()[0]


def test_a_strategy_count_does_not_answer_a_count_of_something_else(answerer: PlanAnswerer) -> None:
    counted = answerer.answer(Conversation("ยุทธศาสตร์ที่ 1 มีโครงการสำคัญกี่โครงการ", "th"))
    assert counted is not None and "3 โครงการ" in counted.answer.splitlines()[0]
    asked = "ตามยุทธศาสตร์ที่ 1 ต้องมีโครงการหรือกิจกรรมที่เอกชนนำข้อมูลเปิดไปใช้พัฒนานวัตกรรมอย่างน้อยกี่โครงการ"
    assert answerer.answer(Conversation(asked, "th")) is None  # an indicator's target: retrieval, not the count


def test_a_strategys_indicators_asked_for_their_key_areas_list_the_footnotes_too(answerer: PlanAnswerer) -> None:
    found = answerer.answer(Conversation("ตัวชี้วัดของยุทธศาสตร์ที่ 1 ครอบคลุมด้านสำคัญอะไรบ้าง", "th"))
    assert found is not None and not found.abstained
    first = found.answer.splitlines()[0]
    assert "ด้านงบประมาณ ด้านกฎหมาย" in first
    assert violations(found.answer, [c.text for c in found.citations]) == []
    listed = answerer.answer(Conversation("ตัวชี้วัดของยุทธศาสตร์ที่ 1 มีอะไรบ้าง", "th"))
    assert listed is not None and "ด้านกฎหมาย" not in listed.answer.splitlines()[0]  # areas not asked


def test_a_plan_fact_asked_as_the_cover_letter_states_it_is_cited_from_the_letter() -> None:
    doc = _document([(1, PAGE_1), (2, PAGE_2), (3, PAGE_3), (4, PAGE_4), (5, PAGE_5), (6, PAGE_6)])
    plan = extract_plan(doc, plan_config(doc.doc_id))
    letter = (
        "๒. สาระสำคัญของร่างแผน ร่างแผนฯ กำหนดวิสัยทัศน์ว่า “บริการภาครัฐสะดวก ทดสอบ” "
        "และกำหนดยุทธศาสตร์การพัฒนาไว้เพื่อให้บรรลุวิสัยทัศน์ดังกล่าว"
    )
    chunks = [ChunkRecord("letter:0001", "letter", "หนังสือทดสอบ", "letter", letter, 0, len(letter))]
    answerer = PlanAnswerer(plan, letters=chunks)
    found = answerer.answer(Conversation("วิสัยทัศน์ของแผนตามที่สรุปไว้ในหนังสือ สพร. คืออะไร", "th"))
    assert found is not None and found.citations[0].doc_id == "letter"
    assert "บริการภาครัฐสะดวก ทดสอบ" in found.answer.splitlines()[0]
    # a letter that does not quote the plan's statement leaves the question to retrieval over the letter
    silent = ChunkRecord("letter:0002", "letter", "หนังสือทดสอบ", "letter", "ร่างแผนฯ ผ่านการรับฟังความคิดเห็นแล้ว", 0, 40)
    assert PlanAnswerer(plan, letters=[silent]).answer(Conversation("วิสัยทัศน์ตามหนังสือคืออะไร", "th")) is None


@pytest.mark.parametrize(
    ("question", "language"),
    [("ปัจจัยสู่ความสำเร็จของแผนแบ่งเป็นกี่ประเด็น อะไรบ้าง", "th"), ("What are the plan's key success factors?", "en")],
)
def test_success_factors_are_listed_with_their_count(answerer: PlanAnswerer, question: str, language: str) -> None:
    found = answerer.answer(Conversation(question, language))
    assert found is not None and not found.abstained and found.mode == "plan"
    first = found.answer.splitlines()[0]
    assert "(People)" in first and "(Process)" in first and "2" in first
    assert violations(found.answer, [c.text for c in found.citations]) == []
    assert found.citations[0].page == 7


def test_the_whole_plans_budget_total_is_declined(answerer: PlanAnswerer) -> None:
    """The plan prints no total of its own: a figure summed over projects that partly state none is no answer."""
    for question in ("แผนพัฒนารัฐบาลดิจิทัลใช้งบประมาณรวมทั้งแผนกี่ล้านบาท", "What is the plan's total budget?"):
        found = answerer.answer(Conversation(question, "en" if question.isascii() else "th"))
        assert found is not None and found.abstained and not found.citations


def test_a_count_asked_with_the_names_lists_them(answerer: PlanAnswerer) -> None:
    found = answerer.answer(Conversation("แผนนี้มีกี่ยุทธศาสตร์ แต่ละยุทธศาสตร์ชื่ออะไร", "th"))
    assert found is not None and not found.abstained
    first = found.answer.splitlines()[0]
    assert first.startswith("แผนฯ กำหนดไว้ 2 ยุทธศาสตร์:") and "พัฒนาบริการทดสอบ" in first
    assert violations(found.answer, [c.text for c in found.citations]) == []


def test_a_follow_up_naming_no_measure_reads_it_from_the_turn_before(answerer: PlanAnswerer) -> None:
    earlier = "ตามยุทธศาสตร์ที่ 1 ร้อยละของหน่วยงานที่มีข้อมูลตอนนี้เท่าไร"
    question = "แล้วแผนตั้งเป้าไว้ว่าภายในปี 2570 จะต้องเป็นร้อยละเท่าไหร่"
    alone = answerer.answer(Conversation(question, "th"))
    assert alone is None or "ร้อยละ 100" not in alone.answer.splitlines()[0]  # nothing names what is measured
    found = answerer.answer(Conversation(question, "th", earlier=[earlier], followup=True))
    assert found is not None and "ร้อยละ 100" in found.answer.splitlines()[0]


def test_a_named_success_factor_is_answered_with_its_own_points() -> None:
    """"ปัจจัยด้านบุคลากรประกอบด้วยอะไร" asks what one factor holds: its bulleted points, not the list of factors."""
    doc = _document([(7, PAGE_7)])
    plan = extract_plan(doc, plan_config(doc.doc_id))
    chunks = [ChunkRecord(f"{doc.doc_id}:0000", doc.doc_id, "แผนทดสอบ", "plan", doc.text, 0, len(doc.text), page=7)]
    answerer = PlanAnswerer(plan, passages=chunks)
    people = answerer.answer(Conversation("ปัจจัยสู่ความสำเร็จด้านบุคลากร (People) ประกอบด้วยอะไรบ้าง", "th"))
    assert people is not None and not people.abstained
    first = people.answer.splitlines()[0]
    assert first.startswith("การพัฒนาด้านบุคลากร (People)") and "ปรับปรุงทัศนคติ" in first and "กฎหมาย" not in first
    process = answerer.answer(Conversation("ปัจจัยสู่ความสำเร็จด้าน Process มีแนวทางอะไรบ้าง", "th"))
    assert process is not None and "ปรับปรุงกฎหมาย" in process.answer.splitlines()[0]
    assert "ภาคผนวก" not in process.answer.splitlines()[0]  # the last factor's points end with its paragraph
    assert violations(process.answer, [c.text for c in process.citations]) == []
    listed = answerer.answer(Conversation("ปัจจัยสู่ความสำเร็จของแผนมีอะไรบ้าง", "th"))
    assert listed is not None and "(Process)" in listed.answer.splitlines()[0]  # none named: the factors listed


def test_the_plans_overall_targets_asked_with_a_list_word_are_the_targets_not_the_goals(answerer: PlanAnswerer) -> None:
    # "เท่าไรบ้าง" asks several figures; "ระดับภาพรวม" (overall) names the plan's level, no indicator's topic
    for question in (
        "ตัวชี้วัดความสำเร็จระดับภาพรวมของแผนฯ ตั้งค่าเป้าหมายปี 2570 ไว้เท่าไรบ้าง",
        "ตัวชี้วัดของแผนนี้ในภาพรวม ปี 2570 ตั้งเป้าไว้เท่าไหร่บ้าง",
    ):
        found = _ask(answerer, question)
        assert found is not None and not found.abstained, question
        first = str(getattr(found, "answer", "")).splitlines()[0]
        assert "ร้อยละ 85" in first and "ปรับตัวทันการณ์" not in first, question
