"""Artefacts derived from the repaired documents at ingest and stored with the index version."""

from __future__ import annotations

from pathlib import Path

from corpus.document import Document
from index.ingest import ExtraBuilder
from index.versions import write_json


def build_aliases(docs: list[Document], work: Path) -> None:
    """Abbreviations the corpus defines, for query expansion (empty until the gazetteer exists)."""
    try:
        from index.projects.agencies import learn_aliases
    except ImportError:
        write_json(work / "aliases.json", {})
        return
    aliases = learn_aliases([d.text for d in docs])
    write_json(work / "aliases.json", {k: sorted(v) for k, v in aliases.items()})


DERIVED_BUILDERS: list[ExtraBuilder] = [build_aliases]
