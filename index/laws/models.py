"""The records of law structure extracted at ingest: Acts, sections and the facts each section states.

Every fact keeps the document, the section label and the exact span ([start, end) of the repaired
text, plus the text itself) it was read from, so answers can quote and cite it.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field

FORMAT_VERSION = 1
LAWS_FILE = "laws.json"  # the law book, beside the chunks in an index version


class Span(BaseModel):
    """Where a fact was read: document, section and the exact text span."""

    doc_id: str
    section: str  # "มาตรา 13"
    start: int
    end: int
    text: str


class Definition(BaseModel):
    """A defined term and its whole definition ("“X” หมายความว่า …" up to the next term)."""

    term: str
    meaning: str  # the text after "หมายความว่า"
    source: Span


class Role(BaseModel):
    """One seat of a committee as the Act words it ("นายกรัฐมนตรี", "ปลัดกระทรวงการคลัง")."""

    holder: str
    source: Span


class Committee(BaseModel):
    """A committee an Act establishes, with its composition."""

    name: str
    abbreviations: list[str] = Field(default_factory=list)  # "กมช.", "NCSC"
    english_name: str | None = None
    chair: Role | None = None
    vice_chair: Role | None = None
    members: list[str] = Field(default_factory=list)  # ex-officio and other named seats, in order
    qualified_members: str | None = None  # "ไม่เกินเจ็ดคน"
    secretary: Role | None = None
    assistant_secretaries: Role | None = None
    source: Span  # the composition clause


class Deadline(BaseModel):
    """A time limit ("ภายในเก้าสิบวัน") with the clause saying what must be done."""

    period: str  # "เก้าสิบวัน"
    source: Span  # the clause holding the time limit


class Penalty(BaseModel):
    """A penal provision with the sections whose breach it punishes."""

    punished_sections: list[str]  # ["มาตรา 15"]
    imprisonment: str | None = None
    fine: str | None = None
    source: Span


class ItemList(BaseModel):
    """An enumerated list ("… ดังต่อไปนี้ (๑) … (๒) …"): the intro clause and every item."""

    intro: str
    items: list[str]
    duty_of: str | None = None  # the body the list is a duty of ("หน่วยงานของรัฐ"), if any
    source: Span


class SectionRecord(BaseModel):
    """One section of an Act with the facts it states."""

    number: str  # as the parser gives it: "13", "26/1"
    label: str  # "มาตรา 13"
    chapter: str | None = None
    start: int
    end: int
    text: str
    definitions: list[Definition] = Field(default_factory=list)
    committees: list[Committee] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    penalties: list[Penalty] = Field(default_factory=list)
    lists: list[ItemList] = Field(default_factory=list)


class ActRecord(BaseModel):
    """One Act: its title and its sections (the main Act only, not amending Acts' own sections)."""

    doc_id: str
    title: str
    source_url: str | None = None
    sections: list[SectionRecord]


class LawBook(BaseModel):
    """Every Act of the corpus, as stored in the index version directory."""

    format_version: int = FORMAT_VERSION
    acts: list[ActRecord] = Field(default_factory=list)


def load_law_book(version_dir: Path) -> LawBook:
    """The stored law book, or an empty one (older index versions, or a different format)."""
    path = version_dir / LAWS_FILE
    if not path.exists():
        return LawBook()
    book = LawBook.model_validate_json(path.read_text(encoding="utf-8"))
    return book if book.format_version == FORMAT_VERSION else LawBook()
