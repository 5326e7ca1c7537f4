"""Answer owner/budget/duration/year questions about the plan's key projects from the registry.

The registry is extracted from the plan's appendix at ingest; the answer cites the project's own
passage and page, and every value it states is copied from that passage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.extractive_answerer import query_terms
from assistant.schemas import Citation, ProjectCard
from assistant.structured import Conversation, StructuredAnswer
from dgplan.errors import ProjectNotFound
from index.projects.extract import ProjectRecord
from index.projects.registry import ProjectRegistry
from index.thai_key import key_tokens, thai_key

_NUMBER_RE = re.compile(r"(?:โครงการ(?:ที่)?|project|no\.?|#)\s*([1-9]\.[0-9]{1,2})(?![0-9])", re.IGNORECASE)
_PROJECT_WORD_RE = re.compile(r"โครงการ|project", re.IGNORECASE)
_LIST_RE = re.compile(
    r"โครงการ(?:ใด|อะไร)บ้าง|มีโครงการอะไร|กี่โครงการ|which projects|what projects|"
    r"projects (?:does|do|is|are|of|owned|led)",
    re.IGNORECASE,
)

# Which fields the question asks for.
_FIELDS: dict[str, re.Pattern[str]] = {
    "owners": re.compile(r"ใคร|หน่วยงาน|รับผิดชอบ|เจ้าภาพ|ดูแล|owner|owns|responsible|who|agenc|in charge|lead", re.I),
    "budget": re.compile(r"งบ|เงิน|บาท|ค่าใช้จ่าย|budget|cost|how much|money|baht|fund", re.I),
    "duration": re.compile(r"ระยะเวลา|กี่เดือน|นานเท่าไร|นานแค่ไหน|duration|how long|months?", re.I),
    "years": re.compile(r"ปีงบ|ปีไหน|ปีใด|ช่วงปี|เมื่อไร|เมื่อไหร่|fiscal|which years?|when", re.I),
}
_OTHER_FACTS_RE = re.compile(r"วัตถุประสงค์|ผลผลิต|รายละเอียด|เป้าหมาย|ทำอะไร|objective|output|purpose|aim|detail", re.I)
# Which column of the project's block in appendix 4 the question asks for (table headings of the plan).
_BLOCK_FIELDS: dict[str, re.Pattern[str]] = {
    "objectives": re.compile(r"วัตถุประสงค์|เพื่ออะไร|ทำไป?เพื่อ|objective|purpose|\baims?\b|\bwhy\b", re.I),
    "outputs": re.compile(r"ผลผลิต|ผลลัพธ์|เป้าหมาย|ตัวชี้วัด|จะได้อะไร|output|deliverable|target|result", re.I),
}
_DETAILS_RE = re.compile(r"รายละเอียด|ทำอะไร|เกี่ยวกับอะไร|คืออะไร|detail|what (?:is|does)", re.I)
# Plan-level wording: such a question is about a strategy's indicator, not a project's block.
_PLAN_LEVEL_RE = re.compile(r"ยุทธศาสตร์ที่|ตัวชี้วัดของแผน|ภายในปี|แผนฯ? ?มี|strategy \d", re.I)
_MIN_CONTENT_TERMS = 3  # content terms a question must share with one project's block to name it by purpose
_MIN_NAME_COVERAGE = 0.5
# Words in so many project names that they identify none.
_GENERIC_TERMS = {thai_key(w) for w in ("โครงการ", "การพัฒนา", "พัฒนา", "การ", "ระบบ", "ภาครัฐ", "ดิจิทัล")}
_LAW_RE = re.compile(r"มาตรา|พ\.?ร\.?บ|พระราชบัญญัติ|section \d|\bact\b", re.IGNORECASE)
# Latin words too common in project names to identify one on their own.
_COMMON_LATIN = {
    "data",
    "digital",
    "government",
    "platform",
    "service",
    "system",
    "the",
    "and",
    "for",
    "of",
    "center",
    "centre",
    "open",
    "smart",
    "thailand",
    "one",
    "id",
}


_LATIN_RE = re.compile(r"[A-Za-z][A-Za-z0-9-]*(?:[ :&-]+[A-Za-z0-9][A-Za-z0-9-]*)*")
_ACRONYM_RE = re.compile(r"\b[A-Z][A-Za-z]*[A-Z][A-Za-z0-9]*\b")


@dataclass(frozen=True)
class _NameSignature:
    """How a project's name can appear in a question."""

    terms: set[str]  # Thai content terms of the name
    whole: str  # the Thai name keyed, without spaces and "โครงการ" ("ภาษไปไหน")
    latin: set[str]  # Latin names and acronyms, lower case (gdcc, e-workforce ecosystem)


def _signature(p: ProjectRecord) -> _NameSignature:
    names = [p.name_th, p.name_en or ""]
    thai_part = _LATIN_RE.sub(" ", re.sub(r"\([^)]*[A-Za-z][^)]*\)", " ", p.name_th))
    latin = {m.strip(" :-").lower() for name in names for m in _LATIN_RE.findall(name)}
    latin |= {a.lower() for name in names for a in _ACRONYM_RE.findall(name)}
    return _NameSignature(
        terms=query_terms(thai_part) - _GENERIC_TERMS,
        whole=thai_key(thai_part).replace(" ", "").removeprefix(thai_key("โครงการ")),
        latin={ph for ph in latin if len(ph) >= 3 and ph not in _COMMON_LATIN},
    )


def card(p: ProjectRecord) -> ProjectCard:
    return ProjectCard(
        number=p.number,
        name_th=p.name_th,
        name_en=p.name_en,
        strategy=p.strategy,
        owners=p.owners,
        budget_million_baht=p.budget_million_baht,
        budget_note=p.budget_note,
        duration_months=p.duration_months,
        fiscal_years=p.fiscal_years,
        page=p.page,
    )


class ProjectAnswerer:
    """Recognises questions about key projects and answers them from the registry."""

    name = "registry"

    def __init__(self, registry: ProjectRegistry, plan_title: str, plan_url: str | None, plan_doc_id: str) -> None:
        self.registry = registry
        self.plan_title = plan_title
        self.plan_url = plan_url
        self.plan_doc_id = plan_doc_id
        self._names = {p.number: _signature(p) for p in registry.all()}

    def identify(self, question: str) -> tuple[list[ProjectRecord], str | None]:
        """Projects the question names (by number, Latin name/acronym or Thai name); reports a missing number."""
        numbers = _NUMBER_RE.findall(question)
        if numbers:
            found = [p for n in numbers if (p := self._get(n)) is not None]
            missing = next((n for n in numbers if self._get(n) is None), None)
            return found, missing
        if _LAW_RE.search(question):
            return [], None  # a question about a law section is not about a key project
        q_low = question.lower()
        q_key = thai_key(question).replace(" ", "")
        q_terms = query_terms(question)
        best: tuple[float, ProjectRecord | None] = (0.0, None)
        for p in self.registry.all():
            name = self._names[p.number]
            latin_hit = max(
                (len(ph) for ph in name.latin if re.search(rf"(?<![a-z]){re.escape(ph)}(?![a-z])", q_low)), default=0
            )
            matched = name.terms & q_terms
            coverage = len(matched) / len(name.terms) if name.terms else 0.0
            weight = sum(len(t) for t in matched) * coverage
            if len(name.whole) >= 6 and name.whole in q_key:  # the whole Thai name, written out ("ภาษีไปไหน")
                weight = 500.0 + len(name.whole)
            elif latin_hit >= 3:
                weight = 1000.0 + latin_hit + weight
            elif coverage < _MIN_NAME_COVERAGE or weight < 6:
                continue
            if weight > best[0]:
                best = (weight, p)
        return ([best[1]], None) if best[1] is not None else ([], None)

    def identify_by_content(self, question: str) -> list[ProjectRecord]:
        """The one project whose objectives and outputs share clearly the most content terms with the question."""
        terms = query_terms(question) - _GENERIC_TERMS
        scored = []
        for p in self.registry.all():
            block = set(key_tokens(" ".join([p.name_th, *p.objectives, *p.outputs])))
            matched = terms & block
            scored.append((sum(len(t) for t in matched) if len(matched) >= _MIN_CONTENT_TERMS else 0, p))
        scored.sort(key=lambda x: -x[0])
        if not scored or scored[0][0] == 0 or (len(scored) > 1 and scored[1][0] * 1.5 > scored[0][0]):
            return []
        return [scored[0][1]]

    def _block_answer(self, p: ProjectRecord, fields: list[str], language: str) -> StructuredAnswer | None:
        """The asked columns of the project's block, each value quoted from where it was read."""
        en = language == "en"
        labels = {"objectives": ("objectives", "วัตถุประสงค์"), "outputs": ("outputs", "ผลผลิต")}
        parts: list[str] = []
        evidence: list[str] = []
        for name in fields:
            values = getattr(p, name)
            if not values:
                continue
            label = labels[name][0 if en else 1]
            parts.append(
                f"{label}: " + " ".join(f"{i}. {v}" if len(values) > 1 else v for i, v in enumerate(values, 1))
            )
            evidence += [str(f["text"]) for f in p.facts.get(name, [])]
        if not parts:
            return None
        head = f"{p.number} {p.name_th} — " + "; ".join(parts) + " [1]"
        pages = [f["page"] for name in fields for f in p.facts.get(name, []) if f.get("page") is not None]
        citation = self._citation(1, p)
        if evidence:
            citation = citation.model_copy(update={"text": "\n".join(evidence), "page": pages[0] if pages else p.page})
        lines = [head, *(f"“{' '.join(t.split())}” [1]" for t in evidence)]
        return StructuredAnswer("\n".join(lines), [citation], self.name, [card(p)])

    def project_numbers(self, question: str) -> list[str]:
        """Numbers of the key projects a question names, for retrieval to prefer their passages."""
        return [p.number for p in self.identify(question)[0]]

    def unknown_number(self, question: str) -> str | None:
        """A project number the question names that the plan does not have (e.g. 5.3)."""
        return next((n for n in _NUMBER_RE.findall(question) if self._get(n) is None), None)

    def _get(self, number: str) -> ProjectRecord | None:
        try:
            return self.registry.get(number)
        except ProjectNotFound:
            return None

    def answer(self, conversation: Conversation) -> StructuredAnswer | None:
        """A registry answer, an abstention for a project number the plan lacks, or None (not about projects).

        A follow-up ("แล้วงบประมาณเท่าไร") is about the project the most recent earlier question named.
        """
        if self.unknown_number(conversation.question):
            return StructuredAnswer("", [], self.name, abstained=True)
        earlier = conversation.earlier if conversation.followup else []
        return self._answer(conversation.question, conversation.language, earlier)

    def _answer(self, question: str, language: str, earlier: list[str]) -> StructuredAnswer | None:
        if _LIST_RE.search(question):
            listed = self._agency_projects(question)
            if listed is not None:
                return listed
        projects, missing = self.identify(question)
        if missing is not None:
            return None
        for previous in earlier or []:
            if projects or _LAW_RE.search(question):
                break
            projects, _ = self.identify(previous)
        block = [f for f, rx in _BLOCK_FIELDS.items() if rx.search(question)]
        if not block and _DETAILS_RE.search(question):
            block = list(_BLOCK_FIELDS)
        if not projects and block and _PROJECT_WORD_RE.search(question) and not _PLAN_LEVEL_RE.search(question):
            projects = self.identify_by_content(question)
        if not projects:
            return None
        wanted = [f for f, rx in _FIELDS.items() if rx.search(question)]
        if not wanted:
            if block:
                return self._block_answer(projects[0], block, language)
            if _OTHER_FACTS_RE.search(question) or not _PROJECT_WORD_RE.search(question):
                return None  # another fact: quote the passage through retrieval
            wanted = list(_FIELDS)
        lines: list[str] = []
        citations: list[Citation] = []
        for i, p in enumerate(projects, start=1):
            lines.append(self._describe(p, wanted, language, i))
            citations.append(self._citation(i, p))
        return StructuredAnswer("\n".join(lines), citations, self.name, [card(p) for p in projects])

    def _agency_projects(self, question: str) -> StructuredAnswer | None:
        mentions = self.registry.gazetteer.find(question)
        if not mentions:
            return None
        agency = mentions[0].name
        projects = self.registry.by_agency(agency)
        if not projects:
            return None
        en = not re.search(r"[\u0e01-\u0e5b]", question)
        head = (
            f"Key projects of the plan with {agency} among the responsible agencies:"
            if en
            else f"โครงการสำคัญในแผนที่ {agency} เป็นผู้รับผิดชอบ:"
        )
        lines = [head]
        citations = []
        for i, p in enumerate(projects, start=1):
            lines.append(f"- {p.number} {p.name_th} [{i}]")
            citations.append(self._citation(i, p))
        return StructuredAnswer("\n".join(lines), citations, self.name, [card(p) for p in projects])

    def _describe(self, p: ProjectRecord, wanted: list[str], language: str, n: int) -> str:
        """One project's requested facts, worded from the values printed in the plan."""
        en = language == "en"
        parts = [f"{p.number} {p.name_th}"]
        if "owners" in wanted:
            parts.append(("responsible: " if en else "ผู้รับผิดชอบ: ") + ", ".join(p.owners))
        if "budget" in wanted:
            if p.budget_million_baht is not None:
                parts.append(("budget: " if en else "งบประมาณ: ") + p.budget_text.strip())
            else:
                parts.append("budget: not specified in the plan (-)" if en else "งบประมาณ: ไม่ระบุในแผน (-)")
        if "duration" in wanted and p.duration_months is not None:
            parts.append(("duration: " if en else "ระยะเวลา: ") + f"{p.duration_months} เดือน")
        if "years" in wanted and p.fiscal_years:
            parts.append(("fiscal years: " if en else "ปีงบประมาณ: ") + p.fiscal_years)
        return "; ".join(parts) + f" [{n}]"

    def _citation(self, n: int, p: ProjectRecord) -> Citation:
        return Citation(
            n=n,
            doc_id=self.plan_doc_id,
            title=self.plan_title,
            section=f"โครงการ {p.number}",
            page=p.page,
            text=p.source_text,
            source_url=self.plan_url,
            score=1.0,
        )
