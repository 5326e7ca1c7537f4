"""Answer plan-level questions (vision, strategies, goals, indicators and targets, measures, focus areas, counts)
from the plan structure extracted at ingest; every stated fact is a span of the cited plan passage.

It declines (abstains) when a question asks for a target of a year outside the plan's years, or about another
plan's period, and returns None for anything it does not recognise (laws, notices, the cover letter, a named
key project, monitoring or background text), so retrieval decides.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel

from assistant.schemas import Citation
from assistant.structured import Conversation, StructuredAnswer
from index.plan.model import Fact, Indicator, Item, PlanStructure, Strategy
from index.thai_key import key_tokens, thai_key

INTENTS_PATH = Path(__file__).with_name("data") / "plan_intents.yaml"

_STRATEGY_NO_RE = re.compile(r"(?:ยุทธศาสตร์(?:ที่)?|strategy|strategic (?:issue|pillar) )\s*(?:no\.?\s*)?(\d{1,2})", re.I)
_MEASURE_NO_RE = re.compile(r"มาตรการ(?:ที่)?\s*(\d{1,2})(?![.\d])|measure\s*(?:no\.?\s*)?(\d{1,2})", re.I)
_PROJECT_NO_RE = re.compile(r"(?<![\d.])[1-9]\.\d{1,2}(?![\d.])")
_YEAR_RE = re.compile(r"(?<!\d)(25\d\d|20\d\d)(?!\d)")
_RANGE_RE = re.compile(r"(?<!\d)(25\d\d|20\d\d)\s*[-–]\s*(25\d\d|20\d\d)(?!\d)")
_QUOTE_RE = re.compile(r"“[^”]+”")
_BE_OFFSET = 543  # Buddhist Era = Common Era + 543
_MIN_TOPIC = 2  # topic terms an indicator or strategy must share with the question
_MIN_TOPIC_CHARS = 8  # … or one shared term at least this long
_MIN_KEY = 3  # shorter keyed intent words match inside unrelated words
_PREFIXES = ("การ", "ความ")  # nominalisers the question may add or drop ("การอำนวยความสะดวก")
_LIST_JOIN_MAX = 700  # a list this long still fits the first line


class _IntentWords(BaseModel):
    source: str
    th: list[str] = []
    en: list[str] = []


@dataclass(frozen=True)
class _Intent:
    keys: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]

    def found(self, key: str, low: str) -> bool:
        return any(k in key for k in self.keys) or any(p.search(low) for p in self.patterns)


@lru_cache(maxsize=2)
def load_intents(path: Path = INTENTS_PATH) -> dict[str, _Intent]:
    """Intent word lists, keyed once (see the data file for each list's source)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = {}
    for name, raw in data.items():
        words = _IntentWords.model_validate(raw)
        keys = tuple(k for k in (thai_key(w).replace(" ", "") for w in words.th) if len(k) >= _MIN_KEY)
        out[name] = _Intent(keys, tuple(re.compile(p, re.I) for p in words.en))
    return out


@dataclass
class _Question:
    text: str
    key: str
    low: str
    en: bool
    intents: dict[str, _Intent]

    def has(self, name: str) -> bool:
        return self.intents[name].found(self.key, self.low)


class PlanAnswerer:
    """Plan-level facts from the extracted structure, each answer citing the page passage it was read from."""

    name = "plan"

    def __init__(self, plan: PlanStructure, names_project: Callable[[str], list[str]] | None = None) -> None:
        self.plan = plan
        self.names_project = names_project  # the key-project answerer's identification, to leave those alone
        self.intents = load_intents()
        self._generic = sorted({thai_key(w).replace(" ", "") for w in _words("generic")}, key=len, reverse=True)

    # ------------------------------------------------------------------ entry point

    def answer(self, conversation: Conversation) -> StructuredAnswer | None:
        """An answer, an abstention for a year/period the plan does not cover, or None (not a plan question)."""
        q = self._question(conversation.question, conversation.language)
        if q.has("other_documents") or _PROJECT_NO_RE.search(q.text):
            return None
        if self.names_project is not None and self.names_project(q.text) and not q.has("count"):
            return None
        if q.has("budget") or q.has("owner"):
            return None  # budgets and owners are the key-project registry's (sums per strategy: GET /plan)
        if conversation.followup and conversation.earlier and not self._intent(q):
            q = self._question(f"{q.text} {conversation.earlier[0]}", conversation.language)
        if not self._intent(q):
            return None
        if self._other_period(q):
            return StructuredAnswer("", [], self.name, abstained=True)
        for handler in (self._monitoring, self._vision, self._count, self._indicator, self._focus, self._measures,
                        self._objectives, self._goals, self._strategy):  # fmt: skip
            found = handler(q)
            if found is not None:
                return found
        return None

    def _question(self, text: str, language: str) -> _Question:
        en = language == "en" or not re.search(r"[\u0e01-\u0e5b]", text)
        return _Question(text, thai_key(text).replace(" ", ""), text.lower(), en, self.intents)

    def _intent(self, q: _Question) -> bool:
        names = ("vision", "strategy", "indicator", "goal", "measure", "focus", "objective", "monitoring")
        return any(q.has(n) for n in names) or (q.has("count") and q.has("project"))

    def _other_period(self, q: _Question) -> bool:
        """A plan period or a target year outside this plan's years (2571-2575, a 2565 target)."""
        first, last = self.plan.first_year, self.plan.last_year
        text = q.text
        for m in _RANGE_RE.finditer(text):
            a, b = _be(int(m.group(1))), _be(int(m.group(2)))
            if (a, b) != (first, last):
                return True
            text = text.replace(m.group(0), " ")
        asks_target = q.has("indicator") or q.has("goal") or q.has("count")
        return asks_target and any(not first <= _be(int(y)) <= last for y in _YEAR_RE.findall(text))

    # ------------------------------------------------------------------ handlers

    def _vision(self, q: _Question) -> StructuredAnswer | None:
        vision = self.plan.vision
        if not q.has("vision") or vision is None:
            return None
        quote = _QUOTE_RE.search(vision.text)
        stated = quote.group(0) if quote else vision.text
        head = f"The plan's vision is {stated}" if q.en else f"วิสัยทัศน์ของแผนฯ คือ {stated}"
        return self._reply([head], [("วิสัยทัศน์", vision)])

    def _monitoring(self, q: _Question) -> StructuredAnswer | None:
        if not (q.has("monitoring") and q.has("plan")) or not self.plan.monitoring:
            return None
        head = "How the plan is monitored and evaluated:" if q.en else "การติดตามและประเมินผลตามแผนฯ:"
        return self._listing(head, [(f"การติดตามและประเมินผล {i.number}", i.text, i.fact) for i in self.plan.monitoring])

    def _count(self, q: _Question) -> StructuredAnswer | None:
        if not q.has("count"):
            return None
        n = _strategy_number(q.text)
        strategy = self.plan.strategy(n) if n else None
        if q.has("project") and not q.has("indicator"):
            return self._project_count(q, strategy)
        if q.has("measure") and strategy is not None and strategy.measures:
            k = len(strategy.measures)
            head = (
                f"Strategy {strategy.number} has {k} measures"
                if q.en
                else f"ยุทธศาสตร์ที่ {strategy.number} มีมาตรการ {k} มาตรการ"
            )
            section = f"ยุทธศาสตร์ที่ {strategy.number} มาตรการ"
            return self._listing(
                head, [(f"{section} {m.number}", f"{m.number}) {m.title}", m.fact) for m in strategy.measures]
            )
        if q.has("focus"):
            return self._focus(q)
        if q.has("objective") and self.plan.objectives_lead is not None:
            return self._objectives(q)
        if q.has("strategy") and self.plan.strategy_count_facts:
            stated = self.plan.strategy_count
            head = f"The plan has {stated} strategies" if q.en else f"แผนฯ กำหนดไว้ {stated} ยุทธศาสตร์"
            facts = [("ยุทธศาสตร์", f) for f in self.plan.strategy_count_facts]
            return self._reply([head], facts, list_marker=True)
        return None

    def _project_count(self, q: _Question, strategy: Strategy | None) -> StructuredAnswer | None:
        if strategy is not None and strategy.project_count_fact is not None:
            k = strategy.project_count
            head = (
                f"Strategy {strategy.number} has {k} key projects"
                if q.en
                else f"ยุทธศาสตร์ที่ {strategy.number} มีโครงการสำคัญ จำนวน {k} โครงการ"
            )
            return self._reply([head], [(f"ยุทธศาสตร์ที่ {strategy.number}", strategy.project_count_fact)])
        stated = [s for s in self.plan.strategies if s.project_count_fact is not None]
        if not stated:
            return None
        total = sum(s.project_count or 0 for s in stated)
        parts = ", ".join(f"ยุทธศาสตร์ที่ {s.number}: {s.project_count}" for s in stated)
        head = (
            f"The plan has {total} key projects (sum of the per-strategy counts: {parts})"
            if q.en
            else f"แผนฯ มีโครงการสำคัญรวม {total} โครงการ (ผลรวมจำนวนที่ระบุรายยุทธศาสตร์: {parts})"
        )
        facts = [(f"ยุทธศาสตร์ที่ {s.number}", s.project_count_fact) for s in stated if s.project_count_fact]
        return self._reply([head], facts, list_marker=True)

    def _indicator(self, q: _Question) -> StructuredAnswer | None:
        if not (q.has("indicator") or q.has("goal")):
            return None
        n = _strategy_number(q.text)
        candidates: list[tuple[Strategy | None, Indicator]] = []
        if n is None or self.plan.strategy(n) is None:
            candidates += [(None, t) for t in self.plan.targets]
        for s in self.plan.strategies:
            if n is None or s.number == n:
                candidates += [(s, i) for i in s.indicators]
        terms = self._topic(q.text)
        best: tuple[float, tuple[Strategy | None, Indicator] | None] = (0.0, None)
        for owner, ind in candidates:
            score = _overlap(terms, f"{ind.what} {ind.note.text if ind.note else ''}")
            if score > best[0]:
                best = (score, (owner, ind))
        asked_years = {_be(int(y)) for y in _YEAR_RE.findall(_RANGE_RE.sub(" ", q.text))}
        if best[1] is None or best[0] < _MIN_TOPIC_CHARS:
            if q.has("indicator") and q.has("list") and not asked_years:
                return self._indicator_list(q, self.plan.strategy(n) if n else None)
            return None
        strategy, ind = best[1]
        if asked_years and ind.year not in asked_years:
            return None  # the plan states this indicator for another year; never answer a neighbour's number
        section = f"ยุทธศาสตร์ที่ {strategy.number} ตัวชี้วัด {ind.number}" if strategy else "ตัวชี้วัดแผนฯ"
        stated = _squash(ind.fact.text)
        head = f"By {ind.year} B.E. the plan's target: “{stated}”" if q.en else stated
        facts: list[tuple[str, Fact]] = [(section, ind.fact)]
        if ind.note is not None and q.has("focus"):
            facts.append((section, ind.note))
        return self._reply([head], facts)

    def _indicator_list(self, q: _Question, strategy: Strategy | None) -> StructuredAnswer | None:
        if strategy is not None:
            inds, section = strategy.indicators, f"ยุทธศาสตร์ที่ {strategy.number} ตัวชี้วัด"
            head = (
                f"Indicators and targets of strategy {strategy.number}:"
                if q.en
                else f"ตัวชี้วัดและค่าเป้าหมายของยุทธศาสตร์ที่ {strategy.number}:"
            )
        else:
            inds, section = self.plan.targets, "ตัวชี้วัดแผนฯ"
            head = "The plan's indicators and targets:" if q.en else "ตัวชี้วัดและค่าเป้าหมายของแผนฯ:"
        if not inds:
            return None
        return self._listing(head, [(f"{section} {i.number}", _squash(i.fact.text), i.fact) for i in inds])

    def _focus(self, q: _Question) -> StructuredAnswer | None:
        if not q.has("focus"):
            return None
        n = _strategy_number(q.text)
        strategy = self.plan.strategy(n) if n else None
        if strategy is not None:
            terms = self._topic(q.text)
            noted = [i for i in strategy.indicators if i.note is not None]
            match = max(noted, key=lambda i: _overlap(terms, i.what), default=None)
            if match is not None and match.note is not None and _overlap(terms, match.what) >= _MIN_TOPIC_CHARS:
                section = f"ยุทธศาสตร์ที่ {strategy.number} ตัวชี้วัด {match.number}"
                note = _squash(match.note.text)
                note = re.sub(r"^\d+\s*", "", note)
                return self._reply([note], [(section, match.note), (section, match.fact)], one_marker=False)
            if not strategy.focus_areas or strategy.focus_lead is None:
                return None
            names = ", ".join(f.text for f in strategy.focus_areas)
            k = len(strategy.focus_areas)
            head = (
                f"Strategy {strategy.number} has {k} focus areas: {names}"
                if q.en
                else f"ยุทธศาสตร์ที่ {strategy.number} มีด้านที่เน้นความสำคัญ {k} ด้าน ได้แก่ {names}"
            )
            return self._reply([head], [(f"ยุทธศาสตร์ที่ {strategy.number}", strategy.focus_lead)])
        if not self.plan.focus_areas or self.plan.focus_lead is None:
            return None
        names = ", ".join(_squash(f.text) for f in self.plan.focus_areas)
        k = len(self.plan.focus_areas)
        head = (
            f"The plan has {k} focus areas: {names}"
            if q.en
            else f"ด้านที่เน้นความสำคัญ (Focus Area) ของแผนฯ มี {k} ด้าน ได้แก่ {names}"
        )
        return self._reply([head], [("ด้านที่เน้นความสำคัญ", self.plan.focus_lead)])

    def _measures(self, q: _Question) -> StructuredAnswer | None:
        if not q.has("measure"):
            return None
        n = _strategy_number(q.text)
        strategy = self.plan.strategy(n) if n else None
        if strategy is None or not strategy.measures:
            return None
        m_no = _MEASURE_NO_RE.search(q.text)
        number = int(m_no.group(1) or m_no.group(2)) if m_no else None
        section = f"ยุทธศาสตร์ที่ {strategy.number} มาตรการ"
        if number is not None:
            measure = next((m for m in strategy.measures if m.number == number), None)
            if measure is None:
                return StructuredAnswer("", [], self.name, abstained=True)
            rows = [(f"{section} {s.number}", f"{s.number}) {s.text}", s.fact) for s in measure.steps]
            return self._listing(
                f"{measure.number}) {measure.title}",
                [
                    (f"{section} {measure.number}", f"{measure.number}) {_squash(measure.fact.text)}", measure.fact),
                    *rows,
                ],
            )
        head = (
            f"Measures of strategy {strategy.number}:"
            if q.en
            else f"มาตรการของยุทธศาสตร์ที่ {strategy.number} มี {len(strategy.measures)} มาตรการ:"
        )
        return self._listing(
            head, [(f"{section} {m.number}", f"{m.number}) {m.title}", m.fact) for m in strategy.measures]
        )

    def _objectives(self, q: _Question) -> StructuredAnswer | None:
        lead = self.plan.objectives_lead
        if not q.has("objective") or lead is None or q.has("strategy") or q.has("project"):
            return None
        k = len(self.plan.objectives)
        head = f"The plan has {k} main objectives" if q.en else f"แผนฯ มีวัตถุประสงค์หลัก {k} ประการ"
        return self._reply([head], [("วัตถุประสงค์ของแผนฯ", lead)])

    def _goals(self, q: _Question) -> StructuredAnswer | None:
        if not q.has("goal") or not q.has("plan"):
            return None
        n = _strategy_number(q.text)
        strategy = self.plan.strategy(n) if n else None
        goals: list[Item] = strategy.goals if strategy else self.plan.goals
        if not goals:
            return None
        section = f"ยุทธศาสตร์ที่ {strategy.number} เป้าหมาย" if strategy else "เป้าหมายของแผนฯ"
        if strategy:
            head = f"Goals of strategy {strategy.number}:" if q.en else f"เป้าหมายของยุทธศาสตร์ที่ {strategy.number}:"
        else:
            head = "The plan's goals:" if q.en else "เป้าหมายของแผนฯ:"
        return self._listing(head, [(f"{section} {g.number}", g.text, g.fact) for g in goals])

    def _strategy(self, q: _Question) -> StructuredAnswer | None:
        if not q.has("strategy"):
            return None
        n = _strategy_number(q.text)
        if n is not None:
            strategy = self.plan.strategy(n)
            if strategy is None:
                if not self.plan.strategies:
                    return None
                return StructuredAnswer("", [], self.name, abstained=True)  # the plan has no such strategy
            return self._strategy_reply(q, strategy)
        terms = self._topic(q.text)
        scored = [(_overlap(terms, f"{s.name} {' '.join(g.text for g in s.goals)}"), s) for s in self.plan.strategies]
        score, best = max(scored, key=lambda x: x[0], default=(0.0, None))
        if best is not None and score >= _MIN_TOPIC_CHARS and not q.has("list"):
            return self._strategy_reply(q, best)
        if q.has("list") or q.has("name"):
            head = "The plan's strategies:" if q.en else "ยุทธศาสตร์ของแผนฯ:"
            return self._listing(
                head, [(f"ยุทธศาสตร์ที่ {s.number}", _squash(s.heading.text), s.heading) for s in self.plan.strategies]
            )
        return None

    def _strategy_reply(self, q: _Question, strategy: Strategy) -> StructuredAnswer:
        heading = _squash(strategy.heading.text)
        head = f"Strategy {strategy.number}: {strategy.name}" if q.en else heading
        passage = strategy.summary or strategy.heading
        return self._reply([head], [(f"ยุทธศาสตร์ที่ {strategy.number}", passage)])

    # ------------------------------------------------------------------ wording

    def _topic(self, text: str) -> set[str]:
        """Content terms of the question once the plan's structural words are removed."""
        key = thai_key(text)
        for word in self._generic:
            if len(word) >= 2:
                key = key.replace(word, " ")
        terms = {t for t in key_tokens(key) if len(t) >= _MIN_KEY and not t.isdigit()}
        return terms | {t[len(p) :] for t in terms for p in _PREFIXES if t.startswith(p) and len(t) - len(p) >= 4}

    def _listing(self, head: str, rows: list[tuple[str, str, Fact]]) -> StructuredAnswer:
        """The items on the first line (when short enough), then one line per item citing its own passage."""
        citations = [self._citation(i, section, fact) for i, (section, _, fact) in enumerate(rows, start=1)]
        markers = " ".join(f"[{c.n}]" for c in citations)
        joined = "; ".join(text for _, text, _ in rows)
        first = f"{head} {joined} {markers}" if len(joined) <= _LIST_JOIN_MAX else f"{head} {markers}"
        lines = [first] + [f"{text} [{c.n}]" for (_, text, _), c in zip(rows, citations, strict=True)]
        return StructuredAnswer("\n".join(lines), citations, self.name)

    def _reply(
        self,
        head: list[str],
        facts: list[tuple[str, Fact]],
        one_marker: bool = True,
        list_marker: bool = False,
    ) -> StructuredAnswer:
        """First line states the fact with its marker(s); then the quoted passages, each with its marker."""
        citations = [self._citation(i, section, fact) for i, (section, fact) in enumerate(facts, start=1)]
        markers = " ".join(f"[{c.n}]" for c in citations) if (list_marker or not one_marker) else "[1]"
        lines = [f"{head[0]} {markers}"]
        lines += [f"{line} [1]" for line in head[1:]]
        lines += [f"“{_squash(c.text)}” [{c.n}]" for c in citations]
        return StructuredAnswer("\n".join(lines), citations, self.name)

    def _citation(self, n: int, section: str, fact: Fact) -> Citation:
        return Citation(
            n=n,
            doc_id=self.plan.doc_id,
            title=self.plan.title,
            section=section,
            page=fact.page,
            text=fact.text,
            source_url=self.plan.source_url,
            score=1.0,
        )


def _words(name: str, path: Path = INTENTS_PATH) -> list[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return list(data[name]["th"])


def _strategy_number(text: str) -> int | None:
    m = _STRATEGY_NO_RE.search(text)
    return int(m.group(1)) if m else None


def _be(year: int) -> int:
    """A year in the Buddhist Era (2023 -> 2566)."""
    return year + _BE_OFFSET if year < 2400 else year


def _overlap(terms: set[str], text: str) -> float:
    """Characters of the question's topic terms found in ``text``: 0 unless two match or one long one does."""
    key = thai_key(text).replace(" ", "")
    matched = [t for t in terms if t.replace(" ", "") in key]
    if len(matched) >= _MIN_TOPIC or any(len(t) >= _MIN_TOPIC_CHARS for t in matched):
        return float(sum(len(t) for t in matched))
    return 0.0


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
