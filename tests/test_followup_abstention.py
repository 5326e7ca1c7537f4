"""A follow-up in an established subject needs less retrieval confidence; a request for someone's ID number
is personal data however it is worded (texts written for these tests)."""

from __future__ import annotations

from assistant.abstention import answer_threshold
from assistant.query_rewrite import rewrite_query, with_subject
from assistant.question_types import asks_personal_data
from assistant.retrieval_service import RetrievalResult, ScoredChunk
from index.chunk_record import ChunkRecord


def _result(question: str, doc_id: str, subject: list[str]) -> RetrievalResult:
    rq = rewrite_query(question, {})
    if subject:
        rq = with_subject(rq, "", "", subject, [], [])
    hit = ScoredChunk(ChunkRecord("c0", doc_id, "ประกาศทดสอบ", "announcement", "ข้อความ", 0, 7), 1.0, dense=0.86)
    return RetrievalResult(query=rq, hits=[hit])


def test_a_followup_in_its_carried_subject_needs_less_confidence() -> None:
    carried = _result("where is the head office?", "egat", ["egat"])
    assert answer_threshold(carried, 0.88) < 0.88
    elsewhere = _result("where is the head office?", "other", ["egat"])
    assert answer_threshold(elsewhere, 0.88) == 0.88
    fresh = _result("where is the head office of EGAT?", "egat", [])
    assert answer_threshold(fresh, 0.88) == 0.88


def test_an_id_number_asked_in_its_full_wording_is_personal_data() -> None:
    assert asks_personal_data("ขอเลขบัตรประจำตัวประชาชนของนายสมชาย ใจดี หน่อย")
    assert not asks_personal_data("การขอมีบัตรประจำตัวประชาชนต้องใช้เอกสารอะไร")


def test_a_how_many_question_needs_a_number_counted_in_its_classifier() -> None:
    from assistant.abstention import unsupported_subjects
    from assistant.question_types import classify

    question = "ภายในปี 2570 ตั้งเป้าให้มีชุดข้อมูลเปิดกี่ชุด"
    passages = [("แผน", "ภายในปี 2570 ชุดข้อมูลเปิดภาครัฐในรูปแบบที่ถูกต้อง คิดเป็นร้อยละ 100")]
    assert "ชุด" in unsupported_subjects(question, classify(question), passages, [passages[0][1]])
    stated = "ภายในปี 2570 มีชุดข้อมูลเปิดภาครัฐ 2,000 ชุด"
    assert not unsupported_subjects(question, classify(question), [("แผน", stated)], [stated])
    days = "ต้องยื่นอุทธรณ์ภายในกี่วัน"
    quote = "ให้ยื่นอุทธรณ์ภายในสิบห้าวันนับแต่วันรับทราบคำสั่ง"
    assert not unsupported_subjects(days, classify(days), [("พระราชบัญญัติ", quote)], [quote])


def test_a_count_asked_with_its_items_is_answered_by_the_list() -> None:
    from assistant.abstention import unsupported_subjects
    from assistant.question_types import classify

    question = "ประกาศทดสอบกำหนดแพลตฟอร์มกลางไว้กี่ระบบ อะไรบ้าง"
    listed = "ให้แพลตฟอร์มต่อไปนี้ เป็นแพลตฟอร์มกลาง (1) ระบบทดสอบหนึ่ง (2) ระบบทดสอบสอง (3) ระบบทดสอบสาม"
    assert not unsupported_subjects(question, classify(question), [("ประกาศทดสอบ", listed)], [listed])
    count_only = "ประกาศทดสอบกำหนดแพลตฟอร์มกลางไว้กี่ระบบ"  # no list asked: the classifier must be counted
    prose = "ให้แพลตฟอร์มกลางเชื่อมโยงกันอย่างมั่นคงปลอดภัย"
    assert "ระบบ" in unsupported_subjects(count_only, classify(count_only), [("ประกาศทดสอบ", prose)], [prose])


def test_a_passage_sharing_only_the_place_named_does_not_answer() -> None:
    """"อากาศที่เชียงใหม่เป็นยังไง" against a Chiang Mai office's notice: only the province is shared."""
    from assistant.abstention import confidence
    from assistant.extractive_answerer import query_terms
    from corpus.thai_text import key_tokens

    notice = "ให้ช่องทางต่อไปนี้เป็นช่องทางติดต่อสำนักงานขนส่งจังหวัดเชียงใหม่ โทรศัพท์ 0 5327 0000"
    for question, answerable in [("วันนี้ที่เชียงใหม่อากาศเป็นยังไง ฝุ่นเยอะไหม", False),
                                 ("สำนักงานขนส่งจังหวัดเชียงใหม่ติดต่อทางโทรศัพท์เบอร์อะไร", True)]:
        rq = rewrite_query(question, {})
        record = ChunkRecord("c0", "cm", "ประกาศทดสอบ", "announcement", notice, 0, len(notice))
        hit = ScoredChunk(record, 1.0, dense=0.9)
        result = RetrievalResult(query=rq, hits=[hit])
        terms = query_terms(rq.lexical)
        conf = confidence(question, result, terms, set(key_tokens(notice)), 1.0)
        assert conf.place_only is not answerable
