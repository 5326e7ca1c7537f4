"""A numbered item asked by its place in a list: the item of the list whose lead-in the question names."""

from __future__ import annotations

from assistant.extractive_answerer import extract, query_terms
from assistant.list_items import LAST, asked_item, find_item
from assistant.retrieval_service import ScoredChunk
from index.chunk_record import ChunkRecord

# the head of an official letter: what it refers to, then what it encloses, each numbered from ๑
LETTER = (
    "เรื่อง ขออนุมัติร่างแผนทดสอบ\n\nเรียน เลขาธิการคณะรัฐมนตรี\n\n"
    "อ้างถึง ๑. พระราชบัญญัติทดสอบ พ.ศ. ๒๕๖๒\n\n๒. คำสั่งสำนักนายกรัฐมนตรี ที่ ๒๓๙/๒๕๖๓\n\n"
    "สิ่งที่ส่งมาด้วย ๑. สำเนารายงานการประชุมคณะกรรมการทดสอบ เมื่อวันที่ ๒๒ มิถุนายน ๒๕๖๕\n\n"
    "๒. สำเนาหนังสือสำนักงานทดสอบ ลงวันที่ ๗ กรกฎาคม ๒๕๖๕\n\n๓. QR CODE ร่างแผนทดสอบ\n\n"
    "ด้วยสำนักงานทดสอบขอเสนอเรื่องนี้มาเพื่อพิจารณา"
)


def test_the_asked_place_is_read_from_the_question() -> None:
    assert asked_item("สิ่งที่ส่งมาด้วยลำดับที่ 1 คือเอกสารอะไร") == 1
    assert asked_item("อ้างถึงกฎหมายฉบับใดเป็นลำดับแรก") == 1
    assert asked_item("สิ่งที่ส่งมาด้วยลำดับสุดท้าย (ลำดับที่ 3) คืออะไร") == 3  # the number wins over "สุดท้าย"
    assert asked_item("สิ่งที่ส่งมาด้วยลำดับสุดท้ายคืออะไร") == LAST
    assert asked_item("What is item 2 of the attachments?") == 2
    assert asked_item("มาตรา 3 กำหนดอะไร") is None


def test_the_item_comes_from_the_list_the_question_names() -> None:
    enclosed = find_item(LETTER, 1, query_terms("สิ่งที่ส่งมาด้วยลำดับที่ 1 คือเอกสารอะไร"))
    assert enclosed is not None and LETTER[enclosed.start : enclosed.end].strip().startswith("๑. สำเนารายงานการประชุม")
    referred = find_item(LETTER, 1, query_terms("หนังสืออ้างถึงกฎหมายฉบับใดเป็นลำดับแรก"))
    assert referred is not None and "พระราชบัญญัติทดสอบ" in LETTER[referred.start : referred.end]
    last = find_item(LETTER, LAST, query_terms("สิ่งที่ส่งมาด้วยลำดับสุดท้ายคืออะไร"))
    assert last is not None and LETTER[last.start : last.end].strip() == "๓. QR CODE ร่างแผนทดสอบ"
    assert find_item(LETTER, 5, query_terms("สิ่งที่ส่งมาด้วยลำดับที่ 5")) is None  # the list has three


def test_the_answer_states_the_item_and_quotes_its_list() -> None:
    hits = [ScoredChunk(ChunkRecord("c0", "letter", "หนังสือทดสอบ", "letter", LETTER, 0, len(LETTER)), 1.0)]
    question = "สิ่งที่ส่งมาด้วยลำดับที่ 1 คือเอกสารอะไร ประชุมเมื่อวันที่เท่าไร"
    found = extract(question, question, hits)
    assert found.holds and found.direct[0].text.startswith("๑. สำเนารายงานการประชุม")
    assert "๒๒ มิถุนายน" in found.direct[0].text
    assert found.quotes[0][1].text.startswith("สิ่งที่ส่งมาด้วย ๑.")


def test_a_list_announced_with_more_items_than_the_text_holds_is_open() -> None:
    """"วัตถุประสงค์หลัก ๓ ประการ ได้แก่ ๑. … ๒. …" ends before item ๓: the chunk was cut mid-list."""
    from assistant.list_items import announced_list_open

    cut = "โดยร่างแผนมีวัตถุประสงค์หลัก ๓ ประการ ได้แก่ ๑. เพื่อพัฒนาบริการ ๒. เพื่อเป็นแนวทางสนับสนุน"
    assert announced_list_open(cut)
    assert not announced_list_open(f"{cut} ๓. เพื่อเป็นกรอบทิศทาง")  # every announced item is there
    assert announced_list_open("แบ่งเป็นสามด้าน ได้แก่ 1) การศึกษา 2) สุขภาพ")  # the count spelled out
    assert not announced_list_open("มีวัตถุประสงค์ ๓ ประการ เพื่อพัฒนาบริการ")  # no items numbered: nothing to count
