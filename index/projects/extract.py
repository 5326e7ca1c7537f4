"""Recover the 38 key projects of appendix 4 from the plan's flattened table text.

Each project table was flattened column by column: title, (Gantt chart), header row, the name again,
objectives, details, owners, outputs, budget, duration, fiscal years. PDF extraction sometimes puts a
neighbour's Gantt chart or even a neighbour's whole table inside a project, and splits the header row
over two pages, so the body is followed from its header through page breaks to the continuation header,
skipping Gantt blocks, until the "<N> เดือน <years>" tail closes it.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from corpus.document import Document
from corpus.thai_text import loose_pattern, name_key
from index.plan.config import plan_config
from index.projects.agencies import PREFIXES, AgencyMention, Gazetteer
from index.projects.budget import Budget, parse_budget_tail
from index.projects.record import ProjectRecord


@dataclass(frozen=True)
class _Table:
    """Where a key-project table's header row, its continuation on the next page and its title are."""

    header: re.Pattern[str]
    continuation: re.Pattern[str]
    output_continuation: re.Pattern[str]  # a continuation opening with the output column (columns split over pages)
    title: re.Pattern[str]


@lru_cache(maxsize=4)
def _table(columns: tuple[str, ...]) -> _Table:
    """The table patterns from the plan's column heads (its data file), each head damage-tolerant."""
    c = [loose_pattern(h) for h in columns]
    return _Table(
        header=re.compile(c[0] + r"\s+" + c[1] + "".join(rf"(?:\s+{h}" for h in c[2:]) + ")?" * (len(c) - 2)),
        continuation=re.compile(rf"(?:{c[4]}\s+)?(?:{c[5]}\s+)?{c[6]}\s+{c[7]}"),
        output_continuation=re.compile(rf"{c[4]}\s+(?:{c[5]}\s+)?{c[6]}\s+{c[7]}\s*$"),
        title=re.compile(r"(?<![\d.])([1-4])\.(\d{1,2})\s+(?=" + c[0] + ")"),
    )

_YEAR = r"25\d\d"
_GANTT_RE = re.compile(rf"(?=({_YEAR}(?:\s+-)?\s+{_YEAR}(?:\s+-)?\s+{_YEAR}(?:\s+-)?\s+{_YEAR}))")
_TAIL_RE = re.compile(rf"(\d{{1,3}})\s*เดือน\s+({_YEAR})(?:\s*[-–]\s*({_YEAR}))?")
_STRATEGY_LABEL_RE = re.compile(r"\s*ยุทธศาสตร์ที่\s*[1-4]\s*$")
_NOTE_RE = re.compile(r"\s*หมายเหตุ.*$", re.S)
_LIST_MARK_RE = re.compile(r"(?:(?<=\s)|^)(\d{1,2})\.\s+(?=\S)")
_LATIN_PAREN_RE = re.compile(r"\(\s*([A-Za-z][^()\u0e00-\u0e7f]*)\)")
_LATIN_TAIL_RE = re.compile(r"([A-Za-z][A-Za-z0-9 :&().,-]+)$")
# Words that start the details column after an unnumbered objective ("… ประหยัดงบประมาณ โครงการ…").
_DETAIL_CUES = (
    "โครงการ", "การ", "แพลตฟอร์ม", "ศูนย์", "จัดทำ", "พัฒนา", "ระบบ", "สนับสนุน", "เว็บไซต์",
    "ศึกษา", "เป็นการ", "บูรณาการ", "ปรับปรุง",
)  # fmt: skip
# Words glued before a name that make it someone else's (a civil-servant type, a minister's title).
_FOREIGN_GLUE = ("ข้าราชการ", "ว่าการ", "ของ", "ร่วมกับ", "กับ", "จาก")
# Glue words after which a name glued on is still an owner ("และกระทรวงเกษตร…", "ในสังกัดกระทรวง…").
_OWNER_GLUE = ("และ", "โดย", "หรือ", "ได้แก่", "ในสังกัด", "อาทิ", "เช่น")
# A lead-in before the names of an owner item ("หน่วยงานสนับสนุน ได้แก่ …", "กระทรวงต่างๆ … อาทิ …").
_LEAD_IN_RE = re.compile(r"^[^0-9]{0,120}?(?:ได้แก่|อาทิ|เช่น)\s*$")
_SEPARATORS_RE = re.compile(r"^[\s,/&-]*(?:และ|หรือ)?[\s,/&-]*$")
# A unit named after its parent agency: "<unit> <rest of its name> - <parent agency>" is one owner
# ("สถาบันวิจัยเศรษฐกิจป๋วย อึ๊งภากรณ์ - ธนาคารแห่งประเทศไทย": the gazetteer knows only the head of the unit).
_COMPOUND_GAP_RE = re.compile(r"^\s*[\u0e01-\u0e4e]{2,30}\s+-\s+$")
# Where the output column starts after a last owner item that names no known agency: a restarted
# numbering ("… กระทรวง… 1. มีฐานข้อมูล…") or an output stated as "มี…" ("… ที่เกี่ยวข้อง มีการศึกษา…").
_OUTPUT_START_RE = re.compile(r"\s(?=1\.\s|มี)")


@dataclass
class _Title:
    """A "N.N โครงการ…" title: number, name and where it lies."""

    number: str
    name: str
    start: int
    end: int


def extract_projects(plan: Document, gazetteer: Gazetteer) -> list[ProjectRecord]:
    """Every key project table of the plan, in project-number order."""
    text = plan.text
    appendix = plan_config(plan.doc_id).appendix
    footer = re.compile(appendix.projects_footer)  # the appendix's running title
    table = _table(tuple(appendix.columns))
    headers = [m for m in table.header.finditer(text) if m.group(0).count(" ") >= 1]
    header_spans = [(m.start(), m.end()) for m in headers]
    continuations = [
        m for m in table.continuation.finditer(text) if not any(a <= m.start() < b for a, b in header_spans)
    ]
    titles = _titles(text, header_spans, footer, table.title)
    used_titles: set[str] = set()
    used_continuations: set[int] = set()
    records: list[ProjectRecord] = []
    for header in headers:
        title = _match_title(text, header.end(), titles, used_titles)
        if title is None:
            continue
        used_titles.add(title.number)
        body_start = _skip_name(text, header.end(), title.name)
        stops = sorted({*(a for a, _ in header_spans), *(t.start for t in titles), *_gantt_starts(text)})
        segments = _follow_body(text, body_start, stops, continuations, used_continuations)
        records.append(_record(plan, gazetteer, title, header.start(), segments, footer, table))
    return sorted(records, key=lambda r: tuple(int(x) for x in r.number.split(".")))


def _titles(
    text: str, header_spans: list[tuple[int, int]], footer: re.Pattern[str], title_re: re.Pattern[str]
) -> list[_Title]:
    """Candidate project titles; a title's name runs to the next header, Gantt row or title."""
    matches = list(title_re.finditer(text))
    ends = sorted({a for a, _ in header_spans} | {m.start() for m in matches} | set(_gantt_starts(text)))
    titles = []
    for m in matches:
        stop = next((e for e in ends if e > m.end()), len(text))
        stop = min(stop, m.end() + 400)
        name = re.sub(r"\s+", " ", footer.split(text[m.end() : stop])[0]).strip()
        name = _STRATEGY_LABEL_RE.sub("", name).strip()
        titles.append(_Title(f"{m.group(1)}.{m.group(2)}", name, m.start(), m.end() + len(name)))
    return titles


def _gantt_starts(text: str) -> list[int]:
    """Where a Gantt chart's year row (four or more consecutive years) begins."""
    starts = []
    for m in _GANTT_RE.finditer(text):
        years = [int(y) for y in re.findall(_YEAR, m.group(1))]
        if all(b == a + 1 for a, b in itertools.pairwise(years)):
            starts.append(m.start())
    return starts


def _match_title(text: str, pos: int, titles: list[_Title], used: set[str]) -> _Title | None:
    """The title whose name is repeated right after a header (compared on compact keys)."""
    following = name_key(text[pos : pos + 600])
    best: _Title | None = None
    for title in titles:
        key = name_key(title.name)
        if title.number in used or len(key) < 6 or not following.startswith(key):
            continue
        if best is None or abs(title.start - pos) < abs(best.start - pos):
            best = title
    return best


def _skip_name(text: str, pos: int, name: str) -> int:
    """Offset just after the repeated project name that follows a header."""
    target = len(name_key(name))
    count = 0
    i = pos
    while i < len(text) and count < target:
        count += len(name_key(text[i]))
        i += 1
    while i < len(text) and unicodedata.category(text[i]) == "Mn":  # marks after the last consonant
        i += 1
    return i


def _follow_body(
    text: str, pos: int, stops: list[int], continuations: list[re.Match[str]], used: set[int]
) -> list[tuple[int, int]]:
    """Body segments from ``pos`` until the duration/years tail, jumping to a continuation header."""
    segments: list[tuple[int, int]] = []
    for _ in range(3):
        stop = next((s for s in stops if s > pos), len(text))
        tail = _TAIL_RE.search(text, pos, stop)
        if tail:
            segments.append((pos, tail.end()))
            return segments
        segments.append((pos, stop))
        cont = next((c for c in continuations if c.start() >= stop and c.start() not in used), None)
        if cont is None:
            return segments
        used.add(cont.start())
        pos = cont.end()
    return segments


def _clean(piece: str, footer: re.Pattern[str]) -> str:
    """Drop running footers, strategy labels and notes from a body piece; collapse whitespace."""
    piece = footer.sub(" ", piece)
    piece = _NOTE_RE.sub("", piece)
    return re.sub(r"\s+", " ", piece).strip()


def _record(
    plan: Document,
    gazetteer: Gazetteer,
    title: _Title,
    header_start: int,
    segments: list[tuple[int, int]],
    footer: re.Pattern[str],
    table: _Table,
) -> ProjectRecord:
    """Assemble one record from its title and body segments."""
    text = plan.text
    parts = [_clean(text[a:b], footer) for a, b in segments]
    body = " ".join(parts).strip()
    # Where the output column starts when it was printed on the next page under its own header.
    output_from = next(
        (
            len(" ".join(parts[:k])) + 1
            for k, (a, _) in enumerate(segments)
            if k and table.output_continuation.search(text, max(0, a - 200), a)
        ),
        None,
    )
    missing: dict[str, str] = {}
    duration: int | None = None
    years: str | None = None
    tails = list(_TAIL_RE.finditer(body))
    tail = tails[-1] if tails else None
    if tail is not None and tail.end() == len(body):
        duration = int(tail.group(1))
        years = tail.group(2) + (f"-{tail.group(3)}" if tail.group(3) else "")
        before = body[: tail.start()].rstrip()
    else:
        missing["duration_months"] = missing["fiscal_years"] = "no '<N> เดือน <years>' tail found"
        before = body
    budget: Budget = parse_budget_tail(before)
    if budget.million_baht is None and budget.note:
        missing["budget_million_baht"] = budget.note
    pre = before[: len(before) - len(budget.text)].rstrip() if budget.text else before
    objectives, details, owners, outputs, unmatched = _columns(pre, gazetteer, output_from)
    if not owners:
        missing["owners"] = "no agency from the gazetteer found in the owner column"
    if not objectives:
        missing["objectives"] = "objective column not separable"
    if not outputs:
        missing["outputs"] = "output column empty or not separable"
    elif unmatched and outputs[0].startswith(unmatched[-1][:30]):
        missing["outputs"] = "first output runs on from the last (non-agency) owner item; boundary unknown"
    name_en = _english_name(title.name)
    if name_en is None:
        missing["name_en"] = "the plan gives no English name"
    spans = [(title.start, title.end), *segments]
    spans = [(header_start, segments[0][1]) if a == segments[0][0] else (a, b) for a, b in spans]
    pages = sorted({p for a, b in spans for p in _pages_between(plan, a, b)})
    return ProjectRecord(
        number=title.number,
        strategy=int(title.number.split(".")[0]),
        name_th=title.name,
        name_en=name_en,
        objectives=objectives,
        owners=owners,
        outputs=outputs,
        budget_million_baht=budget.million_baht,
        budget_note=budget.note,
        budget_text=budget.text,
        duration_months=duration,
        fiscal_years=years,
        page=plan.page_at(title.start),
        pages=pages,
        source_text="\n".join(text[a:b] for a, b in spans),
        start=min(a for a, _ in spans),
        end=max(b for _, b in spans),
        spans=spans,
        unmatched_owner_items=unmatched,
        missing=missing,
        details=details,
        facts=_block_facts(
            plan,
            spans,
            {
                "objectives": objectives,
                "details": details,
                "outputs": outputs,
                "owners": owners,
                "budget": [budget.text] if budget.text else [],
            },
        ),
    )


def _block_facts(
    plan: Document, spans: list[tuple[int, int]], fields: dict[str, list[str]]
) -> dict[str, list[dict[str, Any]]]:
    """Where each extracted value lies in the plan text (values were read from whitespace-squashed text)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for name, values in fields.items():
        found = []
        for value in values:
            words = value.split()
            if not words:
                continue
            rx = re.compile(r"\s+".join(re.escape(w) for w in words))
            m = next((m for a, b in spans if (m := rx.search(plan.text, a, b))), None)
            if m is None:  # the value crosses a page break or a footer: locate its opening words
                rx = re.compile(r"\s+".join(re.escape(w) for w in words[:6]))
                m = next((m for a, b in spans if (m := rx.search(plan.text, a, b))), None)
            if m is not None:
                found.append({"text": m.group(0), "page": plan.page_at(m.start()), "start": m.start(), "end": m.end()})
        out[name] = found
    return out


def _pages_between(plan: Document, start: int, end: int) -> list[int]:
    """Printed pages overlapping [start, end)."""
    return [p.number for p in plan.pages if p.start < end and start < p.end]


def _english_name(name: str) -> str | None:
    """The Latin-script part of a project name: a final parenthesis or a trailing English phrase."""
    found = max(
        (_balanced(m.group(1).strip()) for m in (_LATIN_PAREN_RE.search(name), _LATIN_TAIL_RE.search(name)) if m),
        key=len,
        default="",
    )
    found = re.sub(r"\s*-\s*", "-", found) if "- " in found else found
    return found or None


def _balanced(phrase: str) -> str:
    """Drop a closing parenthesis that belongs to the Thai name around a Latin phrase."""
    while phrase.count(")") > phrase.count("(") and phrase.endswith(")"):
        phrase = phrase[:-1].rstrip()
    return phrase


# --------------------------------------------------------------------------- column splitting


def _lists(pre: str) -> list[list[tuple[int, int]]]:
    """Numbered lists in a text: each list is its items' (start, end) offsets; numbering restarts at 1."""
    marks = list(_LIST_MARK_RE.finditer(pre))
    lists: list[list[re.Match[str]]] = []
    for m in marks:
        n = int(m.group(1))
        if n == 1:
            lists.append([m])
        elif lists and n == int(lists[-1][-1].group(1)) + 1:
            lists[-1].append(m)
    result = []
    for index, items in enumerate(lists):
        limit = lists[index + 1][0].start() if index + 1 < len(lists) else len(pre)
        bounds = [(m.end(), nxt.start()) for m, nxt in itertools.pairwise(items)]
        bounds.append((items[-1].end(), limit))
        result.append(bounds)
    return result


def _columns(
    pre: str, gazetteer: Gazetteer, output_from: int | None = None
) -> tuple[list[str], list[str], list[str], list[str], list[str]]:
    """Split the text before the budget into objectives, details, owners, outputs (+ unmatched owner items).

    ``output_from`` is where the output column starts when the table continued it on the next page.
    """
    tail = ""
    if output_from is not None and 0 < output_from < len(pre):
        pre, tail = pre[:output_from].rstrip(), pre[output_from:]
    lists = _lists(pre)
    mentions = gazetteer.find(pre)
    owner_list = next((lst for lst in lists if _starts_owner_list(pre, lst[0], mentions)), None)
    objectives, objectives_end = _objectives(pre, lists, owner_list)
    if owner_list is not None:
        owners, unmatched, owners_end = _owners_from_list(pre, owner_list, mentions)
        owners_start = owner_list[0][0]
    else:
        owners, unmatched, owners_end = _owners_unnumbered(pre, mentions)
        owners_start = _unnumbered_owners_start(pre, mentions)
    details = _detail_items(re.sub(r"\s*1\.\s*$", "", pre[objectives_end:owners_start])) if owners else []
    rest = tail or (re.sub(r"^\s*เป็นต้น", "", pre[owners_end:]) if owners else "")
    outputs = _items(rest)
    if owners and unmatched and outputs and outputs[0].startswith(unmatched[-1][:30]):
        restated = _restated_output(outputs[0], " ".join(details))
        if restated is not None:
            outputs[0] = restated
    return objectives, details, owners, outputs, unmatched


def _unnumbered_owners_start(pre: str, mentions: list[AgencyMention]) -> int:
    """Where an unnumbered owner column starts (the first free-standing full agency name)."""
    for m in mentions:
        if m.left_bound and m.right_bound and name_key(m.surface) == name_key(m.name):
            return m.start
    return len(pre)


def _restated_output(item: str, details: str) -> str | None:
    """The output inside a last owner item that ran on into it: the tail the details column already states.

    Outputs often restate the details' closing sentence ("… ภาครัฐจะมีฐานข้อมูล… ณ จุดเดียว"); the first
    word boundary whose rest (at least 30 characters) appears in the details marks where the output begins.
    """
    details_key = name_key(details)
    for m in re.finditer(r"\s", item):
        rest = item[m.end() :]
        if len(name_key(rest)) < 30:
            return None
        if name_key(rest) in details_key:
            return rest
    return None


def _starts_owner_list(pre: str, item: tuple[int, int], mentions: list[AgencyMention]) -> bool:
    """An owner list's first item begins with a free-standing agency name (or an unknown agency head)."""
    start = item[0]
    first = next((m for m in mentions if m.start >= start), None)
    if first is not None and first.start == start:
        return first.right_bound
    token = pre[start : item[1]].split(" ", 1)[0]
    inside = [m for m in mentions if start <= m.start < start + len(token)]
    return token.startswith(PREFIXES) and not token.startswith("การ") and not inside


def _usable(mention: AgencyMention) -> bool:
    """A mention that names an owner, not a civil-servant type or someone's property."""
    return mention.left_bound or mention.glue in _OWNER_GLUE


def _owners_from_list(
    pre: str, items: list[tuple[int, int]], mentions: list[AgencyMention]
) -> tuple[list[str], list[str], int]:
    """Owners of a numbered owner list; the last item keeps only its leading run of names."""
    owners: list[str] = []
    unmatched: list[str] = []
    end = items[-1][1]
    for index, (a, b) in enumerate(items):
        inside = [m for m in mentions if a <= m.start < b and _usable(_foreign(pre, m))]
        if index == len(items) - 1:
            run = _leading_run(pre, a, inside)
            inside = run
            end = run[-1].end if run else a
            if not run:
                cut = _OUTPUT_START_RE.search(pre, a + 10, b)
                if cut is not None:
                    b = end = cut.start()
                elif b < len(pre):
                    end = b  # the item ends where the output column's own numbered list starts
        names = _item_names(pre, a, b if index < len(items) - 1 else end, inside)
        if names:
            owners.extend(n for n in names if n not in owners)
        else:
            unmatched.append(pre[a:b].strip())
    return owners, unmatched, end


def _foreign(pre: str, mention: AgencyMention) -> AgencyMention:
    """Mark a mention glued after a foreign word (ข้าราชการ…, ว่าการ…) so _usable rejects it."""
    if mention.left_bound:
        return mention
    before = pre[max(0, mention.start - 12) : mention.start]
    for word in _FOREIGN_GLUE:
        if before.endswith(word):
            m = mention
            return AgencyMention(m.start, m.end, m.name, m.surface, False, False, word)
    return mention


def _item_names(pre: str, a: int, b: int, inside: list[AgencyMention]) -> list[str]:
    """An item made only of names is kept whole ("ศูนย์ดำรงธรรม สำนักงานปลัดกระทรวงมหาดไทย")."""
    if not inside:
        return []
    gaps = [pre[a : inside[0].start], *(pre[x.end : y.start] for x, y in itertools.pairwise(inside))]
    gaps.append(pre[inside[-1].end : b])
    whole = re.sub(r"\s+", " ", pre[a:b]).strip()
    joined_names = len(inside) > 1 and all(_SEPARATORS_RE.match(g) for g in gaps) and len(whole) <= 90
    if joined_names and " และ" not in whole and "," not in whole:
        return [whole]
    return list(dict.fromkeys(m.name for m in inside))


def _leading_run(pre: str, start: int, mentions: list[AgencyMention]) -> list[AgencyMention]:
    """Consecutive names from ``start`` (after an optional "… ได้แก่" lead-in), separated by spaces/และ."""
    run: list[AgencyMention] = []
    pos = start
    for m in mentions:
        if m.start < pos:
            continue
        gap = pre[pos : m.start]
        if run and m.right_bound and _COMPOUND_GAP_RE.match(gap):
            head = run.pop()
            name = re.sub(r"\s+", " ", pre[head.start : m.end]).strip()
            run.append(AgencyMention(head.start, m.end, name, name, head.left_bound, True, head.glue))
            pos = m.end
            continue
        ok = _SEPARATORS_RE.match(gap) or (not run and _LEAD_IN_RE.match(gap))
        if not ok or not m.right_bound:
            break
        run.append(m)
        pos = m.end
    return run


def _owners_unnumbered(pre: str, mentions: list[AgencyMention]) -> tuple[list[str], list[str], int]:
    """Owners written without numbers: the first free-standing full name and the names right after it."""
    for index, m in enumerate(mentions):
        if m.left_bound and m.right_bound and name_key(m.surface) == name_key(m.name):
            run = _leading_run(pre, m.start, mentions[index:])
            return list(dict.fromkeys(x.name for x in run)), [], run[-1].end
    return [], [], 0


def _objectives(
    pre: str, lists: list[list[tuple[int, int]]], owner_list: list[tuple[int, int]] | None
) -> tuple[list[str], int]:
    """Numbered objectives when the body opens with "1.", else the opening clause up to the details; and their end."""
    if lists and lists[0] is not owner_list and pre[: lists[0][0][0]].strip() in ("1.", ""):
        items = lists[0]
        last_start, last_end = items[-1]
        end = last_start + _detail_cut(pre[last_start:last_end])  # unnumbered details run on after the last one
        return [_squash(pre[a:b]) for a, b in items[:-1]] + [_squash(pre[last_start:end])], end
    first_mark = lists[0][0][0] - 3 if lists else len(pre)
    cut = _detail_cut(pre[:first_mark])
    clause = _squash(pre[:cut])
    return ([clause] if clause else []), cut


def _detail_cut(head: str) -> int:
    """Where the details column starts inside text that opens with an objective (its length when no cue)."""
    cut = len(head)
    for cue in _DETAIL_CUES:
        for m in re.finditer(r"\s" + cue, head):
            if m.start() >= 20:
                cut = min(cut, m.start())
                break
    return cut


def _items(text: str) -> list[str]:
    """Numbered items of a column, or the whole column as one item."""
    text = text.strip()
    if not text:
        return []
    lists = _lists(text)
    if lists and text.startswith("1."):
        return [_squash(text[a:b]) for a, b in lists[0]] + (
            [_squash(text[lists[1][0][0] - 3 :])] if len(lists) > 1 else []
        )
    return [_squash(text)]


def _detail_items(text: str) -> list[str]:
    """The details column cut before each of its numbered or dashed list items (the lead-in kept first)."""
    text = text.strip()
    if not text:
        return []
    cuts = sorted({a - len(m.group(0)) for lst in _lists(text) for a, _ in lst for m in [_mark_before(text, a)] if m})
    cuts += [m.start() for m in re.finditer(r"(?<=\s)-\s+(?=\S)", text)]
    bounds = sorted({0, *cuts, len(text)})
    pieces = [_squash(text[a:b]) for a, b in itertools.pairwise(bounds)]
    return [p for p in pieces if p and p not in ("-", "1.")]


def _mark_before(text: str, start: int) -> re.Match[str] | None:
    """The list mark ("2. ") that ends right at ``start``."""
    return re.search(r"\d{1,2}\.\s+$", text[max(0, start - 6) : start])


def _squash(text: str) -> str:
    """Collapse whitespace."""
    return re.sub(r"\s+", " ", text).strip()
