"""Find a postal address in a passage and cut it whole, so a "where is the office" answer never stops mid-address.

A Thai address is a run of parts written in a fixed order: floor and building, house number (เลขที่ 108,
354 หมู่ 5), lane, road, sub-district (แขวง/ตำบล), district (เขต/อำเภอ), province (จังหวัด…, กรุงเทพฯ) and the
five-digit postcode (Thailand Post addressing standard). Text PDFs break such runs with line breaks and spaces
only, so parts separated by whitespace (or a comma) belong to one run. The span is the run with the place's
name just before it (back to an opening quote, a colon, "ได้ที่" or a list marker), and nothing after the
last part (a telephone number that follows is another fact).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.thai_text import key_tokens

_D = "[0-9๐-๙]"
_W = r"(?<![\u0e01-\u0e4e])"  # a label opens a word: "องค์การบริหารส่วนตำบล…", "ขนส่งจังหวัด…" are names
# One address part each; a Thai name is one whitespace-free token after its label (ถนนรางน้ำ, แขวงถนนพญาไท).
_PARTS = (
    ("floor", rf"ชั้น(?:ที่)?\s*{_D}+"),
    ("building", r"อาคาร\s*\S+"),
    ("number", rf"(?:บ้าน)?เลขที่\s*{_D}+(?:/{_D}+)?"),
    ("number", rf"(?<![0-9๐-๙/.-]){_D}{{1,5}}(?:/{_D}+)?(?=\s*(?:หมู่|ม\.)\s*(?:ที่\s*)?{_D})"),
    ("moo", rf"(?:หมู่(?:ที่)?|ม\.)\s*{_D}+"),
    ("lane", rf"{_W}(?:ซอย|ซ\.)\s*\S+"),
    ("road", rf"{_W}(?:ถนน|ถ\.)\s*\S+"),
    ("subdistrict", rf"{_W}(?:แขวง|ตำบล|ต\.)\s*\S+"),
    ("district", rf"{_W}(?:เขต|อำเภอ|อ\.)\s*\S+"),
    ("province", rf"{_W}(?:(?:จังหวัด|จ\.)\s*\S+|กรุงเทพ(?:มหานคร|ฯ)?)"),
    ("postcode", rf"(?<![0-9๐-๙]){_D}{{5}}(?![0-9๐-๙])"),
)
_PART_RE = re.compile("|".join(f"(?P<p{i}>{p})" for i, (_, p) in enumerate(_PARTS)))
_GAP_RE = re.compile(r"[\s,]{0,4}")  # parts of one address are apart by spaces, line breaks or a comma
_NAME_STOP_RE = re.compile(r"[“\":]|ได้ที่|\(\s*[0-9๐-๙]{1,2}\s*\)")  # where the place's name before it begins
_NAME_CHARS = 80  # the place's name is looked for this far before the address
_MIN_PARTS = 2  # a house number alone ("เลขที่ 53") or a province alone is no address
_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class Address:
    start: int  # where the quoted span begins (the place's name, when written right before)
    end: int
    parts: int  # distinct kinds of address part in the run


def addresses(text: str) -> list[Address]:
    """Every run of at least two address parts, with the place's name before it."""
    out: list[Address] = []
    run_start = run_end = -1
    kinds: set[str] = set()
    for m in _PART_RE.finditer(text):
        kind = _PARTS[int((m.lastgroup or "p0")[1:])][0]
        joined = run_end >= 0 and _GAP_RE.fullmatch(text, run_end, m.start()) is not None
        if not joined:
            if len(kinds) >= _MIN_PARTS:
                out.append(_with_name(text, run_start, run_end, len(kinds)))
            run_start, kinds = m.start(), set()
        run_end = m.end()
        kinds.add(kind)
    if len(kinds) >= _MIN_PARTS:
        out.append(_with_name(text, run_start, run_end, len(kinds)))
    return out


def _with_name(text: str, start: int, end: int, parts: int) -> Address:
    """The run with the words naming the place before it ("สำนักงานขนส่งจังหวัดหนองคาย ที่อยู่ 354 …")."""
    lo = max(0, start - _NAME_CHARS)
    stops = [m.end() for m in _NAME_STOP_RE.finditer(text, lo, start)]
    a = stops[-1] if stops else lo
    if not stops and a > 0:
        space = text.find(" ", a, start)
        a = space + 1 if space >= 0 else start
    return Address(a, end, parts)


def best_address(text: str, terms: set[str]) -> str | None:
    """The fullest address in the text, ties broken by the question's words in or just before it."""
    best: tuple[float, str] | None = None
    for i, found in enumerate(addresses(text)):
        span = _SPACE_RE.sub(" ", text[found.start : found.end]).strip()
        context = text[max(0, found.start - _NAME_CHARS) : found.end]
        score = found.parts + len(terms & set(key_tokens(context))) - 0.01 * i
        if best is None or score > best[0]:
            best = (score, span)
    return best[1] if best else None
