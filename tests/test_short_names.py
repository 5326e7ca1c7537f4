"""Short names people use: a project called by the coined word of its Latin name, a word cut with ไปยาลน้อย."""

from __future__ import annotations

from assistant.glossary import spell_out_short_forms
from assistant.project_answerer import ProjectAnswerer
from assistant.structured import Conversation
from index.projects.record import ProjectRecord
from index.projects.registry import ProjectRegistry


def _record(number: str, name_th: str, name_en: str | None) -> ProjectRecord:
    return ProjectRecord(
        number=number, strategy=int(number[0]), name_th=name_th, name_en=name_en, objectives=["เพื่อทดสอบ"],
        owners=["กรมทดสอบ"], outputs=["ระบบทดสอบ"], budget_million_baht=10.0, budget_note=None,
        budget_text="10 ล้านบาท", duration_months=12, fiscal_years="2566", page=1, pages=[1],
        source_text=name_th, start=0, end=len(name_th),
    )  # fmt: skip


def _answerer() -> ProjectAnswerer:
    justice = "e-Justice Case Management and Tracking System"
    crime = "Big Data and AI Analytics for Crime Prevention"
    records = [
        _record("4.7", f"โครงการ {justice}", justice),
        _record("4.1", "โครงการพัฒนาระบบการจัดการงบประมาณอิเล็กทรอนิกส์ (New e-Budgeting)", "New e-Budgeting"),
        _record("4.8", f"โครงการ {crime}", crime),
    ]
    return ProjectAnswerer(ProjectRegistry(records), "แผนทดสอบ", None, "plan")


def test_a_project_is_named_by_the_coined_word_of_its_latin_name() -> None:
    answerer = _answerer()
    assert [p.number for p in answerer.identify("ระบบ Case Flow ในโครงการ e-Justice ครอบคลุมช่วงไหน")[0]] == ["4.7"]
    assert [p.number for p in answerer.identify("โครงการ e-Budgeting ใช้เวลากี่เดือน")[0]] == ["4.1"]
    project = answerer.registry.get("4.7")
    assert answerer.names_outright("โครงการ e-justice มีวัตถุประสงค์อะไร", project)
    # a plain Latin word of a name is no handle of its own ("Crime", "Data")
    assert answerer.identify("โครงการ Crime ใช้เวลากี่เดือน")[0] == []


def test_a_word_cut_with_paiyannoi_is_spelled_out_even_glued_to_the_word_before() -> None:
    assert spell_out_short_forms("แล้วใครเป็นเลขาฯ") == "แล้วใครเป็นเลขานุการ"
    assert spell_out_short_forms("นายกฯ เป็นประธานหรือไม่") == "นายกรัฐมนตรี เป็นประธานหรือไม่"
    assert spell_out_short_forms("กรมศุลฯ ใช้เว็บไซต์ไหน") == "กรมศุลฯ ใช้เว็บไซต์ไหน"  # not a glossary word


def test_budget_data_as_a_project_subject_asks_no_amount() -> None:
    answerer = _answerer()
    topic = answerer.answer(Conversation("โครงการ e-Justice จะเปิดเผยข้อมูลเกี่ยวกับงบประมาณระดับไหน", "th"))
    assert topic is None or "10 ล้านบาท" not in topic.answer.splitlines()[0]
    amount = answerer.answer(Conversation("โครงการ e-Justice ใช้งบประมาณเท่าไร", "th"))
    assert amount is not None and "10 ล้านบาท" in amount.answer.splitlines()[0]
