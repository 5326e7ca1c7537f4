"""Add, replace and remove documents in the data directory's corpus, refusing anything unsafe first.

Every write is atomic (temporary file, then ``os.replace``) and every edit happens under one file lock,
so two edits never interleave and a crash leaves either the old or the new manifest, never half of one.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import io
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from corpus.manifest import KINDS, MANIFEST_NAME, read_corpus
from corpus.sync import ADMIN_ORIGIN
from dgplan.errors import CorpusError, DocumentRejected

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,119}")
UPLOAD_FOLDER = "uploads"  # admin-added files live apart from mirrored ones
LOCK_NAME = ".admin.lock"  # hidden: scan_directory ignores dotfiles
_SUFFIXES = {".pdf": "pdf", ".html": "html", ".htm": "html", ".md": "text", ".markdown": "text", ".txt": "text"}
# Per-stream and per-document budgets for reading an uploaded PDF (pypdf's defaults allow 75 MB per stream).
PDF_STREAM_LIMIT = 20_000_000
PDF_WORK_LIMIT = 100_000_000
PDF_TEXT_LIMIT = 20_000_000


@dataclass(frozen=True)
class DocumentMeta:
    """What the person adding a document says about it; ``doc_id`` None means derive one."""

    kind: str = "other"
    title: str | None = None
    source_url: str | None = None
    doc_id: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class EditResult:
    """One corpus edit: which document, what happened (added | replaced | unchanged | removed), its file."""

    doc_id: str
    action: str
    file: str | None = None
    sha256: str | None = None


def validate_doc_id(doc_id: str) -> str:
    """A document id that is safe as a file name and a URL segment: ASCII letters, digits, ``. _ -``."""
    if not isinstance(doc_id, str) or not ID_PATTERN.fullmatch(doc_id) or ".." in doc_id:
        raise DocumentRejected(
            "bad_id",
            f"invalid document id {doc_id!r}: use 1-120 ASCII letters, digits, '.', '_' or '-', "
            "starting with a letter or digit, with no path separators and no '..'",
        )
    return doc_id


def derive_doc_id(filename: str, data: bytes) -> str:
    """An id from a file name (ASCII slug of its stem), or from the content hash when nothing usable is left."""
    stem = PurePosixPath(filename.replace("\\", "/")).stem if filename else ""
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_stem).strip("-")[:80]
    if len(slug) < 3:
        slug = f"doc-{hashlib.sha256(data).hexdigest()[:12]}"
    return validate_doc_id(slug)


def sniff_suffix(data: bytes, filename: str = "") -> str:
    """The file type read from the bytes (.pdf, .html, .md or .txt); a name that contradicts it is refused."""
    head = data[:2048]
    if b"%PDF-" in data[:1024]:
        family, suffix = "pdf", ".pdf"
    else:
        text = _decode_text(data)
        if text is None:
            raise DocumentRejected(
                "bad_type", "unsupported file type: the content is neither PDF, HTML nor UTF-8/TIS-620 text"
            )
        low = head.lower()
        if b"<html" in low or b"<!doctype html" in low:
            family, suffix = "html", ".html"
        else:
            named = PurePosixPath(filename).suffix.lower()
            is_md = named in (".md", ".markdown") or text.lstrip("\ufeff").startswith(("---\n", "# "))
            family, suffix = "text", ".md" if is_md else ".txt"
    named_family = _SUFFIXES.get(PurePosixPath(filename.replace("\\", "/")).suffix.lower())
    if filename and named_family is not None and named_family != family:
        raise DocumentRejected(
            "type_mismatch",
            f"{PurePosixPath(filename).name!r} is named as {named_family.upper()} but its content is "
            f"{family.upper()}: the content decides, so rename the file or upload the right one",
        )
    return suffix


def _decode_text(data: bytes) -> str | None:
    """UTF-8 (or legacy TIS-620) text without binary control bytes, else None."""
    if b"\x00" in data:
        return None
    for encoding in ("utf-8-sig", "cp874"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\n\r\t\f")
        return text if controls <= len(text[:20000]) // 100 else None
    return None


def check_pdf(data: bytes, max_pages: int) -> int:
    """Open a PDF under tight decompression limits and extract its text; returns its page count.

    Refuses decompression bombs (a stream inflating past the limit), encrypted, broken, oversized and
    image-only PDFs, so nothing that would hang or blank the ingest reaches the corpus.
    """
    from pypdf import PdfReader, apply_configuration
    from pypdf.errors import LimitReachedError, PyPdfError

    limits = {
        "zlib_maximum_output_length": PDF_STREAM_LIMIT,
        "lzw_maximum_output_length": PDF_STREAM_LIMIT,
        "run_length_maximum_output_length": PDF_STREAM_LIMIT,
        "array_based_stream_maximum_output_length": PDF_STREAM_LIMIT,
        "maximum_declared_stream_length": PDF_STREAM_LIMIT,
        "stream_decoding_work_maximum_length": PDF_WORK_LIMIT,
    }
    try:
        with apply_configuration(None, **limits):
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                raise DocumentRejected("bad_pdf", "encrypted PDF: upload an unencrypted copy")
            pages = len(reader.pages)
            if pages == 0:
                raise DocumentRejected("bad_pdf", "the PDF has no pages")
            if pages > max_pages:
                raise DocumentRejected("too_many_pages", f"the PDF has {pages} pages; the limit is {max_pages}")
            total = 0
            for page in reader.pages:
                _decode_contents(page)  # extract_text() swallows a limit error and returns "": decode first
                total += len((page.extract_text() or "").strip())
                if total > PDF_TEXT_LIMIT:
                    raise DocumentRejected("pdf_bomb", "the PDF's text is larger than 20 million characters")
    except DocumentRejected:
        raise
    except LimitReachedError as exc:
        raise DocumentRejected(
            "pdf_bomb", f"the PDF inflates past the safety limits (decompression bomb?): {exc}"
        ) from exc
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise DocumentRejected("bad_pdf", f"unreadable PDF ({type(exc).__name__}: {exc})") from exc
    if total == 0:
        raise DocumentRejected("bad_pdf", f"the PDF has no extractable text in {pages} page(s) (scanned?)")
    return pages


def _decode_contents(page: Any) -> None:
    """Inflate a page's content streams under the active limits, so a bomb raises instead of reading empty."""
    contents = page.get("/Contents")
    if contents is None:
        return
    contents = contents.get_object()
    streams = [x.get_object() for x in contents] if isinstance(contents, list) else [contents]
    for stream in streams:
        if hasattr(stream, "get_data"):
            stream.get_data()


def check_document(data: bytes, filename: str, *, max_bytes: int, max_pdf_pages: int) -> str:
    """Size, type and (for PDFs) safety checks on an offered file; returns the suffix to store it under."""
    if len(data) > max_bytes:
        raise DocumentRejected(
            "too_large", f"the file is {len(data) / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.1f} MB"
        )
    if not data.strip():
        raise DocumentRejected("empty", "the file is empty")
    suffix = sniff_suffix(data, filename)
    if suffix == ".pdf":
        check_pdf(data, max_pdf_pages)
    return suffix


def fetch_url(url: str, *, max_bytes: int, timeout: float = 60.0) -> tuple[bytes, str]:
    """Download a document (http/https only) without reading past ``max_bytes``; returns bytes and a file name."""
    import httpx

    if not url.startswith(("http://", "https://")):
        raise DocumentRejected("bad_url", f"only http(s) URLs can be added: {url!r}")
    chunks: list[bytes] = []
    size = 0
    try:
        with httpx.stream("GET", url, timeout=timeout, follow_redirects=True) as response:
            response.raise_for_status()
            for block in response.iter_bytes():
                size += len(block)
                if size > max_bytes:
                    raise DocumentRejected("too_large", f"{url} is larger than {max_bytes / 1e6:.1f} MB")
                chunks.append(block)
    except httpx.HTTPStatusError as exc:
        raise DocumentRejected("download", f"download failed: HTTP {exc.response.status_code} from {url}") from exc
    except httpx.HTTPError as exc:
        raise DocumentRejected("download", f"download failed: {type(exc).__name__} {exc} ({url})") from exc
    name = PurePosixPath(httpx.URL(url).path).name or "download"
    return b"".join(chunks), name


class CorpusEditor:
    """Edits one corpus folder's manifest.json and files; the manifest is created when the folder has none."""

    def __init__(self, corpus_dir: Path) -> None:
        self.root = Path(corpus_dir)
        self.manifest_path = self.root / MANIFEST_NAME

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """One edit at a time across threads and processes (the CLI and a server may both edit)."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / LOCK_NAME, "w") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def read(self) -> dict[str, Any]:
        """The manifest as a dict; a folder without one is described from its files (paths made relative)."""
        if self.manifest_path.is_file():
            try:
                data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise CorpusError(f"cannot read manifest {self.manifest_path}: {exc}") from exc
            if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
                raise CorpusError(f"malformed manifest {self.manifest_path}")
            return data
        if not self.root.is_dir():
            return {"documents": []}
        return {
            "documents": [
                {
                    "id": s.doc_id,
                    "kind": s.kind,
                    "title": s.title,
                    "file": s.path.relative_to(self.root).as_posix(),
                }
                for s in read_corpus(self.root)
            ]
        }

    def write(self, manifest: dict[str, Any]) -> None:
        """Replace the manifest atomically."""
        _write_bytes_atomic(
            self.manifest_path, (json.dumps(manifest, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
        )

    def entry(self, doc_id: str) -> dict[str, Any] | None:
        return next((e for e in self.read()["documents"] if e.get("id") == doc_id), None)

    def put(self, data: bytes, suffix: str, meta: DocumentMeta, *, replace: bool) -> EditResult:
        """Store a checked file under ``uploads/`` and point the manifest at it (call inside ``lock``).

        ``replace`` False refuses an existing id; True refuses a missing one. Identical bytes and metadata
        leave everything as it is.
        """
        doc_id = validate_doc_id(meta.doc_id or "")
        if meta.kind not in KINDS:
            raise DocumentRejected("bad_kind", f"unknown kind {meta.kind!r}: use one of {', '.join(KINDS)}")
        manifest = self.read()
        entries: list[dict[str, Any]] = manifest["documents"]
        index = next((i for i, e in enumerate(entries) if e.get("id") == doc_id), None)
        if index is not None and not replace:
            raise DocumentRejected("exists", f"a document with id {doc_id!r} already exists: replace it instead")
        if index is None and replace:
            raise DocumentRejected("not_found", f"no document with id {doc_id!r} to replace")
        old = entries[index] if index is not None else None
        sha = hashlib.sha256(data).hexdigest()
        relative = f"{UPLOAD_FOLDER}/{doc_id}{suffix}"
        title = (meta.title or "").strip() or (old.get("title") if old else None) or doc_id
        entry = {
            "id": doc_id,
            "kind": meta.kind,
            "title": " ".join(title.split())[:500],
            "source_url": meta.source_url if meta.source_url is not None else (old or {}).get("source_url"),
            "date": meta.date if meta.date is not None else (old or {}).get("date"),
            "file": relative,
            "sha256": sha,
            "origin": ADMIN_ORIGIN,
        }
        if old is not None:
            same = {k: old.get(k) for k in ("kind", "title", "source_url", "date", "file", "sha256")}
            if same == {k: entry[k] for k in same} and (self.root / relative).is_file():
                return EditResult(doc_id, "unchanged", relative, sha)
        entry["added_at"] = datetime.now(UTC).isoformat(timespec="seconds")
        _write_bytes_atomic(self.root / relative, data)
        if index is None:
            entries.append(entry)
        else:
            entries[index] = entry
        self.write(manifest)
        if old is not None and old.get("file") and old["file"] != relative:
            self._unlink(old["file"])
        return EditResult(doc_id, "replaced" if old is not None else "added", relative, sha)

    def remove(self, doc_id: str) -> EditResult:
        """Drop a document from the manifest, then delete its file (call inside ``lock``)."""
        validate_doc_id(doc_id)
        manifest = self.read()
        entries: list[dict[str, Any]] = manifest["documents"]
        old = next((e for e in entries if e.get("id") == doc_id), None)
        if old is None:
            raise DocumentRejected("not_found", f"no document with id {doc_id!r} in the corpus")
        manifest["documents"] = [e for e in entries if e is not old]
        self.write(manifest)
        if old.get("file"):
            self._unlink(old["file"])
        return EditResult(doc_id, "removed", old.get("file"), old.get("sha256"))

    def _unlink(self, relative: str) -> None:
        """Delete a file of the corpus folder; paths that would leave the folder are ignored."""
        path = (self.root / relative).resolve()
        if self.root.resolve() in path.parents and path.is_file():
            path.unlink()


def _write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder, fsync, then rename over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
