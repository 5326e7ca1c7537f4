"""One index version's Chroma vectors behind llama-index's vector store interface (``VectorStoreQuery`` in,
``VectorStoreQueryResult`` out), so a llama-index user can query, filter or swap the dense search.

Our own ``BasePydanticVectorStore`` rather than llama-index-vector-stores-chroma's ``ChromaVectorStore``, for
three reasons:

- a version's vectors span two collections (its own plus the chunks it takes from a base collection, see
  ``index/chroma_component.py``); ``ChromaVectorStore`` wraps exactly one collection;
- ``ChromaVectorStore`` reports ``exp(-distance)`` as the similarity; the abstention threshold and the
  confidence score are calibrated on cosine similarity (``1 - distance``), which this store reports;
- ``ChromaVectorStore`` always fetches each candidate's text and metadata and rebuilds a node from them; the
  serving path already holds every chunk record (the version's ``chunks.jsonl``) and fuses by id, so this store
  asks Chroma for ids and distances only (``stores_text`` is False: nodes come from the chunk catalogue).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from llama_index.core.bridge.pydantic import PrivateAttr
from llama_index.core.schema import BaseNode
from llama_index.core.vector_stores.types import (
    BasePydanticVectorStore,
    FilterCondition,
    FilterOperator,
    MetadataFilter,
    MetadataFilters,
    VectorStoreQuery,
    VectorStoreQueryResult,
)

from index.chroma_component import ChromaChunkStore

_OPERATORS = {
    FilterOperator.NE: "$ne",
    FilterOperator.GT: "$gt",
    FilterOperator.GTE: "$gte",
    FilterOperator.LT: "$lt",
    FilterOperator.LTE: "$lte",
    FilterOperator.IN: "$in",
    FilterOperator.NIN: "$nin",
}


def chroma_where(filters: MetadataFilters | None) -> dict[str, Any] | None:
    """Chroma's ``where`` for llama-index metadata filters: an equality reads ``{key: value}``, several join
    under ``$and``/``$or`` (nested filter groups nest); None for no filter."""
    if filters is None or not filters.filters:
        return None
    clauses = [_clause(f) for f in filters.filters]
    if len(clauses) == 1:
        return clauses[0]
    return {"$or" if filters.condition == FilterCondition.OR else "$and": clauses}


def _clause(item: MetadataFilter | MetadataFilters) -> dict[str, Any]:
    if isinstance(item, MetadataFilters):
        where = chroma_where(item)
        if where is None:
            raise ValueError("an empty filter group has no Chroma clause")
        return where
    if item.operator == FilterOperator.EQ:
        return {item.key: item.value}
    op = _OPERATORS.get(item.operator)
    if op is None:
        raise ValueError(f"filter operator {item.operator!r} has no Chroma equivalent")
    value = list(item.value) if op in ("$in", "$nin") and isinstance(item.value, Sequence) else item.value
    return {item.key: {op: value}}


def equal_filters(
    *pairs: tuple[str, str | Sequence[str] | None], condition: FilterCondition = FilterCondition.AND
) -> MetadataFilters | None:
    """Filters requiring each key to equal its value (a list: to be one of them); keys whose value is None are
    left out, and no filter at all gives None."""
    filters: list[MetadataFilter | MetadataFilters] = []
    for key, value in pairs:
        if value is None:
            continue
        if isinstance(value, str):
            filters.append(MetadataFilter(key=key, value=value))
        elif len(value) == 1:
            filters.append(MetadataFilter(key=key, value=value[0]))
        else:
            filters.append(MetadataFilter(key=key, value=list(value), operator=FilterOperator.IN))
    return MetadataFilters(filters=filters, condition=condition) if filters else None


class VersionedChromaVectorStore(BasePydanticVectorStore):
    """The dense search of one index version; published versions are read-only, so it only queries."""

    stores_text: bool = False
    flat_metadata: bool = True
    _store: ChromaChunkStore = PrivateAttr()

    def __init__(self, store: ChromaChunkStore, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._store = store

    @classmethod
    def class_name(cls) -> str:
        return "VersionedChromaVectorStore"

    @property
    def client(self) -> ChromaChunkStore:
        return self._store

    def query(self, query: VectorStoreQuery, **kwargs: Any) -> VectorStoreQueryResult:
        """The ``similarity_top_k`` nearest chunks of this version to ``query_embedding`` that pass
        ``filters``, with cosine similarity; ids only (``nodes`` is None: the chunk catalogue holds them)."""
        if query.query_embedding is None:
            raise ValueError("this vector store answers embedding queries only")
        if query.node_ids or query.doc_ids:
            raise ValueError("restrict a query with metadata filters (doc_id, kind, collection), not id lists")
        hits = self._store.query(query.query_embedding, query.similarity_top_k, chroma_where(query.filters))
        return VectorStoreQueryResult(nodes=None, ids=[cid for cid, _ in hits], similarities=[s for _, s in hits])

    def add(self, nodes: Sequence[BaseNode], **kwargs: Any) -> list[str]:
        """Add embedded nodes to this version's own collection (only while the version is being built)."""
        self._store.add(
            [n.node_id for n in nodes],
            [n.get_embedding() for n in nodes],
            [n.get_content() for n in nodes],
            [dict(n.metadata) for n in nodes],
        )
        return [n.node_id for n in nodes]

    def delete(self, ref_doc_id: str, **delete_kwargs: Any) -> None:
        """Not supported: a published version is never written; a removed document makes a new version."""
        raise NotImplementedError("index versions are immutable: remove a document with `dgplan corpus remove`")
