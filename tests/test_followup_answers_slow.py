"""Full-corpus follow-ups: an elliptical question is answered about the subject of the earlier turn, and a
follow-up is not answered with the earlier answer again (questions written for this test)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.ask_service import AskService
from assistant.schemas import AskRequest, Turn
from assistant.services import build_services
from dgplan.settings import load_settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def ask(real_data_dir: Path) -> Iterator[AskService]:
    yield build_services(load_settings(None, data_dir=real_data_dir)).ask


def _ask(ask: AskService, question: str, *history: tuple[str, str]) -> str:
    turns = [Turn(role=role, content=text) for role, text in history]  # type: ignore[arg-type]
    response = ask.ask(AskRequest(question=question, history=turns))
    assert not response.abstained, response.answer
    return response.answer.split("\n", 1)[0]


def test_an_elliptical_duration_question_is_about_the_earlier_project(ask: AskService) -> None:
    earlier = ("user", "โครงการปักหมุดพื้นที่เสี่ยงต่อการทุจริต หน่วยงานไหนรับผิดชอบ")
    line = _ask(ask, "ระยะเวลาโครงการกี่เดือนคะ", earlier, ("assistant", "สำนักงาน ป.ป.ช. [1]"))
    assert "12 เดือน" in line, line


def test_a_followup_on_a_strategy_is_not_answered_with_the_strategy_again(ask: AskService) -> None:
    earlier = ("user", "ยุทธศาสตร์ที่ 1 ของแผนพัฒนารัฐบาลดิจิทัลชื่อว่าอะไร")
    first = _ask(ask, earlier[1])
    line = _ask(ask, "ต้องทำ MOU กับหน่วยงานเจ้าของข้อมูลก่อนเชื่อมข้อมูลไหม", earlier, ("assistant", first))
    assert line != first and not line.startswith("ยุทธศาสตร์ที่ 1"), line
