"""A two-part question is cut between its question words; two answers join with their citations renumbered."""

from __future__ import annotations

from assistant.question_types import split_compound
from assistant.schemas import Citation
from assistant.structured import StructuredAnswer, first_line, joined


def test_a_two_part_question_is_cut_at_the_conjunction_between_its_question_words() -> None:
    assert split_compound("แผนนี้มีกี่ยุทธศาสตร์ และยุทธศาสตร์ที่ 3 ชื่อว่าอะไร") == (
        "แผนนี้มีกี่ยุทธศาสตร์",
        "ยุทธศาสตร์ที่ 3 ชื่อว่าอะไร",
    )
    assert split_compound("โครงการนี้ได้ผลผลิตอะไร และงบเท่าไร") == ("โครงการนี้ได้ผลผลิตอะไร", "งบเท่าไร")
    assert split_compound("How many members are there and who appoints them?") == (
        "How many members are there",
        "who appoints them?",
    )
    assert split_compound("คณะกรรมการทดสอบมีกรรมการกี่คน ใครเป็นประธาน") == ("คณะกรรมการทดสอบมีกรรมการกี่คน", "ใครเป็นประธาน")
    assert split_compound("หน่วยงานใดต้องรายงานภายในกี่วัน") is None  # no space between: one question
    assert split_compound("หน่วยงานใดรับผิดชอบโครงการพัฒนาและบำรุงรักษาระบบ") is None  # one question word
    assert split_compound("ใครเป็นประธานร่วมกับกรรมการ") is None  # "กับ" inside a word run, no second question


def _cite(n: int, text: str) -> Citation:
    return Citation(n=n, doc_id="d", title="t", section=None, text=text, source_url=None, score=1.0)


def test_two_answers_join_on_the_first_line_and_a_shared_passage_keeps_its_number() -> None:
    first = StructuredAnswer("มี 4 ยุทธศาสตร์ [1]\n“ไว้ 4 ยุทธศาสตร์” [1]", [_cite(1, "ก")], "plan")
    second = StructuredAnswer("ยุทธศาสตร์ที่ 3: ข [1] [2]\n“ข” [1]", [_cite(1, "ข"), _cite(2, "ก")], "plan")
    both = joined(first, second)
    assert both.answer.splitlines() == [
        "มี 4 ยุทธศาสตร์ [1] · ยุทธศาสตร์ที่ 3: ข [2] [1]",
        "“ไว้ 4 ยุทธศาสตร์” [1]",
        "“ข” [2]",
    ]
    assert [(c.n, c.text) for c in both.citations] == [(1, "ก"), (2, "ข")]
    assert first_line(both) == "มี 4 ยุทธศาสตร์ · ยุทธศาสตร์ที่ 3: ข"
