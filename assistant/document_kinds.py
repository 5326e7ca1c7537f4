"""The kinds of document a question names ("ในหนังสือ สพร.", "under the digital government standard").

Wording lives in ``assistant/data/document_kinds.yaml`` (one source note per kind); this module compiles it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, Field

KINDS_PATH = Path(__file__).with_name("data") / "document_kinds.yaml"


class KindCues(BaseModel):
    """One document kind (as the chunk records name it) and the patterns that name it in a question."""

    kind: str
    cues: list[str] = Field(min_length=1)
    source: str = Field(min_length=3)


class KindTable(BaseModel):
    """The whole data file."""

    kinds: list[KindCues]


@lru_cache(maxsize=4)
def _compiled(path: Path = KINDS_PATH) -> tuple[tuple[str, re.Pattern[str]], ...]:
    table = KindTable.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    return tuple((k.kind, re.compile("|".join(f"(?:{c})" for c in k.cues), re.IGNORECASE)) for k in table.kinds)


def named_kinds(normalized: str) -> list[str]:
    """Document kinds the (normalised) question names, in the data file's order."""
    return [kind for kind, pattern in _compiled() if pattern.search(normalized)]
