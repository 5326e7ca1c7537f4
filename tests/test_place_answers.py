"""Place questions ("ตั้งอยู่ที่ไหน", "ติดต่อด้วยตนเองได้ที่ไหน", "where is the head office") get the address as
line 1, quoted whole from the house number to the postcode, with its citation and evidence.

The notice is a short excerpt written for these tests in the Royal Gazette style, not a corpus copy.
"""

from __future__ import annotations

from assistant.address_span import best_address
from assistant.answer_text import compose
from assistant.extractive_answerer import extract
from assistant.query_rewrite import rewrite_query
from assistant.question_types import type_names
from assistant.retrieval_service import ScoredChunk
from index.chunk_record import ChunkRecord

# The address sits in the second clause; the first clause shares the question's words (ติดต่อ, ด้วยตนเอง).
CHANNELS = (
    "ข้อ 1 ให้ช่องทางอิเล็กทรอนิกส์ต่อไปนี้ เป็นช่องทางสำหรับประชาชนยื่นคำขอหรือติดต่อสำนักงานสมมุติ "
    "โดยวิธีการทางอิเล็กทรอนิกส์ (1) ที่อยู่ไปรษณีย์อิเล็กทรอนิกส์ (อีเมล) saraban@sommut.go.th "
    "(2) เว็บไซต์ https://www.sommut.go.th ทั้งนี้ ประชาชนที่ติดต่อด้วยตนเองไม่ต้องใช้ช่องทางดังกล่าว"
)
VISIT = (
    "ข้อ 4 ในกรณีที่ประชาชนมีความประสงค์จะเข้ามาติดต่อสำนักงานสมมุติด้วยตนเอง สามารถเข้ามาติดต่อได้ที่ "
    "“ สำนักงานสมมุติ สำนักงานใหญ่ เลขที่ 99\nหมู่ 7 ถนนสมมุติวงศ์ ตำบลบ้านนา อำเภอเมือง\nจังหวัดสมมุติ 12345 ” "
    "หรือสอบถามได้ที่หมายเลขโทรศัพท์ 0 2123 4567"
)


def _answer(question: str, language: str = "th") -> tuple[str, list[int]]:
    """The composed answer and the passage (rank) each direct span is cut from."""
    texts = [CHANNELS, VISIT]
    hits = [
        ScoredChunk(ChunkRecord(f"c{i}", "d0", "ประกาศสำนักงานสมมุติ", "announcement", t, 0, len(t)), 1.0 - i / 10)
        for i, t in enumerate(texts)
    ]
    ex = extract(question, question, hits)
    numbers = {r: i + 1 for i, r in enumerate(dict.fromkeys([s.rank for s in ex.direct] + [r for r, _ in ex.quotes]))}
    text = compose(language, ex.types, ex.direct, [(r, s.text) for r, s in ex.quotes], numbers)
    return text, [s.rank for s in ex.direct]


def test_place_questions_are_recognised_and_other_uses_of_the_words_are_not() -> None:
    assert type_names("สำนักงานตั้งอยู่ที่ไหน")[0] == "place"
    assert type_names("ถ้าจะไปติดต่อด้วยตนเอง ต้องไปที่ไหน")[0] == "place"
    assert type_names("Where is the head office of the agency?")[0] == "place"
    assert "place" not in type_names("ที่อยู่อีเมลของสำนักงานคืออะไร")  # an e-mail address is a channel
    assert "place" not in type_names("What is the e-mail address of the office?")
    assert "place" not in type_names("ข้อมูลที่อยู่ในความครอบครองของหน่วยงานของรัฐ หมายความว่าอะไร")
    assert type_names("สำนักงานนี้ตั้งอยู่ในหน่วยงานไหน") == ["who"]  # the parent body, not an address


def test_the_whole_address_is_line_one_with_its_citation() -> None:
    text, ranks = _answer("ถ้าจะไปติดต่อสำนักงานสมมุติด้วยตนเอง ต้องไปที่ไหน")
    lines = text.splitlines()
    address = "เลขที่ 99 หมู่ 7 ถนนสมมุติวงศ์ ตำบลบ้านนา อำเภอเมือง จังหวัดสมมุติ 12345"
    assert address in lines[0] and lines[0].endswith("[1]")
    assert ranks == [1]  # cut from (and cited to) the clause that states it, not the one sharing more words
    assert "0 2123 4567" not in lines[0]  # the telephone number after the address is another fact
    assert any(address in line for line in lines[1:])  # quoted as evidence too, across the PDF line breaks


def test_english_place_questions_get_the_english_frame() -> None:
    first = _answer("Where is the head office of the office located?", "en")[0].splitlines()[0]
    assert first.startswith("The address or place is: “") and "จังหวัดสมมุติ 12345" in first


def test_an_address_is_never_cut_and_a_name_with_a_district_word_is_no_address() -> None:
    assert best_address("(1) สำนักงานสมมุติ ที่อยู่ 354 หมู่ 5 ถนนกลาง ตำบลนา อำเภอเมือง จังหวัดนา 43000 โทร 0", set()) == (
        "สำนักงานสมมุติ ที่อยู่ 354 หมู่ 5 ถนนกลาง ตำบลนา อำเภอเมือง จังหวัดนา 43000"
    )
    assert best_address("ประกาศองค์การบริหารส่วนตำบลหน่อม ขนส่งจังหวัดแพร่", set()) is None
    assert best_address("สำนักงานใหญ่ เลขที่ 53", set()) is None  # a house number alone


def test_a_place_question_looks_for_address_words_lexically_only() -> None:
    rq = rewrite_query("Where is the head office of the agency?", {})
    assert "เลขที่" in rq.lexical and "เลขที่" not in rq.dense  # BM25 finds the passage holding the address
    assert "เลขที่" not in rewrite_query("ที่อยู่อีเมลของสำนักงานคืออะไร", {}).lexical  # a channel, not a place
