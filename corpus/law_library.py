"""Sync the Council of State's collection of Thai Acts (a tarball or its extracted folder) as the law library.

The collection files the same Act under several subject groups byte for byte (1,161 files, 671 distinct Acts in
the 2021 snapshot), so files are deduplicated by content; ``law_url_df.csv`` gives each file's title, official
URL and groups. Each distinct Act becomes one manifest entry of kind "act" in the "law_library" collection,
its text written under ``<data>/corpus/law_library/``. The tarball is read in place, never unpacked.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import tarfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from corpus.collections import LAW_LIBRARY, clean_title
from corpus.manifest import MANIFEST_NAME, manifest_data, write_manifest_data
from dgplan.errors import CorpusError

INDEX_CSV = "law_url_df.csv"
LIBRARY_FOLDER = "law_library"
ACT_KIND = "act"
ID_PREFIX = "act-"
_TAR_SUFFIXES = (".tar", ".tar.xz", ".txz", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2")

ProgressFactory = Callable[[int, str], Any]  # (total, description) -> a tqdm-like bar with update() and close()


@dataclass(frozen=True)
class LibraryAct:
    """One distinct Act of the collection: its text and what the index file says about it."""

    sysid: str
    title: str
    source_url: str | None
    law_type: str | None
    groups: tuple[str, ...]
    files: tuple[str, ...]  # every path the collection files it under
    data: bytes

    @property
    def doc_id(self) -> str:
        return f"{ID_PREFIX}{self.sysid}"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class LibrarySyncReport:
    """What a library sync did: files read, distinct Acts, the selection, what was written or removed."""

    files: int = 0
    distinct: int = 0
    selected: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    untitled: list[str] = field(default_factory=list)  # sysids missing from law_url_df.csv

    def summary(self) -> str:
        """Lines for the CLI."""
        lines = [
            f"law library: {self.files} files, {self.distinct} distinct Acts, {len(self.selected)} selected",
            f"  written {len(self.written)}, up to date {len(self.unchanged)}, removed {len(self.removed)}",
        ]
        if self.untitled:
            lines.append(f"  {len(self.untitled)} Acts not in {INDEX_CSV} (titled by their first line)")
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def bad_source(source: Path, reason_th: str, reason_en: str) -> CorpusError:
    """A CorpusError worded in Thai and English, naming the source."""
    return CorpusError(f"{reason_th} / {reason_en}: {source}")


def is_library_source(source: Path) -> bool:
    """A tarball, or a folder with the collection's index file (a core mirror has manifest.json instead)."""
    if source.is_file():
        return True
    return source.is_dir() and not (source / MANIFEST_NAME).is_file() and any(source.rglob(INDEX_CSV))


def read_library(source: Path, progress: ProgressFactory | None = None) -> tuple[int, list[LibraryAct]]:
    """(number of .txt files, the distinct Acts sorted by sysid) of a tarball or folder."""
    files: dict[str, bytes] = {}
    index_rows: list[dict[str, str]] | None = None
    for name, data in _members(source, progress):
        path = PurePosixPath(name)
        if path.name == INDEX_CSV:
            index_rows = _read_index(source, data)
        elif path.suffix.lower() == ".txt" and not any(p.startswith(".") for p in path.parts):
            files[name] = data
    if index_rows is None:
        raise bad_source(source, f"ไม่พบไฟล์ {INDEX_CSV} ในชุดกฎหมาย", f"no {INDEX_CSV} in the collection")
    if not files:
        raise bad_source(source, "ไม่พบไฟล์ .txt ของกฎหมายในชุดนี้", "no .txt files of Acts in the collection")
    rows: dict[str, list[dict[str, str]]] = {}
    for row in index_rows:
        rows.setdefault(str(row.get("sysid", "")).strip(), []).append(row)
    by_hash: dict[str, list[str]] = {}
    for name in sorted(files, key=_sort_key):
        by_hash.setdefault(hashlib.sha256(files[name]).hexdigest(), []).append(name)
    acts = [_act(names, files[names[0]], rows) for names in by_hash.values()]
    acts.sort(key=lambda a: _sort_key(a.sysid))
    return len(files), acts


def select_acts(acts: list[LibraryAct], *, only: str | None = None, limit: int | None = None) -> list[LibraryAct]:
    """Acts whose sysid or title matches ``only`` (a regular expression, case-insensitive), the first ``limit``."""
    chosen = acts
    if only:
        try:
            pattern = re.compile(only, re.IGNORECASE)
        except re.error as exc:
            raise CorpusError(f"รูปแบบ --only ไม่ถูกต้อง / invalid --only pattern {only!r}: {exc}") from exc
        chosen = [a for a in chosen if pattern.search(a.sysid) or pattern.search(a.title)]
    return chosen[:limit] if limit is not None else chosen


def sync_library(
    corpus_dir: Path,
    source: Path,
    *,
    only: str | None = None,
    limit: int | None = None,
    progress: ProgressFactory | None = None,
) -> LibrarySyncReport:
    """Make the corpus folder's law library exactly the selected Acts of ``source``; other entries are untouched."""
    source = Path(source)
    if not source.exists():
        raise bad_source(source, "ไม่พบไฟล์หรือโฟลเดอร์ชุดกฎหมาย", "law collection not found")
    report = LibrarySyncReport()
    report.files, acts = read_library(source, progress)
    report.distinct = len(acts)
    chosen = select_acts(acts, only=only, limit=limit)
    report.selected = [a.doc_id for a in chosen]
    report.untitled = [a.sysid for a in chosen if a.source_url is None]

    corpus = Path(corpus_dir)
    folder = corpus / LIBRARY_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    manifest_path = corpus / MANIFEST_NAME
    manifest = manifest_data(manifest_path, missing_ok=True)
    old = {str(e.get("id")): e for e in manifest["documents"] if e.get("collection") == LAW_LIBRARY}
    entries: list[dict[str, Any]] = []
    for act in chosen:
        relative = f"{LIBRARY_FOLDER}/{act.sysid}.txt"
        target = corpus / relative
        if target.is_file() and hashlib.sha256(target.read_bytes()).hexdigest() == act.sha256:
            report.unchanged.append(act.doc_id)
        else:
            tmp = target.with_name(target.name + ".part")
            tmp.write_bytes(act.data)
            os.replace(tmp, target)
            report.written.append(act.doc_id)
        entries.append(_entry(act, relative))
    keep = {e["file"] for e in entries}
    for doc_id, entry in old.items():
        if doc_id not in report.selected:
            report.removed.append(doc_id)
            stale = corpus / str(entry.get("file", ""))
            if str(entry.get("file")) not in keep and stale.is_file() and folder in stale.parents:
                stale.unlink()
    others = [e for e in manifest["documents"] if e.get("collection") != LAW_LIBRARY]
    write_manifest_data(manifest_path, {**manifest, "documents": [*others, *entries]})
    return report


def _entry(act: LibraryAct, relative: str) -> dict[str, Any]:
    """The manifest entry of one Act."""
    return {
        "id": act.doc_id,
        "file": relative,
        "kind": ACT_KIND,
        "title": act.title,
        "source_url": act.source_url,
        "sha256": act.sha256,
        "lang": "th",
        "collection": LAW_LIBRARY,
        "sysid": act.sysid,
        "law_type": act.law_type,
        "law_groups": list(act.groups),
        "filed_as": list(act.files),
    }


def _act(names: list[str], data: bytes, rows: dict[str, list[dict[str, str]]]) -> LibraryAct:
    """A distinct Act from the files holding it (the first by sysid names it) and its index rows."""
    sysids = [PurePosixPath(n).stem for n in names]
    sysid = sysids[0]
    matched = [r for s in dict.fromkeys(sysids) for r in rows.get(s, [])]
    if matched:
        title = clean_title(matched[0].get("title") or "") or _first_line(data) or sysid
        url = (matched[0].get("law_url") or "").strip() or None
        law_type = (matched[0].get("law_type") or "").strip() or None
    else:
        title, url, law_type = _first_line(data) or sysid, None, None
    groups = tuple(dict.fromkeys(g for r in matched if (g := (r.get("law_group") or "").strip())))
    return LibraryAct(sysid, title, url, law_type, groups, tuple(names), data)


def _first_line(data: bytes) -> str:
    """First non-blank line of a text, a title for an Act the index file does not list."""
    for line in data.decode("utf-8", errors="replace").splitlines():
        if line.strip():
            return " ".join(line.split())[:200]
    return ""


def _sort_key(name: str) -> tuple[int, str]:
    """Numeric sysid order ("306651" before "1161000"), then the path."""
    stem = PurePosixPath(name).stem
    return (int(stem) if stem.isdigit() else 1 << 62, name)


def _members(source: Path, progress: ProgressFactory | None) -> Iterator[tuple[str, bytes]]:
    """(relative name, bytes) of every regular file in a tarball (read in place) or a folder."""
    if source.is_dir():
        paths = sorted(p for p in source.rglob("*") if p.is_file())
        bar = progress(len(paths), "read") if progress else None
        for path in paths:
            yield path.relative_to(source).as_posix(), path.read_bytes()
            if bar is not None:
                bar.update(1)
        if bar is not None:
            bar.close()
        return
    if not source.name.lower().endswith(_TAR_SUFFIXES) and not tarfile.is_tarfile(source):
        raise bad_source(source, "ไฟล์นี้ไม่ใช่ tarball ของชุดกฎหมาย", "not a tarball of the law collection")
    bar = progress(source.stat().st_size, "read") if progress else None
    try:
        with open(source, "rb") as raw, tarfile.open(fileobj=raw, mode="r:*") as tar:
            done = 0
            for member in tar:
                if bar is not None and raw.tell() > done:
                    bar.update(raw.tell() - done)
                    done = raw.tell()
                if not member.isfile():
                    continue
                handle = tar.extractfile(member)
                if handle is not None:
                    yield member.name, handle.read()
    except (tarfile.TarError, EOFError, OSError, ValueError) as exc:  # lzma raises LZMAError, an OSError/ValueError
        raise bad_source(source, "อ่าน tarball ของชุดกฎหมายไม่ได้ (ไฟล์เสียหรือไม่ครบ)",
                         f"cannot read the law collection tarball ({type(exc).__name__}: {exc})") from exc
    finally:
        if bar is not None:
            bar.close()


def _read_index(source: Path, data: bytes) -> list[dict[str, str]]:
    """Rows of law_url_df.csv (title, law_url, sysid, law_group, law_type)."""
    try:
        text = data.decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text)))
    except (UnicodeDecodeError, csv.Error) as exc:
        raise bad_source(source, f"อ่าน {INDEX_CSV} ไม่ได้", f"cannot read {INDEX_CSV}: {exc}") from exc
    if rows and not {"title", "sysid"} <= set(rows[0]):
        raise bad_source(source, f"{INDEX_CSV} ไม่มีคอลัมน์ title และ sysid", f"{INDEX_CSV} lacks title/sysid columns")
    return rows
