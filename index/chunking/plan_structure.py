"""Split the Digital Government Plan by page and by its headings, so citations can name both.

The plan is cited as "แผนฯ หน้า 142, โครงการ 4.9": every chunk lies on exactly one printed page
(we cut at page boundaries) and knows the strategy (ยุทธศาสตร์ที่ N), measure (มาตรการ N) or
appendix key project ("4.9 โครงการ…") it belongs to. Projects run across pages, so the current
project carries over a page break until the next project block starts. A project's timeline (its Gantt
chart: a row of years, then "การดำเนินงาน" and the yearly activities) is often extracted before or after a
neighbour's table, so each timeline is tagged with the neighbouring project whose table shares its words.
Where two projects share a page, a table can also be extracted apart from its title (before it, or after a
neighbour's table): each project owns one table, so a second table under a project goes to the project on that
page whose title has none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.document import PageSpan
from corpus.thai_text import key_tokens
from index.chunking.common import short_label, strip_span

_APPENDIX_RE = re.compile(r"(?<!\S)ภาคผนวก\s*(\d{1,2})\s*:\s*")
_STRATEGY_RE = re.compile(r"(?<!\S)ยุทธศาสตร์ที่\s*(\d{1,2})\s*:\s*")
# In appendix 4 a strategy is introduced bare, right before its first project: "ยุทธศาสตร์ที่ 2 2.1 โครงการ".
_STRATEGY_BARE_RE = re.compile(r"(?<!\S)ยุทธศาสตร์ที่\s*(\d{1,2})\s+(?=(\d{1,2})\s?\.\s?1\s*โครงการ)")
_PROJECT_RE = re.compile(r"(?<![\S])([1-9])\s?\.\s?(\d{1,2})\s*โครงการ\s*")
_PROJECT_NAME_END_RE = re.compile(r"\sโครงการ\s+วัตถุประสงค์|\s25[5-7]\d(?:\s|$)|\n")
_STRATEGY_TITLE_END_RE = re.compile(r"\sเป้าหมาย(?:\s|$)|\n")
_MEASURES_RE = re.compile(r"(?<!\S)มาตรการ\s+(?=1\)\s)")
_ITEM_RE = re.compile(r"(?<![\S])(\d{1,2})\)(?=\s)")
# A Gantt chart's head: five consecutive plan years (a "-" may stand in an empty cell), then its row label.
_GANTT_RE = re.compile(r"(?<!\S)25\d\d(?:\s+-)*(?:\s+25\d\d(?:\s+-)*){4}\s+การดำเนินงาน")
_TABLE_HEAD_RE = re.compile(r"โครงการ\s+วัตถุประสงค์โครงการ")  # a key-project table's header row
_MIN_TIMELINE_WORD = 3  # keyed characters of a word that can tell which table a timeline belongs to
_NEIGHBOUR_MARGIN = 1.5  # a neighbour takes a timeline only sharing clearly more words than the project in force
_LIST_REACH = 400  # headings listed together (summary, contents) sit closer than this
_TOC_CLUSTER = 3  # this many project numbers within _LIST_REACH chars is a table of contents


@dataclass(frozen=True)
class PlanUnit:
    """A span on one page with the structure in force there."""

    start: int
    end: int
    page: int | None
    section: str | None
    chapter: str | None
    project: str | None


@dataclass(frozen=True)
class _Event:
    pos: int
    kind: str  # appendix | strategy | project | measure | table | timeline
    key: str  # "4", "4.9", "2"
    label: str


def find_plan_units(text: str, pages: list[PageSpan]) -> list[PlanUnit]:
    """Units covering the text: cut at page starts and at every structural heading."""
    spans = _page_spans(text, pages)
    events = _hoist_appendix_headings(_events(text, spans), spans)
    bounds = sorted({e.pos for e in events} | {s for _, s, _ in spans})
    appendix: str | None = None
    strategy: str | None = None
    measure: str | None = None
    project: tuple[str, str] | None = None
    by_pos: dict[int, list[_Event]] = {}
    for e in events:
        by_pos.setdefault(e.pos, []).append(e)
    out: list[PlanUnit] = []
    page_iter = iter(spans)
    page_no, _, page_end = next(page_iter, (None, 0, len(text)))
    for i, pos in enumerate(bounds):
        for e in by_pos.get(pos, []):
            if e.kind == "appendix":
                appendix, strategy, measure, project = e.label, None, None, None
            elif e.kind == "strategy":
                strategy, measure, project = e.label, None, None
            elif e.kind == "measure":
                measure = e.label
            elif e.kind in ("timeline", "table"):
                project = (e.key, e.label)  # a chart or a table apart from its title: its project to the next heading
            elif e.kind == "project":
                project = (e.key, e.label)
                measure = None
                major = e.key.split(".")[0]
                if strategy is None or not strategy.startswith(f"ยุทธศาสตร์ที่ {major}"):
                    strategy = f"ยุทธศาสตร์ที่ {major}"
        while pos >= page_end:
            page_no, _page_start, page_end = next(page_iter, (None, page_end, len(text) + 1))
        end = bounds[i + 1] if i + 1 < len(bounds) else len(text)
        a, b = strip_span(text, pos, min(end, page_end))
        if b <= a:
            continue
        if page_no is None and pages:
            out.append(PlanUnit(a, b, None, None, None, None))  # covers, front matter: no structure
            continue
        chapter = " / ".join(x for x in (appendix, strategy) if x) or None
        section = project[1] if project else measure
        out.append(PlanUnit(a, b, page_no, section, chapter, project[0] if project else None))
    return out


def _hoist_appendix_headings(events: list[_Event], spans: list[tuple[int | None, int, int]]) -> list[_Event]:
    """An appendix heading extracted after a project start on its page belongs at the page top.

    PDF extraction emits the page's title block after the first table ("1.1 โครงการ … ภาคผนวก 4 :"),
    which would otherwise end project 1.1 and label its own page with the previous appendix.
    """
    out: list[_Event] = []
    for e in events:
        if e.kind == "appendix":
            page = next(((s, t) for _, s, t in spans if s <= e.pos < t), None)
            if page and any(o.kind == "project" and page[0] <= o.pos < e.pos for o in events):
                e = _Event(page[0], e.kind, e.key, e.label)
        out.append(e)
    out.sort(key=lambda e: (e.pos, e.kind != "appendix"))
    return out


def _page_spans(text: str, pages: list[PageSpan]) -> list[tuple[int | None, int, int]]:
    """Pages in text order, with any text outside them (front matter) as page None."""
    out: list[tuple[int | None, int, int]] = []
    pos = 0
    for p in sorted(pages, key=lambda p: p.start):
        if p.start > pos:
            out.append((None, pos, p.start))
        out.append((p.number, max(p.start, pos), p.end))
        pos = max(pos, p.end)
    if pos < len(text) or not out:
        out.append((None, pos, len(text)))
    return out


def _events(text: str, spans: list[tuple[int | None, int, int]] | None = None) -> list[_Event]:
    """Structural headings of the plan, with references, lists and contents filtered out."""
    events: list[_Event] = []
    appendix_starts: list[int] = []
    for m in _APPENDIX_RE.finditer(text):
        title = text[m.end() : m.end() + 80]
        events.append(_Event(m.start(), "appendix", m.group(1), short_label(f"ภาคผนวก {m.group(1)}: {title}", 40)))
        appendix_starts.append(m.start())
    strategies = list(_STRATEGY_RE.finditer(text))
    for m in strategies:
        near = [o for o in strategies if o is not m and abs(o.start() - m.start()) < _LIST_REACH]
        if near:
            continue  # the four strategies listed together in the summary or contents
        stop = _STRATEGY_TITLE_END_RE.search(text, m.end(), m.end() + 120)
        title = text[m.end() : stop.start() if stop else m.end() + 80]
        events.append(_Event(m.start(), "strategy", m.group(1), short_label(f"ยุทธศาสตร์ที่ {m.group(1)}: {title}", 56)))
    for m in _STRATEGY_BARE_RE.finditer(text):
        if m.group(1) == m.group(2):
            events.append(_Event(m.start(), "strategy", m.group(1), f"ยุทธศาสตร์ที่ {m.group(1)}"))
    events.extend(_projects(text, appendix_starts[0] if appendix_starts else 0))
    events.extend(_measures(text, events))
    events.extend(_tables(text, events, spans or [(None, 0, len(text))]))
    events.extend(_timelines(text, events))
    events.sort(key=lambda e: e.pos)
    return events


def _tables(text: str, events: list[_Event], spans: list[tuple[int | None, int, int]]) -> list[_Event]:
    """A table extracted apart from its title, as a "table" event of its own project.

    Each key project has one table ("โครงการ วัตถุประสงค์โครงการ …"). A table met while the project in force
    already has one belongs to the project on the same page whose title has no table yet: 1.6's table printed
    before its title, or 1.12's title extracted above 1.11's title and table, with its own table after.
    """
    projects = sorted((e for e in events if e.kind == "project"), key=lambda e: e.pos)
    if not projects:
        return []

    def page(pos: int) -> int:
        return next((i for i, (_, a, b) in enumerate(spans) if a <= pos < b), -1)

    heads = [m.start() for m in _TABLE_HEAD_RE.finditer(text, projects[0].pos)]
    marks = sorted([(p.pos, 1, p) for p in projects] + [(h, 0, None) for h in heads], key=lambda m: (m[0], m[1]))
    tabled: set[str] = set()
    current: _Event | None = None
    out: list[_Event] = []
    for pos, _, title in marks:
        if title is not None:
            current = title
            continue
        assert current is not None
        owner = current
        if current.key in tabled:
            on_page = [p for p in projects if p.key not in tabled and page(p.pos) == page(pos)]
            if on_page:
                owner = min(on_page, key=lambda p: abs(p.pos - pos))
                out.append(_Event(pos, "table", owner.key, owner.label))
        tabled.add(owner.key)
        current = owner
    return out


def _timelines(text: str, events: list[_Event]) -> list[_Event]:
    """Each Gantt chart in the appendix of key projects, tagged with the project whose table shares its words.

    The candidates are the project in force where the chart lies and the projects numbered just before and
    after it; each is read from its title and its table, without the charts, and the chart goes to the neighbour
    sharing clearly more of its words (those the candidates do not all have) than the project in force, else it
    stays with that project.
    """
    projects = sorted((e for e in events if e.kind == "project"), key=lambda e: e.pos)
    if not projects:
        return []
    lo = max((e.pos for e in events if e.kind == "appendix" and e.pos <= projects[0].pos), default=projects[0].pos)
    charts = [m.start() for m in _GANTT_RE.finditer(text, lo)]
    starts = sorted((e for e in events if e.kind in ("project", "table")), key=lambda e: e.pos)
    heads = sorted({e.pos for e in events if e.kind in ("appendix", "strategy", "project")} | set(charts))
    tables_at = [m.start() for m in _TABLE_HEAD_RE.finditer(text, projects[0].pos)]
    nexts = {pos: next((h for h in heads if h > pos), len(text)) for pos in charts}
    ends = {pos: min(nexts[pos], next((t for t in tables_at if t > pos), len(text))) for pos in charts}
    last_end = next((e.pos for e in events if e.kind == "appendix" and e.pos > projects[-1].pos), len(text))
    bounds = sorted({e.pos for e in starts} | set(charts) | set(tables_at) | {last_end})

    def words(a: int, b: int) -> set[str]:
        return {t for t in key_tokens(text[a:b]) if len(t) >= _MIN_TIMELINE_WORD and not t.isdigit()}

    def in_force(pos: int) -> _Event:
        return max((e for e in starts if e.pos <= pos), key=lambda e: e.pos, default=projects[0])

    tables: dict[str, set[str]] = {p.key: set() for p in projects}
    for i, b in enumerate(bounds):  # every stretch of text outside the charts, read as its project's
        if b in ends or b >= last_end:
            continue
        stop = next((x for x in bounds[i + 1 :] if x > b), last_end)
        tables[in_force(b).key] |= words(b, stop)
    by_number = sorted(projects, key=lambda p: tuple(int(x) for x in p.key.split(".")))
    charted: set[str] = set()  # each project prints one chart
    out: list[_Event] = []
    for pos in charts:
        at = in_force(pos)
        k = next(i for i, p in enumerate(by_number) if p.key == at.key)
        j = max((i for i, p in enumerate(projects) if p.pos <= pos), default=0)
        near = [by_number[i] for i in (k - 1, k, k + 1) if 0 <= i < len(by_number)]
        near += [projects[i] for i in (j - 1, j, j + 1) if 0 <= i < len(projects) and projects[i] not in near]
        chart = words(pos, ends[pos])
        shared_by_all = set.intersection(*(tables[p.key] for p in near))
        scored = [(sum(len(t) for t in (chart & tables[p.key]) - shared_by_all), p) for p in near]
        own = next(score for score, p in scored if p.key == at.key)
        free = [(score, p) for score, p in scored if p.key not in charted and p.key != at.key]
        best = max(free, key=lambda x: x[0], default=(0, at))
        if at.key in charted:  # the project in force has its chart: this one is a neighbour's
            owner = best[1] if best[0] > 0 else at
        else:
            owner = best[1] if best[0] > _NEIGHBOUR_MARGIN * own else at
        charted.add(owner.key)
        out.append(_Event(pos, "timeline", owner.key, owner.label))
        if ends[pos] < nexts[pos] and not any(e.pos == ends[pos] for e in starts):
            out.append(_Event(ends[pos], "timeline", at.key, at.label))  # a table follows: its project resumes
    return out


def _projects(text: str, lo: int) -> list[_Event]:
    """Key-project block starts ("4.9 โครงการ…") in the appendix, once per number."""
    found = list(_PROJECT_RE.finditer(text, lo))
    out: list[_Event] = []
    seen: set[str] = set()
    for m in found:
        cluster = [o for o in found if abs(o.start() - m.start()) < _LIST_REACH]
        if len(cluster) >= _TOC_CLUSTER:
            continue  # a contents list or a summary table, not a block
        key = f"{m.group(1)}.{int(m.group(2))}"
        if key in seen:
            continue
        seen.add(key)
        stop = _PROJECT_NAME_END_RE.search(text, m.end(), m.end() + 160)
        name = text[m.end() : stop.start() if stop else m.end() + 90]
        out.append(_Event(m.start(), "project", key, short_label(f"โครงการ {key} {name}", 64)))
    return out


def _measures(text: str, events: list[_Event]) -> list[_Event]:
    """Numbered measures "1) … 2) …" after the word มาตรการ inside each strategy's section."""
    heads = sorted((e for e in events if e.kind in ("strategy", "appendix", "project")), key=lambda e: e.pos)
    out: list[_Event] = []
    for i, e in enumerate(heads):
        if e.kind != "strategy":
            continue
        hi = heads[i + 1].pos if i + 1 < len(heads) else len(text)
        m = _MEASURES_RE.search(text, e.pos, hi)
        if not m:
            continue
        expected = 1
        for item in _ITEM_RE.finditer(text, m.end(), hi):
            if int(item.group(1)) != expected:
                continue
            pos = m.start() if expected == 1 else item.start()
            out.append(_Event(pos, "measure", str(expected), f"มาตรการ {expected}"))
            expected += 1
    return out
