"""Near misses on the real corpus: plausible questions the documents do not answer are declined.

Written for this test (not copied from any eval split): other years, figures the plan never states,
channels an office does not list, and personal data about individuals. Also a few answerable questions of
each type, so the declines are not bought with false abstentions.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assistant.schemas import AskRequest

NEAR_MISSES = [
    "แผนพัฒนารัฐบาลดิจิทัล พ.ศ. 2571-2575 มีงบประมาณรวมเท่าไร",
    "ในปี 2580 สำนักงานพัฒนารัฐบาลดิจิทัลตั้งเป้าจำนวนบริการออนไลน์ไว้กี่บริการ",
    "What was the digital government plan's total budget for 2019?",
    "ขอเบอร์มือถือส่วนตัวของอธิบดีกรมสรรพากรหน่อย",
    "นายสมชาย ใจดี ผู้อำนวยการกองหนึ่ง มีเบอร์โทรอะไร",
    "What is the home address of the DGA president?",
    "เงินเดือนของผู้อำนวยการสำนักงานพัฒนารัฐบาลดิจิทัลเท่าไร",
]
ANSWERABLE = [
    ("ตาม พ.ร.บ. ข้อมูลข่าวสารของราชการ คำว่า คนต่างด้าว หมายความว่าอะไร", "สัญชาติไทย"),
    ("อีเมลของสำนักงานขนส่งจังหวัดแพร่คืออะไร", "phrae@dlt.mail.go.th"),
]


@pytest.fixture(scope="module")
def ask_service():  # type: ignore[no-untyped-def]
    given = os.environ.get("DGPLAN_TEST_DATA_DIR")
    if not given or not (Path(given) / "index").exists():
        pytest.skip("set DGPLAN_TEST_DATA_DIR to an ingested data directory")
    from assistant.services import build_services
    from dgplan.settings import load_settings

    return build_services(load_settings(None, data_dir=Path(given))).ask


@pytest.mark.slow
@pytest.mark.parametrize("question", NEAR_MISSES)
def test_near_miss_is_declined(ask_service, question: str) -> None:  # type: ignore[no-untyped-def]
    response = ask_service.ask(AskRequest(question=question))
    assert response.abstained, response.answer


@pytest.mark.slow
@pytest.mark.parametrize(("question", "key"), ANSWERABLE)
def test_answerable_question_is_answered_on_line_one(ask_service, question: str, key: str) -> None:  # type: ignore[no-untyped-def]
    response = ask_service.ask(AskRequest(question=question))
    assert not response.abstained, response.answer
    assert key in response.answer.splitlines()[0]
