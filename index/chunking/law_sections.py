"""Split a Thai law into labelled units: its sections (มาตรา, suffixes included), schedules and notes.

Users cite laws by section, so a chunk must never straddle two sections and must carry the right
number. The hard parts:

* "มาตรา ๑๕" also appears inside sentences as a cross reference;
* inserted sections carry a Pali suffix ("มาตรา ๖๕ ทวิ") and must keep it;
* a code may be printed after the Act that enacts it (the Revenue Code): both start at section 1;
* codes skip numbers ("มาตรา ๑๒๗๔ - ๑๒๙๗ (ยกเลิก)") and put schedules between sections;
* after the signature come "หมายเหตุ" notes and the amending Acts' own transitional sections,
  which reuse low section numbers of their own.

Two layouts are handled. The Council of State .txt layout (one structural item per line) is parsed
from its line-start headings (``law_headings``): the longest increasing run of section numbers,
extended by the runs that continue its numbering, is the principal law; runs set apart from it by a
countersignature or an Act title belong to other Acts (the enacting Act before a code, the decrees
enacting a code's later books); everything from the first notes marker after the principal law's
last section is notes and amending Acts. One-line
gazette text, where a section starts after a space ("... ดังต่อไปนี้ มาตรา 1 ..."), keeps the older
candidate filter and numbering-chain picker of ``common``.

Units of the principal law are labelled "มาตรา 65 ทวิ"; sections of another Act printed in the same
text (enacting or amending) are labelled "มาตรา 2 แห่งพระราชบัญญัติ… (ฉบับที่ 2) พ.ศ. 2551" so that
they never collide with the principal law's sections; schedules are labelled by their title and
notes "หมายเหตุ".
"""

from __future__ import annotations

import bisect
import itertools
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
from index.chunking.law_headings import (
    ScheduleTitle,
    SectionHeading,
    StructureHeading,
    act_titles,
    notes_markers,
    opening_title,
    schedule_titles,
    section_headings,
    signatures,
    structure_headings,
)

SECTION_WORD = "มาตรา"
NOTES_LABEL = "หมายเหตุ"


@dataclass(frozen=True)
class LawSection:
    """One unit of a law; [start, end) includes the structure headings printed just before it.

    ``kind`` is "preamble", "section", "schedule", "notes" or "amendment" (an amending Act printed in
    the notes: its title unit and its own sections). ``act`` names the other Act a section belongs
    to (the enacting Act before a code, an amending Act); None for the principal law.
    """

    start: int
    end: int
    head: int | None  # offset of the word "มาตรา" (None for preamble, schedules and notes)
    number: str | None  # "13", "26/1", "65 ทวิ", "1274-1297" (a repealed range)
    chapter: str | None  # breadcrumb: "บรรพ 4 … / ลักษณะ 1 … / หมวด 2 …", or the other Act's title
    kind: str = "section"
    act: str | None = None
    title: str | None = None  # a schedule's title or an amending Act's title (units without number)
    suffix: str | None = None  # "ทวิ" for "มาตรา 65 ทวิ"
    structure: tuple[str, ...] = ()  # the breadcrumb parts, outermost first

    @property
    def label(self) -> str | None:
        """Citation label with Arabic digits: "มาตรา 13", "มาตรา 65 ทวิ", "หมายเหตุ", a schedule title."""
        if self.number is not None:
            base = f"{SECTION_WORD} {self.number}"
            return f"{base} แห่ง{self.act}" if self.act else base
        if self.kind == "notes":
            return NOTES_LABEL
        if self.kind in ("schedule", "amendment"):
            return self.title
        return None


def find_law_sections(text: str) -> list[LawSection]:
    """Sections, preamble, schedules and notes of a law text, in order, covering the whole text."""
    units = _line_layout_sections(text)
    if units is None:
        units = _gazette_sections(text)
    return [s for s in units if s.end > s.start and text[s.start : s.end].strip()]


# ================================================================ Council of State line layout


@dataclass(frozen=True)
class _Start:
    """Where a unit before the notes begins: a section heading or a schedule title."""

    pos: int
    section: SectionHeading | None = None
    schedule: ScheduleTitle | None = None


def _last_key(h: SectionHeading) -> tuple[int, int, int, int]:
    return h.number.last or h.number.key


def _line_layout_sections(text: str) -> list[LawSection] | None:
    """Units of a line-layout law, or None when the text is not in that layout."""
    heads = section_headings(text)
    strong = [h for h in heads if h.strong]
    if not strong or not _is_line_layout(text):
        return None
    notes = notes_markers(text)
    titles = act_titles(text)
    sigs = signatures(text)
    runs = _runs(strong, notes, [p for p, _ in titles])
    chain = _principal_runs(runs, notes, sigs, [p for p, _ in titles])
    first, last = runs[chain[0]][0], runs[chain[-1]][-1]
    # The principal law ends at its notes, or at an Act title followed by another Act's sections
    # (old laws print their amending Acts straight after the signature, without notes).
    foreign_after = next((r[0].pos for r in runs[chain[-1] + 1 :]), len(text))
    tail = min(
        next((p for p, _ in notes if p > last.pos), len(text)),
        next((p for p, _ in titles if last.pos < p < foreign_after), len(text)),
    )
    other: dict[int, str] = {}  # heading offset -> title of the other Act it belongs to
    previous_end = 0
    for i, run in enumerate(runs):
        if run[0].pos >= tail:
            break
        if i in chain:
            previous_end = run[-1].pos
            continue
        separated = _between(sigs, previous_end, run[0].pos) or any(previous_end < p < run[0].pos for p, _ in titles)
        if i < chain[0] or separated:  # else a numbering slip inside the body: it stays there
            act = _instrument_title(text, previous_end, run[0].pos, titles)
            other.update({h.pos: act for h in run})
        previous_end = run[-1].pos
    body = [h for h in heads if (first.pos <= h.pos < tail and h.strong) or h.pos in other]
    body = _accept_weak(body, heads, first.pos, tail)
    out = _body_units(text, body, other, last, tail)
    out.extend(_tail_units(text, tail, heads, notes, titles))
    return out


_MAX_JUMP = 60  # numbering skips repealed stretches, but a longer jump without a range heading starts a new run
_CLOSE = 2  # across another Act's title, the code's numbering continues with the next number or so


def _principal_runs(
    runs: list[list[SectionHeading]], notes: list[tuple[int, bool]], sigs: list[int], titles: list[int]
) -> list[int]:
    """Indices of the runs that make up the principal law: the longest run, extended both ways by runs
    that continue its numbering (a code's later books after their own enacting decrees)."""
    start = max(range(len(runs)), key=lambda i: len(runs[i]))
    chain = [start]
    reasons = [p for p, reason in notes if reason]
    for i in range(start + 1, len(runs)):
        prev, run = runs[chain[-1]][-1], runs[i]
        if _between(reasons, prev.pos, run[0].pos):
            break
        if _continues(prev, run[0], _between(sigs, prev.pos, run[0].pos) or _between(titles, prev.pos, run[0].pos)):
            chain.append(i)
    for i in range(start - 1, -1, -1):
        nxt, run = runs[chain[0]][0], runs[i]
        separated = _between(sigs, run[-1].pos, nxt.pos) or _between(titles, run[-1].pos, nxt.pos)
        if not separated or _continues(run[-1], nxt, separated):
            chain.insert(0, i)
        else:
            break
    return chain


def _continues(a: SectionHeading, b: SectionHeading, separated: bool) -> bool:
    """Whether ``b`` can follow ``a`` in one law's numbering."""
    if b.number.key <= _last_key(a):
        return False
    if a.number.last is not None:
        return True
    return b.number.key[0] - _last_key(a)[0] <= (_CLOSE if separated else _MAX_JUMP)


def _instrument_title(text: str, lo: int, hi: int, titles: list[tuple[int, str]]) -> str:
    """Title of the Act printed in [lo, hi): its title block, else the lines opening it."""
    inside = [t for p, t in titles if lo <= p < hi]
    if inside:
        return inside[-1]
    opening = opening_title(text, hi) if lo == 0 else None
    return opening or _opening_lines(text, lo, hi)


def _opening_lines(text: str, lo: int, hi: int) -> str:
    m = re.search(
        r"(?m)^[^\S\n]*((?:พระราชบัญญัติ|พระราชกฤษฎีกา|พระราชกำหนด)[^\n]*(?:\n[^\S\n]*\S[^\n]*){0,3})", text[lo:hi]
    )
    return short_label(m.group(1), 80) if m else "บทบัญญัติที่ตราไว้ก่อน"


def _is_line_layout(text: str) -> bool:
    """Council of State layout: most section candidates outside the notes begin a line."""
    first_notes = next((p for p, reason in notes_markers(text) if reason), len(text))
    cands = find_candidates(text, SECTION_WORD, 0, first_notes)
    kept = prefer_line_starts(cands)
    return bool(kept) and all(c.line_start for c in kept)


def _runs(strong: list[SectionHeading], notes: list[tuple[int, bool]], titles: list[int]) -> list[list[SectionHeading]]:
    """Increasing runs of section numbers; a run also ends at the reasons for the law ("หมายเหตุ :-
    เหตุผล…") or where notes and an Act title intervene (an amending Act numbered past the law's end)."""
    any_notes = [p for p, _ in notes]
    reasons = [p for p, reason in notes if reason]
    runs: list[list[SectionHeading]] = [[strong[0]]]
    for a, b in itertools.pairwise(strong):
        reset = b.number.key <= _last_key(a) or (
            a.number.last is None and b.number.key[0] - a.number.key[0] > _MAX_JUMP
        )
        new_act = _between(reasons, a.pos, b.pos) or (
            _between(any_notes, a.pos, b.pos) and _between(titles, a.pos, b.pos)
        )
        if reset or new_act:
            runs.append([b])
        else:
            runs[-1].append(b)
    return runs


def _between(sorted_positions: list[int], lo: int, hi: int) -> bool:
    i = bisect.bisect_right(sorted_positions, lo)
    return i < len(sorted_positions) and sorted_positions[i] < hi


def _accept_weak(strong: list[SectionHeading], heads: list[SectionHeading], lo: int, hi: int) -> list[SectionHeading]:
    """Add weak headings (no blank line around them) that fit the numbering between their neighbours."""
    kept = sorted(strong, key=lambda h: h.pos)
    for w in (h for h in heads if lo <= h.pos < hi and not h.strong and h.number.last is None):
        i = bisect.bisect_left([h.pos for h in kept], w.pos)
        prev = kept[i - 1] if i > 0 else None
        nxt = kept[i] if i < len(kept) else None
        if (prev is None or _last_key(prev) < w.number.key) and (nxt is None or w.number.key < nxt.number.key):
            kept.insert(i, w)
    return kept


def _body_units(
    text: str, body: list[SectionHeading], other: dict[int, str], last: SectionHeading, tail: int
) -> list[LawSection]:
    """Preamble, the principal law's sections and schedules (each with the structure headings above
    it) and the sections of other Acts printed before or inside it (enacting Acts and decrees)."""
    if not body:
        return [LawSection(0, tail, None, None, None, kind="preamble")]
    structure = structure_headings(text, 0, tail)
    starts = [_Start(h.pos, section=h) for h in body]
    for sch in schedule_titles(text, body[0].pos, tail):
        if sch.pos > last.pos or sch.word == "บัญชี":
            starts.append(_Start(sch.pos, schedule=sch))
    starts.sort(key=lambda s: s.pos)

    begins: list[int] = []
    prev = 0
    for s in starts:
        # A unit begins at the earliest structure heading printed since the previous unit's start.
        above = [h.pos for h in structure if prev < h.pos < s.pos]
        principal = s.section is not None and s.pos not in other
        begins.append(min(above) if above and principal else s.pos)
        prev = s.pos
    out = [LawSection(0, begins[0], None, None, None, kind="preamble")] if begins[0] > 0 else []
    crumbs = _Breadcrumbs()
    h = 0
    for i, s in enumerate(starts):
        while h < len(structure) and structure[h].pos < s.pos:
            crumbs.push(structure[h])
            h += 1
        end = begins[i + 1] if i + 1 < len(starts) else tail
        parts = crumbs.parts() if s.pos <= last.pos else ()  # a schedule after the last section stands alone
        chapter = " / ".join(parts) or None
        if s.section is not None and s.pos in other:
            act = other[s.pos]
            out.append(_section(begins[i], end, s.section, act, act, ()))
        elif s.section is not None:
            out.append(_section(begins[i], end, s.section, chapter, None, parts))
        elif s.schedule is not None:
            out.append(LawSection(begins[i], end, None, None, chapter, "schedule", None, s.schedule.title, None, parts))
    return out


def _section(
    start: int, end: int, h: SectionHeading, chapter: str | None, act: str | None, parts: tuple[str, ...]
) -> LawSection:
    return LawSection(start, end, h.pos, h.number.label, chapter, "section", act, None, h.number.suffix, parts)


class _Breadcrumbs:
    """Current บรรพ / ลักษณะ / หมวด / ส่วน; nesting follows first appearance.

    Most laws put ส่วน inside หมวด, some (the State Administration Act) หมวด inside ส่วน; a new
    heading clears the levels below it, and บทเฉพาะกาล replaces everything.
    """

    def __init__(self) -> None:
        self.rank: dict[str, int] = {}
        self.state: dict[str, str] = {}

    def push(self, hd: StructureHeading) -> None:
        if hd.kind == "บทเฉพาะกาล":
            self.state = {hd.kind: hd.label}
            self.rank.setdefault(hd.kind, -1)
            return
        level = self.rank.setdefault(hd.kind, len(self.rank))
        self.state = {k: v for k, v in self.state.items() if self.rank[k] < level and k != "บทเฉพาะกาล"}
        self.state[hd.kind] = hd.label

    def parts(self) -> tuple[str, ...]:
        return tuple(self.state[k] for k in sorted(self.state, key=lambda k: self.rank[k]))


def _tail_units(
    text: str,
    tail: int,
    heads: list[SectionHeading],
    notes: list[tuple[int, bool]],
    titles: list[tuple[int, str]],
) -> list[LawSection]:
    """Notes after the principal law, and amending Acts' titles and own sections printed among them."""
    if tail >= len(text):
        return []
    marks: list[tuple[int, str | None]] = [(p, None) for p, _ in notes if p >= tail]
    marks += [(p, t) for p, t in titles if p >= tail]
    marks.sort()
    if not marks or marks[0][0] > tail:
        marks.insert(0, (tail, None))
    out: list[LawSection] = []
    for i, (pos, act) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        if act is None:
            out.append(LawSection(pos, end, None, None, None, kind="notes"))
            continue
        # In the notes a wrapped reference can follow the layout's double space ("…พ.ศ. ๒๕๕๐\nมาตรา ๖  ดังนั้น"):
        # an amending Act's own sections must stand on their own.
        own = [h for h in heads if pos < h.pos < end and h.isolated]
        first = own[0].pos if own else end
        out.append(LawSection(pos, first, None, None, act, "amendment", act, act))
        for j, h in enumerate(own):
            stop = own[j + 1].pos if j + 1 < len(own) else end
            out.append(LawSection(h.pos, stop, h.pos, h.number.label, act, "amendment", act, None, h.number.suffix))
    return out


# ================================================================ one-line gazette layout

_NOTES_RE = re.compile(r"(?m)^[^\S\n]*หมายเหตุ(?=[^\S\n]*(?::|\n|$))|(?<=\s)หมายเหตุ[^\S\n]*:")
# An amending Act's title: one to three lines from "พระราชบัญญัติ" to "พ.ศ. ๒๕๕๑[๔๕]", then its sections.
_AMEND_RE = re.compile(
    rf"(?m)^[^\S\n]*(พระราชบัญญัติ(?:(?!{SECTION_WORD})[^\n])*(?:\n(?:(?!{SECTION_WORD})[^\n])*){{0,2}}?"
    rf"พ\.[^\S\n]*ศ\.[^\S\n]*[0-9๐-๙]{{4}}){FOOTNOTE}?[^\S\n]*\n(?:[^\S\n]*\n)*[^\S\n]*(?={SECTION_WORD})"
)
# Headings inline in one-line gazette text, accepted only when a section start follows closely.
_CHAPTER_INLINE_RE = re.compile(rf"(?<=\s)หมวด[^\S\n]*({NUMBER})[^\S\n]+")
_PART_INLINE_RE = re.compile(rf"(?<=\s)ส่วนที่[^\S\n]*({NUMBER})[^\S\n]+")
_TRANSITORY_INLINE_RE = re.compile(r"(?<=\s)บทเฉพาะกาล(?=\s)")
_INLINE_HEADING_REACH = 250  # a heading's title is short; the first section follows within this


@dataclass(frozen=True)
class _Heading:
    pos: int
    kind: str  # chapter | part | transitory
    label: str


def _gazette_sections(text: str) -> list[LawSection]:
    """Sections of one-line gazette text: candidate filter plus numbering chain per segment."""
    out: list[LawSection] = []
    for lo, hi, kind, title in _segments(text):
        if kind == "notes":
            out.append(LawSection(lo, hi, None, None, title, kind="notes"))
            continue
        cands = find_candidates(text, SECTION_WORD, lo, hi)
        chain = pick_chain(cands)
        if len(chain) == 1 and chain[0].key[0] > 2:
            chain = []  # one stray "มาตรา ๑๓๒๗" in an order or notice: a reference, not a section
        headings = _inline_headings(text, lo, hi, chain)
        out.extend(_sections_of_segment(lo, hi, chain, headings, title))
    return out


def _segments(text: str) -> list[tuple[int, int, str, str | None]]:
    """Split into the main Act, its notes, and amending Acts' own sections appended after them.

    Returns (start, end, kind, title) with kind "act" or "notes"; title names an amending Act.
    """
    notes = [m.start() for m in _NOTES_RE.finditer(text)]
    if not notes:
        return [(0, len(text), "act", None)]
    first = notes[0]
    marks: list[tuple[int, str, str | None]] = [(pos, "notes", None) for pos in notes]
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


def _inline_headings(text: str, lo: int, hi: int, chain: list[Candidate]) -> list[_Heading]:
    """Chapter, part and transitory-provision headings in [lo, hi) of one-line text."""
    found: list[_Heading] = []
    starts = [c.pos for c in chain]
    inline = [(_CHAPTER_INLINE_RE, "chapter", "หมวด", 56), (_PART_INLINE_RE, "part", "ส่วนที่", 56)]
    for regex, kind, word, limit in inline:
        for m in regex.finditer(text, lo, hi):
            nxt = _next_start(starts, m.end(), text, hi)
            if nxt is None or nxt - m.end() > _INLINE_HEADING_REACH:
                continue
            found.append(_Heading(m.start(), kind, _title(word, m.group(1), text[m.end() : nxt], limit)))
    for m in _TRANSITORY_INLINE_RE.finditer(text, lo, hi):
        nxt = _next_start(starts, m.end(), text, hi)
        if nxt is not None and not text[m.end() : nxt].strip():
            found.append(_Heading(m.start(), "transitory", "บทเฉพาะกาล"))
    found.sort(key=lambda h: h.pos)
    return found


def _next_start(starts: list[int], after: int, text: str, hi: int) -> int | None:
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
    rank: dict[str, int] = {}
    state: dict[str, str] = {}
    h = 0
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
        kind = "amendment" if act_title else "preamble"
        out.append(LawSection(lo, first, None, None, act_title, kind, act_title, act_title))
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
        parts = tuple(state[k] for k in sorted(state, key=lambda k: rank[k]))
        if act_title:
            out.append(LawSection(begin, end, cand.pos, cand.label, act_title, "amendment", act_title))
        else:
            out.append(LawSection(begin, end, cand.pos, cand.label, " / ".join(parts) or None, structure=parts))
    return out
