"""The one grounding check: numbers, dates and agency names an answer states must be in its cited passages.

Both the LLM path (a reply that fails is discarded) and the eval's grounding metric call
:func:`violations`, so what passes at run time is exactly what the eval accepts. Matching is on the
damage-insensitive ``thai_key``: Thai digits fold to Arabic, thousands separators are dropped, Thai
number words (``เก้าสิบ``) count as the number, a year matches its other era (2566 <-> 2023), an amount
in millions matches its full figure, and an agency name may carry trailing words of the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from corpus.thai_text import (
    EN_MONTHS,
    NUM_COMMA_RE,
    THAI_MONTH,
    THAI_NUMBER_WORD,
    arabic_digits,
    era_twin,
    match_key,
    thai_key,
)

_MARKER_RE = re.compile(r"\[\d{1,2}\]")
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
_MILLIONS_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:ล้าน|million)", re.IGNORECASE)
_THAI_NUMBER_WORDS_RE = re.compile(THAI_NUMBER_WORD)
_THAI_ABBREV_RE = re.compile(
    r"(?<![\u0e01-\u0e4e.])(?:[\u0e01-\u0e2e]{1,4}\.){2,}"  # พ.ร.บ.  ก.พ.ร.
    r"|(?<![\u0e01-\u0e4e])[\u0e01-\u0e2e]{2,5}\."  # สพร.  สคส.
)
_LATIN_ACRONYM_RE = re.compile(r"(?<![A-Za-z0-9@._-])[A-Z][A-Z0-9]{1,9}(?![A-Za-z0-9@])")
_AGENCY_RE = re.compile(r"(?:กระทรวง|สำนักงาน|กรม|สถาบัน|คณะกรรมการ)[\u0e01-\u0e4e]+")
# Words that end an agency name inside running Thai text (the name is checked up to them).
_NAME_ENDS_RE = re.compile(
    r"(?:เป็น|ได้แก่|ได้|มีหน้าที่|มี|ที่|ซึ่ง|ให้|ต้อง|จะ|คือ|ทำหน้าที่|ดำเนินการ|รับผิดชอบ|โดย|ว่า|เมื่อ|ภายใน)"
)
_NOT_NAMES = {"พ.ศ.", "ฯลฯ", "ค.ศ."}
_OPERAND = r"\d+(?:\.\d+)?"
# A total the answer works out in the open ("14 + 8 + 7 + 9 = 38"): grounded when every operand is.
_SHOWN_SUM_RE = re.compile(rf"({_OPERAND}(?:\s*\+\s*{_OPERAND})+)\s*=\s*({_OPERAND})")
_TH_MONTH_RE = re.compile(THAI_MONTH)
_EN_MONTH_RE = re.compile(r"\b(" + "|".join(m.capitalize() for m in EN_MONTHS) + r")\b")


def numbers(text: str) -> set[str]:
    """Numbers of two or more digits, Thai digits folded to Arabic and thousands separators dropped."""
    folded = NUM_COMMA_RE.sub("", _MARKER_RE.sub(" ", thai_key(text)))
    out = set()
    for m in _NUMBER_RE.findall(folded):
        m = m.rstrip(".,")
        if sum(ch.isdigit() for ch in m) >= 2:
            out.add(m)
    return out


def stated_numbers(text: str) -> set[str]:
    """The numbers of two or more digits a text states, in digits or in Thai words ("สิบห้าวัน" states 15)."""
    found = numbers(text)
    for run in _THAI_NUMBER_WORDS_RE.findall(text):
        value = _thai_word_number(run)
        if value is not None and value >= 10:
            found.add(str(value))
    return found


def _source_numbers(text: str) -> set[str]:
    """Every way a passage may state its numbers: digits, Thai number words, years in both eras, millions."""
    found = stated_numbers(text)
    for run in _THAI_NUMBER_WORDS_RE.findall(text):
        value = _thai_word_number(run)
        if value is not None and run.endswith("ล้าน"):
            found.add(_plain(value / 1_000_000))  # "สิบสองล้าน" states 12 (million) as "12 ล้าน" does
    for m in _MILLIONS_RE.findall(NUM_COMMA_RE.sub("", arabic_digits(text))):
        found.add(_plain(float(m) * 1_000_000))
    for n in list(found):
        if n.isdigit() and (1900 <= int(n) <= 2100 or 2443 <= int(n) <= 2643):
            found.add(str(era_twin(int(n))))
        if "." in n:
            found.add(n.rstrip("0").rstrip("."))  # 16.1860 -> 16.186
    return found


def _plain(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


@lru_cache(maxsize=512)
def _thai_word_number(run: str) -> int | None:
    from pythainlp.util import thaiword_to_num

    try:
        return int(thaiword_to_num(run))
    except (ValueError, KeyError, TypeError):
        return None


def names(text: str) -> set[str]:
    """Agency-like names: Thai dotted abbreviations, Latin acronyms, and กระทรวง/กรม/สำนักงาน… words."""
    found = set(_THAI_ABBREV_RE.findall(text)) | set(_LATIN_ACRONYM_RE.findall(text)) | set(_AGENCY_RE.findall(text))
    return {n for n in found if n not in _NOT_NAMES}


def _name_grounded(name: str, keyed_sources: list[str]) -> bool:
    """The name, or the name cut where running text continues it ("…ดิจิทัลเป็นผู้…"), is in a source."""
    candidates = [name]
    for m in _NAME_ENDS_RE.finditer(name):
        if m.start() > 4:
            candidates.append(name[: m.start()])
    for cand in candidates:
        key = match_key(cand)
        if key and any(key in k for k in keyed_sources):
            return True
    return False


def months(text: str) -> set[str]:
    """Month names (Thai, or English mapped to Thai) the text states."""
    found = set(_TH_MONTH_RE.findall(text))
    found |= {EN_MONTHS[m.lower()] for m in _EN_MONTH_RE.findall(text)}
    return found


def violations(answer: str, cited_texts: Iterable[str]) -> list[str]:
    """Numbers, dates (months) and agency names in the answer that no cited passage states."""
    texts = list(cited_texts)
    source_numbers: set[str] = set()
    for t in texts:
        source_numbers |= _source_numbers(t)
    keyed = [match_key(t) for t in texts]
    body = _MARKER_RE.sub(" ", answer)
    source_numbers |= shown_sums(body, source_numbers)
    missing = sorted(n for n in numbers(body) if n not in source_numbers and _trimmed(n) not in source_numbers)
    stated = set().union(*(months(t) for t in texts)) if texts else set()  # "March" printed in a passage is มีนาคม
    missing += sorted(m for m in months(body) if m not in stated and not any(match_key(m) in k for k in keyed))
    missing += sorted(n for n in names(body) if not _name_grounded(n, keyed))
    return missing


def shown_sums(text: str, grounded: set[str]) -> set[str]:
    """Totals the text computes in the open ("5 + 41.59 = 46.59") from operands that are grounded."""
    folded = NUM_COMMA_RE.sub("", thai_key(text))
    out: set[str] = set()
    for m in _SHOWN_SUM_RE.finditer(folded):
        operands = [x.strip() for x in m.group(1).split("+")]
        if not all(len(x) == 1 or x in grounded or _trimmed(x) in grounded for x in operands):
            continue  # single digits are never checked (see numbers), longer operands must be stated
        decimals = len(m.group(2).partition(".")[2])
        if abs(sum(float(x) for x in operands) - float(m.group(2))) < 0.5 * 10**-decimals:
            out |= {m.group(2), _trimmed(m.group(2))}
    return out


def _trimmed(number: str) -> str:
    return number.rstrip("0").rstrip(".") if "." in number else number
