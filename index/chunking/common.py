"""Shared pieces of the structure-aware chunkers: digit folding, numbered headings.

Laws ("มาตรา N") and notices ("ข้อ N") share one problem: the same words start a unit and also
refer to one inside a sentence. Both use the candidate filter and numbering-chain picker here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from corpus.thai_text import arabic_digits

DIGIT = "[0-9๐-๙]"
# "๑๓", "26/1", "๒๖ / ๑" (extraction sometimes spaces the slash)
NUMBER = rf"{DIGIT}+(?:[^\S\n]*/[^\S\n]*{DIGIT}+)?"
FOOTNOTE = r"(?:\[[0-9๐-๙]+\])"  # Council of State footnote marks: "๒[๑]"


def number_key(raw: str) -> tuple[int, int]:
    """Sort key of a section number: "๒๖/๑" -> (26, 1), "13" -> (13, 0)."""
    parts = re.split(r"\s*/\s*", arabic_digits(raw).strip())
    main = int(parts[0])
    sub = int(parts[1]) if len(parts) > 1 and parts[1] else 0
    return main, sub


def number_label(raw: str) -> str:
    """Canonical printed form: Arabic digits, no spaces around the slash."""
    main, sub = number_key(raw)
    return f"{main}/{sub}" if sub else str(main)


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) so it neither begins nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def short_label(text: str, limit: int = 48) -> str:
    """Collapse whitespace, drop footnote marks and cut at a word boundary so labels stay short."""
    text = " ".join(re.sub(FOOTNOTE, "", arabic_digits(text)).split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit + 1)
    if cut < limit // 2:
        cut = _thai_word_cut(text, limit)
    return text[:cut].rstrip(" ,:;-") + "…"


def _thai_word_cut(text: str, limit: int) -> int:
    """Last newmm word boundary at or before ``limit`` (labels must not end mid-word)."""
    best = 0
    for b in token_boundaries(text[: limit + 40]):
        if b <= limit:
            best = b
    return best or limit


@lru_cache(maxsize=4096)
def _tokenize(text: str) -> tuple[str, ...]:
    from pythainlp.tokenize import word_tokenize

    return tuple(word_tokenize(text, engine="newmm", keep_whitespace=True))


def token_boundaries(text: str) -> list[int]:
    """Offsets (exclusive ends) of newmm tokens in ``text``; cutting there never splits a Thai word."""
    out: list[int] = []
    pos = 0
    for tok in _tokenize(text):
        pos += len(tok)
        out.append(pos)
    return out


# ---------------------------------------------------------------- numbered headings

# A unit number inside a sentence is usually introduced by one of these words ("ตามมาตรา ๑๕",
# "ภายใต้บังคับ มาตรา 14", "และ มาตรา 22"); gazette text sometimes puts a space before "มาตรา".
_REF_BEFORE = ("ตาม", "แห่ง", "ใน", "และ", "หรือ", "บังคับ", "เว้นแต่", "ถึง", "กับ", "ประกอบ", "โดย", "ของ", "(")
_REF_BEFORE_OK = ("ติดตาม",)  # words that merely end like a reference word
# ...or followed by what qualifies a reference: "มาตรา ๑๒ วรรคสอง", "มาตรา ๕ และ", "มาตรา ๗ (๒)".
_REF_AFTER = re.compile(
    r"[^\S\n]*(?:\n[^\S\n]*)?(?:วรรค|และ|หรือ|แห่ง|ถึง|ประกอบ|,|\)|\((?!\s*ยกเลิก)|มาตรา|ข้อ\s*" + DIGIT + ")"
)


@dataclass(frozen=True)
class Candidate:
    """A place where a numbered unit might start; ``pos`` is where its keyword begins."""

    pos: int
    end: int  # end of the number (and footnote mark)
    key: tuple[int, int]
    label: str
    line_start: bool


def find_candidates(text: str, keyword: str, lo: int = 0, hi: int | None = None) -> list[Candidate]:
    """Occurrences of ``keyword N`` in [lo, hi) that look like unit starts rather than references."""
    hi = len(text) if hi is None else hi
    pattern = re.compile(rf"{keyword}[^\S\n]*\n?[^\S\n]*({NUMBER}){FOOTNOTE}?")
    out: list[Candidate] = []
    for m in pattern.finditer(text, lo, hi):
        pos = m.start()
        before = text[max(0, pos - 40) : pos]
        if before and not before[-1].isspace():
            continue  # "ตามมาตรา", "เว้นแต่มาตรา": glued to the previous word
        head = re.sub(r"[^\S\n]+$", "", before)
        line_start = head == "" or head.endswith("\n")
        prev_word = before.split()[-1] if before.split() else ""
        if not line_start and prev_word.endswith(_REF_BEFORE) and not prev_word.endswith(_REF_BEFORE_OK):
            continue
        if _REF_AFTER.match(text, m.end()):
            continue
        after = text[m.end() : m.end() + 1]
        if after and not (after.isspace() or after == "["):
            continue  # "มาตรา 5x" / digits glued to text: not a heading
        out.append(Candidate(pos, m.end(), number_key(m.group(1)), number_label(m.group(1)), line_start))
    return out


def prefer_line_starts(cands: list[Candidate]) -> list[Candidate]:
    """In line-structured texts keep only candidates at line starts; one-line gazette text keeps all."""
    if not cands:
        return cands
    at_start = [c for c in cands if c.line_start]
    return at_start if len(at_start) >= 0.5 * len(cands) and len(at_start) >= 2 else cands


def _consecutive(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return b == (a[0] + 1, 0) or b == (a[0], a[1] + 1)


def _step_score(prev: tuple[int, int] | None, key: tuple[int, int], max_gap: int) -> float | None:
    """Score of taking ``key`` right after ``prev``; None when the step is not allowed."""
    if prev is None:
        # Acts start at 1, amending Acts usually at 2; an excerpt may start anywhere, at a cost.
        return 1.0 if key[0] <= 2 else 0.5
    if key <= prev:
        return None  # numbers must increase
    if _consecutive(prev, key):
        return 1.0
    gap = key[0] - prev[0] - 1 if key[0] > prev[0] else 0
    if gap > max_gap:
        return None
    return 0.6 - 0.3 * gap


def pick_chain(cands: Iterable[Candidate], max_gap: int = 15) -> list[Candidate]:
    """The increasing run of numbers that best explains the candidates (mostly +1 steps).

    A reference that slipped through the context filter ("มาตรา 6 มาตรา 17" is fine, but
    a stray "มาตรา ๕๔" in a note is not) breaks the +1 rhythm and is dropped here.
    """
    items = list(cands)
    n = len(items)
    if n == 0:
        return []
    best: list[float] = [0.0] * n
    back: list[int] = [-1] * n
    for j, c in enumerate(items):
        start = _step_score(None, c.key, max_gap)
        best[j] = start if start is not None else float("-inf")
        for i in range(j):
            if best[i] == float("-inf"):
                continue
            step = _step_score(items[i].key, c.key, max_gap)
            if step is not None and best[i] + step > best[j]:
                best[j] = best[i] + step
                back[j] = i
    j = max(range(n), key=lambda k: best[k])
    if best[j] <= 0:
        return []
    chain: list[Candidate] = []
    while j >= 0:
        chain.append(items[j])
        j = back[j]
    return chain[::-1]
