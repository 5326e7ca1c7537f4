"""Index versions on disk: each ingest builds ``versions/vNNNN.partial`` and publishes it atomically.

``CURRENT`` names the live version and is replaced with ``os.replace`` only after the version is
complete, so a crash at any point leaves the previous version fully usable.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dgplan.errors import IndexNotReady

PARTIAL_SUFFIX = ".partial"


class VersionStore:
    """The ``versions/`` folder, the ``CURRENT`` pointer and the ingest lock of one index directory."""

    def __init__(self, index_dir: Path) -> None:
        self.root = index_dir
        self.versions_dir = index_dir / "versions"
        self.current_file = index_dir / "CURRENT"

    def current(self) -> str | None:
        """Name of the live version, or None before the first complete ingest."""
        try:
            name = self.current_file.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return name if name and (self.versions_dir / name).is_dir() else None

    def require_current(self) -> tuple[str, Path]:
        name = self.current()
        if name is None:
            raise IndexNotReady(f"no index in {self.root}: run `dgplan ingest` first")
        return name, self.versions_dir / name

    def path(self, name: str) -> Path:
        return self.versions_dir / name

    def next_name(self) -> str:
        """A fresh version name greater than every existing one (complete or partial)."""
        self.versions_dir.mkdir(parents=True, exist_ok=True)
        numbers = [
            int(p.name.removesuffix(PARTIAL_SUFFIX)[1:])
            for p in self.versions_dir.iterdir()
            if p.name.startswith("v") and p.name.removesuffix(PARTIAL_SUFFIX)[1:].isdigit()
        ]
        return f"v{max(numbers, default=0) + 1:04d}"

    def start(self, name: str) -> Path:
        """Create the working folder of a version being built."""
        work = self.versions_dir / f"{name}{PARTIAL_SUFFIX}"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        return work

    def publish(self, name: str) -> Path:
        """Make a finished version live: rename its folder, then swap CURRENT atomically."""
        work = self.versions_dir / f"{name}{PARTIAL_SUFFIX}"
        final = self.versions_dir / name
        os.replace(work, final)
        tmp = self.current_file.with_suffix(".tmp")
        tmp.write_text(name + "\n", encoding="utf-8")
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, self.current_file)
        return final

    def complete_versions(self) -> list[str]:
        if not self.versions_dir.is_dir():
            return []
        return sorted(
            p.name for p in self.versions_dir.iterdir() if p.is_dir() and not p.name.endswith(PARTIAL_SUFFIX)
        )

    def prune(self, keep: int) -> list[str]:
        """Delete leftover partial folders and all but the newest ``keep`` complete versions."""
        current = self.current()
        kept = self.complete_versions()[-keep:]
        if current and current not in kept:
            kept.append(current)
        removed = []
        if self.versions_dir.is_dir():
            for p in self.versions_dir.iterdir():
                if p.is_dir() and p.name not in kept:
                    shutil.rmtree(p, ignore_errors=True)
                    removed.append(p.name)
        return removed

    def kept(self) -> set[str]:
        return set(self.complete_versions())

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Only one ingest at a time per index directory (the second waits)."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / "ingest.lock", "w") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def write_json(path: Path, data: Any) -> None:
    """Write JSON via a temporary file so readers never see half a file."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)
