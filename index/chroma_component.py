"""Chroma as the vector store: embedded PersistentClient by default, HttpClient when a host is configured.

Telemetry is off and no default embedding function is ever attached (it would download a model):
vectors always come from our own embedder.

A version's vectors live in its own collection plus, for a version built incrementally, the unchanged chunks
of a base collection (the full collection of an earlier version). A collection is never written after its
version is published, so a server process holding one open never serves stale vectors (an embedded Chroma does
not see another process's later writes), and a crash leaves the served version's collections untouched.
"""

from __future__ import annotations

import heapq
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dgplan.settings import ChromaSettings

COLLECTION_PREFIX = "dgplan-"
_ADD_BATCH = 500
# Cosine distance; generous ef values make the approximate search practically exact for a corpus of a few
# thousand chunks, so two builds of the same documents rank the same (defaults let near-ties flip).
HNSW_SETTINGS = {"hnsw:space": "cosine", "hnsw:construction_ef": 200, "hnsw:search_ef": 200, "hnsw:M": 32}


def _chroma() -> Any:
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    import chromadb

    return chromadb


def build_client(settings: ChromaSettings, persist_dir: Path) -> Any:
    """A Chroma client for the configured back end."""
    chromadb = _chroma()
    from chromadb.config import Settings as ChromaClientSettings

    client_settings = ChromaClientSettings(anonymized_telemetry=False)
    if settings.host:
        client = chromadb.HttpClient(
            host=settings.host, port=settings.port, ssl=settings.ssl, settings=client_settings
        )
        # chromadb's HTTP session has no timeout at all: a hung server would hang every request.
        session = getattr(getattr(client, "_server", None), "_session", None)
        if session is not None:
            import httpx

            session.timeout = httpx.Timeout(settings.timeout_s)
        return client
    persist_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(persist_dir), settings=client_settings)


# Search the base restricted to this version's ids when it holds more entries than that which this version
# dropped; below it, over-fetching by that number is cheaper and returns the same top results.
_OVERFETCH_MAX = 200
VECTORS_FILE = "vectors.json"


def collection_name(version: str) -> str:
    return f"{COLLECTION_PREFIX}{version}"


@dataclass
class VectorLayout:
    """Where one version's vectors are: its own collection and the chunk ids it takes from a base collection."""

    own: str
    base: str | None = None
    from_base: list[str] = field(default_factory=list)

    def collections(self) -> set[str]:
        return {self.own} | ({self.base} if self.base else set())

    def to_json(self) -> dict[str, Any]:
        return {"own": self.own, "base": self.base, "from_base": self.from_base}

    @classmethod
    def for_version(cls, version: str, version_dir: Path) -> VectorLayout:
        """The stored layout; a version from before layouts existed has one full collection."""
        path = version_dir / VECTORS_FILE
        if not path.exists():
            return cls(collection_name(version))
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(str(data["own"]), data.get("base"), [str(c) for c in data.get("from_base") or []])


class ChromaChunkStore:
    """The vectors of one index version; a new version never touches the collections of a served one."""

    def __init__(self, client: Any, version: str, layout: VectorLayout | None = None) -> None:
        self._client = client
        self.layout = layout or VectorLayout(collection_name(version))
        self.name = self.layout.own
        self._collection: Any = None
        self._base: Any = None
        self._from_base = set(self.layout.from_base)
        self._foreign = 0  # base entries this version does not use

    def create(self) -> None:
        """Start the collection afresh (a leftover from a crashed run is dropped first)."""
        self.drop()
        self._collection = self._client.create_collection(
            self.name, embedding_function=None, metadata=HNSW_SETTINGS
        )

    def open(self) -> None:
        self._collection = self._client.get_collection(self.name, embedding_function=None)
        if self.layout.base:
            self._base = self._client.get_collection(self.layout.base, embedding_function=None)
            self._foreign = max(0, int(self._base.count()) - len(self._from_base))

    def drop(self) -> None:
        if self.name in {c.name if hasattr(c, "name") else str(c) for c in self._client.list_collections()}:
            self._client.delete_collection(self.name)

    def add(
        self,
        ids: Sequence[str],
        embeddings: Sequence[Sequence[float]],
        texts: Sequence[str],
        metadatas: Sequence[dict[str, Any]],
    ) -> None:
        """Add chunks in batches; None-valued metadata is dropped (Chroma rejects it)."""
        for i in range(0, len(ids), _ADD_BATCH):
            sl = slice(i, i + _ADD_BATCH)
            self._collection.add(
                ids=list(ids[sl]),
                embeddings=[list(e) for e in embeddings[sl]],
                documents=list(texts[sl]),
                metadatas=[{k: v for k, v in m.items() if v is not None} for m in metadatas[sl]],
            )

    def ids(self) -> set[str]:
        """Every entry id of the version's own collection."""
        return set(self._collection.get(include=[])["ids"])

    def delete(self, ids: Sequence[str]) -> None:
        """Delete entries of the own collection (only ever of a collection no kept version takes them from)."""
        for i in range(0, len(ids), _ADD_BATCH):
            self._collection.delete(ids=list(ids[i : i + _ADD_BATCH]))

    def count(self) -> int:
        """Chunks of this version (its own collection plus those it takes from the base)."""
        return int(self._collection.count()) + len(self._from_base)

    def query(
        self, embedding: Sequence[float], n: int, where: dict[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        """Nearest chunk ids of this version with cosine similarity (1 - distance)."""
        own = _query(self._collection, embedding, n, where, None)
        if self._base is None:
            return own
        base = self._query_base(embedding, n, where)
        return heapq.nlargest(n, [*own, *base], key=lambda hit: hit[1])

    def _query_base(self, embedding: Sequence[float], n: int, where: dict[str, Any] | None) -> list[tuple[str, float]]:
        if not self._from_base:
            return []
        if self._foreign <= _OVERFETCH_MAX:
            k = n + self._foreign
            raw = _query(self._base, embedding, k, where, None)
            mine = [hit for hit in raw if hit[0] in self._from_base]
            if len(mine) >= n or len(raw) < k:  # n of ours among the k nearest of all: they are our n nearest
                return mine[:n]
        return _query(self._base, embedding, n, where, sorted(self._from_base))


def _query(
    collection: Any, embedding: Sequence[float], n: int, where: dict[str, Any] | None, ids: list[str] | None
) -> list[tuple[str, float]]:
    res = collection.query(
        query_embeddings=[list(embedding)], n_results=n, where=where or None, ids=ids, include=["distances"]
    )
    return [(cid, 1.0 - float(d)) for cid, d in zip(res["ids"][0], res["distances"][0], strict=True)]


def drop_stale_collections(client: Any, keep: set[str]) -> list[str]:
    """Delete dgplan collections no kept version uses (``keep``: their names); returns the names dropped."""
    dropped = []
    for col in client.list_collections():
        name = col.name if hasattr(col, "name") else str(col)
        if name.startswith(COLLECTION_PREFIX) and name not in keep:
            client.delete_collection(name)
            dropped.append(name)
    return dropped
