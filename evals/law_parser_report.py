"""Measure the law parser on a collection of Council of State texts (e.g. the 2021 Thai Acts dump).

The parser (``index.chunking.law_sections``) is checked against headings counted here by a plain
layout rule that knows nothing of instruments, runs or notes: a "true heading" is a line that starts
"มาตรา N [suffix]" where the line before is blank or the number is followed by the layout's double
space / line end, and the words after the number are not those of a reference ("วรรค", "และ",
"แก้ไขเพิ่มเติมโดย"…), nor a footnote entry ("[๓]" on the line before). A heading is correctly
labelled when a unit starts at it with the same number (suffix included). A unit is wrongly numbered
when its number differs from the true heading at its start, or when it starts where no true heading
is and its number is no true heading of that text. Files are deduplicated byte for byte.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import re
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, Field

from corpus.thai_text import arabic_digits
from index.chunking.law_sections import LawSection, find_law_sections

_WS = r"[^\S\n]"
_D = "[0-9๐-๙]"
_FN = rf"(?:\[{_D}+\])"
# Pali ordinals of inserted sections, as printed by the Council of State (see law_terms.yaml).
_SUFFIX = (
    "เอกูนตึงสติ|ตึงสติ|เอกูนวีสติ|เอกวีสติ|ทวาวีสติ|เตวีสติ|จตุวีสติ|ปัญจวีสติ|ฉัพพีสติ|สัตตวีสติ|อัฏฐวีสติ|"
    "วีสติ|อัฏฐารส|สัตตรส|โสฬส|ปัณณรส|ปัณรส|ปัญจทศ|จตุทศ|เตรส|ทวาทศ|เอกาทศ|ทศ|นว|อัฏฐ|อัฐ|สัตต|ฉ|เบญจ|จัตวา|ตรี|ทวิ"
)
_NUM = rf"{_D}+(?:{_WS}*/{_WS}*{_D}+)?{_FN}?(?:{_WS}*\n?{_WS}*(?:{_SUFFIX})(?![ก-๙])(?:{_WS}*/{_WS}*{_D}+)?)?"
_TRUE_HEADING = re.compile(
    rf"(?m)^{_WS}*มาตรา{_WS}*\n?{_WS}*(?P<num>{_NUM})"
    rf"(?P<range>{_WS}*(?:-|–|ถึง){_WS}*(?:มาตรา{_WS}*)?{_NUM})?{_FN}?(?P<rest>[^\n]*)"
)
_REFERENCE_AFTER = re.compile(
    rf"{_WS}*(?:วรรค|และ|หรือ|แห่ง|ถึง|ประกอบ|,|\)|\((?!{_WS}*ยกเลิก)|มาตรา|ข้อ{_WS}*{_D}|แก้ไขเพิ่มเติมโดย|เพิ่มเติมโดย|เพิ่มโดย|ยกเลิกโดย)"
)
_NEXT_LINE_NOTE = re.compile(rf"{_WS}*\n{_WS}*(?:วรรค|แก้ไขเพิ่มเติมโดย|เพิ่มเติมโดย|เพิ่มโดย|ยกเลิกโดย|\({_D}+\))")


def _canonical(raw: str) -> str:
    """ "๖๕ ทวิ[๓]" -> "65 ทวิ"; "๑๒๗๔ - ๑๒๙๗" -> "1274-1297"."""
    text = re.sub(_FN, "", arabic_digits(raw))
    text = re.sub(rf"{_WS}*(?:-|–|ถึง){_WS}*(?:มาตรา{_WS}*)?", "-", text)
    text = re.sub(rf"{_WS}*/{_WS}*", "/", text)
    text = re.sub(rf"(\d)({_SUFFIX})", r"\1 \2", text)  # "160[67]จัตวา": the mark removed, the space kept
    return " ".join(text.split())


def true_headings(text: str) -> dict[int, str]:
    """Offset of "มาตรา" -> canonical number, for every heading the layout rule accepts."""
    out: dict[int, str] = {}
    for m in _TRUE_HEADING.finditer(text):
        rest = m.group("rest")
        if _REFERENCE_AFTER.match(rest) or _NEXT_LINE_NOTE.match(text, m.start("rest")):
            continue
        if m.group("range") and "ยกเลิก" not in text[m.end("range") : m.end("range") + 80]:
            continue
        ls = text.rfind("\n", 0, m.start())
        prev = text[text.rfind("\n", 0, ls) + 1 : ls] if ls >= 0 else ""
        if re.fullmatch(rf"{_WS}*{_FN}{_WS}*", prev):
            continue
        if ls >= 0 and prev.strip() and rest.strip() and not re.match(rf"{_WS}{{2}}", rest):
            continue
        out[m.start()] = _canonical(m.group("num") + (m.group("range") or ""))
    return out


class ActFigures(BaseModel):
    """The parser's figures on one text."""

    path: str
    sysid: str
    title: str
    true_headings: int
    correct: int
    missed: list[str] = Field(default_factory=list)  # "มาตรา 12 @offset" of headings not labelled right
    units: int
    sections: int  # units with a section number (principal, enacting and amending Acts)
    suffixed: int
    wrong_number: list[str] = Field(default_factory=list)
    outside_rule: int  # numbered units at a line the layout rule does not count (weak headings kept)
    non_monotonic: int  # principal-law sections numbered at or below their predecessor
    duplicate_labels: int  # principal-law labels that occur twice
    unlabelled_chars: int  # non-space characters in unlabelled units after the preamble
    schedules: int
    notes: int
    other_act_units: int  # enacting or amending Act units

    @property
    def share(self) -> float:
        return self.correct / self.true_headings if self.true_headings else 1.0


class CollectionReport(BaseModel):
    """Figures over the whole collection."""

    files: int
    distinct: int
    acts: list[ActFigures]

    @property
    def true_headings(self) -> int:
        return sum(a.true_headings for a in self.acts)

    @property
    def correct(self) -> int:
        return sum(a.correct for a in self.acts)

    @property
    def wrong_number(self) -> int:
        return sum(len(a.wrong_number) for a in self.acts)


def measure_text(text: str, path: str = "", sysid: str = "", title: str = "") -> ActFigures:
    """Compare ``find_law_sections`` with the layout rule on one text."""
    truth = true_headings(text)
    units = find_law_sections(text)
    numbered = [u for u in units if u.number is not None and u.head is not None]
    by_head = {u.head: u for u in numbered}
    truth_numbers = set(truth.values())
    missed = [f"มาตรา {n} @{pos}" for pos, n in truth.items() if not _same(by_head.get(pos), n)]
    wrong: list[str] = []
    outside = 0
    for u in numbered:
        expected = truth.get(u.head) if u.head is not None else None
        if expected is None:
            outside += 1
            if u.number not in truth_numbers:
                wrong.append(f"{u.label} @{u.head} (no such heading)")
        elif expected != u.number:
            wrong.append(f"{u.label} @{u.head} (heading reads มาตรา {expected})")
    principal = [u for u in numbered if u.act is None and u.kind == "section"]
    labels = [u.label for u in principal]
    return ActFigures(
        path=path,
        sysid=sysid,
        title=title,
        true_headings=len(truth),
        correct=len(truth) - len(missed),
        missed=missed,
        units=len(units),
        sections=len(numbered),
        suffixed=sum(1 for u in numbered if u.suffix),
        wrong_number=wrong,
        outside_rule=outside,
        non_monotonic=_non_monotonic(principal),
        duplicate_labels=len(labels) - len(set(labels)),
        unlabelled_chars=_unlabelled(text, units),
        schedules=sum(1 for u in units if u.kind == "schedule"),
        notes=sum(1 for u in units if u.kind == "notes"),
        other_act_units=sum(1 for u in units if u.act is not None),
    )


def _same(unit: LawSection | None, number: str) -> bool:
    return unit is not None and unit.number == number


def _sort_key(number: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", number.split("-")[0]))[:1] or (0,)


def _non_monotonic(sections: list[LawSection]) -> int:
    mains = [_sort_key(u.number or "") for u in sections]
    return sum(1 for a, b in itertools.pairwise(mains) if b < a)


def _unlabelled(text: str, units: list[LawSection]) -> int:
    first = next((i for i, u in enumerate(units) if u.label is not None), len(units))
    return sum(len("".join(text[u.start : u.end].split())) for u in units[first:] if u.label is None)


def _titles(directory: Path) -> dict[str, str]:
    """sysid -> title from law_url_df.csv when the collection ships one."""
    table = directory / "law_url_df.csv"
    if not table.exists():
        return {}
    with table.open(encoding="utf-8") as fh:
        return {row["sysid"]: row["title"] for row in csv.DictReader(fh)}


def distinct_files(directory: Path) -> tuple[int, list[Path]]:
    """All .txt files under ``directory`` and the byte-distinct ones (first path of each)."""
    paths = sorted(directory.rglob("*.txt"))
    seen: dict[str, Path] = {}
    for p in paths:
        seen.setdefault(hashlib.sha256(p.read_bytes()).hexdigest(), p)
    return len(paths), sorted(seen.values(), key=lambda p: p.stem)


def measure_collection(directory: Path, only: Iterable[str] | None = None) -> CollectionReport:
    """Figures for every distinct text of a collection directory."""
    titles = _titles(directory)
    count, files = distinct_files(directory)
    wanted = set(only) if only else None
    acts = [
        measure_text(
            p.read_text(encoding="utf-8", errors="replace"),
            str(p.relative_to(directory)),
            p.stem,
            titles.get(p.stem, p.stem),
        )
        for p in files
        if wanted is None or p.stem in wanted
    ]
    return CollectionReport(files=count, distinct=len(files), acts=acts)


def sample(acts: list[ActFigures], size: int) -> list[ActFigures]:
    """An evenly spaced, reproducible sample (sorted by sysid) for checking by hand."""
    if len(acts) <= size:
        return acts
    step = len(acts) / size
    return [acts[int(i * step)] for i in range(size)]


def format_row(a: ActFigures) -> str:
    return (
        f"{a.sysid:>7} {a.true_headings:5d} {a.correct:5d} {100 * a.share:6.1f}% {a.sections:5d} {a.suffixed:4d} "
        f"{len(a.wrong_number):4d} {a.outside_rule:4d} {a.non_monotonic:4d} {a.duplicate_labels:4d} "
        f"{a.schedules:3d} {a.other_act_units:4d} {a.unlabelled_chars:7d}  {a.title[:60]}"
    )


HEADER = (
    f"{'sysid':>7} {'head':>5} {'ok':>5} {'ok%':>7} {'sect':>5} {'suf':>4} {'bad':>4} {'weak':>4} "
    f"{'nonm':>4} {'dup':>4} {'sch':>3} {'oth':>4} {'unlab':>7}  title"
)
LEGEND = (
    "head: true headings (layout rule) · ok: labelled right · sect: numbered units · suf: with suffix · "
    "bad: wrongly numbered units · weak: numbered units off the layout rule · nonm: principal numbers "
    "going down · dup: repeated principal labels · sch: schedules · oth: enacting/amending-Act units · "
    "unlab: unlabelled non-space chars after the preamble"
)


def render(report: CollectionReport, sample_size: int = 30, show_all: bool = False, misses: int = 3) -> str:
    """The text the CLI prints: sample, Acts with problems, totals."""
    lines = [
        LEGEND,
        "",
        f"Sample of {sample_size} Acts (1 in {max(1, len(report.acts) // sample_size)} by sysid):",
        HEADER,
    ]
    lines += [format_row(a) for a in sample(report.acts, sample_size)]
    problems = report.acts if show_all else [a for a in report.acts if a.missed or a.wrong_number]
    lines += [
        "",
        f"{'All Acts' if show_all else 'Acts with a missed heading or a wrongly numbered unit'} ({len(problems)}):",
        HEADER,
    ]
    for a in problems:
        lines.append(format_row(a))
        for m in a.missed[:misses]:
            lines.append(f"{'':>9}missed {m}")
        for w in a.wrong_number[:misses]:
            lines.append(f"{'':>9}wrong  {w}")
    total, ok = report.true_headings, report.correct
    suffixed = sum(a.suffixed for a in report.acts)
    lines += [
        "",
        f"Files {report.files}, distinct texts {report.distinct} (byte for byte).",
        f"True headings {total}; correctly labelled {ok} = {100 * ok / max(total, 1):.2f} % (target ≥ 99.5 %).",
        f"Missed headings {total - ok} in {sum(1 for a in report.acts if a.missed)} texts.",
        f"Units labelled with a number that is not that heading: {report.wrong_number} (target 0) in "
        f"{sum(1 for a in report.acts if a.wrong_number)} texts.",
        f"Numbered units {sum(a.sections for a in report.acts)}, with a suffix {suffixed}, off the layout rule "
        f"{sum(a.outside_rule for a in report.acts)}; principal numbers going down "
        f"{sum(a.non_monotonic for a in report.acts)}; repeated principal labels "
        f"{sum(a.duplicate_labels for a in report.acts)}.",
        f"Schedules {sum(a.schedules for a in report.acts)}, notes units {sum(a.notes for a in report.acts)}, "
        f"enacting/amending-Act units {sum(a.other_act_units for a in report.acts)}, unlabelled characters after "
        f"the preamble {sum(a.unlabelled_chars for a in report.acts)}.",
    ]
    return "\n".join(lines)
