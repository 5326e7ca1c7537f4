"""Scoring one question and aggregating a run: retrieval rank, answer keys, citations, abstention,
grounding and latency. Pure functions, all matching on the damage-insensitive ``thai_key``."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from assistant.grounding import violations
from corpus.thai_text import NUM_COMMA_RE, match_key, thai_key

RETRIEVAL_DEPTH = 10

_NUMERIC_RE = re.compile(r"\d+(?:\.\d+)?")
_GROUPED_DIGITS_RE = re.compile(r"\d+(?:\s+\d+)+|0\d{7,9}")  # "0 5426 5140", or a Thai phone number unbroken


def contains(haystack: str, needle: str) -> bool:
    """Damage-insensitive substring test (an empty needle never matches)."""
    key = match_key(needle)
    return bool(key) and key in match_key(haystack)


@dataclass(frozen=True)
class Passage:
    """The two facts scoring needs about a retrieved chunk or a citation."""

    doc_id: str
    text: str


def hit_rank(
    passages: Sequence[Passage], gold_doc: str | None, evidence: str | None, depth: int = RETRIEVAL_DEPTH
) -> int | None:
    """1-based rank of the first passage from the gold document that contains the evidence."""
    if not gold_doc or not evidence:
        return None
    key = match_key(evidence)
    for rank, p in enumerate(passages[:depth], 1):
        if p.doc_id == gold_doc and key in match_key(p.text):
            return rank
    return None


def answer_correct(answer: str, abstained: bool, answer_keys: Sequence[str | Sequence[str]]) -> bool:
    """Every key (any of its alternatives) appears in the answer; an abstention is never correct."""
    if abstained or not answer_keys:
        return False
    for item in answer_keys:
        alternatives = [item] if isinstance(item, str) else list(item)
        if not any(key_in_answer(alt, answer) for alt in alternatives):
            return False
    return True


def key_in_answer(key: str, answer: str) -> bool:
    """Numeric keys must be whole numbers of the answer ("24" is not in "2524"); others are substrings."""
    k = match_key(key)
    if not k:
        return False
    if _GROUPED_DIGITS_RE.fullmatch(thai_key(key).strip()):  # a phone-like "0 5426 5140": spacing may differ
        digits = re.sub(r"\D", "", k)
        joined = re.sub(r"(?<=\d)[\s-]+(?=\d)", "", thai_key(answer))
        if re.search(rf"(?<!\d){digits}(?!\d)", joined):
            return True
        # the key may leave out the leading group(s) ("2660 2000" of "0 2660 2000", "967 3302" of "02 967 3302"):
        # its groups, whole, end a number of the answer
        groups = r"[\s-]*".join(thai_key(key).split())
        return re.search(rf"(?<![\d.]){groups}(?![\d]|[\s-]+\d)", thai_key(answer)) is not None
    if _NUMERIC_RE.fullmatch(k):
        folded = NUM_COMMA_RE.sub("", thai_key(answer))
        zeros = "0*" if "." in k else ""  # 26.895 is 26.8950 as a table prints it
        return re.search(rf"(?<![\d.]){re.escape(k)}{zeros}(?!\d|\.\d)", folded) is not None
    return k in match_key(answer)


def first_line(answer: str) -> str:
    """The direct answer: the first non-empty line, which must state the asked fact on its own."""
    return next((line for line in answer.splitlines() if line.strip()), "")


def citation_correct(citations: Sequence[Passage], gold_doc: str | None, evidence: str | None) -> bool:
    """Some citation is from the gold document and quotes the evidence."""
    return hit_rank(citations, gold_doc, evidence, depth=len(citations)) is not None


def grounding_violations(answer: str, citation_texts: Iterable[str]) -> list[str]:
    """Numbers, dates and agency names in the answer that no citation contains (the run-time check, shared)."""
    return violations(answer, citation_texts)


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated percentile (q in 0..100); None for no values."""
    if not values:
        return None
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


@dataclass
class QuestionResult:
    """What happened to one question, and how it scored."""

    id: str
    category: str
    language: str
    abstain_expected: bool
    question: str
    gold_doc_id: str | None = None
    answer_keys: list[Any] = field(default_factory=list)
    answer: str = ""
    abstained: bool = False
    cited_doc_ids: list[str] = field(default_factory=list)
    retrieved_doc_ids: list[str] = field(default_factory=list)
    rank: int | None = None
    baseline_ranks: dict[str, int | None] = field(default_factory=dict)
    answer_ok: bool = False
    direct_ok: bool = False  # the first line alone holds every answer key
    citation_ok: bool = False
    ungrounded: list[str] = field(default_factory=list)
    latency_ms: float = 0.0
    error: str | None = None

    @property
    def correct(self) -> bool:
        """End to end: abstain when expected, otherwise a correct answer."""
        if self.error:
            return False
        return self.abstained if self.abstain_expected else self.answer_ok

    def to_json(self) -> dict[str, Any]:
        return {**self.__dict__, "correct": self.correct}


def _mean(xs: Sequence[float]) -> float | None:
    return sum(xs) / len(xs) if xs else None


def retrieval_scores(ranks: Sequence[int | None]) -> dict[str, float | None]:
    """hit@1, hit@5 and MRR over the ranks of answerable questions."""
    return {
        "hit@1": _mean([1.0 if r is not None and r <= 1 else 0.0 for r in ranks]),
        "hit@5": _mean([1.0 if r is not None and r <= 5 else 0.0 for r in ranks]),
        "mrr": _mean([1.0 / r if r else 0.0 for r in ranks]),
    }


def aggregate(results: Sequence[QuestionResult], retrieval: bool = True) -> dict[str, Any]:
    """Overall metrics of a run (retrieval ones are None when not measured)."""
    answerable = [r for r in results if not r.abstain_expected]
    expected = [r for r in results if r.abstain_expected]
    abstained = [r for r in results if r.abstained]
    tp = sum(1 for r in abstained if r.abstain_expected)
    false_abst = sum(1 for r in answerable if r.abstained)
    out: dict[str, Any] = {"n": len(results), "n_answerable": len(answerable), "n_abstain": len(expected)}
    ret = (
        retrieval_scores([r.rank for r in answerable])
        if retrieval
        else dict.fromkeys(("hit@1", "hit@5", "mrr"))
    )
    out.update(ret)
    out["accuracy"] = _mean([1.0 if r.correct else 0.0 for r in results])
    out["answer_accuracy"] = _mean([1.0 if r.answer_ok else 0.0 for r in answerable])
    out["citation_accuracy"] = _mean([1.0 if r.citation_ok else 0.0 for r in answerable])
    answered = [r for r in answerable if not r.abstained]
    out["direct_answer"] = _mean([1.0 if r.direct_ok else 0.0 for r in answered])
    out["abstention_precision"] = tp / len(abstained) if abstained else None
    out["abstention_recall"] = tp / len(expected) if expected else None
    out["false_abstentions"] = false_abst
    out["false_abstention_rate"] = false_abst / len(answerable) if answerable else None
    out["grounding_violations"] = sum(len(r.ungrounded) for r in results)
    out["ungrounded_answers"] = sum(1 for r in results if r.ungrounded)
    out["errors"] = sum(1 for r in results if r.error)
    latencies = [r.latency_ms for r in results if not r.error]
    out["latency_p50_ms"] = percentile(latencies, 50)
    out["latency_p95_ms"] = percentile(latencies, 95)
    return out


def per_group(
    results: Sequence[QuestionResult], groups: Mapping[str, Sequence[str]], retrieval: bool = True
) -> dict[str, dict[str, Any]]:
    """The overall metrics within named groups of categories (empty groups are left out)."""
    out: dict[str, dict[str, Any]] = {}
    for name, cats in groups.items():
        members = [r for r in results if r.category in cats]
        if members:
            out[name] = aggregate(members, retrieval)
    return out


def per_category(results: Sequence[QuestionResult], retrieval: bool = True) -> dict[str, dict[str, Any]]:
    """The overall metrics computed within each category (in order of first appearance)."""
    cats: dict[str, list[QuestionResult]] = {}
    for r in results:
        cats.setdefault(r.category, []).append(r)
    return {c: aggregate(rs, retrieval) for c, rs in cats.items()}


def baseline_scores(results: Sequence[QuestionResult]) -> dict[str, dict[str, float | None]]:
    """hit@1/hit@5/MRR of each baseline retriever over the answerable questions."""
    names: list[str] = []
    for r in results:
        names += [n for n in r.baseline_ranks if n not in names]
    answerable = [r for r in results if not r.abstain_expected]
    return {n: retrieval_scores([r.baseline_ranks.get(n) for r in answerable]) for n in names}
