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


def test_a_project_is_named_by_a_latin_short_form_the_corpus_defines_for_its_thai_name() -> None:
    exchange = _record("1.2", "โครงการพัฒนาศูนย์แลกเปลี่ยนข้อมูลกลางภาครัฐ (Government Data Exchange)", None)
    registry = ProjectRegistry([exchange], {"ศูนย์แลกเปลี่ยนข้อมูลกลางภาครัฐ": {"GDX"}})
    answerer = ProjectAnswerer(registry, "แผนทดสอบ", None, "plan")
    assert [p.number for p in answerer.identify("โครงการ GDX งบประมาณเท่าไร")[0]] == ["1.2"]
    plain = ProjectAnswerer(ProjectRegistry([exchange]), "แผนทดสอบ", None, "plan")
    assert plain.identify("โครงการ GDX งบประมาณเท่าไร")[0] == []  # the short form comes from the corpus, not code


def test_the_plan_named_as_context_is_cut_before_a_step_is_looked_for() -> None:
    from assistant.project_answerer import _PLAN_TITLE_RE

    def cut(text: str) -> str:
        return " ".join(_PLAN_TITLE_RE.sub(" ", text).split())

    assert cut("What is the budget of the GDX project in the digital government plan?") == (
        "What is the budget of the GDX project ?"
    )
    assert cut("Thailand's Digital Government Development Plan 2023-2027 budget of GDX") == "budget of GDX"
    assert cut("งบของโครงการ GDX ในแผนพัฒนารัฐบาลดิจิทัล พ.ศ. 2566-2570") == "งบของโครงการ GDX"
    assert cut("งบตามแผนการบูรณาการรัฐบาลดิจิทัล ปี 2566") == "งบตามแผนการบูรณาการรัฐบาลดิจิทัล ปี 2566"  # a step's


def test_a_latin_name_misspelled_by_one_letter_in_a_thai_question_is_set_right() -> None:
    from assistant.query_rewrite import LatinSpelling

    spelling = LatinSpelling(["(new e-budgeting", "government", "cybersecurity", "line"])
    assert spelling.correct("โครงการ New e-Budgetting ใครรับผิดชอบ") == "โครงการ New e-budgeting ใครรับผิดชอบ"
    assert spelling.correct("หลัก Goverment ของแผน") == "หลัก government ของแผน"
    assert spelling.correct("What is e-Budgetting?") == "What is e-Budgetting?"  # English questions are left as typed
    assert spelling.correct("ติดต่อทาง LINE") == "ติดต่อทาง LINE"  # short words are not corrected


def test_a_learned_short_form_names_the_project_only_where_a_project_is_spoken_of() -> None:
    exchange = _record("1.2", "โครงการพัฒนาศูนย์แลกเปลี่ยนข้อมูลกลางภาครัฐ (Government Data Exchange)", None)
    answerer = ProjectAnswerer(
        ProjectRegistry([exchange], {"ศูนย์แลกเปลี่ยนข้อมูลกลางภาครัฐ": {"GDX"}}), "แผนทดสอบ", None, "plan"
    )
    assert answerer.identify("หน่วยงานที่ดึงข้อมูลผ่าน GDX ต้องทำ MOU กับใคร")[0] == []  # the platform, not the project


def test_a_short_thai_name_written_in_latin_letters_names_the_project() -> None:
    records = [_record("4.4", "โครงการภาษีไปไหน", None), _record("3.2", "โครงการพัฒนาระบบฐานข้อมูลการเกษตร", None)]
    answerer = ProjectAnswerer(ProjectRegistry(records), "แผนทดสอบ", None, "plan")
    assert [p.number for p in answerer.identify("How much does the Phasi Pai Nai project cost?")[0]] == ["4.4"]
    assert answerer.identify("How much does the tax project cost?")[0] == []


def test_a_followup_is_about_the_project_the_earlier_answer_numbered() -> None:
    answerer = _answerer()
    asked = Conversation(
        "How much money is set aside for it?", "en", earlier=["Which project in the plan manages the state budget?"],
        followup=True, answers=["Project 4.1, New e-Budgeting, run by the Bureau of the Budget."],
    )  # fmt: skip
    found = answerer.answer(asked)
    assert found is not None and "4.1" in found.answer.splitlines()[0] and "10 ล้านบาท" in found.answer
    echoed = Conversation(
        "How much money is set aside for it?", "en", earlier=["Which system keeps the budget?"], followup=True,
        answers=["The New e-Budgeting system of the Bureau of the Budget."],
    )  # fmt: skip
    assert answerer.answer(echoed) is None  # named but not numbered: not taken from the answer
