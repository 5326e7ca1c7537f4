"""Pydantic models of the question/answer contract shared by the services, the HTTP API, the UI and evals."""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import quote, urlencode

from pydantic import BaseModel, BeforeValidator, Field, StringConstraints, computed_field

from index.chunk_record import ChunkRecord

MAX_QUESTION_CHARS = 2000
VIEW_QUOTE_CHARS = 80  # opening words of a chunk-less citation, for the viewer to find it

Mode = Literal["auto", "extractive", "llm"]
# Surrounding whitespace (Unicode White_Space, what pydantic strips) is dropped before the length check, so "   "
# counts as empty. The API schema names those characters outright (BLANK_CLASS): JSON Schema's \s (ECMAScript's)
# lacks U+0085 and adds U+FEFF, and Python's isspace() adds U+001C-U+001F.
QuestionText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_QUESTION_CHARS)]
BLANK_CLASS = "[" + "".join(f"\\u{c:04x}" for c in range(0x3001) if chr(c).isspace() and not 0x1C <= c <= 0x1F) + "]"


def _json_integer(value: object) -> object:
    """JSON Schema's integer: 17 and 17.0 are accepted, true and "17" are not (pydantic's lax mode takes both)."""
    if isinstance(value, bool | str | bytes):
        raise ValueError("Input should be a valid integer")
    return value


JsonInt = Annotated[int, BeforeValidator(_json_integer)]


class Turn(BaseModel):
    """One earlier message of the conversation."""

    role: Literal["user", "assistant"]
    content: str = Field(max_length=8000)


class AskRequest(BaseModel):
    """A question, optionally with conversation history and a retrieval depth."""

    question: QuestionText
    top_k: JsonInt = Field(default=5, ge=1, le=20)
    history: list[Turn] = Field(default_factory=list, max_length=50)
    mode: Mode = "auto"
    kind: str | None = None  # metadata filter: plan | law | letter | standard | announcement
    doc_id: str | None = None  # metadata filter


class Citation(BaseModel):
    """A passage the answer relies on; ``n`` matches the ``[n]`` marker in the answer."""

    n: int
    doc_id: str
    title: str
    section: str | None = None
    page: int | None = None
    text: str
    source_url: str | None = None
    score: float
    chunk_id: str | None = None

    @classmethod
    def of_chunk(cls, n: int, chunk: ChunkRecord, score: float = 1.0) -> Citation:
        """The citation of one indexed chunk: the one place a chunk's fields become a citation's."""
        return cls(
            n=n, doc_id=chunk.doc_id, title=chunk.title, section=chunk.section, page=chunk.page, text=chunk.text,
            source_url=chunk.source_url, score=score, chunk_id=chunk.chunk_id,
        )  # fmt: skip

    @computed_field  # type: ignore[prop-decorator]
    @property
    def view_url(self) -> str:
        """Where the app shows the cited passage highlighted in its page or section (see api/viewer_router.py)."""
        base = f"/view/{quote(self.doc_id, safe='')}"
        if self.chunk_id:
            return f"{base}?chunk={quote(self.chunk_id, safe='')}"
        # structured answers cite a section/page, not a chunk: the viewer finds the passage by its opening words
        params = {"section": self.section, "page": self.page, "q": " ".join(self.text.split())[:VIEW_QUOTE_CHARS]}
        return f"{base}?{urlencode({k: v for k, v in params.items() if v})}"


class ProjectCard(BaseModel):
    """A key project of the plan's appendix, shown when the answer comes from the registry."""

    number: str
    name_th: str
    name_en: str | None = None
    strategy: int
    owners: list[str]
    budget_million_baht: float | None = None
    budget_note: str | None = None
    duration_months: int | None = None
    fiscal_years: str | None = None
    page: int | None = None


class AskResponse(BaseModel):
    """An answer with its citations; ``abstained`` is true when the documents do not answer."""

    answer: str
    abstained: bool
    language: Literal["th", "en"]
    mode: str
    citations: list[Citation]
    timings_ms: dict[str, float] = Field(default_factory=dict)
    projects: list[ProjectCard] = Field(default_factory=list)


class SearchRequest(BaseModel):
    """A retrieval-only query."""

    query: QuestionText
    top_k: JsonInt = Field(default=10, ge=1, le=50)
    kind: str | None = None
    doc_id: str | None = None


class SearchResult(BaseModel):
    """One retrieved chunk."""

    chunk_id: str
    doc_id: str
    title: str
    section: str | None = None
    page: int | None = None
    text: str
    score: float
    source_url: str | None = None


class SearchResponse(BaseModel):
    results: list[SearchResult]
