"""Decide when the documents do not answer: off-topic, injection and secret-seeking questions abstain.

Three signals, calibrated on the eval set (see README): a guard on wording that asks for secrets or
tries to override instructions; retrieval confidence (dense similarity of the best passage plus how
much of the question the passages cover); and specifics (numbers, provinces, countries) that the
question names but no retrieved passage contains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.places import find_places
from assistant.retrieval_service import RetrievalResult
from index.thai_key import thai_key

ABSTAIN_TH = "ไม่พบข้อมูลนี้ในเอกสารที่มีอยู่"
ABSTAIN_EN = "I could not find this in the available documents."
PERSONAL_TH = (
    "ขออภัย ไม่สามารถให้ข้อมูลส่วนบุคคลของบุคคลใดได้ (เช่น เบอร์โทรศัพท์ ที่อยู่ เลขประจำตัว หรือรายได้) "
    "หากต้องการติดต่อ โปรดใช้ช่องทางติดต่อทางการของหน่วยงาน"
)
PERSONAL_EN = (
    "Sorry, I cannot give personal data about individuals (such as a phone number, address, ID number or "
    "income). To get in touch, please use the agency's official contact channels."
)
NEARBY_TH = "ข้อความใกล้เคียงในเอกสาร (ไม่ใช่คำตอบของคำถามนี้):"
NEARBY_EN = "Nearby text in the documents (NOT an answer to this question):"

_GUARD_RE = re.compile(
    r"ignore (all |the |any )?(previous|above|prior|earlier)|disregard (all |the )?(previous|above|prior)|"
    r"system prompt|jailbreak|developer mode|hidden (configuration|instructions|prompt)|"
    r"api[ _-]?key|password|passwd|secret key|access tokens?|credentials?|"
    r"personal (phone|mobile|number|address|e-?mail)|home address|"
    r"ลืมคำสั่ง|ไม่ต้องสนใจคำสั่ง|เพิกเฉยคำสั่ง|คำสั่งก่อนหน้า|รหัสผ่าน|พรอมต์ระบบ|คีย์ลับ|โทเคน|"
    r"เบอร์(มือถือ|โทร)?ส่วนตัว|มือถือส่วนตัว|ที่อยู่บ้าน|ข้อมูลส่วนตัวของ",
    re.IGNORECASE,
)
_SPECIFIC_NUMBER_RE = re.compile(r"(?<![0-9.])([0-9]+\.[0-9]+|[0-9]{3,})(?![0-9])")
_DENSE_WEIGHT_COVERAGE = 0.05
_DENSE_WEIGHT_VOCAB = 0.05


@dataclass
class Confidence:
    """Retrieval evidence for one question, and whether it clears the calibrated threshold."""

    score: float
    dense: float
    coverage: float
    vocab: float
    guarded: bool
    missing: list[str] = field(default_factory=list)

    def answerable(self, threshold: float) -> bool:
        return not self.guarded and not self.missing and self.score >= threshold


def is_guarded(question: str) -> bool:
    """Prompt-injection, secret- or private-data-seeking wording: never answered from retrieval."""
    return bool(_GUARD_RE.search(question))


def missing_specifics(question: str, passages_key: str, equivalents: list[str]) -> list[str]:
    """Numbers and place names the question names that no retrieved passage contains."""
    missing = []
    for number in _SPECIFIC_NUMBER_RE.findall(question):
        if number not in passages_key and not any(e in passages_key for e in _year_twins(number, equivalents)):
            missing.append(number)
    for place in find_places(question):
        if place.key not in passages_key and not (place.english and place.english in passages_key):
            missing.append(place.key)
    return missing


def _year_twins(number: str, equivalents: list[str]) -> list[str]:
    """The same year in the other era (2024 <-> 2567), when the query rewrite produced it."""
    if not number.isdigit():
        return []
    n = int(number)
    twin = str(n + 543) if n < 2400 else str(n - 543)
    return [twin] if twin in equivalents else []


def confidence(
    question: str, result: RetrievalResult, terms: set[str], top_terms: set[str], vocab_share: float
) -> Confidence:
    """Dense similarity of the best passage, nudged by lexical coverage and vocabulary overlap."""
    dense = result.top_dense
    coverage = len(terms & top_terms) / len(terms) if terms else 0.0
    passages_key = " ".join(
        thai_key(f"{h.chunk.title} {h.chunk.section or ''} {h.chunk.text}") for h in result.hits[:5]
    )
    return Confidence(
        score=dense + _DENSE_WEIGHT_COVERAGE * coverage + _DENSE_WEIGHT_VOCAB * vocab_share,
        dense=dense,
        coverage=coverage,
        vocab=vocab_share,
        guarded=is_guarded(question),
        missing=missing_specifics(result.query.normalized, passages_key, result.query.expansions),
    )


def abstain_message(language: str) -> str:
    return ABSTAIN_EN if language == "en" else ABSTAIN_TH


def personal_data_message(language: str) -> str:
    """The refusal of a request for an individual's personal data, with the reason."""
    return PERSONAL_EN if language == "en" else PERSONAL_TH


def nearby_label(language: str) -> str:
    """The label over passages shown after an abstention: what the documents say nearby, not an answer."""
    return NEARBY_EN if language == "en" else NEARBY_TH
