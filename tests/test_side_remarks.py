"""A remark after the question about what the answer is for, or a thank-you, is not part of what is asked."""

from __future__ import annotations

import pytest

from assistant.plan_answerer import PlanAnswerer
from assistant.query_rewrite import normalize_question
from assistant.structured import Conversation

from .test_plan_answerer import answerer as answerer  # the plan excerpt's answerer (module fixture)


@pytest.mark.parametrize(
    ("typed", "asked"),
    [
        ("วิสัยทัศน์ของแผนเขียนไว้ว่าอย่างไรคะ จะเอาไปใส่สไลด์บรรยาย", "วิสัยทัศน์ของแผนเขียนไว้ว่าอย่างไรคะ"),
        ("แผนมีกี่ยุทธศาสตร์ครับ จะนำไปใช้ประกอบการบรรยายครับ", "แผนมีกี่ยุทธศาสตร์ครับ"),
        ("แผนมีกี่ยุทธศาสตร์คะ จะนำไปทำรายงานค่ะ ขอบคุณค่ะ", "แผนมีกี่ยุทธศาสตร์คะ"),
        ("แผนมีกี่ยุทธศาสตร์ครับ ขอบคุณครับ", "แผนมีกี่ยุทธศาสตร์ครับ"),
        ("What is the plan's vision? It's for my slides, thanks", "What is the plan's vision?"),
        ("What is the plan's vision? Thanks in advance!", "What is the plan's vision?"),
    ],
)
def test_a_closing_remark_is_cut_off(typed: str, asked: str) -> None:
    assert normalize_question(typed) == asked


@pytest.mark.parametrize(
    "question",
    [
        "แผนมีกี่ยุทธศาสตร์ จะเอาไปทำรายงาน ต้องอ้างอิงหน้าไหน",  # the remark is followed by a question
        "แผนมีกี่ยุทธศาสตร์ จะเอาไปสอน ได้ไหม",
        "หน่วยงานจะนำไปใช้ในการบรรยายได้หรือไม่",  # no clause of its own: it is the question
        "ข้อมูลเปิดภาครัฐ เอาไปใช้ทำอะไรได้บ้าง",
        "โครงการปักหมุด จะทำรายงานผลครอบคลุมกี่ภาค",
        "ขอบคุณครับ",  # nothing else was said
        "What is the plan's vision? It's for my report, which page?",
    ],
)
def test_a_question_that_only_looks_like_a_remark_is_kept_whole(question: str) -> None:
    assert normalize_question(question) == question


def test_the_plans_vision_asked_with_a_remark_after_it_is_answered(answerer: PlanAnswerer) -> None:
    question = normalize_question("วิสัยทัศน์ของแผนพัฒนารัฐบาลดิจิทัลเขียนไว้ว่าอย่างไรคะ จะเอาไปใส่สไลด์บรรยาย")
    found = answerer.answer(Conversation(question, "th"))
    assert found is not None and found.answer.startswith("วิสัยทัศน์ของแผนฯ คือ “บริการภาครัฐสะดวก ทดสอบ”")
