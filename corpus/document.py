"""The document records that flow from loading through repair into chunking."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class DocumentSpec:
    """One entry of a corpus: what a manifest (or a bare file) says about a document."""

    doc_id: str
    kind: str  # plan | letter | law | standard | announcement | other
    title: str
    path: Path
    source_url: str | None = None
    sha256: str | None = None
    date: str | None = None
    lang: str = "th"
    collection: str = "core"  # core | law_library: which collection a deployment enables it with


@dataclass(frozen=True)
class RawPage:
    """Text of one page as extracted, before repair; ``number`` is the printed page number if known."""

    text: str
    number: int | None = None


@dataclass(frozen=True)
class PageSpan:
    """Where a printed page lies in the repaired text (character offsets, end exclusive)."""

    number: int
    start: int
    end: int


@dataclass
class Document:
    """A loaded document: raw text kept for audit, repaired text used for chunking and quoting."""

    spec: DocumentSpec
    raw_text: str
    text: str
    pages: list[PageSpan] = field(default_factory=list)
    repairs: dict[str, int] = field(default_factory=dict)  # repair name -> count of fixes
    metadata: dict[str, str] = field(default_factory=dict)  # e.g. YAML front matter

    @property
    def doc_id(self) -> str:
        return self.spec.doc_id

    def page_at(self, offset: int) -> int | None:
        """Printed page number holding a character offset of the repaired text."""
        for span in self.pages:
            if span.start <= offset < span.end:
                return span.number
        return None
