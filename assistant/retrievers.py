"""The two rankings hybrid retrieval fuses, each a llama-index ``BaseRetriever`` a user can call on its own:
BM25 over the damage-insensitive Thai key, and the dense e5 search through the version's vector store.

``HybridRetriever`` (``retrieval_service.py``) reads their whole score arrays (``scores``, ``ranked``) rather
than their top-k nodes: its candidate mask (kind, document, library gate) and the named-kind re-rank need the
BM25 score of every chunk, not only of the ones ranked first.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.schema import BaseNode, NodeWithScore, QueryBundle, TextNode
from llama_index.core.vector_stores.types import (
    BasePydanticVectorStore,
    FilterCondition,
    FilterOperator,
    MetadataFilter,
    MetadataFilters,
    VectorStoreQuery,
)

from index.chunk_record import ChunkRecord
from index.snapshot import IndexSnapshot

# what an LLM reads of a passage besides its text (ids, offsets and URLs would only be noise in its prompt)
_LLM_METADATA = ("title", "section", "chapter", "page", "project")


def to_text_node(chunk: ChunkRecord) -> TextNode:
    """The llama-index view of a stored chunk: its text, and every other field of the record as metadata."""
    metadata = chunk.metadata()
    return TextNode(
        id_=chunk.chunk_id,
        text=chunk.text,
        metadata=metadata,
        excluded_llm_metadata_keys=[k for k in metadata if k not in _LLM_METADATA],
        excluded_embed_metadata_keys=list(metadata),  # the vectors were made from ChunkRecord.embed_text()
    )


def chunk_of(node: BaseNode) -> ChunkRecord:
    """Inverse of :func:`to_text_node`: the chunk record a retrieved node carries."""
    return ChunkRecord.from_json({**node.metadata, "chunk_id": node.node_id, "text": node.get_content()})


class ChunkNodes:
    """The node of each chunk of a snapshot, built on first use (a TextNode costs ~25 µs; fusion handles ~100 per
    question) and shared by every request."""

    def __init__(self, snapshot: IndexSnapshot) -> None:
        self.snapshot = snapshot
        self._nodes: list[TextNode | None] = [None] * len(snapshot.chunks)

    def node(self, row: int) -> TextNode:
        node = self._nodes[row]
        if node is None:
            node = self._nodes[row] = to_text_node(self.snapshot.chunks[row])
        return node

    def row(self, node: BaseNode) -> int:
        return self.snapshot.row_of[node.node_id]

    def scored(self, rows: Sequence[int], scores: Sequence[float]) -> list[NodeWithScore]:
        return [NodeWithScore(node=self.node(r), score=float(s)) for r, s in zip(rows, scores, strict=True)]


def rows_matching(chunks: Sequence[ChunkRecord], filters: MetadataFilters | None) -> np.ndarray:
    """The chunks (a boolean row mask) whose record fields pass equality / membership filters."""
    mask = np.ones(len(chunks), dtype=bool)
    if filters is None:
        return mask
    parts = []
    for f in filters.filters:
        if isinstance(f, MetadataFilters):
            parts.append(rows_matching(chunks, f))
        else:
            parts.append(_field_mask(chunks, f))
    if not parts:
        return mask
    return np.logical_or.reduce(parts) if filters.condition == FilterCondition.OR else np.logical_and.reduce(parts)


def _field_mask(chunks: Sequence[ChunkRecord], f: MetadataFilter) -> np.ndarray:
    if f.operator == FilterOperator.EQ:
        allowed = {f.value}
    elif f.operator == FilterOperator.IN and isinstance(f.value, list):
        allowed = set(f.value)
    else:
        raise ValueError(f"BM25 rows filter on equality or membership only, not {f.operator!r}")
    return np.array([getattr(c, f.key, None) in allowed for c in chunks], dtype=bool)


class ThaiBM25Retriever(BaseRetriever):
    """BM25 over the damage-insensitive Thai key of each chunk (title, section and text; newmm words, and
    character 3-grams as a second field): Thai has no spaces, and PDF damage breaks exact words."""

    def __init__(
        self,
        snapshot: IndexSnapshot,
        similarity_top_k: int = 5,
        filters: MetadataFilters | None = None,
        nodes: ChunkNodes | None = None,
    ) -> None:
        super().__init__()
        self.snapshot = snapshot
        self.similarity_top_k = similarity_top_k
        self.filters = filters
        self.nodes = nodes or ChunkNodes(snapshot)

    def scores(self, text: str, mask: np.ndarray) -> np.ndarray:
        """The word-field BM25 score of every chunk, 0 outside ``mask``."""
        return np.where(mask, self.snapshot.bm25.scores(text), 0.0)

    def ngram_scores(self, text: str, mask: np.ndarray) -> np.ndarray:
        """The 3-gram-field BM25 score of every chunk, 0 outside ``mask`` (all 0 for an index without it)."""
        return np.where(mask, self.snapshot.bm25.ngram_scores(text), 0.0)

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        scores = self.scores(query_bundle.query_str, rows_matching(self.snapshot.chunks, self.filters))
        rows = [int(i) for i in np.argsort(-scores)[: self.similarity_top_k] if scores[i] > 0]
        return self.nodes.scored(rows, [float(scores[r]) for r in rows])


def dense_query(text: str, limit: int) -> str:
    """The text the embedder reads: a long question's head and tail (its subject and its ask), ``limit`` at most.

    Query embedding costs ~1.4 ms per token here, so a 2,000-character question would take a second of CPU;
    pasted context sits in the middle, the subject at the head and the question itself at the tail.
    """
    if len(text) <= limit:
        return text
    half = limit // 2
    return f"{text[:half].rstrip()} {text[len(text) - half :].lstrip()}"


class DenseRetriever(BaseRetriever):
    """The e5 vector search of one index version through its llama-index vector store (or one a user passes,
    which must hold the version's chunk ids), scored by its similarity (ours: cosine, on which the abstention
    threshold is calibrated)."""

    def __init__(
        self,
        snapshot: IndexSnapshot,
        embedder: BaseEmbedding,
        similarity_top_k: int = 5,
        filters: MetadataFilters | None = None,
        max_chars: int = 400,
        nodes: ChunkNodes | None = None,
        vector_store: BasePydanticVectorStore | None = None,
    ) -> None:
        super().__init__()
        self.snapshot = snapshot
        self.embedder = embedder
        self._vector_store = vector_store  # None: the snapshot's own (read at each query: serving may guard it)
        self.similarity_top_k = similarity_top_k
        self.filters = filters
        self.max_chars = max_chars
        self.nodes = nodes or ChunkNodes(snapshot)

    def embed(self, text: str) -> list[float]:
        """The query vector of a question (its head and tail when long, see :func:`dense_query`)."""
        return self.embedder.get_query_embedding(dense_query(text, self.max_chars))

    def ranked(self, qvec: list[float], n: int, filters: MetadataFilters | None) -> list[tuple[int, float]]:
        """The ``n`` nearest chunks passing ``filters``, as (row, cosine similarity), nearest first."""
        store = self._vector_store or self.snapshot.vector_store
        found = store.query(VectorStoreQuery(query_embedding=qvec, similarity_top_k=n, filters=filters))
        row_of = self.snapshot.row_of
        return [
            (row_of[cid], sim)
            for cid, sim in zip(found.ids or [], found.similarities or [], strict=True)
            if cid in row_of
        ]

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        qvec = query_bundle.embedding or self.embed(query_bundle.query_str)
        hits = self.ranked(qvec, self.similarity_top_k, self.filters)
        return self.nodes.scored([r for r, _ in hits], [s for _, s in hits])
