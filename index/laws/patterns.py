"""Load the Thai legal-wording patterns of ``patterns.yaml`` once (knowledge in data, mechanism in code)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

PATTERNS_PATH = Path(__file__).with_name("patterns.yaml")


@lru_cache(maxsize=1)
def patterns() -> dict[str, re.Pattern[str]]:
    """Compiled patterns by name; ``{number}`` in a pattern stands for the number_words pattern."""
    data = yaml.safe_load(PATTERNS_PATH.read_text(encoding="utf-8"))
    number = data["number_words"]["pattern"]
    out: dict[str, re.Pattern[str]] = {}
    for name, entry in data.items():
        if not entry.get("source"):
            raise ValueError(f"pattern {name!r} in {PATTERNS_PATH.name} has no source note")
        out[name] = re.compile(entry["pattern"].replace("{number}", number), re.MULTILINE)
    return out
