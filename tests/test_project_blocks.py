"""Key-project blocks: each extracted field keeps its span, compound owners, and block answers."""

from __future__ import annotations

import pytest

from assistant.project_answerer import ProjectAnswerer
from assistant.structured import Conversation
from corpus.document import Document
from index.projects.agencies import build_gazetteer
from index.projects.extract import ProjectRecord, extract_projects
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
