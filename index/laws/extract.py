"""Read an Act's structure at ingest: its sections and the facts they state (definitions, committees, …).

Sections come from ``index.chunking.law_sections.find_law_sections``; the wording each fact is read
from is in ``patterns.yaml``. Only the main Act is kept: sections after the first note (หมายเหตุ)
belong to amending Acts and repeat numbers of their own.
"""

from __future__ import annotations

import re

from corpus.document import Document
from index.chunking.common import strip_span
from index.chunking.law_sections import LawSection, find_law_sections
from index.laws.models import (
    ActRecord,
    Committee,
    Deadline,
    Definition,
    ItemList,
    Penalty,
    Role,
    SectionRecord,
    Span,
)
from index.laws.patterns import patterns

_MAX_CLAUSE_BACK = 300  # a time limit's clause starts at most this far before it
_MAX_CLAUSE_AHEAD = 200
_COMPOSITION_REACH = 400  # "ประกอบด้วย" follows the establishing clause within this
_ASSISTANT_REACH = 250


def flat(text: str) -> str:
    """Whitespace collapsed, for stored values (spans keep the exact text)."""
    return " ".join(text.split())


def main_sections(text: str) -> list[LawSection]:
    """The numbered sections of the main Act, in order: the run of sections up to the first unnumbered part
    after them (notes, then amending Acts' own sections)."""
    out: list[LawSection] = []
    for s in find_law_sections(text):
        if s.number is None or s.number == "หมายเหตุ" or s.head is None:
            if out:
                break
            continue
        out.append(s)
    return out


def extract_act(doc: Document) -> ActRecord:
    """Every section of one Act with the facts it states."""
    text = doc.text
    sections = []
    for s in main_sections(text):
        start, end = strip_span(text, s.head if s.head is not None else s.start, s.end)
        label = s.label or f"มาตรา {s.number}"
        rec = SectionRecord(
            number=str(s.number), label=label, chapter=s.chapter, start=start, end=end, text=text[start:end]
        )
        reader = _SectionReader(text, doc.doc_id, label, start, end)
        rec.definitions = reader.definitions()
        rec.committees = reader.committees()
        rec.deadlines = reader.deadlines()
        rec.penalties = reader.penalties()
        rec.lists = reader.lists()
        sections.append(rec)
    return ActRecord(doc_id=doc.doc_id, title=doc.spec.title, source_url=doc.spec.source_url, sections=sections)


class _SectionReader:
    """Reads the facts of one section [lo, hi) of ``text``."""

    def __init__(self, text: str, doc_id: str, label: str, lo: int, hi: int) -> None:
        self.text, self.doc_id, self.label, self.lo, self.hi = text, doc_id, label, lo, hi
        self.p = patterns()

    def span(self, start: int, end: int) -> Span:
        start, end = strip_span(self.text, max(start, self.lo), min(end, self.hi))
        return Span(doc_id=self.doc_id, section=self.label, start=start, end=end, text=self.text[start:end])

    # ------------------------------------------------------------------ definitions

    def definitions(self) -> list[Definition]:
        found = list(self.p["definition"].finditer(self.text, self.lo, self.hi))
        out = []
        for i, m in enumerate(found):
            end = found[i + 1].start() if i + 1 < len(found) else self.hi
            src = self.span(m.start(), end)
            out.append(Definition(term=flat(m.group(1)), meaning=flat(self.text[m.end() : src.end]), source=src))
        return out

    # ------------------------------------------------------------------ committees

    def committees(self) -> list[Committee]:
        out = []
        for m in self.p["committee_start"].finditer(self.text, self.lo, self.hi):
            comp = self.p["composition"].search(self.text, m.end(), min(self.hi, m.end() + _COMPOSITION_REACH))
            if comp is None:
                continue
            name = re.sub(r"(?:คณะหนึ่ง)?(?:เรียกว่า)?$", "", m.group(1))
            called = self.p["committee_called"].search(self.text[m.start(1) + len(name) : comp.start()])
            if called is not None:
                name = flat(called.group(1))
            head = self.text[m.start() : comp.start()]
            abbr = [flat(a.group(1)) for a in self.p["abbreviation"].finditer(head)]
            english = self.p["english_name"].search(head)
            out.append(self._committee(name, m.start(), comp, abbr, english))
        return out

    def _committee(
        self, name: str, start: int, comp: re.Match[str], abbr: list[str], english: re.Match[str] | None
    ) -> Committee:
        body_lo = comp.end()
        sec = self.p["secretary"].search(self.text, body_lo, self.hi)
        sec_start = self._secretary_clause(sec) if sec is not None else 0
        body_hi = sec_start if sec is not None else self._body_end(body_lo)
        end = body_hi
        secretary = assistants = None
        if sec is not None:
            holder = _after_last(self.text[sec_start : sec.start(1) + len(sec.group(1))], "ให้")
            secretary = Role(holder=flat(holder), source=self.span(sec_start, sec.end()))
            end = sec.end()
            helper = self.p["assistant_secretary"].search(
                self.text, sec.end(), min(self.hi, sec.end() + _ASSISTANT_REACH)
            )
            if helper is not None:
                line_end = self.text.find("\n", helper.end())
                a_end = line_end if 0 <= line_end < self.hi else self.hi
                src = self.span(sec.end(), a_end)
                assistants = Role(holder=flat(src.text).removeprefix("และ").strip(), source=src)
                end = a_end
        chair, vice, members = self._roles(body_lo, body_hi)
        qualified = self.p["qualified_count"].search(self.text, body_lo, body_hi)
        return Committee(
            name=flat(name),
            abbreviations=abbr,
            english_name=flat(english.group(1)) if english else None,
            chair=chair,
            vice_chair=vice,
            members=members,
            qualified_members=flat(qualified.group(1)) if qualified else None,
            secretary=secretary,
            assistant_secretaries=assistants,
            source=self.span(start, end),
        )

    def _secretary_clause(self, sec: re.Match[str]) -> int:
        """Where the secretary clause starts: its "ให้", or the last role statement / "และ" before it."""
        group = sec.group(1)
        cuts = [group.rfind("ให้")]
        for m in self.p["member_role"].finditer(group):
            cuts.append(m.end())
        for m in self.p["chair"].finditer(group):
            cuts.append(m.end())
        cuts.append(group.rfind(" และ") + 1 if " และ" in group else -1)
        best = max(cuts)
        return sec.start(1) + best if best > 0 else sec.start()

    def _body_end(self, lo: int) -> int:
        """Without a secretary clause the composition ends with the line of its last role."""
        last = lo
        for m in self.p["member_role"].finditer(self.text, lo, min(self.hi, lo + 1500)):
            last = m.end()
        nl = self.text.find("\n", last)
        return nl if 0 <= nl < self.hi else self.hi

    def _roles(self, lo: int, hi: int) -> tuple[Role | None, Role | None, list[str]]:
        """Chair, vice chair and the other seats of a composition body [lo, hi)."""
        text = self.text
        marks: list[tuple[int, int, str]] = []  # (start, end, kind) of role statements
        lead = self.p["chair_leading"].match(text, lo - len("ประกอบด้วย"))
        chair = vice = None
        cut = lo
        if lead is not None and lead.end() <= hi:
            chair = Role(holder=flat(lead.group(1)), source=self.span(lead.start(1), lead.end(1)))
            cut = lead.end()
        for kind in ("chair", "vice_chair", "member_role"):
            for m in self.p[kind].finditer(text, lo, hi):
                marks.append((m.start(), m.end(), kind))
        marks.sort()
        delims = [m.end() for m in self.p["role_delimiter"].finditer(text, lo, hi)] + [lo, cut]
        pieces: list[str] = []
        prev_end = cut
        for start, end, kind in marks:
            if start < cut:
                continue
            begin = max([d for d in delims if d <= start] + [prev_end])
            holder = text[begin:start]
            role = Role(holder=flat(holder), source=self.span(begin, end))
            if kind == "chair" and chair is None:
                chair = role
            elif kind == "vice_chair" and vice is None:
                vice = role
            else:
                pieces.append(holder)
            prev_end = end
        # Numbered items with no role word of their own ("(๒) กรรมการโดยตำแหน่ง ได้แก่ …").
        tail = re.split(r"\n(?=ในกรณี|ทั้งนี้)|\s{2,}ทั้งนี้", text[prev_end:hi])[0]
        pieces.extend(re.split(r"(?<![0-9๐-๙] )\([0-9๐-๙]+\)", tail))
        members: list[str] = []
        for piece in pieces:
            members.extend(self._seats(piece))
        return chair, vice, members

    def _seats(self, piece: str) -> list[str]:
        """Split a run of seats ("ปลัดกระทรวง… ปลัดกระทรวง… และเลขาธิการ…") at each title of office."""
        piece = flat(piece)
        piece = re.sub(r"^(?:กรรมการโดยตำแหน่ง\s*)?(?:ได้แก่|ประกอบด้วย)?\s*", "", piece)
        piece = re.sub(r"\s*เป็นกรรมการ\s*$", "", piece).strip()
        if not piece:
            return []
        pos = self.p["position_word"].pattern
        parts = re.split(rf"\s+(?:และ)?(?={pos})", piece)
        return [p.removeprefix("และ").strip(" ,") for p in parts if p.strip(" ,")]

    # ------------------------------------------------------------------ deadlines

    def deadlines(self) -> list[Deadline]:
        out = []
        for m in self.p["deadline"].finditer(self.text, self.lo, self.hi):
            start = self._clause_start(m.start())
            end = m.end()
            frm = self.p["deadline_from"].match(self.text, end)
            if frm is not None:
                end = frm.end()
            end = self._clause_end(end)
            out.append(Deadline(period=flat(m.group(1)), source=self.span(start, end)))
        return out

    def _clause_start(self, pos: int) -> int:
        lo = max(self.lo, pos - _MAX_CLAUSE_BACK)
        starts = [m.end() for m in self.p["clause_break"].finditer(self.text, lo, pos)]
        starts = [s for s in starts if not self.text[s:pos].lstrip().startswith("ให้แล้วเสร็จ")]
        if starts:
            return max(starts)
        head = self.text.find(" ", lo, pos)
        return self.lo if lo == self.lo else (head + 1 if head >= 0 else lo)

    def _clause_end(self, pos: int) -> int:
        hi = min(self.hi, pos + _MAX_CLAUSE_AHEAD)
        nl = self.text.find("\n", pos, hi)
        return nl if nl >= 0 else hi

    # ------------------------------------------------------------------ penalties

    def penalties(self) -> list[Penalty]:
        out = []
        prev = self.lo
        for m in self.p["penalty"].finditer(self.text, self.lo, self.hi):
            end = self.text.find("\n\n", m.end(), self.hi)
            end = end if end >= 0 else self.hi
            jail = self.p["imprisonment"].search(self.text, m.end(), end)
            fine = self.p["fine"].search(self.text, m.end(), end)
            refs = []
            for r in self.p["section_ref"].finditer(self.text, prev, m.start()):
                if r.start() <= self.lo + 12:
                    continue  # the section's own heading
                label = f"มาตรา {_arabic(r.group(1))}"
                if label not in refs:
                    refs.append(label)
            out.append(
                Penalty(
                    punished_sections=refs,
                    imprisonment=flat(jail.group(0)) if jail else None,
                    fine=flat(fine.group(0)) if fine else None,
                    source=self.span(prev, end),
                )
            )
            prev = end
        return out

    # ------------------------------------------------------------------ enumerated lists

    def lists(self) -> list[ItemList]:
        """Enumerated lists: runs of items (๑), (๒), … with the clause before the first item as intro."""
        runs: list[list[tuple[int, int]]] = []
        expected = 0
        for m in self.p["list_item"].finditer(self.text, self.lo, self.hi):
            n = int(_arabic(m.group(1)))
            if n == 1:
                runs.append([(m.start(), m.end())])
                expected = 2
            elif runs and n == expected:
                runs[-1].append((m.start(), m.end()))
                expected += 1
        out = []
        prev_end = self.lo
        for run in runs:
            if run[0][0] < prev_end:
                continue  # a run inside the previous list's last item
            list_end = self._list_end(run[-1][1])
            items = [
                flat(self.text[s : run[i + 1][0] if i + 1 < len(run) else list_end]) for i, (s, _e) in enumerate(run)
            ]
            begin = max(prev_end, run[0][0] - _MAX_CLAUSE_BACK)
            if begin > self.lo:
                space = self.text.find(" ", begin, run[0][0])
                begin = space + 1 if space >= 0 else begin
            intro = flat(self.text[begin : run[0][0]])
            subject = self.p["duty_subject"].search(intro)
            duty = subject.group(1) if subject and self.p["duty"].search(intro) else None
            out.append(ItemList(intro=intro, items=items, duty_of=duty, source=self.span(begin, list_end)))
            prev_end = list_end
        return out

    def _list_end(self, last_item: int) -> int:
        """The last item runs to a blank line, the next paragraph opener or the section end."""
        body = last_item
        while body < self.hi and self.text[body].isspace():
            body += 1  # "(๗)\nข้อมูล…": the item's own text may start on the next line
        m = re.compile(r"\n\s*\n|\n(?=(?:ในกรณี|การ|เพื่อ|ให้|ทั้งนี้|ความใน|ผู้|ข้อมูล|หน่วยงาน)[^\n(]{0,60}$)").search(
            self.text, body, self.hi
        )
        return m.start() if m else self.hi


def _after_last(text: str, word: str) -> str:
    i = text.rfind(word)
    return text[i + len(word) :] if i >= 0 else text


def _arabic(number: str) -> str:
    from index.chunking.common import number_label

    return number_label(number)
