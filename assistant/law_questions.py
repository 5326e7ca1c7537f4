"""The law question wording (data/law_questions.yaml), loaded once for the law answerer and the library gate."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

QUESTIONS_PATH = Path(__file__).with_name("data") / "law_questions.yaml"


@lru_cache(maxsize=1)
def law_question_patterns() -> dict[str, str]:
    """Entry name -> its regular expression, as written in the file."""
    data = yaml.safe_load(QUESTIONS_PATH.read_text(encoding="utf-8"))
    return {name: entry["pattern"] for name, entry in data.items()}
