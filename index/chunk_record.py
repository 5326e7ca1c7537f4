"""The stored form of a chunk: text, citation metadata and the text that is embedded for it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
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
        return cls(**{k: data.get(k) for k in cls.__dataclass_fields__})  # type: ignore[arg-type]
