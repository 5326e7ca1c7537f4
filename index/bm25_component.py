"""BM25 (bm25s) over damage-insensitive Thai tokens, persisted beside Chroma in the index version.

Two fields per chunk: newmm words of the key (precise) and character 3-grams of the loose key
(robust to unknown names glued to other words, missing tone marks and typos); retrieval fuses both.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from corpus.thai_text import key_ngrams, key_tokens

log = logging.getLogger(__name__)

NGRAM_DIR = "ngram"  # sub-directory of the BM25 directory holding the n-gram field
TOKENS_FILE = "bm25-tokens.tsv"  # per chunk: id, words, n-grams; the next ingest reuses unchanged chunks' rows
_SEP = " "


def bm25_text(title: str, section: str | None, text: str) -> str:
    """The text a chunk is indexed under: title and section help a query naming them."""
    return f"{title} {section or ''} {text}"


def _joined(tokens: list[str]) -> str | None:
    """Tokens as one line field, or None when they would not split back the same."""
    line = _SEP.join(tokens)
    if "" in tokens or "\t" in line or "\n" in line or line.count(_SEP) != max(0, len(tokens) - 1):
        return None
    return line


def write_tokens(version_dir: Path, rows: Sequence[tuple[str, list[str], list[str]]]) -> None:
    """Both fields of every chunk, one line each; a row that would not read back the same is left out."""
    with open(version_dir / TOKENS_FILE, "w", encoding="utf-8", newline="\n") as fh:
        for chunk_id, words, grams in rows:
            w, g, c = _joined(words), _joined(grams), _joined([chunk_id])
            if w is not None and g is not None and c is not None:
                fh.write(f"{c}\t{w}\t{g}\n")


def read_tokens(version_dir: Path) -> dict[str, tuple[list[str], list[str]]]:
    """Inverse of :func:`write_tokens`; empty for a version stored before this file existed."""
    path = version_dir / TOKENS_FILE
    if not path.exists():
        return {}
    out: dict[str, tuple[list[str], list[str]]] = {}
    with open(path, encoding="utf-8", newline="\n") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3:
                out[parts[0]] = (parts[1].split(_SEP) if parts[1] else [], parts[2].split(_SEP) if parts[2] else [])
    return out


def _build_model(token_lists: Sequence[list[str]]) -> object:
    import bm25s

    model = bm25s.BM25()
    model.index([t if t else [""] for t in token_lists], show_progress=False)
    return model


class BM25Index:
    """Sparse lexical scores for every chunk of one index version, rows in chunk order."""

    def __init__(self, model: object, n_docs: int, ngram_model: object | None = None) -> None:
        self._model = model
        self._ngram_model = ngram_model
        self.n_docs = n_docs
        self._vocab: dict[str, int] = getattr(model, "vocab_dict", {}) or {}
        self._ngram_vocab: dict[str, int] = getattr(ngram_model, "vocab_dict", {}) or {}

    @classmethod
    def build(cls, token_lists: Sequence[list[str]], ngram_lists: Sequence[list[str]] | None = None) -> BM25Index:
        """Index the word field and, when given, the n-gram field (same rows)."""
        if ngram_lists is not None and len(ngram_lists) != len(token_lists):
            raise ValueError("n-gram field must have one row per chunk")
        ngram_model = _build_model(ngram_lists) if ngram_lists is not None else None
        return cls(_build_model(token_lists), len(token_lists), ngram_model)

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self._model.save(str(directory), show_progress=False)  # type: ignore[attr-defined]
        if self._ngram_model is not None:
            self._ngram_model.save(str(directory / NGRAM_DIR), show_progress=False)  # type: ignore[attr-defined]

    @classmethod
    def load(cls, directory: Path, n_docs: int) -> BM25Index:
        """Load both fields; an index built before the n-gram field existed loads with words only."""
        import bm25s

        model = bm25s.BM25.load(str(directory), show_progress=False, verbosity=0)
        ngram_model = None
        if (directory / NGRAM_DIR).is_dir():
            ngram_model = bm25s.BM25.load(str(directory / NGRAM_DIR), show_progress=False, verbosity=0)
        return cls(model, n_docs, ngram_model)

    @property
    def vocabulary(self) -> dict[str, int]:
        return self._vocab

    @property
    def has_ngrams(self) -> bool:
        return self._ngram_model is not None

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every chunk for a query (zeros when no query token is known)."""
        tokens = [t for t in key_tokens(query) if t in self._vocab]
        return self._get_scores(self._model, tokens)

    def ngram_scores(self, query: str) -> np.ndarray:
        """BM25 score of every chunk on the n-gram field (zeros without that field)."""
        if self._ngram_model is None:
            return np.zeros(self.n_docs, dtype=np.float32)
        grams = [g for g in key_ngrams(query) if g in self._ngram_vocab]
        return self._get_scores(self._ngram_model, grams)

    def _get_scores(self, model: object, tokens: list[str]) -> np.ndarray:
        if not tokens:
            return np.zeros(self.n_docs, dtype=np.float32)
        return np.asarray(model.get_scores(tokens), dtype=np.float32)  # type: ignore[attr-defined]
