"""Split a Thai Act into its sections (มาตรา), carrying the current chapter (หมวด) and part (ส่วน).

Users cite laws by section, so a chunk must never straddle two sections and must know its
number. The hard part is that "มาตรา ๑๕" also appears inside sentences as a cross reference;
see ``common.find_candidates`` (context filter) and ``common.pick_chain`` (numbering guard).

Two layouts are handled: Council of State .txt files (one structural item per line, sections as
"มาตรา\\n๑ \\n", footnote marks "๒[๑]", amending Acts appended after "หมายเหตุ") and one-line
gazette text where a section starts after a space ("... ดังต่อไปนี้ มาตรา 1 ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.chunking.common import (
    FOOTNOTE,
    NUMBER,
    Candidate,
    find_candidates,
    number_label,
    pick_chain,
    prefer_line_starts,
    short_label,
)

SECTION_WORD = "มาตรา"
_NOTES_RE = re.compile(r"(?m)^[^\S\n]*หมายเหตุ(?=[^\S\n]*(?::|\n|$))|(?<=\s)หมายเหตุ[^\S\n]*:")
# An amending Act's title: one to three lines from "พระราชบัญญัติ" to "พ.ศ. ๒๕๕๑[๔๕]", then its sections.
_AMEND_RE = re.compile(
    rf"(?m)^[^\S\n]*(พระราชบัญญัติ(?:(?!{SECTION_WORD})[^\n])*(?:\n(?:(?!{SECTION_WORD})[^\n])*){{0,2}}?"
    rf"พ\.[^\S\n]*ศ\.[^\S\n]*[0-9๐-๙]{{4}}){FOOTNOTE}?[^\S\n]*\n(?:[^\S\n]*\n)*[^\S\n]*(?={SECTION_WORD})"
)
# Headings on a line of their own (Council of State layout) ...
_CHAPTER_LINE_RE = re.compile(rf"(?m)^[^\S\n]*หมวด\s*({NUMBER}){FOOTNOTE}?[^\S\n]*\n((?:[^\S\n]*\n)*[^\n]*)")
_PART_LINE_RE = re.compile(rf"(?m)^[^\S\n]*ส่วนที่\s*({NUMBER}){FOOTNOTE}?[^\S\n]*\n((?:[^\S\n]*\n)*[^\n]*)")
_TRANSITORY_LINE_RE = re.compile(rf"(?m)^[^\S\n]*บทเฉพาะกาล{FOOTNOTE}?[^\S\n]*$")
# ... or inline in one-line gazette text, accepted only when a section start follows closely.
_CHAPTER_INLINE_RE = re.compile(rf"(?<=\s)หมวด[^\S\n]*({NUMBER})[^\S\n]+")
_PART_INLINE_RE = re.compile(rf"(?<=\s)ส่วนที่[^\S\n]*({NUMBER})[^\S\n]+")
_TRANSITORY_INLINE_RE = re.compile(r"(?<=\s)บทเฉพาะกาล(?=\s)")
_INLINE_HEADING_REACH = 250  # a heading's title is short; the first section follows within this


@dataclass(frozen=True)
class LawSection:
    """One structural unit of a law; [start, end) includes a chapter heading printed just before it."""

    start: int
    end: int
    head: int | None  # offset of the word "มาตรา" (None for preamble and notes)
    number: str | None  # "13", "26/1"
    chapter: str | None

    @property
    def label(self) -> str | None:
        """Citation label with Arabic digits, e.g. "มาตรา 13"; notes are labelled "หมายเหตุ"."""
        if self.number is None:
            return None
        return self.number if self.number == "หมายเหตุ" else f"{SECTION_WORD} {self.number}"


@dataclass(frozen=True)
class _Heading:
    pos: int
    kind: str  # chapter | part | transitory
    label: str


def find_law_sections(text: str) -> list[LawSection]:
    """Sections, preamble and notes of a law text, in order, covering the whole text."""
    segments = _segments(text)
    line_mode = _is_line_mode(text, segments)
    out: list[LawSection] = []
    for lo, hi, kind, title in segments:
        if kind == "notes":
            out.append(LawSection(lo, hi, None, "หมายเหตุ", title))
            continue
        cands = find_candidates(text, SECTION_WORD, lo, hi)
        cands = [c for c in cands if c.line_start] if line_mode else cands
        chain = pick_chain(cands)
        headings = _headings(text, lo, hi, chain, line_mode)
        out.extend(_sections_of_segment(lo, hi, chain, headings, title))
    return [s for s in out if s.end > s.start and text[s.start : s.end].strip()]


def _is_line_mode(text: str, segments: list[tuple[int, int, str, str | None]]) -> bool:
    """Council of State layout: most section candidates of the main Act begin a line."""
    lo, hi, _, _ = segments[0]
    cands = find_candidates(text, SECTION_WORD, lo, hi)
    kept = prefer_line_starts(cands)
    return bool(kept) and all(c.line_start for c in kept)


def _segments(text: str) -> list[tuple[int, int, str, str | None]]:
    """Split into the main Act, its notes, and amending Acts' own sections appended after them.

    Returns (start, end, kind, title) with kind "act" or "notes"; title names an amending Act.
    """
    notes = [m.start() for m in _NOTES_RE.finditer(text)]
    if not notes:
        return [(0, len(text), "act", None)]
    first = notes[0]
    marks: list[tuple[int, str, str | None]] = [(first, "notes", None)]
    for pos in notes[1:]:
        marks.append((pos, "notes", None))
    for m in _AMEND_RE.finditer(text, first):
        marks.append((m.start(), "act", short_label(m.group(1), 80)))
    marks.sort()
    out: list[tuple[int, int, str, str | None]] = [(0, first, "act", None)]
    act_title: str | None = None
    for i, (pos, kind, title) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        if kind == "act":
            act_title = title
        out.append((pos, end, kind, title if kind == "act" else act_title))
    return out


def _headings(text: str, lo: int, hi: int, chain: list[Candidate], line_mode: bool) -> list[_Heading]:
    """Chapter, part and transitory-provision headings in [lo, hi)."""
    found: list[_Heading] = []
    if line_mode:
        for m in _CHAPTER_LINE_RE.finditer(text, lo, hi):
            found.append(_Heading(m.start(), "chapter", _title("หมวด", m.group(1), m.group(2), 56)))
        for m in _PART_LINE_RE.finditer(text, lo, hi):
            found.append(_Heading(m.start(), "part", _title("ส่วนที่", m.group(1), m.group(2), 56)))
        for m in _TRANSITORY_LINE_RE.finditer(text, lo, hi):
            found.append(_Heading(m.start(), "transitory", "บทเฉพาะกาล"))
    else:
        starts = [c.pos for c in chain]
        inline = [
            (_CHAPTER_INLINE_RE, "chapter", "หมวด", 56),
            (_PART_INLINE_RE, "part", "ส่วนที่", 56),
        ]
        for regex, kind, word, limit in inline:
            for m in regex.finditer(text, lo, hi):
                nxt = _next_start(starts, m.end(), text, lo, hi)
                if nxt is None or nxt - m.end() > _INLINE_HEADING_REACH:
                    continue
                found.append(_Heading(m.start(), kind, _title(word, m.group(1), text[m.end() : nxt], limit)))
        for m in _TRANSITORY_INLINE_RE.finditer(text, lo, hi):
            nxt = _next_start(starts, m.end(), text, lo, hi)
            if nxt is not None and not text[m.end() : nxt].strip():
                found.append(_Heading(m.start(), "transitory", "บทเฉพาะกาล"))
    found.sort(key=lambda h: h.pos)
    return found


def _next_start(starts: list[int], after: int, text: str, lo: int, hi: int) -> int | None:
    """Offset of the first section start (or inline part heading) after ``after``."""
    nxt = [p for p in starts if p >= after]
    part = _PART_INLINE_RE.search(text, after, hi)
    if part:
        nxt.append(part.start())
    return min(nxt) if nxt else None


def _title(word: str, number: str, title: str, limit: int) -> str:
    """Short heading label with Arabic digits: "หมวด 2 คณะกรรมการ…"."""
    return short_label(f"{word} {number_label(number)} {title}", limit)


def _sections_of_segment(
    lo: int, hi: int, chain: list[Candidate], headings: list[_Heading], act_title: str | None
) -> list[LawSection]:
    """Cut one Act's span at its section starts; a heading just before a section joins that section."""
    out: list[LawSection] = []
    # Nesting follows first appearance: most Acts put ส่วน inside หมวด, some (the State
    # Administration Act) put หมวด inside ส่วน. A new heading clears the levels below it.
    rank: dict[str, int] = {}
    state: dict[str, str] = {}
    h = 0
    # Boundaries: each section begins at the earliest heading since the previous section start.
    starts: list[tuple[int, Candidate]] = []
    prev_head = lo
    for c in chain:
        begin = c.pos
        for hd in headings:
            if prev_head < hd.pos < c.pos:
                begin = min(begin, hd.pos)
                break
        starts.append((begin, c))
        prev_head = c.pos
    first = starts[0][0] if starts else hi
    if first > lo:
        out.append(LawSection(lo, first, None, None, act_title))
    for i, (begin, cand) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else hi
        while h < len(headings) and headings[h].pos < cand.pos:
            hd = headings[h]
            if hd.kind == "transitory":
                state = {hd.kind: hd.label}
                rank.setdefault(hd.kind, -1)
            else:
                level = rank.setdefault(hd.kind, len(rank))
                state = {k: v for k, v in state.items() if rank[k] < level and k != "transitory"}
                state[hd.kind] = hd.label
            h += 1
        parts = [state[k] for k in sorted(state, key=lambda k: rank[k])]
        if act_title:
            parts.insert(0, act_title)
        label = " / ".join(parts) or None
        out.append(LawSection(begin, end, cand.pos, cand.label, label))
    return out
