"""Cut a passage into quotable sentence-like segments at Thai whitespace boundaries.

Thai marks sentence ends with a space, not punctuation; pythainlp's whitespace segmentation gives
the candidate boundaries and short phrases are merged until a segment reads as a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pythainlp.tokenize import sent_tokenize

from corpus.thai_text import THAI_MONTH

# Words that announce what follows them (a list, a definition, an example): "ดังต่อไปนี้", "ได้แก่", ":" …
LEAD_IN_WORDS = "ดังต่อไปนี้|ได้แก่|ประกอบด้วย|ดังนี้|อาทิ|คือ|:"
LEAD_IN_RE = re.compile(rf"(?:{LEAD_IN_WORDS})\s*$")  # a text ending on one
# A text announcing a list: one of the list words anywhere, or a closing ":"
LIST_LEAD_RE = re.compile(r"ต่อไปนี้|ได้แก่|ประกอบด้วย|ดังนี้|:\s*$")  # "(ดัง)ต่อไปนี้": "the following"

_MIN_CHARS = 50
_MAX_CHARS = 320
# A new segment starts at list items and legal sub-units: "(1)", "1)", "1.", "ข้อ 2", "มาตรา 5" (Thai digits too).
_BREAK_BEFORE = re.compile(
    r"^(\([0-9๐-๙]+\)|[0-9๐-๙]{1,2}\)|[0-9๐-๙]{1,2}\.(?![0-9๐-๙])|ข้อ\s*[0-9๐-๙]|มาตรา\s*[0-9๐-๙]|•)"
)

# A date is one unit: a day and month ("7 พฤษภาคม", "๗ ธ.ค.") or a year word ("ตั้งแต่ปีงบประมาณ", "ภายในปี")
# are never cut from the year that follows, nor from the era ("พ.ศ.") that leads it.
_MONTH_END_RE = re.compile(rf"(?:{THAI_MONTH}|[ก-ฮ]\.[ก-ฮ]\.|ปี(?:งบประมาณ)?)\s*$")
_YEAR_START_RE = re.compile(r"^(?:(?:พ\.ศ\.|ค\.ศ\.)\s*)?[0-9๐-๙]{4}(?![0-9๐-๙])|^(?:พ\.ศ\.|ค\.ศ\.)\s*$")


@dataclass(frozen=True)
class Segment:
    text: str
    start: int  # offset in the passage
    end: int


def _continues_date(before: str, piece: str) -> bool:
    """The piece is the year of a date the text before it leaves without one."""
    return bool(_MONTH_END_RE.search(before) and _YEAR_START_RE.match(piece))


def segments(passage: str) -> list[Segment]:
    """Sentence-like segments of 50–320 characters, cut only at whitespace."""
    pieces = [str(p) for p in sent_tokenize(passage, engine="whitespace+newline") if str(p).strip()]
    out: list[Segment] = []
    pos = 0
    buf_start: int | None = None
    buf_end = 0
    for piece in pieces:
        idx = passage.find(piece, pos)
        if idx < 0:
            continue
        end = idx + len(piece)
        pos = end
        # "( 4)": an item number whose opening bracket was typed apart is no new "4)" item
        starts_new = bool(_BREAK_BEFORE.match(piece)) and not passage[:idx].rstrip().endswith("(")
        if buf_start is not None and (
            (starts_new and buf_end - buf_start >= 20)
            or (end - buf_start > _MAX_CHARS and not _continues_date(passage[buf_start:buf_end], piece))
        ):
            out.append(Segment(passage[buf_start:buf_end], buf_start, buf_end))
            buf_start = None
        if buf_start is None:
            buf_start = idx
        buf_end = end
    if buf_start is not None:
        out.append(Segment(passage[buf_start:buf_end], buf_start, buf_end))
    return out
