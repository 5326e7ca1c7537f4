"""BM25 (bm25s) over damage-insensitive Thai tokens, persisted beside Chroma in the index version."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from index.thai_key import key_tokens

log = logging.getLogger(__name__)


class BM25Index:
    """Sparse lexical scores for every chunk of one index version, rows in chunk order."""

    def __init__(self, model: object, n_docs: int) -> None:
        self._model = model
        self.n_docs = n_docs
        self._vocab: dict[str, int] = getattr(model, "vocab_dict", {}) or {}

    @classmethod
    def build(cls, token_lists: Sequence[list[str]]) -> BM25Index:
        import bm25s

        model = bm25s.BM25()
        model.index([t if t else [""] for t in token_lists], show_progress=False)
        return cls(model, len(token_lists))

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self._model.save(str(directory), show_progress=False)  # type: ignore[attr-defined]

    @classmethod
    def load(cls, directory: Path, n_docs: int) -> BM25Index:
        import bm25s

        model = bm25s.BM25.load(str(directory), show_progress=False, verbosity=0)
        return cls(model, n_docs)

    @property
    def vocabulary(self) -> dict[str, int]:
        return self._vocab

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every chunk for a query (zeros when no query token is known)."""
        tokens = [t for t in key_tokens(query) if t in self._vocab]
        if not tokens:
            return np.zeros(self.n_docs, dtype=np.float32)
        return np.asarray(self._model.get_scores(tokens), dtype=np.float32)  # type: ignore[attr-defined]
