"""Answer questions about an Act's sections, definitions, committees and time limits from the law book.

The law book is extracted at ingest (index/laws); every answer cites the section the fact was read
from, and every value it states is copied from that section. An Act is named by its title, a run of
its title words ("พ.ร.บ. ไซเบอร์"), a short name (data/law_acts.yaml) or one of its committees; a question
naming none is read against the Act retrieval ranks first, with a stricter match. Questions without a
fact this answerer knows return None, so retrieval answers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import yaml

from assistant.abstention import abstain_message, asked_classifier, asked_count_units, counts_in, nearby_label
from assistant.answer_text import flat
from assistant.extractive_answerer import definition_term, query_terms
from assistant.glossary import spell_out_short_forms
from assistant.law_questions import law_question_patterns
from assistant.query_rewrite import thai_glosses
from assistant.question_types import split_compound, type_names
from assistant.schemas import Citation
from assistant.structured import Conversation, StructuredAnswer
from corpus.thai_text import THAI_NUMBER_WORD, arabic_digits, compact_key, era_twin, strip_tones
from index.laws.models import ActRecord, Committee, LawBook, Penalty, SectionRecord

ACTS_PATH = Path(__file__).with_name("data") / "law_acts.yaml"
_SHORT_SECTION = 900  # a section this short (characters, whitespace collapsed) is quoted whole
_OPERATIVE = 700  # otherwise its first part up to about this many characters
_EVIDENCE = 2500
_WHO_TYPES = frozenset({"who", "chair"})  # questions asking for a body or an office holder
# A holder seated by reference to another section's item: "ตามมาตรา 7 (2)" (digits folded first).
_ITEM_REFERENCE_RE = re.compile(r"ตามมาตรา\s*([0-9]+(?:/[0-9]+)?)\s*\(\s*([0-9]{1,2})\s*\)")
_REFERRED_ITEM = 200  # characters of an item quoted for a reference; a longer one is a list of seats, not a holder
_SHORT_NAME = 90  # a defined short name's full name; a longer meaning lists several bodies, not one name
_MIN_ACT_SCORE = 50
_INFERRED_REACH = 5  # retrieved passages among which the first Act is the one a question naming none is about
_MIN_OVERLAP = 0.6  # share of the question's content terms a deadline or list must hold (no section named)
_MIN_PENALTY_OVERLAP = 0.5  # share of the question's content terms a penal provision must hold (no section named)
# only penal provisions compete for a penalty question, so an Act retrieval ranks first needs less overlap there
_MIN_INFERRED_PENALTY = 0.6
_MIN_INFERRED_OVERLAP = 0.75  # … any fact must hold when the Act is only the one retrieval ranks first
_FREQUENCY_CLAUSE = 400  # characters before a frequency ("ปีละหนึ่งครั้ง") that may state the recurring duty
_ITEM_RE = re.compile(r"\([0-9๐-๙]{1,2}\)")  # a list item's marker "(๗)"
_ALSO_CLAUSE = 60  # characters of a second asked figure's clause quoted before it
# A second figure a question asks ("กี่ครั้ง", "how many terms"), and how a statute states one ("ไม่เกินสองครั้ง").
_UNITS = ("ชั่วโมง", "วันทำการ", "วัน", "เดือน", "ปี", "ครั้ง", "วาระ", "คน")
_PERIOD_UNITS = ("ชั่วโมง", "วันทำการ", "วัน", "เดือน", "ปี")  # the units a time limit is stated in
_FIGURE = rf"(?:{THAI_NUMBER_WORD}|[0-9๐-๙])+\s*"  # then the unit
_CITED_ACTS = 3  # Acts among the top retrieved documents searched for a section a question cites
_MIN_AGE_OVERLAP = 0.3  # … an age clause (few sections state one)
_MIN_TERM_OVERLAP = 0.3  # … a term-of-office clause of the Act setting up a committee named without its Act
_MIN_NAMED_AGE_OVERLAP = 0.1  # … of an Act the question names: an age clause of its holding any word of the question
_AGE_WORD = "อายุ"
_OFFICE_TERM_WORD = "วาระ"  # a term of office: "มีวาระการดำรงตำแหน่งคราวละสี่ปี"
_MIN_INFERRED_TERMS = 3  # … and the question must have at least this many content terms to compare
_NOMINALISERS = ("การ", "ความ")  # prefixes that make nouns of verbs, not a kind of item ("ด้าน", "วิธี")
_RETRIEVED_REACH = 5  # retrieved passages whose sections count towards which time limit is asked
_RETRIEVED_WEIGHT = 1.0  # … the first one's section as much as one more question word in the clause
_SECTION_WEIGHT = 0.9  # a question word found elsewhere in the section counts nearly as one in the clause itself
_CONTEXT_WEIGHT = 0.5  # … towards whether a time limit answers; towards which one, a clause's own words count double
_MIN_FRAGMENT = 6  # key characters of title words after "พ.ร.บ." that name an Act ("ไซเบอร์")
_MIN_BARE_FRAGMENT = 10  # after a bare "กฎหมาย", which also opens "ตามกฎหมาย ระเบียบ …"
_MIN_COMMITTEE_NAME = 8  # key characters of a committee's name that identify its Act when no Act is named
_ABOUT = strip_tones("ว่าด้วย")  # questions are read without tone marks
_TERM_WORD = strip_tones("คำว่า")
_VICE = strip_tones("รองประธาน")
_GENERIC_NAMING = "พ.ร.บ. พรบ พระราชบัญญัติ กฎหมาย ว่าด้วย ฯ"
_YEAR_RE = re.compile(r"(?:พ\.?\s*ศ\.?|ปี|B\.?E\.?)?\s*(?:25[0-9]{2}|20[0-9]{2})")
_SUFFIXES = ("ทวิ", "ตรี", "จัตวา", "เบญจ", "ฉ", "สัตต", "อัฏฐ", "นว", "ทศ")  # Latin ordinals of inserted sections
_LABEL_RE = re.compile(
    rf"^มาตรา\s*[0-9๐-๙]+(?:\s*/\s*[0-9๐-๙]+)?(?:\s*(?:{'|'.join(_SUFFIXES)}))?(?:\s*\[[0-9๐-๙]+\])?\s*"
)


@lru_cache(maxsize=1)
def question_patterns() -> dict[str, re.Pattern[str]]:
    """The question patterns without tone marks: they are matched on the question with its tone marks dropped
    (people type "ปรับเทาไร" for "ปรับเท่าไร"; the Act, committee and term matching is mark-blind already).
    Patterns named ``*_text`` are matched on the law's own text, as written."""
    return {
        k: re.compile(v if k.endswith("_text") else strip_tones(v), re.IGNORECASE)
        for k, v in law_question_patterns().items()
    }


@lru_cache(maxsize=1)
def act_short_names() -> dict[str, list[str]]:
    """Act title -> the short names people call it by beyond its title words (law_acts.yaml)."""
    data = yaml.safe_load(ACTS_PATH.read_text(encoding="utf-8"))
    for entry in data:
        if not entry.get("source"):
            raise ValueError(f"{entry.get('title')!r} in {ACTS_PATH.name} has no source note")
    return {entry["title"]: list(entry["names"]) for entry in data}


@lru_cache(maxsize=8192)
def _terms(text: str) -> frozenset[str]:
    """Content terms of a passage, cached: the same sections and clauses are compared question after question."""
    return frozenset(query_terms(text))


@dataclass
class _Act:
    record: ActRecord
    core: str  # the title's key without "พระราชบัญญัติ", "ว่าด้วย" and the year
    year: str | None
    terms: frozenset[str]
    naming: frozenset[str]  # words that only name the Act (title, "พ.ร.บ.", year): no evidence of a fact
    sections: dict[str, SectionRecord]
    names: list[str]  # keys the Act is named by after "พ.ร.บ.": its title core and short names (law_acts.yaml)


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
        self.acts: list[_Act] = []
        self.committees: list[_Committee] = []
        for rec in book.acts:
            year = re.search(r"(25[0-9]{2})", rec.title)
            core = re.sub(r"พ\.ศ\.\s*[0-9๐-๙]{4}", "", rec.title).replace("พระราชบัญญัติ", "").replace("ว่าด้วย", "")
            short = next((v for k, v in act_short_names().items() if rec.title.startswith(k)), [])
            act = _Act(
                rec,
                compact_key(core),
                year.group(1) if year else None,
                _terms(core),
                # the year in either era: an English question names "the Official Information Act 1997"
                _terms(core) | _terms(rec.title) | _terms("พ.ร.บ. พรบ พระราชบัญญัติ ฯ")
                | (frozenset({str(era_twin(int(year.group(1))))}) if year else frozenset()),
                {compact_key(s.number): s for s in rec.sections},
                [compact_key(core), *(n.lower() if n.isascii() else compact_key(n) for n in short)],
            )
            self.acts.append(act)
            for sec in rec.sections:
                for c in sec.committees:
                    latin = [a.lower() for a in c.abbreviations if re.fullmatch(r"[A-Za-z.]+", a)]
                    if c.english_name:
                        latin.append(c.english_name.lower())
                    names = [compact_key(c.name)] + [compact_key(a) for a in c.abbreviations if a.lower() not in latin]
                    self.committees.append(_Committee(act, sec, c, [n for n in names if len(n) >= 3], latin))

    # ------------------------------------------------------------------ recognising

    def _expanded(self, question: str, language: str) -> str:
        """English questions gain the Thai wording of glossary phrases they contain (Act and committee names); Thai
        ones have a general word's short form spelled out ("คกก." → คณะกรรมการ), so a committee's name reads whole."""
        if language != "en":
            return strip_tones(spell_out_short_forms(question))
        return strip_tones(" ".join([question, *thai_glosses(question, words=True)]))

    def find_act(self, text: str) -> _Act | None:
        """The Act a question names: whole title, a title cut with "ฯ", or title words with the year."""
        if not self.q["act_word"].search(text):
            return None
        tk = compact_key(text)
        cut = [
            compact_key(m.group(1))
            for m in re.finditer(rf"(?:พ\.?\s*ร\.?\s*บ\.?|พระราชบัญญัติ)\s*(?:{_ABOUT})?([^ฯ]{{2,60}}?)ฯ", text)
        ]
        terms = _terms(text)
        best: tuple[float, _Act | None] = (0.0, None)
        tied = False
        for act in self.acts:
            score = 0.0
            if act.core and act.core in tk:
                score = 100.0 + len(act.core)
            elif any(len(c) >= 4 and act.core.startswith(c) for c in cut):
                score = 90.0
            elif (fragment := max((m[1] - m[0] for m in self._mentions(text, act)), default=0)) > 0:
                score = 60.0 + min(fragment, 29) + (10.0 if act.year and act.year in tk else 0.0)
            elif act.year and act.year in tk:
                hit = act.terms & terms
                score = 50.0 + sum(len(t) for t in hit) if hit else 0.0
            if score > best[0]:
                best, tied = (score, act), False
            elif score == best[0] and score > 0:
                tied = True  # "พ.ร.บ. ดิจิทัล" fits two Acts: the question must say which
        return best[1] if best[0] >= _MIN_ACT_SCORE and not tied else None

    def _mentions(self, text: str, act: _Act) -> list[tuple[int, int]]:
        """Spans of ``text`` naming the Act by title words or a short name: "พ.ร.บ. ไซเบอร์", "กฎหมายว่าด้วย
        การทะเบียนราษฎร", "ETA Act" (the act word, the title run and a following "ฯ" / year)."""
        spans = []
        for m in self.q["act_word"].finditer(text):
            start = m.end()
            while start < len(text) and (text[start].isspace() or text.startswith(_ABOUT, start)):
                start += len(_ABOUT) if text.startswith(_ABOUT, start) else 1
            end, got = start, ""
            for j in range(start + 1, min(len(text), start + 120) + 1):
                k = compact_key(text[start:j])
                if k == got:
                    end = j if got else end  # a mark the key drops ("ไซเบอร์")
                    continue
                if not any(k in n for n in act.names):
                    break
                end, got = j, k
            bare = m.group(0) == "กฎหมาย"
            if len(got) < (_MIN_BARE_FRAGMENT if bare else _MIN_FRAGMENT):
                continue
            tail = re.match(r"\s*ฯ?\s*(?:" + _YEAR_RE.pattern + r")?", text[end:])
            spans.append((m.start(), end + (tail.end() if tail else 0)))
        for name in act.names:
            if name.isascii():
                spans.extend(m.span() for m in re.finditer(rf"(?<![a-z]){re.escape(name)}(?![a-z])", text.lower()))
        return spans

    def find_committee(self, text: str, act: _Act | None) -> _Committee | None:
        """The committee a question names (Thai name, abbreviation, English name); longest name wins. An
        abbreviation after "สำนักงาน" names that committee's office, not the committee ("คณะกรรมการบริหารสำนักงาน
        กมช. (กบส.)" is กบส.)."""
        tk = compact_key(self.q["office_of_abbreviation"].sub(" ", text))
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
        found = self._recognised(conversation)
        found = self._also_asked(found, self._expanded(strip_tones(conversation.question), conversation.language))
        if found is not None and _WHO_TYPES & set(type_names(conversation.question)):
            return self._referred_item(self._named_in_full(found))
        return found

    def _referred_item(self, found: StructuredAnswer) -> StructuredAnswer:
        """A who-answer naming a holder by reference ("รองประธานกรรมการตามมาตรา ๗ (๒) เป็นประธานกรรมการ") states
        who that is too, quoting the item referred to ("(๒) รองนายกรัฐมนตรีที่นายกรัฐมนตรีมอบหมาย
        เป็นรองประธานกรรมการ") and citing its section: Thai statutes seat a body's members by cross-reference."""
        if found.abstained or not found.citations:
            return found
        act = next((a for a in self.acts if a.record.doc_id == found.citations[0].doc_id), None)
        line, _, rest = found.answer.partition("\n")
        m = _ITEM_REFERENCE_RE.search(arabic_digits(line))
        if act is None or m is None:
            return found
        sec = next((x for x in act.record.sections if x.number == m.group(1)), None)
        item = _numbered_item(sec, m.group(2)) if sec is not None else None
        if sec is None or item is None or item in line:
            return found
        n = len(found.citations) + 1
        line = f"{line} ({sec.label} ({m.group(2)}): {item} [{n}])"
        return replace(found, answer=f"{line}\n{rest}", citations=[*found.citations, _section_citation(act, sec, n)])

    def _named_in_full(self, found: StructuredAnswer) -> StructuredAnswer:
        """A who-answer naming a body by the short name its Act defines ("ให้มีศูนย์…ในสำนักงาน": “สำนักงาน”
        หมายความว่า สำนักงานพัฒนารัฐบาลดิจิทัล) states the full name too, citing the definition. Thai statutes
        define such short names in their definitions section (มาตรา 3/4), the meaning opening with the term."""
        if found.abstained or not found.citations:
            return found
        act = next((a for a in self.acts if a.record.doc_id == found.citations[0].doc_id), None)
        if act is None:
            return found
        line, _, rest = found.answer.partition("\n")
        for sec in act.record.sections:
            for d in sec.definitions:
                full = d.meaning.strip()
                if not full.startswith(d.term) or not len(d.term) < len(full) <= _SHORT_NAME or full in line:
                    continue
                if re.search(rf"{re.escape(d.term)}(?!{re.escape(full[len(d.term) : len(d.term) + 4])})", line) is None:
                    continue
                n = len(found.citations) + 1
                cited = _section_citation(act, sec, n)
                line = f"{line} (“{d.term}” หมายความว่า {full} [{n}])"
                return replace(found, answer=f"{line}\n{rest}", citations=[*found.citations, cited])
        return found

    def _recognised(self, conversation: Conversation) -> StructuredAnswer | None:
        q = strip_tones(conversation.question)  # the patterns are tone-less too (question_patterns)
        if self.q["other_document"].search(q):
            return None
        en = conversation.language == "en"
        text = self._expanded(q, conversation.language)
        act = self.find_act(text)
        committee = self.find_committee(text, act) if self._asks_committee(text) else None
        if act is None and committee is None and conversation.followup:
            for previous in conversation.earlier:
                prev = self._expanded(strip_tones(previous), conversation.language)
                act = self.find_act(prev)
                committee = self.find_committee(prev, act) if self._asks_committee(text) else None
                if act is not None or committee is not None:
                    break
        inferred = False  # the Act is the one retrieval ranks first, not one the question names
        if act is None and committee is None:
            act, inferred = self._unnamed_act(text, conversation.documents)
        number = self.find_section(q)
        if number is not None and inferred and self.q["deadline"].search(text):
            cited = self._cited_section(number, text, conversation.documents, en)
            if cited is not None:
                return self._about_section(cited[0], cited[1], text, en)
        if number is not None:
            if act is None:
                return None
            section = act.sections.get(compact_key(number))
            if section is None:
                return None if inferred else StructuredAnswer("", [], self.name, abstained=True)
            if inferred and not self._about(act, section, text, en):
                return None  # "ม.40" of some other law: the guessed Act's section is not what is asked
            if self.q["deadline"].search(text) and not section.deadlines:  # "ข้อมูลตามมาตรา 15 … ครบกี่ปี"
                cited = self._cited_section(number, text, [act.record.doc_id], en)
                if cited is not None:
                    clause = _citing_clause(cited[1], number)
                    if clause is not None:
                        return self._quote(cited[0], cited[1], clause, en)
                    return self._about_section(cited[0], cited[1], text, en)
            return self._about_section(act, section, text, en)
        if committee is not None and not self.q["deadline"].search(text):  # a term of office is a time limit
            found = self._committee_answer(committee, text, en)
            if found is not None:
                return found
        if self.q["definition"].search(text):
            found = self._definition_answer(None if inferred else act, q, text, en, prefer=act)
            if found is not None:
                return found
        if act is None and committee is not None and self.q["term"].search(text):
            # "กรรมการ…ในคณะกรรมการกำกับ… วาระละกี่ปี": the term clause of the Act that sets up the committee
            return self._best_deadline(committee.act, text, en, _MIN_TERM_OVERLAP, needle=_OFFICE_TERM_WORD)
        if act is None:
            return None
        if self.q["caretaker"].search(text) and not inferred:
            for sec in act.record.sections:
                if m := self.q["caretaker_text"].search(flat(sec.text)):
                    return self._quote(act, sec, m.group(0), en)
        if self.q["commencement"].search(text) and not inferred and not self._other_subject(act, text, en):
            for sec in act.record.sections[:4]:
                if self.q["commencement_text"].search(sec.text):
                    return self._quote(act, sec, _operative(sec, text), en)
        if inferred and len(self._asked_terms(act, text, en)) < _MIN_INFERRED_TERMS:
            return None  # too few words to tell this Act's fact from another document's
        if self.q["penalty"].search(text):
            found = self._best_penalty(act, text, en, _MIN_INFERRED_PENALTY if inferred else _MIN_PENALTY_OVERLAP)
            if found is not None:
                return found
        floor = _MIN_INFERRED_OVERLAP if inferred else _MIN_OVERLAP
        if self.q["frequency"].search(text):
            found = self._best_frequency(act, text, en, floor)
            if found is not None:
                return found
        if self.q["age"].search(text):  # only an age clause answers; it is rare enough to need fewer shared words
            floor = _MIN_AGE_OVERLAP if inferred else _MIN_NAMED_AGE_OVERLAP
            found = self._best_deadline(act, text, en, floor, needle=_AGE_WORD)
            if found is not None:
                return found
        if self.q["deadline"].search(text):
            hits = list(zip(conversation.documents, conversation.sections, strict=False))
            found = None
            if self.q["term"].search(text):  # a term of office is stated in a clause naming the วาระ
                found = self._best_deadline(act, text, en, floor, needle=_OFFICE_TERM_WORD, hits=hits)
            found = found or self._best_deadline(act, text, en, floor, hits=hits)
            if found is not None:
                return found
        if self.q["items"].search(text):
            return self._best_list(act, text, en, floor)
        return None

    def _also_asked(self, found: StructuredAnswer | None, text: str) -> StructuredAnswer | None:
        """A question asking two figures ("ภายในกี่วัน ขยายได้กี่ครั้ง", "how long … how many terms") gets the
        second from the same cited section when the first line lacks it."""
        if found is None or found.abstained or not found.citations:
            return found
        asked: list[str | None] = list(asked_count_units(text, _UNITS))
        # a later part asking a period in no unit ("…, and how long can they stay on after the term ends?")
        parts = split_compound(text)
        if parts and self.q["deadline"].search(parts[1]) and not asked_count_units(parts[1], _UNITS):
            asked.append(None)
        line, _, rest = found.answer.partition("\n")
        section = flat(found.citations[0].text)
        for unit in dict.fromkeys(asked):
            if line.count(" [1]") != 1:
                continue
            if unit is None:  # any period the line does not state yet
                periods = re.finditer(_FIGURE + f"(?:{'|'.join(_PERIOD_UNITS)})", section)
                m = next((p for p in periods if p.group(0).strip() not in line), None)
            else:
                pattern = _FIGURE + re.escape(unit)
                m = None if re.search(pattern, line) else re.search(pattern, section)
            if m is None:
                continue
            start = section.rfind(" ", 0, max(0, m.start() - _ALSO_CLAUSE)) + 1
            clause = section[start : m.end()]
            close = "”" if line.endswith("” [1]") else ""
            line = f"{line[: -len(close + ' [1]')]} … {clause}{close} [1]"
        return replace(found, answer=f"{line}\n{rest}" if rest else line)

    def _other_subject(self, act: _Act, text: str, en: bool) -> bool:
        """Does a commencement-worded question name something else that takes effect ("receipt of a data
        message is effective") rather than the Act itself: a content word beyond the Act's name and the asking?"""
        rest = self.q["commencement_asking"].sub(" ", self.q["commencement"].sub(" ", text))
        return bool(self._asked_terms(act, rest, en) - act.naming)

    def _asks_committee(self, text: str) -> bool:
        kinds = ("chair", "vice_chair", "secretary", "members", "qualified", "full_name", "short_name")
        return any(self.q[k].search(text) for k in kinds) and not self.q["subcommittee"].search(text)

    def _unnamed_act(self, text: str, documents: list[str]) -> tuple[_Act | None, bool]:
        """The Act of a question that names none: the one whose committee it names ("คณะกรรมการข้อมูลข่าวสาร
        ของราชการ"), else the Act retrieval ranks first among its top passages (True: inferred, so only well-matched
        facts answer)."""
        tk = compact_key(text)
        length, committee = max(
            ((max((len(n) for n in c.names if n in tk), default=0), c) for c in self.committees),
            key=lambda found: found[0],
            default=(0, None),
        )
        if committee is not None and length >= _MIN_COMMITTEE_NAME:
            return committee.act, False
        # the Act retrieval ranks highest among its first passages (a plan passage on the same topic may lead)
        ranked = (a for d in documents[:_INFERRED_REACH] for a in self.acts if a.record.doc_id == d)
        act = next(ranked, None)
        return act, act is not None

    def _cited_section(
        self, number: str, text: str, documents: list[str], en: bool
    ) -> tuple[_Act, SectionRecord] | None:
        """A time limit asked about "คำสั่งตามมาตรา 14" of no named Act: of the Acts retrieval ranks highest, the
        section numbered so or citing it ("…ตามมาตรา ๑๔ หรือมาตรา ๑๕ … อุทธรณ์…ภายในสิบห้าวัน") that holds a time
        limit and most of the question's words."""
        cites = re.compile(rf"มาตรา\s*{re.escape(number.split()[0])}(?![0-9/])")
        unit = next(iter(asked_count_units(text, _PERIOD_UNITS)), None)  # "ครบกี่ปี": a period in years answers
        best: tuple[tuple[bool, float, float], _Act | None, SectionRecord | None] = ((False, 0.0, 0.0), None, None)
        for doc_id in list(dict.fromkeys(documents))[:_CITED_ACTS]:
            act = next((a for a in self.acts if a.record.doc_id == doc_id), None)
            if act is None:
                continue
            terms = self._asked_terms(act, text, en)
            own = act.sections.get(compact_key(number))
            for sec in act.record.sections:
                if not sec.deadlines or not (sec is own or cites.search(arabic_digits(sec.text))):
                    continue
                size = max(len(terms), 1)
                clause = max(_shared(terms, d.source.text, en) for d in sec.deadlines) / size
                in_unit = unit is None or any(_in_unit(d.period, unit) for d in sec.deadlines)
                score = (in_unit, clause, _shared(terms, sec.text, en) / size)  # the time limit's own clause first
                if score > best[0]:
                    best = (score, act, sec)
        if best[1] is None or best[2] is None or best[0][2] < _MIN_INFERRED_OVERLAP:
            return None
        return best[1], best[2]

    def _about(self, act: _Act, section: SectionRecord, text: str, en: bool) -> bool:
        """Does the section (or a penalty punishing it) hold most of the question's words?"""
        terms = self._asked_terms(act, text, en)
        punishing = [
            p.source.text for s in act.record.sections for p in s.penalties if section.label in p.punished_sections
        ]
        held = _shared(terms, " ".join([section.text, *punishing]), en)
        return len(terms) >= _MIN_INFERRED_TERMS and held >= _MIN_PENALTY_OVERLAP * len(terms)

    def _asked_terms(self, act: _Act, text: str, en: bool) -> frozenset[str]:
        """The question's content terms without the words that name the Act (its mention and year), so the
        Act's title words still count where the question uses them for the fact ("จัดระเบียบบริหารราชการแผ่นดิน")."""
        rest = text
        for start, end in sorted(self._mentions(text, act), reverse=True):
            rest = f"{rest[:start]} {rest[end:]}"
        named_whole = rest == text and act.core in compact_key(text)  # named in a way not located: drop all title words
        for kind in ("deadline", "items", "penalty", "definition"):  # "กี่ปี", "อะไรบ้าง", "มีโทษ": the asking
            rest = self.q[kind].sub(" ", rest)
        rest = _YEAR_RE.sub(" ", rest).replace("ฯ", " ")
        terms = _thai_only(_terms(rest), en)
        return terms - act.naming if named_whole else terms - _terms(_GENERIC_NAMING)

    def _about_section(self, act: _Act, section: SectionRecord, text: str, en: bool) -> StructuredAnswer:
        """What a named section says; its time limit or penalty when the question asks for one."""
        if self.q["penalty"].search(text):
            label = section.label
            for sec in act.record.sections:
                for p in sec.penalties:
                    if label in p.punished_sections:
                        return self._quote(act, sec, _penalty_quote(p), en)
            if section.penalties:
                return self._quote(act, section, _penalty_quote(section.penalties[0]), en)
        if self.q["deadline"].search(text) and section.deadlines:
            best = max(section.deadlines, key=lambda d: len(_terms(d.source.text) & _terms(text)))
            return self._quote(act, section, flat(best.source.text), en)
        quoted = self._quote(act, section, _operative(section, text), en)
        units = asked_count_units(text, _PERIOD_UNITS)
        if units and not any(_states_period(flat(section.text), u) for u in units):
            for sec in act.record.sections:  # "(มาตรา 14) … เมื่อครบกี่ปี": a section giving it a period in that unit
                clause = _citing_clause(sec, section.number) if sec is not section else None
                if clause is not None and any(_states_period(clause, u) for u in units):
                    return self._quote(act, sec, clause, en)
            # "มาตรา 11 … ภายในกี่วันทำการ" of a section setting no period ("ภายในเวลาอันสมควร"): not stated; the
            # section is shown, labelled as what it says instead
            language = "en" if en else "th"
            lines = [abstain_message(language), nearby_label(language), quoted.answer.partition("\n")[0]]
            return replace(quoted, answer="\n".join(lines), abstained=True)
        return quoted

    def _committee_answer(self, c: _Committee, text: str, en: bool) -> StructuredAnswer | None:
        com = c.committee
        abbr = f" ({', '.join(com.abbreviations)})" if com.abbreviations else ""
        name = f"{com.name}{abbr}"
        named = [a for a in com.abbreviations if compact_key(a) and compact_key(a) in compact_key(text)]
        if self.q["full_name"].search(text) and named:  # "กมช. ย่อมาจากอะไร": the name the Act shortens so
            line = f"“{named[0]}” stands for “{com.name}”" if en else f"{named[0]} ย่อมาจาก {com.name}"
        elif self.q["short_name"].search(text) and com.abbreviations and not named:
            shorts = ", ".join(com.abbreviations)
            line = f"{com.name} is abbreviated “{shorts}”" if en else f"{com.name} เรียกโดยย่อว่า {shorts}"
        elif self.q["qualified"].search(text) and com.qualified_members:
            line = (
                f"Qualified members of {name}: “{com.qualified_members}”"
                if en
                else f"กรรมการผู้ทรงคุณวุฒิของ{name}: {com.qualified_members}"
            )
        elif self.q["members"].search(text):
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
            if com.chair and self.q["chair"].search(text.replace(_VICE, "")):  # "ใครเป็นประธาน และใครเป็นเลขานุการ"
                chair = f"The chair is “{com.chair.holder}”" if en else f"{com.chair.holder} เป็นประธาน"
                line = f"{chair}; {line}"
        elif self.q["chair"].search(text) and com.chair:
            line = f"The chair of {name} is “{com.chair.holder}”" if en else f"{com.chair.holder} เป็นประธาน{name}"
        else:
            return None
        return self._answer(c.act, c.section, line, flat(com.source.text))

    def _definition_answer(
        self, act: _Act | None, q: str, text: str, en: bool, prefer: _Act | None = None
    ) -> StructuredAnswer | None:
        """The whole definition of the term the question asks about, in the named Act (or the only Act defining it)."""
        tk = compact_key(text)
        asked = compact_key(text.rsplit(_TERM_WORD, 1)[1]) if _TERM_WORD in text else ""
        if act is not None and act.core:  # the Act's own title is not the term asked about
            tk, asked = tk.replace(act.core, " ", 1), asked.replace(act.core, " ", 1)
        quoted = [compact_key(m.group(1)) for m in re.finditer(r"[“\"'‘]([^”\"'’]{1,60})[”\"'’]", text)]
        asked_term = definition_term(text)  # the term right before "หมายความว่า" (or quoted), tone-less too
        named = compact_key(asked_term) if asked_term else None
        found: list[tuple[int, _Act, SectionRecord, int]] = []
        for a in [act] if act is not None else self.acts:
            for sec in a.record.sections:
                for i, d in enumerate(sec.definitions):
                    term = compact_key(d.term)
                    if not term:
                        continue
                    if term in quoted:
                        found.append((1000 + len(term), a, sec, i))
                    elif len(term) >= 3 and term == named:
                        found.append((800 + len(term), a, sec, i))  # the whole term, right before "หมายความว่า"
                    elif len(term) >= 3 and term in asked:
                        found.append((500 + len(term), a, sec, i))  # the term named right after "คำว่า"
                    elif len(term) >= 3 and term in tk and (act is not None or _TERM_WORD in text):
                        found.append((len(term), a, sec, i))
        if not found:
            return None
        top = max(f[0] for f in found)
        best = [f for f in found if f[0] == top]
        if act is None and len({f[1].record.doc_id for f in best}) > 1:
            best = [f for f in best if f[1] is prefer]  # several Acts define the term: the one retrieval ranks first
            if not best:
                return None  # … or the question must say which
        _, a, sec, i = best[0]
        d = sec.definitions[i]
        line = f"{sec.label} defines “{d.term}” as “{d.meaning}”" if en else f"“{d.term}” หมายความว่า {d.meaning}"
        return self._answer(a, sec, line, flat(d.source.text))

    def _best_deadline(
        self,
        act: _Act,
        text: str,
        en: bool,
        floor: float = _MIN_OVERLAP,
        needle: str | None = None,
        hits: Sequence[tuple[str, str | None]] = (),
    ) -> StructuredAnswer | None:
        """The time limit whose clause holds most of the question's words, retrieval's ranking of its section
        counting too (``hits``: the retrieved passages' document and section, best first: the meaning of "ไม่ยอม
        เปิดเผย" is closer to "มีคำสั่งมิให้เปิดเผย" than the words show); a period in the asked unit ("กี่ชั่วโมง")
        wins a tie. ``needle``: only clauses holding this word (an age: "อายุ")."""
        retrieved = _retrieved_sections(act.record.doc_id, hits)
        terms = self._asked_terms(act, text, en)
        if not terms:
            return None
        unit = next(iter(asked_count_units(text, _PERIOD_UNITS)), None)
        # A second figure the question asks ("ภายในกี่วัน ขยายได้กี่ครั้ง") is stated by the section that answers.
        others = [u for u in dict.fromkeys(asked_count_units(text, _UNITS)) if u not in _PERIOD_UNITS]
        best: tuple[tuple[float, bool, int], SectionRecord | None, str, float] = ((0.0, False, 0), None, "", 0.0)
        for sec in act.record.sections:
            for d in sec.deadlines:
                if needle is not None and needle not in d.source.text:
                    continue
                clause, whole = _shared(terms, d.source.text, en), _shared(terms, sec.text, en)
                share = max(clause, _SECTION_WEIGHT * whole) / len(terms)
                # Which time limit: the words its own clause holds first, the rest of its section as context, so
                # a long section holding the words anywhere (a committee's list of powers with its own "ภายใน
                # สามสิบวัน") does not outrank the clause that states the asked duty ("ยื่นอุทธรณ์ต่อหน่วยงาน…
                # ภายในเจ็ดวันทำการ").
                rank = clause + _CONTEXT_WEIGHT * max(whole - clause, 0)
                rank += sum(1 for u in others if re.search(_FIGURE + re.escape(u), sec.text))
                rank += retrieved.get(sec.label, 0.0)
                score = (rank, unit is not None and _in_unit(d.period, unit), clause)
                if score > best[0]:
                    best = (score, sec, flat(d.source.text), share)
        if best[1] is None or best[3] < floor:
            return None
        return self._quote(act, best[1], best[2], en)

    def _best_frequency(self, act: _Act, text: str, en: bool, floor: float) -> StructuredAnswer | None:
        """The clause stating how often a duty recurs ("อย่างน้อยปีละหนึ่งครั้ง") that holds most of the question's
        words: from the list item (or about two sentences) before the frequency through the frequency."""
        terms = self._asked_terms(act, text, en)
        if not terms:
            return None
        best: tuple[float, SectionRecord | None, str] = (0.0, None, "")
        for sec in act.record.sections:
            for m in self.q["frequency_text"].finditer(sec.text):
                items = [i.start() for i in _ITEM_RE.finditer(sec.text, 0, m.start())]
                start = max(items[-1] if items else 0, m.start() - _FREQUENCY_CLAUSE)
                clause = flat(sec.text[start : m.end()])
                held = max(_shared(terms, clause, en), _SECTION_WEIGHT * _shared(terms, sec.text, en))
                if held / len(terms) > best[0]:
                    best = (held / len(terms), sec, clause if start == 0 or items else clause.split(" ", 1)[-1])
        if best[1] is None or best[0] < floor:
            return None
        return self._quote(act, best[1], best[2], en)

    def _best_penalty(self, act: _Act, text: str, en: bool, floor: float) -> StructuredAnswer | None:
        """The penal provision whose wording of the offence holds most of the question's words; of two holding
        as many, the shorter (its offence is the more specific one: "ผู้ใดล่วงรู้…และเปิดเผย" over a whole duty)."""
        terms = self._asked_terms(act, text, en)
        if not terms:
            return None
        best: tuple[tuple[float, int], SectionRecord | None, str] = ((0.0, 0), None, "")
        for sec in act.record.sections:
            for p in sec.penalties:
                refs = [compact_key(label.removeprefix("มาตรา")) for label in p.punished_sections]
                cited = " ".join(act.sections[k].text for k in refs if k in act.sections)
                share = _shared(terms, f"{p.source.text} {cited}", en) / len(terms)
                if share > 0 and (share, -len(p.source.text)) > best[0]:
                    best = ((share, -len(p.source.text)), sec, _penalty_quote(p))
        if best[1] is None or best[0][0] < floor:
            return None
        return self._quote(act, best[1], best[2], en)

    def _best_list(self, act: _Act, text: str, en: bool, floor: float = _MIN_OVERLAP) -> StructuredAnswer | None:
        """The list whose intro holds most of the question's own words (the Act's name left out)."""
        every = _thai_only(_terms(text), en)
        terms = self._asked_terms(act, text, en)
        if not terms:
            return None
        tk = compact_key(text)
        classifier = asked_classifier(text)  # "กี่ระดับ … อะไรบ้าง": the list its intro counts ("แบ่งออกเป็นสามระดับ")
        best: tuple[tuple[bool, float, int], SectionRecord | None, str] = ((False, 0.0, 0), None, "")
        sub = self.q["subcommittee"]
        for sec in act.record.sections:
            for lst in sec.lists:
                if sub.search(text) and not sub.search(lst.intro):
                    continue  # subcommittees asked: only a list of subcommittees answers
                kind = _item_kind(lst.items)  # "ด้านใดบ้าง" asks for a list whose items are each a "ด้าน…"
                bonus = 0.5 if kind and any(compact_key(kind + w) in tk for w in ("ใด", "อะไร", "ไหน")) else 0.0
                if classifier and counts_in(classifier, [lst.intro]):
                    bonus += 0.5
                share = _shared(terms, lst.intro, en) / len(terms)
                score = (share >= floor, share + bonus, _shared(every, lst.intro, en))
                if score > best[0]:
                    best = (score, sec, " ".join([lst.intro, *lst.items]))
        if best[1] is None or not best[0][0]:
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
        return StructuredAnswer(f"{line} [1]\n{evidence} [1]", [_section_citation(act, section, 1)], self.name)


def _section_citation(act: _Act, section: SectionRecord, n: int) -> Citation:
    """Citation [n]: the section of the Act, as the law book holds it."""
    return Citation(
        n=n,
        doc_id=act.record.doc_id,
        title=act.record.title,
        section=section.label,
        text=section.text,
        source_url=act.record.source_url,
        score=1.0,
    )


def _retrieved_sections(doc_id: str, hits: Sequence[tuple[str, str | None]]) -> dict[str, float]:
    """Weight of each section of the Act among the first retrieved passages: 1 for the first passage, 1/2, 1/3 …"""
    weights: dict[str, float] = {}
    for position, (doc, section) in enumerate(hits[:_RETRIEVED_REACH]):
        if doc == doc_id and section:
            weights.setdefault(section, _RETRIEVED_WEIGHT / (1 + position))
    return weights


def _in_unit(period: str, unit: str) -> bool:
    """Is a time limit ("เจ็ดสิบห้าปี") stated in the asked unit ("ปี"), tone marks aside?"""
    return strip_tones(period).endswith(strip_tones(unit))


def _thai_only(terms: frozenset[str], en: bool) -> frozenset[str]:
    """An English question is compared with the Thai law text through its Thai glosses only."""
    return frozenset(t for t in terms if not t.isascii() or t.isdigit()) if en else terms


def _shared(terms: frozenset[str], passage: str, en: bool) -> int:
    """How many terms the passage holds; a term may also sit inside a longer word (gloss "ตาย" in "เวลาตาย",
    "ดิจิทัลฯ" cut as "ดจ"), since the question was not cut by the same word segmentation as the passage."""
    held = terms & _terms(passage)
    key = compact_key(passage)
    return len(held) + sum(1 for t in terms - held if len(t) >= 2 and t in key)


def _item_kind(items: list[str]) -> str | None:
    """The word most items of a list open with ("(๑) ด้านความมั่นคงของรัฐ (๒) ด้าน…" -> "ด้าน"), if any."""
    heads = [re.sub(r"^\([0-9๐-๙]+\)\s*", "", item) for item in items]
    if len(heads) < 2:
        return None
    for size in range(6, 2, -1):
        lead = heads[0][:size]
        if sum(h.startswith(lead) for h in heads) >= 0.6 * len(heads) and not lead.endswith(" "):
            return None if lead in _NOMINALISERS else lead
    return None


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


def _states_period(text: str, unit: str) -> bool:
    """Does the text give a figure in the unit: "สิบห้าวัน", "15 วัน", or a rate "ปีละหนึ่งครั้ง"?"""
    return re.search(f"{_FIGURE}{re.escape(unit)}|{re.escape(unit)}ละ\\s*{_FIGURE}", text) is not None


def _numbered_item(section: SectionRecord, number: str) -> str | None:
    """Item ``(number)`` of a section's list, up to the next item ("(๒) รองนายกรัฐมนตรี… เป็นรองประธานกรรมการ")."""
    whole = flat(section.text)
    digits = arabic_digits(whole)  # digit for digit, so its offsets are the section's own
    m = re.search(rf"\(\s*{re.escape(number)}\s*\)\s*(.+?)(?=\(\s*{int(number) + 1}\s*\)|$)", digits)
    if m is None or len(m.group(1)) > _REFERRED_ITEM:
        return None
    return whole[m.start(1) : m.end(1)].strip()


def _citing_clause(section: SectionRecord, number: str) -> str | None:
    """The clause of a section that gives the section a question cites its own period: the list item
    "(๒) ข้อมูลข่าวสารของราชการตามมาตรา ๑๕ เมื่อครบยี่สิบปี" answers "ข้อมูลตามมาตรา 15 … ครบกี่ปี"."""
    whole = flat(section.text)
    units = "|".join(_PERIOD_UNITS)
    m = re.search(
        rf"[^()]{{0,120}}มาตรา\s*{re.escape(number.split()[0])}(?![0-9/])[^()]{{0,80}}?{_FIGURE}(?:{units})",
        arabic_digits(whole),  # digit for digit, so its offsets are the section's own
    )
    return whole[m.start() : m.end()].strip() if m else None


# The punishment of a penal provision ends its first sentence; what follows is about a juristic person's directors
# or a graver case, another rule ("ในกรณีที่ผู้กระทำความผิด…เป็นนิติบุคคล…")
_PUNISHMENT_END_RE = re.compile(r"ทั้งจำทั้งปรับ")


def _penalty_quote(penalty: Penalty) -> str:
    """The provision up to the end of its punishment, unless a graver or another case punished follows."""
    text = flat(penalty.source.text)
    m = _PUNISHMENT_END_RE.search(text)
    return text[: m.end()] if m and "ระวางโทษ" not in text[m.end() :] else text
