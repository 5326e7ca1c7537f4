"""The stored form of a chunk: text, citation metadata and the text that is embedded for it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import MISSING, dataclass
from pathlib import Path
from typing import Any

from llama_index.core.schema import BaseNode, MetadataMode, TextNode

_TITLE_IN_EMBED = 90
# Only the title and section label go into a node's embedding and LLM text; the rest is for citations.
_NODE_CONTENT_KEYS = ("title", "section")


def embed_text(title: str, section: str | None, text: str) -> str:
    """What is embedded for a chunk (``ChunkRecord.embed_text``; ``CachedEmbedding`` reads it off a node)."""
    header = title[:_TITLE_IN_EMBED]
    if section:
        header = f"{header} | {section}"
    return f"{header}\n{text}"


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
        data = self.to_json()
        data.pop("text")
        return data

    def embed_text(self) -> str:
        """Passage text with a short header (title, section) so the vector knows where it comes from."""
        return embed_text(self.title, self.section, self.text)

    def to_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}  # flat: asdict's deep copy is slow

    def to_node(self) -> TextNode:
        """The llama-index node of this chunk: id, text, exact offsets, and the metadata above."""
        return TextNode(
            id_=self.chunk_id,
            text=self.text,
            metadata={k: getattr(self, k) for k in _NODE_FIELDS},
            excluded_embed_metadata_keys=list(_NODE_HIDDEN),
            excluded_llm_metadata_keys=list(_NODE_HIDDEN),
            start_char_idx=self.start,
            end_char_idx=self.end,
            metadata_template="{key}: {value}",
        )

    @classmethod
    def from_node(cls, node: BaseNode) -> ChunkRecord:
        """Inverse of :meth:`to_node`."""
        meta = node.metadata
        fields = {k: meta[k] for k in _NODE_FIELDS if k in meta}
        return cls(chunk_id=node.node_id, text=node.get_content(MetadataMode.NONE), **fields)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChunkRecord:
        fields = cls.__dataclass_fields__  # a field missing from an older catalogue takes its default
        kept = {k: data.get(k) for k in fields if k in data or fields[k].default is MISSING}
        return cls(**kept)  # type: ignore[arg-type]


_NODE_FIELDS = tuple(k for k in ChunkRecord.__dataclass_fields__ if k not in ("chunk_id", "text"))  # node metadata
_NODE_HIDDEN = tuple(k for k in _NODE_FIELDS if k not in _NODE_CONTENT_KEYS)
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
