"""Document collections: the core corpus and optional libraries a deployment enables in settings.

Every manifest entry belongs to one collection ("core" unless it says otherwise). The ingest indexes only the
enabled ones, and a library document that is the same Act as a core document (same title) is left out: the
core copy is the one cited.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from corpus.document import DocumentSpec

CORE_COLLECTION = "core"
LAW_LIBRARY = "law_library"  # the Office of the Council of State's collection of Thai Acts

# "(ฉบับ Update ล่าสุด)" and the like: a note of the source site, not part of the Act's title.
_TITLE_NOTE = re.compile(r"\s*\((?:ฉบับ\s*)?update[^)]*\)\s*$", re.IGNORECASE)


def clean_title(title: str) -> str:
    """Title without the source site's trailing update note, whitespace collapsed."""
    return " ".join(_TITLE_NOTE.sub("", title).split())


def title_key(title: str) -> str:
    """Spacing- and note-insensitive form of a title, to recognise the same Act in two collections."""
    return clean_title(title).replace(" ", "")


def enabled_specs(specs: Sequence[DocumentSpec], collections: Iterable[str]) -> tuple[list[DocumentSpec], list[str]]:
    """The specs of enabled collections, and the ids of library documents a core document shadows."""
    enabled = set(collections) | {CORE_COLLECTION}
    kept = [s for s in specs if s.collection in enabled]
    core_titles = {title_key(s.title) for s in kept if s.collection == CORE_COLLECTION}
    shadowed = [s.doc_id for s in kept if s.collection != CORE_COLLECTION and title_key(s.title) in core_titles]
    hidden = set(shadowed)
    return [s for s in kept if s.doc_id not in hidden], shadowed
