"""Answer who signed an official letter: the signature block under its closing formula.

A Thai official letter (ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ, หนังสือภายนอก) closes with "ขอแสดงความนับถือ",
then the signer's name in parentheses and the signer's position(s) on the lines below. Retrieval rarely ranks
that short block for "ลงนามโดยใคร", so this answerer reads it from the letter's own passages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.schemas import Citation
from assistant.structured import Conversation, StructuredAnswer
from index.chunk_record import ChunkRecord

# Asking who signed (ลงนาม, ผู้ลงนาม: the letter's signatory) or in which position.
_SIGNER_RE = re.compile(r"ลงนาม|ลงชื่อ|\bsign(?:ed|s|atory|ature)?\b", re.I)
_LETTER_RE = re.compile(r"หนังสือ|letter", re.I)
_CLOSING = "ขอแสดงความนับถือ"  # the closing formula of a หนังสือภายนอก
_BLOCK_LINES = 3  # the name and up to two position lines
_NAME_RE = re.compile(r"^\(.+\)$")  # the signer's name is printed in parentheses


class LetterAnswerer:
    """The signer of the corpus's official letters, from the lines under their closing formula."""

    name = "letter"

    def __init__(self, passages: Sequence[ChunkRecord]) -> None:
        self.passages = [c for c in passages if c.kind == "letter" and _CLOSING in c.text]

    def answer(self, conversation: Conversation) -> StructuredAnswer | None:
        question = conversation.question
        if not (_SIGNER_RE.search(question) and _LETTER_RE.search(question)) or len(self.passages) != 1:
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
