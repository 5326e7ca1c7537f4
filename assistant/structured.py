"""The contract of structured answerers (key projects, plan facts, law sections) so the ask service tries them in turn.

A structured answerer reads facts extracted at ingest (each with the page/section and the span it was read
from) and answers only questions it recognises; it returns None for anything else, and retrieval plus the
extractive answerer take over. Every answer cites the passage the fact was read from, never the registry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from assistant.schemas import Citation, ProjectCard


@dataclass
class Conversation:
    """What a structured answerer may lean on: the question and the earlier user turns (newest first)."""

    question: str  # repaired, Arabic digits (RewrittenQuery.normalized)
    language: str  # th | en
    earlier: list[str] = field(default_factory=list)
    followup: bool = False  # the question leans on an earlier turn (elliptical, pronoun)
    documents: list[str] = field(default_factory=list)  # doc_ids of the retrieved passages, best first
    answers: list[str] = field(default_factory=list)  # the earlier assistant turns (newest first): a fallback subject


@dataclass
class StructuredAnswer:
    """An answer whose first line states the fact; later lines quote the evidence with [n] markers."""

    answer: str
    citations: list[Citation]
    mode: str  # registry | plan | law
    cards: list[ProjectCard] = field(default_factory=list)
    abstained: bool = False  # the structure shows the documents do not hold the asked fact (e.g. another year)


class StructuredAnswerer(Protocol):
    """One source of structured facts; ``answer`` returns None for questions it does not recognise."""

    name: str

    def answer(self, conversation: Conversation) -> StructuredAnswer | None: ...
