"""The subject a figure question asks about, and whether the quoted passage talks about it.

A figure question ("สอบครูผู้ช่วย ค่าสมัครเท่าไร", "ลดหย่อนภาษีกรณีมีลูกได้กี่บาท") is answered only by a quote about
its subject: an ID-card fee schedule states a figure in baht, but about another subject. The subject is the
question's content words other than those framing the figure (units, classifiers, date words: data in
assistant/data/figure_words.yaml). When the question names its subject in several words and the quotes share at
most one of them, the quote is about something else and the figure in it answers another question.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, Field

from corpus.thai_text import compact_key, key_tokens, stop_keys, thai_key

FIGURE_WORDS_PATH = Path(__file__).with_name("data") / "figure_words.yaml"
# A subject named in fewer Thai words is too short to judge (a follow-up "แล้วค่าปรับล่ะ เท่าไร" leans on its history).
MIN_SUBJECT_WORDS = 4
MAX_SHARED = 1  # calibrated on the dev split: answered figure questions share 2 or more subject words with the quote
_MIN_INFIX = 3  # a subject word this long counts when the quote's key holds it inside a longer word
_THAI_WORD_RE = re.compile(r"[\u0e01-\u0e2e]{2}")
_LATIN_WORD_RE = re.compile(r"[a-z]{3}")


class _WordGroup(BaseModel):
    words: list[str]
    source: str = Field(min_length=3)


class _FigureWords(BaseModel):
    words: list[_WordGroup]
    asks: list[_WordGroup] = []


@lru_cache(maxsize=1)
def _figure_words() -> _FigureWords:
    return _FigureWords.model_validate(yaml.safe_load(FIGURE_WORDS_PATH.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def _ask_re() -> re.Pattern[str]:
    """The question words of a figure (patterns), removed before the question is keyed."""
    patterns = [p for group in _figure_words().asks for p in group.words]
    return re.compile("|".join(patterns) if patterns else r"(?!)")


@lru_cache(maxsize=1)
def _frame_keys() -> frozenset[str]:
    """Keys of words that frame a figure, and of Thai stopwords (PyThaiNLP's list), none of which is a subject."""
    frame = {thai_key(w) for group in _figure_words().words for w in group.words}
    return frozenset(frame | stop_keys())


def subject_words(question: str) -> set[str]:
    """The question's content words (keys) other than stopwords and the words that frame its figure."""
    frame = _frame_keys()
    return {
        t
        for t in key_tokens(_ask_re().sub(" ", question))
        if t not in frame and not t.isdigit() and (_THAI_WORD_RE.search(t) or _LATIN_WORD_RE.search(t))
    }


def off_subject(question: str, quotes: list[str], titles: list[str] | None = None) -> bool:
    """Do the quotes share at most one word of a subject the question names in several Thai words?

    The cited documents' titles count as shared context: "ตาม พ.ร.บ.การทะเบียนราษฎร … ภายในกี่วัน" names its Act, which
    the quote's title holds, not the quote. Words compare on the compact key, so a word the PDF split with a space
    ("ทะเบียน ราษฎร") or glued to the next one still counts.
    """
    words = subject_words(question)
    if sum(1 for w in words if _THAI_WORD_RE.search(w)) < MIN_SUBJECT_WORDS:
        return False
    context = [*quotes, *(titles or [])]
    context_tokens = {t for q in context for t in key_tokens(q)}
    context_key = " ".join(compact_key(q) for q in context)
    shared = {w for w in words if w in context_tokens or (len(w) >= _MIN_INFIX and w in context_key)}
    return len(shared) <= MAX_SHARED
