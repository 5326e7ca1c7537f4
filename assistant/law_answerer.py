"""Answer questions about an Act's sections, definitions, committees and time limits from the law book.

The law book is extracted at ingest (index/laws); every answer cites the section the fact was read
from, and every value it states is copied from that section. Questions that do not clearly name an
Act (or one of its committees) and a fact this answerer knows return None, so retrieval answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from assistant.extractive_answerer import query_terms
from assistant.glossary import load_glossary
from assistant.schemas import Citation
from assistant.structured import Conversation, StructuredAnswer
from index.laws.extract import flat
from index.laws.models import ActRecord, Committee, LawBook, SectionRecord
from index.thai_key import thai_key

QUESTIONS_PATH = Path(__file__).with_name("data") / "law_questions.yaml"
_SHORT_SECTION = 900  # a section this short (characters, whitespace collapsed) is quoted whole
_OPERATIVE = 700  # otherwise its first part up to about this many characters
_EVIDENCE = 2500
_MIN_ACT_SCORE = 50
_MIN_OVERLAP = 0.6  # share of the question's content terms a deadline or list must hold (no section named)
_SUFFIXES = ("ทวิ", "ตรี", "จัตวา", "เบญจ", "ฉ", "สัตต", "อัฏฐ", "นว", "ทศ")  # Latin ordinals of inserted sections
_LABEL_RE = re.compile(
    rf"^มาตรา\s*[0-9๐-๙]+(?:\s*/\s*[0-9๐-๙]+)?(?:\s*(?:{'|'.join(_SUFFIXES)}))?(?:\s*\[[0-9๐-๙]+\])?\s*"
)


@lru_cache(maxsize=1)
def question_patterns() -> dict[str, re.Pattern[str]]:
    data = yaml.safe_load(QUESTIONS_PATH.read_text(encoding="utf-8"))
    return {k: re.compile(v["pattern"], re.IGNORECASE) for k, v in data.items()}


@lru_cache(maxsize=8192)
def _terms(text: str) -> frozenset[str]:
    """Content terms of a passage, cached: the same sections and clauses are compared question after question."""
    return frozenset(query_terms(text))


def _key(text: str) -> str:
    return thai_key(text).replace(" ", "")


@dataclass
class _Act:
    record: ActRecord
    core: str  # the title's key without "พระราชบัญญัติ", "ว่าด้วย" and the year
    year: str | None
    terms: frozenset[str]
    naming: frozenset[str]  # words that only name the Act (title, "พ.ร.บ.", year): no evidence of a fact
    sections: dict[str, SectionRecord]


@dataclass
class _Committee:
    act: _Act
    section: SectionRecord
    committee: Committee
    names: list[str]  # keys of the Thai name and abbreviations
    latin: list[str]  # lower-case English name and Latin abbreviations


class LawAnswerer:
    """Recognises questions about the Acts and answers them from the extracted law book."""

    name = "law"

    def __init__(self, book: LawBook) -> None:
        self.q = question_patterns()
        self.english = load_glossary().english
        self.acts: list[_Act] = []
        self.committees: list[_Committee] = []
        for rec in book.acts:
            year = re.search(r"(25[0-9]{2})", rec.title)
            core = re.sub(r"พ\.ศ\.\s*[0-9๐-๙]{4}", "", rec.title).replace("พระราชบัญญัติ", "").replace("ว่าด้วย", "")
            act = _Act(
                rec,
                _key(core),
                year.group(1) if year else None,
                _terms(core),
                _terms(core) | _terms(rec.title) | _terms("พ.ร.บ. พรบ พระราชบัญญัติ ฯ"),
                {_section_key(s.number): s for s in rec.sections},
            )
            self.acts.append(act)
            for sec in rec.sections:
                for c in sec.committees:
                    latin = [a.lower() for a in c.abbreviations if re.fullmatch(r"[A-Za-z.]+", a)]
                    if c.english_name:
                        latin.append(c.english_name.lower())
                    names = [_key(c.name)] + [_key(a) for a in c.abbreviations if a.lower() not in latin]
                    self.committees.append(_Committee(act, sec, c, [n for n in names if len(n) >= 3], latin))

    # ------------------------------------------------------------------ recognising

    def _expanded(self, question: str, language: str) -> str:
        """English questions gain the Thai wording of glossary phrases they contain (Act and committee names)."""
        if language != "en":
            return question
        low = question.lower()
        extra = [th for en, th in self.english.items() if len(en) > 8 and en in low]
        return " ".join([question, *extra])

    def find_act(self, text: str) -> _Act | None:
        """The Act a question names: whole title, a title cut with "ฯ", or title words with the year."""
        if not self.q["act_word"].search(text):
            return None
        tk = _key(text)
        cut = [
            _key(m.group(1)) for m in re.finditer(r"(?:พ\.?\s*ร\.?\s*บ\.?|พระราชบัญญัติ)\s*(?:ว่าด้วย)?([^ฯ]{2,60}?)ฯ", text)
        ]
        terms = _terms(text)
        best: tuple[float, _Act | None] = (0.0, None)
        for act in self.acts:
            score = 0.0
            if act.core and act.core in tk:
                score = 100.0 + len(act.core)
            elif any(len(c) >= 4 and act.core.startswith(c) for c in cut):
                score = 90.0
            elif act.year and act.year in tk:
                hit = act.terms & terms
                score = 50.0 + sum(len(t) for t in hit) if hit else 0.0
            if score > best[0]:
                best = (score, act)
        return best[1] if best[0] >= _MIN_ACT_SCORE else None

    def find_committee(self, text: str, act: _Act | None) -> _Committee | None:
        """The committee a question names (Thai name, abbreviation, English name); longest name wins."""
        tk = _key(text)
        low = text.lower()
        best: tuple[int, _Committee | None] = (0, None)
        for c in self.committees:
            if act is not None and c.act is not act:
                continue
            length = max((len(n) for n in c.names if n in tk), default=0)
            length = max(
                [length] + [len(n) + 1 for n in c.latin if re.search(rf"(?<![a-z]){re.escape(n)}(?![a-z])", low)]
            )
            if length > best[0]:
                best = (length, c)
        if best[1] is None and act is not None and re.search(r"คณะกรรมการ|committee|commission|board", low):
            own = [c for c in self.committees if c.act is act]
            return own[0] if own else None  # "the Committee" of an Act is the first one it establishes
        return best[1]

    def find_section(self, text: str) -> str | None:
        m = self.q["section"].search(text)
        if not m:
            return None
        number = re.sub(r"\s+", "", m.group(1))
        return f"{number} {m.group(2)}" if m.group(2) else number

    # ------------------------------------------------------------------ answering

    def answer(self, conversation: Conversation) -> StructuredAnswer | None:
        """A law answer, an abstention for a section the named Act lacks, or None (not recognised)."""
        q = conversation.question
        if self.q["other_document"].search(q):
            return None
        en = conversation.language == "en"
        text = self._expanded(q, conversation.language)
        act = self.find_act(text)
        committee = self.find_committee(text, act) if self._asks_committee(text) else None
        if act is None and committee is None and conversation.followup:
            for previous in conversation.earlier:
                prev = self._expanded(previous, conversation.language)
                act = self.find_act(prev)
                committee = self.find_committee(prev, act) if self._asks_committee(text) else None
                if act is not None or committee is not None:
                    break
        number = self.find_section(q)
        if number is not None:
            if act is None:
                return None
            section = act.sections.get(_section_key(number))
            if section is None:
                return StructuredAnswer("", [], self.name, abstained=True)
            return self._about_section(act, section, text, en)
        if committee is not None:
            found = self._committee_answer(committee, text, en)
            if found is not None:
                return found
        if self.q["definition"].search(text):
            found = self._definition_answer(act, q, text, en)
            if found is not None:
                return found
        if act is None:
            return None
        if self.q["commencement"].search(text):
            for sec in act.record.sections[:4]:
                if self.q["commencement_text"].search(sec.text):
                    return self._quote(act, sec, _operative(sec, text), en)
        if self.q["deadline"].search(text):
            found = self._best_deadline(act, text, en)
            if found is not None:
                return found
        if self.q["items"].search(text):
            return self._best_list(act, text, en)
        return None

    def _asks_committee(self, text: str) -> bool:
        return any(self.q[k].search(text) for k in ("chair", "vice_chair", "secretary", "members"))

    def _about_section(self, act: _Act, section: SectionRecord, text: str, en: bool) -> StructuredAnswer:
        """What a named section says; its time limit or penalty when the question asks for one."""
        if self.q["penalty"].search(text):
            label = section.label
            for sec in act.record.sections:
                for p in sec.penalties:
                    if label in p.punished_sections:
                        return self._quote(act, sec, flat(p.source.text), en)
            if section.penalties:
                return self._quote(act, section, flat(section.penalties[0].source.text), en)
        if self.q["deadline"].search(text) and section.deadlines:
            best = max(section.deadlines, key=lambda d: len(_terms(d.source.text) & _terms(text)))
            return self._quote(act, section, flat(best.source.text), en)
        return self._quote(act, section, _operative(section, text), en)

    def _committee_answer(self, c: _Committee, text: str, en: bool) -> StructuredAnswer | None:
        com = c.committee
        abbr = f" ({', '.join(com.abbreviations)})" if com.abbreviations else ""
        name = f"{com.name}{abbr}"
        if self.q["members"].search(text):
            parts = []
            if com.chair:
                parts.append(f"ประธานกรรมการ: {com.chair.holder}")
            if com.vice_chair:
                parts.append(f"รองประธานกรรมการ: {com.vice_chair.holder}")
            if com.members:
                parts.append("กรรมการ: " + ", ".join(com.members))
            if com.secretary:
                parts.append(f"เลขานุการ: {com.secretary.holder}")
            if com.assistant_secretaries:
                parts.append(f"ผู้ช่วยเลขานุการ: {com.assistant_secretaries.holder}")
            head = f"Members of {name} ({c.section.label}): " if en else f"องค์ประกอบของ{name} ({c.section.label}): "
            line = head + "; ".join(parts)
        elif self.q["vice_chair"].search(text) and com.vice_chair:
            line = (
                f"The vice chair of {name} is “{com.vice_chair.holder}”"
                if en
                else f"{com.vice_chair.holder} เป็นรองประธาน{name}"
            )
        elif self.q["secretary"].search(text) and com.secretary:
            helper = f"; ผู้ช่วยเลขานุการ: {com.assistant_secretaries.holder}" if com.assistant_secretaries else ""
            line = (
                f"The secretary of {name} is “{com.secretary.holder}”{helper}"
                if en
                else f"{com.secretary.holder} เป็นเลขานุการของ{name}{helper}"
            )
        elif self.q["chair"].search(text) and com.chair:
            line = f"The chair of {name} is “{com.chair.holder}”" if en else f"{com.chair.holder} เป็นประธาน{name}"
        else:
            return None
        return self._answer(c.act, c.section, line, flat(com.source.text))

    def _definition_answer(self, act: _Act | None, q: str, text: str, en: bool) -> StructuredAnswer | None:
        """The whole definition of the term the question asks about, in the named Act (or the only Act defining it)."""
        tk = _key(text)
        quoted = [_key(m.group(1)) for m in re.finditer(r"[“\"'‘]([^”\"'’]{1,60})[”\"'’]", text)]
        found: list[tuple[int, _Act, SectionRecord, int]] = []
        for a in [act] if act is not None else self.acts:
            for sec in a.record.sections:
                for i, d in enumerate(sec.definitions):
                    term = _key(d.term)
                    if not term:
                        continue
                    if term in quoted:
                        found.append((1000 + len(term), a, sec, i))
                    elif len(term) >= 3 and term in tk and (act is not None or "คำว่า" in text):
                        found.append((len(term), a, sec, i))
        if not found:
            return None
        top = max(f[0] for f in found)
        best = [f for f in found if f[0] == top]
        if act is None and len({f[1].record.doc_id for f in best}) > 1:
            return None  # several Acts define the term: the question must say which
        _, a, sec, i = best[0]
        d = sec.definitions[i]
        line = f"{sec.label} defines “{d.term}” as “{d.meaning}”" if en else f"“{d.term}” หมายความว่า {d.meaning}"
        return self._answer(a, sec, line, flat(d.source.text))

    def _best_deadline(self, act: _Act, text: str, en: bool) -> StructuredAnswer | None:
        terms = _terms(text) - act.naming
        if not terms:
            return None
        best: tuple[float, SectionRecord | None, str] = (0.0, None, "")
        for sec in act.record.sections:
            for d in sec.deadlines:
                share = len(terms & _terms(d.source.text)) / len(terms)
                if share > best[0]:
                    best = (share, sec, flat(d.source.text))
        if best[1] is None or best[0] < _MIN_OVERLAP:
            return None
        return self._quote(act, best[1], best[2], en)

    def _best_list(self, act: _Act, text: str, en: bool) -> StructuredAnswer | None:
        """The list whose intro holds most of the question's own words (the Act's name left out)."""
        every = _terms(text)
        terms = every - act.naming
        if not terms:
            return None
        best: tuple[tuple[float, int], SectionRecord | None, str] = ((0.0, 0), None, "")
        for sec in act.record.sections:
            for lst in sec.lists:
                intro = _terms(lst.intro)
                score = (len(terms & intro) / len(terms), len(every & intro))
                if score > best[0]:
                    best = (score, sec, " ".join([lst.intro, *lst.items]))
        if best[1] is None or best[0][0] < _MIN_OVERLAP:
            return None
        return self._quote(act, best[1], best[2], en)

    # ------------------------------------------------------------------ shaping

    def _quote(self, act: _Act, section: SectionRecord, quote: str, en: bool) -> StructuredAnswer:
        quote = _unlabel(quote)
        line = f"{_english_label(section)} of the Act says: “{quote}”" if en else f"{section.label}: {quote}"
        return self._answer(act, section, line, quote)

    def _answer(self, act: _Act, section: SectionRecord, line: str, evidence: str) -> StructuredAnswer:
        whole = flat(section.text)
        if len(whole) <= _EVIDENCE and len(whole) > len(evidence):
            evidence = whole
        citation = Citation(
            n=1,
            doc_id=act.record.doc_id,
            title=act.record.title,
            section=section.label,
            text=section.text,
            source_url=act.record.source_url,
            score=1.0,
        )
        return StructuredAnswer(f"{line} [1]\n{evidence} [1]", [citation], self.name)


def _section_key(number: str) -> str:
    """ "13", "13/1" and "3 ทวิ" compared without spaces, Thai digits folded."""
    return thai_key(number).replace(" ", "")


def _english_label(section: SectionRecord) -> str:
    return "Section " + section.number


def _unlabel(text: str) -> str:
    """A quote without the section's own heading ("มาตรา ๑๔[๒]"), which the answer states already."""
    return _LABEL_RE.sub("", text, count=1)


def _operative(section: SectionRecord, question: str) -> str:
    """The whole section if short; else its opening through its first list, plus the part the question names."""
    whole = _unlabel(flat(section.text))
    if len(whole) <= _SHORT_SECTION:
        return whole
    first = next((lst for lst in section.lists if lst.source.start - section.start < 300), None)
    cut = len(flat(section.text[: first.source.end - section.start])) if first is not None else 0
    if cut < _OPERATIVE // 2:
        space = whole.find(" ", _OPERATIVE)
        cut = max(cut, space if space > 0 else len(whole))
    head = whole[:cut]
    terms = _terms(question)
    rest = whole[cut:]
    if terms and rest:
        pieces = re.split(r"(?<=\s)(?=\(\d+\)|ในกรณี|ให้|ทั้งนี้)", rest)
        scored = [(len(terms & _terms(p)) - len(terms & _terms(head)), p) for p in pieces]
        gain, piece = max(scored, key=lambda s: s[0])
        if gain > 0:
            head = f"{head} … {piece.strip()}"
    return head
