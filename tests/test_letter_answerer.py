"""The signer of an official letter is read from the lines under its closing formula."""

from __future__ import annotations

from assistant.grounding import violations
from assistant.letter_answerer import LetterAnswerer
from assistant.structured import Conversation
from index.chunk_record import ChunkRecord

CLOSING = (
    "จึงเรียนมาเพื่อโปรดพิจารณา\n\nขอแสดงความนับถือ\n\n(นายทดสอบ ใจดี)\n\nรองนายกรัฐมนตรี\n\n"
    "ประธานคณะกรรมการทดสอบ\n\nสำนักงานทดสอบ\n\nโทร ๐ ๒๐๐๐ ๐๐๐๐"
)


def _letter(text: str) -> ChunkRecord:
    return ChunkRecord("letter:1", "letter", "หนังสือทดสอบ", "letter", text, 0, len(text))


def test_the_signer_and_positions_under_the_closing_formula() -> None:
    answerer = LetterAnswerer([_letter("ด้วยสำนักงานทดสอบขอเสนอเรื่อง"), _letter(CLOSING)])
    found = answerer.answer(Conversation("หนังสือฉบับนี้ลงนามโดยผู้ดำรงตำแหน่งอะไร", "th"))
    assert found is not None and found.citations[0].text == CLOSING
    first = found.answer.splitlines()[0]
    assert "(นายทดสอบ ใจดี) รองนายกรัฐมนตรี ประธานคณะกรรมการทดสอบ" in first and "สำนักงานทดสอบ" not in first
    assert violations(found.answer, [c.text for c in found.citations]) == []


def test_other_letter_questions_are_left_to_retrieval() -> None:
    answerer = LetterAnswerer([_letter(CLOSING)])
    assert answerer.answer(Conversation("หนังสือฉบับนี้เสนอเรื่องอะไร", "th")) is None
    assert answerer.answer(Conversation("ใครลงนามในประกาศนี้", "th")) is None  # not a letter
