"""The default, offline answerer: quote the sentences of the retrieved passages that answer the question.

Nothing is generated: every word of substance in the answer is a quotation of a cited passage, so no
agency, number or date can appear that its citation does not contain.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from assistant.retrieval_service import ScoredChunk
from assistant.sentences import Segment, segments
from index.thai_key import key_tokens, thai_key

_MAX_CHUNKS = 3
_MAIN_QUOTE_CHARS = 480  # the best passage is quoted with its continuation up to about this length
_SIDE_QUOTE_CHARS = 260
_SECTION_QUOTE_CHARS = 700
_SECTION_RE = re.compile(r"(มาตรา|ข้อ)\s*([0-9]+(?:/[0-9]+)?)")
# A segment that announces a list ("ดังต่อไปนี้", "ได้แก่", ":") is always quoted with what follows.
_LEAD_IN_RE = re.compile(r"(ดังต่อไปนี้|ได้แก่|ประกอบด้วย|ดังนี้|อาทิ|คือ|:)\s*$")

# What kind of fact the question asks for, and what a segment holding that fact looks like.
_INTENTS: list[tuple[re.Pattern[str], re.Pattern[str]]] = [
    (re.compile(r"อีเมล|อีเมล์|e-?mail|ไปรษณีย์อิเล็กทรอนิกส์", re.I), re.compile(r"@")),
    (re.compile(r"เว็บ|website|web site|url|ลิงก์|link", re.I), re.compile(r"www\.|https?://|\.go\.th|\.or\.th")),
    (re.compile(r"โทร|phone|call|เบอร์", re.I), re.compile(r"\d{3,}[\s-]?\d{3,}")),
    (re.compile(r"line|ไลน์", re.I), re.compile(r"line|ไลน์|@\w", re.I)),
    (re.compile(r"เท่าไร|เท่าไหร่|กี่|how much|how many|budget|งบ", re.I), re.compile(r"\d")),
    (re.compile(r"เมื่อ|วันที่|when|date|ปี", re.I), re.compile(r"\d{4}|พ\.ศ\.")),
    (re.compile(r"หมายความว่า|หมายถึง|คืออะไร|means|definition|define", re.I), re.compile(r"หมายความว่า|หมายถึง")),
    (re.compile(r"ประธาน|chair", re.I), re.compile(r"ประธาน")),
]


# Contact details users ask for; the answer must show one when asked.
_CONTACT_INTENTS = _INTENTS[:4]


@dataclass
class ExtractedAnswer:
    """Quoted spans, each tied to the hit (by index) it comes from."""

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


def extract(
    question: str, lexical_query: str, hits: list[ScoredChunk], idf: Callable[[str], float] | None = None
) -> ExtractedAnswer:
    """Quote the best-matching span of the top passages, extended to a readable whole, plus one runner-up."""
    weight = idf or (lambda _t: 1.0)
    terms = query_terms(lexical_query)
    total = sum(weight(t) for t in terms) or 1.0
    wants = [fact for ask, fact in _INTENTS if ask.search(question)]
    scored: list[tuple[float, int, int]] = []
    per_hit: list[list[Segment]] = []
    for rank, hit in enumerate(hits[:_MAX_CHUNKS]):
        segs = segments(hit.chunk.text)
        per_hit.append(segs)
        prior = 0.25 / (1 + rank)
        for i, seg in enumerate(segs):
            seg_terms = set(key_tokens(seg.text))
            overlap = sum(weight(t) for t in terms & seg_terms) / total
            bonus = sum(0.25 for fact in wants if fact.search(seg.text))
            scored.append((overlap + bonus + prior, rank, i))
    if not scored:
        return ExtractedAnswer([])
    scored.sort(key=lambda x: -x[0])
    best_score, best_rank, best_i = scored[0]
    named = _named_sections(question)
    focus = next((r for r, h in enumerate(hits[:_MAX_CHUNKS]) if h.chunk.section in named), None)
    if focus is not None:
        # the question names a section: quote its best part, never a neighbouring section
        _, focus_i = max((s, i) for s, r, i in scored if r == focus)
        return ExtractedAnswer([(focus, _extend(per_hit[focus], focus_i, _SECTION_QUOTE_CHARS))])
    quotes = [(best_rank, _extend(per_hit[best_rank], best_i, _MAIN_QUOTE_CHARS))]
    contact = [fact for ask, fact in _CONTACT_INTENTS if ask.search(question)]
    if contact and not any(fact.search(quotes[0][1].text) for fact in contact):
        # the question asks for an address or number: add the best segment that holds one
        holder = next(((r, i) for _, r, i in scored if any(f.search(per_hit[r][i].text) for f in contact)), None)
        if holder is not None:
            quotes.append((holder[0], per_hit[holder[0]][holder[1]]))
            return ExtractedAnswer(sorted(quotes, key=lambda q: (q[0], q[1].start)))
    for score, rank, i in scored[1:]:
        if score < 0.75 * best_score:
            break
        if rank != best_rank:
            quotes.append((rank, _extend(per_hit[rank], i, _SIDE_QUOTE_CHARS)))
            break
    quotes.sort(key=lambda q: (q[0], q[1].start))
    return ExtractedAnswer(quotes)


def _named_sections(question: str) -> set[str]:
    """Section labels the question names ("มาตรา 13", "ข้อ 2"), as the chunker writes them."""
    return {f"{kind} {num}" for kind, num in _SECTION_RE.findall(question)}


def _extend(segs: list[Segment], i: int, budget: int) -> Segment:
    """Grow a segment into its continuation (and a dangling lead-in before it) within a character budget."""
    start, end = i, i
    if start > 0 and _LEAD_IN_RE.search(segs[start - 1].text):
        start -= 1
    while end + 1 < len(segs) and (
        segs[end + 1].end - segs[start].start <= budget or _LEAD_IN_RE.search(segs[end].text)
    ):
        end += 1
        if segs[end].end - segs[start].start > 2 * budget:
            break
    first, last = segs[start], segs[end]
    # rebuild the span text from the segments (they are slices of one passage)
    text = " ".join(s.text for s in segs[start : end + 1])
    return Segment(text, first.start, last.end)
