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


HEAD = (
    "ที่ ทส ๐๐๐๑/๒๒\n\nสำนักงานทดสอบ\n\n๒๕ มกราคม ๒๕๖๖\n\nเรื่อง ขออนุมัติ (ร่าง) แผนทดสอบ\n\n"
    "เรียน เลขาธิการคณะรัฐมนตรี\n\nอ้างถึง ๑. พระราชบัญญัติทดสอบ"
)


def test_the_addressee_is_read_from_the_salutation_line() -> None:
    answerer = LetterAnswerer([_letter(HEAD), _letter(CLOSING)])
    found = answerer.answer(Conversation("หนังสือที่ ทส ๐๐๐๑/๒๒ มีถึงใคร (เรียนใคร)", "th"))
    assert found is not None and found.answer.splitlines()[0] == "เรียน เลขาธิการคณะรัฐมนตรี [1]"
    assert violations(found.answer, [c.text for c in found.citations]) == []
    english = answerer.answer(Conversation("To whom is DGA's letter addressed?", "en"))
    assert english is not None and "เลขาธิการคณะรัฐมนตรี" in english.answer
    # "แจ้งเป็นหนังสือถึงใคร" asks whom a law's notice goes to, not this letter's addressee
    assert answerer.answer(Conversation("ผู้ประกอบการต้องแจ้งเป็นหนังสือถึงใคร", "th")) is None
    assert answerer.answer(Conversation("ผู้ขออนุญาตต้องยื่นหนังสือถึงใคร", "th")) is None


PROPOSAL = (
    "๔. ผลการดำเนินการ\n\nสำนักงานทดสอบได้จัดประชุมแล้ว\n\n๕. ข้อเสนอของส่วนราชการ\n\n"
    "สำนักงานทดสอบ พิจารณาแล้ว เห็นสมควรเสนอคณะรัฐมนตรีเพื่อโปรดพิจารณาอนุมัติ (ร่าง) แผนทดสอบ พ.ศ. ๒๕๖๖ - ๒๕๗๐\n\n"
    "จึงเรียนมาเพื่อโปรดทราบ"
)


def test_what_the_letter_asks_is_read_under_its_proposal_heading() -> None:
    answerer = LetterAnswerer([_letter(HEAD), _letter(PROPOSAL), _letter(CLOSING)])
    for question, language in (
        ("สรุปแล้วหนังสือของสำนักงานทดสอบฉบับนี้ขอให้คณะรัฐมนตรีทำอะไร", "th"),
        ("ในท้ายหนังสือ สพร. ขอให้เสนอคณะรัฐมนตรีเพื่อทำอะไร", "th"),
        ("What does the cover letter ask the Cabinet to do?", "en"),
    ):
        found = answerer.answer(Conversation(question, language))
        assert found is not None, question
        assert "พิจารณาอนุมัติ (ร่าง) แผนทดสอบ" in found.answer.splitlines()[0]
        assert violations(found.answer, [c.text for c in found.citations]) == []
    assert answerer.answer(Conversation("หนังสือฉบับนี้เสนอเรื่องอะไร", "th")) is None  # its subject: retrieval
    # what another body asked of the sender is the letter's narrative, not its proposal
    assert answerer.answer(Conversation("ตามหนังสือ สพร. สภาพัฒน์ขอให้ สพร. ทำอะไรก่อนนำเสนอคณะรัฐมนตรี", "th")) is None
