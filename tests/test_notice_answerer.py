"""A notice's signer and date are read from its closing "ประกาศ ณ วันที่" line; which notice, from its title.

The notices are short excerpts written for these tests in the Royal Gazette format, not corpus copies.
"""

from __future__ import annotations

from assistant.grounding import violations
from assistant.notice_answerer import NoticeAnswerer
from assistant.structured import Conversation, StructuredAnswer
from corpus.thai_repair import repair_text
from index.chunk_record import ChunkRecord

TITLES = {
    "n1": "ประกาศสำนักงานขนส่งจังหวัดสมมุติ เรื่อง ช่องทางอิเล็กทรอนิกส์สำหรับติดต่อสำนักงานขนส่งจังหวัดสมมุติ",
    "n2": "ประกาศสำนักงานขนส่งจังหวัดทดลอง เรื่อง ช่องทางอิเล็กทรอนิกส์สำหรับติดต่อสำนักงานขนส่งจังหวัดทดลอง",
    "s1": "ประกาศคณะกรรมการทดสอบ เรื่อง มาตรฐานว่าด้วยบัญชีข้อมูลทดสอบ",
}
TEXTS = {
    "n1": "ข้อ 1 ให้ช่องทางต่อไปนี้ ประกาศ ณ วันที่ 2 0 มีนาคม พ.ศ. 256 6 สมชาย ใจดี ขนส่งจังหวัดสมมุติ",
    "n2": "ข้อ 1 ให้ช่องทางต่อไปนี้ ประกาศ ณ วันที่ 9 มกรา คม พ.ศ. 25 6 6 ว่าที่ร้อยตรี สมหญิง ดีใจ ขนส่งจังหวัดทดลอง",
    "s1": "ข้อ 5 ประกาศนี้ให้ใช้บังคับกับหน่วยงานของรัฐตั้งแต่วันถัดจากวันประกาศในราชกิจจานุเบกษาเป็นต้นไป "
    "ประกาศ ณ วันที่ 15 กุมภาพันธ์ พ.ศ. 2566 ทดสอบ ทดลองดี "
    "รองนายกรัฐมนตรี ประธานกรรมการทดสอบ",
}


def _answerer() -> NoticeAnswerer:
    kinds = {"n1": "announcement", "n2": "announcement", "s1": "standard"}
    chunks = [ChunkRecord(f"{d}:0", d, TITLES[d], kinds[d], repair_text(t), 0, len(t)) for d, t in TEXTS.items()]
    return NoticeAnswerer(chunks, TITLES)


RETRIEVED = ["n1", "n2", "s1"]


def _ask(question: str, language: str = "th", documents: list[str] = RETRIEVED) -> StructuredAnswer | None:
    return _answerer().answer(Conversation(question, language, documents=documents))


def test_the_signer_of_the_notice_the_question_names() -> None:
    found = _ask("ใครลงนามประกาศช่องทางอิเล็กทรอนิกส์ของขนส่งจังหวัดทดลอง")
    assert found is not None and found.citations[0].doc_id == "n2"
    assert found.answer.splitlines()[0] == "ลงนามโดย ว่าที่ร้อยตรี สมหญิง ดีใจ ขนส่งจังหวัดทดลอง [1]"
    assert violations(found.answer, [c.text for c in found.citations]) == []


def test_the_date_and_signer_of_a_standard_and_in_english() -> None:
    both = _ask("ประกาศมาตรฐานบัญชีข้อมูลทดสอบ ลงนามประกาศวันไหน และใครลงนาม")
    assert both is not None and both.citations[0].doc_id == "s1"
    assert both.answer.startswith("ประกาศ ณ วันที่ 15 กุมภาพันธ์ พ.ศ. 2566 ลงนามโดย ทดสอบ ทดลองดี รองนายกรัฐมนตรี")
    by_whom = _ask("ประกาศมาตรฐานบัญชีข้อมูลทดสอบลงนามเมื่อวันที่เท่าไร โดยใคร")
    assert by_whom is not None and "ลงนามโดย ทดสอบ ทดลองดี" in by_whom.answer.splitlines()[0]
    en = _ask("When was the notice of the land transport office สมมุติ signed?", "en")
    assert en is not None and en.answer.startswith("The notice is dated 20 มีนาคม พ.ศ. 2566 [1]")


def test_other_signatures_and_documents_are_left_alone() -> None:
    for question in (
        "สำเนาเอกสารที่ส่งตามมาตรฐานต้องลงนามรับรองหรือไม่",  # a signature someone must put, not the signer
        "พ.ร.บ.ทดสอบ ลงนามโดยใคร",  # an Act's signing
        "ใครลงนามในหนังสือเสนอแผน",  # a letter: the letter answerer's
        "ประกาศนี้ลงในราชกิจจานุเบกษาเมื่อวันไหน",  # the Gazette's publication date
        "มีประกาศอะไรบ้าง",  # neither signer nor date
        "ประกาศมาตรฐานบัญชีข้อมูลทดสอบ ใช้บังคับตั้งแต่เมื่อไร และใช้อีเมลใด",  # the other part is a channel
    ):
        assert _ask(question) is None, question


def test_only_a_retrieved_notice_is_read_and_retrieval_breaks_ties() -> None:
    assert _ask("ใครลงนามประกาศของขนส่งจังหวัดทดลอง", documents=["s1"]) is not None  # the one retrieved
    assert _ask("ใครลงนามประกาศของขนส่งจังหวัดทดลอง", documents=["law-1"]) is None  # no notice retrieved
    tied = _ask("ประกาศนี้ใครลงนาม", documents=["n2", "n1"])
    assert tied is not None and tied.citations[0].doc_id == "n2"


def test_when_a_notice_applies_is_its_own_commencement_clause() -> None:
    found = _ask("มาตรฐานว่าด้วยบัญชีข้อมูลทดสอบ เริ่มใช้บังคับกับหน่วยงานของรัฐเมื่อไร")
    assert found is not None and found.answer.splitlines()[0] == (
        "ประกาศนี้ให้ใช้บังคับกับหน่วยงานของรัฐตั้งแต่วันถัดจากวันประกาศในราชกิจจานุเบกษาเป็นต้นไป [1]"
    )
    assert _ask("ประกาศขนส่งจังหวัดทดลองใช้บังคับตั้งแต่เมื่อไร") is None  # it prints no such clause
    assert _ask("พ.ร.บ.ทดสอบ มีผลบังคับหลังประกาศกี่วัน") is None  # an Act's commencement is the law book's
