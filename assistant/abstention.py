"""Decide when the documents do not answer: off-topic, injection and secret-seeking questions abstain."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.retrieval_service import RetrievalResult

ABSTAIN_TH = "ไม่พบข้อมูลนี้ในเอกสารที่มีอยู่"
ABSTAIN_EN = "I could not find this in the available documents."

_GUARD_RE = re.compile(
    r"ignore (all |the )?(previous|above|prior)|disregard (all |the )?(previous|above)|system prompt|"
    r"jailbreak|developer mode|api[ _-]?key|password|passwd|secret key|access token|credentials?|"
    r"ลืมคำสั่ง|ไม่ต้องสนใจคำสั่ง|เพิกเฉยคำสั่ง|คำสั่งก่อนหน้า|รหัสผ่าน|พรอมต์ระบบ|คีย์ลับ|โทเคน",
    re.IGNORECASE,
)


@dataclass
class Confidence:
    """Retrieval evidence for one question, and whether it clears the calibrated threshold."""

    score: float
    dense: float
    coverage: float
    guarded: bool

    def answerable(self, threshold: float) -> bool:
        return not self.guarded and self.score >= threshold


def is_guarded(question: str) -> bool:
    """Prompt-injection or secret-seeking wording: never answered from retrieval."""
    return bool(_GUARD_RE.search(question))


def confidence(question: str, result: RetrievalResult, terms: set[str], top_terms: set[str]) -> Confidence:
    """Top dense similarity plus how much of the question the best passage covers."""
    dense = result.top_dense
    coverage = len(terms & top_terms) / len(terms) if terms else 0.0
    return Confidence(score=dense + 0.15 * coverage, dense=dense, coverage=coverage, guarded=is_guarded(question))


def abstain_message(language: str) -> str:
    return ABSTAIN_EN if language == "en" else ABSTAIN_TH
