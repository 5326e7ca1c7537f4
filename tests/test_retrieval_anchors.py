"""Anchors a question names verbatim (a reference number, an English name) lift the passages that print them."""

from __future__ import annotations

from assistant.query_rewrite import rewrite_query
from assistant.retrieval_service import reference_numbers
from assistant.services import build_services
from dgplan.settings import Settings


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
