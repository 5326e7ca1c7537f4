"""The contract of structured answerers (key projects, plan facts, law sections) so the ask service tries them in turn.

A structured answerer reads facts extracted at ingest (each with the page/section and the span it was read
from) and answers only questions it recognises; it returns None for anything else, and retrieval plus the
extractive answerer take over. Every answer cites the passage the fact was read from, never the registry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
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
    projects: list[str | None] = field(default_factory=list)  # key-project tag of each retrieved passage, best first
    sections: list[str | None] = field(default_factory=list)  # section label ("มาตรา 18") of each retrieved passage


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


_MARKER_RE = re.compile(r"\[(\d{1,2})\]")


def first_line(answer: StructuredAnswer) -> str:
    """The answer's first line without its citation markers, for telling two answers' facts apart."""
    return " ".join(_MARKER_RE.sub(" ", answer.answer.partition("\n")[0]).split())


def joined(first: StructuredAnswer, second: StructuredAnswer) -> StructuredAnswer:
    """Two answers to the two parts of one question as one: both facts on the first line, the second's citations
    renumbered after the first's (a passage both cite keeps one number)."""
    numbers: dict[int, int] = {}
    citations = list(first.citations)
    for c in second.citations:
        same = next((k.n for k in citations if (k.doc_id, k.section, k.text) == (c.doc_id, c.section, c.text)), None)
        if same is None:
            same = len(citations) + 1
            citations.append(c.model_copy(update={"n": same}))
        numbers[c.n] = same
    renumbered = _MARKER_RE.sub(lambda m: f"[{numbers.get(int(m.group(1)), int(m.group(1)))}]", second.answer)
    line1, _, rest1 = first.answer.partition("\n")
    line2, _, rest2 = renumbered.partition("\n")
    body = "\n".join(part for part in (f"{line1} · {line2}", rest1, rest2) if part)
    return replace(first, answer=body, citations=citations, cards=[*first.cards, *second.cards])
