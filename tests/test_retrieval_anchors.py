"""Anchors a question names verbatim (a reference number, an English name) lift the passages that print them."""

from __future__ import annotations

from dataclasses import replace

from assistant.query_rewrite import rewrite_query
from assistant.retrieval_service import ScoredChunk, reference_numbers
from assistant.services import build_services
from dgplan.settings import Settings
from index.chunk_record import ChunkRecord


def test_reference_numbers_are_read_in_thai_and_arabic_digits() -> None:
    assert reference_numbers("การประชุมครั้งที่ ๕/๒๕๖๕ เมื่อวันที่ ๓๐ สิงหาคม ๒๕๖๕") == ["5/2565"]
    assert reference_numbers("meeting no. 1/2565 and order 239/2563") == ["1/2565", "239/2563"]
    assert reference_numbers("มาตรา 26/1 และ 12/25651") == []  # a section suffix, not number/year


def test_an_english_name_in_a_thai_question_finds_the_passages_that_print_it(mini_index: Settings) -> None:
    retriever = build_services(mini_index).retriever
    rows = retriever._named_rows(rewrite_query("Central Test Service หมายความว่าอย่างไร", retriever.aliases))
    assert rows and all("Central Test Service" in retriever.snapshot.chunks[r].text for r in rows)
    # an English question's own words are no anchor; only a name it quotes is
    assert not retriever._named_rows(rewrite_query("What does the Central Test Service do?", retriever.aliases))
    quoted = rewrite_query('What does the "Central Test Service" do?', retriever.aliases)
    assert retriever._named_rows(quoted) == rows
    # a one-word or short name is too common to anchor a passage
    assert not retriever._named_rows(rewrite_query("Test คืออะไร", retriever.aliases))


def _row_read_on(chunks: list[ChunkRecord]) -> int:
    """A passage whose next one is in the same document, section and project: one read-on may join them."""
    return next(
        r for r in range(len(chunks) - 1)
        if (chunks[r].doc_id, chunks[r].section, chunks[r].project)
        == (chunks[r + 1].doc_id, chunks[r + 1].section, chunks[r + 1].project)
    )


def test_a_passage_cut_on_an_open_end_is_read_on_into_the_next_chunk(mini_index: Settings) -> None:
    retriever = build_services(mini_index).retriever
    chunks = retriever.snapshot.chunks
    row = _row_read_on(chunks)
    c, after = chunks[row], chunks[row + 1]
    closed = ScoredChunk(replace(c, text=f"{c.text.rstrip()} จบแล้ว"), 1.0)
    opened = ScoredChunk(replace(c, text=f"{c.text.rstrip()} ตั้งแต่ปี พ.ศ."), 1.0)
    kept, read = retriever.read_on([closed, opened], 2, 400)
    assert kept == closed  # a text that ends a sentence is not lengthened
    assert read.chunk.text.startswith(opened.chunk.text) and after.text[:30] in read.chunk.text
    assert read.chunk.chunk_id == c.chunk_id and read.score == 1.0
    assert retriever.read_on([opened], 0, 400) == [opened]  # only the first n hits
    figure = ScoredChunk(replace(c, text=f"{c.text.rstrip()} คิดเป็นร้อยละ"), 1.0)  # the number is in the next chunk
    assert after.text[:30] in retriever.read_on([figure], 1, 400)[0].chunk.text
    item = ScoredChunk(replace(c, text=f"{c.text.rstrip()} ๑) ข้อแรก ๒)"), 1.0)  # the list's next item runs on
    assert after.text[:30] in retriever.read_on([item], 1, 400)[0].chunk.text
    listed = ScoredChunk(replace(c, text="มีวัตถุประสงค์ ๓ ประการ ได้แก่ ๑. ข้อแรก ๒. ข้อสอง"), 1.0)  # ๓. is cut off
    assert after.text[:30] in retriever.read_on([listed], 1, 400)[0].chunk.text
    whole = ScoredChunk(replace(c, text="มีวัตถุประสงค์ ๒ ประการ ได้แก่ ๑. ข้อแรก ๒. ข้อสอง"), 1.0)
    assert retriever.read_on([whole], 1, 400) == [whole]


def test_a_passage_whose_next_chunk_opens_on_a_conjunction_is_read_on(mini_index: Settings) -> None:
    """"…พิจารณาปรับ (ร่าง) แผนฯ" | "ตามข้อเสนอแนะ…": the sentence goes on in the next chunk; a next chunk opening a
    sentence of its own ("ตามที่ … นั้น") is not read on into."""
    retriever = build_services(mini_index).retriever
    chunks = retriever.snapshot.chunks
    row = _row_read_on(chunks)
    c, after = chunks[row], chunks[row + 1]
    hit = ScoredChunk(replace(c, text="มอบหมายให้ฝ่ายเลขานุการพิจารณาปรับร่างแผนจบแล้ว"), 1.0)
    try:
        chunks[row + 1] = replace(after, text="ตามข้อเสนอแนะจากที่ประชุม คือ การปรับเปลี่ยนกระบวนการให้ไร้กระดาษ")
        (read,) = retriever.read_on([hit], 1, 400)
        assert read.chunk.text.startswith(hit.chunk.text) and "ไร้กระดาษ" in read.chunk.text
        chunks[row + 1] = replace(after, text="ตามที่สำนักงานได้เสนอแผนนั้น คณะกรรมการได้พิจารณาแล้ว")
        assert retriever.read_on([hit], 1, 400) == [hit]
    finally:
        chunks[row + 1] = after


def test_a_passage_that_goes_on_a_list_cut_in_the_chunk_before_is_read_back(mini_index: Settings) -> None:
    """A hit holding item ๒ and ๓ of a list whose lead-in and item ๑ end the chunk before gets them prepended;
    a list whose lead-in is far back is not (the hit goes on a long list)."""
    retriever = build_services(mini_index).retriever
    chunks = retriever.snapshot.chunks
    row = next(
        r for r in range(1, len(chunks))
        if (chunks[r].doc_id, chunks[r].section, chunks[r].project)
        == (chunks[r - 1].doc_id, chunks[r - 1].section, chunks[r - 1].project)
    )
    before, c = chunks[row - 1], chunks[row]
    hit = ScoredChunk(replace(c, text="การหารือกับหน่วยงาน และ ๓) การเปิดเผยข้อมูล"), 1.0)
    try:
        chunks[row - 1] = replace(before, text="สภามีความเห็นในประเด็น คือ ๑) กลุ่มเป้าหมาย ๒)")
        (read,) = retriever.read_on([hit], 1, 400)
        assert read.chunk.text.startswith("สภามีความเห็น") or read.chunk.text.startswith("๑) กลุ่มเป้าหมาย")
        assert read.chunk.text.endswith(hit.chunk.text) and read.chunk.chunk_id == c.chunk_id
        chunks[row - 1] = replace(before, text=f"ดังนี้ {'ข้อความยาว ' * 60} 6.8) ประเมินผล 7)")
        assert retriever.read_on([hit], 1, 400) == [hit]  # "7.1)" style: the lead-in is far back
    finally:
        chunks[row - 1] = before
