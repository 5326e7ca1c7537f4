"""Questions asking two things: two figures of one kind, a chair and a count, a kind of document named.

Passages are short Thai excerpts written for these tests, not corpus copies.
"""

from __future__ import annotations

from assistant.abstention import asked_classifier
from assistant.answer_text import compose
from assistant.document_kinds import named_kinds
from assistant.extractive_answerer import extract
from assistant.question_types import asked_twice, classify, is_compound, type_names
from assistant.retrieval_service import ScoredChunk
from index.chunk_record import ChunkRecord

RANKING = (
    "ผลการสำรวจของสหประชาชาติ ปี 2565 ประเทศไทยอยู่อันดับที่ 55 จากการจัดอันดับทั้งหมด 193 ประเทศ "
    "ดีขึ้นจากปี 2563 ที่อยู่ในอันดับที่ 57 ซึ่งสะท้อนการพัฒนารัฐบาลอิเล็กทรอนิกส์อย่างต่อเนื่อง "
    "โดยเฉพาะด้านโครงสร้างพื้นฐานโทรคมนาคมและทุนมนุษย์ของประเทศที่ปรับตัวดีขึ้นอย่างชัดเจนในช่วงหลายปีที่ผ่านมา"
)
COMMITTEE = (
    "มาตรา 27 ให้มีคณะกรรมการข้อมูลข่าวสารของราชการ ประกอบด้วยรัฐมนตรีซึ่งนายกรัฐมนตรีมอบหมายเป็นประธาน "
    "ปลัดสำนักนายกรัฐมนตรี และผู้ทรงคุณวุฒิจากภาครัฐและภาคเอกชนซึ่งคณะรัฐมนตรีแต่งตั้งอีกเก้าคนเป็นกรรมการ"
)


def _first_line(question: str, text: str) -> str:
    hits = [ScoredChunk(ChunkRecord("c0", "d0", "เอกสารทดสอบ", "plan", text, 0, len(text)), 1.0)]
    ex = extract(question, question, hits)
    numbers: dict[int, int] = {}
    for rank in [s.rank for s in ex.direct] + [r for r, _ in ex.quotes]:
        numbers.setdefault(rank, len(numbers) + 1)
    return compose("th", ex.types, ex.direct, [(r, s.text) for r, s in ex.quotes], numbers).splitlines()[0]


def test_two_question_words_of_one_kind_ask_two_facts() -> None:
    q = "ปี 2565 ไทยได้อันดับที่เท่าไร จากกี่ประเทศ"
    assert asked_twice(q, classify(q)) == {"quantity"}
    assert asked_twice("ไทยได้อันดับที่เท่าไร", classify("ไทยได้อันดับที่เท่าไร")) == frozenset()
    assert asked_twice("งบประมาณเท่าไร ใช้เวลากี่เดือน", classify("งบประมาณเท่าไร ใช้เวลากี่เดือน")) == {"quantity"}
    # a topic word of the kind (งบประมาณ) is no second question word
    assert asked_twice("งบประมาณของโครงการเท่าไร", classify("งบประมาณของโครงการเท่าไร")) == frozenset()


def test_line_one_states_both_figures_asked() -> None:
    first = _first_line("ปี 2565 ไทยได้อันดับที่เท่าไร จากกี่ประเทศ", RANKING)
    assert "อันดับที่ 55" in first and "193 ประเทศ" in first


def test_a_two_part_question_keeps_the_count_beside_the_chair() -> None:
    q = "คณะกรรมการข้อมูลข่าวสารของราชการมีใครเป็นประธาน และมีผู้ทรงคุณวุฒิที่คณะรัฐมนตรีแต่งตั้งอีกกี่คน"
    assert is_compound(q)
    assert type_names(q)[:2] == ["chair", "quantity"]
    assert type_names("ใครเป็นประธานกรรมการ") == ["chair"]  # one part: the chair alone
    first = _first_line(q, COMMITTEE)
    assert "นายกรัฐมนตรีมอบหมายเป็นประธาน" in first and "เก้าคน" in first


def test_english_how_many_hours_counts_in_hours() -> None:
    assert asked_classifier("Within how many hours must a breach be reported?") == "ชั่วโมง"
    assert asked_classifier("How many days does the agency have?") == "วัน"
    assert asked_classifier("What is the budget of the project?") is None


def test_a_question_naming_the_letter_or_a_standard() -> None:
    assert named_kinds("ในหนังสือ สพร. ข้อความเร่งด่วนข้อ 3.2 ต้องการลดความซ้ำซ้อนในเรื่องอะไร") == ["letter"]
    assert named_kinds("According to DGA's cover letter, on what date was the draft presented?") == ["letter"]
    assert named_kinds("ตามมาตรฐานรัฐบาลดิจิทัลว่าด้วยบัญชีข้อมูล ใครเป็นนายทะเบียน") == ["standard"]
    # sending a letter to an agency, or a certificate (หนังสือรับรอง), names no document of the corpus
    assert named_kinds("What email address should I use to send an official letter to the Customs Department?") == []
    assert named_kinds("ขอหนังสือรับรองได้ที่ไหน") == []
    assert named_kinds("แล้วถ้าไม่ทำตามหนังสือเรียกของพนักงานเจ้าหน้าที่ล่ะ") == []  # a summons, not a letter


def test_a_part_answer_that_repeats_the_stated_fields_is_not_joined() -> None:
    from assistant.ask_service import _adds

    stated = "4.6 โครงการศูนย์ข้อมูล; responsible: สำนักงานพัฒนารัฐบาลดิจิทัล; budget: 16.2 ล้านบาท"
    assert not _adds("4.6 โครงการศูนย์ข้อมูล; budget: 16.2 ล้านบาท", stated)
    assert _adds("4.6 โครงการศูนย์ข้อมูล; duration: 12 เดือน", stated)
    assert not _adds("", stated)


def test_a_second_question_opened_by_laeo_is_a_second_part() -> None:
    from assistant.question_types import split_compound

    question = "แผนนี้มีกี่ยุทธศาสตร์ แล้วยุทธศาสตร์ที่ 3 ว่าด้วยเรื่องอะไร"
    assert is_compound(question)
    assert split_compound(question) == ("แผนนี้มีกี่ยุทธศาสตร์", "ยุทธศาสตร์ที่ 3 ว่าด้วยเรื่องอะไร")
    assert not is_compound("ประกาศใช้แล้ว มีกี่มาตรา")  # "already", closing a clause, opens no second question


TERM = (
    "มาตรา 29 กรรมการผู้ทรงคุณวุฒิซึ่งได้รับแต่งตั้งตามมาตรา 27 มีวาระอยู่ในตำแหน่งคราวละสามปีนับแต่วันที่ได้รับแต่งตั้ง "
    "ผู้ที่พ้นจากตำแหน่งแล้วอาจได้รับแต่งตั้งใหม่ได้ ในกรณีที่กรรมการพ้นจากตำแหน่งก่อนวาระให้แต่งตั้งผู้อื่นแทน"
)
MEMBERS = (
    "มาตรา 27 ให้มีคณะกรรมการข้อมูลข่าวสารของราชการ ประกอบด้วยรัฐมนตรีเป็นประธาน ปลัดสำนักนายกรัฐมนตรี "
    "ปลัดกระทรวงกลาโหม ปลัดกระทรวงการคลัง ปลัดกระทรวงการต่างประเทศ ปลัดกระทรวงมหาดไทย ปลัดกระทรวงพาณิชย์ "
    "และผู้ทรงคุณวุฒิจากภาครัฐและภาคเอกชนซึ่งคณะรัฐมนตรีแต่งตั้งอีกเก้าคนเป็นกรรมการ"
)


def test_each_part_of_a_two_part_question_is_classified_on_its_own() -> None:
    """"How long … and how many …": a period, then a count (the whole read at once kept only the period)."""
    q = "How long is the term of the qualified members, and how many of them does the Cabinet appoint?"
    assert type_names(q)[:2] == ["when", "quantity"]
    assert type_names("How long is the term of the qualified members?") == ["when"]


def test_the_second_part_is_answered_outside_the_first_parts_span() -> None:
    """The term's sentence states "สามปี", which reads as a figure too: the count is the next section's "เก้าคน"."""
    hits = [
        ScoredChunk(ChunkRecord(f"c{n}", "d0", "พระราชบัญญัติทดสอบ", "law", text, 0, len(text)), 1.0 - n / 10)
        for n, text in enumerate([TERM, MEMBERS])
    ]
    q = "How long is the term of the qualified members, and how many of them does the Cabinet appoint?"
    q += " กรรมการผู้ทรงคุณวุฒิ วาระ คณะรัฐมนตรี แต่งตั้ง"
    ex = extract(q, q, hits)
    said = " ".join(d.text for d in ex.direct)
    assert [t.name for t in ex.types][:2] == ["when", "quantity"]
    assert "สามปี" in said and "เก้าคน" in said


def test_an_english_rank_question_with_a_count_asks_two_figures() -> None:
    q = "What was Thailand's EGDI ranking in 2022, and out of how many countries?"
    assert asked_twice(q, classify(q)) == {"quantity"}


def test_english_how_many_nouns_count_in_the_documents_classifier() -> None:
    assert asked_classifier("Into how many categories is the template divided?") == "หมวด"
    assert asked_classifier("Out of how many countries?") == "ประเทศ"
    assert asked_classifier("How many members does it have?") is None  # members are counted in people (คน)
