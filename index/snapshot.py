"""Open the live index version read-only: chunk catalogue, BM25, Chroma collection, document list."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dgplan.errors import DocumentNotFound
from dgplan.settings import Settings
from index.bm25_component import BM25Index
from index.chroma_component import ChromaChunkStore, VectorLayout, build_client
from index.chunk_record import ChunkRecord, read_chunks
from index.vector_store import VersionedChromaVectorStore
from index.versions import VersionStore, read_json


@dataclass
class IndexSnapshot:
    """One complete index version, loaded once and shared by all requests."""

    version: str
    path: Path
    chunks: list[ChunkRecord]
    bm25: BM25Index
    chroma: ChromaChunkStore
    documents: list[dict[str, Any]]
    term_df: dict[str, int] = field(default_factory=dict)
    term_n: int = 0  # chunks the term statistics count (the core corpus; 0: every chunk)

    def __post_init__(self) -> None:
        self.row_of = {c.chunk_id: i for i, c in enumerate(self.chunks)}
        self._docs = {d["doc_id"]: d for d in self.documents}
        self._vector_store: VersionedChromaVectorStore | None = None

    @property
    def vector_store(self) -> VersionedChromaVectorStore:
        """The dense search through llama-index's vector store interface, over whichever Chroma store the snapshot
        holds now (serving wraps it in a guard that falls back to cached vectors when Chroma is down)."""
        if self._vector_store is None or self._vector_store.client is not self.chroma:
            self._vector_store = VersionedChromaVectorStore(self.chroma)
        return self._vector_store

    def document(self, doc_id: str) -> dict[str, Any]:
        try:
            return self._docs[doc_id]
        except KeyError:
            raise DocumentNotFound(doc_id) from None

    def idf(self, term: str) -> float:
        """Inverse document frequency of a keyed term over chunks (rare terms weigh more)."""
        n = max(1, self.term_n or len(self.chunks))
        return math.log(1 + n / (1 + self.term_df.get(term, 0)))

    def doc_chunks(self, doc_id: str) -> list[ChunkRecord]:
        return [c for c in self.chunks if c.doc_id == doc_id]


def open_snapshot(settings: Settings) -> IndexSnapshot:
    """Load the current version; raises IndexNotReady when there is none."""
    store = VersionStore(settings.index_dir)
    name, path = store.require_current()
    chunks = read_chunks(path)
    client = build_client(settings.chroma, settings.index_dir / "chroma")
    chroma = ChromaChunkStore(client, name, VectorLayout.for_version(name, path))
    chroma.open()
    stats = read_json(path / "term_df.json") if (path / "term_df.json").exists() else {}
    return IndexSnapshot(
        version=name,
        path=path,
        chunks=chunks,
        bm25=BM25Index.load(path / "bm25", len(chunks)),
        chroma=chroma,
        documents=read_json(path / "documents.json"),
        term_df=stats.get("df", {}),
        term_n=int(stats.get("n", 0)),
    )
