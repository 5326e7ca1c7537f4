"""Registry facts asked in many phrasings: a regression set generated from the key-project registry itself.

The hand-written splits ask each project a few ways; a change that breaks one phrasing (a question that
describes the project by its objective, say) can pass them all. Filling evals/phrasings.yaml's templates with
every project's name, number, objective and output asks each registry fact many ways, scored by the same eval.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field
from pythainlp.util import arabic_digit_to_thai_digit as arabic_to_thai_digits

from corpus.thai_text import strip_tones
from dgplan.settings import Settings
from evals.question_set import EVALS_DIR, EvalQuestion
from index.chunking.law_headings import law_terms
from index.laws.models import LawBook
from index.projects.record import ProjectRecord

TEMPLATES_PATH = EVALS_DIR / "phrasings.yaml"
_CATEGORY = {
    "budget": "project_budget",
    "owners": "project_owner",
    "duration": "project_detail",
    "definition": "law",
    "section": "law",
}
_LAW_FIELDS = ("definition", "section")
_KEY_CHARS = 30  # the first words of a definition or section: the answer must quote them
_DESCRIPTION_CHARS = 45  # a description this long names the project's purpose without copying the whole cell
_MILLIONS_RE = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*ล้านบาท")


class PhrasingTemplate(BaseModel):
    """One way of asking a registry field or a law fact, with where the wording comes from."""

    field: Literal["budget", "owners", "duration", "definition", "section"]
    language: Literal["th", "en"]
    text: str = Field(min_length=3)
    source: str = Field(min_length=3)
    typed: Literal["as_is", "toneless", "thai_digits"] = "as_is"  # how users type it (DEVELOPERS: tone-less, ๑๒๓)

    def fill(self, **values: str) -> str:
        """The template filled, then typed as its users type it."""
        text = self.text.format(**values)
        if self.typed == "toneless":
            return strip_tones(text)
        return arabic_to_thai_digits(text) if self.typed == "thai_digits" else text


class _Templates(BaseModel):
    templates: list[PhrasingTemplate]


def load_templates(path: Path = TEMPLATES_PATH) -> list[PhrasingTemplate]:
    return _Templates.model_validate(yaml.safe_load(path.read_text(encoding="utf-8"))).templates


def _short(text: str) -> str:
    """The first words of a cell, cut at a space (a description, not the whole cell)."""
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= _DESCRIPTION_CHARS else text[:_DESCRIPTION_CHARS].rsplit(" ", 1)[0]


def _keys(p: ProjectRecord, field: str) -> list[str | list[str]] | None:
    """The registry's fact as answer keys, or None when the registry does not hold it."""
    if field == "budget":  # as the plan prints it ("26.8950 ล้านบาท"); a budget given only per year has no total
        m = _MILLIONS_RE.search(p.budget_text or "")
        return [m.group(1)] if m and p.budget_million_baht is not None else None
    if field == "duration":
        return [str(p.duration_months)] if p.duration_months else None
    return list(p.owners) or None


def _question(
    t: PhrasingTemplate,
    qid: str,
    text: str,
    doc_id: str,
    evidence: str,
    keys: list[str | list[str]],
    page: int | None = None,
    section: str | None = None,
) -> EvalQuestion:
    """One generated question, scored like a hand-written one (gold document, evidence, answer keys)."""
    return EvalQuestion(
        id=qid,
        question=text,
        language=t.language,
        category=_CATEGORY[t.field],
        doc_id=doc_id,
        evidence=evidence,
        answer_keys=keys,
        page=page,
        section=section,
    )


def phrasing_questions(
    projects: list[ProjectRecord], plan_doc_id: str, templates: list[PhrasingTemplate]
) -> list[EvalQuestion]:
    """Every template filled for every project whose registry holds the field (and the description it uses)."""
    out: list[EvalQuestion] = []
    for p in projects:
        templates = [t for t in templates if t.field not in _LAW_FIELDS]
        objective = _short(p.objectives[0]) if p.objectives else ""
        output = _short(p.outputs[0]) if p.outputs else ""
        for n, t in enumerate(templates, 1):
            keys = _keys(p, t.field)
            if keys is None or ("{objective}" in t.text and not objective) or ("{output}" in t.text and not output):
                continue
            text = t.fill(name=p.name_th, number=p.number, objective=objective, output=output)
            qid = f"phr-{p.number}-{n:02d}-{t.field}"
            out.append(_question(t, qid, text, plan_doc_id, p.name_th, keys, page=p.page))
    return out


def served_phrasings(settings: Settings, templates_path: Path = TEMPLATES_PATH) -> list[EvalQuestion]:
    """The phrasing questions of the index version being served (its registry, its plan document)."""
    from corpus.manifest import manifest_data
    from index.laws.models import load_law_book
    from index.projects.registry import PROJECTS_FILE, ProjectRegistry
    from index.versions import VersionStore

    _, version_dir = VersionStore(settings.index_dir).require_current()
    manifest = manifest_data(settings.data_dir / "corpus" / "manifest.json", missing_ok=True)
    plan = next((str(d["id"]) for d in manifest.get("documents", []) if d.get("kind") == "plan"), None)
    if plan is None:
        return law_questions(load_law_book(version_dir), load_templates(templates_path))
    templates = load_templates(templates_path)
    projects = ProjectRegistry.load(version_dir / PROJECTS_FILE).all()
    return phrasing_questions(projects, plan, templates) + law_questions(load_law_book(version_dir), templates)


@lru_cache(maxsize=1)
def _section_head_re() -> re.Pattern[str]:
    """ "มาตรา ๑๕/๑ ทวิ" (suffixes of index/chunking/law_terms.yaml) and amendment-note markers ("[๓๗]")."""
    suffixes = "|".join(sorted(law_terms().suffixes, key=len, reverse=True))
    return re.compile(
        rf"^\s*มาตรา\s*[0-9๐-๙]+(?:\s*/\s*[0-9๐-๙]+)?(?:\s*(?:{suffixes})(?![ก-๙]))?\s*(?:\[[0-9๐-๙]+\]\s*)*"
    )


def _act_names(title: str) -> dict[str, str]:
    """How people name an Act: its title, and the short "พ.ร.บ.<name>" without the year."""
    name = re.sub(r"\s*พ\.ศ\.\s*[0-9๐-๙]{4}\s*$", "", title).removeprefix("พระราชบัญญัติ").strip()
    return {"act": title, "act_short": f"พ.ร.บ.{name}"}


def _opening(text: str) -> str:
    """The first words of a text, cut at a space: what an answer quoting it must hold."""
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= _KEY_CHARS else text[:_KEY_CHARS].rsplit(" ", 1)[0]


def law_questions(book: LawBook, templates: list[PhrasingTemplate]) -> list[EvalQuestion]:
    """Every definition and every section of every Act asked in the law templates."""
    out: list[EvalQuestion] = []
    law_templates = [(n, t) for n, t in enumerate(templates, 1) if t.field in _LAW_FIELDS]
    for act in book.acts:
        names = _act_names(act.title)
        for section in act.sections:
            body = _section_head_re().sub("", section.text)
            for n, t in law_templates:
                if t.field == "section":
                    items = [(section.number, section.label, _opening(body))] if len(body) > _KEY_CHARS else []
                else:
                    items = [(d.term, d.source.section, _opening(d.meaning)) for d in section.definitions]
                for i, (subject, label, key) in enumerate(items):
                    text = t.fill(term=subject, number=subject, **names)
                    qid = f"phr-{act.doc_id}-{section.number.replace(' ', '_')}-{i}-{n:02d}-{t.field}"
                    out.append(_question(t, qid, text, act.doc_id, key, [key], section=label))
    return out
