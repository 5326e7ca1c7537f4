"""Query understanding before retrieval: repair, digits, BE/CE years, aliases, English→Thai, follow-ups."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from assistant.glossary import load_glossary
from assistant.places import find_provinces, province_name
from corpus.thai_repair import arabic_digits, repair_text
from index.thai_key import thai_key

_YEAR_RE = re.compile(r"(?<![0-9])(25[0-9]{2}|19[5-9][0-9]|20[0-9]{2})(?![0-9])")
_THAI_CHAR_RE = re.compile(r"[\u0e01-\u0e5b]")
_LATIN_RE = re.compile(r"[A-Za-z]")
_FOLLOWUP_CUES = re.compile(
    r"^(แล้ว|และ|ส่วน|ล่ะ)|(นั้น|ดังกล่าว|นี้|ล่ะ|หละ|เหรอ)\s*[?？]?$|\b(it|its|it's|that|this|they|them|those|these|"
    r"also|same)\b",
    re.IGNORECASE,
)
_SHORT_QUESTION = 18  # characters: shorter questions rarely name their own subject


@dataclass
class RewrittenQuery:
    """The forms of one question that each retriever and the answerer need."""

    original: str
    normalized: str  # repaired, Arabic digits: what the answerer matches sentences against
    lexical: str  # normalized + expansions, for BM25
    dense: str  # for the embedder
    language: str  # th | en
    followup: bool = False  # the subject of earlier turns was carried into this question
    places: list[str] = field(default_factory=list)  # keyed province names the question names
    expansions: list[str] = field(default_factory=list)
    subject_doc_ids: list[str] = field(default_factory=list)  # documents a follow-up is about (boosted)
    subject_projects: list[str] = field(default_factory=list)  # key-project numbers a follow-up is about


def detect_language(text: str) -> str:
    """Thai if Thai letters are at least a fifth of all letters, else English."""
    thai = len(_THAI_CHAR_RE.findall(text))
    latin = len(_LATIN_RE.findall(text))
    return "th" if thai and thai >= 0.2 * (thai + latin) else ("en" if latin else "th")


def is_followup(question: str) -> bool:
    """Does the question lean on an earlier turn (pronoun, ellipsis, very short)?"""
    q = question.strip()
    return bool(_FOLLOWUP_CUES.search(q)) or len(q) < _SHORT_QUESTION


def normalize_question(question: str) -> str:
    """Repaired text with Arabic digits: the form every later step matches against."""
    return arabic_digits(repair_text(question)).strip()


@lru_cache(maxsize=1)
def _english_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple(
        (re.compile(rf"(?<![a-z]){re.escape(en)}(?![a-z])"), th) for en, th in load_glossary().english.items()
    )


def expansions_of(normalized: str, aliases: dict[str, list[str]]) -> list[str]:
    """What a text implies beyond its words: years in the other era, Thai for English terms, alias full names."""
    expansions: list[str] = []
    for year in _YEAR_RE.findall(normalized):
        y = int(year)
        expansions.append(str(y - 543) if y >= 2400 else str(y + 543))

    low = normalized.lower()
    if _LATIN_RE.search(low):
        expansions.extend(th for pattern, th in _english_patterns() if pattern.search(low))

    key = thai_key(normalized)
    for alias, fulls in aliases.items():
        if _contains_alias(key, alias):
            expansions.extend(fulls)
    return list(dict.fromkeys(e for e in expansions if e))


def rewrite_query(question: str, aliases: dict[str, list[str]]) -> RewrittenQuery:
    """Normalise a question and add what it implies (``aliases`` is a table from :func:`alias_table`)."""
    normalized = normalize_question(question)
    expansions = expansions_of(normalized, aliases)
    places = find_provinces(normalized)
    if not _THAI_CHAR_RE.search(normalized):
        expansions.extend(province_name(p) for p in places)
    expansions = list(dict.fromkeys(expansions))
    return RewrittenQuery(
        original=question,
        normalized=normalized,
        lexical=" ".join([normalized, *expansions]).strip(),
        dense=" ".join([normalized, *expansions[:6]]).strip(),
        language=detect_language(normalized),
        places=places,
        expansions=expansions,
    )


def with_subject(
    rq: RewrittenQuery,
    words: str,
    dense_text: str,
    doc_ids: list[str],
    projects: list[str],
    places: list[str],
) -> RewrittenQuery:
    """The question with the conversation's subject carried in: naming words, documents, projects, places.

    ``words`` (keyed naming terms) extend the lexical query, ``dense_text`` (the earlier question as asked)
    the dense one.
    """
    return replace(
        rq,
        lexical=" ".join([rq.lexical, words]).strip(),
        dense=" ".join([dense_text, rq.dense]).strip(),
        followup=True,
        places=[*rq.places, *(p for p in places if p not in rq.places)],
        subject_doc_ids=doc_ids,
        subject_projects=projects,
    )


def _contains_alias(key: str, alias_key: str) -> bool:
    """Alias present as a whole word (Latin) or as a Thai run of at least three letters."""
    if not alias_key:
        return False
    if alias_key.isascii():
        return re.search(rf"(?<![a-z0-9]){re.escape(alias_key)}(?![a-z0-9])", key) is not None
    return len(alias_key) >= 3 and alias_key in key


def alias_table(learned: dict[str, list[str]]) -> dict[str, list[str]]:
    """Curated + learned aliases, keyed by thai_key of the short form (built once per index)."""
    table: dict[str, list[str]] = {}
    for short, fulls in [*load_glossary().short_forms.items(), *learned.items()]:
        k = thai_key(short)
        table.setdefault(k, [])
        for full in fulls:
            if full not in table[k] and thai_key(full) != k:
                table[k].append(full)
    return table
