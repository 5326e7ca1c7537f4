"""The record of one key project as ingest stores it and serving reads it (no extraction code here)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

# The one public projection of a project: what the API shows, in this order; the answer card and the CSV export show a
# part of it (assistant.schemas.ProjectCard's fields, index.projects.registry.CSV_FIELDS).
PUBLIC_FIELDS = (
    "number", "strategy", "name_th", "name_en", "owners", "objectives", "outputs", "budget_million_baht",
    "budget_note", "budget_text", "duration_months", "fiscal_years", "page", "pages", "missing",
)  # fmt: skip


@dataclass
class ProjectRecord:
    """One key project of appendix 4 with where it was read from (offsets into plan.text)."""

    number: str
    strategy: int
    name_th: str
    name_en: str | None
    objectives: list[str]
    owners: list[str]
    outputs: list[str]
    budget_million_baht: float | None
    budget_note: str | None
    budget_text: str
    duration_months: int | None
    fiscal_years: str | None
    page: int | None
    pages: list[int]
    source_text: str
    start: int
    end: int
    spans: list[tuple[int, int]] = field(default_factory=list)
    unmatched_owner_items: list[str] = field(default_factory=list)
    missing: dict[str, str] = field(default_factory=dict)  # field -> why it could not be extracted
    # block field -> where each value was read: {"text", "page", "start", "end"} with text == plan.text[start:end]
    facts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    details: list[str] = field(default_factory=list)  # the "รายละเอียดโครงการ" column, cut at its list items

    def public(self, fields: Sequence[str] | None = None) -> dict[str, Any]:
        """The project as shown outside the index (API, answer cards, CSV export): ``PUBLIC_FIELDS`` or a part of
        them, in that order; where each value was read (spans, offsets) stays inside."""
        names = PUBLIC_FIELDS if fields is None else fields
        unknown = set(names) - set(PUBLIC_FIELDS)
        if unknown:
            raise ValueError(f"not a public project field: {sorted(unknown)}")
        return {k: getattr(self, k) for k in names}

    def to_dict(self) -> dict[str, object]:
        """JSON-ready dict (tuples become lists)."""
        data = dict(self.__dict__)
        data["spans"] = [list(s) for s in self.spans]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> ProjectRecord:
        """Inverse of :meth:`to_dict`."""
        values = dict(data)
        values["spans"] = [tuple(s) for s in values.get("spans", [])]  # type: ignore[union-attr,attr-defined]
        return cls(**values)  # type: ignore[arg-type]
