"""The plan's structure: extraction on a small excerpt, and field by field against the real plan (slow)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from corpus.document import Document, DocumentSpec, PageSpan
from index.plan.config import plan_config
from index.plan.extract import extract_plan
from index.plan.model import PlanStructure

from .conftest import SHARED_CORPUS

# An excerpt written for this test in the plan's layout (two strategies, a summary page, footnotes).
PAGE_1 = (
    "แผนพัฒนารัฐบาลดิจิทัลของประเทศไทย มีวัตถุประสงค์หลัก 2 ประการ ได้แก่ 1. เพื่อพัฒนาบริการดิจิทัล "
    "2. เพื่อเป็นกรอบทิศทางให้หน่วยงาน จากการศึกษาข้อมูล • ทดสอบมาตรการแรกของยุทธศาสตร์หนึ่งให้ครบถ้วน "
    "• พัฒนาบริการอีกด้านหนึ่งให้ดียิ่งขึ้นในทุกพื้นที่"
)
PAGE_2 = (
    "วิสัยทัศน์การพัฒนารัฐบาลดิจิทัลของประเทศไทย “บริการภาครัฐสะดวก ทดสอบ” • บริการภาครัฐที่สะดวก "
    "ด้านที่เน้นความสำคัญ (Focus Area) 2 ด้าน ได้แก่ 1) การศึกษา และ 2) แรงงาน พอร์ทัลกลาง"
)
PAGE_3 = (
    "เป้าหมาย และตัวชี้วัดความสำเร็จของ แผนฯ เป้าหมาย • ภาครัฐที่ปรับตัวทันการณ์ • โปร่งใส "
    "ตัวชี้วัดความสำเร็จ • ระดับความพึงพอใจ ค่าเป้าหมาย • ภายในปี 2570 ระดับความพึงพอใจไม่น้อยกว่าร้อยละ 85 "
    "ยุทธศาสตร์การพัฒนารัฐบาลดิจิทัลของประเทศไทย ประกอบด้วยประเด็น ยุทธศาสตร์ 2 ยุทธศาสตร์"
)
PAGE_4 = (
    "ยุทธศาสตร์ที่ 1 : ทดสอบการเปลี่ยนผ่าน เป้าหมาย 1. ภาครัฐมีข้อมูล 2. บุคลากรมีทักษะ "
    "ตัวชี้วัดและค่าเป้าหมาย 1. ภายในปี 2570 ร้อยละของหน่วยงานที่มีข้อมูล คิดเป็นร้อยละ 100 "
    "2. ภายในปี 2567 ร้อยละความสำเร็จของระบบกลางในด้านสำคัญ 9 คิดเป็นร้อยละ 50 "
    "มาตรการ 1) ทดสอบมาตรการแรกของยุทธศาสตร์หนึ่งให้ครบถ้วน เพื่อทดลอง 1.1) ขั้นแรก 2) มาตรการที่สอง ยาว "
    "1.2) ขั้นที่สอง 2.1) ขั้นของมาตรการสอง โดยยุทธศาสตร์ที่ 1 มีการพัฒนาใน 2 ด้านสำคัญ ได้แก่ "
    "บริการพื้นฐาน และโครงสร้างพื้นฐาน ที่ส่งเสริม ทั้งนี้ ยุทธศาสตร์ที่ 1 มีโครงการสำคัญ จำนวน 3 โครงการ\n"
    "9 ด้านสำคัญ ได้แก่ ด้านงบประมาณ ด้านกฎหมาย"
)
PAGE_5 = (
    "ยุทธศาสตร์ที่ 2 : พัฒนาบริการทดสอบ เป้าหมาย 1. ประชาชนเข้าถึงบริการ ตัวชี้วัดและค่าเป้าหมาย "
    "1. ภายในปี 2569 จำนวนกิจกรรม อย่างน้อย 10 กิจกรรม/โครงการ มาตรการ 1) พัฒนาบริการอีกด้านหนึ่งให้ดียิ่งขึ้นในทุกพื้นที่ "
    "อย่างต่อเนื่อง 1.1) ขั้นเดียว โดยยุทธศาสตร์ที่ 2 มีด้านที่เน้นความสำคัญ (Focus Area) 1 ด้าน ได้แก่ "
    "1. แรงงาน มุ่งเน้นทักษะ และมีโครงการสำคัญ จำนวน 2 โครงการ"
)

PAGE_6 = (
    "การติดตามและประเมินผลระดับกิจกรรม • การติดตามตัวชี้วัด โดย สพร. ในเดือนที่ 6 ของแต่ละปี "
    "• การประเมินผลการดำเนินงาน ในเดือนที่ 12 ของแต่ละปี ทั้งนี้ การรายงานขึ้นกับนโยบาย ต่อจาก"
    "แผนพัฒนารัฐบาลดิจิทัลของประเทศไทย พ.ศ. 2563 - 2565 และแผนพัฒนารัฐบาลดิจิทัลของประเทศไทย พ.ศ. 2566 – 2570 "
    "จัดทำขึ้นตามวัตถุประสงค์ที่กำหนดไว้ ตามมาตรา 4 แห่งพระราชบัญญัติทดสอบ พ.ศ. 2562 ซึ่งจะเป็นการทบทวนผลการดำเนินงาน"
    "ที่ผ่านมาตามแผนฉบับก่อน รวมถึงพิจารณาความสอดคล้องกับยุทธศาสตร์ชาติ 20 ปี และเป้าหมายขององค์การสหประชาชาติ ต่อไป"
)
PAGE_7 = (
    "ปัจจัยสู่ความสำเร็จ (Key Success Factor) เพื่อให้การขับเคลื่อนเป็นไปได้อย่างมีประสิทธิภาพ ปัจจัยสู่ความสำเร็จจึงถูก"
    "แบ่งออกเป็น 2 ประเด็น ได้แก่ การพัฒนาด้านบุคลากร (People) เนื่องจากบุคลากรเป็นปัจจัยสำคัญ • ปรับปรุงทัศนคติ "
    "การพัฒนากระบวนงาน (Process) ขั้นตอนการทำงานภายในของรัฐ • ปรับปรุงกฎหมาย\n\nภาคผนวก\n\nภาคผนวก 1: รายชื่อมาตรฐาน"
)


def _document(pages: list[tuple[int, str]], doc_id: str = "dg-plan-2566-2570") -> Document:
    parts: list[str] = []
    spans: list[PageSpan] = []
    offset = 0
    for number, text in pages:
        if parts:
            parts.append("\n\n")
            offset += 2
        spans.append(PageSpan(number, offset, offset + len(text)))
        parts.append(text)
        offset += len(text)
    text = "".join(parts)
    spec = DocumentSpec(doc_id, "plan", "แผนทดสอบ", Path("plan.md"))
    return Document(spec=spec, raw_text=text, text=text, pages=spans)


@pytest.fixture
def excerpt() -> tuple[Document, PlanStructure]:
    doc = _document([(1, PAGE_1), (2, PAGE_2), (3, PAGE_3), (4, PAGE_4), (5, PAGE_5), (6, PAGE_6), (7, PAGE_7)])
    return doc, extract_plan(doc, plan_config(doc.doc_id))


def _spans_ok(doc: Document, structure: PlanStructure) -> None:
    """Every fact is exactly the plan text at its offsets, on the page those offsets lie on."""
    facts = [structure.vision, structure.objectives_lead, structure.focus_lead, structure.monitoring_lead]
    facts += [structure.success_lead, *(i.fact for i in structure.success_factors)]
    facts += [structure.period, structure.legal_basis, structure.alignment]
    facts += [i.fact for i in structure.monitoring]
    facts += [i.fact for i in structure.goals + structure.objectives + structure.focus_areas + structure.indicators]
    facts += [t.fact for t in structure.targets]
    for s in structure.strategies:
        facts += [s.heading, s.summary, s.focus_lead, s.project_count_fact]
        facts += [g.fact for g in s.goals + s.focus_areas] + [i.fact for i in s.indicators]
        facts += [i.note for i in s.indicators]
        facts += list(s.budget.facts.values()) if s.budget else []
        for m in s.measures:
            facts += [m.fact, *(st.fact for st in m.steps)]
    for fact in facts:
        if fact is None:
            continue
        assert doc.text[fact.start : fact.end] == fact.text
        assert fact.page == doc.page_at(fact.start)


def test_excerpt_plan_level(excerpt: tuple[Document, PlanStructure]) -> None:
    doc, s = excerpt
    assert s.vision is not None and "“บริการภาครัฐสะดวก ทดสอบ”" in s.vision.text and s.vision.page == 2
    assert [o.text for o in s.objectives] == ["เพื่อพัฒนาบริการดิจิทัล", "เพื่อเป็นกรอบทิศทางให้หน่วยงาน"]
    assert [g.text for g in s.goals] == ["ภาครัฐที่ปรับตัวทันการณ์", "โปร่งใส"]
    assert [(t.year, t.target, t.value) for t in s.targets] == [(2570, "ไม่น้อยกว่าร้อยละ 85", 85.0)]
    assert [f.text for f in s.focus_areas] == ["การศึกษา", "แรงงาน"]
    assert s.strategy_count == 2 and s.strategy_count_facts[0].page == 3
    assert s.period is not None and s.period.text.endswith("พ.ศ. 2566 – 2570") and s.period.page == 6  # not 2563
    assert s.legal_basis is not None and s.legal_basis.text.endswith("ตามมาตรา 4 แห่งพระราชบัญญัติทดสอบ พ.ศ. 2562")
    assert s.alignment is not None and s.alignment.text.startswith("จะเป็นการทบทวนผลการดำเนินงาน")
    assert s.alignment.text.endswith("ยุทธศาสตร์ชาติ 20 ปี และเป้าหมายขององค์การสหประชาชาติ")
    assert [m.text for m in s.monitoring] == [
        "การติดตามตัวชี้วัด โดย สพร. ในเดือนที่ 6 ของแต่ละปี",
        "การประเมินผลการดำเนินงาน ในเดือนที่ 12 ของแต่ละปี",
    ]
    assert [f.text for f in s.success_factors] == ["การพัฒนาด้านบุคลากร (People)", "การพัฒนากระบวนงาน (Process)"]
    assert [f.fact.page for f in s.success_factors] == [7, 7]
    _spans_ok(doc, s)


def test_excerpt_strategies(excerpt: tuple[Document, PlanStructure]) -> None:
    doc, s = excerpt
    one, two = s.strategies
    assert (one.number, one.name, one.heading.page) == (1, "ทดสอบการเปลี่ยนผ่าน", 4)
    assert [g.text for g in one.goals] == ["ภาครัฐมีข้อมูล", "บุคลากรมีทักษะ"]
    assert [(i.year, i.target) for i in one.indicators] == [(2570, "คิดเป็นร้อยละ 100"), (2567, "คิดเป็นร้อยละ 50")]
    note = one.indicators[1].note
    assert note is not None and note.text == "9 ด้านสำคัญ ได้แก่ ด้านงบประมาณ ด้านกฎหมาย"
    assert [m.title for m in one.measures] == ["ทดสอบมาตรการแรกของยุทธศาสตร์หนึ่งให้ครบถ้วน", "มาตรการที่สอง ยาว"]
    assert [st.number for st in one.measures[0].steps] == ["1.1", "1.2"]  # a step printed after the next measure
    assert [f.text for f in one.focus_areas] == ["บริการพื้นฐาน", "โครงสร้างพื้นฐาน"]
    assert one.project_count == 3
    assert (two.indicators[0].year, two.indicators[0].value) == (2569, 10.0)
    assert [f.text for f in two.focus_areas] == ["แรงงาน"] and two.project_count == 2
    assert s.missing == {"strategies": "found [1, 2], expected 4"}  # checked against the data file's count
    _spans_ok(doc, s)


def test_structure_round_trips(excerpt: tuple[Document, PlanStructure], tmp_path: Path) -> None:
    _, s = excerpt
    s.save(tmp_path / "plan.json")
    assert PlanStructure.load(tmp_path / "plan.json") == s


# --------------------------------------------------------------------------- the real plan (slow)


def _corpus_dir() -> Path:
    preset = os.environ.get("DGPLAN_TEST_CORPUS_DIR")
    return Path(preset) if preset else SHARED_CORPUS


@pytest.fixture(scope="module")
def real_plan() -> tuple[Document, PlanStructure]:
    from corpus.load import load_document
    from corpus.manifest import read_corpus
    from index.projects.agencies import build_gazetteer
    from index.projects.extract import extract_projects

    corpus = _corpus_dir()
    if not (corpus / "manifest.json").exists():
        pytest.skip("the shared corpus is not present")
    specs = read_corpus(corpus)
    plan = load_document(next(s for s in specs if s.kind == "plan"))
    texts = [load_document(s).text for s in specs if s.kind in ("plan", "letter")] + [plan.text]
    projects = extract_projects(plan, build_gazetteer(texts))
    return plan, extract_plan(plan, plan_config(plan.doc_id), projects)


# Indicators as printed in each strategy section: (number, year, target).
REAL_INDICATORS = {
    1: [("1", 2570, "คิดเป็นร้อยละ 100"), ("2", 2570, "คิดเป็นร้อยละ 100"), ("3", 2570, "คิดเป็นร้อยละ 100"),
        ("4", 2567, "คิดเป็นร้อยละ 100"), ("5", 2570, "ไม่น้อยกว่าร้อยละ 90")],
    2: [("1", 2570, "คิดเป็นร้อยละ 100"), ("2", 2570, "คิดเป็นร้อยละ 90"), ("3", 2570, "ไม่น้อยกว่าร้อยละ 85")],
    3: [("1", 2570, "คิดเป็นร้อยละ 100"), ("2", 2570, "ไม่น้อยกว่าร้อยละ 90"), ("3", 2570, "ไม่น้อยกว่า ร้อยละ 85")],
    4: [("1", 2568, "คิดเป็นร้อยละ 100"), ("2", 2568, "คิดเป็นร้อยละ 100"), ("3", 2569, "คิดเป็นร้อยละ 100"),
        ("4", 2570, "คิดเป็นร้อยละ 100"), ("5", 2570, "อย่างน้อย 10 กิจกรรม/โครงการ")],
}  # fmt: skip
REAL_NAMES = {
    1: "ยกระดับการเปลี่ยนผ่านดิจิทัลภาครัฐ เพื่อการบริหารงานที่ยืดหยุ่น คล่องตัว และขยายสู่หน่วยงานภาครัฐระดับท้องถิ่น",
    2: "พัฒนาบริการที่สะดวกและเข้าถึงง่าย",
    3: "สร้างมูลค่าเพิ่มและอำนวยความสะดวกแก่ภาคธุรกิจ",
    4: "ส่งเสริมการมีส่วนร่วมของประชาชน และเปิดเผยข้อมูลเปิดภาครัฐ",
}
REAL_PAGES = {1: 73, 2: 79, 3: 83, 4: 86}
REAL_GOALS = {1: 5, 2: 2, 3: 1, 4: 2}
REAL_MEASURES = {1: 9, 2: 5, 3: 3, 4: 3}
REAL_STEPS = {  # steps per measure, as numbered in the plan
    1: [6, 8, 5, 4, 4, 8, 7, 6, 4], 2: [3, 4, 4, 5, 2], 3: [4, 4, 3], 4: [4, 5, 5],
}  # fmt: skip
REAL_FOCUS = {
    1: ["บริการพื้นฐาน (Common Services)", "โครงสร้างพื้นฐาน (Foundation)"],
    2: ["ความเหลื่อมล้ำทางสิทธิสวัสดิการประชาชน", "การศึกษา", "สุขภาพและการแพทย์", "สิ่งแวดล้อม"],
    3: ["การส่งเสริมวิสาหกิจขนาดกลางและขนาดย่อม (SMEs)", "การเกษตร", "แรงงาน", "การท่องเที่ยว"],
    4: ["การมีส่วนร่วม โปร่งใส และตรวจสอบได้ของประชาชน", "การยุติธรรม"],
}
REAL_PROJECTS = {1: 14, 2: 8, 3: 7, 4: 9}


@pytest.mark.slow
def test_real_plan_level(real_plan: tuple[Document, PlanStructure]) -> None:
    plan, s = real_plan
    assert s.vision is not None and s.vision.page == 69
    assert s.period is not None and s.period.text.endswith("พ.ศ. 2566 - 2570") and s.period.start < 200
    assert s.legal_basis is not None and s.legal_basis.page == 6 and "ตามมาตรา 4 แห่งพระราชบัญญัติ" in s.legal_basis.text
    assert s.alignment is not None and s.alignment.page == 6
    assert "(พ.ศ. 2559 – 2561)" in s.alignment.text and "กับยุทธศาสตร์ชาติ 20 ปี" in s.alignment.text
    assert "“บริการภาครัฐสะดวก โปร่งใส ทันสมัย ตอบโจทย์ประชาชน”" in s.vision.text
    assert len(s.objectives) == 3 and all(o.text.startswith("เพื่อ") for o in s.objectives)
    assert [g.text for g in s.goals] == [
        "ภาครัฐที่ปรับตัวทันการณ์", "ให้บริการที่ตอบสนองประชาชน และลดความเหลื่อมล้ำในการเข้าถึงบริการ",
        "เพิ่มความสามารถและศักยภาพในการแข่งขันของภาคธุรกิจ", "โปร่งใส เปิดเผยข้อมูล ประชาชนเชื่อถือและมีส่วนร่วม",
    ]  # fmt: skip
    assert [(t.year, t.target) for t in s.targets] == [
        (2570, "ไม่น้อยกว่าร้อยละ 85"), (2570, "ไม่ต่ำกว่าอันดับที่ 40 ของโลก"),
    ]  # fmt: skip
    assert all(t.fact.page == 71 for t in s.targets)
    assert [f.text for f in s.focus_areas][:4] == [
        "การศึกษา",
        "สุขภาพและ การแพทย์",
        "การเกษตร",
        "ความเหลื่อมล้ำทางสิทธิสวัสดิการประชาชน",
    ]
    assert len(s.focus_areas) == 10 and s.focus_areas[-1].text == "ยุติธรรม" and s.focus_areas[0].fact.page == 67
    assert s.strategy_count == 4 and any(f.page == 71 for f in s.strategy_count_facts)
    assert [m.fact.page for m in s.monitoring] == [89, 89, 89]
    assert "เดือนที่ 6" in s.monitoring[1].text and "เดือนที่ 12" in s.monitoring[2].text
    assert [f.text for f in s.success_factors] == [
        "การพัฒนาด้านบุคลากร (People)", "การพัฒนากระบวนงาน (Process)", "การพัฒนาและปรับใช้เทคโนโลยี (Technology)",
    ]  # fmt: skip
    assert s.success_lead is not None and "3 ประเด็น" in s.success_lead.text
    assert s.project_count == 38 and s.missing == {}
    _spans_ok(plan, s)


@pytest.mark.slow
@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_real_strategy(real_plan: tuple[Document, PlanStructure], number: int) -> None:
    _, s = real_plan
    strategy = s.strategy(number)
    assert strategy is not None
    assert strategy.name == REAL_NAMES[number] and strategy.heading.page == REAL_PAGES[number]
    assert len(strategy.goals) == REAL_GOALS[number]
    assert [(i.number, i.year, i.target) for i in strategy.indicators] == REAL_INDICATORS[number]
    assert all(i.fact.page == REAL_PAGES[number] for i in strategy.indicators)
    assert len(strategy.measures) == REAL_MEASURES[number]
    assert [len(m.steps) for m in strategy.measures] == REAL_STEPS[number]
    assert [f.text for f in strategy.focus_areas] == REAL_FOCUS[number]
    assert strategy.project_count == REAL_PROJECTS[number] == len(strategy.projects)
    budget = strategy.budget
    assert budget is not None and budget.million_baht > 0
    assert set(budget.counted) | set(budget.not_counted) == set(strategy.projects)
    assert set(budget.facts) == set(budget.amounts) == set(budget.counted)  # every amount keeps where it is printed
    assert round(sum(budget.amounts.values()), 4) == budget.million_baht
    assert all("บาท" in f.text and f.page is not None and f.page >= 107 for f in budget.facts.values())


@pytest.mark.slow
def test_real_measures_and_notes(real_plan: tuple[Document, PlanStructure]) -> None:
    _, s = real_plan
    one, two, three, four = s.strategies
    assert one.measures[0].title == "กำหนดมาตรฐานและแนวทางการปฏิบัติงานที่เกี่ยวข้องกับการพัฒนารัฐบาลดิจิทัล"
    assert one.measures[6].title == "ทบทวน ปรับปรุง และพัฒนากฎหมาย กฎระเบียบ มาตรการที่เอื้อต่อการพัฒนารัฐบาลดิจิทัล"
    assert one.measures[8].title == "ส่งเสริมความร่วมมือระหว่างรัฐและเอกชนในการพัฒนารัฐบาลดิจิทัล"
    assert two.measures[3].title == "พัฒนาบริการที่เฉพาะเจาะจงรายบุคคล (Personalized Service Delivery)"
    assert four.measures[2].title.startswith("จัดให้มีการเปิดเผยข้อมูลเปิดภาครัฐในรูปแบบข้อมูลดิจิทัลต่อสาธารณะ")
    # the summary bullet words it shorter; the heading itself runs through its English label
    assert three.measures[0].title.startswith("สนับสนุนให้พัฒนาบริการออนไลน์และแพลตฟอร์มดิจิทัลภาครัฐ")
    assert three.measures[0].title.endswith("ตลอดห่วงโซ่มูลค่า (End-to-End Service Platform)")
    assert four.measures[1].title.endswith("(Strong from the Bottom)")
    note = three.indicators[0].note
    assert note is not None and "SMEs, เกษตร, แรงงาน, ท่องเที่ยว" in note.text and note.page == 83
    assert two.indicators[0].note is not None and four.indicators[1].note is not None


def test_a_measure_title_runs_through_its_english_label() -> None:
    from index.plan.extract import _title

    paragraph = (
        "สนับสนุนให้พัฒนาบริการออนไลน์และแพลตฟอร์มดิจิทัลภาครัฐที่เอื้อต่อธุรกรรม ตลอดห่วงโซ่มูลค่า "
        "(End-to-End Service Platform) พัฒนาแพลตฟอร์มบริการภาครัฐเพื่ออำนวยความสะดวกทางการค้า"
    )
    summary = ["สนับสนุนให้พัฒนาบริการออนไลน์และแพลตฟอร์มดิจิทัล หรือเชื่อมโยงแพลตฟอร์ม"]
    assert _title(paragraph, summary).endswith("ตลอดห่วงโซ่มูลค่า (End-to-End Service Platform)")
    # a title ending at a space with more Thai words before a label keeps the summary's words
    plain = "กำหนดมาตรฐานและแนวทางการปฏิบัติงานของรัฐ เพื่อเป็นหลักการร่วมกัน (Common Rules) และอื่น ๆ"
    assert _title(plain, ["กำหนดมาตรฐานและแนวทางการปฏิบัติงานของรัฐ"]) == "กำหนดมาตรฐานและแนวทางการปฏิบัติงานของรัฐ"
