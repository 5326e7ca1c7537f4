"""The stored form of a chunk: text, citation metadata and the text that is embedded for it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import MISSING, asdict, dataclass
from pathlib import Path
from typing import Any

_TITLE_IN_EMBED = 90


@dataclass(frozen=True)
class ChunkRecord:
    """One retrievable passage with everything a citation needs."""

    chunk_id: str
    doc_id: str
    title: str
    kind: str
    text: str
    start: int
    end: int
    section: str | None = None
    chapter: str | None = None
    page: int | None = None
    project: str | None = None
    source_url: str | None = None
    collection: str = "core"  # core | law_library (see corpus/collections.py)

    def metadata(self) -> dict[str, Any]:
        """Metadata for the vector store (text excluded)."""
        data = asdict(self)
        data.pop("text")
        return data

    def embed_text(self) -> str:
        """Passage text with a short header (title, section) so the vector knows where it comes from."""
        header = self.title[:_TITLE_IN_EMBED]
        if self.section:
            header = f"{header} | {self.section}"
        return f"{header}\n{self.text}"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChunkRecord:
        fields = cls.__dataclass_fields__  # a field missing from an older catalogue takes its default
        kept = {k: data.get(k) for k in fields if k in data or fields[k].default is MISSING}
        return cls(**kept)  # type: ignore[arg-type]


CHUNKS_FILE = "chunks.jsonl"


def write_chunks(version_dir: Path, records: Iterable[ChunkRecord]) -> None:
    """The chunk catalogue of an index version, one JSON object per line."""
    with open(version_dir / CHUNKS_FILE, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r.to_json(), ensure_ascii=False) + "\n")


def read_chunks(version_dir: Path) -> list[ChunkRecord]:
    """Inverse of :func:`write_chunks`."""
    with open(version_dir / CHUNKS_FILE, encoding="utf-8") as fh:
        return [ChunkRecord.from_json(json.loads(line)) for line in fh if line.strip()]
