"""Query understanding before retrieval: repair, digits, BE/CE years, aliases, English→Thai, follow-ups."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.glossary import ABBREVIATIONS, EN_TO_TH
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


@dataclass
class RewrittenQuery:
    """The forms of one question that each retriever and the answerer need."""

    original: str
    normalized: str  # repaired, Arabic digits: what the answerer matches sentences against
    lexical: str  # normalized + expansions, for BM25
    dense: str  # for the embedder
    language: str  # th | en
    followup: bool = False
    places: list[str] = field(default_factory=list)  # keyed province names the question names
    expansions: list[str] = field(default_factory=list)


def detect_language(text: str) -> str:
    """Thai if Thai letters are at least a fifth of all letters, else English."""
    thai = len(_THAI_CHAR_RE.findall(text))
    latin = len(_LATIN_RE.findall(text))
    return "th" if thai and thai >= 0.2 * (thai + latin) else ("en" if latin else "th")


def is_followup(question: str) -> bool:
    """Does the question lean on an earlier turn (pronoun, ellipsis, very short)?"""
    q = question.strip()
    return bool(_FOLLOWUP_CUES.search(q)) or len(q) < 18


def rewrite_query(question: str, aliases: dict[str, list[str]], history_context: str = "") -> RewrittenQuery:
    """``aliases`` is a table from :func:`alias_table` (keyed short form -> full names)."""
    """Normalise a question and add what it implies: alias expansions, years in both eras, topic."""
    normalized = arabic_digits(repair_text(question)).strip()
    language = detect_language(normalized)
    expansions: list[str] = []

    for year in _YEAR_RE.findall(normalized):
        y = int(year)
        expansions.append(str(y - 543) if y >= 2400 else str(y + 543))

    low = normalized.lower()
    for en, th in EN_TO_TH.items():
        if re.search(rf"(?<![a-z]){re.escape(en)}(?![a-z])", low):
            expansions.append(th)

    key = thai_key(normalized)
    for alias, fulls in aliases.items():
        if _contains_alias(key, alias):
            expansions.extend(fulls)

    places = find_provinces(normalized)
    expansions.extend(province_name(p) for p in places if not _THAI_CHAR_RE.search(normalized))

    followup = bool(history_context) and is_followup(normalized)
    topic = history_context if followup else ""
    if followup:
        places += [p for p in find_provinces(history_context) if p not in places]
    expansions = list(dict.fromkeys(e for e in expansions if e))
    lexical = " ".join([normalized, *expansions, topic]).strip()
    dense = " ".join([topic, normalized, *expansions[:6]]).strip()
    return RewrittenQuery(
        original=question,
        normalized=normalized,
        lexical=lexical,
        dense=dense,
        language=language,
        followup=followup,
        places=places,
        expansions=expansions,
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
    for short, fulls in [*ABBREVIATIONS.items(), *learned.items()]:
        k = thai_key(short)
        table.setdefault(k, [])
        for full in fulls:
            if full not in table[k] and thai_key(full) != k:
                table[k].append(full)
    return table
