"""The eval question set: one validated record per JSONL line, and named subsets of ids."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field, ValidationError, model_validator

EVALS_DIR = Path(__file__).resolve().parent
QUESTIONS_DIR = EVALS_DIR / "questions"
SPLITS = ("dev", "test")
DEFAULT_SPLIT = "test"
DEFAULT_QUESTIONS = QUESTIONS_DIR / f"{DEFAULT_SPLIT}.jsonl"
DEFAULT_SUBSETS = EVALS_DIR / "subsets.yaml"  # named subsets of the dev split (ci, smoke)

CATEGORIES = (
    "project_owner",
    "project_budget",
    "plan_strategy",
    "letter",
    "law",
    "citizen_service",
    "english",
    "damaged",
    "followup",
    "out_of_scope",
    "near_miss",
    "project_detail",
)

# Categories whose answers come from structured knowledge (plan, laws, project blocks); the rest are judged
# as general answering. Reports show both groups so each issue's yardstick is printed.
STRUCTURED_CATEGORIES = ("plan_strategy", "law", "project_detail")
ABSTAIN_CATEGORIES = ("out_of_scope", "near_miss")


def split_path(split: str) -> Path:
    """The JSONL file of a split (``dev`` for tuning, ``test`` for the gate and every reported figure)."""
    if split not in SPLITS:
        raise QuestionSetError(f"unknown split {split!r}; known: {', '.join(SPLITS)}")
    return QUESTIONS_DIR / f"{split}.jsonl"

AnswerKey = str | list[str]


class HistoryTurn(BaseModel):
    """An earlier turn a follow-up question leans on."""

    role: Literal["user", "assistant"]
    content: str


class EvalQuestion(BaseModel):
    """A question with its gold document, evidence passage and answer keys (or abstain=true)."""

    id: str
    question: str = Field(min_length=1)
    language: Literal["th", "en"] = "th"
    category: str
    doc_id: str | None = None
    evidence: str | None = None
    answer_keys: list[AnswerKey] = Field(default_factory=list)
    abstain: bool = False
    history: list[HistoryTurn] = Field(default_factory=list)
    page: int | None = None
    section: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> EvalQuestion:
        """Answerable questions need gold; abstain questions must not carry any."""
        if self.category not in CATEGORIES:
            raise ValueError(f"unknown category {self.category!r}")
        if self.abstain:
            if self.doc_id is not None:
                raise ValueError("abstain questions have doc_id null")
        else:
            if not self.doc_id or not self.evidence:
                raise ValueError("answerable questions need doc_id and evidence")
            if not self.answer_keys:
                raise ValueError("answerable questions need at least one answer key")
        for key in self.answer_keys:
            if isinstance(key, list) and not key:
                raise ValueError("an answer-key alternative list is empty")
        return self

    @property
    def answerable(self) -> bool:
        return not self.abstain


class QuestionSetError(ValueError):
    """The question file or the subsets file is malformed."""


def load_questions(path: Path = DEFAULT_QUESTIONS) -> list[EvalQuestion]:
    """Parse and validate every line; fail with the line number so the author can fix it."""
    questions: list[EvalQuestion] = []
    seen: set[str] = set()
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            q = EvalQuestion.model_validate(json.loads(line))
        except (json.JSONDecodeError, ValidationError) as exc:
            raise QuestionSetError(f"{path}:{lineno}: {exc}") from None
        if q.id in seen:
            raise QuestionSetError(f"{path}:{lineno}: duplicate id {q.id!r}")
        seen.add(q.id)
        questions.append(q)
    return questions


def load_subsets(path: Path = DEFAULT_SUBSETS) -> dict[str, list[str]]:
    """Named lists of question ids (e.g. ``ci``, ``smoke``); empty when the file does not exist."""
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise QuestionSetError(f"{path}: expected a mapping of subset name -> list of ids")
    return {str(k): [str(i) for i in (v or [])] for k, v in data.items()}


def select(
    questions: list[EvalQuestion], subset: str | None, subsets: dict[str, list[str]], limit: int | None = None
) -> list[EvalQuestion]:
    """The questions of a subset in file order (all when ``subset`` is None), cut to ``limit``."""
    chosen = questions
    if subset:
        if subset not in subsets:
            raise QuestionSetError(
                f"unknown subset {subset!r}; known: {', '.join(sorted(subsets)) or 'none'}"
            )
        wanted = set(subsets[subset])
        missing = wanted - {q.id for q in questions}
        if missing:
            raise QuestionSetError(f"subset {subset!r} names unknown ids: {', '.join(sorted(missing))}")
        chosen = [q for q in questions if q.id in wanted]
    return chosen[:limit] if limit else chosen
