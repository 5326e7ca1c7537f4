"""Key-project details from the project's own plan passages, strategy membership, and timeline tagging."""

from __future__ import annotations

from assistant.grounding import violations
from assistant.project_answerer import ProjectAnswerer
from assistant.structured import Conversation, StructuredAnswer
from corpus.document import PageSpan
from index.chunk_record import ChunkRecord
from index.chunking.plan_structure import find_plan_units
from index.projects.registry import ProjectRegistry

from .test_project_blocks import _records
from .test_projects import HEADER

APPENDIX = "ภาคผนวก 4: รายละเอียดโครงการสำคัญ"
# A yearly timeline (Gantt rows) of project 1.1 that the registry's columns do not hold, on the project's page.
TIMELINE = "2566 2567 2568 2569 2570 การดำเนินงาน วงจรสื่อสาร GIN 2,400 หน่วยงาน ในปี 2566 ขยายเป็น 3,000 หน่วยงาน"
DIAGRAM = "แผนภาพโครงการสำคัญภายใต้ยุทธศาสตร์ที่ 1 Focus Area 1. โครงการทดสอบระบบกลาง (Test Platform) • กรมบัญชีกลาง"


def _chunk(n: int, text: str, page: int | None, project: str | None, chapter: str | None) -> ChunkRecord:
    return ChunkRecord(f"plan-{n}", "plan", "แผนทดสอบ", "plan", text, n * 1000, n * 1000 + len(text),
                       None, chapter, page, project)  # fmt: skip


def _answerer(with_passages: bool) -> ProjectAnswerer:
    _, records = _records()
    first = next(r for r in records if r.number == "1.1")
    chunks = [
        _chunk(1, DIAGRAM, 5, None, None),
        _chunk(2, first.source_text, first.page, "1.1", f"{APPENDIX} / ยุทธศาสตร์ที่ 1"),
        _chunk(3, TIMELINE, first.page, "1.2", f"{APPENDIX} / ยุทธศาสตร์ที่ 1"),  # tagged with the neighbour
    ]
    return ProjectAnswerer(ProjectRegistry(records), "แผนทดสอบ", None, "plan", chunks if with_passages else ())


def _first_line(found: StructuredAnswer | None) -> str:
    assert found is not None and not found.abstained and found.mode == "registry"
    assert violations(found.answer, [c.text for c in found.citations]) == []
    return found.answer.splitlines()[0]


def test_a_detail_only_the_project_passages_state_is_quoted_not_the_card() -> None:
    question = Conversation("โครงการ 1.1 ปี 2566 ตั้งเป้าวงจร GIN ไว้กี่หน่วยงาน", "th")
    without = _answerer(with_passages=False).answer(question)
    assert without is None or "2,400" not in without.answer  # the registry alone cannot state it
    found = _answerer(with_passages=True).answer(question)
    first = _first_line(found)
    assert "GIN 2,400 หน่วยงาน" in first and "กรมบัญชีกลาง" not in first
    assert found is not None and found.citations[0].chunk_id == "plan-3"


def test_registry_values_stay_on_the_card_with_passages_loaded() -> None:
    answerer = _answerer(with_passages=True)
    owner = _first_line(answerer.answer(Conversation("โครงการ 1.1 มีหน่วยงานใดรับผิดชอบ", "th")))
    assert "กรมบัญชีกลาง" in owner
    budget = _first_line(answerer.answer(Conversation("โครงการ 1.1 ใช้งบประมาณเท่าไร", "th")))
    assert "12.5" in budget


def test_the_strategy_of_a_project_is_cited_from_the_passage_listing_it() -> None:
    answerer = _answerer(with_passages=True)
    found = answerer.answer(Conversation("โครงการทดสอบระบบกลาง (Test Platform) อยู่ภายใต้ยุทธศาสตร์ใด", "th"))
    first = _first_line(found)
    assert "ยุทธศาสตร์ที่ 1" in first
    assert found is not None and [c.chunk_id for c in found.citations] == ["plan-1", "plan-2"]
    english = _first_line(answerer.answer(Conversation("Which strategy is the Test Platform project under?", "en")))
    assert "strategy 1" in english


def test_names_inside_a_question_do_not_ask_for_a_field() -> None:
    answerer = _answerer(with_passages=True)
    # "ของบุคลากร" holds the letters of "งบ" and the agency "สำนักงบประมาณ" its word: neither asks the budget
    staff = answerer.answer(Conversation("โครงการ 1.1 พัฒนาอะไรให้ของบุคลากร", "th"))
    assert staff is None or "12.5" not in staff.answer
    found = answerer.answer(Conversation("โครงการ 1.2 เชื่อมโยงข้อมูลของสำนักงบประมาณกับระบบใด", "th"))
    assert found is not None and "ระบบกลาง" in found.answer.splitlines()[0]
    assert "งบประมาณ: " not in found.answer.splitlines()[0]


def test_a_name_is_identified_by_its_distinctive_words() -> None:
    answerer = _answerer(with_passages=True)
    # 1.2 "โครงการเปิดเผยงบประมาณ": "เปิดเผย" alone names it; words every project name has identify none
    assert [p.number for p in answerer.identify("ระบบเปิดเผยงบประมาณของรัฐใช้ข้อมูลอะไร")[0]] == ["1.2"]
    assert answerer.identify("โครงการทดสอบของรัฐมีอะไร")[0] == []


def test_a_timeline_printed_beside_a_neighbour_is_tagged_with_its_own_project() -> None:
    text = (
        "ภาคผนวก 4 : รายละเอียดโครงการ "
        "1.1 โครงการศูนย์ข้อมูลเกษตร โครงการ วัตถุประสงค์โครงการ เพื่อรวมข้อมูลเกษตรกรและแปลงปลูก "
        "2566 2567 2568 2569 2570 การดำเนินงาน ให้บริการแผนที่ภาษีท้องถิ่น เปิดเผยภาษีท้องถิ่น "
        "1.2 โครงการเปิดเผยภาษีท้องถิ่น โครงการ วัตถุประสงค์โครงการ เพื่อเปิดเผยภาษีท้องถิ่นแก่ประชาชน "
        "ผ่านแผนที่ภาษี 12 เดือน 2567"
    )
    units = find_plan_units(text, [PageSpan(1, 0, len(text))])
    timeline = next(u for u in units if text[u.start :].startswith("2566 2567"))
    assert timeline.project == "1.2"  # printed after 1.1's table, but it is 1.2's timeline
    first = next(u for u in units if text[u.start :].startswith("1.1"))
    assert first.project == "1.1"


# A timeline cell of 1.1 stating the months of one step, beside the project's total (36 months in the registry).
STEPS = (
    "4. พัฒนา ทดสอบ และติดตั้ง - ระบบสารสนเทศหลัก จำนวน 7 เดือน - ระบบสารสนเทศสนับสนุน จำนวน 9 เดือน "
    "5. ติดตั้งระบบบน Private Cloud จำนวน 3 เดือน"
)


def _with_block(*passages: str) -> ProjectAnswerer:
    """An answerer whose project 1.1 has its block and these passages on its page."""
    _, records = _records()
    first = next(r for r in records if r.number == "1.1")
    chunks = [
        _chunk(n, text, first.page, "1.1", f"{APPENDIX} / ยุทธศาสตร์ที่ 1")
        for n, text in enumerate([first.source_text, *passages], 2)
    ]
    return ProjectAnswerer(ProjectRegistry(records), "แผนทดสอบ", None, "plan", chunks)


def _with_steps() -> ProjectAnswerer:
    return _with_block(STEPS, TIMELINE)


def test_the_months_of_one_step_are_quoted_not_the_whole_project_duration() -> None:
    answerer = _with_steps()
    step = _first_line(answerer.answer(Conversation("โครงการ 1.1 ทดสอบและติดตั้งระบบสารสนเทศหลักใช้เวลากี่เดือน", "th")))
    assert "7 เดือน" in step and "36" not in step
    whole = _first_line(answerer.answer(Conversation("โครงการ 1.1 มีระยะเวลาดำเนินการกี่เดือน", "th")))
    assert "36 เดือน" in whole
    # in English: Latin words the block prints and the Thai glosses (install -> ติดตั้ง) pick the step's sentence
    english = Conversation("How many months does project 1.1 allow for installing it on the private cloud?", "en")
    assert "3 เดือน" in _first_line(answerer.answer(english))
    plain = _first_line(answerer.answer(Conversation("How many months will project 1.1 run for?", "en")))
    assert "36 เดือน" in plain


def test_a_step_sentence_answers_a_figure_only_in_the_unit_asked() -> None:
    # words of the question match a block sentence, but it states months or a count, not baht: the total budget
    answerer = _with_steps()
    for question in (
        "โครงการ 1.1 ที่ติดตั้งระบบบน Private Cloud ใช้งบประมาณเท่าไร",
        "โครงการ 1.1 ซึ่งวงจรสื่อสาร GIN ขยายเป็นหลายพันหน่วยงาน มีงบประมาณเท่าไร",
    ):
        first = _first_line(answerer.answer(Conversation(question, "th")))
        assert "12.5 ล้านบาท" in first and "เดือน" not in first and "GIN" not in first


def test_an_opening_clause_that_describes_the_project_does_not_pick_the_sentence() -> None:
    # "โครงการที่<describes 1.1 by its objective> <asks a target>": the description matches the objective, the
    # asked words the timeline; the timeline sentence answers
    question = Conversation("โครงการที่มีระบบกลางเพื่อประหยัดงบประมาณของ Test Platform ปี 2566 ตั้งเป้าวงจร GIN ไว้กี่หน่วยงาน", "th")
    first = _first_line(_with_steps().answer(question))
    assert "GIN 2,400 หน่วยงาน" in first


def test_agencies_between_which_data_passes_are_not_the_project_owners() -> None:
    answerer = _with_steps()
    found = answerer.answer(Conversation("โครงการ 1.1 ส่งต่อข้อมูลระหว่างหน่วยงานใด", "th"))
    assert found is None or "ผู้รับผิดชอบ: " not in found.answer.splitlines()[0]
    owners = _first_line(answerer.answer(Conversation("โครงการ 1.1 มีหน่วยงานใดรับผิดชอบ", "th")))
    assert "กรมบัญชีกลาง" in owners


def test_some_words_of_a_name_without_the_word_project_are_left_to_other_answerers() -> None:
    answerer = _answerer(with_passages=True)
    # "ข้อมูลเกษตร" is part of 1.3's name; a duty, a period or a frequency asked of it is another document's fact
    for question in (
        "หน่วยงานข้อมูลเกษตรต้องตรวจสอบปีละกี่ครั้ง",
        "หน่วยงานข้อมูลเกษตรต้องส่งผลสรุปให้สำนักงานภายในกี่วัน",
    ):
        assert answerer.answer(Conversation(question, "th")) is None, question
    # the owner asked outright, or the word "โครงการ", still makes it a question about the project
    for question in ("ข้อมูลเกษตรมีหน่วยงานอะไร", "โครงการข้อมูลเกษตรมีหน่วยงานรับผิดชอบ"):
        assert "กรมบัญชีกลาง" in _first_line(answerer.answer(Conversation(question, "th"))), question


# A note on project 1.1's page that keeps an English term beside its Thai wording (as the plan prints them).
NOTE = (
    "ผู้ใช้งานหลักของระบบ คือกลุ่มประชากรโลกที่มีความมั่งคั่งสูง (Wealthy Global Citizen) ซึ่งมีกำลังซื้อสูง "
    "ระบบจะวิเคราะห์แนวโน้มตลาด ทั้งอุปสงค์และอุปทาน ในระยะกลาง (5 ปี)"
)


def _answerer_with_note() -> ProjectAnswerer:
    return _with_block(TIMELINE, NOTE)


def test_an_english_detail_question_gets_the_block_sentence_holding_its_words() -> None:
    answerer = _answerer_with_note()
    # a Latin word as printed ("wealthy") and a glossed one ("users": ผู้ใช้งาน) find the note, not a column
    found = answerer.answer(
        Conversation("Which group of users does the Test Platform project describe as its wealthy target?", "en")
    )
    first = _first_line(found)
    assert "Wealthy Global Citizen" in first
    assert found is not None and found.citations[0].chunk_id == "plan-4"
    # glossed words only (market, supply, demand): the sentence stating them
    question = "How far ahead will the Test Platform analyse market supply and demand?"
    ahead = _first_line(answerer.answer(Conversation(question, "en")))
    assert "5 ปี" in ahead


def test_an_english_column_question_keeps_the_column_and_a_who_question_is_left_to_retrieval() -> None:
    answerer = _answerer_with_note()
    objective = answerer.answer(Conversation("What is the objective of the Test Platform project?", "en"))
    assert objective is None or "Wealthy" not in objective.answer
    question = "Which agencies do the wealthy users of the Test Platform project deal with?"
    who = answerer.answer(Conversation(question, "en"))
    assert who is None or "Wealthy" not in who.answer.splitlines()[0]


def test_an_english_question_names_a_project_by_translating_its_thai_name() -> None:
    answerer = _answerer(with_passages=True)
    # "โครงการข้อมูลเกษตรทดสอบ" has no English name: "agriculture" and "data" reach it through the glossary
    found = answerer.answer(Conversation("Which agencies run the agriculture data project?", "en"))
    assert found is not None and found.cards and found.cards[0].number == "1.3"
    assert answerer.identify("Which agencies run the agriculture data?")[0] == []  # no "project": not a project


def test_how_many_months_a_project_runs_is_its_registry_duration_in_english_too() -> None:
    answerer = _answerer_with_note()  # the note states "(5 ปี)" of a market forecast, not the project's months
    for question in ("How many months does project 1.1 run?", "How many years will the Test Platform project take?"):
        first = _first_line(answerer.answer(Conversation(question, "en")))
        assert "36 เดือน" in first and "5 ปี" not in first, question


def test_who_is_asked_reads_the_sentence_before_the_matched_phrase() -> None:
    # a long objective is cut at a length limit right after the people it names; the question repeats the phrase
    # after the cut ("อบรม … เป็นอาสาสมัครทดสอบดิจิทัล") and asks who
    lead = "เพื่อให้เกิดการถ่ายทอดและพัฒนาทักษะการใช้เทคโนโลยีดิจิทัลให้เท่าทันบริบทโลกแก่ประชาชนในระดับชุมชน " * 2
    lead += "ทั้งในเขตเมืองและชนบทของทุกจังหวัดทั่วประเทศอย่างทั่วถึงต่อเนื่อง "
    text = (
        f"{lead}กรมทดสอบ ร่วมกับ กระทรวงทดสอบ เพื่อพัฒนาอาสาทดสอบชุมชน (อท.) รายอำเภอ ในการจัดอบรมความรู้ด้านทักษะ "
        "ให้สามารถเป็นอาสาสมัครทดสอบดิจิทัล (อสท.)"
    )
    _, records = _records()
    first = next(r for r in records if r.number == "1.1")
    chunks = [_chunk(2, first.source_text, first.page, "1.1", APPENDIX), _chunk(4, text, first.page, "1.1", APPENDIX)]
    answerer = ProjectAnswerer(ProjectRegistry(records), "แผนทดสอบ", None, "plan", chunks)
    found = answerer.answer(Conversation("โครงการ 1.1 จะนำใครมาอบรมให้เป็นอาสาสมัครทดสอบดิจิทัล (อสท.)", "th"))
    assert "อาสาทดสอบชุมชน" in _first_line(found)
    # without asking who, the matched sentence alone stands
    what = answerer.answer(Conversation("โครงการ 1.1 จัดอบรมความรู้ให้เป็นอาสาสมัครทดสอบดิจิทัล (อสท.) อย่างไร", "th"))
    assert "อาสาทดสอบชุมชน" not in _first_line(what)


def test_the_highest_yearly_target_is_chosen_when_the_question_asks_it() -> None:
    from assistant.project_passages import ProjectPassages
    from corpus.thai_text import compact_key

    timeline = (
        "2566 2567 2568 การดำเนินงาน • ศูนย์ทดสอบสำหรับ Non-CII จำนวน 3 หน่วยงาน "
        "• ศูนย์ทดสอบสำหรับ Non-CII จำนวน 6 หน่วยงาน (สะสม) • ศูนย์ทดสอบสำหรับ Non-CII จำนวน 9 หน่วยงาน (สะสม)"
    )
    passages = ProjectPassages([_chunk(5, timeline, 7, "2.1", APPENDIX)], {"2.1": [7]}, compact_key)
    want = [compact_key("ศูนย์ทดสอบ"), compact_key("Non-CII"), compact_key("สะสม")]

    def cover(key: str) -> float:
        return sum(w in key for w in want) / len(want)

    plain = passages.best("2.1", cover, counting=True)
    highest = passages.best("2.1", cover, counting=True, largest=True)
    assert plain is not None and "6 หน่วยงาน" in plain.sentence.text  # the first of equals
    assert highest is not None and "9 หน่วยงาน" in highest.sentence.text


def test_a_count_of_the_projects_own_thing_reads_the_number_in_its_classifier() -> None:
    # every content word of the question is a word of the project's name: the count in the asked classifier answers
    _, records = _records()
    first = next(r for r in records if r.number == "1.1")
    timeline = "2566 2567 2568 การดำเนินงาน พัฒนาระบบกลาง 4 ระบบทดสอบ พัฒนาระบบกลาง 4 ระบบทดสอบ"
    chunks = [
        _chunk(2, first.source_text, first.page, "1.1", APPENDIX),
        _chunk(6, timeline, first.page, "1.1", APPENDIX),
    ]
    answerer = ProjectAnswerer(ProjectRegistry(records), "แผนทดสอบ", None, "plan", chunks)
    found = answerer.answer(Conversation("โครงการทดสอบระบบกลาง (Test Platform) ตั้งเป้าทดสอบระบบกลาง ปีละกี่ระบบ", "th"))
    assert "4 ระบบทดสอบ" in _first_line(found)


def test_a_table_extracted_apart_from_its_title_goes_to_that_project() -> None:
    # 1.2's table is printed before its title, right after 1.1's own table and on the same page
    head = "โครงการ วัตถุประสงค์โครงการ รายละเอียดโครงการ ผู้รับผิดชอบ"
    page1 = f"ภาคผนวก 4 : รายละเอียดโครงการ 1.1 โครงการศูนย์ข้อมูลเกษตร {head} เพื่อรวมข้อมูลเกษตรกร "
    page2 = f"{head} เพื่อเปิดเผยภาษีท้องถิ่นแก่ประชาชน 1.2 โครงการเปิดเผยภาษีท้องถิ่น "
    text = page1 + page2
    units = find_plan_units(text, [PageSpan(1, 0, len(page1)), PageSpan(2, len(page1), len(text))])
    table = next(u for u in units if u.page == 2 and text[u.start :].startswith("โครงการ วัตถุ"))
    assert table.project == "1.2"
    assert next(u for u in units if "เพื่อรวมข้อมูลเกษตรกร" in text[u.start : u.end]).project == "1.1"


def test_each_project_keeps_one_timeline() -> None:
    # 1.2's timeline follows 1.2's own; it shares more words with 1.2 but 1.1, which has none, takes it
    text = (
        "ภาคผนวก 4 : รายละเอียดโครงการ "
        "1.1 โครงการอาสาสมัครดิจิทัลชุมชน โครงการ วัตถุประสงค์โครงการ อบรมอาสาสมัครดิจิทัลในชุมชน "
        "1.2 โครงการศูนย์ทดสอบนวัตกรรม โครงการ วัตถุประสงค์โครงการ ศูนย์ทดสอบนวัตกรรมดิจิทัลของรัฐ "
        "2566 2567 2568 2569 2570 การดำเนินงาน เปิดศูนย์ทดสอบนวัตกรรมดิจิทัล "
        "2566 2567 2568 2569 2570 การดำเนินงาน จัดทำข้อตกลงศูนย์ทดสอบเพื่อพัฒนาอาสาสมัครดิจิทัล"
    )
    units = find_plan_units(text, [PageSpan(1, 0, len(text))])
    charts = [u.project for u in units if text[u.start :].startswith("2566 2567")]
    assert charts == ["1.2", "1.1"]


def test_a_numbered_phase_asked_is_answered_by_that_phase_s_sentence() -> None:
    # phase 1's sentence holds more of the words asked; only phase 2's own sentence answers for phase 2
    _, records = _records()
    first = next(r for r in records if r.number == "1.1")
    one = "ระยะที่ 1 : จะพัฒนาแผนที่ดิจิทัลเพื่อติดตามการใช้ประโยชน์ที่ดินของหน่วยงาน"
    two = "ระยะที่ 2 : ติดตามสถานการณ์น้ำในพื้นที่เสี่ยง"
    chunks = [
        _chunk(2, first.source_text, first.page, "1.1", APPENDIX),
        _chunk(3, one, first.page, "1.1", APPENDIX),
        _chunk(4, two, first.page, "1.1", APPENDIX),
    ]
    answerer = ProjectAnswerer(ProjectRegistry(records), "แผนทดสอบ", None, "plan", chunks)
    found = answerer.answer(Conversation("โครงการ 1.1 ระยะที่ 2 จะพัฒนาแผนที่ดิจิทัลเพื่อติดตามอะไร", "th"))
    assert "สถานการณ์น้ำ" in _first_line(found)


def test_a_sentence_the_segment_cut_mid_clause_is_read_with_what_it_is_said_of() -> None:
    from assistant.sentences import segments

    lead = "โดยคณะทำงานจัดทำแผนที่ทดสอบ ในการประชุมครั้งที่ 2/2565 เมื่อวันที่ 27 กันยายน 2565 มีมติเห็นชอบ " * 2
    lead += "ในการประชุมครั้งที่ 3/2565 เมื่อวันที่ 5 ตุลาคม 2565 ที่ประชุมมีมติ "
    text = f"{lead}ให้ใช้ระบบคลังข้อมูลทดสอบกลาง (Test GIS Platform) เป็นระบบหลักในการจัดทำแผนที่ทดสอบต่อไป"
    assert segments(text)[-1].text.startswith("เป็นระบบหลัก")  # the cut this test is about
    answerer = _with_block(text)
    found = answerer.answer(Conversation("โครงการ 1.1 ตกลงใช้ระบบไหนเป็นระบบหลักในการจัดทำแผนที่ทดสอบ", "th"))
    assert "Test GIS Platform" in _first_line(found)


def test_an_english_compound_printed_as_two_words_is_found() -> None:
    text = "เพื่อให้หน่วยงานภาครัฐสามารถเลือกบริการ (Services) บน Government Cloud Market Place ที่เป็นศูนย์รวมบริการ"
    answerer = _with_block(TIMELINE, text)
    found = answerer.answer(Conversation("Through what marketplace will agencies pick services in project 1.1?", "en"))
    assert "Market Place" in _first_line(found)


def test_a_column_and_a_registry_value_asked_together_get_both() -> None:
    answerer = _answerer(with_passages=True)
    found = answerer.answer(Conversation("โครงการ 1.1 มีวัตถุประสงค์อะไร ใครเป็นเจ้าภาพ", "th"))
    first = _first_line(found)
    assert "วัตถุประสงค์" in first and "กรมบัญชีกลาง" in first
    assert found is not None and [c.n for c in found.citations] == [1]  # the one block, cited once




def test_a_passage_matched_on_the_block_tables_heading_row_names_nothing() -> None:
    """"จะได้ผลผลิตเป็นอะไร" matched on the heading row (which prints "ผลผลิต") is no answer; the column is."""
    from assistant.project_answerer import _names_only

    _, records = _records()
    first = next(r for r in records if r.number == "1.1")
    row = StructuredAnswer(f"{HEADER} โครงการทดสอบระบบกลาง เพื่อให้มีระบบกลาง [1]", [], "registry")
    assert _names_only(row, first)
    sentence = StructuredAnswer("1. พัฒนาระบบกลาง 2. ให้บริการหน่วยงาน [1]", [], "registry")
    assert not _names_only(sentence, first)
