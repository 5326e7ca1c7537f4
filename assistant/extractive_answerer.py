"""The default, offline answerer: quote the sentences of the retrieved passages that answer the question.

Nothing is generated: every word of substance in the answer is a quotation of a cited passage, so no
agency, number or date can appear that its citation does not contain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.retrieval_service import ScoredChunk
from assistant.sentences import Segment, segments
from index.thai_key import key_tokens, thai_key

_MAX_SEGMENTS = 3
_MAX_CHUNKS = 3

# What kind of fact the question asks for, and what a segment holding that fact looks like.
_INTENTS: list[tuple[re.Pattern[str], re.Pattern[str]]] = [
    (re.compile(r"อีเมล|อีเมล์|e-?mail|ไปรษณีย์อิเล็กทรอนิกส์", re.I), re.compile(r"@")),
    (re.compile(r"เว็บ|website|web site|url|ลิงก์|link", re.I), re.compile(r"www\.|https?://|\.go\.th|\.or\.th")),
    (re.compile(r"โทร|phone|call|เบอร์", re.I), re.compile(r"\d{3,}[\s-]?\d{3,}")),
    (re.compile(r"line|ไลน์", re.I), re.compile(r"line|ไลน์|@\w", re.I)),
    (re.compile(r"เท่าไร|เท่าไหร่|กี่|how much|how many|budget|งบ", re.I), re.compile(r"\d")),
    (re.compile(r"เมื่อ|วันที่|when|date|ปี", re.I), re.compile(r"\d{4}|พ\.ศ\.")),
    (re.compile(r"หมายความว่า|หมายถึง|คืออะไร|means|definition|define", re.I), re.compile(r"หมายความว่า|หมายถึง")),
]


@dataclass
class ExtractedAnswer:
    """Quoted segments, each tied to the hit (by index) it comes from."""

    quotes: list[tuple[int, Segment]]


@lru_cache(maxsize=1)
def _stop_keys() -> frozenset[str]:
    from pythainlp.corpus import thai_stopwords

    english = {"the", "a", "an", "of", "to", "in", "is", "what", "which", "who", "how", "does", "do", "for",
               "and", "or", "on", "by", "with", "under", "about", "please", "tell", "me", "i", "can"}
    return frozenset({thai_key(w) for w in thai_stopwords()} | english)


def query_terms(text: str) -> set[str]:
    """Content tokens of the question on the damage-insensitive key."""
    stops = _stop_keys()
    return {t for t in key_tokens(text) if t not in stops and (len(t) > 1 or t.isdigit())}


def extract(question: str, lexical_query: str, hits: list[ScoredChunk]) -> ExtractedAnswer:
    """Pick up to three segments, from the top passages, that share the most with the question."""
    terms = query_terms(lexical_query)
    wants = [fact for ask, fact in _INTENTS if ask.search(question)]
    scored: list[tuple[float, int, Segment]] = []
    for rank, hit in enumerate(hits[:_MAX_CHUNKS]):
        prior = 1.0 / (1 + rank)
        for seg in segments(hit.chunk.text):
            seg_terms = set(key_tokens(seg.text))
            overlap = len(terms & seg_terms) / max(1, len(terms))
            bonus = sum(0.3 for fact in wants if fact.search(seg.text))
            scored.append((overlap + bonus + 0.35 * prior, rank, seg))
    if not scored:
        return ExtractedAnswer([])
    scored.sort(key=lambda x: -x[0])
    best = scored[0][0]
    chosen = [(rank, seg) for score, rank, seg in scored[:_MAX_SEGMENTS] if score >= 0.6 * best]
    # keep the reading order of each passage
    chosen.sort(key=lambda rs: (rs[0], rs[1].start))
    return ExtractedAnswer(chosen)
