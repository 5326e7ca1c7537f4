"""Fill ``data_dir/corpus`` from a read-only mirror folder or from the documents' source URLs."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from corpus.collections import CORE_COLLECTION
from corpus.manifest import MANIFEST_NAME, file_sha256, manifest_data, write_manifest_data
from dgplan.errors import CorpusError

DOWNLOAD_TIMEOUT = 60.0
USER_AGENT = "dgplan-corpus-sync/0.1"
ADMIN_ORIGIN = "admin"  # manifest "origin" of documents added by `dgplan corpus add` or the admin API


@dataclass
class SyncReport:
    """What a sync did to each document: copied or downloaded, already up to date, or failed and why."""

    synced: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (doc_id, reason)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        """Lines for the CLI: counts first, then one line per failed document with its reason."""
        counts = f"{len(self.synced)} synced, {len(self.skipped)} up to date, {len(self.failed)} failed"
        lines = [f"corpus sync: {counts}"]
        lines.extend(f"FAILED {doc_id}: {reason}" for doc_id, reason in self.failed)
        return "\n".join(lines)


def sync_corpus(
    data_dir: Path, *, mirror: Path | None = None, manifest_path: Path | None = None
) -> SyncReport:
    """Copy (or download) every manifest document into ``data_dir/corpus``, checking hashes."""
    target = Path(data_dir) / "corpus"
    source_manifest = manifest_path or (mirror / MANIFEST_NAME if mirror is not None else None)
    if source_manifest is None and (target / MANIFEST_NAME).is_file():
        source_manifest = target / MANIFEST_NAME  # refresh an existing data dir from its own manifest
    if source_manifest is None:
        raise CorpusError("sync needs a mirror folder or a manifest path")
    if not source_manifest.is_file():
        raise CorpusError(f"manifest not found: {source_manifest}")
    if mirror is not None and not mirror.is_dir():
        raise CorpusError(f"mirror folder not found: {mirror}")
    manifest = manifest_data(source_manifest)
    target.mkdir(parents=True, exist_ok=True)
    local = _admin_added(target / MANIFEST_NAME, {str(e.get("id")) for e in manifest["documents"]})

    report = SyncReport()
    client = None if mirror is not None else _http_client()
    try:
        for entry in manifest["documents"]:
            doc_id = str(entry.get("id") or "?")
            try:
                relative = _safe_relative(entry.get("file"))
                if mirror is not None:
                    outcome = _sync_from_mirror(entry, mirror, target, relative)
                else:
                    assert client is not None
                    outcome = _sync_from_url(entry, client, target, relative)
            except _SyncFailure as failure:
                report.failed.append((doc_id, str(failure)))
                continue
            (report.synced if outcome == "synced" else report.skipped).append(doc_id)
    finally:
        if client is not None:
            client.close()
    write_manifest_data(target / MANIFEST_NAME, {**manifest, "documents": [*manifest["documents"], *local]})
    return report


def _admin_added(own_manifest: Path, source_ids: set[str]) -> list[dict[str, Any]]:
    """Documents added through `dgplan corpus add` / the admin API, or synced into a library collection, that the
    source does not list: a sync keeps them."""
    if not own_manifest.is_file():
        return []
    entries = manifest_data(own_manifest)["documents"]
    return [
        e for e in entries
        if (e.get("origin") == ADMIN_ORIGIN or e.get("collection", CORE_COLLECTION) != CORE_COLLECTION)
        and str(e.get("id")) not in source_ids
    ]


class _SyncFailure(Exception):
    """One document could not be synced; the message is the reason shown in the report."""


def _safe_relative(file_field: Any) -> PurePosixPath:
    """The entry's file as a relative path that cannot escape the corpus folder."""
    if not isinstance(file_field, str) or not file_field.strip():
        raise _SyncFailure("manifest entry has no 'file'")
    relative = PurePosixPath(file_field.replace("\\", "/"))
    if relative.is_absolute() or ".." in relative.parts:
        raise _SyncFailure(f"unsafe file path in manifest: {file_field!r}")
    return relative


def _sync_from_mirror(entry: dict[str, Any], mirror: Path, target: Path, relative: PurePosixPath) -> str:
    """Copy one file from the mirror unless the target already has it with the right hash."""
    source = mirror / relative
    destination = target / relative
    expected = entry.get("sha256")
    if not source.is_file():
        raise _SyncFailure(f"not in mirror: {relative}")
    if expected and destination.is_file() and file_sha256(destination) == expected:
        return "skipped"
    if not expected and destination.is_file() and file_sha256(destination) == file_sha256(source):
        return "skipped"
    actual = file_sha256(source)
    if expected and actual != expected:
        raise _SyncFailure(
            f"sha256 mismatch for {relative}: manifest {expected[:12]}…, mirror {actual[:12]}…"
        )
    destination.parent.mkdir(parents=True, exist_ok=True)
    tmp = destination.with_name(destination.name + ".part")
    shutil.copyfile(source, tmp)  # copies bytes only: no mirror permissions or times carried over
    os.replace(tmp, destination)
    return "synced"


def _http_client() -> Any:
    """An httpx client with a timeout and redirects, imported lazily so mirror syncs need no network stack."""
    import httpx

    return httpx.Client(timeout=DOWNLOAD_TIMEOUT, follow_redirects=True, headers={"User-Agent": USER_AGENT})


def _sync_from_url(entry: dict[str, Any], client: Any, target: Path, relative: PurePosixPath) -> str:
    """Download one document; a PDF is kept as .pdf and the manifest copy points at it."""
    import httpx

    url = entry.get("source_url")
    expected = entry.get("sha256")
    for existing in (relative, relative.with_suffix(".pdf"), relative.with_suffix(".html")):
        path = target / existing
        if expected and path.is_file() and file_sha256(path) == expected:
            entry["file"] = existing.as_posix()
            return "skipped"
    if not url:
        raise _SyncFailure("no source_url to download from")
    try:
        response = client.get(url)
        response.raise_for_status()
    except httpx.HTTPStatusError as exc:
        raise _SyncFailure(f"download failed: HTTP {exc.response.status_code} from {url}") from exc
    except httpx.HTTPError as exc:
        raise _SyncFailure(f"download failed: {type(exc).__name__} {exc} ({url})") from exc
    body: bytes = response.content
    if not body:
        raise _SyncFailure(f"download failed: empty response from {url}")
    suffix = _downloaded_suffix(body, response.headers.get("content-type", ""), relative.suffix)
    saved = relative.with_suffix(suffix)
    actual = _sha256_bytes(body)
    if suffix == relative.suffix and expected and actual != expected:
        raise _SyncFailure(f"sha256 mismatch for {url}: manifest {expected[:12]}…, downloaded {actual[:12]}…")
    destination = target / saved
    destination.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=destination.parent, suffix=".part")
    with os.fdopen(fd, "wb") as handle:
        handle.write(body)
    os.replace(tmp, destination)
    if saved != relative:
        # the manifest hash describes the extracted text file, not the source we fetched
        entry["file"] = saved.as_posix()
        entry["text_sha256"] = expected
        entry["sha256"] = actual
    return "synced"


def _downloaded_suffix(body: bytes, content_type: str, default: str) -> str:
    """Extension for downloaded bytes: PDF and HTML are recognised, anything else keeps the manifest's."""
    if body.lstrip()[:5] == b"%PDF-" or "application/pdf" in content_type:
        return ".pdf"
    if "text/html" in content_type and default not in (".html", ".htm"):
        return ".html"
    return default


def _sha256_bytes(body: bytes) -> str:
    """Hex SHA-256 of bytes already in memory."""
    return hashlib.sha256(body).hexdigest()
