"""Key-project registry: gazetteer, appendix-4 extraction, budget cells and the searchable store."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from corpus.document import Document, DocumentSpec, PageSpan
from dgplan.errors import ProjectNotFound
from index.projects.agencies import build_gazetteer, learn_aliases
from index.projects.budget import parse_budget_tail
from index.projects.extract import extract_projects
from index.projects.record import ProjectRecord
from index.projects.registry import ProjectRegistry

HEADER = "โครงการ วัตถุประสงค์โครงการ รายละเอียดโครงการ ผู้รับผิดชอบ ผลผลิต งบประมาณ ระยะเวลาการดำเนินโครงการ ปีงบประมาณ"
GANTT = "2566 2567 2568 2569 2570 การดำเนินงาน ทดสอบระบบ ขยายผล"

# Background text that teaches the gazetteer the names and abbreviations, as the corpus does.
BACKGROUND = (
    "หน่วยงานที่เกี่ยวข้อง ได้แก่ สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน) (สพร.) "
    "กรมบัญชีกลาง (บก.) และสำนักงบประมาณ (สงป.) ร่วมกับ กระทรวงการคลัง "
    "1. สำนักงานพัฒนารัฐบาลดิจิทัล 2. กรมบัญชีกลาง 3. สำนักงบประมาณ 4. กระทรวงการคลัง 5. ทดสอบ"
)

# Page 10: project 1.1 (numbered owners, million-baht budget); page 11: 1.2 (Gantt first, one owner
# written without a number, glued-in mention in the details, dash budget).
PAGE_10 = (
    "ยุทธศาสตร์ที่ 1 1.1 โครงการทดสอบระบบกลาง (Test Platform) "
    f"{HEADER} โครงการทดสอบระบบกลาง (Test Platform) "
    "1. เพื่อให้มีระบบกลาง 2. เพื่อประหยัดงบประมาณ "
    "1. พัฒนาระบบกลาง 2. ให้บริการหน่วยงาน "
    "1. กรมบัญชีกลาง 2. สำนกงานพฒนารฐบาลดจทล "
    "ระบบกลางที่หน่วยงานใช้ร่วมกัน 12.5 ล้านบาท (งบประมาณปี 2566) 36 เดือน 2566 - 2568"
)
PAGE_11 = (
    f"1.2 โครงการเปิดเผยงบประมาณ {GANTT} {HEADER} โครงการเปิดเผยงบประมาณ "
    "เพื่อเปิดเผยข้อมูลงบประมาณแก่ประชาชน การเชื่อมโยงข้อมูลของสำนักงบประมาณกับระบบกลาง "
    "สำนักงบประมาณ แพลตฟอร์มเปิดเผยงบประมาณ - 12 เดือน 2567"
)


def _document(pages: list[tuple[int, str]]) -> Document:
    """A plan-like Document whose pages are joined by blank lines."""
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
    spec = DocumentSpec("plan", "plan", "synthetic plan", Path("plan.md"))
    return Document(spec=spec, raw_text=text, text=text, pages=spans)


@pytest.fixture(scope="module")
def records() -> list[ProjectRecord]:
    gazetteer = build_gazetteer([BACKGROUND, PAGE_10, PAGE_11])
    return extract_projects(_document([(10, PAGE_10), (11, PAGE_11)]), gazetteer)


def test_learn_aliases_reads_abbreviation_definitions() -> None:
    aliases = learn_aliases([BACKGROUND])
    assert "สพร." in aliases["สำนักงานพัฒนารัฐบาลดิจิทัล"]
    assert "บก." in aliases["กรมบัญชีกลาง"]
    assert "สงป." in aliases["สำนักงบประมาณ"]
    english = learn_aliases(["ศูนย์แลกเปลี่ยนข้อมูลกลางภาครัฐ (Government Data Exchange Center : GDX) "])
    assert english["ศูนย์แลกเปลี่ยนข้อมูลกลางภาครัฐ"] >= {"GDX", "Government Data Exchange Center"}


def test_gazetteer_finds_damaged_and_abbreviated_mentions() -> None:
    gazetteer = build_gazetteer([BACKGROUND])
    span = "โดยสำนกงานพฒนา รฐบาลดจทล (องค์การมหาชน) ร่วมกับ สงป. และกรมบัญชีกลางมีระบบ"
    found = gazetteer.find(span)
    assert [m.name for m in found] == ["สำนักงานพัฒนารัฐบาลดิจิทัล", "สำนักงบประมาณ", "กรมบัญชีกลาง"]
    assert found[0].surface.endswith("(องค์การมหาชน)") and found[0].glue == "โดย"
    assert found[1].surface == "สงป." and found[1].left_bound
    assert not found[2].right_bound  # glued before "มีระบบ"
    assert gazetteer.resolve("DGA") == {"สำนักงานพัฒนารัฐบาลดิจิทัล"}


def test_gazetteer_rejects_glued_sentence_tokens() -> None:
    text = (BACKGROUND + " ") * 2 + "สำนักงบประมาณมีระบบ สำนักงบประมาณมีระบบ สำนักงานฯ"
    names = build_gazetteer([text]).names
    assert "สำนักงบประมาณ" in names
    assert not any(name.startswith("สำนักงบประมาณมี") for name in names)


def test_extracts_both_synthetic_projects(records: list[ProjectRecord]) -> None:
    assert [r.number for r in records] == ["1.1", "1.2"]
    first = records[0]
    assert first.strategy == 1
    assert first.name_th == "โครงการทดสอบระบบกลาง (Test Platform)"
    assert first.name_en == "Test Platform"
    assert first.objectives == ["เพื่อให้มีระบบกลาง", "เพื่อประหยัดงบประมาณ"]
    assert first.owners == ["กรมบัญชีกลาง", "สำนักงานพัฒนารัฐบาลดิจิทัล"]
    assert first.outputs == ["ระบบกลางที่หน่วยงานใช้ร่วมกัน"]
    assert first.budget_million_baht == 12.5
    assert first.budget_note == "12.5 ล้านบาท (งบประมาณปี 2566)"
    assert (first.duration_months, first.fiscal_years, first.page, first.pages) == (36, "2566-2568", 10, [10])


def test_unnumbered_owner_gantt_and_dash_budget(records: list[ProjectRecord]) -> None:
    second = records[1]
    assert second.owners == ["สำนักงบประมาณ"]  # the glued "ของสำนักงบประมาณ" in the details is skipped
    assert second.objectives == ["เพื่อเปิดเผยข้อมูลงบประมาณแก่ประชาชน"]
    assert second.outputs == ["แพลตฟอร์มเปิดเผยงบประมาณ"]
    assert second.budget_million_baht is None and second.budget_note == "ไม่ระบุ (-)"
    assert "budget_million_baht" in second.missing and "name_en" in second.missing
    assert (second.duration_months, second.fiscal_years, second.page) == (12, "2567", 11)
    assert "ทดสอบระบบ ขยายผล" not in second.source_text.split(HEADER)[1]  # Gantt text stays out of the body


def test_offsets_point_into_plan_text(records: list[ProjectRecord]) -> None:
    doc = _document([(10, PAGE_10), (11, PAGE_11)])
    for record in records:
        assert doc.text[record.start : record.start + 3] == record.number
        assert doc.text[record.end - 4 : record.end] == record.fiscal_years[-4:]


@pytest.mark.parametrize(
    ("cell", "amount", "note"),
    [
        ("ระบบ 6,216.42 ล้านบาท", 6216.42, None),
        ("ปีละ 100 ล้านบาท (5 ปี 500 ล้านบาท)", 500.0, "รวม 5 ปี (ปีละ 100 ล้านบาท (5 ปี 500 ล้านบาท))"),
        ("ผลผลิต ปี 2566 0 บาท (ดำเนินการเอง) ปี 2567 4,000,000 บาท ปี 2568 10,000,000 บาท", 14.0, None),
        ("ผลผลิต -", None, "ไม่ระบุ (-)"),
        ("ผลผลิต ใช้งบประมาณปกติ", None, "ใช้งบประมาณปกติ"),
        ("ผลผลิต", None, "ไม่พบช่องงบประมาณ"),
    ],
)
def test_budget_cells(cell: str, amount: float | None, note: str | None) -> None:
    budget = parse_budget_tail(cell)
    assert budget.million_baht == amount
    if note is not None or amount is None:
        assert budget.note == note


def test_registry_roundtrip_and_queries(records: list[ProjectRecord], tmp_path: Path) -> None:
    aliases = learn_aliases([BACKGROUND])
    registry = ProjectRegistry(records, aliases)
    path = tmp_path / "projects.json"
    registry.save(path)
    loaded = ProjectRegistry.load(path)
    assert len(loaded) == 2
    assert loaded.get("1.1") == registry.get("1.1")
    with pytest.raises(ProjectNotFound):
        loaded.get("9.9")
    assert [p.number for p in loaded.by_agency("สพร.")] == ["1.1"]
    assert [p.number for p in loaded.by_agency("DGA")] == ["1.1"]
    assert [p.number for p in loaded.by_agency("สำนกงบประมาณ")] == ["1.2"]  # missing tone mark
    assert [p.number for p in loaded.search(q="เปดเผยงบประมาณ")] == ["1.2"]
    assert [p.number for p in loaded.search(agency="กรมบัญชีกลาง", strategy=1)] == ["1.1"]
    assert loaded.search(strategy=2) == []
    out = tmp_path / "projects.csv"
    loaded.to_csv(out)
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert rows[0]["owners"] == "กรมบัญชีกลาง; สำนักงานพัฒนารัฐบาลดิจิทัล"


# --------------------------------------------------------------------------- the real plan

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SENTENCE_STARTS = ("เพื่อ", "ให้", "โดย", "ซึ่ง", "ที่", "และ", "ของ")
ALL_NUMBERS = (
    [f"1.{i}" for i in range(1, 15)]
    + [f"2.{i}" for i in range(1, 9)]
    + [f"3.{i}" for i in range(1, 8)]
    + [f"4.{i}" for i in range(1, 10)]
)
DGA = "สำนักงานพัฒนารัฐบาลดิจิทัล"
ONDE = "สำนักงานคณะกรรมการดิจิทัลเพื่อเศรษฐกิจและสังคมแห่งชาติ"
OCSC = "สำนักงานคณะกรรมการข้าราชการพลเรือน"
BUDGET_BUREAU = "สำนักงบประมาณ"
NESDC = "สำนักงานสภาพัฒนาการเศรษฐกิจและสังคมแห่งชาติ"
ENV_PLANNING = "สำนักงานนโยบายและแผนทรัพยากรธรรมชาติและสิ่งแวดล้อม"
# number -> (owners, budget in million baht, months, fiscal years, page), read from the gazette text.
EXPECTED = {
    "1.1": ([DGA], 165.0, 60, "2566-2570", 107),
    "1.4": ([OCSC, DGA, "สถาบันคุณวุฒิวิชาชีพ", ONDE], None, 60, "2566-2570", 109),
    "1.6": ([ONDE, "สำนักงานปลัดกระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์", DGA], 9.4, 48, "2566-2569", 111),
    "1.11": ([ONDE], 6216.42, 36, "2566-2568", 116),
    "1.12": ([OCSC, "สำนักงานคณะกรรมการพัฒนาระบบราชการ"], None, 12, "2566", 116),
    "2.2": (["กรมกิจการเด็กและเยาวชน", DGA], 21.0, 48, "2567-2570", 120),
    "2.7": (["สำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม"], 350.0, 48, "2567-2570", 125),
    "2.8": ([ENV_PLANNING, "กรมส่งเสริมคุณภาพสิ่งแวดล้อม"], 56.0, 48, "2567-2570", 126),
    "3.1": (["สำนักงานส่งเสริมวิสาหกิจขนาดกลางและขนาดย่อม", DGA], 5.0, 48, "2566-2569", 127),
    "3.5": (["สำนักงานปลัดกระทรวงการท่องเที่ยวและกีฬา", "การท่องเที่ยวแห่งประเทศไทย"], None, 36, "2566-2568", 131),
    "4.1": ([BUDGET_BUREAU, "สำนักงานปลัดกระทรวงการคลัง", "กรมบัญชีกลาง", NESDC], 666.4119, 24, "2566-2567", 134),
    "4.5": (["สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ"], None, 12, "2566", 138),
    "4.9": (["สำนักงานกิจการยุติธรรม"], 50.0, 36, "2567-2569", 142),
}


@pytest.fixture(scope="module")
def real_projects() -> list[ProjectRecord]:
    if not (CORPUS / "manifest.json").is_file():
        pytest.skip("shared corpus not available")
    from corpus.load import load_document
    from corpus.manifest import read_corpus

    specs = read_corpus(CORPUS)
    documents = [load_document(spec) for spec in specs]
    plan = next(d for d in documents if d.spec.kind == "plan")
    gazetteer = build_gazetteer(d.text for d in documents)
    return extract_projects(plan, gazetteer)


@pytest.mark.slow
def test_real_plan_has_all_38_projects_with_clean_owners(real_projects: list[ProjectRecord]) -> None:
    assert [p.number for p in real_projects] == ALL_NUMBERS
    for project in real_projects:
        assert project.owners, project.number
        for owner in project.owners:
            assert len(owner) <= 90, (project.number, owner)
            assert not owner.startswith(SENTENCE_STARTS), (project.number, owner)
        assert project.duration_months and project.fiscal_years, project.number
        assert project.page in project.pages and 107 <= project.page <= 142


@pytest.mark.slow
@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_real_plan_fields(real_projects: list[ProjectRecord], number: str) -> None:
    owners, budget, months, years, page = EXPECTED[number]
    project = next(p for p in real_projects if p.number == number)
    assert project.owners == owners
    assert project.budget_million_baht == budget
    assert (project.duration_months, project.fiscal_years, project.page) == (months, years, page)


@pytest.mark.slow
def test_real_plan_special_budgets(real_projects: list[ProjectRecord]) -> None:
    by_number = {p.number: p for p in real_projects}
    assert by_number["1.5"].budget_million_baht == 500.0  # ปีละ 100 ล้านบาท (5 ปี 500 ล้านบาท)
    assert by_number["1.5"].pages == [110, 111]  # body continues after project 1.6 on page 111
    assert by_number["1.10"].budget_million_baht == 34.0  # yearly amounts in baht, summed
    assert by_number["1.4"].budget_note == "ไม่ระบุ (-)"


def test_a_project_has_one_public_projection_the_card_and_the_csv_are_cut_from() -> None:
    """The API, the answer card and the CSV export show one set of fields (PUBLIC_FIELDS), each a part of it."""
    from assistant.project_answerer import card
    from assistant.schemas import ProjectCard
    from index.projects.record import PUBLIC_FIELDS
    from index.projects.registry import CSV_FIELDS

    assert set(ProjectCard.model_fields) <= set(PUBLIC_FIELDS) and set(CSV_FIELDS) <= set(PUBLIC_FIELDS)
    doc = _document([(10, PAGE_10), (11, PAGE_11)])
    record = extract_projects(doc, build_gazetteer([doc.text]))[0]
    assert list(record.public()) == list(PUBLIC_FIELDS) and "source_text" not in record.public()
    shown = card(record)
    assert shown.number == record.number and shown.owners == record.owners and shown.page == record.page
    with pytest.raises(ValueError):
        record.public(["source_text"])  # where a value was read stays inside the index
