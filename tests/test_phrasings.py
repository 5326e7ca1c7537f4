"""The generated phrasing set: every template filled for each project whose registry holds the field."""

from __future__ import annotations

from evals.phrasings import PhrasingTemplate, load_templates, phrasing_questions

from .test_project_blocks import _records


def test_templates_load_with_a_source_each() -> None:
    templates = load_templates()
    assert {t.field for t in templates} == {"budget", "owners", "duration", "definition", "section"}
    assert {t.typed for t in templates} == {"as_is", "toneless", "thai_digits"}
    assert all(t.source.strip() for t in templates)


def test_each_project_is_asked_its_registry_fact_as_printed() -> None:
    _, records = _records()
    templates = [
        PhrasingTemplate(field="budget", language="th", text="{name} มีงบประมาณเท่าไร", source="test"),
        PhrasingTemplate(field="owners", language="en", text="Who owns project {number}?", source="test"),
        PhrasingTemplate(field="duration", language="th", text="{name} ซึ่ง{objective} ใช้เวลากี่เดือน", source="test"),
    ]
    questions = phrasing_questions(records, "plan-doc", templates)
    first = records[0]
    asked = {q.id: q for q in questions if q.id.startswith(f"phr-{first.number}-")}
    budget = asked[f"phr-{first.number}-01-budget"]
    assert budget.question == f"{first.name_th} มีงบประมาณเท่าไร" and budget.category == "project_budget"
    assert budget.answer_keys and budget.answer_keys[0] in first.budget_text  # the number as the plan prints it
    owners = asked[f"phr-{first.number}-02-owners"]
    assert owners.answer_keys == first.owners and owners.language == "en" and owners.doc_id == "plan-doc"
    assert all(q.evidence and q.evidence in {r.name_th for r in records} for q in questions)
    # a project whose registry lacks a field is not asked it
    assert not any(q.id.endswith("-budget") for q in questions for r in records
                   if r.budget_million_baht is None and q.id.startswith(f"phr-{r.number}-"))


def test_templates_are_typed_as_users_type() -> None:
    toneless = PhrasingTemplate(field="owners", language="th", typed="toneless", text="{name} ใช้งบเท่าไหร่", source="tst")
    assert toneless.fill(name="โครงการศูนย์ข้อมูล") == "โครงการศูนย์ขอมูล ใชงบเทาไหร"  # the four tone marks go
    digits = PhrasingTemplate(field="section", language="th", typed="thai_digits", text="มาตรา {number}", source="test")
    assert digits.fill(number="13") == "มาตรา ๑๓"
