"""Write an extractive answer direct-first: one line stating the asked fact, then the quoted evidence.

The direct line is cut from the cited passages (the handle, the number with what it counts, the date, the
defining clause, the office), so it carries no agency, number or date its citation lacks; only the frame
words around it ("The e-mail address is") are ours. English questions get an English frame around the
quoted Thai span.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.question_types import QuestionType
from index.thai_key import key_tokens

_WINDOW_LEFT = 70  # characters of context before a fact (Thai states what a number counts before it)
_WINDOW_RIGHT = 50
_DIRECT_MAX = 220  # a direct line of an untyped question: the best segment up to about this length
_NEGATION_RE = re.compile(r"ห้ามมิให้|ห้าม|มิได้|ไม่ได้|ไม่ต้อง|ไม่เป็น|ไม่มี|ไม่ถือ|มิให้")
_SPACE_RE = re.compile(r"\s+")
_ITEM_MARK_RE = re.compile(r"\(\s*[0-9๐-๙]{1,2}(?:\.[0-9๐-๙]{1,2})?\s*\)")
_YEAR_LIKE_RE = re.compile(r"(?:25[0-9]{2}|20[0-9]{2})(?![0-9])")
_THAI_FRAME = {  # Thai labels for contact channels (frame words only, no facts)
    "email": "อีเมล",
    "website": "เว็บไซต์",
    "phone": "โทร",
    "line": "ไลน์",
    "facebook": "เฟซบุ๊ก",
}
_WHOLE_SPAN_TYPES = {"definition", "list", "section"}
_TIGHT_TYPES = {"email", "website", "phone", "line", "facebook"}


@dataclass(frozen=True)
class DirectSpan:
    """A fact cut from a quoted passage, tied to the hit it comes from."""

    rank: int
    text: str
    kind: str  # the question type it answers ("" for an untyped question)


def flat(text: str) -> str:
    """One line: PDF line breaks and runs of spaces collapsed."""
    return _SPACE_RE.sub(" ", text).strip()


def _snap_left(text: str, pos: int) -> int:
    """Move a cut point right to the next whitespace so no word is split (keeps pos at 0)."""
    if pos <= 0:
        return 0
    m = re.search(r"\s", text[pos:])
    return pos + m.end() if m and pos + m.end() < len(text) else pos


def _snap_right(text: str, pos: int) -> int:
    if pos >= len(text):
        return len(text)
    m = re.search(r"\s", text[pos:])
    return pos + m.start() if m else len(text)


def window(text: str, start: int, end: int, left: int = _WINDOW_LEFT, right: int = _WINDOW_RIGHT) -> str:
    """The fact at text[start:end] with some context on each side, cut at whitespace."""
    a = _snap_left(text, max(0, start - left)) if start - left > 0 else 0
    a = min(a, start)
    b = max(_snap_right(text, end + right), end)
    return flat(text[a:b])


def best_fact(text: str, qtype: QuestionType, terms: set[str]) -> str | None:
    """The occurrence of the asked kind of fact whose surroundings share most with the question."""
    best: tuple[float, int, str] | None = None
    for i, m in enumerate(qtype.fact_re.finditer(text)):
        if qtype.name in _TIGHT_TYPES:
            # a handle is judged by its list item ("(2) เว็บไซต์ … สำหรับ …") and the words just before it
            span = m.group(0).strip().rstrip(".,;)")
            around = _item_around(text, m.start(), m.end())
            near = set(key_tokens(text[max(0, m.start() - 30) : m.start()]))
            score: float = len(terms & set(key_tokens(around))) + 2 * len(terms & near)
        else:
            right = 160 if qtype.name == "penalty" else 120 if qtype.name == "yesno" else _WINDOW_RIGHT
            span = window(text, m.start(), m.end(), _WINDOW_LEFT, right)
            score = len(terms & set(key_tokens(span))) + len(terms & set(key_tokens(m.group(0))))
            if qtype.name == "quantity" and _YEAR_LIKE_RE.match(m.group(0)):
                score -= 1.5  # "2570 ร้อยละ…": a year is rarely the figure asked
            if qtype.name == "who":
                # an office whose own name repeats the question's words is its subject, not the answer
                score -= 2 * len(terms & set(key_tokens(text[m.start() : m.start() + 30])))
        score -= 0.01 * i
        if best is None or score > best[0]:
            best = (score, i, span)
    return best[2] if best else None


def _item_around(text: str, start: int, end: int) -> str:
    """The list item holding a match: from the item marker before it to the next one (or 120 characters)."""
    before = [m.end() for m in _ITEM_MARK_RE.finditer(text, 0, start)]
    a = before[-1] if before else max(0, start - 120)
    nxt = _ITEM_MARK_RE.search(text, end)
    b = nxt.start() if nxt else min(len(text), end + 120)
    return text[max(a, start - 200) : min(b, end + 200)]


def direct_spans(
    types: list[QuestionType], quotes: list[tuple[int, str]], terms: set[str], whole: str | None = None
) -> list[DirectSpan]:
    """One span per asked kind of fact, from the first quote that holds it (whole-span kinds use ``whole``)."""
    out: list[DirectSpan] = []
    seen: set[str] = set()
    for qtype in types:
        if qtype.name in _WHOLE_SPAN_TYPES:
            if whole is not None and quotes:
                out.append(DirectSpan(quotes[0][0], flat(whole), qtype.name))
                break
            continue
        for rank, text in quotes:
            span = best_fact(text, qtype, terms)
            if span and span not in seen and not any(span in s for s in seen):
                seen.add(span)
                out.append(DirectSpan(rank, span, qtype.name))
                break
    return out


def holds_asked_fact(types: list[QuestionType], texts: Iterable[str]) -> bool:
    """Does some quoted text state the primary kind of fact the question asks for?"""
    if not types:
        return True
    joined = list(texts)
    return any(types[0].holds(t) for t in joined)


def _frame(span: DirectSpan, language: str, types: list[QuestionType], marker: str) -> str:
    qtype = next((t for t in types if t.name == span.kind), None)
    if language == "en":
        if span.kind == "yesno":
            verdict = "No" if _NEGATION_RE.search(span.text) else "Yes"
            return f"{verdict}, the documents say: “{span.text}” {marker}"
        frame = qtype.frame_en if qtype is not None else "The documents say"
        return f"{frame}: “{span.text}” {marker}"
    label = _THAI_FRAME.get(span.kind)
    return f"{label} {span.text} {marker}" if label else f"{span.text} {marker}"


def compose(
    language: str,
    types: list[QuestionType],
    direct: list[DirectSpan],
    evidence: list[tuple[int, str]],
    numbers: dict[int, int],
) -> str:
    """Line 1: the fact(s) with markers; then each evidence quote that the direct line does not already repeat."""
    parts = [_frame(s, language, types, f"[{numbers[s.rank]}]") for s in direct]
    first = " · ".join(parts) if language != "en" else " ".join(parts)
    lines = [first] if first else []
    for rank, text in evidence:
        quote = flat(text)
        if any(quote == s.text for s in direct):
            continue
        marker = f"[{numbers[rank]}]"
        lines.append(f"“{quote}” {marker}" if language == "en" else f"{quote} {marker}")
    return "\n".join(lines)


def fallback_direct(rank: int, text: str) -> DirectSpan:
    """An untyped question: the best segment itself (up to about two hundred characters) is the direct line."""
    flat_text = flat(text)
    if len(flat_text) <= _DIRECT_MAX:
        return DirectSpan(rank, flat_text, "")
    cut = _snap_right(flat_text, _DIRECT_MAX)
    return DirectSpan(rank, flat_text[:cut] + " …", "")
