"""Turn a loaded Document into citable chunks: the ingest pipeline's llama-index NodeParser.

Dispatch is by document kind because each kind is cited differently: laws by section, the plan
by page and project, notices by clause. Every chunk keeps exact offsets into ``doc.text`` so the
answer layer can quote and highlight the source verbatim.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from llama_index.core.node_parser.interface import NodeParser
from llama_index.core.schema import BaseNode, NodeRelationship
from llama_index.core.schema import Document as LlamaDocument

from corpus.document import Document, DocumentSpec, PageSpan
from index.chunk_record import ChunkRecord
from index.chunking.bounded_split import bounded_split
from index.chunking.clauses import find_clauses
from index.chunking.law_sections import find_law_sections
from index.chunking.plan_structure import find_plan_units

__all__ = [
    "StructureNodeParser", "chunk_document", "from_llama_document", "to_llama_document"
]

DEFAULT_MAX_CHARS = 800
# Kinds cut into sections by the law parser: core laws and the Acts of the law library.
LAW_KINDS = frozenset({"law", "act"})


def chunk_document(doc: Document, max_chars: int = DEFAULT_MAX_CHARS) -> list[ChunkRecord]:
    """Structure-aware chunks of ``doc.text`` in text order, each at most ``max_chars`` long, as the stored records
    with their citation metadata (ids ``<doc_id>:NNNN``)."""
    kind = doc.spec.kind
    units: list[
        tuple[int, int, str | None, str | None, str | None]
    ] = []  # start, end, section, chapter, project
    if kind in LAW_KINDS:
        units = [(s.start, s.end, s.label, s.chapter, None) for s in find_law_sections(doc.text)]
    elif kind == "plan":
        units = [
            (u.start, u.end, u.section, u.chapter, u.project) for u in find_plan_units(doc.text, doc.pages)
        ]
    else:
        units = [(c.start, c.end, c.label, None, None) for c in find_clauses(doc.text)]
    if not units:
        units = _paragraph_units(doc.text)
    spec = doc.spec
    chunks: list[ChunkRecord] = []
    for start, end, section, chapter, project in units:
        for a, b in _split_unit(doc, start, end, max_chars, keep_pages=kind not in LAW_KINDS):
            if not any(ch.isalpha() for ch in doc.text[a:b]):
                continue  # a bare page number or separator: nothing to retrieve or cite
            chunks.append(
                ChunkRecord(
                    chunk_id=f"{doc.doc_id}:{len(chunks):04d}", doc_id=doc.doc_id, title=spec.title, kind=kind,
                    text=doc.text[a:b], start=a, end=b, section=section, chapter=chapter, page=doc.page_at(a),
                    project=project, source_url=spec.source_url, collection=spec.collection,
                )
            )
    return chunks


def _split_unit(
    doc: Document, start: int, end: int, max_chars: int, keep_pages: bool
) -> list[tuple[int, int]]:
    """Bounded pieces of one unit; outside laws a piece never crosses a page boundary."""
    cuts = [start, end]
    if keep_pages:
        cuts = sorted({start, end} | {p.start for p in doc.pages if start < p.start < end})
    out: list[tuple[int, int]] = []
    for a, b in itertools.pairwise(cuts):
        out.extend(bounded_split(doc.text, a, b, max_chars=max_chars, min_chars=min(200, max_chars // 4)))
    return out


def _paragraph_units(text: str) -> list[tuple[int, int, str | None, str | None, str | None]]:
    """Fallback for unstructured text: the whole text, which bounded_split cuts at paragraphs first."""
    return [(0, len(text), None, None, None)] if text.strip() else []


# ---------------------------------------------------------------- llama-index bridge


def to_llama_document(doc: Document) -> LlamaDocument:
    """A llama-index Document carrying what StructureNodeParser needs to rebuild the structure."""
    spec = doc.spec
    metadata: dict[str, Any] = {
        "doc_id": doc.doc_id,
        "title": spec.title,
        "kind": spec.kind,
        "source_url": spec.source_url,
        "collection": spec.collection,
        "page_spans": json.dumps([[p.number, p.start, p.end] for p in doc.pages]),
    }
    hidden = [k for k in metadata if k != "title"]
    return LlamaDocument(
        id_=doc.doc_id, text=doc.text, metadata=metadata,
        excluded_embed_metadata_keys=hidden, excluded_llm_metadata_keys=list(hidden),
    )


def from_llama_document(ldoc: LlamaDocument) -> Document:
    """Rebuild our Document (text, kind, pages) from a llama-index Document's metadata."""
    meta = ldoc.metadata
    spans = json.loads(meta.get("page_spans") or "[]")
    spec = DocumentSpec(
        doc_id=str(meta.get("doc_id") or ldoc.id_),
        kind=str(meta.get("kind") or "other"),
        title=str(meta.get("title") or ""),
        path=Path(""),
        source_url=meta.get("source_url"),
        collection=str(meta.get("collection") or "core"),
    )
    text = ldoc.text
    return Document(
        spec=spec, raw_text=text, text=text, pages=[PageSpan(int(n), int(s), int(e)) for n, s, e in spans]
    )


class StructureNodeParser(NodeParser):
    """NodeParser that cuts by law section, plan page/project or notice clause (see chunk_document).

    A Document becomes the nodes of :func:`chunk_document` (``ChunkRecord.to_node``); any other node passes
    through unchanged, so an ingest can hand the pipeline the chunks of unchanged documents beside the
    documents to cut, in index order.
    """

    max_chars: int = DEFAULT_MAX_CHARS

    @classmethod
    def class_name(cls) -> str:
        return "StructureNodeParser"

    def _parse_nodes(
        self, nodes: Sequence[BaseNode], show_progress: bool = False, **kwargs: Any
    ) -> list[BaseNode]:
        out: list[BaseNode] = []
        for node in nodes:
            if not isinstance(node, LlamaDocument):
                out.append(node)
                continue
            source = node.as_related_node_info()  # hashes the whole text: once per document
            for record in chunk_document(from_llama_document(node), self.max_chars):
                chunk = record.to_node()
                chunk.relationships[NodeRelationship.SOURCE] = source
                out.append(chunk)
        return out

    def _postprocess_parsed_nodes(
        self, nodes: list[BaseNode], parent_doc_map: dict[str, LlamaDocument]
    ) -> list[BaseNode]:
        """Nodes leave complete: the base class would re-find each text in its document (our offsets are
        exact already) and copy the document's metadata, page spans included, into every node."""
        return nodes
