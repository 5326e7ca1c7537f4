"""Find the numbered item a question asks for by its place in a list ("สิ่งที่ส่งมาด้วยลำดับที่ 1", "ลำดับแรก").

An official letter lists what it refers to (อ้างถึง ๑. … ๒. …) and what it encloses (สิ่งที่ส่งมาด้วย ๑. … ๗. …) as
numbered items (ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ); a plan or notice numbers its lists the same way. A
question naming the item's place is answered by that item, from the list whose lead-in shares the question's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pythainlp.util import thaiword_to_num

from corpus.thai_text import arabic_digits, key_tokens

# "ลำดับที่ 7", "รายการที่ 2", "ลำดับแรก" (the first), "ลำดับสุดท้าย" (the last), "item 3", "the first item"
_ASKED_RE = re.compile(
    r"(?:ลำดับ|รายการ)\s*ที่\s*([0-9๐-๙]{1,2})(?![0-9๐-๙.])|(?:ลำดับ|รายการ)\s*(แรก|สุดท้าย)"
    r"|\bitem\s*(?:no\.?\s*)?([0-9]{1,2})\b|\bthe (first|last) item\b",
    re.IGNORECASE,
)
_MARK_RE = re.compile(r"(?:^|(?<=\s))([0-9๐-๙]{1,2})\.(?![0-9๐-๙])\s*")
# A lead-in announcing how many items follow: "วัตถุประสงค์หลัก ๓ ประการ ได้แก่", "ประกอบด้วย 4 ด้าน ดังนี้"
_ANNOUNCED_RE = re.compile(
    r"(?<![0-9๐-๙])([0-9๐-๙]{1,2}|สอง|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า|สิบ)\s*"
    r"(?:ประการ|ข้อ|ประเด็น|ด้าน|เรื่อง|ส่วน|แนวทาง|กลุ่ม|ประเภท|ขั้นตอน|มาตรการ)\s*"
    r"(?:ได้แก่|ดังนี้|ดังต่อไปนี้|คือ|ประกอบด้วย|:)"
)
_ITEM_NO_RE = re.compile(r"(?:^|(?<=\s))\(?([0-9๐-๙]{1,2})[.)](?![0-9๐-๙])")
_LEAD_CHARS = 40  # the lead-in of a list: this many characters before its first item
_ITEM_CHARS = 300  # the last item of a list runs at most this far
LAST = -1


@dataclass(frozen=True)
class ListItem:
    start: int
    end: int
    score: int  # question words in the list's lead-in
    lead: int  # where the lead-in starts (the list's evidence runs from there to the item's end)


def asked_item(question: str) -> int | None:
    """The place in a list the question asks for (1-based), ``LAST`` for the last item, None if it names none.

    An explicit number wins over "สุดท้าย" ("ลำดับสุดท้าย (ลำดับที่ 7)").
    """
    places = []
    for m in _ASKED_RE.finditer(question):
        number = m.group(1) or m.group(3)
        word = (m.group(2) or m.group(4) or "").lower()
        if number:
            places.append(int(arabic_digits(number)))
        elif word in {"แรก", "first"}:
            places.append(1)
        elif word:
            places.append(LAST)
    explicit = [p for p in places if p != LAST]
    return explicit[0] if explicit else (places[0] if places else None)


def announced_list_open(text: str) -> bool:
    """The text's last announced list ("… ๓ ประการ ได้แก่ ๑. … ๒. …") ends before its last item: a chunk cut by
    size mid-list, read on so the answer holds every item."""
    heads = list(_ANNOUNCED_RE.finditer(text))
    if not heads:
        return False
    head = heads[-1]
    count = head.group(1)
    announced = int(arabic_digits(count)) if count[0] in "0123456789๐๑๒๓๔๕๖๗๘๙" else int(thaiword_to_num(count))
    numbers = {int(arabic_digits(n)) for n in _ITEM_NO_RE.findall(text[head.end() :])}
    return 1 in numbers and max(numbers) < announced <= 12


def find_item(text: str, place: int, terms: set[str]) -> ListItem | None:
    """Item ``place`` of the numbered list in ``text`` whose lead-in holds most of ``terms`` (None: no such item)."""
    marks = [(int(arabic_digits(m.group(1))), m.start(), m.end()) for m in _MARK_RE.finditer(text)]
    best: ListItem | None = None
    for i, (number, start, _) in enumerate(marks):
        if number != 1:
            continue
        run = [marks[i]]
        for nxt in marks[i + 1 :]:
            if nxt[0] == run[-1][0] + 1:
                run.append(nxt)
            elif nxt[0] == 1:
                break
        if len(run) < 2 or (place != LAST and place > len(run)):
            continue
        k = len(run) - 1 if place == LAST else place - 1
        item_start = run[k][1]
        if k + 1 < len(run):
            item_end = run[k + 1][1]
        else:
            item_end = min(len(text), item_start + _ITEM_CHARS)
            gap = re.search(r"\n\s*\n", text[item_start:item_end])
            item_end = item_start + gap.start() if gap else item_end
        lead_start = max(0, start - _LEAD_CHARS)
        line = text.rfind("\n", lead_start, start)  # a lead-in is printed on its own line: from that line's start
        gap = re.search(r"\s", text[lead_start:start])
        if line >= 0:
            lead_start = line + 1
        elif lead_start and gap:
            lead_start += gap.end()
        score = len(set(key_tokens(text[lead_start:start])) & terms)
        if score and (best is None or score > best.score):
            best = ListItem(item_start, item_end, score, lead_start)
    return best
