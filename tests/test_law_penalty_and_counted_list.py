"""A penalty asked without naming the Act or the section, quoted up to the end of its punishment; a list asked by
how many items it has ("กี่ระดับ มีอะไรบ้าง") found by the count its intro states.

The Act below is a short excerpt written for these tests in statute style, not a corpus copy.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.law_answerer import LawAnswerer
from assistant.structured import Conversation, StructuredAnswer
from corpus.document import Document, DocumentSpec
from index.laws.book import build_law_book

ACT = """พระราชบัญญัติ
ทะเบียนเรือทดสอบ
พ.ศ. ๒๕๖๘

มาตรา ๑ พระราชบัญญัตินี้เรียกว่า “พระราชบัญญัติทะเบียนเรือทดสอบ พ.ศ. ๒๕๖๘”

มาตรา ๑๗ ข้อมูลทะเบียนเรือต้องถือเป็นความลับ ห้ามมิให้ผู้ใดเปิดเผยข้อมูลนั้นแก่บุคคลซึ่งไม่มีหน้าที่ปฏิบัติการตามพระราชบัญญัตินี้

มาตรา ๒๐ เมื่อได้รับแจ้งเหตุเกี่ยวกับเรือทดสอบ ให้นายทะเบียนดำเนินการตามระดับของเหตุ ดังต่อไปนี้
(๑) ตรวจสอบทะเบียนเรือ
(๒) แจ้งเจ้าของเรือ
(๓) รายงานต่อคณะกรรมการ

มาตรา ๒๑ คณะกรรมการจะกำหนดลักษณะของเหตุเกี่ยวกับเรือทดสอบ โดยแบ่งออกเป็นสามระดับ ดังต่อไปนี้
(๑) เหตุในระดับเบา
(๒) เหตุในระดับร้ายแรง
(๓) เหตุในระดับวิกฤติ

มาตรา ๔๙ ผู้ใดฝ่าฝืนมาตรา ๑๗ ต้องระวางโทษจำคุกไม่เกินหกเดือน หรือปรับไม่เกินสองหมื่นบาท หรือทั้งจำทั้งปรับ
ในกรณีที่ผู้กระทำความผิดตามวรรคหนึ่งเป็นนิติบุคคล ผู้จัดการของนิติบุคคลนั้นต้องรับโทษตามที่บัญญัติไว้สำหรับความผิดนั้นด้วย
"""
TITLE = "พระราชบัญญัติทะเบียนเรือทดสอบ พ.ศ. 2568"


@pytest.fixture(scope="module")
def answerer() -> LawAnswerer:
    spec = DocumentSpec(doc_id="test-boat-act", kind="law", title=TITLE, path=Path("test-boat-act.txt"))
    return LawAnswerer(build_law_book([Document(spec=spec, raw_text=ACT, text=ACT)]))


def _answer(answerer: LawAnswerer, question: str) -> StructuredAnswer | None:
    return answerer.answer(Conversation(question, "th", documents=["test-boat-act"] * 3))


def test_an_unnamed_acts_penalty_is_the_provision_punishing_the_duty(answerer: LawAnswerer) -> None:
    found = _answer(answerer, "เจ้าหน้าที่เอาข้อมูลทะเบียนเรือไปเปิดเผยให้คนที่ไม่มีหน้าที่ มีโทษอะไร")
    assert found is not None and not found.abstained
    first = found.answer.splitlines()[0]
    assert found.citations[0].section == "มาตรา 49"
    assert "หกเดือน" in first and "สองหมื่นบาท" in first
    assert "นิติบุคคล" not in first  # the juristic-person rule after the punishment is another rule


def test_a_list_asked_by_its_count_is_the_one_whose_intro_states_it(answerer: LawAnswerer) -> None:
    found = _answer(answerer, "ตาม พ.ร.บ. ทะเบียนเรือทดสอบ เหตุเกี่ยวกับเรือทดสอบมีกี่ระดับ อะไรบ้าง")
    assert found is not None and not found.abstained
    assert found.citations[0].section == "มาตรา 21"
    assert "ระดับวิกฤติ" in found.answer.splitlines()[0]
