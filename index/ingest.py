"""Build or update the index: load + repair documents, chunk, embed only new text, store, publish.

Incremental (document fingerprints, embedding cache) and atomic (a new version goes live only
when complete), so re-running after a crash finishes the job and never breaks the live index.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from corpus.document import Document, DocumentSpec
from corpus.load import load_document
from corpus.manifest import file_sha256, read_corpus
from dgplan.errors import DgplanError
from dgplan.settings import Settings
from index.bm25_component import BM25Index
from index.chroma_component import ChromaChunkStore, build_client, drop_stale_collections
from index.chunk_record import ChunkRecord, read_chunks, write_chunks
from index.chunking.node_parser import chunk_document
from index.embedding_cache import EmbeddingCache, text_hash
from index.embedding_component import build_embedding, embedding_id
from index.thai_key import key_ngrams, key_tokens
from index.versions import VersionStore, read_json, write_json

log = logging.getLogger(__name__)

# Source files whose behaviour shapes the chunks: a change to any of them re-chunks everything.
_PIPELINE_SOURCES = (
    "corpus", "index/chunking", "index/projects", "index/plan", "index/thai_key.py", "index/chunk_record.py",
    "index/ingest.py", "index/derived.py", "index/bm25_component.py", "index/chroma_component.py",
    "index/laws",
)


@dataclass
class IngestReport:
    """What one ingest did, printed by the CLI and saved with the version."""

    version: str | None = None
    status: str = "built"  # built | unchanged
    documents: int = 0
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    chunks: int = 0
    chunks_embedded: int = 0
    chunks_cached: int = 0
    chars_embedded: int = 0
    tokens_embedded: int = 0
    repairs: dict[str, int] = field(default_factory=dict)
    timings_s: dict[str, float] = field(default_factory=dict)

    @property
    def chars_per_s(self) -> float:
        t = self.timings_s.get("embed", 0.0)
        return self.chars_embedded / t if t > 0 else 0.0

    def to_json(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["chars_per_s"] = round(self.chars_per_s, 1)
        return data

    def summary(self) -> str:
        """Readable report for the terminal."""
        lines = [
            f"index version: {self.version} ({self.status})",
            f"documents: {self.documents}  added: {len(self.added)}  changed: {len(self.changed)}  "
            f"removed: {len(self.removed)}  failed: {len(self.failed)}",
            f"chunks: {self.chunks}  embedded now: {self.chunks_embedded}  from cache: {self.chunks_cached}",
            f"embedded: {self.chars_embedded:,} chars, {self.tokens_embedded:,} tokens, "
            f"{self.chars_per_s:,.0f} chars/s",
        ]
        if self.repairs:
            names = sorted({k.split(":", 1)[1] for k in self.repairs if ":" in k})
            lines.append("repairs (before -> after):")
            for name in names:
                lines.append(
                    f"  {name:16s} {self.repairs.get('before:' + name, 0):>7,} -> "
                    f"{self.repairs.get('after:' + name, 0):>7,}"
                )
            for name, n in sorted(self.repairs.items()):
                if ":" not in name:
                    lines.append(f"  fixed {name:10s} {n:>7,}")
        if self.timings_s:
            lines.append("time: " + ", ".join(f"{k} {v:.1f}s" for k, v in self.timings_s.items()))
        for doc_id, reason in self.failed:
            lines.append(f"FAILED {doc_id}: {reason}")
        return "\n".join(lines)


def pipeline_fingerprint(settings: Settings) -> str:
    """Hash of everything besides the document that decides its chunks and vectors."""
    h = hashlib.sha256()
    root = Path(__file__).resolve().parents[1]
    for rel in _PIPELINE_SOURCES:
        target = root / rel
        files = sorted(target.rglob("*.py")) if target.is_dir() else [target]
        for f in files:
            h.update(f.relative_to(root).as_posix().encode())
            h.update(f.read_bytes())
    h.update(f"{settings.index.max_chunk_chars}|{embedding_id(settings.embedding)}".encode())
    return h.hexdigest()[:16]


def document_fingerprints(specs: list[DocumentSpec], pipeline: str) -> dict[str, str]:
    """Fingerprint per document: file content + metadata used in citations + pipeline."""
    out = {}
    for spec in specs:
        try:
            content = file_sha256(spec.path)
        except OSError as exc:
            content = f"unreadable:{exc}"
        meta = json.dumps([spec.title, spec.kind, spec.source_url, spec.date], ensure_ascii=False)
        out[spec.doc_id] = hashlib.sha256(f"{content}|{meta}|{pipeline}".encode()).hexdigest()[:20]
    return out


def records_for(doc: Document, max_chars: int) -> list[ChunkRecord]:
    """Chunk a repaired document into stored records with citation metadata."""
    records = []
    for i, chunk in enumerate(chunk_document(doc, max_chars=max_chars)):
        records.append(
            ChunkRecord(
                chunk_id=f"{doc.doc_id}:{i:04d}",
                doc_id=doc.doc_id,
                title=doc.spec.title,
                kind=doc.spec.kind,
                text=chunk.text,
                start=chunk.start,
                end=chunk.end,
                section=chunk.section,
                chapter=chunk.chapter,
                page=chunk.page,
                project=chunk.project,
                source_url=doc.spec.source_url,
            )
        )
    return records


ExtraBuilder = Callable[[list[Document], Path], None]


def ingest(
    settings: Settings,
    *,
    progress: bool = True,
    extra_builders: list[ExtraBuilder] | None = None,
) -> IngestReport:
    """Bring the index up to date with the corpus directory; returns what was done."""
    store = VersionStore(settings.index_dir)
    with store.lock():
        return _ingest_locked(settings, store, progress, extra_builders or [])


def _ingest_locked(
    settings: Settings, store: VersionStore, progress: bool, extra_builders: list[ExtraBuilder]
) -> IngestReport:
    report = IngestReport()
    t0 = time.perf_counter()
    specs = read_corpus(settings.resolved_corpus_dir)
    pipeline = pipeline_fingerprint(settings)
    fingerprints = document_fingerprints(specs, pipeline)
    report.documents = len(specs)

    current = store.current()
    previous: dict[str, Any] = {}
    if current:
        previous = read_json(store.path(current) / "manifest.json")
    prev_fps: dict[str, str] = previous.get("fingerprints", {})
    report.added = sorted(set(fingerprints) - set(prev_fps))
    report.removed = sorted(set(prev_fps) - set(fingerprints))
    report.changed = sorted(d for d in fingerprints if d in prev_fps and prev_fps[d] != fingerprints[d])
    report.timings_s["scan"] = time.perf_counter() - t0
    if current and not (report.added or report.removed or report.changed) and not previous.get("failed"):
        report.version, report.status = current, "unchanged"
        report.chunks = int(previous.get("chunks", 0))
        store.prune(settings.index.keep_versions)
        return report

    # 1. load + repair every document (cheap); keep going past broken ones.
    t = time.perf_counter()
    docs: list[Document] = []
    repairs: Counter[str] = Counter()
    for spec in tqdm(specs, desc="load+repair", unit="doc", disable=not progress):
        try:
            doc = load_document(spec)
        except DgplanError as exc:
            report.failed.append((spec.doc_id, str(getattr(exc, "reason", exc))))
            log.warning("skipped %s: %s", spec.doc_id, exc)
            continue
        except Exception as exc:  # a loader bug must not abort the whole ingest
            report.failed.append((spec.doc_id, f"{type(exc).__name__}: {exc}"))
            log.exception("failed to load %s", spec.doc_id)
            continue
        repairs.update(doc.repairs)
        docs.append(doc)
    report.repairs = dict(repairs)
    report.timings_s["load_repair"] = time.perf_counter() - t

    # 2. chunk (carry over the previous chunks of a document that now fails to load)
    t = time.perf_counter()
    records: list[ChunkRecord] = []
    for doc in docs:
        records.extend(records_for(doc, settings.index.max_chunk_chars))
    failed_ids = {d for d, _ in report.failed}
    if current and failed_ids:
        for rec in read_chunks(store.path(current)):
            if rec.doc_id in failed_ids:
                records.append(rec)
    report.chunks = len(records)
    report.timings_s["chunk"] = time.perf_counter() - t

    name = store.next_name()
    work = store.start(name)

    # 3. embed what the cache does not have yet, committing batch by batch
    t = time.perf_counter()
    vectors = _embed_records(settings, records, report, progress)
    report.timings_s["embed"] = time.perf_counter() - t

    # 4. vector store: a fresh collection for this version
    t = time.perf_counter()
    client = build_client(settings.chroma, settings.index_dir / "chroma")
    chroma = ChromaChunkStore(client, name)
    chroma.create()
    chroma.add(
        [r.chunk_id for r in records], vectors, [r.text for r in records], [r.metadata() for r in records]
    )
    report.timings_s["chroma"] = time.perf_counter() - t

    # 5. BM25 on the damage-insensitive key, chunk catalogue, document catalogue, extras
    t = time.perf_counter()
    bm25_texts = [f"{r.title} {r.section or ''} {r.text}" for r in records]
    tokens = [key_tokens(t) for t in bm25_texts]
    BM25Index.build(tokens, [key_ngrams(t) for t in bm25_texts]).save(work / "bm25")
    document_frequencies = Counter(t for toks in tokens for t in set(toks))
    write_json(work / "term_df.json", {"n": len(tokens), "df": dict(document_frequencies)})
    report.timings_s["bm25"] = time.perf_counter() - t

    t = time.perf_counter()
    write_chunks(work, records)
    write_json(work / "documents.json", _document_catalogue(docs, records, fingerprints, previous))
    for build in extra_builders:
        build(docs, work)
    report.timings_s["extras"] = time.perf_counter() - t

    report.version = name
    report.timings_s["total"] = time.perf_counter() - t0
    write_json(
        work / "manifest.json",
        {
            "version": name,
            "pipeline": pipeline,
            "embedding": embedding_id(settings.embedding),
            "fingerprints": {d: fp for d, fp in fingerprints.items() if d not in failed_ids},
            "failed": report.failed,
            "chunks": len(records),
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        },
    )
    write_json(work / "report.json", report.to_json())
    store.publish(name)
    store.prune(settings.index.keep_versions)
    drop_stale_collections(client, store.kept())
    return report


def _embed_records(
    settings: Settings, records: list[ChunkRecord], report: IngestReport, progress: bool
) -> list[list[float]]:
    """Vectors for all records, embedding only texts missing from the cache."""
    model_id = embedding_id(settings.embedding)
    cache = EmbeddingCache(settings.index_dir / "embedding-cache.sqlite")
    try:
        texts = [r.embed_text() for r in records]
        keys = [text_hash(model_id, t) for t in texts]
        found = cache.get_many(keys)
        todo = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in found}.items(),
                      key=lambda kv: len(kv[1]))
        report.chunks_cached = len(records) - len(todo)
        if todo:
            embedder = build_embedding(settings.embedding)
            batch = settings.embedding.batch_size
            counter = getattr(embedder, "token_count", None)
            with tqdm(total=sum(len(t) for _, t in todo), desc="embed", unit="char", unit_scale=True,
                      disable=not progress) as bar:
                for i in range(0, len(todo), batch):
                    part = todo[i : i + batch]
                    vecs = embedder.get_text_embedding_batch([t for _, t in part])
                    cache.put_many([(k, v) for (k, _), v in zip(part, vecs, strict=True)])
                    found.update({k: v for (k, _), v in zip(part, vecs, strict=True)})
                    n_chars = sum(len(t) for _, t in part)
                    report.chars_embedded += n_chars
                    report.chunks_embedded += len(part)
                    bar.update(n_chars)
            if counter is not None:
                report.tokens_embedded = sum(counter(t) for _, t in todo)
        return [found[k] for k in keys]
    finally:
        cache.close()


def _document_catalogue(
    docs: list[Document], records: list[ChunkRecord], fingerprints: dict[str, str], previous: dict[str, Any]
) -> list[dict[str, Any]]:
    """Per-document facts served by GET /documents."""
    counts = Counter(r.doc_id for r in records)
    out = []
    for doc in docs:
        spec = doc.spec
        out.append(
            {
                "doc_id": spec.doc_id,
                "title": spec.title,
                "kind": spec.kind,
                "date": spec.date,
                "source_url": spec.source_url,
                "sha256": spec.sha256,
                "chars": len(doc.text),
                "pages": [doc.pages[0].number, doc.pages[-1].number] if doc.pages else None,
                "chunks": counts.get(spec.doc_id, 0),
                "fingerprint": fingerprints.get(spec.doc_id),
            }
        )
    return out
