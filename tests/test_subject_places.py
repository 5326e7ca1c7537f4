"""A follow-up about an office the conversation placed in a province is about that province's own notice."""

from __future__ import annotations

import pytest

from assistant.conversation_subject import SubjectTracker
from assistant.query_rewrite import alias_table, rewrite_query
from corpus.thai_text import key_ngrams, key_tokens
from index.bm25_component import BM25Index
from index.chunk_record import ChunkRecord

DOCS = [
    {"doc_id": "dlt", "title": "ประกาศกรมการขนส่งทางบก เรื่อง ช่องทางอิเล็กทรอนิกส์สำหรับติดต่อกรมการขนส่งทางบก"},
    {"doc_id": "phrae", "title": "ประกาศสำนักงานขนส่งจังหวัดแพร่ เรื่อง ช่องทางอิเล็กทรอนิกส์สำหรับติดต่อสำนักงาน"},
    {"doc_id": "excise", "title": "ประกาศกรมสรรพสามิต เรื่อง ช่องทางอิเล็กทรอนิกส์สำหรับติดต่อกรมสรรพสามิต"},
    {"doc_id": "phrae-health", "title": "ประกาศสำนักงานสาธารณสุขจังหวัดแพร่ เรื่อง ช่องทางอิเล็กทรอนิกส์"},
]
TEXTS = [
    ("dlt", "ฝ่ายใบอนุญาตขับรถ อีเมล dl@example.go.th โทรศัพท์ 0 2271 8888"),
    ("phrae", "ฝ่ายใบอนุญาตขับรถ โทรศัพท์ 0 5451 1111 อีเมล phrae@example.go.th"),
    ("excise", "อีเมล saraban@example.go.th โทรศัพท์ 0 2241 5600"),
    ("phrae-health", "อีเมล health@example.go.th โทรศัพท์ 0 5451 2222"),
]


@pytest.fixture(scope="module")
def tracker() -> SubjectTracker:
    titles = {d["doc_id"]: d["title"] for d in DOCS}
    chunks = [
        ChunkRecord(
            chunk_id=f"{doc}:{i:04d}", doc_id=doc, title=titles[doc], kind="letter", text=text, start=0, end=len(text)
        )
        for i, (doc, text) in enumerate(TEXTS)
    ]
    texts = [f"{c.title} {c.text}" for c in chunks]
    tokens = [key_tokens(t) for t in texts]
    df: dict[str, int] = {}
    for toks in tokens:
        for t in set(toks):
            df[t] = df.get(t, 0) + 1
    bm25 = BM25Index.build(tokens, [key_ngrams(t) for t in texts])
    return SubjectTracker(chunks, DOCS, bm25, df, alias_table({}))


def test_the_department_named_with_a_province_means_its_provincial_office(tracker: SubjectTracker) -> None:
    history = [("user", "กรมการขนส่งทางบก จังหวัดแพร่ มีอีเมลอะไร"), ("assistant", "phrae@example.go.th [1]")]
    rq = tracker.carry(rewrite_query("แล้วเบอร์โทรล่ะ", tracker._aliases), history)
    assert rq.followup and rq.subject_doc_ids == ["phrae"]


def test_another_kind_of_office_in_the_province_does_not_replace_the_named_one(tracker: SubjectTracker) -> None:
    history = [("user", "กรมสรรพสามิต จังหวัดแพร่ มีอีเมลอะไร"), ("assistant", "saraban@example.go.th [1]")]
    rq = tracker.carry(rewrite_query("แล้วเบอร์โทรล่ะ", tracker._aliases), history)
    assert rq.followup and rq.subject_doc_ids == ["excise"]
