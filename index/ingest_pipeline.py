"""Chunk and embed as a llama-index ``IngestionPipeline``: StructureNodeParser, then the cached embedder.

``ingest`` hands the pipeline, in index order, a llama-index Document per loaded document and the chunk nodes
of the unchanged ones; it returns every chunk node with its vector. What stays ours, and why:

- **Thai repair is not a pipeline step.** It runs per page inside ``corpus/load.py`` before the pages are
  joined: page spans are offsets into the repaired text (a repair shortens or lengthens it), empty pages are
  dropped after repair, and the before/after damage counts compare raw and repaired pages. Repairing the joined
  text in a TransformComponent would shift every page span; an unchanged document is not loaded at all.
- **Our embedding cache, not ``IngestionCache``.** Theirs keys one entry on the whole batch of nodes a
  transformation receives (``get_transformation_hash``: every node's text *and* metadata, offsets and page
  included, + the component). An ingest runs all 2,039 chunks through in one batch, so one edited document, or
  a chunker change that moves one chunk, misses and re-embeds every chunk (the ≈4–5 min cold ingest), where the
  per-text cache embeds only chunk texts it has never seen (0 after a code change that re-cut the whole corpus,
  measured). Theirs also persists only when ``pipeline.persist()`` runs, so a killed ingest loses every batch;
  ours commits batch by batch (``tests/test_ingest.py`` kills a run mid-embedding and resumes from it). So
  ``CachedEmbedding`` is a TransformComponent over ``index/embedding_cache.py`` and the pipeline runs with
  ``disable_cache=True``.
- **Document fingerprints, not a docstore.** The pipeline's docstore decides on the hash of a *loaded* Document
  (text + metadata), so every document would be loaded and repaired first (2.1–2.3 s of a 9.4 s rebuild; our
  fingerprints take 0.01 s from file hashes, and a run with nothing changed stops there); that hash does not
  cover the code, so a chunker change would not re-cut anything; without a llama-index vector store it falls
  back to ``duplicates_only``, which drops a document whose text equals another's; and upserts delete from
  the vector store in place, where a version builds a fresh collection and publishes atomically.
  ``corpus_diff.py`` reads the fingerprints from the manifest too.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.ingestion import IngestionPipeline
from llama_index.core.schema import BaseNode, MetadataMode, TransformComponent
from pydantic import PrivateAttr
from tqdm import tqdm

from dgplan.settings import Settings
from index.chunk_record import embed_text
from index.chunking.node_parser import StructureNodeParser
from index.embedding_cache import EmbeddingCache, text_hash
from index.embedding_component import build_embedding, embedding_id

EMBEDDING_CACHE_FILE = "embedding-cache.sqlite"


class CachedEmbedding(TransformComponent):
    """Sets each node's vector from the SQLite embedding cache, embedding (shortest first) only texts it lacks.

    The text embedded is ``chunk_record.embed_text`` (title and section header + passage). Each embedded batch
    is committed before the next starts, so a killed ingest keeps it. ``stats`` tells the ingest report what was
    embedded and how long the step took.
    """

    embed_model: BaseEmbedding
    model_id: str
    cache_path: Path
    batch_size: int = 32
    show_progress: bool = False
    _stats: dict[str, float] = PrivateAttr(default_factory=dict)

    @classmethod
    def from_settings(cls, settings: Settings, show_progress: bool = False) -> CachedEmbedding:
        return cls(
            embed_model=build_embedding(settings.embedding),  # loads no model until it embeds
            model_id=embedding_id(settings.embedding),
            cache_path=settings.index_dir / EMBEDDING_CACHE_FILE,
            batch_size=settings.embedding.batch_size,
            show_progress=show_progress,
        )

    @property
    def stats(self) -> dict[str, float]:
        """chunks_cached, chunks_embedded, chars_embedded, tokens_embedded, seconds of the last call."""
        return dict(self._stats)

    def __call__(self, nodes: Sequence[BaseNode], **kwargs: Any) -> Sequence[BaseNode]:
        t = time.perf_counter()
        texts = [embed_text(n.metadata["title"], n.metadata.get("section"), n.get_content(MetadataMode.NONE))
                 for n in nodes]
        keys = [text_hash(self.model_id, s) for s in texts]
        cache = EmbeddingCache(self.cache_path)
        try:
            found = cache.get_many(keys)
            missing = {k: s for k, s in zip(keys, texts, strict=True) if k not in found}
            todo = sorted(missing.items(), key=lambda kv: len(kv[1]))
            with tqdm(total=sum(len(s) for _, s in todo), desc="embed", unit="char", unit_scale=True,
                      disable=not (self.show_progress and todo)) as bar:
                for i in range(0, len(todo), self.batch_size):
                    part = todo[i : i + self.batch_size]
                    vecs = self.embed_model.get_text_embedding_batch([s for _, s in part])
                    cache.put_many([(k, v) for (k, _), v in zip(part, vecs, strict=True)])
                    found.update({k: v for (k, _), v in zip(part, vecs, strict=True)})
                    bar.update(sum(len(s) for _, s in part))
        finally:
            cache.close()
        for node, key in zip(nodes, keys, strict=True):
            # set without pydantic's assignment check, which re-validates all 384 floats of every vector: 32 ms of
            # this step's 70 ms on the 2,039 chunks (the vectors are lists of floats from the cache or embedder)
            object.__setattr__(node, "embedding", found[key])
        counter = getattr(self.embed_model, "token_count", None)
        self._stats = {
            "chunks_cached": len(nodes) - len(todo),
            "chunks_embedded": len(todo),
            "chars_embedded": sum(len(s) for _, s in todo),
            "tokens_embedded": sum(counter(s) for _, s in todo) if counter and todo else 0,
            "seconds": time.perf_counter() - t,
        }
        return nodes


def build_ingestion_pipeline(settings: Settings, embedding: TransformComponent) -> IngestionPipeline:
    """Documents → StructureNodeParser → ``embedding`` (``CachedEmbedding`` in ingest; any embedder works)."""
    return IngestionPipeline(
        transformations=[StructureNodeParser(max_chars=settings.index.max_chunk_chars), embedding],
        disable_cache=True,  # the embedding cache above is per text; IngestionCache is per batch (see docstring)
    )
