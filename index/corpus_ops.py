"""Corpus changes that end in a new index version: add, replace, remove or sync, then ingest.

Each operation holds the corpus edit lock from its edit to the end of its ingest, so two operations never
interleave (the ingest lock inside serialises them with plain ``dgplan ingest`` runs too), and the ingest
publishes atomically: until it completes, and after a crash, the previous version stays the one served.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus import audit_log
from corpus.admin import CorpusEditor, DocumentMeta, EditResult, check_document, derive_doc_id, fetch_url
from corpus.law_library import ProgressFactory, sync_library
from corpus.sync import sync_corpus
from dgplan.errors import DocumentRejected
from dgplan.settings import Settings
from index.build import run_ingest
from index.ingest import IngestReport

log = logging.getLogger(__name__)

StageCallback = Callable[[str], None]


@dataclass
class OpResult:
    """What one operation changed in the corpus and the index version its ingest produced."""

    action: str
    edits: list[EditResult] = field(default_factory=list)
    report: IngestReport | None = None
    sync_summary: str | None = None
    sync_failed: list[tuple[str, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        r = self.report
        return {
            "action": self.action,
            "edits": [e.__dict__ for e in self.edits],
            "sync": self.sync_summary,
            "index_version": r.version if r else None,
            "ingest": None
            if r is None
            else {
                "status": r.status,
                "added": r.added,
                "changed": r.changed,
                "removed": r.removed,
                "failed": r.failed,
                "chunks": r.chunks,
                "chunks_embedded": r.chunks_embedded,
                "chunks_cached": r.chunks_cached,
                "seconds": round(r.timings_s.get("total", 0.0), 2),
            },
        }

    def summary(self) -> str:
        lines = [f"{e.action}: {e.doc_id}" + (f" ({e.file})" if e.file else "") for e in self.edits]
        if self.sync_summary:
            lines.append(self.sync_summary)
        if self.report is not None:
            lines.append(self.report.summary())
        return "\n".join(lines)


class CorpusOps:
    """The one implementation of corpus administration; the CLI and the admin API both call it."""

    def __init__(
        self, settings: Settings, key_id: str = "cli", on_stage: StageCallback | None = None, progress: bool = False
    ) -> None:
        self.settings = settings
        self.progress = progress  # progress bars on the terminal for the ingest (the CLI), none for the API
        self.key_id = key_id
        self.editor = CorpusEditor(settings.resolved_corpus_dir)
        self._on_stage = on_stage or (lambda _stage: None)

    @property
    def max_bytes(self) -> int:
        return int(self.settings.admin.max_upload_mb * 1_000_000)

    def check(self, data: bytes, filename: str) -> str:
        """Refuse an unsafe or unsupported file before anything changes; returns its stored suffix."""
        return check_document(
            data, filename, max_bytes=self.max_bytes, max_pdf_pages=self.settings.admin.max_pdf_pages
        )

    def add(self, data: bytes, filename: str, meta: DocumentMeta, *, replace: bool = False) -> OpResult:
        """Add (or, with ``replace``, replace) one document, then ingest."""
        action = "replace" if replace else "add"
        doc_id = meta.doc_id or derive_doc_id(filename, data)
        meta = DocumentMeta(meta.kind, meta.title, meta.source_url, doc_id, meta.date)

        def edit() -> OpResult:
            suffix = self.check(data, filename)
            return OpResult(action, [self.editor.put(data, suffix, meta, replace=replace)])

        return self._run(action, doc_id, edit, filename=filename, bytes=len(data))

    def add_url(self, url: str, meta: DocumentMeta, *, replace: bool = False) -> OpResult:
        """Download a document (size-limited), then add it like a file."""
        try:
            data, name = fetch_url(url, max_bytes=self.max_bytes)
        except DocumentRejected as exc:
            audit_log.record(self.settings.data_dir, key_id=self.key_id, action="add", outcome="refused",
                             doc_id=meta.doc_id, reason=exc.code, detail=exc.detail, url=url)  # fmt: skip
            raise
        meta = DocumentMeta(meta.kind, meta.title, meta.source_url or url, meta.doc_id, meta.date)
        return self.add(data, name, meta, replace=replace)

    def remove(self, doc_id: str) -> OpResult:
        """Remove one document from the corpus, then ingest (it leaves Chroma, BM25 and every registry)."""
        return self._run("remove", doc_id, lambda: OpResult("remove", [self.editor.remove(doc_id)]))

    def sync(self, mirror: Path | None, manifest_path: Path | None) -> OpResult:
        """Apply a mirror (or a manifest's URLs) to the corpus (admin-added documents stay), then ingest."""

        def edit() -> OpResult:
            report = sync_corpus(self.settings.data_dir, mirror=mirror, manifest_path=manifest_path)
            edits = [EditResult(d, "synced") for d in report.synced]
            return OpResult("sync", edits, sync_summary=report.summary(), sync_failed=report.failed)

        return self._run("sync", None, edit, source=str(mirror or manifest_path))

    def sync_library(
        self, source: Path, *, only: str | None = None, limit: int | None = None, bar: ProgressFactory | None = None
    ) -> OpResult:
        """Make the law library the selected Acts of a collection tarball or folder, then ingest."""

        def edit() -> OpResult:
            report = sync_library(self.settings.resolved_corpus_dir, source, only=only, limit=limit, progress=bar)
            return OpResult("sync_library", [], sync_summary=report.summary())

        return self._run("sync_library", None, edit, source=str(source), only=only, limit=limit)

    def _run(self, action: str, doc_id: str | None, edit: Callable[[], OpResult], **details: Any) -> OpResult:
        """Lock, edit, ingest, audit: the shape every operation shares."""
        data_dir = self.settings.data_dir
        self._on_stage("waiting")
        try:
            with self.editor.lock():
                self._on_stage("editing")
                result = edit()
                self._on_stage("ingesting")
                result.report = run_ingest(self.settings, progress=self.progress)
        except DocumentRejected as exc:
            audit_log.record(
                data_dir, key_id=self.key_id, action=action, outcome="refused", doc_id=doc_id,
                reason=exc.code, detail=exc.detail, **details,
            )  # fmt: skip
            raise
        except Exception as exc:  # audited whatever it was, then raised unchanged
            audit_log.record(
                data_dir, key_id=self.key_id, action=action, outcome="failed", doc_id=doc_id,
                detail=f"{type(exc).__name__}: {exc}", **details,
            )  # fmt: skip
            raise
        report = result.report
        audit_log.record(
            data_dir, key_id=self.key_id, action=action, outcome="ok", doc_id=doc_id,
            edits=[f"{e.action}:{e.doc_id}" for e in result.edits],
            index_version=report.version if report else None,
            chunks_embedded=report.chunks_embedded if report else None, **details,
        )  # fmt: skip
        return result
