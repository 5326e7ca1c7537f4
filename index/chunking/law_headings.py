"""Headings of a Thai law in the Council of State line layout: sections, structure, schedules, notes.

The Council of State prints one structural item per line: "มาตรา ๖๕ ทวิ[๓]  ข้อความ" (or the number on
the next line), "หมวด ๑" / "ลักษณะ ๒" / "บรรพ ๔" with the title on the following line, schedules
("บัญชีอัตราอากรแสตมป์"), the "หมายเหตุ" notes after the signature, and amending Acts' own
transitional sections after those notes. This module only finds these lines; ``law_sections``
decides which instrument each belongs to. Vocabulary lives in ``law_terms.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from corpus.thai_text import arabic_digits
from index.chunking.common import FOOTNOTE, number_label, short_label

_TERMS_FILE = Path(__file__).with_name("law_terms.yaml")
_WS = r"[^\S\n]"  # whitespace on one line (includes the no-break spaces of the layout)
_D = "[0-9๐-๙]"


@dataclass(frozen=True)
class LawTerms:
    """Suffix ordinals, structure words and schedule words, read once from ``law_terms.yaml``."""

    suffixes: dict[str, int]
    structure_words: tuple[str, ...]
    schedule_words: tuple[str, ...]


@lru_cache(maxsize=1)
def law_terms() -> LawTerms:
    """The vocabulary file, parsed once."""
    raw = yaml.safe_load(_TERMS_FILE.read_text(encoding="utf-8"))
    return LawTerms(
        suffixes={e["word"]: int(e["ordinal"]) for e in raw["section_suffixes"]},
        structure_words=tuple(e["word"] for e in raw["structure_words"]),
        schedule_words=tuple(e["word"] for e in raw["schedule_words"]),
    )


def _alternation(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# ---------------------------------------------------------------- section numbers


@dataclass(frozen=True)
class SectionNumber:
    """A section number: ``label`` "65 ทวิ", "26/1", "172 ทวิ/1", "1274-1297"; ``key`` orders them."""

    key: tuple[int, int, int, int]  # main, suffix ordinal, sub number ("/1"), 0
    label: str
    suffix: str | None = None
    last: tuple[int, int, int, int] | None = None  # end of a range heading ("มาตรา ๑๓๐ ถึง มาตรา ๑๔๓")


@lru_cache(maxsize=1)
def _number_re() -> re.Pattern[str]:
    suffix = _alternation(list(law_terms().suffixes))
    one = (
        rf"(?P<main{{i}}>{_D}+)(?:{_WS}*/{_WS}*(?P<sub{{i}}>{_D}+))?{FOOTNOTE}?"
        rf"(?:{_WS}*\n?{_WS}*(?P<suf{{i}}>{suffix})(?![ก-๙])(?:{_WS}*/{_WS}*(?P<ssub{{i}}>{_D}+))?)?"
    )
    return re.compile(one.format(i=1) + rf"(?:{_WS}*(?:-|–|ถึง){_WS}*(?:มาตรา{_WS}*)?{one.format(i=2)})?")


def _key(m: re.Match[str], i: int) -> tuple[tuple[int, int, int, int], str, str | None]:
    main = int(arabic_digits(m.group(f"main{i}")))
    sub, suf, ssub = m.group(f"sub{i}"), m.group(f"suf{i}"), m.group(f"ssub{i}")
    ordinal = law_terms().suffixes[suf] if suf else 0
    minor = int(arabic_digits(sub or ssub or "0"))
    label = str(main) + (f"/{minor}" if sub else "") + (f" {suf}" if suf else "") + (f"/{minor}" if ssub else "")
    return (main, ordinal, minor, 0), label, suf


def parse_section_number(raw: str) -> SectionNumber | None:
    """ "๖๕ ทวิ" -> SectionNumber(key=(65, 2, 0, 0), label="65 ทวิ"); None when ``raw`` is not a number."""
    m = _number_re().fullmatch(raw.strip())
    return _section_number(m) if m else None


def _section_number(m: re.Match[str]) -> SectionNumber:
    key, label, suf = _key(m, 1)
    if m.group("main2") is None:
        return SectionNumber(key, label, suf)
    last, last_label, _ = _key(m, 2)
    return SectionNumber(key, f"{label}-{last_label}", suf, last)


# ---------------------------------------------------------------- section headings


@dataclass(frozen=True)
class SectionHeading:
    """A line-start "มาตรา N" that reads as a heading; ``strong`` when the layout says so unambiguously."""

    pos: int  # offset of "มาตรา"
    end: int  # end of the number, suffix and footnote mark
    number: SectionNumber
    strong: bool
    isolated: bool = False  # a blank line before it or nothing after the number on its line


# What follows a number that is a reference, not a heading: "มาตรา ๑๒ วรรคสอง", "มาตรา ๕ และ",
# "มาตรา ๗ (๒)", or a footnote line "มาตรา ๒๕๓ แก้ไขเพิ่มเติมโดยพระราชบัญญัติ…".
_SAME_LINE_REF = re.compile(
    rf"{_WS}*(?:วรรค|และ|หรือ|แห่ง|ถึง|ประกอบ|,|\)|\((?!{_WS}*ยกเลิก)|มาตรา|ข้อ{_WS}*{_D}|"
    r"แก้ไขเพิ่มเติมโดย|เพิ่มเติมโดย|เพิ่มโดย|ยกเลิกโดย)"
)
_NEXT_LINE_REF = re.compile(rf"{_WS}*\n{_WS}*(?:วรรค|แก้ไขเพิ่มเติมโดย|เพิ่มเติมโดย|เพิ่มโดย|ยกเลิกโดย|\({_D}+\))")
_FOOTNOTE_LINE = re.compile(rf"{_WS}*{FOOTNOTE}{_WS}*")


@lru_cache(maxsize=1)
def _heading_re() -> re.Pattern[str]:
    return re.compile(rf"(?m)^{_WS}*มาตรา{_WS}*\n?{_WS}*(?:{_number_re().pattern}){FOOTNOTE}?")


def _prev_line(text: str, pos: int) -> str | None:
    """The line before the one holding ``pos`` (None at the start of the text)."""
    ls = text.rfind("\n", 0, pos)
    if ls < 0:
        return None
    return text[text.rfind("\n", 0, ls) + 1 : ls]


def section_headings(text: str, lo: int = 0, hi: int | None = None) -> list[SectionHeading]:
    """Line-start "มาตรา N [suffix]" headings in [lo, hi), cross references and footnote lines left out."""
    hi = len(text) if hi is None else hi
    out: list[SectionHeading] = []
    for m in _heading_re().finditer(text, lo, hi):
        number = _section_number(m)
        if _SAME_LINE_REF.match(text, m.end()) or _NEXT_LINE_REF.match(text, m.end()):
            continue
        nl = text.find("\n", m.end())
        rest = text[m.end() : nl if nl >= 0 else len(text)]
        if number.last is not None and "ยกเลิก" not in text[m.end() : m.end() + 80]:
            continue  # "มาตรา ๙๗ ถึงมาตรา ๑๑๑ …" wrapped to a line start: a reference, not a repealed range
        prev = _prev_line(text, m.start())
        if prev is not None and _FOOTNOTE_LINE.fullmatch(prev):
            continue  # the footnote list: "[๓]\nมาตรา ๒๑๔\nแก้ไขเพิ่มเติมโดย…"
        alone = "\n" in text[m.start() : m.end()]  # "มาตรา" alone on its line, the number below
        isolated = prev is None or not prev.strip() or not rest.strip() or alone
        strong = isolated or bool(re.match(rf"{_WS}{{2}}", rest))
        out.append(SectionHeading(m.start(), m.end(), number, strong, isolated))
    return out


# ---------------------------------------------------------------- structure, schedules, notes, titles


@dataclass(frozen=True)
class StructureHeading:
    """ "หมวด ๑ ทวิ\\nบททั่วไป" -> kind "หมวด", label "หมวด 1 ทวิ บททั่วไป"."""

    pos: int
    kind: str  # the heading word; "ส่วนที่" and "ส่วน" are one level
    label: str


@lru_cache(maxsize=1)
def _structure_re() -> re.Pattern[str]:
    terms = law_terms()
    words = _alternation(terms.structure_words)
    suffix = _alternation(list(terms.suffixes))
    return re.compile(
        rf"(?m)^{_WS}*(?P<word>{words}){_WS}*\n?{_WS}*(?P<num>{_D}+(?:{_WS}*/{_WS}*{_D}+)?)"
        rf"(?:{_WS}*(?P<suf>{suffix})(?![ก-๙]))?{FOOTNOTE}?(?P<rest>[^\n]*)"
    )


_TRANSITORY_RE = re.compile(rf"(?m)^{_WS}*บทเฉพาะกาล{FOOTNOTE}?{_WS}*$")
_MAX_HEADING_LINE = 90  # a heading line with its title is short; prose wrapped to a line start is not


def structure_headings(text: str, lo: int = 0, hi: int | None = None) -> list[StructureHeading]:
    """บรรพ/ลักษณะ/หมวด/ส่วน headings (and บทเฉพาะกาล) on lines of their own after a blank line
    (or right under a code's title line "ประมวลรัษฎากร")."""
    hi = len(text) if hi is None else hi
    out: list[StructureHeading] = []
    for m in _structure_re().finditer(text, lo, hi):
        prev = _prev_line(text, m.start())
        if prev is not None and prev.strip() and not prev.strip().startswith("ประมวล"):
            continue  # wrapped prose: "…ตาม\nลักษณะ ๒ หมวด ๖"; but a code's title may sit right above
        rest = m.group("rest").strip()
        if len(rest) > _MAX_HEADING_LINE or rest.startswith(("แห่ง", "ว่าด้วย", "และ", "หรือ", "ถึง", "(")):
            continue
        title = rest or _next_nonblank_line(text, m.end(), hi)
        if title.lstrip().startswith("มาตรา"):
            title = ""
        kind = "ส่วน" if m.group("word") == "ส่วนที่" else m.group("word")
        number = number_label(m.group("num")) + (f" {m.group('suf')}" if m.group("suf") else "")
        out.append(StructureHeading(m.start(), kind, short_label(f"{m.group('word')} {number} {title}", 56)))
    for m in _TRANSITORY_RE.finditer(text, lo, hi):
        out.append(StructureHeading(m.start(), "บทเฉพาะกาล", "บทเฉพาะกาล"))
    out.sort(key=lambda h: h.pos)
    return out


def _next_nonblank_line(text: str, pos: int, hi: int) -> str:
    for line in text[pos:hi].split("\n")[1:6]:
        if line.strip():
            return line.strip() if len(line.strip()) <= _MAX_HEADING_LINE else ""
    return ""


@dataclass(frozen=True)
class ScheduleTitle:
    """A schedule printed with the law ("บัญชีอัตราอากรแสตมป์", "อัตราค่าธรรมเนียม")."""

    pos: int
    word: str
    title: str


@lru_cache(maxsize=1)
def _schedule_re() -> re.Pattern[str]:
    words = _alternation(law_terms().schedule_words)
    return re.compile(rf"(?m)^{_WS}*(?P<word>{words})(?P<rest>[^\n]*)$")


def schedule_titles(text: str, lo: int = 0, hi: int | None = None) -> list[ScheduleTitle]:
    """Short title lines between blank lines that start with a schedule word."""
    hi = len(text) if hi is None else hi
    out: list[ScheduleTitle] = []
    for m in _schedule_re().finditer(text, lo, hi):
        line = m.group(0).strip()
        prev = _prev_line(text, m.start())
        nxt = text[m.end() + 1 : text.find("\n", m.end() + 1) if text.find("\n", m.end() + 1) >= 0 else len(text)]
        if len(line) > _MAX_HEADING_LINE or (prev is not None and prev.strip()) or nxt.strip():
            continue
        out.append(ScheduleTitle(m.start(), m.group("word"), short_label(line, 56)))
    return out


# "หมายเหตุ" on a line of its own, or "หมายเหตุ :- เหตุผลในการประกาศใช้…" (not the remarks of a
# schedule row such as "หมายเหตุ ประเภทย่อย…").
_NOTES_RE = re.compile(rf"(?m)^{_WS}*หมายเหตุ{_WS}*(?::|-|–|{FOOTNOTE}|$)")
_REASON_WORDS = ("เหตุผล", "โดยที่")


def notes_markers(text: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, bool]]:
    """Starts of "หมายเหตุ" notes; the flag says the reasons for the law follow ("เหตุผลในการประกาศใช้")."""
    hi = len(text) if hi is None else hi
    return [
        (m.start(), any(w in text[m.end() : m.end() + 120] for w in _REASON_WORDS))
        for m in _NOTES_RE.finditer(text, lo, hi)
    ]


# An Act's title block, after a blank line (or a bare "พระราชบัญญัติ" line): one to seven lines
# from "พระราชบัญญัติ…" (or พระราชกำหนด, พระราชกฤษฎีกา, an order of a revolutionary council) to
# its year "พ.ศ.\n๒๕๕๑[๔๕]" ending its line; then a blank line or its first section or clause.
_ACT_TITLE_RE = re.compile(
    rf"(?m)^{_WS}*\*?((?:พระราชบัญญัติ(?!นี้)|พระราชกำหนด|พระราชกฤษฎีกา|ประกาศของคณะ|ประกาศคณะ|คำสั่งหัวหน้า|คำสั่งคณะ)"
    rf"[^\n]*(?:\n(?!{_WS}*มาตรา{_WS}*\n?{_WS}*{_D})[^\n]*){{0,6}}?"
    rf"(?:พ\.{_WS}*ศ\.|พุทธศักราช){_WS}*\n?{_WS}*[0-9๐-๙]{{4}}){_WS}*{FOOTNOTE}?{_WS}*"
    rf"(?=\n{_WS}*\n|\n{_WS}*(?:มาตรา|ข้อ)|$)"
)


_BARE_TITLE_WORDS = ("พระราชบัญญัติ", "พระราชกำหนด", "พระราชกฤษฎีกา")


def act_titles(text: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, str]]:
    """(offset, short title) of Act title blocks: a title up to its year on lines of their own."""
    hi = len(text) if hi is None else hi
    out: list[tuple[int, str]] = []
    pos = lo
    while (m := _ACT_TITLE_RE.search(text, pos, hi)) is not None:
        prev = _prev_line(text, m.start())
        first = m.group(1).split("\n", 1)[0].strip()
        if prev is None or not prev.strip() or first in _BARE_TITLE_WORDS:
            out.append((m.start(), short_label(m.group(1), 80)))
            pos = m.end()
        else:  # prose that merely starts with "พระราชบัญญัติ": retry from its next line
            nl = text.find("\n", m.start())
            if nl < 0:
                break
            pos = nl + 1
    return out


_SIGNATURE_RE = re.compile(rf"(?m)^{_WS}*ผู้รับสนองพระบรมราชโองการ|^{_WS}*ผู้รับสนองพระราชโองการ")


def signatures(text: str, lo: int = 0, hi: int | None = None) -> list[int]:
    """Offsets of the countersignature line that closes an enacted text."""
    hi = len(text) if hi is None else hi
    return [m.start() for m in _SIGNATURE_RE.finditer(text, lo, hi)]


def opening_title(text: str, hi: int) -> str | None:
    """The title a text opens with (its first lines up to the year), for an enacting Act before a code."""
    m = re.search(
        rf"(?s)^\s*((?:พระราชบัญญัติ|พระราชกำหนด|พระราชกฤษฎีกา)[^\n]*(?:\n[^\n]*){{0,3}}?"
        rf"(?:พ\.{_WS}*ศ\.|พุทธศักราช){_WS}*[0-9๐-๙]{{4}})",
        text[:hi],
    )
    return short_label(m.group(1), 80) if m else None
