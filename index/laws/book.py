"""Build and save the law book (every Act's sections and facts) kept with the index version (loaded by models.py)."""

from __future__ import annotations

import logging
from pathlib import Path

from corpus.document import Document
from index.laws.extract import extract_act
from index.laws.models import LAWS_FILE, LawBook

log = logging.getLogger(__name__)


def build_law_book(docs: list[Document]) -> LawBook:
    """Extract every document of kind "law"."""
    return LawBook(acts=[extract_act(d) for d in docs if d.spec.kind == "law"])


def build_law_artefacts(docs: list[Document], work: Path) -> None:
    """Derived-artefact builder (see index/derived.py): writes laws.json into the version being built."""
    book = build_law_book(docs)
    (work / LAWS_FILE).write_text(book.model_dump_json(), encoding="utf-8")
    log.info("law book: %d acts, %d sections", len(book.acts), sum(len(a.sections) for a in book.acts))
