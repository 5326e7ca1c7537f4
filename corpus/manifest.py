"""Turn a corpus folder into DocumentSpecs: from its manifest.json, or by scanning its files."""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

import yaml

from corpus.collections import CORE_COLLECTION
from corpus.document import DocumentSpec
from dgplan.errors import CorpusError

MANIFEST_NAME = "manifest.json"
SUPPORTED_SUFFIXES = (".md", ".txt", ".pdf", ".html", ".htm")
KINDS = ("plan", "letter", "law", "act", "standard", "announcement", "other")  # act: an Act of the law library

# Folder names the shared corpus uses, mapped to document kinds, for corpora without a manifest.
_FOLDER_KINDS = {
    "laws": "law",
    "law": "law",
    "plan": "plan",
    "plans": "plan",
    "standards": "standard",
    "standard": "standard",
    "announcements": "announcement",
    "announcement": "announcement",
    "letters": "letter",
    "letter": "letter",
}
_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file, read in blocks so large PDFs do not fill memory."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_corpus(directory: Path) -> list[DocumentSpec]:
    """Specs of every document in a corpus folder; the manifest wins when there is one."""
    directory = Path(directory)
    if not directory.is_dir():
        raise CorpusError(f"corpus directory not found: {directory}")
    manifest = directory / MANIFEST_NAME
    if manifest.is_file():
        return read_manifest(manifest, directory)
    return scan_directory(directory)


def read_manifest(manifest: Path, directory: Path | None = None) -> list[DocumentSpec]:
    """Specs from a manifest.json; file paths are resolved against ``directory`` (default: its folder)."""
    base = directory if directory is not None else manifest.parent
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorpusError(f"cannot read manifest {manifest}: {exc}") from exc
    entries = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise CorpusError(f"malformed manifest {manifest}: expected an object with a 'documents' list")
    specs: list[DocumentSpec] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        spec = _spec_from_entry(entry, base, where=f"{manifest} document #{index}")
        if spec.doc_id in seen:
            raise CorpusError(f"malformed manifest {manifest}: duplicate id {spec.doc_id!r}")
        seen.add(spec.doc_id)
        specs.append(spec)
    return specs


def manifest_data(path: Path, *, missing_ok: bool = False) -> dict[str, Any]:
    """A manifest file as a dict with a documents list (empty if missing and allowed), or a CorpusError."""
    if missing_ok and not path.is_file():
        return {"documents": []}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorpusError(f"cannot read manifest {path}: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise CorpusError(f"malformed manifest {path}: expected an object with a 'documents' list")
    if not all(isinstance(entry, dict) for entry in data["documents"]):
        raise CorpusError(f"malformed manifest {path}: every document must be an object")
    return data


def write_manifest_data(path: Path, data: dict[str, Any]) -> None:
    """Write a manifest so a crash never leaves half a file."""
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _spec_from_entry(entry: Any, base: Path, *, where: str) -> DocumentSpec:
    """One manifest entry checked field by field, so a typo names the entry it is in."""
    if not isinstance(entry, dict):
        raise CorpusError(f"malformed manifest: {where} is not an object")
    for key in ("id", "file"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise CorpusError(f"malformed manifest: {where} has no '{key}' string")
    doc_id = entry["id"].strip()
    kind = str(entry.get("kind") or "other")
    title = str(entry.get("title") or doc_id)
    return DocumentSpec(
        doc_id=doc_id,
        kind=kind,
        title=title,
        path=base / entry["file"],
        source_url=_optional_str(entry.get("source_url")),
        sha256=_optional_str(entry.get("sha256")),
        date=_optional_str(entry.get("date")),
        lang=str(entry.get("lang") or "th"),
        collection=str(entry.get("collection") or CORE_COLLECTION),
    )


def _optional_str(value: Any) -> str | None:
    """Manifest values may be null or non-strings (dates parsed by other tools)."""
    if value is None or value == "":
        return None
    return str(value)


def scan_directory(directory: Path) -> list[DocumentSpec]:
    """Specs for every supported file under a folder that has no manifest."""
    specs: list[DocumentSpec] = []
    seen: dict[str, Path] = {}
    for path in sorted(directory.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in SUPPORTED_SUFFIXES:
            continue
        if any(part.startswith(".") for part in path.relative_to(directory).parts):
            continue
        doc_id = path.stem
        if doc_id in seen:
            raise CorpusError(f"two files give the same document id {doc_id!r}: {seen[doc_id]} and {path}")
        seen[doc_id] = path
        kind = _FOLDER_KINDS.get(path.parent.name.lower(), "other") if path.parent != directory else "other"
        specs.append(DocumentSpec(doc_id=doc_id, kind=kind, title=guess_title(path), path=path))
    return specs


def guess_title(path: Path) -> str:
    """Title from YAML front matter ``name``, else the first heading or non-empty line, else the stem."""
    if path.suffix.lower() not in (".md", ".txt"):
        return path.stem
    try:
        text = path.read_text(encoding="utf-8", errors="replace")[:20000]
    except OSError:
        return path.stem
    match = _FRONT_MATTER_RE.match(text)
    if match:
        try:
            meta = yaml.safe_load(match.group(1))
        except yaml.YAMLError:
            meta = None
        if isinstance(meta, dict) and meta.get("name"):
            return " ".join(str(meta["name"]).split())
        text = text[match.end() :]
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:200]
    return path.stem
