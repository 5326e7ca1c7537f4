"""Key-project blocks: each extracted field keeps its span, compound owners, and block answers."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.grounding import violations
from assistant.project_answerer import ProjectAnswerer, _question_runs, _split_glued_budget
from assistant.structured import Conversation, StructuredAnswer
from corpus.document import Document
from corpus.thai_text import thai_key
from index.projects.agencies import build_gazetteer
from index.projects.extract import extract_projects
from index.projects.record import ProjectRecord
from index.projects.registry import ProjectRegistry

from .conftest import SHARED_CORPUS
from .test_projects import BACKGROUND, HEADER, PAGE_10, PAGE_11, _document

# A block whose last owner is a unit named after its parent agency, and one whose last owner is no agency.
PAGE_12 = (
    "1.3 โครงการข้อมูลเกษตรทดสอบ "
    f"{HEADER} โครงการข้อมูลเกษตรทดสอบ "
    "เพื่อบูรณาการข้อมูลเกษตร พัฒนาแพลตฟอร์มข้อมูล "
    "1. กรมบัญชีกลาง 2. สำนักงบประมาณ 3. สถาบันวิจัยทดสอบ ป๋วยภากรณ์ - ธนาคารแห่งประเทศไทย "
    "แพลตฟอร์มข้อมูลเกษตร - 12 เดือน 2567"
)
PAGE_13 = (
    "1.4 โครงการท่องเที่ยวทดสอบ "
    f"{HEADER} โครงการท่องเที่ยวทดสอบ "
    "เพื่อให้ผู้ประกอบการวางแผนได้ พัฒนาระบบโปรแกรม "
    "1. กรมบัญชีกลาง 2. ภาคธุรกิจเอกชนที่ให้บริการสนับสนุน มีระบบโปรแกรมสำหรับผู้ประกอบการ "
    "- 12 เดือน 2567"
)
BANK = "ธนาคารแห่งประเทศไทย (ธปท.) สถาบันวิจัยทดสอบ (สวท.)"


def _records() -> tuple[Document, list[ProjectRecord]]:
    pages = [(10, PAGE_10), (11, PAGE_11), (12, PAGE_12), (13, PAGE_13)]
    gazetteer = build_gazetteer([BACKGROUND, BANK, *(p for _, p in pages)])
    return _document(pages), extract_projects(_document(pages), gazetteer)


def test_block_fields_keep_their_exact_spans() -> None:
    doc, records = _records()
    first = records[0]
    assert [f["text"] for f in first.facts["objectives"]] == first.objectives
    assert [f["text"] for f in first.facts["outputs"]] == first.outputs
    for record in records:
        for values in record.facts.values():
            for fact in values:
                assert doc.text[fact["start"] : fact["end"]] == fact["text"]
                assert fact["page"] == doc.page_at(fact["start"])


def test_unit_named_after_its_parent_is_one_owner() -> None:
    _, records = _records()
    third = next(r for r in records if r.number == "1.3")
    assert third.owners[-1] == "สถาบันวิจัยทดสอบ ป๋วยภากรณ์ - ธนาคารแห่งประเทศไทย"
    assert third.outputs == ["แพลตฟอร์มข้อมูลเกษตร"]


def test_non_agency_last_owner_stops_before_the_output() -> None:
    _, records = _records()
    fourth = next(r for r in records if r.number == "1.4")
    assert fourth.unmatched_owner_items == ["ภาคธุรกิจเอกชนที่ให้บริการสนับสนุน"]
    assert fourth.outputs == ["มีระบบโปรแกรมสำหรับผู้ประกอบการ"] and "outputs" not in fourth.missing


def test_block_questions_quote_the_block_and_owner_questions_stay_on_the_registry() -> None:
    _, records = _records()
    answerer = ProjectAnswerer(ProjectRegistry(records), "แผนทดสอบ", None, "plan")
    found = answerer.answer(Conversation("โครงการ 1.1 มีวัตถุประสงค์อะไร", "th"))
    assert found is not None and found.mode == "registry"
    first = found.answer.splitlines()[0]
    assert "เพื่อให้มีระบบกลาง" in first and "เพื่อประหยัดงบประมาณ" in first and first.endswith("[1]")
    assert found.citations[0].page == 10 and "เพื่อให้มีระบบกลาง" in found.citations[0].text
    outputs = answerer.answer(Conversation("โครงการทดสอบระบบกลางมีผลผลิตอะไร", "th"))
    assert outputs is not None and "ระบบกลางที่หน่วยงานใช้ร่วมกัน" in outputs.answer.splitlines()[0]
    owner = answerer.answer(Conversation("โครงการ 1.1 มีหน่วยงานใดรับผิดชอบ", "th"))
    assert owner is not None and "กรมบัญชีกลาง" in owner.answer.splitlines()[0]


def test_two_registry_values_asked_in_english_are_both_given() -> None:
    _, records = _records()
    answerer = ProjectAnswerer(ProjectRegistry(records), "แผนทดสอบ", None, "plan")
    both = answerer.answer(Conversation("Project 1.1: budget and timeframe pls", "en"))
    assert both is not None and "budget" in both.answer and "duration" in both.answer
    allotted = answerer.answer(Conversation("How much is allocated to project 1.1 and who runs it?", "en"))
    assert allotted is not None
    first = allotted.answer.splitlines()[0]
    assert "กรมบัญชีกลาง" in first and "budget" in first
    period = answerer.answer(Conversation("What is the budget and implementation period of project 1.1?", "en"))
    assert period is not None and "36 เดือน" in period.answer.splitlines()[0]
    taking = answerer.answer(Conversation("โครงการ 1.1 งบเท่าไร ทำกี่ปี", "th"))  # how many years: its duration
    assert taking is not None and "36 เดือน" in taking.answer.splitlines()[0]
    years = answerer.answer(Conversation("Which office runs project 1.1 and what years does it cover?", "en"))
    assert years is not None and "2566" in years.answer.splitlines()[0]
    period = answerer.answer(Conversation("โครงการ 1.1 งบกับช่วงเวลาทำโครงการเป็นอย่างไร", "th"))  # its period too
    assert period is not None and "2566-2568" in period.answer.splitlines()[0] and "ล้านบาท" in period.answer


@pytest.fixture(scope="module")
def real_projects() -> tuple[Document, list[ProjectRecord]]:
    from corpus.load import load_corpus
    from corpus.manifest import read_corpus

    if not (SHARED_CORPUS / "manifest.json").exists():
        pytest.skip("the shared corpus is not present")
    docs = load_corpus(read_corpus(SHARED_CORPUS))
    plan = next(d for d in docs if d.spec.kind == "plan")
    return plan, extract_projects(plan, build_gazetteer([d.text for d in docs]))


@pytest.mark.slow
def test_real_project_blocks(real_projects: tuple[Document, list[ProjectRecord]]) -> None:
    plan, records = real_projects
    by_number = {r.number: r for r in records}
    assert len(records) == 38
    assert by_number["3.3"].owners[-1] == "สถาบันวิจัยเศรษฐกิจป๋วย อึ๊งภากรณ์ - ธนาคารแห่งประเทศไทย"
    assert by_number["3.3"].outputs[0].startswith("แพลตฟอร์มเพื่อสนับสนุนการวิเคราะห์")
    assert by_number["2.7"].outputs[0].startswith("มีฐานข้อมูลทรัพยากรธรรมชาติและสิ่งแวดล้อม")
    assert by_number["3.7"].unmatched_owner_items == ["สมาคมการท่องเที่ยวต่างๆ ที่เกี่ยวข้อง"]
    first = by_number["1.1"]
    assert first.objectives == ["เพื่อให้หน่วยงานของรัฐสามารถมีบริการรัฐที่มีมาตรฐาน ทำงานร่วมกันได้ และประหยัดงบประมาณ"]
    assert first.facts["objectives"][0]["page"] == 107
    assert by_number["4.4"].outputs == ["แพลตฟอร์มกลางสำหรับเปิดเผยงบประมาณท้องถิ่น"]
    assert by_number["4.4"].facts["outputs"][0]["page"] == by_number["4.4"].page
    located = 0
    for record in records:
        for name in ("objectives", "outputs"):
            assert len(record.facts[name]) == len(getattr(record, name)), (record.number, name)
            for fact in record.facts[name]:
                assert plan.text[fact["start"] : fact["end"]] == fact["text"]
                assert fact["page"] in record.pages
                located += 1
    assert located > 100


# Page 14: project 1.5 printed with only four columns; its output column continues on page 15 under its own
# header, after project 1.6. Page 16: 1.7, whose output runs on from a last owner item that names no agency
# and restates the details' closing sentence.
PAGE_14 = (
    "1.5 โครงการพัฒนาทักษะทดสอบ โครงการ วัตถุประสงค์โครงการ รายละเอียดโครงการ ผู้รับผิดชอบ โครงการพัฒนาทักษะทดสอบ "
    "1. เพื่อพัฒนาทักษะผู้บริหาร 2. เพื่อยกระดับความรู้บุคลากร "
    "1. จัดการฝึกอบรมข้าราชการทุกประเภท (รวม 16 ประเภท) 2. ติดตามความก้าวหน้าการยกระดับทักษะ "
    "1. สำนักงบประมาณ 2. กรมบัญชีกลาง"
)
PAGE_15 = (
    f"1.6 โครงการอาสาทดสอบ {HEADER} โครงการอาสาทดสอบ เพื่อถ่ายทอดทักษะดิจิทัลแก่ชุมชน พัฒนาอาสาสมัครรายอำเภอ "
    "สำนักงบประมาณ อาสาสมัครประจำหมู่บ้านได้รับการฝึกอบรม 9.4 ล้านบาท 48 เดือน 2566-2569 "
    "ผลผลิต งบประมาณ ระยะเวลาการดำเนินโครงการ ปีงบประมาณ "
    "บุคลากรได้รับการยกระดับทักษะไม่น้อยกว่าร้อยละ 90 ภายในปี 2570 ปีละ 10 ล้านบาท (5 ปี 50 ล้านบาท) 60 เดือน 2566-2570"
)
PAGE_16 = (
    f"1.7 โครงการฐานข้อมูลทดสอบ {HEADER} โครงการฐานข้อมูลทดสอบ เพื่อบูรณาการข้อมูลเกษตรไว้ที่จุดเดียว "
    "ระบบเชื่อมโยงฐานข้อมูลการเกษตร โดยภาครัฐจะมีฐานข้อมูลเกษตรที่ครอบคลุมเกษตรกรทุกกลุ่ม ณ จุดเดียว "
    "1. กรมบัญชีกลาง 2. หน่วยงานที่เกี่ยวข้องด้านฐานข้อมูล ภาครัฐจะมีฐานข้อมูลเกษตรที่ครอบคลุมเกษตรกรทุกกลุ่ม ณ จุดเดียว "
    "41.59 ล้านบาท 60 เดือน 2566-2570"
)


def _split_records() -> tuple[Document, list[ProjectRecord]]:
    pages = [(14, PAGE_14), (15, PAGE_15), (16, PAGE_16)]
    gazetteer = build_gazetteer([BACKGROUND, *(p for _, p in pages)])
    return _document(pages), extract_projects(_document(pages), gazetteer)


def test_output_column_continued_on_the_next_page() -> None:
    doc, records = _split_records()
    skills = next(r for r in records if r.number == "1.5")
    assert skills.owners == ["สำนักงบประมาณ", "กรมบัญชีกลาง"]
    assert skills.outputs == ["บุคลากรได้รับการยกระดับทักษะไม่น้อยกว่าร้อยละ 90 ภายในปี 2570"]
    assert "outputs" not in skills.missing and skills.budget_million_baht == 50.0
    assert skills.facts["outputs"][0]["page"] == 15
    assert skills.details == [
        "1. จัดการฝึกอบรมข้าราชการทุกประเภท (รวม 16 ประเภท)",
        "2. ติดตามความก้าวหน้าการยกระดับทักษะ",
    ]
    for fact in skills.facts["details"]:
        assert doc.text[fact["start"] : fact["end"]] == fact["text"] and fact["page"] == 14


def test_details_column_and_restated_output() -> None:
    _, records = _split_records()
    volunteers = next(r for r in records if r.number == "1.6")
    assert volunteers.objectives == ["เพื่อถ่ายทอดทักษะดิจิทัลแก่ชุมชน"]
    assert volunteers.details == ["พัฒนาอาสาสมัครรายอำเภอ"]
    farm = next(r for r in records if r.number == "1.7")
    assert farm.details[0].startswith("ระบบเชื่อมโยงฐานข้อมูลการเกษตร")
    assert farm.outputs == ["ภาครัฐจะมีฐานข้อมูลเกษตรที่ครอบคลุมเกษตรกรทุกกลุ่ม ณ จุดเดียว"]
    assert "outputs" not in farm.missing


def _first_line_grounded(found: StructuredAnswer | None) -> str:
    assert found is not None and not found.abstained and found.mode == "registry"
    assert violations(found.answer, [c.text for c in found.citations]) == []
    return found.answer.splitlines()[0]


def test_detail_questions_get_the_block_sentence_not_the_card() -> None:
    _, records = _split_records()
    answerer = ProjectAnswerer(ProjectRegistry(records), "แผนทดสอบ", None, "plan")
    count = answerer.answer(Conversation("การฝึกอบรมของโครงการ 1.5 ครอบคลุมข้าราชการกี่ประเภท", "th"))
    first = _first_line_grounded(count)
    assert "16 ประเภท" in first and "สำนักงบประมาณ" not in first
    assert count is not None and count.citations[0].page == 14
    target = answerer.answer(Conversation("โครงการ 1.5 ตั้งเป้าให้บุคลากรได้รับการยกระดับทักษะไม่น้อยกว่าร้อยละเท่าไร", "th"))
    assert "ร้อยละ 90" in _first_line_grounded(target)
    assert target is not None and target.citations[0].page == 15
    # named by its purpose, asked for a column: the whole column, not the sentences that describe the project
    output = answerer.answer(Conversation("โครงการที่พัฒนาอาสาสมัครรายอำเภอเพื่อถ่ายทอดทักษะแก่ชุมชน มีผลผลิตอะไร", "th"))
    assert "อาสาสมัครประจำหมู่บ้านได้รับการฝึกอบรม" in _first_line_grounded(output)
    assert "ร้อยละ 90" in _first_line_grounded(
        answerer.answer(Conversation("What are the outputs of project 1.5?", "en"))
    )


def test_registry_questions_and_unstated_details_stay_off_the_block() -> None:
    _, records = _split_records()
    answerer = ProjectAnswerer(ProjectRegistry(records), "แผนทดสอบ", None, "plan")
    owners = _first_line_grounded(answerer.answer(Conversation("โครงการ 1.5 มีหน่วยงานใดรับผิดชอบ", "th")))
    assert "สำนักงบประมาณ" in owners and "กรมบัญชีกลาง" in owners
    budget = _first_line_grounded(answerer.answer(Conversation("โครงการ 1.7 ใช้งบประมาณเท่าไร", "th")))
    assert "41.59" in budget
    # a fact the block does not state is left to retrieval
    assert answerer.answer(Conversation("โครงการ 1.6 ใช้ดาวเทียมสำรวจพื้นที่อย่างไร", "th")) is None


def test_budget_words_that_are_not_a_budget_question_leave_the_card() -> None:
    # "ถึงบอกว่า" holds the letters งบ across two words; "กฎหมายงบประมาณ" names a law, not an amount
    assert _split_glued_budget("ทำไมถึงบอกว่าต้องหาข้อมูลเพิ่ม") == "ทำไมถึง บอกว่าต้องหาข้อมูลเพิ่ม"
    for kept in ("ใช้งบเท่าไร", "ของบประมาณเท่าไร", "ปีงบประมาณไหน"):
        assert _split_glued_budget(kept) == kept
    _, records = _split_records()
    answerer = ProjectAnswerer(ProjectRegistry(records), "แผนทดสอบ", None, "plan")
    for question in ("โครงการ 1.7 ถึงบอกว่าต้องพัฒนาอาสาสมัคร", "โครงการ 1.7 ต้องสอดคล้องกับกฎหมายงบประมาณฉบับไหน"):
        found = answerer.answer(Conversation(question, "th"))
        assert found is None or "41.59" not in found.answer, question


@pytest.mark.slow
def test_real_project_details_and_detail_answers(real_projects: tuple[Document, list[ProjectRecord]]) -> None:
    plan, records = real_projects
    by_number = {r.number: r for r in records}
    assert by_number["1.5"].outputs[0].endswith("จำนวนไม่น้อยกว่าร้อยละ 90 ภายในปี 2570")  # printed on page 111
    assert by_number["1.5"].facts["outputs"][0]["page"] == 111 and "outputs" not in by_number["1.5"].missing
    assert by_number["3.2"].outputs[0].startswith("ภาครัฐจะมีฐานข้อมูลและบริการดิจิทัล")
    assert any("ส่วนประกอบย่อย 3 ส่วน" in d for d in by_number["2.6"].details)
    assert by_number["1.1"].details[0].startswith("โครงการพัฒนาบริการและเครื่องมือกลางดิจิทัลภาครัฐ ซึ่งประกอบด้วย")
    for record in records:
        for fact in record.facts["details"]:
            assert plan.text[fact["start"] : fact["end"]] == fact["text"] and fact["page"] in record.pages
    answerer = ProjectAnswerer(ProjectRegistry(records), "แผน", None, "plan")
    target = _first_line_grounded(answerer.answer(Conversation("โครงการ 1.10 ตั้งเป้าปี 2567 ไว้กี่หน่วยงาน", "th")))
    assert "10 หน่วยงาน" in target and "สำนักงานพัฒนารัฐบาลดิจิทัล" not in target
    owner = _first_line_grounded(answerer.answer(Conversation("โครงการ 3.3 มีหน่วยงานใดรับผิดชอบ", "th")))
    assert "สถาบันวิจัยเศรษฐกิจป๋วย อึ๊งภากรณ์ - ธนาคารแห่งประเทศไทย" in owner


def test_questions_asking_with_the_projects_own_name_words_get_the_block() -> None:
    # every content word of "จะมีฐานข้อมูลอะไรบ้าง" is also a word of the project's name: only the stretch that names
    # the project is its name, the later "ฐานข้อมูล" is what is asked
    _, records = _split_records()
    answerer = ProjectAnswerer(ProjectRegistry(records), "แผนทดสอบ", None, "plan")
    asked = _first_line_grounded(answerer.answer(Conversation("โครงการฐานข้อมูลทดสอบ จะมีฐานข้อมูลอะไรบ้าง", "th")))
    assert "ฐานข้อมูลการเกษตร" in asked or "ฐานข้อมูลเกษตร" in asked
    assert "41.59" not in asked
    # a list asked of a project with no registry value named: its details column, not the card
    listed = _first_line_grounded(answerer.answer(Conversation("โครงการพัฒนาทักษะทดสอบ รวมระบบอะไรไว้บ้าง", "th")))
    assert "จัดการฝึกอบรมข้าราชการทุกประเภท" in listed and "50" not in listed
    # the card still answers a bare mention
    card = _first_line_grounded(answerer.answer(Conversation("โครงการฐานข้อมูลทดสอบ", "th")))
    assert "41.59" in card


def test_a_latin_name_and_its_short_form_each_name_the_project() -> None:
    page = (
        "1.5 โครงการหนึ่งรหัส หนึ่งผู้ประกอบการทดสอบ (One Identification : ID One Test) "
        f"{HEADER} โครงการหนึ่งรหัส หนึ่งผู้ประกอบการทดสอบ (One Identification : ID One Test) "
        "เพื่อให้มีรหัสเดียว พัฒนาระบบรหัสกลาง 1. กรมบัญชีกลาง มีเลขผู้ประกอบการดิจิทัล 10 ล้านบาท 12 เดือน 2567"
    )
    pages = [(10, PAGE_10), (11, PAGE_11), (14, page)]
    records = extract_projects(_document(pages), build_gazetteer([BACKGROUND, *(p for _, p in pages)]))
    answerer = ProjectAnswerer(ProjectRegistry(records), "แผนทดสอบ", None, "plan")
    question = "Which agencies are in charge of the one identification (one entrepreneur) project?"
    found = answerer.answer(Conversation(question, "en"))
    assert found is not None and found.cards[0].number == "1.5"
    assert "กรมบัญชีกลาง" in _first_line_grounded(found)
    # the name follows "โครงการ"; a name word asked later ("ให้ผู้ประกอบการ") is the question's content
    question = "โครงการ ID One Test จะได้ผลผลิตอะไรให้ผู้ประกอบการ"
    record = next(r for r in records if r.number == "1.5")
    assert _question_runs(question, record) == [thai_key("ผู้ประกอบการ")]
    outputs = answerer.answer(Conversation(question, "th"))
    assert "มีเลขผู้ประกอบการดิจิทัล" in _first_line_grounded(outputs)


def test_a_list_asked_of_a_block_gets_every_item_after_its_lead() -> None:
    # the details column states a list whose lead sentence ("…ซึ่งประกอบด้วย") is cut apart from its later items
    _, records = _split_records()
    items = [
        "ระบบสื่อสารแบบรวมศูนย์สำหรับหน่วยงานภาครัฐทุกแห่งทั่วประเทศ (Unified Test)",
        "ระบบสารบรรณกลางอิเล็กทรอนิกส์สำหรับหน่วยงานภาครัฐทุกระดับ (Saraban Test)",
        "ระบบพิสูจน์และยืนยันตัวตนทางดิจิทัลสำหรับประชาชนและภาคธุรกิจ (Identity Test)",
        "ระบบบริการดิจิทัลแบบไมโครเซอร์วิสสำหรับหน่วยงานภาครัฐที่ต้องการใช้ร่วมกัน (Microservice Test)",
    ]
    details = "โครงการพัฒนาเครื่องมือกลางทดสอบสำหรับหน่วยงานภาครัฐ ซึ่งประกอบด้วย " + " ".join(
        f"{i}) โครงการพัฒนา{t}" for i, t in enumerate(items, 1)
    )
    record = replace(next(r for r in records if r.number == "1.6"), details=[details], facts={})
    answerer = ProjectAnswerer(ProjectRegistry([record]), "แผนทดสอบ", None, "plan")
    found = answerer.answer(Conversation("โครงการ 1.6 เครื่องมือกลางทดสอบ ประกอบด้วยระบบอะไรบ้าง", "th"))
    assert found is not None and found.mode == "registry"
    first = found.answer.splitlines()[0]
    assert all(name in first for name in ("Unified Test", "Saraban Test", "Identity Test", "Microservice Test"))


def test_a_project_described_by_purpose_is_the_one_its_retrieved_passages_come_from() -> None:
    _, records = _records()
    answerer = ProjectAnswerer(ProjectRegistry(records), "แผนทดสอบ", None, "plan")
    question = "Which agencies run the project that helps tour operators plan ahead, and how long does it take?"
    described = answerer.answer(Conversation(question, "en", projects=["1.4", "1.4", "1.1"]))
    assert described is not None and described.citations
    first = described.answer.splitlines()[0]
    assert first.startswith("1.4 ") and "กรมบัญชีกลาง" in first and "12 เดือน" in first
    # passages of several projects, or the best one outside any block, name none of them
    assert answerer.answer(Conversation(question, "en", projects=["1.4", "1.1", "1.3"])) is None
    assert answerer.answer(Conversation(question, "en", projects=[None, "1.4", "1.4"])) is None
    # a question that says no "project" is not read as one by where its passages lie
    unsaid = Conversation("Which agencies help tour operators plan ahead?", "en", projects=["1.4"] * 3)
    assert answerer.answer(unsaid) is None


def test_a_project_named_in_latin_letters_its_block_never_writes_is_not_the_retrieved_one() -> None:
    """"โครงการระบบเลือกตั้งออนไลน์ (e-Voting) ได้งบเท่าไร": passages of another project's block were retrieved, but
    the question names a project the plan lacks, so no card answers it."""
    _, records = _records()
    answerer = ProjectAnswerer(ProjectRegistry(records), "แผนทดสอบ", None, "plan")
    question = "โครงการช่วยผู้ประกอบการท่องเที่ยววางแผนล่วงหน้า ใครเป็นผู้รับผิดชอบ"
    assert answerer.answer(Conversation(question, "th", projects=["1.4"] * 3)) is not None
    named = "โครงการช่วยผู้ประกอบการท่องเที่ยววางแผนล่วงหน้า (e-Tourism) ใครเป็นผู้รับผิดชอบ"
    assert answerer.answer(Conversation(named, "th", projects=["1.4"] * 3)) is None


# A block whose objectives and details both speak of running the system; only the details say since when.
PAGE_20 = (
    "ยุทธศาสตร์ที่ 4 4.9 โครงการศูนย์แลกเปลี่ยนข้อมูลทดสอบ (TDX) "
    f"{HEADER} โครงการศูนย์แลกเปลี่ยนข้อมูลทดสอบ (TDX) "
    "1. เพื่อเชื่อมโยงข้อมูลสำคัญในการดำเนินการของเจ้าหน้าที่ 2. เพื่อปรับปรุงการดำเนินการของระบบ TDX "
    "การจัดตั้งศูนย์ TDX เริ่มดำเนินการมาตั้งแต่ ปี พ.ศ. 2550 โดยกรมบัญชีกลางเป็นผู้ขับเคลื่อนการดำเนินการของศูนย์ "
    "กรมบัญชีกลาง การเชื่อมโยงข้อมูลสำคัญ 50 ล้านบาท 36 เดือน 2567 - 2569"
)


def test_a_year_asked_of_a_project_is_read_from_the_sentence_printing_one() -> None:
    pages = [(20, PAGE_20)]
    gazetteer = build_gazetteer([BACKGROUND, PAGE_20])
    answerer = ProjectAnswerer(ProjectRegistry(extract_projects(_document(pages), gazetteer)), "แผนทดสอบ", None, "plan")
    found = answerer.answer(Conversation("ศูนย์ TDX ของโครงการ 4.9 เริ่มดำเนินการมาตั้งแต่ปีไหน", "th"))
    assert "2550" in _first_line_grounded(found)


def test_which_unit_asks_the_owner_and_a_heading_row_is_no_answer_to_a_purpose() -> None:
    from assistant.project_answerer import _HIGHEST_RE, _names_only

    _, records = _records()
    answerer = ProjectAnswerer(ProjectRegistry(records), "แผนทดสอบ", None, "plan")
    owner = answerer.answer(Conversation("โครงการ 1.1 หน่วยไหนเป็นผู้ดำเนินการ", "th"))  # "หน่วยไหน": which unit
    assert owner is not None and "กรมบัญชีกลาง" in owner.answer.splitlines()[0]
    p = records[0]
    heading = StructuredAnswer(f"{p.number} {p.name_th} [1]\n“{p.number} {p.name_th}” [1]", [], "registry")
    assert _names_only(heading, p)
    assert not _names_only(StructuredAnswer(f"{p.name_th}: เพื่อให้มีระบบกลาง [1]", [], "registry"), p)
    assert _HIGHEST_RE.search("วางแผนให้มีศูนย์สะสมถึงกี่หน่วยงาน")  # cumulative: the last year's total
