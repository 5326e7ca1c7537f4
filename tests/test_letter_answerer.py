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


LISTS = (
    "ที่ ทส ๐๐๐๑/๒๒\n\nเรื่อง ขออนุมัติ (ร่าง) แผนทดสอบ\n\nเรียน เลขาธิการคณะรัฐมนตรี\n\n"
    "อ้างถึง ๑. พระราชบัญญัติทดสอบ พ.ศ. ๒๕๖๒\n\n๒. คำสั่งสำนักนายกรัฐมนตรี ที่ ๑๒๓/๒๕๖๓\n\n"
    "สิ่งที่ส่งมาด้วย ๑. สำเนารายงานการประชุม ครั้งที่ ๑/๒๕๖๕\n\n๒. สำเนาหนังสือสำนักงานทดสอบ"
)
LISTS_MORE = "๓. QR CODE (ร่าง) แผนทดสอบ\n\nด้วยสำนักงานทดสอบขอเสนอเรื่อง ๔. ไม่ใช่รายการ"


def test_a_numbered_enclosure_or_reference_is_read_under_its_heading() -> None:
    head = _letter(LISTS)
    more = ChunkRecord("letter:2", "letter", "หนังสือทดสอบ", "letter", LISTS_MORE, len(LISTS) + 2, len(LISTS) + 80)
    closing = ChunkRecord("letter:3", "letter", "หนังสือทดสอบ", "letter", CLOSING, 900, 900 + len(CLOSING))
    answerer = LetterAnswerer([more, head, closing])
    found = answerer.answer(Conversation("สิ่งที่ส่งมาด้วยลำดับที่ 2 ของหนังสือฉบับนี้คืออะไร", "th"))
    assert found is not None and found.answer.splitlines()[0] == "สิ่งที่ส่งมาด้วย ๒. สำเนาหนังสือสำนักงานทดสอบ [1]"
    assert violations(found.answer, [c.text for c in found.citations]) == []
    # the list runs on into the next passage, which is cited for its item; "สุดท้าย" is the last item
    last = answerer.answer(Conversation("ในหนังสือ สิ่งที่ส่งมาด้วยลำดับสุดท้ายคืออะไร", "th"))
    assert last is not None and "QR CODE" in last.answer.splitlines()[0] and last.citations[0].text == LISTS_MORE
    english = answerer.answer(Conversation("What is enclosure no. 3 of the letter?", "en"))
    assert english is not None and english.answer.startswith("Enclosure ๓. QR CODE")
    ref = answerer.answer(Conversation("หนังสือนี้อ้างถึงข้อ 2 คืออะไร", "th"))
    assert ref is not None and "คำสั่งสำนักนายกรัฐมนตรี ที่ ๑๒๓/๒๕๖๓" in ref.answer.splitlines()[0]
    # no such item: retrieval's
    assert answerer.answer(Conversation("สิ่งที่ส่งมาด้วยลำดับที่ 9 ของหนังสือคืออะไร", "th")) is None
    # a reference asked by what it is: the item sharing the question's words
    which = answerer.answer(Conversation("หนังสือฉบับนี้อ้างถึงคำสั่งสำนักนายกรัฐมนตรีที่เท่าไร", "th"))
    assert which is not None and "คำสั่งสำนักนายกรัฐมนตรี ที่ ๑๒๓/๒๕๖๓" in which.answer.splitlines()[0]
    named = answerer.answer(Conversation("หนังสือ สพร. อ้างถึงพระราชบัญญัติฉบับไหน", "th"))
    assert named is not None and "คำสั่ง" not in named.answer.splitlines()[0]
    # a reference the letter does not list is not answered by the nearest one
    assert answerer.answer(Conversation("หนังสือฉบับนี้อ้างถึงมติคณะรัฐมนตรีวันไหน", "th")) is None


def test_a_follow_up_names_the_letter_in_the_turn_before() -> None:
    answerer = LetterAnswerer([_letter(HEAD), _letter(CLOSING)])
    earlier = ["หนังสือ สพร. เรื่องขออนุมัติร่างแผน ลงวันที่เท่าไร"]
    found = answerer.answer(Conversation("แล้วใครเป็นคนลงนาม", "th", earlier, followup=True))
    assert found is not None and "(นายทดสอบ ใจดี)" in found.answer.splitlines()[0]
    # not a follow-up: the question alone must name a letter
    assert answerer.answer(Conversation("ใครเป็นคนลงนาม", "th", earlier, followup=False)) is None


def test_the_letter_s_own_number_and_date_are_read_from_its_head() -> None:
    answerer = LetterAnswerer([_letter(HEAD), _letter(CLOSING)])
    both = answerer.answer(Conversation("หนังสือขออนุมัติร่างแผนทดสอบเลขที่เท่าไร ลงวันที่อะไร", "th"))
    assert both is not None and both.answer.splitlines()[0] == "หนังสือที่ ทส ๐๐๐๑/๒๒ ลงวันที่ ๒๕ มกราคม ๒๕๖๖ [1]"
    number = answerer.answer(Conversation("หนังสือขออนุมัติร่างแผนทดสอบมีเลขที่หนังสืออะไร", "th"))
    assert number is not None and number.answer.splitlines()[0] == "หนังสือที่ ทส ๐๐๐๑/๒๒ [1]"
    toneless = answerer.answer(Conversation("หนังสือขออนุมัติร่างแผนทดสอบ เลขทีหนังสืออะไร", "th"))  # ที่ typed ที
    assert toneless is not None and toneless.answer.splitlines()[0] == "หนังสือที่ ทส ๐๐๐๑/๒๒ [1]"
    dated = answerer.answer(Conversation("หนังสือฉบับนี้ลงวันที่เท่าไร", "th"))
    assert dated is not None and dated.answer.splitlines()[0] == "ลงวันที่ ๒๕ มกราคม ๒๕๖๖ [1]"
    english = answerer.answer(Conversation("What is the reference number of the letter?", "en"))
    assert english is not None and "ทส ๐๐๐๑/๒๒" in english.answer.splitlines()[0]
    for found in (both, number, dated, english):
        assert violations(found.answer, [c.text for c in found.citations]) == []


def test_the_date_of_another_document_the_letter_cites_is_left_to_retrieval() -> None:
    answerer = LetterAnswerer([_letter(HEAD), _letter(CLOSING)])
    assert answerer.answer(Conversation("คำสั่งที่ ๒๓๙/๒๕๖๓ ที่หนังสืออ้างถึงลงวันที่เท่าไร", "th")) is None
    assert answerer.answer(Conversation("หนังสือที่ นร ๑๐๑/๖๙๖๙ ลงวันที่เท่าไร", "th")) is None
    assert answerer.answer(Conversation("ตามหนังสือนี้ ประชุมคณะกรรมการลงวันที่เท่าไร", "th")) is None
