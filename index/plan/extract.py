"""Read the plan's structure from its repaired text, using the plan's data file for where things are printed.

The plan prints each strategy as "ยุทธศาสตร์ที่ N : <name> เป้าหมาย 1. … ตัวชี้วัดและค่าเป้าหมาย 1. ภายในปี
2570 … มาตรการ 1) … 1.1) … โดยยุทธศาสตร์ที่ N มีด้านที่เน้นความสำคัญ … มีโครงการสำคัญ จำนวน K โครงการ".
PDF extraction keeps the words but sometimes moves a column (a step printed after the next measure, a
paragraph printed twice), so lists are read by their numbering (first occurrence of each expected number)
rather than by position. Every fact keeps its offsets into ``plan.text`` and the printed page.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from corpus.document import Document
from corpus.thai_text import compact_key, name_key_offsets
from index.plan.config import PlanConfig
from index.plan.model import BudgetSum, Fact, Indicator, Item, Measure, PlanStructure, Strategy
from index.projects.record import ProjectRecord

_DOT_ITEM = r"(?<!\S)({n})\.\s"  # "1. " (not "1.1")
_PAREN_ITEM = r"(?<![\S])({n})\)\s"  # "1) " (not "1.1)")
_STEP_RE = re.compile(r"(?<!\S)(\d{1,2})\.(\d{1,2})\)\s")
_TOP_RE = re.compile(r"(?<!\S)(\d{1,2})\)\s")
_BULLET_RE = re.compile(r"[•ᆞ]")
_NUMBER_RE = re.compile(r"\d[\d,]*(?:\.\d+)?")
_LIST_SPLIT_RE = re.compile(r"\s+และ\s*|,\s*")
_MAX_ITEMS = 40
_LETTER_RE = re.compile(r"[\u0e01-\u0e2eA-Za-z0-9]")
_MIN_TITLE_KEY = 20  # keyed letters a measure must share with a summary bullet to take its words as title
# A measure heading closes with its English label ("… ตลอดห่วงโซ่มูลค่า (End-to-End Service Platform)"): a title the
# summary bullet cut inside a run of Thai letters, or one the label follows at once, runs on through the label.
_LABEL_AFTER_RE = re.compile(r"[^()]{0,160}?(\([A-Za-z][^()]{2,80}\))")


def extract_plan(plan: Document, config: PlanConfig, projects: Iterable[ProjectRecord] = ()) -> PlanStructure:
    """The plan's structure; what cannot be found is left empty and explained in ``missing``."""
    reader = _Reader(plan, config)
    structure = PlanStructure(
        doc_id=plan.doc_id,
        title=plan.spec.title,
        source_url=plan.spec.source_url,
        first_year=config.years.first,
        last_year=config.years.last,
    )
    structure.period = reader.period()
    structure.legal_basis, structure.alignment = reader.basis()
    structure.vision = reader.vision()
    structure.objectives_lead, structure.objectives = reader.objectives()
    structure.goals, structure.indicators, structure.targets = reader.plan_goals()
    structure.focus_lead, structure.focus_areas = reader.focus_areas()
    structure.monitoring_lead, structure.monitoring = reader.monitoring()
    structure.success_lead, structure.success_factors = reader.success_factors()
    structure.strategy_count, structure.strategy_count_facts = reader.strategy_count()
    structure.strategies = reader.strategies()
    records = list(projects)
    if records:
        structure.project_count = len(records)
        for strategy in structure.strategies:
            mine = [p for p in records if p.strategy == strategy.number]
            strategy.projects = [p.number for p in mine]
            strategy.budget = budget_sum(mine)
    structure.missing = _check(structure, config)
    return structure


def budget_sum(projects: list[ProjectRecord]) -> BudgetSum:
    """Sum of the projects' budgets in million baht; projects without an amount are listed with the reason."""
    counted = [p for p in projects if p.budget_million_baht is not None]
    return BudgetSum(
        million_baht=round(sum(p.budget_million_baht or 0.0 for p in counted), 4),
        counted=[p.number for p in counted],
        not_counted={p.number: p.budget_note or "" for p in projects if p.budget_million_baht is None},
        amounts={p.number: p.budget_million_baht or 0.0 for p in counted},
        facts={p.number: Fact.model_validate(p.facts["budget"][0]) for p in counted if p.facts.get("budget")},
    )


def _check(structure: PlanStructure, config: PlanConfig) -> dict[str, str]:
    """Compare what was found with the counts the plan states."""
    missing: dict[str, str] = {}
    if config.period is not None and structure.period is None:
        missing["period"] = "period pattern not found with the data file's years"
    if config.basis is not None and (structure.legal_basis is None or structure.alignment is None):
        missing["basis"] = "law or alignment sentence not found"
    if structure.vision is None:
        missing["vision"] = "vision pattern not found"
    found = [s.number for s in structure.strategies]
    if len(found) != config.expected.strategies:
        missing["strategies"] = f"found {found}, expected {config.expected.strategies}"
    if structure.project_count is not None and structure.project_count != config.expected.projects:
        missing["projects"] = f"found {structure.project_count}, expected {config.expected.projects}"
    for s in structure.strategies:
        for field in ("goals", "indicators", "measures", "focus_areas"):
            if not getattr(s, field):
                missing[f"strategy {s.number} {field}"] = "list not found"
        for ind in s.indicators:
            if ind.year is None or ind.target is None:
                missing[f"strategy {s.number} indicator {ind.number}"] = "year or target not separable"
        if s.project_count is not None and s.projects and s.project_count != len(s.projects):
            missing[f"strategy {s.number} projects"] = f"plan says {s.project_count}, appendix has {len(s.projects)}"
    return missing


class _Reader:
    """Pattern matching over one plan's text, producing facts with offsets and pages."""

    def __init__(self, plan: Document, config: PlanConfig) -> None:
        self.plan = plan
        self.text = plan.text
        self.config = config

    # ------------------------------------------------------------------ helpers

    def fact(self, a: int, b: int) -> Fact:
        """The stripped span [a, b) as a fact."""
        while a < b and self.text[a].isspace():
            a += 1
        while b > a and self.text[b - 1].isspace():
            b -= 1
        return Fact(text=self.text[a:b], page=self.plan.page_at(a), start=a, end=b)

    def around(self, a: int, b: int, left: int = 100, right: int = 40) -> Fact:
        """A span widened to whole words around [a, b) within its paragraph, for a short readable quote."""
        lo = max(0, a - left)
        if lo > 0:
            space = self.text.find(" ", lo, a)
            lo = space + 1 if space >= 0 else a
        newline = self.text.rfind("\n", lo, a)
        lo = newline + 1 if newline >= 0 else lo
        hi = min(len(self.text), b + right)
        if hi < len(self.text):
            space = self.text.rfind(" ", b, hi)
            hi = space if space >= 0 else b
        newline = self.text.find("\n", b, hi)
        return self.fact(lo, newline if newline >= 0 else hi)

    def numbered(self, a: int, b: int, paren: bool = False) -> list[tuple[str, int, int]]:
        """Items "1. … 2. …" (or "1) … 2) …") in [a, b), read by their numbering from 1."""
        items: list[tuple[str, int, int]] = []
        pos = a
        for n in range(1, _MAX_ITEMS):
            rx = re.compile((_PAREN_ITEM if paren else _DOT_ITEM).format(n=n))
            m = rx.search(self.text, pos, b)
            if m is None:
                break
            if items:
                number, start, _ = items[-1]
                items[-1] = (number, start, m.start())
            items.append((str(n), m.end(), b))
            pos = m.end()
        return items

    def bullets(self, a: int, b: int) -> list[tuple[int, int]]:
        """Bulleted items ("• …") in [a, b)."""
        marks = [m.end() for m in _BULLET_RE.finditer(self.text, a, b)]
        return [(s, (marks[i + 1] - 1) if i + 1 < len(marks) else b) for i, s in enumerate(marks)]

    def items(self, spans: list[tuple[str, int, int]]) -> list[Item]:
        return [Item(number=n, text=_squash(self.fact(a, b).text), fact=self.fact(a, b)) for n, a, b in spans]

    def page_bounds(self, offset: int) -> tuple[int, int]:
        """Offsets of the printed page holding ``offset`` (the whole text when unpaged)."""
        page = next((p for p in self.plan.pages if p.start <= offset < p.end), None)
        return (page.start, page.end) if page else (0, len(self.text))

    def indicator(self, number: str, a: int, b: int) -> Indicator:
        """Split "ภายในปี 2570 <what> คิดเป็นร้อยละ 100" into year, what and target."""
        fact = self.fact(a, b)
        body = fact.text
        cfg = self.config.indicator
        year_m = re.search(cfg.year, body)
        target_m = re.search(cfg.target, body)
        what_start = year_m.end() if year_m else 0
        what_end = target_m.start() if target_m else len(body)
        what = _squash(body[what_start:what_end])
        target = _squash(target_m.group(0)) if target_m else None
        value_m = _NUMBER_RE.search(target or "")
        note = None
        ref = re.search(cfg.note_ref, what)
        if ref:
            lo, hi = self.page_bounds(a)  # a footnote is printed on the page of its reference
            note_m = re.compile(cfg.note.replace("{ref}", re.escape(ref.group("ref")))).search(self.text, lo, hi)
            if note_m:
                note = self.fact(note_m.start(), note_m.end())
        return Indicator(
            number=number,
            year=int(year_m.group("year")) if year_m else None,
            what=what,
            target=target,
            value=float(value_m.group(0).replace(",", "")) if value_m else None,
            fact=fact,
            note=note,
        )

    # ------------------------------------------------------------------ plan level

    def period(self) -> Fact | None:
        """The first place the plan names itself with its years, checked against the data file's years."""
        cfg = self.config.period
        if cfg is None:
            return None
        for m in re.finditer(cfg.pattern, self.text):
            if (int(m.group("first")), int(m.group("last"))) == (self.config.years.first, self.config.years.last):
                return self.fact(m.start(), m.end())
        return None

    def basis(self) -> tuple[Fact | None, Fact | None]:
        """The sentence naming the law the plan is prepared under, and the one naming what it reviews and follows."""
        cfg = self.config.basis
        if cfg is None:
            return None, None
        found = [re.search(pattern, self.text) for pattern in (cfg.law, cfg.alignment)]
        law, alignment = (self.fact(m.start(), m.end()) if m else None for m in found)
        return law, alignment

    def vision(self) -> Fact | None:
        m = re.search(self.config.vision.pattern, self.text)
        return self.fact(m.start(), m.end()) if m else None

    def objectives(self) -> tuple[Fact | None, list[Item]]:
        cfg = self.config.objectives
        m = re.search(cfg.lead, self.text)
        if m is None:
            return None, []
        count = int(m.group("count"))
        para_end = self.text.find("\n", m.end())
        para_end = para_end if para_end >= 0 else len(self.text)
        spans = self.numbered(m.start(), para_end)[:count]
        if spans:
            number, a, b = spans[-1]
            stop = re.compile(cfg.item_end).search(self.text, a, b)
            spans[-1] = (number, a, stop.start() if stop else b)
        lead_end = spans[-1][2] if spans else m.end()
        return self.around(m.start(), m.end(), right=0) if not spans else self.fact(
            self.around(m.start(), m.end(), right=0).start, lead_end
        ), self.items(spans)

    def plan_goals(self) -> tuple[list[Item], list[Item], list[Indicator]]:
        cfg = self.config.plan_goals
        head = re.search(cfg.heading, self.text)
        if head is None:
            return [], [], []
        end_m = re.compile(cfg.end).search(self.text, head.end())
        end = end_m.start() if end_m else len(self.text)
        marks = {}
        for name in ("goals", "indicators", "targets"):
            m = re.compile(getattr(cfg, name)).search(self.text, head.end(), end)
            marks[name] = m
        if any(m is None for m in marks.values()):
            return [], [], []
        g, i, t = marks["goals"], marks["indicators"], marks["targets"]
        assert g is not None and i is not None and t is not None
        goals = [(str(k + 1), a, b) for k, (a, b) in enumerate(self.bullets(g.end(), i.start()))]
        indicators = [(str(k + 1), a, b) for k, (a, b) in enumerate(self.bullets(i.end(), t.start()))]
        targets = [self.indicator(str(k + 1), a, b) for k, (a, b) in enumerate(self.bullets(t.end(), end))]
        return self.items(goals), self.items(indicators), targets

    def focus_areas(self) -> tuple[Fact | None, list[Item]]:
        m = re.search(self.config.focus_areas.lead, self.text)
        if m is None:
            return None, []
        count = int(m.group("count"))
        para_end = self.text.find("\n", m.end())
        spans = self.numbered(m.end(), para_end if para_end >= 0 else len(self.text), paren=True)[:count]
        if not spans:
            spans = self.numbered(m.end(), para_end if para_end >= 0 else len(self.text))[:count]
        if spans:
            number, a, b = spans[-1]
            spans[-1] = (number, a, _first_words(self.text, a, b, spans))
        items = [
            Item(number=n, text=_squash(self.fact(a, b).text).removeprefix("และ ").strip(), fact=self.fact(a, b))
            for n, a, b in spans
        ]
        items = [Item(number=it.number, text=re.sub(r"\s+และ$", "", it.text), fact=it.fact) for it in items]
        lead = self.fact(m.start(), spans[-1][2]) if spans else self.fact(m.start(), m.end())
        return lead, items

    def monitoring(self) -> tuple[Fact | None, list[Item]]:
        """The bulleted monitoring and evaluation arrangements (who follows up what, and when)."""
        cfg = self.config.monitoring
        found = self.section(cfg.heading, cfg.end) if cfg else None
        if found is None:
            return None, []
        m, end = found
        spans = [(str(k + 1), a, b) for k, (a, b) in enumerate(self.bullets(m.end(), end))]
        return self.fact(m.start(), end), self.items(spans)

    def section(self, start: str, end: str) -> tuple[re.Match[str], int] | None:
        """Where a heading (or lead sentence) first matches, and the offset its end pattern closes the section at."""
        m = re.search(start, self.text)
        if m is None:
            return None
        stop = re.compile(end).search(self.text, m.end())
        return m, stop.start() if stop else len(self.text)

    def success_factors(self) -> tuple[Fact | None, list[Item]]:
        """The key success factors: the lead sentence stating how many, and each factor's name as printed."""
        cfg = self.config.success_factors
        found = self.section(cfg.lead, cfg.end) if cfg else None
        if cfg is None or found is None:
            return None, []
        m, end = found
        count = int(m.group("count"))
        spans: list[tuple[str, int, int]] = []
        for item in re.finditer(cfg.item, self.text[:end]):
            if item.start() >= m.start() and not any(self.text[a:b] == item.group(0) for _, a, b in spans):
                spans.append((str(len(spans) + 1), item.start(), item.end()))
        if len(spans) != count:  # not the list the lead announces: nothing rather than a wrong list
            return self.fact(m.start(), m.end()), []
        return self.fact(m.start(), m.end()), self.items(spans)

    def strategy_count(self) -> tuple[int | None, list[Fact]]:
        found = list(re.finditer(self.config.strategy_count.pattern, self.text))
        if not found:
            return None, []
        facts = [self.around(m.start(), m.end()) for m in found]
        return int(found[0].group("count")), facts

    # ------------------------------------------------------------------ strategies

    def strategies(self) -> list[Strategy]:
        cfg = self.config.strategy
        heads = []
        seen: set[int] = set()
        for m in re.finditer(cfg.heading, self.text):
            n = int(m.group("n"))
            if n not in seen:
                seen.add(n)
                heads.append(m)
        out = []
        for index, m in enumerate(heads):
            limit = heads[index + 1].start() if index + 1 < len(heads) else len(self.text)
            out.append(self.strategy(m, limit))
        return sorted(out, key=lambda s: s.number)

    def strategy(self, head: re.Match[str], limit: int) -> Strategy:
        cfg = self.config.strategy
        n = int(head.group("n"))
        name_end = head.end("name")
        strategy = Strategy(number=n, name=_squash(head.group("name")), heading=self.fact(head.start(), name_end))
        ind_m = re.compile(cfg.indicators).search(self.text, head.end(), limit)
        mea_m = re.compile(cfg.measures).search(self.text, ind_m.end() if ind_m else head.end(), limit)
        focus_m = re.compile(cfg.focus.replace("{n}", str(n))).search(self.text, head.end(), limit)
        count_m = re.compile(cfg.project_count).search(self.text, focus_m.end() if focus_m else head.end(), limit)
        goals_end = ind_m.start() if ind_m else (mea_m.start() if mea_m else limit)
        strategy.goals = self.items(self.numbered(head.end(), goals_end))
        strategy.summary = self.fact(head.start(), strategy.goals[-1].fact.end if strategy.goals else name_end)
        if ind_m is not None:
            ind_end = mea_m.start() if mea_m else limit
            strategy.indicators = [self.indicator(num, a, b) for num, a, b in self.numbered(ind_m.end(), ind_end)]
        if mea_m is not None:
            mea_end = focus_m.start() if focus_m else (count_m.start() if count_m else limit)
            strategy.measures = self.measures(mea_m.end(), mea_end)
        if focus_m is not None:
            focus_end = count_m.start() if count_m else limit
            strategy.focus_lead, strategy.focus_areas = self.strategy_focus(focus_m, focus_end)
        if count_m is not None:
            strategy.project_count = int(count_m.group("count"))
            strategy.project_count_fact = self.around(count_m.start(), count_m.end())
        return strategy

    def strategy_focus(self, m: re.Match[str], end: int) -> tuple[Fact, list[Item]]:
        """Focus areas after the lead: numbered "1. X มุ่งเน้น…" or a plain "X และ Y ที่…" list."""
        count = int(m.group("count"))
        stop_rx = re.compile(self.config.strategy.focus_item_end)
        spans = self.numbered(m.end(), end)[:count] or self.numbered(m.end(), end, paren=True)[:count]
        items: list[Item] = []
        if spans:
            for number, a, b in spans:
                stop = stop_rx.search(self.text, a, b)
                name = self.fact(a, stop.start() if stop else b)
                items.append(Item(number=number, text=_squash(name.text), fact=self.fact(a, b)))
            return self.fact(m.start(), spans[-1][2]), items
        stop = stop_rx.search(self.text, m.end(), end)
        whole = self.fact(m.end(), stop.start() if stop else end)
        pos = whole.start
        for k, piece in enumerate(_LIST_SPLIT_RE.split(whole.text)[:count], start=1):
            a = self.text.find(piece, pos)
            items.append(Item(number=str(k), text=_squash(piece), fact=self.fact(a, a + len(piece))))
            pos = a + len(piece)
        return self.fact(m.start(), whole.end), items

    def measures(self, a: int, b: int) -> list[Measure]:
        """Top-level measures "1) …" in order, each with its steps "1.1) …" (first occurrence of each)."""
        first: dict[int, re.Match[str]] = {}
        for m in _TOP_RE.finditer(self.text, a, b):
            first.setdefault(int(m.group(1)), m)  # a column moved by extraction can print 7) before 6)
        tops: list[re.Match[str]] = []
        while len(tops) + 1 in first:
            tops.append(first[len(tops) + 1])
        steps = list(_STEP_RE.finditer(self.text, a, b))
        marks = sorted([m.start() for m in tops] + [m.start() for m in steps] + [b])
        summary = self.summary_bullets()
        out = []
        for m in tops:
            number = int(m.group(1))
            body_end = next(x for x in marks if x > m.start())
            fact = self.fact(m.end(), body_end)
            own: dict[int, Item] = {}
            for s in steps:
                if int(s.group(1)) != number or int(s.group(2)) in own:
                    continue
                s_end = next(x for x in marks if x > s.start())
                step_fact = self.fact(s.end(), s_end)
                own[int(s.group(2))] = Item(
                    number=f"{number}.{int(s.group(2))}", text=_squash(step_fact.text), fact=step_fact
                )
            title = _title(fact.text, summary)
            out.append(Measure(number=number, title=title, fact=fact, steps=[own[k] for k in sorted(own)]))
        return out

    def summary_bullets(self) -> list[str]:
        """Bulleted lines printed before the first strategy section (the plan's one-page summary)."""
        first = re.search(self.config.strategy.heading, self.text)
        end = first.start() if first else len(self.text)
        return [_squash(self.text[x:y]) for x, y in self.bullets(0, end) if y - x < 300]


def _letters(text: str) -> tuple[str, list[int]]:
    """The damage-insensitive key of ``text`` with only letters and digits, and their source offsets."""
    key, offsets = name_key_offsets(text)
    kept = [(ch, off) for ch, off in zip(key, offsets, strict=True) if _LETTER_RE.match(ch)]
    return "".join(ch for ch, _ in kept), [off for _, off in kept]


def _title(paragraph: str, summary: list[str]) -> str:
    """The measure's heading words: the part it shares with a summary bullet, else its opening words."""
    key, offsets = _letters(paragraph)
    best = 0
    for bullet in summary:
        bkey = _letters(bullet)[0]
        shared = next((i for i, (x, y) in enumerate(zip(key, bkey, strict=False)) if x != y), min(len(key), len(bkey)))
        best = max(best, shared)
    if best >= _MIN_TITLE_KEY:
        end = offsets[best - 1] + 1
        if end < len(paragraph) and not paragraph[end].isspace():
            while end < len(paragraph) and unicodedata.category(paragraph[end]) == "Mn":
                end += 1  # the marks after the last keyed letter
            while end < len(paragraph) and paragraph[end] in ')”"':
                end += 1
            if end < len(paragraph) and not paragraph[end].isspace() and " " in paragraph[:end]:
                end = paragraph.rfind(" ", 0, end)  # diverged inside a word: keep whole words
        label = _LABEL_AFTER_RE.match(paragraph, end)
        if label and (not paragraph[end : end + 1].isspace() or not paragraph[end : label.start(1)].strip()):
            end = label.end()
        return _squash(paragraph[:end].rstrip(" (,"))
    title = ""
    for word in paragraph.split(" "):
        if len(title) + len(word) > 120:
            break
        title = f"{title} {word}".strip()
    return _squash(title)


def _first_words(text: str, a: int, b: int, spans: list[tuple[str, int, int]]) -> int:
    """End of a list's last item, whose text runs on into the next heading: as long as the longest item."""
    longest = max((len(_squash(text[x:y])) for _, x, y in spans[:-1]), default=40)
    end = a
    for m in re.finditer(r"\S+", text[a:b]):
        if m.end() > longest and end > a:
            break
        end = a + m.end()
        if len(compact_key(text[a:end])) >= 6:
            break
    return end


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
