"""Retrieval through llama-index's interfaces: the versioned Chroma vector store, on the tiny corpus's real index."""

from __future__ import annotations

import pytest
from llama_index.core.schema import QueryBundle
from llama_index.core.vector_stores.types import (
    FilterCondition,
    FilterOperator,
    MetadataFilter,
    MetadataFilters,
    VectorStoreQuery,
)

from assistant.retrievers import DenseRetriever, ThaiBM25Retriever, chunk_of
from assistant.services import build_services
from assistant.structure_boosts import LibraryPrior, NamedKindFirst, StructureBoost
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


def test_bm25_and_dense_are_retrievers_a_user_can_call_alone(mini_index: Settings) -> None:
    services = build_services(mini_index)
    snapshot = services.snapshot
    question = "อีเมลของสำนักงานขนส่งจังหวัดน่าน"
    for retriever in (ThaiBM25Retriever(snapshot, 3), DenseRetriever(snapshot, services.embedder, 3)):
        found = retriever.retrieve(question)
        assert found and len(found) <= 3
        assert found[0].node.metadata["doc_id"] == "nan-transport"  # the notice, not the Act or the plan
        scores = [n.score or 0.0 for n in found]
        assert scores == sorted(scores, reverse=True) and scores[-1] > 0
        record = chunk_of(found[0].node)  # the chunk record's fields travel in the node's metadata
        assert record == snapshot.chunks[snapshot.row_of[record.chunk_id]]
    laws = equal_filters(("kind", "law"))
    for retriever in (ThaiBM25Retriever(snapshot, 5, laws), DenseRetriever(snapshot, services.embedder, 5, laws)):
        assert {n.node.metadata["kind"] for n in retriever.retrieve("คณะกรรมการมีหน้าที่อะไร")} == {"law"}
    bm25 = ThaiBM25Retriever(snapshot, 5).retrieve("ขนส่งจังหวัดนาน")  # the tone mark left out: same key
    assert bm25 and bm25[0].node.metadata["doc_id"] == "nan-transport"


def test_hybrid_retrieve_gives_the_ranked_passages_of_search_as_nodes(mini_index: Settings) -> None:
    retriever = build_services(mini_index).retriever
    question = "คณะกรรมการบริการดิจิทัลมีหน้าที่อะไร"
    hits = retriever.search(question, top_k=retriever.settings.top_k).hits
    nodes = retriever.retrieve(QueryBundle(question))
    assert [n.node.node_id for n in nodes] == [h.chunk.chunk_id for h in hits]
    assert [n.score for n in nodes] == [h.score for h in hits]
    assert [chunk_of(n.node) for n in nodes] == [h.chunk for h in hits]
    assert hits[0].chunk.doc_id == "mini-act" and any("มีหน้าที่" in n.node.get_content() for n in nodes)


def test_structure_boosts_are_node_postprocessors_in_the_fused_ranking(mini_index: Settings) -> None:
    retriever = build_services(mini_index).retriever
    assert [type(p) for p in retriever.boosts] == [StructureBoost, NamedKindFirst, LibraryPrior]
    question = "มาตรา 4 กำหนดอะไร"
    boosted = retriever.search(question, top_k=3).hits
    assert boosted[0].chunk.section == "มาตรา 4"  # the section the question names, first
    kept = retriever.boosts
    try:
        retriever.boosts = []
        plain = retriever.search(question, top_k=3).hits
    finally:
        retriever.boosts = kept
    assert boosted[0].score > plain[0].score  # the boost is what lifted it: half the top fused score
    nodes = retriever.retrieve(QueryBundle(question))
    assert StructureBoost(retriever=retriever).postprocess_nodes(nodes, QueryBundle(question)) == nodes  # no state
