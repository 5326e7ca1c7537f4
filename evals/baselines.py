"""Eval-only baseline: plain BM25 over fixed 800-character windows of each document's text.

It shows what structure-aware chunking and hybrid fusion add over the simplest lexical setup.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from corpus.thai_text import key_tokens
from evals.metrics import Passage
from index.bm25_component import BM25Index
from index.chunk_record import ChunkRecord

WINDOW_CHARS = 800


def document_texts(chunks: Sequence[ChunkRecord]) -> dict[str, str]:
    """Each document's text rebuilt from its chunks in offset order, overlaps written once."""
    by_doc: dict[str, list[ChunkRecord]] = {}
    for c in chunks:
        by_doc.setdefault(c.doc_id, []).append(c)
    texts: dict[str, str] = {}
    for doc_id, cs in by_doc.items():
        parts: list[str] = []
        end = -1
        for c in sorted(cs, key=lambda c: (c.start, c.end)):
            if c.start >= end:
                parts.append(c.text)
            elif c.end > end:
                parts.append(c.text[max(0, len(c.text) - (c.end - end)) :])
            end = max(end, c.end)
        texts[doc_id] = "\n".join(parts)
    return texts


class FixedWindowBM25:
    """BM25 (same tokens as the pipeline) over non-overlapping fixed-size windows."""

    name = "bm25_fixed800"

    def __init__(self, chunks: Sequence[ChunkRecord], window: int = WINDOW_CHARS) -> None:
        self.passages: list[Passage] = []
        for doc_id, text in document_texts(chunks).items():
            for i in range(0, len(text), window):
                self.passages.append(Passage(doc_id, text[i : i + window]))
        self.index = BM25Index.build([key_tokens(p.text) for p in self.passages])

    def search(self, query: str, top_k: int = 10) -> list[Passage]:
        """The top windows for a query (none when no query token is in the vocabulary)."""
        scores = self.index.scores(query)
        order = np.argsort(-scores)[:top_k]
        return [self.passages[i] for i in order if scores[i] > 0]
