"""`dgplan corpus sync --check`: what a sync would change in the index, computed without changing anything.

A source document is compared with the live index version by the same fingerprint ingest uses (file
content + citation metadata + the version's pipeline), so "0 differences" means a sync plus ingest would
build nothing new.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from corpus.admin import ADMIN_ORIGIN, CorpusEditor
from corpus.collections import CORE_COLLECTION
from corpus.document import DocumentSpec
from corpus.manifest import MANIFEST_NAME, read_manifest
from dgplan.errors import CorpusError
from dgplan.settings import Settings
from index.ingest import document_fingerprints
from index.versions import VersionStore, read_json


@dataclass
class CorpusDiff:
    """Documents new in the source, changed, or gone from it, relative to the live index version."""

    source: str
    index_version: str | None
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    local: list[str] = field(default_factory=list)  # admin-added documents a sync keeps
    unchanged: int = 0
    unchecked: list[tuple[str, str]] = field(default_factory=list)  # (doc_id, why it could not be compared)

    @property
    def differences(self) -> int:
        return len(self.new) + len(self.changed) + len(self.removed)

    def to_json(self) -> dict[str, Any]:
        return {**self.__dict__, "differences": self.differences}

    def summary(self) -> str:
        lines = [
            f"corpus sync --check against {self.source} (index {self.index_version or 'none'}): "
            f"{self.differences} differences — {len(self.new)} new, {len(self.changed)} changed, "
            f"{len(self.removed)} removed, {self.unchanged} unchanged, {len(self.local)} admin-added kept"
        ]
        for name in ("new", "changed", "removed"):
            lines.extend(f"  {name.upper():8s} {doc_id}" for doc_id in getattr(self, name))
        lines.extend(f"  UNCHECKED {doc_id}: {why}" for doc_id, why in self.unchecked)
        return "\n".join(lines)


def diff_corpus(settings: Settings, *, mirror: Path | None = None, manifest_path: Path | None = None) -> CorpusDiff:
    """Compare a mirror folder (or, without one, the documents at a manifest's URLs) with the live index."""
    store = VersionStore(settings.index_dir)
    version = store.current()
    indexed: dict[str, str] = {}
    failed: set[str] = set()
    pipeline = ""
    if version is not None:
        manifest = read_json(store.path(version) / "manifest.json")
        indexed = dict(manifest.get("fingerprints", {}))
        failed = {str(d) for d, _ in manifest.get("failed", [])}
        pipeline = str(manifest.get("pipeline", ""))
    local = {
        str(e.get("id"))
        for e in CorpusEditor(settings.resolved_corpus_dir).read()["documents"]
        if e.get("origin") == ADMIN_ORIGIN or e.get("collection", CORE_COLLECTION) != CORE_COLLECTION
    }
    diff = CorpusDiff(source=str(mirror or manifest_path), index_version=version)
    with tempfile.TemporaryDirectory(prefix="dgplan-check-") as tmp:
        if mirror is not None:
            specs = _mirror_specs(mirror, diff)
        elif manifest_path is not None:
            specs = _downloaded_specs(manifest_path, Path(tmp), diff)
        else:
            raise CorpusError("sync --check needs a mirror folder or a manifest")
        source_fps = document_fingerprints(specs, pipeline)
    checked = {d for d, _ in diff.unchecked}
    for doc_id, fp in sorted(source_fps.items()):
        if doc_id not in indexed:
            if doc_id not in failed:
                diff.new.append(doc_id)
        elif indexed[doc_id] != fp:
            diff.changed.append(doc_id)
        else:
            diff.unchanged += 1
    for doc_id in sorted(set(indexed) - set(source_fps) - checked):
        (diff.local if doc_id in local else diff.removed).append(doc_id)
    return diff


def _mirror_specs(mirror: Path, diff: CorpusDiff) -> list[DocumentSpec]:
    """The mirror's documents whose files exist inside it; the rest are listed as unchecked."""
    specs: list[DocumentSpec] = []
    root = mirror.resolve()
    for spec in read_manifest(mirror / MANIFEST_NAME, mirror):
        path = spec.path.resolve()
        if root not in path.parents:
            diff.unchecked.append((spec.doc_id, f"unsafe file path {spec.path}"))
        elif not path.is_file():
            diff.unchecked.append((spec.doc_id, f"not in mirror: {spec.path.relative_to(mirror)}"))
        else:
            specs.append(spec)
    return specs


def _downloaded_specs(manifest_path: Path, tmp: Path, diff: CorpusDiff) -> list[DocumentSpec]:
    """Fetch each document's source URL into a temporary folder (nothing in the data directory changes)."""
    import httpx

    from corpus.sync import USER_AGENT

    specs: list[DocumentSpec] = []
    with httpx.Client(timeout=60, follow_redirects=True, headers={"User-Agent": USER_AGENT}) as client:
        for spec in read_manifest(manifest_path, tmp):
            if not spec.source_url:
                diff.unchecked.append((spec.doc_id, "no source_url"))
                continue
            try:
                response = client.get(spec.source_url)
                response.raise_for_status()
            except httpx.HTTPError as exc:
                diff.unchecked.append((spec.doc_id, f"download failed: {type(exc).__name__} {exc}"))
                continue
            target = tmp / f"{len(specs):04d}" / PurePosixPath(spec.path.name).name
            target.parent.mkdir(parents=True)
            target.write_bytes(response.content)
            specs.append(
                DocumentSpec(spec.doc_id, spec.kind, spec.title, target, spec.source_url, spec.sha256, spec.date)
            )
    return specs
