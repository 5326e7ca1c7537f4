"""Build, save and load the law book (every Act's sections and facts) kept with the index version."""

from __future__ import annotations

import logging
from pathlib import Path

from corpus.document import Document
from index.laws.extract import extract_act
from index.laws.models import FORMAT_VERSION, LawBook

log = logging.getLogger(__name__)

LAWS_FILE = "laws.json"


def build_law_book(docs: list[Document]) -> LawBook:
    """Extract every document of kind "law"."""
    return LawBook(acts=[extract_act(d) for d in docs if d.spec.kind == "law"])


def build_law_artefacts(docs: list[Document], work: Path) -> None:
    """Derived-artefact builder (see index/derived.py): writes laws.json into the version being built."""
    book = build_law_book(docs)
    (work / LAWS_FILE).write_text(book.model_dump_json(), encoding="utf-8")
    log.info("law book: %d acts, %d sections", len(book.acts), sum(len(a.sections) for a in book.acts))


def load_law_book(version_dir: Path) -> LawBook:
    """The stored law book, or an empty one (older index versions, or a different format)."""
    path = version_dir / LAWS_FILE
    if not path.exists():
        return LawBook()
    book = LawBook.model_validate_json(path.read_text(encoding="utf-8"))
    return book if book.format_version == FORMAT_VERSION else LawBook()
