"""Answer who signed an official letter and whom it is addressed to, from the letter's fixed parts.

A Thai official letter (ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ, หนังสือภายนอก) closes with "ขอแสดงความนับถือ",
then the signer's name in parentheses and the signer's position(s) on the lines below; its head names the
addressee on a line of its own after "เรียน" (before อ้างถึง/สิ่งที่ส่งมาด้วย). Retrieval rarely ranks those short
lines for "ลงนามโดยใคร" or "เรียนใคร", so this answerer reads them from the letter's own passages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from assistant.schemas import Citation
from assistant.structured import Conversation, StructuredAnswer
from corpus.thai_text import THAI_MONTH, arabic_digits, compact_key
from index.chunk_record import ChunkRecord

# Asking who signed (ลงนาม, ผู้ลงนาม: the letter's signatory) or in which position.
_SIGNER_RE = re.compile(r"ลงนาม|ลงชื่อ|\bsign(?:ed|s|atory|ature)?\b", re.I)
_LETTER_RE = re.compile(r"หนังสือ|letter", re.I)
_CLOSING = "ขอแสดงความนับถือ"  # the closing formula of a หนังสือภายนอก
_BLOCK_LINES = 3  # the name and up to two position lines
_NAME_RE = re.compile(r"^\(.+\)$")  # the signer's name is printed in parentheses
# Asking whom the letter is addressed to: "เรียนใคร", "มีถึงใคร", "addressed to"; a letter named as such ("หนังสือ
# ฉบับนี้", not the manner of a notice "แจ้งเป็นหนังสือถึงใคร", which asks a law's duty)
_ADDRESSEE_RE = re.compile(r"เรียน\s*(?:ใคร|ผู้ใด)|ถึง\s*(?:ใคร|ผู้ใด)|addressed|\bto whom\b", re.I)
_NAMED_LETTER_RE = re.compile(r"(?<!เป็น)(?<!เป็น )หนังสือ\s*(?:ที่|ฉบับ|ของ|นี้|ขอ|สพร|สำนักงาน)|\bletter\b", re.I)
_SALUTATION_RE = re.compile(r"(?:^|\n)[ \t]*เรียน[ \t]+([^\n]+)")
_HEAD_END_RE = re.compile(r"\s(?:อ้างถึง|สิ่งที่ส่งมาด้วย)")
# Asking what the letter asks the Cabinet ("ขอให้คณะรัฐมนตรีทำอะไร", "ขอให้เสนอคณะรัฐมนตรีเพื่อทำอะไร", "what does the
# letter ask the Cabinet to do"), not its subject ("เสนอเรื่องอะไร") nor what another body asked of its sender
_REQUEST_RE = re.compile(
    r"(?:ขอให้|เสนอ)\s*(?:เสนอ\s*)?(?:ต่อ\s*)?(?:คณะรัฐมนตรี|ครม\.?)\s*.{0,20}?(?:ทำ|พิจารณา|ดำเนินการ|เพื่อ(?:ทำ)?)\s*อะไร"
    r"|\b(?:ask|request|propose)s?\b.{0,20}\bcabinet\b",
    re.I,
)
# A letter submitting a matter to the Cabinet states its request under this heading (the submission format of the
# Royal Decree on Submitting Matters to the Council of Ministers, พ.ร.ฎ. ว่าด้วยการเสนอเรื่องและการประชุมคณะรัฐมนตรี)
_PROPOSAL_RE = re.compile(r"ข้อเสนอของ(?:ส่วนราชการ|หน่วยงาน)[^\n]*\n+([^\n]+)")
# A letter's head lists its references (อ้างถึง) and enclosures (สิ่งที่ส่งมาด้วย) as numbered items under a heading
# (ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ, หนังสือภายนอก). Asking for one by its number ("สิ่งที่ส่งมาด้วยลำดับที่ ๗",
# "อ้างถึงข้อ 2", "enclosure no. 3") or the last one ("ลำดับสุดท้าย", "the last attachment").
_HEADINGS = {"สิ่งที่ส่งมาด้วย": "สิ่งที่ส่งมาด้วย", "อ้างถึง": "อ้างถึง", "enclos": "สิ่งที่ส่งมาด้วย", "attach": "สิ่งที่ส่งมาด้วย"}
_ITEM_ASKED_RE = re.compile(
    r"(สิ่งที่ส่งมาด้วย|อ้างถึง|\b(?:enclos|attach)\w*)\s*(?:\(?\s*(?:ลำดับ|ข้อ|รายการ|(?:item|number|no)\b\.?))?"
    r"\s*(?:ที่)?\s*(?:(\d+)(?![\d/])|(สุดท้าย))"
    r"|\b(?:the\s+)?(last|final)\s+(enclos|attach)\w*",
    re.I,
)
# Which of the letter's references, asked by what it is rather than its number ("อ้างถึงคำสั่ง…ฉบับไหน", "which order
# does the letter cite"); the item is found by the words the question shares with it.
_WHICH_REFERENCE_RE = re.compile(
    r"อ้างถึง\S{0,40}?(?:ฉบับ|ที่)?\s*(?:ไหน|ใด|อะไร|เท่าไ?ร|เท่าไหร่)"
    r"|\b(?:which|what)\b[^?]{0,60}\b(?:cite|cites|cited|refer)",
    re.I,
)
_MIN_REFERENCE_RUN = 10  # keyed characters a question shares with a reference item to name it ("คำสั่งสำนักนายก…")
_ITEM_RE = re.compile(r"([0-9๐-๙]+)\.\s*(\S.*)")
# The letter's own head (ระเบียบงานสารบรรณ, หนังสือภายนอก): its number on the first line ("ที่ สพร ๒๕๖๕/๙๙") and
# its date on a line of its own before "เรื่อง" ("๒๕ มกราคม ๒๕๖๖"). Asked as "เลขที่หนังสือ" ("เลขทีหนังสือ"), "หนังสือลงวันที่
# เท่าไร", "reference number", "what date is the letter dated"; not when another document is named (an order, a
# resolution, a meeting, a report, or a numbered document that is not this letter).
_NUMBER_ASKED_RE = re.compile(
    r"เลข(?:ที่?)?(?:ของ)?หนังสือ|หนังสือ\S{0,12}\s*(?:มี)?เลขที่?|เลขที่?\s*(?:อะไร|เท่า)|(?:reference|ref\.?)\s*(?:number|no\b)"
    r"|letter(?:'s)? number|number of (?:the|this|dga's) letter",
    re.I,
)
_DATE_ASKED_RE = re.compile(
    r"ลงวันที่\s*(?:เท่า|อะไร|ใด|ไหน)|\bdated\b|date of (?:the|this|dga's) letter"
    r"|letter (?:was )?(?:sent|written|signed|issued)|when was (?:the|this|dga's) letter",
    re.I,
)
_OTHER_DOCUMENT_RE = re.compile(
    r"คำสั่ง|มติ|ประชุม|ประชาพิจารณ์|รายงาน|สำเนา|\border\b|resolution|meeting|hearing|minutes", re.I
)
_REFERENCE_NO_RE = re.compile(r"[0-9๐-๙]+\s*/\s*[0-9๐-๙]+")  # "๒๕๖๕/๙๙", "นร 101/6969", "239/2563"
_OWN_NUMBER_RE = re.compile(r"\A\s*ที่\s+([^\n]*?[0-9๐-๙]+\s*/\s*[0-9๐-๙]+)")
_DATE_LINE_RE = re.compile(rf"^[ \t]*([0-9๐-๙]{{1,2}}\s+(?:{THAI_MONTH})\s+[0-9๐-๙]{{4}})[ \t]*$", re.M)
_SUBJECT_LINE_RE = re.compile(r"^[ \t]*เรื่อง", re.M)


class LetterAnswerer:
    """The signer of the corpus's official letters, from the lines under their closing formula."""

    name = "letter"

    def __init__(self, passages: Sequence[ChunkRecord]) -> None:
        self.letters = [c for c in passages if c.kind == "letter"]
        self.passages = [c for c in self.letters if _CLOSING in c.text]  # the signature blocks
        self.heads = sorted((c for c in self.letters if _SALUTATION_RE.search(c.text)), key=lambda c: c.start)

    def answer(self, conversation: Conversation) -> StructuredAnswer | None:
        question = conversation.question
        # a follow-up ("แล้วใครเป็นคนลงนาม") names the letter in the turn before it
        named = question if not conversation.followup else " ".join([question, *conversation.earlier[:1]])
        if (asked := _ITEM_ASKED_RE.search(question)) and _LETTER_RE.search(named):
            return self._listed_item(conversation, asked)
        if _WHICH_REFERENCE_RE.search(question) and _LETTER_RE.search(named):
            cited = self._cited_reference(conversation)
            if cited is not None:
                return cited
        if _ADDRESSEE_RE.search(question) and _NAMED_LETTER_RE.search(named):
            return self._addressee(conversation)
        if _REQUEST_RE.search(question) and _NAMED_LETTER_RE.search(named):
            return self._proposal(conversation)
        if (_NUMBER_ASKED_RE.search(question) or _DATE_ASKED_RE.search(question)) and _LETTER_RE.search(named):
            return self._head(conversation, " ".join([named, *conversation.answers[:1]]))
        if not (_SIGNER_RE.search(question) and _LETTER_RE.search(named)) or len(self.passages) != 1:
            return None  # one letter only: with several, which one is meant is retrieval's call
        chunk = self.passages[0]
        after = chunk.text.split(_CLOSING, 1)[1]
        lines = [line.strip() for line in after.splitlines() if line.strip()][:_BLOCK_LINES]
        if not lines or not _NAME_RE.match(lines[0]):
            return None
        positions = [line for line in lines[1:] if not line.startswith(("สำนักงาน", "ฝ่าย", "ส่วน"))]
        if not positions:
            return None
        stated = " ".join([lines[0], *positions])
        head = f"The letter is signed by {stated} [1]" if conversation.language == "en" else f"ลงนามโดย {stated} [1]"
        citation = Citation.of_chunk(1, chunk)
        return StructuredAnswer(f"{head}\n“{_CLOSING} {stated}” [1]", [citation], self.name)

    def _proposal(self, conversation: Conversation) -> StructuredAnswer | None:
        """The paragraph under the letter's "ข้อเสนอของส่วนราชการ" heading: what it asks its recipient to do."""
        found = [(c, m) for c in self.letters if (m := _PROPOSAL_RE.search(c.text))]
        if len({c.doc_id for c in self.letters}) != 1 or not found:
            return None
        chunk, m = found[0]
        stated = " ".join(m.group(1).split())
        en = conversation.language == "en"
        head = f"The letter proposes: “{stated}” [1]" if en else f"{stated} [1]"
        return StructuredAnswer(f"{head}\n“{stated}” [1]", [Citation.of_chunk(1, chunk)], self.name)

    def _head(self, conversation: Conversation, context: str) -> StructuredAnswer | None:
        """The letter's own number or date, read from its head (one letter only, as for the signer)."""
        if len({c.doc_id for c in self.letters}) != 1 or _OTHER_DOCUMENT_RE.search(conversation.question):
            return None
        head = min(self.letters, key=lambda c: c.start)
        own = _OWN_NUMBER_RE.search(head.text)
        if own is None:
            return None
        if _reference_numbers(context) - _reference_numbers(own.group(1)):
            return None  # the conversation is about another numbered document the letter cites
        subject = _SUBJECT_LINE_RE.search(head.text)
        dated = _DATE_LINE_RE.search(head.text, 0, subject.start() if subject else len(head.text))
        number = f"ที่ {' '.join(own.group(1).split())}"
        date = " ".join(dated.group(1).split()) if dated else None
        asks_number = _NUMBER_ASKED_RE.search(conversation.question) is not None
        asks_date = _DATE_ASKED_RE.search(conversation.question) is not None
        if asks_date and date is None:
            return None
        en = conversation.language == "en"
        parts_en = ([f"reference number “{number}”"] if asks_number else []) + ([f"dated {date}"] if asks_date else [])
        parts_th = ([f"หนังสือ{number}"] if asks_number else []) + ([f"ลงวันที่ {date}"] if asks_date else [])
        line = f"The letter's {' and '.join(parts_en)} [1]" if en else f"{' '.join(parts_th)} [1]"
        quoted = " … ".join(([number] if asks_number else []) + ([date] if asks_date and date else []))
        return StructuredAnswer(f"{line}\n“{quoted}” [1]", [Citation.of_chunk(1, head)], self.name)

    def _addressee(self, conversation: Conversation) -> StructuredAnswer | None:
        """The addressee on the letter's "เรียน" line (one letter only, as for the signer)."""
        if len({c.doc_id for c in self.heads}) != 1:
            return None
        chunk = self.heads[0]
        m = _SALUTATION_RE.search(chunk.text)
        if m is None:
            return None
        addressee = _HEAD_END_RE.split(m.group(1), maxsplit=1)[0].strip()
        if not addressee:
            return None
        en = conversation.language == "en"
        head = f"The letter is addressed to {addressee} [1]" if en else f"เรียน {addressee} [1]"
        citation = Citation.of_chunk(1, chunk)
        return StructuredAnswer(f"{head}\n“เรียน {addressee}” [1]", [citation], self.name)

    def _cited_reference(self, conversation: Conversation) -> StructuredAnswer | None:
        """Which reference the letter cites, asked by what it is ("อ้างถึงคำสั่งสำนักนายกรัฐมนตรีฉบับไหน"): the item
        under อ้างถึง sharing the longest run of words with the question."""
        if len({c.doc_id for c in self.letters}) != 1:
            return None
        items = _numbered_items(sorted(self.letters, key=lambda c: c.start), "อ้างถึง")
        asked = compact_key(conversation.question)
        runs = [
            SequenceMatcher(None, asked, key, autojunk=False).find_longest_match().size
            for key in (compact_key(text) for _, text, _ in items)
        ]
        best = max(range(len(items)), key=lambda i: runs[i], default=None)
        if best is None or runs[best] < _MIN_REFERENCE_RUN:
            return None
        return self._stated_item(conversation, "อ้างถึง", items[best])

    def _listed_item(self, conversation: Conversation, asked: re.Match[str]) -> StructuredAnswer | None:
        """The numbered reference or enclosure the question asks for, read under its heading in the letter's head
        (one letter only; the list may run on into the next passage)."""
        if len({c.doc_id for c in self.letters}) != 1:
            return None
        word = (asked.group(1) or asked.group(5) or "").lower()
        heading = next(th for key, th in _HEADINGS.items() if word.startswith(key))
        items = _numbered_items(sorted(self.letters, key=lambda c: c.start), heading)
        if not items:
            return None
        wanted = asked.group(2)
        if wanted is None:
            number, text, chunk = items[-1]
        else:
            found = [item for item in items if arabic_digits(item[0]) == wanted]
            if not found:
                return None
            number, text, chunk = found[0]
        return self._stated_item(conversation, heading, (number, text, chunk))

    def _stated_item(
        self, conversation: Conversation, heading: str, item: tuple[str, str, ChunkRecord]
    ) -> StructuredAnswer:
        number, text, chunk = item
        stated = f"{number}. {text}"
        en = conversation.language == "en"
        label = "Enclosure" if heading == "สิ่งที่ส่งมาด้วย" else "Reference"
        head = f"{label} {stated} [1]" if en else f"{heading} {stated} [1]"
        return StructuredAnswer(f"{head}\n“{stated}” [1]", [Citation.of_chunk(1, chunk)], self.name)


def _reference_numbers(text: str) -> set[str]:
    """Document numbers printed in a text ("ที่ สพร ๒๕๖๕/๙๙" -> "2565/99"), spacing and digits normalised."""
    return {re.sub(r"\s", "", arabic_digits(n)) for n in _REFERENCE_NO_RE.findall(text)}


def _numbered_items(chunks: Sequence[ChunkRecord], heading: str) -> list[tuple[str, str, ChunkRecord]]:
    """The items numbered 1, 2, 3 … on the lines from ``heading`` on (the first may share the heading's line), each
    with its number as printed and the passage it is read from; the list ends at the first other line."""
    items: list[tuple[str, str, ChunkRecord]] = []
    started = False
    for chunk in chunks:
        for raw in chunk.text.splitlines():
            line = raw.strip()
            if not started:
                if not line.startswith(heading):
                    continue
                started, line = True, line[len(heading) :].strip()
                if not line:
                    continue
            elif not line:
                continue
            m = _ITEM_RE.match(line)
            if m is None or int(arabic_digits(m.group(1))) != len(items) + 1:
                return items
            items.append((m.group(1), m.group(2).strip(), chunk))
    return items
