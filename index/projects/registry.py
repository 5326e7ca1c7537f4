"""A searchable, saveable store of the plan's key projects, queried by number, text, agency or strategy."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from corpus.thai_text import name_key
from dgplan.errors import ProjectNotFound
from index.projects.agencies import Gazetteer
from index.projects.record import PUBLIC_FIELDS, ProjectRecord

FORMAT_VERSION = 1
PROJECTS_FILE = "projects.json"  # the registry, beside the chunks in an index version
ALIASES_FILE = "aliases.json"  # agency abbreviations learned from the corpus (short form -> full names)
# the CSV export: the public fields that fit one cell each (no lists of sentences, no extraction notes)
CSV_FIELDS = tuple(f for f in PUBLIC_FIELDS if f not in ("objectives", "outputs", "budget_text", "missing"))


class ProjectRegistry:
    """The 38 key projects plus the agency aliases used to match agency queries (สพร., DGA, …)."""

    def __init__(self, projects: Iterable[ProjectRecord], aliases: dict[str, set[str]] | None = None) -> None:
        self._projects = {p.number: p for p in projects}
        names = {k: set(v) for k, v in (aliases or {}).items()}
        known = Gazetteer(dict(names))
        for project in self._projects.values():
            for owner in project.owners:
                if known.canonical(owner) is None:
                    names.setdefault(owner, set())
        self.gazetteer = Gazetteer(names)

    def __len__(self) -> int:
        return len(self._projects)

    def __iter__(self) -> Iterator[ProjectRecord]:
        return iter(self.all())

    def all(self) -> list[ProjectRecord]:
        """Every project in number order."""
        return sorted(self._projects.values(), key=lambda p: tuple(int(x) for x in p.number.split(".")))

    def get(self, number: str) -> ProjectRecord:
        """One project by its number ("4.9"); raises ProjectNotFound."""
        key = str(number).strip().rstrip(".")
        if key not in self._projects:
            raise ProjectNotFound(key)
        return self._projects[key]

    def search(
        self, q: str | None = None, agency: str | None = None, strategy: int | None = None
    ) -> list[ProjectRecord]:
        """Projects matching all given filters; text and agency compare damage-insensitively."""
        found = self.all()
        if strategy is not None:
            found = [p for p in found if p.strategy == int(strategy)]
        if agency:
            found = [p for p in found if self._owned_by(p, agency)]
        if q:
            key = name_key(q)
            found = [p for p in found if key in name_key(_searchable(p))]
        return found

    def by_agency(self, name: str) -> list[ProjectRecord]:
        """Projects an agency is responsible for (full name, part of it, abbreviation or English alias)."""
        return self.search(agency=name)

    def _owned_by(self, project: ProjectRecord, agency: str) -> bool:
        """Whether any owner is the agency the query names (via aliases) or contains the query text."""
        wanted = {name_key(n) for n in self.gazetteer.resolve(agency)}
        query = name_key(agency)
        for owner in project.owners:
            key = name_key(owner)
            if key in wanted or (len(query) >= 3 and query in key) or any(w in key for w in wanted):
                return True
        return False

    def save(self, path: Path) -> None:
        """Write the registry as JSON (projects and agency aliases)."""
        data = {
            "format": FORMAT_VERSION,
            "aliases": self.gazetteer.to_json(),
            "projects": [p.to_dict() for p in self.all()],
        }
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> ProjectRegistry:
        """Read a registry written by :meth:`save`."""
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        projects = [ProjectRecord.from_dict(p) for p in data["projects"]]
        return cls(projects, {k: set(v) for k, v in data.get("aliases", {}).items()})

    def to_csv(self, path: Path) -> None:
        """A spreadsheet view: one row per project, list fields joined with "; "."""
        with Path(path).open("w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.DictWriter(handle, fieldnames=CSV_FIELDS)
            writer.writeheader()
            for p in self.all():
                row = p.public(CSV_FIELDS)
                row["owners"] = "; ".join(p.owners)
                row["pages"] = "; ".join(str(n) for n in p.pages)
                writer.writerow(row)


def _searchable(project: ProjectRecord) -> str:
    """The text a free-text query is matched against."""
    return " ".join(
        [project.number, project.name_th, project.name_en or "", *project.objectives, *project.details,
         *project.outputs, *project.owners]
    )  # fmt: skip
