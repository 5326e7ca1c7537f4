"""Read the budget cell that precedes the "<N> เดือน <years>" tail of a project table."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = r"\d[\d,]*(?:\.\d+)?"
_PAREN = r"\([^()]*\)"
# "165 ล้านบาท (งบประมาณปี 2566)", "ปีละ 100 ล้านบาท (5 ปี 500 ล้านบาท)", "7.5 ล้านบาท ในปี 2566 (…)"
_MILLION_RE = re.compile(rf"(?:ปีละ\s*)?({_NUM})\s*ล้านบาท(?:\s*ในปี\s*25\d\d)?(?:\s*{_PAREN})?\s*$")
# "ปี 2566 0 บาท (DIGI ดำเนินการเอง) ปี 2567 4,000,000 บาท …": yearly amounts in baht
_YEARLY_RE = re.compile(rf"(?:ปี\s*25\d\d\s*{_NUM}\s*บาท(?:\s*{_PAREN})?\s*)+$")
_YEAR_AMOUNT_RE = re.compile(rf"ปี\s*25\d\d\s*({_NUM})\s*บาท")
_TOTAL_IN_PAREN_RE = re.compile(rf"\d+\s*ปี\s*({_NUM})\s*ล้านบาท")
_DASH_RE = re.compile(r"(?:^|\s)-\s*$")
_REGULAR_RE = re.compile(r"ใช้งบประมาณปกติ\s*$")


@dataclass(frozen=True)
class Budget:
    """Amount in million baht (None when not given), why it is None or how it was read, and the cell text."""

    million_baht: float | None
    note: str | None
    text: str


def _number(raw: str) -> float:
    """Parse "6,216.42" as 6216.42."""
    return float(raw.replace(",", ""))


def parse_budget_tail(before: str) -> Budget:
    """The budget cell at the end of ``before`` (the body text up to the duration)."""
    before = before.rstrip()
    m = _MILLION_RE.search(before)
    if m:
        cell = m.group(0).strip()
        total = _TOTAL_IN_PAREN_RE.search(cell)
        if cell.startswith("ปีละ") and total:
            return Budget(_number(total.group(1)), f"รวม 5 ปี ({cell})", cell)
        note = cell if cell != f"{m.group(1)} ล้านบาท" else None
        return Budget(_number(m.group(1)), note, cell)
    m = _YEARLY_RE.search(before)
    if m:
        cell = m.group(0).strip()
        yearly_total = sum(_number(x) for x in _YEAR_AMOUNT_RE.findall(cell)) / 1_000_000
        return Budget(round(yearly_total, 4), f"ผลรวมรายปี ({cell})", cell)
    m = _REGULAR_RE.search(before)
    if m:
        return Budget(None, "ใช้งบประมาณปกติ", m.group(0).strip())
    m = _DASH_RE.search(before)
    if m:
        return Budget(None, "ไม่ระบุ (-)", "-")
    return Budget(None, "ไม่พบช่องงบประมาณ", "")
