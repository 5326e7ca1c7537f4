"""Answer who signed a Royal Gazette notice, on what date, and from when it applies, from the notice's own lines.

A notice (ประกาศ: an agency's announcement, a committee's standard, the plan itself) closes with "ประกาศ ณ วันที่
<day> <month> พ.ศ. <year>" followed by the signer's name and position(s) (the Royal Gazette's notice format, ระเบียบ
สำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ: ประกาศ). Retrieval seldom ranks that short closing for "ใครลงนาม" or "ประกาศ
เมื่อวันไหน", so it is read from the notice's own passages. Which notice is meant comes from the words the question
shares with the titles of the retrieved notices, rarer title words counting more; a tie goes to the one retrieval
ranked first.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.law_questions import law_question_patterns
from assistant.question_types import classify, split_compound
from assistant.schemas import Citation
from assistant.structured import Conversation, StructuredAnswer
from corpus.thai_text import THAI_MONTH, key_tokens, stop_keys
from index.chunk_record import ChunkRecord

NOTICE_KINDS = frozenset({"announcement", "standard", "plan"})  # documents published as a ประกาศ
_CLOSING_RE = re.compile(
    rf"ประกาศ\s*ณ\s*วัน\s*ที่\s*([0-9๐-๙]{{1,2}}\s*(?:{THAI_MONTH})\s*(?:พ\.\s?ศ\.\s*)?[0-9๐-๙]{{4}})[ \t]+([^\n]+)"
)
# The signer's lines end where an attachment, a table or a number starts (a page's running header is gone by now).
_BLOCK_END_RE = re.compile(r"\s(?:เอกสารแนบ|แนบท้าย|ภาคผนวก|บัญชี|รายละเอียด|ลำดับ|ข้อ\s|\(|[0-9๐-๙])")
_BLOCK_WORDS = 14  # a name (with a rank) and two or three positions
# Asking who signed: "ใครลงนาม", "ผู้ลงนาม", "ลงนามโดยใคร", "who signed", "signatory"; not a signature someone must
# put on a document ("ลงนามรับรอง", "signed with electronic signatures") nor an agreement signed ("ลงนามความร่วมมือ").
_SIGNER_RE = re.compile(
    r"(?:ใคร|ผู้)\S{0,12}ลงนาม|ลงนาม[^?]{0,40}?ใคร|ผู้ออกประกาศ|ใคร\S{0,6}ออกประกาศ"
    r"|\b(?:who|which (?:official|person|minister))\b[^?]{0,60}\bsign(?:ed|s)\b|\bsignator(?:y|ies)\b|\bsigned by\b",
    re.I,
)
_NOT_SIGNER_RE = re.compile(
    r"ลงนามรับรอง|ความร่วมมือ|สัญญา|บันทึกข้อตกลง|\bMOU\b|signed with|signature|agreement|memorandum|contract", re.I
)
# Asking on which date it was signed: "ประกาศเมื่อไร", "ลงนามวันไหน", "ประกาศ ณ วันที่เท่าไร", "dated", "when … signed".
_DATE_RE = re.compile(
    r"(?:ประกาศ|ลงนาม)\s*(?:ไว้)?\s*(?:(?:เมื่อ|ณ)\s*(?:วัน(?:ที่)?)?|วัน(?:ที่)?)\s*(?:ไหน|อะไร|เท่าไร|เท่าไหร่|ใด|ไร|ไหร่)"
    r"|ลงวันที่\s*(?:เท่า|อะไร|ใด|ไหน)"
    r"|\bdated\b|\bwhen\b.{0,80}\b(?:signed|issued)\b|\bdate\b.{0,60}\b(?:signed|issued|signature)\b",
    re.I,
)
# The question must name a notice, a standard or the plan; the publication date in the Gazette, an Act's or a
# letter's signing are other facts (the Gazette's date is printed in a header the repair drops; the letter answerer
# reads a letter's closing).
_NOTICE_NAMED_RE = re.compile(r"ประกาศ|มาตรฐาน|แผน|\b(?:notice|announcement|standard|plan)\b", re.I)
# Asking when the notice comes into force: the law book's commencement wording, or "ใช้บังคับกับ…เมื่อไร".
_IN_FORCE_RE = re.compile(law_question_patterns()["commencement"] + r"|ใช้บังคับ\S{0,30}?(?:เมื่อ|ตั้งแต่)", re.I)
# A notice's own commencement clause ("ประกาศนี้ให้ใช้บังคับตั้งแต่วันที่ 1 มีนาคม 2566", "ให้นำมาตรฐาน…ตามประกาศนี้มา
# ใช้บังคับกับหน่วยงานของรัฐนับตั้งแต่วันถัดจากวันประกาศ…เป็นต้นไป"), which most channel notices leave out.
_IN_FORCE_TEXT_RE = re.compile(
    r"(?:ให้นำ[^“”\n]{0,40}?)?ประกาศนี้[^“”\n]{0,60}?ใช้บังคับ[^“”\n]{0,120}?(?:เป็นต้นไป|(?=\s*ประกาศ\s*ณ))"
)
_OTHER_RE = re.compile(r"ราชกิจจา|gazette|เผยแพร่|published|หนังสือ|\bletter\b", re.I)
_ACT_RE = re.compile(r"พระราชบัญญัติ|พ\.?ร\.?บ|\bact\b", re.I)


def _asks_own(question: str) -> bool:
    """Does the question (or one part of it) ask a notice's signer, date or commencement?"""
    return any(p.search(question) for p in (_SIGNER_RE, _DATE_RE, _IN_FORCE_RE))


def _asks_channel(question: str) -> bool:
    """Does the question (or one part of it) ask for a contact channel (e-mail, website, phone …)?"""
    return any(t.contact for t in classify(question))


@dataclass(frozen=True)
class InForce:
    """A notice's commencement clause and the passage that prints it."""

    clause: str
    chunk: ChunkRecord


@dataclass(frozen=True)
class Closing:
    """A notice's closing line: its date and its signer's name and positions, with the passage that prints them."""

    date: str
    signer: str
    chunk: ChunkRecord


def read_closing(chunk: ChunkRecord) -> Closing | None:
    """The "ประกาศ ณ วันที่ …" line of a passage, if it prints one."""
    found = list(_CLOSING_RE.finditer(chunk.text))
    if not found:
        return None
    m = found[-1]
    block = _BLOCK_END_RE.split(" " + m.group(2), maxsplit=1)[0]
    words = block.split()[:_BLOCK_WORDS]
    if len(words) < 2:
        return None
    return Closing(" ".join(m.group(1).split()), " ".join(words), chunk)


class NoticeAnswerer:
    """The signer and date of the corpus's notices, read from their closing lines."""

    name = "notice"

    def __init__(self, passages: Sequence[ChunkRecord], titles: dict[str, str]) -> None:
        self.closings: dict[str, Closing] = {}
        self.in_force: dict[str, InForce] = {}
        for chunk in sorted((c for c in passages if c.kind in NOTICE_KINDS), key=lambda c: (c.doc_id, c.start)):
            closing = read_closing(chunk)
            if closing is not None and chunk.doc_id not in self.closings:  # the notice's own, before its attachments
                self.closings[chunk.doc_id] = closing
            clause = _IN_FORCE_TEXT_RE.search(chunk.text)
            if clause is not None and chunk.doc_id not in self.in_force:
                self.in_force[chunk.doc_id] = InForce(" ".join(clause.group(0).split()), chunk)
        stops = stop_keys()
        self.title_words = {d: set(key_tokens(titles.get(d, ""))) - stops for d in self.closings}
        df = Counter(w for words in self.title_words.values() for w in words)
        n = len(self.title_words)
        self.weight = {w: math.log((n + 1) / (k + 0.5)) for w, k in df.items()}

    def answer(self, conversation: Conversation) -> StructuredAnswer | None:
        question = conversation.question
        asks_signer = _SIGNER_RE.search(question) is not None and _NOT_SIGNER_RE.search(question) is None
        asks_date = _DATE_RE.search(question) is not None
        asks_in_force = _IN_FORCE_RE.search(question) is not None
        named = question if not conversation.followup else " ".join([question, *conversation.earlier[:1]])
        if not (asks_signer or asks_date or asks_in_force) or not _NOTICE_NAMED_RE.search(named):
            return None
        halves = split_compound(question)
        if halves is not None and any(_asks_channel(half) and not _asks_own(half) for half in halves):
            return None  # "ใช้บังคับตั้งแต่เมื่อไร และใช้อีเมลใด": the other part is a channel, retrieval's to answer
        if _OTHER_RE.search(named) or (_ACT_RE.search(named) and ("ประกาศ" not in named or asks_in_force)):
            return None  # an Act's signing (ให้ไว้ ณ วันที่) and coming into force are the law book's
        closing = self._notice(named, conversation.documents)
        if closing is None:
            return None
        en = conversation.language == "en"
        if asks_in_force and not (asks_signer or asks_date):
            return self._in_force(closing.chunk.doc_id, en)
        if en:
            parts = ([f"signed by {closing.signer}"] if asks_signer else []) + (
                [f"dated {closing.date}"] if asks_date else []
            )
            line = f"The notice is {' and '.join(parts)} [1]"
        else:
            parts = ([f"ประกาศ ณ วันที่ {closing.date}"] if asks_date else []) + (
                [f"ลงนามโดย {closing.signer}"] if asks_signer else []
            )
            line = f"{' '.join(parts)} [1]"
        quote = f"“ประกาศ ณ วันที่ {closing.date} {closing.signer}” [1]"
        return StructuredAnswer(f"{line}\n{quote}", [Citation.of_chunk(1, closing.chunk)], self.name)

    def _in_force(self, doc_id: str, en: bool) -> StructuredAnswer | None:
        """The notice's commencement clause; None when it prints none (retrieval may still find one)."""
        found = self.in_force.get(doc_id)
        if found is None:
            return None
        line = f"The notice says: “{found.clause}” [1]" if en else f"{found.clause} [1]"
        return StructuredAnswer(f"{line}\n“{found.clause}” [1]", [Citation.of_chunk(1, found.chunk)], self.name)

    def _notice(self, named: str, documents: Sequence[str]) -> Closing | None:
        """Among the retrieved notices, the one whose title shares the most (rarity-weighted) words with the question;
        of equals, the one retrieval ranked first."""
        words = set(key_tokens(named))
        retrieved = [d for d in dict.fromkeys(documents) if d in self.closings]
        if not retrieved:
            return None
        scores = [sum(self.weight[w] for w in words & self.title_words[d]) for d in retrieved]
        return self.closings[retrieved[scores.index(max(scores))]]
