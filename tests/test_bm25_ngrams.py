"""The n-gram BM25 field: tolerant of typing without silent letters, glued unknown names; saved beside words."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from corpus.thai_text import key_ngrams, key_tokens, thai_key
from index.bm25_component import NGRAM_DIR, BM25Index

CHUNKS = [
    "ประชาชนใช้บริการผ่านแอปพลิเคชัน “ทางรัฐ” ซึ่งเป็นพอร์ทัลกลางสำหรับประชาชน",
    "ทางราชการต้องเผยแพร่ข้อมูลข่าวสารให้ประชาชนทราบ",
    "ความพึงพอใจต่อบริการออนไลน์ภาครัฐไม่น้อยกว่าร้อยละ 85 (85 เปอร์เซ็นต์)",
    "หมายเลขโทรศัพท์ 0 5465 2544 เบอร์ติดต่อสำนักงาน",
]


def _index() -> BM25Index:
    return BM25Index.build([key_tokens(t) for t in CHUNKS], [key_ngrams(t) for t in CHUNKS])


def test_ngram_field_finds_a_typo_the_word_field_misses() -> None:
    index = _index()
    query = "พอใจบริการออนไลน์กี่เปอเซ็น"
    assert int(np.argmax(index.ngram_scores(query))) == 2
    words = set(key_tokens(query))
    assert thai_key("เปอร์เซ็นต์") not in words  # the word field cannot see the typo as the same word


def test_ngram_field_finds_a_name_glued_to_an_unknown_word() -> None:
    index = _index()
    scores = index.ngram_scores("แอปทางรัฐ")
    assert int(np.argmax(scores)) == 0
    assert scores[0] > scores[1]  # ทางรัฐ outranks ทางราชการ


def test_both_fields_round_trip_and_old_indexes_load_without_ngrams(tmp_path: Path) -> None:
    index = _index()
    index.save(tmp_path / "bm25")
    assert (tmp_path / "bm25" / NGRAM_DIR).is_dir()
    loaded = BM25Index.load(tmp_path / "bm25", len(CHUNKS))
    assert loaded.has_ngrams
    np.testing.assert_allclose(loaded.ngram_scores("แอปทางรัฐ"), index.ngram_scores("แอปทางรัฐ"), rtol=1e-5)

    BM25Index.build([key_tokens(t) for t in CHUNKS]).save(tmp_path / "old")
    old = BM25Index.load(tmp_path / "old", len(CHUNKS))
    assert not old.has_ngrams
    assert not old.ngram_scores("แอปทางรัฐ").any()
    assert old.scores("ประชาชน").any()
