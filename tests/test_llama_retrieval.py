"""Retrieval through llama-index's interfaces: the versioned Chroma vector store, on the tiny corpus's real index."""

from __future__ import annotations

import pytest
from llama_index.core.vector_stores.types import (
    FilterCondition,
    FilterOperator,
    MetadataFilter,
    MetadataFilters,
    VectorStoreQuery,
)

from assistant.services import build_services
from dgplan.settings import Settings
from index.vector_store import VersionedChromaVectorStore, chroma_where, equal_filters


def test_metadata_filters_read_as_the_chroma_where_the_retriever_used() -> None:
    assert chroma_where(None) is None and equal_filters(("kind", None)) is None
    assert chroma_where(equal_filters(("kind", "law"))) == {"kind": "law"}
    both = equal_filters(("kind", "law"), ("doc_id", "mini-act"))
    assert chroma_where(both) == {"$and": [{"kind": "law"}, {"doc_id": "mini-act"}]}
    assert chroma_where(equal_filters(("kind", ["law", "plan"]))) == {"kind": {"$in": ["law", "plan"]}}
    assert chroma_where(equal_filters(("kind", ["law"]))) == {"kind": "law"}  # one of one is an equality
    either = MetadataFilters(
        filters=[MetadataFilter(key="page", value=3, operator=FilterOperator.GTE), MetadataFilters(filters=[])],
        condition=FilterCondition.OR,
    )
    with pytest.raises(ValueError):  # an empty group has no Chroma clause: refused, not silently dropped
        chroma_where(either)
    with pytest.raises(ValueError):
        text_match = MetadataFilter(key="text", value="x", operator=FilterOperator.TEXT_MATCH)
        chroma_where(MetadataFilters(filters=[text_match]))


def test_the_vector_store_ranks_a_version_as_its_chroma_collections_do(mini_index: Settings) -> None:
    services = build_services(mini_index)
    store = services.snapshot.vector_store
    assert isinstance(store, VersionedChromaVectorStore) and not store.stores_text
    qvec = services.embedder.get_query_embedding("อีเมลของสำนักงานขนส่งจังหวัดน่าน")
    found = store.query(VectorStoreQuery(query_embedding=qvec, similarity_top_k=5))
    assert found.ids and found.nodes is None
    assert list(zip(found.ids, found.similarities or [], strict=True)) == services.snapshot.chroma.query(qvec, 5)
    top = services.snapshot.chunks[services.snapshot.row_of[found.ids[0]]]
    assert top.doc_id == "nan-transport"  # the notice printing the address, not the Act or the plan
    assert all(0.0 < s <= 1.0 for s in found.similarities or [])  # cosine similarity, not exp(-distance)
    law = equal_filters(("kind", "law"))
    laws = store.query(VectorStoreQuery(query_embedding=qvec, similarity_top_k=5, filters=law))
    kinds = {services.snapshot.chunks[services.snapshot.row_of[cid]].kind for cid in laws.ids or []}
    assert kinds == {"law"}
    with pytest.raises(ValueError):
        store.query(VectorStoreQuery(query_str="no embedding", similarity_top_k=5))
    with pytest.raises(NotImplementedError):
        store.delete("mini-act")  # a published version is never written
