"""Build or update the index: load + repair documents, chunk and embed (IngestionPipeline), store, publish.

Incremental (document fingerprints, embedding cache) and atomic (a new version goes live only
when complete), so re-running after a crash finishes the job and never breaks the live index.
A document whose fingerprint is unchanged is not loaded again: its repaired text, chunks, BM25 tokens and
vectors come from the previous version, and derived artefacts that read none of the changed documents are
copied from it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from llama_index.core.schema import BaseNode
from tqdm import tqdm

from corpus.collections import CORE_COLLECTION, enabled_specs
from corpus.document import Document, DocumentSpec
from corpus.load import load_document
from corpus.manifest import file_sha256, read_corpus
from corpus.thai_text import key_ngrams, key_tokens
from dgplan.errors import DgplanError
from dgplan.settings import Settings
from index.bm25_component import BM25Index, bm25_text, read_tokens, write_tokens
from index.chroma_component import (
    VECTORS_FILE,
    ChromaChunkStore,
    VectorLayout,
    build_client,
    collection_name,
    drop_stale_collections,
)
from index.chunk_record import ChunkRecord, read_chunks, write_chunks
from index.chunking.node_parser import to_llama_document
from index.doc_store import read_documents, write_documents
from index.embedding_component import embedding_id
from index.ingest_pipeline import CachedEmbedding, build_ingestion_pipeline
from index.versions import VersionStore, read_json, write_json

log = logging.getLogger(__name__)

# Source files whose behaviour shapes the chunks: a change to any of them re-chunks everything.
_PIPELINE_SOURCES = (  # code and data that decide chunks, vectors and derived tables (not admin, sync or audit)
    "corpus/document.py", "corpus/gazette_pages.py", "corpus/load.py", "corpus/loaders.py", "corpus/manifest.py",
    "corpus/thai_repair.py", "index/chunking", "index/projects", "index/plan", "corpus/thai_text.py",
    "index/chunk_record.py", "index/ingest.py", "index/derived.py", "index/bm25_component.py",
    "index/chroma_component.py", "index/laws", "index/doc_store.py", "index/ingest_pipeline.py",
)
_PIPELINE_SUFFIXES = frozenset({".py", ".yaml", ".yml", ".json"})


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
        if target.is_dir():
            found = target.rglob("*")
            files = sorted(f for f in found if f.suffix in _PIPELINE_SUFFIXES and "__pycache__" not in f.parts)
        else:
            files = [target]
        for f in files:
            h.update(f.relative_to(root).as_posix().encode())
            h.update(f.read_bytes())
    ngrams = settings.retrieval.ngram_weight > 0
    h.update(f"{settings.index.max_chunk_chars}|{embedding_id(settings.embedding)}|ngrams={ngrams}".encode())
    return h.hexdigest()[:16]


def document_fingerprints(specs: list[DocumentSpec], pipeline: str) -> dict[str, str]:
    """Fingerprint per document: file content + metadata used in citations + pipeline."""
    out = {}
    for spec in specs:
        try:
            content = file_sha256(spec.path)
        except OSError as exc:
            content = f"unreadable:{exc}"
        fields = [spec.title, spec.kind, spec.source_url, spec.date]
        if spec.collection != CORE_COLLECTION:  # core fingerprints stay those of indexes built before collections
            fields.append(spec.collection)
        meta = json.dumps(fields, ensure_ascii=False)
        out[spec.doc_id] = hashlib.sha256(f"{content}|{meta}|{pipeline}".encode()).hexdigest()[:20]
    return out


ExtraBuilder = Callable[[list[Document], Path], None]


@dataclass(frozen=True)
class DerivedArtefact:
    """A builder with what it reads and writes, so an ingest copies its files when none of that changed."""

    build: ExtraBuilder
    outputs: tuple[str, ...]  # files it writes in the version directory
    kinds: frozenset[str] | None = None  # kinds of document it reads; None: every document
    inputs: tuple[str, ...] = ()  # files of builders before it that it reads

    @property
    def name(self) -> str:
        return getattr(self.build, "__name__", repr(self.build))

    def fingerprint(self, docs: list[Document], fingerprints: dict[str, str], pipeline: str, work: Path) -> str:
        """Hash of the documents and files it reads (and the code, through the pipeline)."""
        h = hashlib.sha256(f"{pipeline}|{self.name}|{sorted(self.kinds or ['*'])}".encode())
        for doc in sorted(docs, key=lambda d: d.doc_id):
            if self.kinds is None or doc.spec.kind in self.kinds:
                h.update(f"|{doc.doc_id}:{fingerprints.get(doc.doc_id)}".encode())
        for name in self.inputs:
            path = work / name
            h.update(f"|{name}:".encode() + (hashlib.sha256(path.read_bytes()).digest() if path.exists() else b"-"))
        return h.hexdigest()[:20]


def ingest(
    settings: Settings,
    *,
    progress: bool = True,
    extra_builders: list[ExtraBuilder | DerivedArtefact] | None = None,
) -> IngestReport:
    """Bring the index up to date with the corpus directory; returns what was done."""
    store = VersionStore(settings.index_dir)
    with store.lock():
        return _ingest_locked(settings, store, progress, extra_builders or [])


def _ingest_locked(
    settings: Settings, store: VersionStore, progress: bool, extra_builders: list[ExtraBuilder | DerivedArtefact]
) -> IngestReport:
    report = IngestReport()
    t0 = time.perf_counter()
    specs, shadowed = enabled_specs(read_corpus(settings.resolved_corpus_dir), settings.corpus.collections)
    if shadowed:
        log.info("%d library documents left out: a core document is the same Act (%s…)", len(shadowed), shadowed[0])
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

    # 1. load + repair the new and changed documents (an unchanged one is read back from the previous
    #    version with its chunks and BM25 tokens); keep going past broken ones.
    t = time.perf_counter()
    prev_dir = store.path(current) if current else None
    same = {d for d, fp in fingerprints.items() if prev_fps.get(d) == fp}
    reused = read_documents(prev_dir, {s.doc_id: s for s in specs if s.doc_id in same}) if prev_dir else {}
    docs: list[Document] = []
    repairs: Counter[str] = Counter()
    for spec in tqdm(specs, desc="load+repair", unit="doc", disable=not progress):
        doc = reused.get(spec.doc_id)
        if doc is None:
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

    # 2. the llama-index pipeline (index/ingest_pipeline.py), in index order: StructureNodeParser cuts the loaded
    #    documents and passes on the stored chunks of unchanged ones (and the previous chunks of a document that
    #    now fails to load); CachedEmbedding gives every chunk its vector, embedding only text the cache lacks
    t = time.perf_counter()
    failed_ids = {d for d, _ in report.failed}
    prev_chunks: dict[str, list[ChunkRecord]] = {}
    if prev_dir is not None and (reused or failed_ids):
        for rec in read_chunks(prev_dir):
            prev_chunks.setdefault(rec.doc_id, []).append(rec)
    name = store.next_name()
    work = store.start(name)
    records, vectors = _chunk_and_embed(settings, docs, reused, prev_chunks, sorted(failed_ids), report, progress)
    embed_s = report.timings_s.pop("embed")
    report.timings_s["chunk"] = time.perf_counter() - t - embed_s  # the parser and node conversions
    report.timings_s["embed"] = embed_s

    # 3. vector store: a fresh collection for this version holding what the previous version's base lacks
    t = time.perf_counter()
    client = build_client(settings.chroma, settings.index_dir / "chroma")
    unchanged = {r.chunk_id for r in records if r.doc_id in reused or r.doc_id in failed_ids}
    layout = _vector_layout(client, name, current, prev_dir, unchanged, len(records))
    chroma = ChromaChunkStore(client, name, layout)
    chroma.create()
    from_base = set(layout.from_base)
    todo = [i for i, r in enumerate(records) if r.chunk_id not in from_base]
    chroma.add(
        [records[i].chunk_id for i in todo],
        [vectors[i] for i in todo],
        [records[i].text for i in todo],
        [records[i].metadata() for i in todo],
    )
    write_json(work / VECTORS_FILE, layout.to_json())
    report.timings_s["chroma"] = time.perf_counter() - t

    # 4. BM25 on the damage-insensitive key (tokens of unchanged chunks reused), chunk and document catalogues
    t = time.perf_counter()
    with_ngrams = settings.retrieval.ngram_weight > 0  # the n-gram field costs most of the BM25 build: only if fused
    old_tokens = read_tokens(prev_dir) if prev_dir is not None and unchanged else {}
    rows: list[tuple[str, list[str], list[str]]] = []
    for r in records:
        known = old_tokens.get(r.chunk_id) if r.chunk_id in unchanged else None
        if known is None:
            text = bm25_text(r.title, r.section, r.text)
            known = (key_tokens(text), key_ngrams(text) if with_ngrams else [])
        rows.append((r.chunk_id, *known))
    tokens = [words for _, words, _ in rows]
    BM25Index.build(tokens, [grams for _, _, grams in rows] if with_ngrams else None).save(work / "bm25")
    write_tokens(work, rows)
    # term statistics of the core corpus only: an enabled library must not shift how answers weigh core words
    core = [toks for r, toks in zip(records, tokens, strict=True) if r.collection == CORE_COLLECTION]
    document_frequencies = Counter(t for toks in core for t in set(toks))
    write_json(work / "term_df.json", {"n": len(core), "df": dict(document_frequencies)})
    report.timings_s["bm25"] = time.perf_counter() - t

    t = time.perf_counter()
    write_chunks(work, records)
    write_documents(work, docs)
    write_json(work / "documents.json", _document_catalogue(docs, records, fingerprints, previous))
    derived = _build_extras(extra_builders, docs, fingerprints, pipeline, work, prev_dir, previous)
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
            "derived": derived,
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        },
    )
    write_json(work / "report.json", report.to_json())
    store.publish(name)
    store.prune(settings.index.keep_versions)
    _prune_vectors(client, store)
    return report


def _chunk_and_embed(
    settings: Settings,
    docs: list[Document],
    reused: dict[str, Document],
    prev_chunks: dict[str, list[ChunkRecord]],
    failed_ids: list[str],
    report: IngestReport,
    progress: bool,
) -> tuple[list[ChunkRecord], list[list[float]]]:
    """Records and vectors of every chunk, in index order, from one run of the ingestion pipeline."""
    inputs: list[BaseNode] = []
    for doc in docs:
        if doc.doc_id in reused:
            inputs.extend(r.to_node() for r in prev_chunks.get(doc.doc_id, []))
        else:
            inputs.append(to_llama_document(doc))
    for doc_id in failed_ids:
        inputs.extend(r.to_node() for r in prev_chunks.get(doc_id, []))
    embedding = CachedEmbedding.from_settings(settings, show_progress=progress)
    nodes = build_ingestion_pipeline(settings, embedding).run(nodes=inputs)
    stats = embedding.stats
    report.chunks = len(nodes)
    report.chunks_cached, report.chunks_embedded = int(stats["chunks_cached"]), int(stats["chunks_embedded"])
    report.chars_embedded, report.tokens_embedded = int(stats["chars_embedded"]), int(stats["tokens_embedded"])
    report.timings_s["embed"] = stats["seconds"]
    return [ChunkRecord.from_node(n) for n in nodes], [n.get_embedding() for n in nodes]


def _prune_vectors(client: Any, store: VersionStore) -> None:
    """After a publish: drop collections no kept version uses, and base entries none takes any more.

    A removed or changed document's old chunks thus leave Chroma once the versions that served them are pruned.
    """
    layouts = [VectorLayout.for_version(v, store.path(v)) for v in store.kept()]
    drop_stale_collections(client, {c for layout in layouts for c in layout.collections()})
    for base in sorted({layout.base for layout in layouts if layout.base}):
        if any(layout.own == base for layout in layouts):  # its own version is kept and searches all of it
            continue
        used = {c for layout in layouts if layout.base == base for c in layout.from_base}
        store_ = ChromaChunkStore(client, "", VectorLayout(base))
        store_.open()
        stale = sorted(store_.ids() - used)
        if stale:
            store_.delete(stale)
            log.info("deleted %d chunks no kept version takes from %s", len(stale), base)


# A version adds its changed chunks to a fresh collection and takes the rest from the last full one; once that
# many chunks would be copied, it builds a full collection instead (the new base).
_REBASE_MIN_CHUNKS = 300
_REBASE_SHARE = 0.2


def _vector_layout(
    client: Any, name: str, current: str | None, prev_dir: Path | None, unchanged: set[str], n_records: int
) -> VectorLayout:
    """Which unchanged chunks this version takes from a base collection (none: a full build)."""
    full = VectorLayout(collection_name(name))
    if current is None or prev_dir is None or not unchanged:
        return full
    prev = VectorLayout.for_version(current, prev_dir)
    if prev.base:  # the previous version's base, for the chunks it took from there and still has
        base, usable = prev.base, unchanged & set(prev.from_base)
    else:  # the previous version was a full build: its collection becomes the base
        base, usable = prev.own, unchanged
    if n_records - len(usable) > max(_REBASE_MIN_CHUNKS, _REBASE_SHARE * n_records):
        return full
    try:
        client.get_collection(base, embedding_function=None)
    except Exception:  # deleted behind our back (another back end, a manual clean-up): build in full
        log.warning("base collection %s is gone: building vectors in full", base)
        return full
    return VectorLayout(collection_name(name), base, sorted(usable))


def _build_extras(
    builders: list[ExtraBuilder | DerivedArtefact],
    docs: list[Document],
    fingerprints: dict[str, str],
    pipeline: str,
    work: Path,
    prev_dir: Path | None,
    previous: dict[str, Any],
) -> dict[str, str]:
    """Run the derived-artefact builders in order; copy a declared one's files when its inputs are unchanged."""
    done: dict[str, str] = {}
    before: dict[str, str] = previous.get("derived", {})
    for builder in builders:
        if not isinstance(builder, DerivedArtefact):
            builder(docs, work)
            continue
        fp = builder.fingerprint(docs, fingerprints, pipeline, work)
        done[builder.name] = fp
        if prev_dir is not None and before.get(builder.name) == fp:
            for out in builder.outputs:
                if (prev_dir / out).exists():
                    shutil.copy2(prev_dir / out, work / out)
            continue
        builder.build(docs, work)
    return done


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
