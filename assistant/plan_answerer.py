"""Answer plan-level questions (vision, strategies, goals, indicators and targets, measures, focus areas, counts)
from the plan structure extracted at ingest; every stated fact is a span of the cited plan passage.

It declines (abstains) when a question asks for a target of a year outside the plan's years, or about another
plan's period, and returns None for anything it does not recognise (laws, notices, the cover letter, a named
key project, monitoring or background text: past years' results, a national plan's targets), so retrieval decides.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel

from assistant.glossary import load_glossary
from assistant.grounding import violations
from assistant.query_rewrite import thai_glosses
from assistant.question_types import FIGURE_TYPES, classify, named_systems
from assistant.schemas import Citation
from assistant.sentences import segments
from assistant.structured import Conversation, StructuredAnswer
from corpus.thai_text import BE_OFFSET, be_year, compact_key, key_tokens, loose_key, stop_keys, strip_tones, thai_key
from index.chunk_record import ChunkRecord
from index.plan.model import Fact, Indicator, Item, Measure, PlanStructure, Strategy

INTENTS_PATH = Path(__file__).with_name("data") / "plan_intents.yaml"

# "ยุทธศาสตร์ที่ 2", typed also without its silent ร์ ("ยุทธศาสตที่ 2")
_STRATEGY_NO_RE = re.compile(
    r"(?:ยุทธศาสต(?:ร์?)?(?:ที่)?|strategy|strategic (?:issue|pillar) )\s*(?:no\.?\s*)?(\d{1,2})", re.I
)
_MEASURE_NO_RE = re.compile(r"มาตรการ(?:ที่)?\s*(\d{1,2})(?![.\d])|measure\s*(?:no\.?\s*)?(\d{1,2})", re.I)
# The heads of a Thai body's or law's name (a fund, an Act, an office, a department, a ministry, a committee)
_BODY_NAME_RE = re.compile(r"(?:กองทุน|พระราชบัญญัติ|สำนักงาน|กรม|กระทรวง|คณะกรรมการ|สถาบัน)")
_INDICATOR_NO_RE = re.compile(r"ตัวชี้วัด(?:ที่)?\s*(\d{1,2})(?![.\d])|indicator\s*(?:no\.?\s*)?(\d{1,2})", re.I)
_ITEM_NO_RE = re.compile(r"(?:ข้อ|ขอ|ประการ)\s*ที่\s*(\d{1,2})(?![.\d])|(?:objective|goal)\s*(?:no\.?\s*)?(\d{1,2})", re.I)
_PROJECT_NO_RE = re.compile(r"(?<![\d.])[1-9]\.\d{1,2}(?![\d.])")
_YEAR_RE = re.compile(r"(?<!\d)(25\d\d|20\d\d)(?!\d)")
_RANGE_RE = re.compile(r"(?<!\d)(25\d\d|20\d\d)\s*[-–]\s*(25\d\d|20\d\d)(?!\d)")
_QUOTE_RE = re.compile(r"“[^”]+”")
_QUOTED_RE = re.compile(r"[“\"']([^”\"']{2,80})[”\"']")  # a phrase the question quotes (“…”, "…", '…')
_MIN_QUOTED_KEY = 4  # keyed characters of a quoted phrase that make it a reference the answer must hold
# Asking what a term means (Royal Institute dictionary wording: หมายถึง, หมายความว่า, ความหมาย; English).
_MEANING_RE = re.compile(r"หมายถึง|หมายความว่า|ความหมาย|คืออะไร|\bmean|\bmeaning|\bdefin|\binvolve|\bstand for")
_BULLET_RE = re.compile(r"•\s*([^•]+)")  # a bulleted entry, up to the next bullet
_MIN_SUMMARY_TOPIC = 0.5  # share of a question's topic words a summary answer's passages must hold
_HEADING_SLACK = 16  # keyed characters of topic a strategy's heading may lack and still be what is asked
_MIN_TOPIC = 2  # topic terms an indicator or strategy must share with the question
_MIN_TOPIC_CHARS = 8  # … or one shared term at least this long
_MIN_SUBJECT_CHARS = 5  # a question word this long (keyed) names what is measured, not how it is asked
_FEW_SHARED = 2  # an indicator sharing no more words than this must hold every such word
_MIN_KEY = 3  # shorter keyed intent words match inside unrelated words
_PREFIXES = ("การ", "ความ")  # nominalisers the question may add or drop ("การอำนวยความสะดวก")
_LIST_JOIN_MAX = 700  # a list this long still fits the first line
_MIN_STEP_TOPIC = 20  # keyed characters of topic a question must share with one measure step to be about it
_ITEM_MARK = 4  # characters before a fact that may hold its list number
_MIN_FOCUS_KEY = 4  # keyed letters of a focus-area name the question must contain to name it


class _IntentWords(BaseModel):
    source: str
    th: list[str] = []
    toneless: list[str] = []  # matched on the question without tone marks: words too short to key safely
    en: list[str] = []


@dataclass(frozen=True)
class _Intent:
    keys: tuple[str, ...]
    plain: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]

    def found(self, key: str, low: str, bare: str) -> bool:
        return (
            any(k in key for k in self.keys)
            or any(w in bare for w in self.plain)
            or any(p.search(low) for p in self.patterns)
        )


@lru_cache(maxsize=2)
def load_intents(path: Path = INTENTS_PATH) -> dict[str, _Intent]:
    """Intent word lists, keyed once (see the data file for each list's source)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = {}
    for name, raw in data.items():
        words = _IntentWords.model_validate(raw)
        # each word also without its silent letters: people drop them ("ยุทธศาสต" typed for ยุทธศาสตร์)
        variants = (k for w in words.th for k in (compact_key(w), compact_key(loose_key(w))))
        keys = tuple(dict.fromkeys(k for k in variants if len(k) >= _MIN_KEY))
        plain = tuple(_toneless(w) for w in words.toneless)
        out[name] = _Intent(keys, plain, tuple(re.compile(p, re.I) for p in words.en))
    return out


@dataclass
class _Question:
    text: str
    key: str
    low: str
    en: bool
    intents: dict[str, _Intent]

    def has(self, name: str) -> bool:
        return self.intents[name].found(self.key, self.low, self.bare)

    @property
    def bare(self) -> str:
        return _toneless(self.low)


def _named_items(q: _Question, names: list[str]) -> list[int]:
    """The listed items the question names, by the English name in brackets ("(People)") or by a word of the Thai
    name no other item shares ("บุคลากร")."""
    tokens = [set(key_tokens(n.split("(")[0])) for n in names]
    named = []
    for k, name in enumerate(names):
        english = re.findall(r"\(([A-Za-z][A-Za-z ]+)\)", name)
        own = tokens[k] - set().union(*(t for j, t in enumerate(tokens) if j != k))
        if any(e.lower() in q.low for e in english) or any(len(t) >= 5 and t in q.key for t in own):
            named.append(k)
    return named


_BODY_CHARS = 900  # the last listed item's text is looked for this far (no next heading ends it)
_ITEM_BULLET_RE = re.compile(r"\s*[•▪]\s*")  # a bullet between listed points
_PARAGRAPH_RE = re.compile(r"\n\s*\n")


class PlanAnswerer:
    """Plan-level facts from the extracted structure, each answer citing the page passage it was read from."""

    name = "plan"

    def __init__(
        self,
        plan: PlanStructure,
        names_project: Callable[[str], list[str]] | None = None,
        passages: Sequence[ChunkRecord] = (),
        letters: Sequence[ChunkRecord] = (),
    ) -> None:
        self.plan = plan
        self.letters = list(letters)  # the cover letter's passages: a plan fact it restates is cited from it
        self.names_project = names_project  # the key-project answerer's identification, to leave those alone
        # the plan's index chunks: a fact is cited with the passage(s) holding it, as retrieval would cite them
        self.passages = sorted((c for c in passages if c.doc_id == plan.doc_id), key=lambda c: c.start)
        self.intents = load_intents()
        self._generic = sorted({compact_key(w) for w in _words("generic")}, key=len, reverse=True)
        self._intent_keys = {k for intent in self.intents.values() for k in intent.keys}  # intent words, keyed

    # ------------------------------------------------------------------ entry point

    def answer(self, conversation: Conversation) -> StructuredAnswer | None:
        """An answer, an abstention for a year/period the plan does not cover, or None (not a plan question)."""
        q = self._question(conversation.question, conversation.language)
        if q.has("letter"):  # what the cover letter says of the plan is the letter's text, cited from the letter
            return self._restated_in_letter(conversation, q)
        return self._plan_answer(conversation, q)

    def _restated_in_letter(self, conversation: Conversation, q: _Question) -> StructuredAnswer | None:
        """A plan fact asked as the cover letter states it ("วิสัยทัศน์ตามหนังสือ สพร."): the letter's sentence that
        quotes the plan's statement, when the letter quotes it word for word; else None (retrieval reads the letter)."""
        found = self._plan_answer(conversation, q, in_letter=True) if self.letters else None
        if found is None or found.abstained:
            return None
        quoted = [compact_key(m) for m in _QUOTED_RE.findall(found.answer.partition("\n")[0])]
        for key in (k for k in quoted if len(k) >= _MIN_QUOTED_KEY):
            for chunk in self.letters:
                seg = next((g for g in segments(chunk.text) if key in compact_key(g.text)), None)
                if seg is None:
                    continue
                text = _squash(seg.text)
                head = f"The letter says: “{text}” [1]" if q.en else f"{text} [1]"
                return StructuredAnswer(f"{head}\n“{text}” [1]", [Citation.of_chunk(1, chunk)], self.name)
        return None

    def _plan_answer(
        self, conversation: Conversation, q: _Question, in_letter: bool = False
    ) -> StructuredAnswer | None:
        """The plan's own answer; ``in_letter``: asked as the cover letter (sent to the Cabinet) states it."""
        if (q.has("other_documents") and not self._asks_basis(q) and not in_letter) or _PROJECT_NO_RE.search(q.text):
            return None  # a law named for what the plan is prepared under is still a question about the plan
        if self.names_project is not None and self.names_project(q.text) and not q.has("count"):
            return None
        if q.has("owner") or (q.has("budget") and not q.has("indicator")):
            # owners and one project's budget are the key-project registry's; a strategy's total is summed here
            return self._budget_sum(q) if q.has("budget") and not q.has("owner") else None
        merged = bool(conversation.followup and conversation.earlier and not self._intent(q))
        if merged:  # nothing asked in the follow-up's own words: the turn before says what
            q = self._question(f"{q.text} {conversation.earlier[0]}", conversation.language)
        asked = f"{conversation.question} {conversation.earlier[0]}" if merged else conversation.question
        if any(t.contact for t in classify(asked)):  # as typed: an English question's Thai glosses ask nothing
            return None  # "ในภาคผนวกตัวชี้วัด … รับเรื่องผ่านไลน์ไอดีอะไร": a handle printed in a table, no plan fact
        if not self._intent(q) or self._background(q) or self._other_plans(q):
            return None
        if self._other_period(q) or self._unknown_strategy(q):
            return StructuredAnswer("", [], self.name, abstained=True)
        defined = self._quoted_definition(q)
        if defined is not None:
            return self._grounded(defined)
        found = self._handled(q, in_letter)
        if found is None and conversation.followup and conversation.earlier and not merged:
            # "แล้วแผนตั้งเป้าไว้ว่าภายในปี 2570 จะต้องได้อันดับเท่าไหร่": what is measured is named in the turn before
            context = self._question(f"{q.text} {conversation.earlier[0]}", conversation.language)
            found = self._handled(context, in_letter)
        return found

    def _handled(self, q: _Question, in_letter: bool) -> StructuredAnswer | None:
        """The first handler's answer to the question, if the cited passages hold what it names."""
        for handler in (self._basis, self._success, self._monitoring, self._vision, self._period, self._count,
                        self._indicator, self._focus, self._measures, self._objectives, self._goals,
                        self._strategy):  # fmt: skip
            found = handler(q)
            # a heading or a count, not a detail in it ("ยุทธศาสตร์ที่ 4 … โครงการที่นำข้อมูลเปิดไปใช้กี่โครงการ")
            # (asked as the letter states it, the letter must quote the answer word for word: that check is stricter)
            headings = (self._success, self._monitoring, self._vision, self._strategy, self._count)
            summary = handler in headings and not in_letter
            slack = _HEADING_SLACK if handler == self._strategy else 0
            if found is not None and not self._about(found, q, summary=summary, slack=slack):
                return None  # the question names something the cited passages do not hold: retrieval finds it
            if found is not None:
                return self._grounded(found)
        return None

    def _unknown_strategy(self, q: _Question) -> bool:
        """A strategy number the plan does not have ("ยุทธศาสตร์ที่ 5" of a four-strategy plan): nothing to answer."""
        n = _strategy_number(q.text)
        numbers = {st.number for st in self.plan.strategies}
        return n is not None and bool(numbers) and n not in numbers

    def _quoted_definition(self, q: _Question) -> StructuredAnswer | None:
        """What the plan says a term the question quotes means: the plan's bulleted entry that opens with it.

        The plan explains its vision's and principles' terms as "• <term> <explanation>" entries; a question
        quoting such a term and asking its meaning gets that entry, not the heading it belongs to.
        """
        if not _MEANING_RE.search(q.low):
            return None
        for phrase in _QUOTED_RE.findall(q.text):
            key = compact_key(phrase)
            if len(key) < _MIN_QUOTED_KEY:
                continue
            for c in self.passages:
                for m in _BULLET_RE.finditer(c.text):
                    entry = m.group(1).strip()
                    if compact_key(entry).startswith(key) and len(compact_key(entry)) > len(key) + _MIN_QUOTED_KEY:
                        head = f"The plan explains: “{_squash(entry)}”" if q.en else _squash(entry)
                        citation = Citation.of_chunk(1, c)
                        return StructuredAnswer(f"{head} [1]\n“{_squash(entry)}” [1]", [citation], self.name)
        return None

    def _about(self, found: StructuredAnswer, q: _Question, summary: bool, slack: int = 0) -> bool:
        """The cited passages hold what the question names: every phrase it quotes, and for a summary answer
        (the vision, the monitoring scheme, a strategy's heading) most of its own topic words, so a question about
        one step ("ประเมินผล…แนวปฏิบัติธรรมาภิบาลข้อมูล", "ยุทธศาสตร์ 2 จะแจ้งเตือนสิทธิผ่านช่องทางไหน") is not
        answered with the heading's summary. ``slack``: keyed characters of topic the passages may lack (a
        strategy asked "มุ่งเน้นเรื่องใด" is asked about its heading in a word or two the heading does not use)."""
        if found.abstained:
            return True
        cited = compact_key(" ".join(c.text for c in found.citations))
        quoted = [compact_key(m) for m in _QUOTED_RE.findall(q.text)]
        if any(len(k) >= _MIN_QUOTED_KEY and k not in cited for k in quoted):
            return False
        # "… Government Intranet … GSI ให้บริการกี่หน่วยงาน" is not answered by an indicator without GSI (a glossary
        # phrase such as "focus area" is the question's wording, not a name)
        names = named_systems(q.text)
        english = load_glossary().english if names else {}
        if any(n.lower() not in english and compact_key(n) not in cited for n in names):
            return False
        if not summary or q.en:
            return True
        terms = self._topic(q.text) - self._intent_keys - stop_keys()  # "เขียนไว้ว่าอย่างไร", "หน่อยครับ" name nothing
        total = sum(len(t) for t in terms)
        held = sum(len(t) for t in terms if t.replace(" ", "") in cited)
        return total == 0 or held / total >= _MIN_SUMMARY_TOPIC or total - held < slack

    def _grounded(self, found: StructuredAnswer) -> StructuredAnswer | None:
        """The answer only when every number and name it states is in its cited passages (else retrieval)."""
        if found.abstained or not violations(found.answer, [c.text for c in found.citations]):
            return found
        return None

    def _question(self, text: str, language: str) -> _Question:
        en = language == "en" or not re.search(r"[\u0e01-\u0e5b]", text)
        if en:  # an English question is matched with the Thai plan through its glossary wording too
            text = " ".join([text, *thai_glosses(text)])
        return _Question(text, compact_key(text), text.lower(), en, self.intents)

    def _intent(self, q: _Question) -> bool:
        names = (
            "vision", "strategy", "indicator", "goal", "measure", "focus", "objective", "monitoring", "period",
            "success",
        )  # fmt: skip
        return any(q.has(n) for n in names) or (q.has("count") and q.has("project")) or self._asks_basis(q)

    def _asks_basis(self, q: _Question) -> bool:
        """What this plan is prepared under, or which earlier and national plans it reviews and follows."""
        return (q.has("legal_basis") or q.has("alignment")) and q.has("plan_self")

    def _background(self, q: _Question) -> bool:
        """A year or plan period before this plan's, asked without target wording: the plan's review of past
        results and its situation analysis ("ปี 2564 ความพึงพอใจอยู่ที่ร้อยละเท่าไร", "ผลการดำเนินงานตามแผน
        2563-2565"), which retrieval quotes; a target for such a year ("ภายในปี 2560 ตั้งเป้า…") is still declined."""
        years = [be_year(int(y)) for y in _YEAR_RE.findall(q.text)]
        return bool(years) and all(y < self.plan.first_year for y in years) and not q.has("target")

    def _other_plans(self, q: _Question) -> bool:
        """The question names a national plan (ยุทธศาสตร์ชาติ, แผนแม่บท…) and not this plan: what this plan quotes
        of it is background text, which retrieval finds; this plan's own indicators do not answer it."""
        return q.has("alignment") and not q.has("plan_self") and not self._asks_basis(q)

    def _other_period(self, q: _Question) -> bool:
        """A plan period or a target year outside this plan's years (2571-2575, a 2565 target)."""
        first, last = self.plan.first_year, self.plan.last_year
        text = q.text
        for m in _RANGE_RE.finditer(text):
            a, b = be_year(int(m.group(1))), be_year(int(m.group(2)))
            if (a, b) != (first, last):
                return True
            text = text.replace(m.group(0), " ")
        asks_target = q.has("indicator") or q.has("goal") or q.has("count")
        return asks_target and any(not first <= be_year(int(y)) <= last for y in _YEAR_RE.findall(text))

    # ------------------------------------------------------------------ handlers

    def _vision(self, q: _Question) -> StructuredAnswer | None:
        vision = self.plan.vision
        if not q.has("vision") or vision is None:
            return None
        quote = _QUOTE_RE.search(vision.text)
        stated = quote.group(0) if quote else vision.text
        head = f"The plan's vision is {stated}" if q.en else f"วิสัยทัศน์ของแผนฯ คือ {stated}"
        return self._reply([head], [("วิสัยทัศน์", vision)])

    def _basis(self, q: _Question) -> StructuredAnswer | None:
        if not self._asks_basis(q):
            return None
        law, alignment = self.plan.legal_basis, self.plan.alignment
        if q.has("legal_basis") and law is not None:
            stated = _squash(law.text)
            head = f"The plan was prepared under: “{stated}”" if q.en else f"แผนฯ {stated}"
            return self._reply([head], [("ที่มาของแผนฯ", law)])
        if q.has("alignment") and alignment is not None:
            stated = _squash(alignment.text)
            head = (
                f"The plan reviews earlier plans and follows national plans: “{stated}”"
                if q.en
                else f"ในการจัดทำแผนฯ {stated}"
            )
            return self._reply([head], [("ความสอดคล้องของแผนฯ", alignment)])
        return None

    def _period(self, q: _Question) -> StructuredAnswer | None:
        period = self.plan.period
        if not q.has("period") or period is None:
            return None
        first, last = self.plan.first_year, self.plan.last_year
        head = (
            f"The plan covers B.E. {first}–{last} ({first - BE_OFFSET}–{last - BE_OFFSET})"
            if q.en
            else f"แผนฯ มีระยะเวลา พ.ศ. {first} - {last}"
        )
        return self._reply([head], [("ชื่อแผน", period)])

    def _success(self, q: _Question) -> StructuredAnswer | None:
        """The plan's key success factors, each named as printed, counted as the plan counts them."""
        factors, lead = self.plan.success_factors, self.plan.success_lead
        if not q.has("success") or not factors or lead is None:
            return None
        named = _named_items(q, [f.text for f in factors])
        if len(named) == 1:  # "ปัจจัยด้านบุคลากรประกอบด้วยอะไร": what that factor holds, from its heading on
            return self._item_body(q, factors, named[0], "ปัจจัยสู่ความสำเร็จ")
        if named:
            return None
        names = "; ".join(f.text for f in factors)
        head = (
            f"The plan's key success factors ({len(factors)}): {names}"
            if q.en
            else f"ปัจจัยสู่ความสำเร็จของแผนฯ แบ่งเป็น {len(factors)} ประเด็น ได้แก่ {names}"
        )
        section = "ปัจจัยสู่ความสำเร็จ"
        return self._reply([head], [(section, lead), *((section, f.fact) for f in factors)], list_marker=True)

    def _item_body(self, q: _Question, items: list[Item], k: int, section: str) -> StructuredAnswer | None:
        """One listed item's own text, from its heading to the next item's (the last: ``_BODY_CHARS`` on), its
        bullets read as the answer ("การพัฒนาด้านบุคลากร ประกอบด้วย • … • …")."""
        item = items[k]
        if item.fact is None:
            return None
        start = item.fact.start
        nxt = items[k + 1].fact if k + 1 < len(items) else None
        end = nxt.start if nxt is not None and nxt.start > start else self._bullets_end(start)
        held = [c for c in self.passages if c.start < end and start < c.end]
        body = " ".join(c.text[max(0, start - c.start) : end - c.start] for c in held)
        body = _squash(_PARAGRAPH_RE.split(body, maxsplit=1)[0] if nxt is None else body)  # the last: its paragraph
        if len(body) <= len(item.text):
            return None
        bullets = [b.strip() for b in _ITEM_BULLET_RE.split(body)[1:] if b.strip()]  # the points after its lead
        if bullets:
            listed = "; ".join(bullets)
            head = f"{item.text} ({len(bullets)}): {listed}" if q.en else f"{item.text} ประกอบด้วย {listed}"
        else:
            head = body
        fact = Fact(text=body, page=item.fact.page, start=start, end=end)
        return self._reply([head], [(section, fact)])

    def _bullets_end(self, start: int) -> int:
        """Where the bulleted list after ``start`` ends: the last item of a list has no next heading to stop at, so
        its text runs to the end of the passage holding its bullets (and of passages that go on with bullets)."""
        after = [c for c in self.passages if c.end > start and c.start < start + _BODY_CHARS]
        for k, c in enumerate(after):
            if _ITEM_BULLET_RE.search(c.text):
                end = c.end
                for more in after[k + 1 :]:
                    if not more.text.lstrip().startswith(("•", "▪")):
                        break
                    end = more.end
                return end
        return start + _BODY_CHARS

    def _monitoring(self, q: _Question) -> StructuredAnswer | None:
        if not (q.has("monitoring") and q.has("plan")) or not self.plan.monitoring:
            return None
        head = "How the plan is monitored and evaluated:" if q.en else "การติดตามและประเมินผลตามแผนฯ:"
        return self._listing(head, [(f"การติดตามและประเมินผล {i.number}", i.text, i.fact) for i in self.plan.monitoring])

    def _count(self, q: _Question) -> StructuredAnswer | None:
        if not (q.has("count") or q.has("count_indicator")):
            return None
        n = _strategy_number(q.text)
        strategy = self.plan.strategy(n) if n else None
        if q.has("count_indicator"):
            return self._indicator_count(q, strategy)
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
        # "Strategy 4 … how many projects": a count inside one named strategy, not how many strategies there are
        if q.has("strategy") and strategy is None and self.plan.strategy_count_facts:
            stated = self.plan.strategy_count
            head = f"The plan has {stated} strategies" if q.en else f"แผนฯ กำหนดไว้ {stated} ยุทธศาสตร์"
            if (q.has("list") or q.has("name")) and len(self.plan.strategies) == stated:  # "…กี่ยุทธศาสตร์ ชื่ออะไร"
                rows = [(f"ยุทธศาสตร์ที่ {s.number}", _squash(s.heading.text), s.heading) for s in self.plan.strategies]
                return self._listing(f"{head}:", rows)
            facts = [("ยุทธศาสตร์", f) for f in self.plan.strategy_count_facts]
            return self._reply([head], facts, list_marker=True)
        return None

    def _indicator_count(self, q: _Question, strategy: Strategy | None) -> StructuredAnswer | None:
        inds = strategy.indicators if strategy is not None else self.plan.targets
        if not inds:
            return None
        k = len(inds)
        if strategy is not None:
            section = f"ยุทธศาสตร์ที่ {strategy.number} ตัวชี้วัด"
            head = (
                f"Strategy {strategy.number} has {k} indicators:"
                if q.en
                else f"ยุทธศาสตร์ที่ {strategy.number} มีตัวชี้วัด {k} ตัว:"
            )
        else:
            section = "ตัวชี้วัดแผนฯ"
            head = f"The plan has {k} plan-level targets:" if q.en else f"ตัวชี้วัดระดับแผนฯ มี {k} ตัว:"
        return self._listing(
            head, [(f"{section} {i.number}", f"{i.number}. {_squash(i.fact.text)}", i.fact) for i in inds]
        )

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
        worked = " + ".join(str(s.project_count) for s in stated) + f" = {total}"  # the sum shown, not printed
        head = (
            f"The plan has {total} key projects in all (the per-strategy counts added up: {worked})"
            if q.en
            else f"แผนฯ มีโครงการสำคัญรวม {total} โครงการ (ผลรวมจำนวนที่ระบุรายยุทธศาสตร์: {worked})"
        )
        facts = [(f"ยุทธศาสตร์ที่ {s.number}", s.project_count_fact) for s in stated if s.project_count_fact]
        return self._reply([head], facts, list_marker=True)

    def _indicator(self, q: _Question) -> StructuredAnswer | None:
        if not (q.has("indicator") or q.has("goal")):
            return None
        n = _strategy_number(q.text)
        numbered = self._numbered_indicator(q, n)
        if numbered is not None:
            return numbered
        candidates: list[tuple[Strategy | None, Indicator]] = []
        if n is None or self.plan.strategy(n) is None:
            candidates += [(None, t) for t in self.plan.targets]
        for s in self.plan.strategies:
            if n is None or s.number == n:
                candidates += [(s, i) for i in s.indicators]
        terms = self._topic(q.text)
        if q.en:  # words (English, or Thai glosses) that no indicator uses are noise of the translation
            used = compact_key(" ".join(f"{i.what} {i.note.text if i.note else ''}" for _, i in candidates))
            terms = {t for t in terms if t.replace(" ", "") in used}
        best: tuple[float, tuple[Strategy | None, Indicator] | None] = (0.0, None)
        for owner, ind in candidates:
            score = _overlap(terms, f"{ind.what} {ind.note.text if ind.note else ''}")
            if score > best[0]:
                best = (score, (owner, ind))
        asked_years = {be_year(int(y)) for y in _YEAR_RE.findall(_RANGE_RE.sub(" ", q.text))}
        if best[1] is None or best[0] < _MIN_TOPIC_CHARS:
            if q.has("indicator") and (q.has("list") or q.en):  # English topics cannot be matched on Thai text
                if q.en and self._names_no_indicator(q):
                    return None  # "what percentage of NBTC's revenue goes to the Fund": not a target of this plan
                return self._indicator_list(q, self.plan.strategy(n) if n else None, asked_years)
            return None
        strategy, ind = best[1]
        if _other_subject(terms, f"{ind.what} {ind.note.text if ind.note else ''}"):
            # no indicator of the plan measures it; an English question's topic is only glossed into Thai, so
            # retrieval, reading its words across languages, is asked instead of declining
            return None if q.en else StructuredAnswer("", [], self.name, abstained=True)
        if asked_years and ind.year not in asked_years:
            return None  # the plan states this indicator for another year; never answer a neighbour's number
        section = f"ยุทธศาสตร์ที่ {strategy.number} ตัวชี้วัด {ind.number}" if strategy else "ตัวชี้วัดแผนฯ"
        stated = _squash(ind.fact.text)
        head = f"By {ind.year} B.E. the plan's target: “{stated}”" if q.en else stated
        facts: list[tuple[str, Fact]] = [(section, ind.fact)]
        if ind.note is not None and q.has("focus"):
            # the indicator marks "ในด้านสำคัญ 22" and its footnote lists those areas: asked about, both are line 1
            facts.append((section, ind.note))
            note = _squash(ind.note.text)
            head = f"{head}; the key areas: “{note}”" if q.en else f"{head} — {note}"
            return self._reply([head], facts, one_marker=False)
        return self._reply([head], facts)

    def _names_no_indicator(self, q: _Question) -> bool:
        """An English question names an agency, Act or fund (a glossary name, not a general word) that no target
        or indicator of the plan mentions: its percentage or rank is another document's, which retrieval finds."""
        inds = [*self.plan.targets, *(i for s in self.plan.strategies for i in s.indicators)]
        used = compact_key(" ".join(f"{i.what} {i.note.text if i.note else ''}" for i in inds))
        names = [th.split() for th in thai_glosses(q.text, words=False) if _BODY_NAME_RE.match(th)]
        return any(all(compact_key(alt) not in used for alt in alts) for alts in names)

    def _numbered_indicator(self, q: _Question, n: int | None) -> StructuredAnswer | None:
        """An indicator asked by its number ("ตัวชี้วัดที่ 3 ของยุทธศาสตร์ที่ 1"), as printed."""
        m = _INDICATOR_NO_RE.search(q.text)
        strategy = self.plan.strategy(n) if n else None
        if m is None or strategy is None:
            return None
        number = m.group(1) or m.group(2)
        ind = next((i for i in strategy.indicators if i.number == number), None)
        if ind is None:
            return StructuredAnswer("", [], self.name, abstained=True)  # the strategy has no such indicator
        stated = _squash(ind.fact.text)
        head = (
            f"Indicator {number} of strategy {strategy.number}: “{stated}”"
            if q.en
            else f"ตัวชี้วัดที่ {number} ของยุทธศาสตร์ที่ {strategy.number}: {stated}"
        )
        return self._reply([head], [(f"ยุทธศาสตร์ที่ {strategy.number} ตัวชี้วัด {number}", ind.fact)])

    def _indicator_list(
        self, q: _Question, strategy: Strategy | None, years: set[int] | None = None
    ) -> StructuredAnswer | None:
        """The indicators of a strategy (or the plan's targets), only those due in the asked years if any."""
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
        inds = [i for i in inds if not years or i.year in years]
        if not inds:
            return None
        items = [(f"{section} {i.number}", _squash(i.fact.text), i.fact) for i in inds]
        if q.has("focus"):  # the areas a footnoted "ในด้านสำคัญ 21" covers are asked: each note beside its indicator
            items += [(f"{section} {i.number}", _squash(i.note.text), i.note) for i in inds if i.note is not None]
        return self._listing(head, items)

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
                f"Strategy {strategy.number} ({strategy.name}) has {k} focus areas: {names}"
                if q.en
                else f"ยุทธศาสตร์ที่ {strategy.number} {strategy.name} มีด้านที่เน้นความสำคัญ {k} ด้าน ได้แก่ {names}"
            )
            section = f"ยุทธศาสตร์ที่ {strategy.number}"
            return self._reply([head], [(section, strategy.focus_lead), (section, strategy.heading)], list_marker=True)
        owner = self._focus_owner(q) if q.has("strategy") else None
        if owner is not None:
            strategy, item = owner
            stated = _squash(item.fact.text)
            head = (
                f"{item.text} is a focus area of strategy {strategy.number} ({strategy.name}): {stated}"
                if q.en
                else f"ด้าน{item.text} อยู่ภายใต้ยุทธศาสตร์ที่ {strategy.number} {strategy.name}: {stated}"
            )
            section = f"ยุทธศาสตร์ที่ {strategy.number} ด้านที่เน้นความสำคัญ {item.number}"
            return self._reply([head], [(section, item.fact), (f"ยุทธศาสตร์ที่ {strategy.number}", strategy.heading)],
                               list_marker=True)  # fmt: skip
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

    def _focus_owner(self, q: _Question) -> tuple[Strategy, Item] | None:
        """The strategy whose focus area the question names ("ด้านการเกษตรอยู่ในยุทธศาสตร์ใด"): longest name wins."""
        best: tuple[int, tuple[Strategy, Item] | None] = (0, None)
        for strategy in self.plan.strategies:
            for item in strategy.focus_areas:
                key = compact_key(re.sub(r"\(.*?\)", " ", item.text))
                prefixes = (compact_key(x) for x in _PREFIXES)
                for name in {key, *(key[len(p) :] for p in prefixes if key.startswith(p))}:
                    if len(name) >= _MIN_FOCUS_KEY and name in q.key and len(name) > best[0]:
                        best = (len(name), (strategy, item))
        return best[1]

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
        step = self._step(q, strategy)
        if step is not None:
            measure, item = step
            head = f"{item.number}) {item.text}"
            facts = [(f"{section} {item.number}", item.fact), (f"{section} {measure.number}", measure.fact)]
            return self._reply([head], facts, list_marker=True)
        head = (
            f"Measures of strategy {strategy.number}:"
            if q.en
            else f"มาตรการของยุทธศาสตร์ที่ {strategy.number} มี {len(strategy.measures)} มาตรการ:"
        )
        return self._listing(
            head, [(f"{section} {m.number}", f"{m.number}) {m.title}", m.fact) for m in strategy.measures]
        )

    def _step(self, q: _Question, strategy: Strategy) -> tuple[Measure, Item] | None:
        """The measure step a specific (not listing) question is about, by its topic words."""
        if q.has("list") or q.en:
            return None
        terms = self._topic(q.text)
        scored = [(_overlap(terms, st.text), m, st) for m in strategy.measures for st in m.steps]
        score, measure, step = max(scored, key=lambda x: x[0], default=(0.0, None, None))
        if measure is None or step is None or score < _MIN_STEP_TOPIC:
            return None
        return measure, step

    def _objectives(self, q: _Question) -> StructuredAnswer | None:
        lead = self.plan.objectives_lead
        if not q.has("objective") or lead is None or q.has("strategy") or q.has("project"):
            return None
        k = len(self.plan.objectives)
        m = _ITEM_NO_RE.search(q.text)
        number = (m.group(1) or m.group(2)) if m else None
        item = next((o for o in self.plan.objectives if o.number == number), None)
        if number is not None and item is not None:
            head = (
                f"Objective {number} of the plan: {item.text}"
                if q.en
                else f"วัตถุประสงค์ข้อที่ {number} ของแผนฯ คือ {item.text}"
            )
            return self._reply([head], [(f"วัตถุประสงค์ของแผนฯ {number}", item.fact)])
        head = f"The plan has {k} main objectives" if q.en else f"แผนฯ มีวัตถุประสงค์หลัก {k} ประการ"
        if self.plan.objectives:  # every objective on the first line, each quoted with its own passage
            rows = [
                (f"วัตถุประสงค์ของแผนฯ {o.number}", f"{o.number}) {_squash(o.text)}", o.fact) for o in self.plan.objectives
            ]
            return self._listing(f"{head}:", rows)
        return self._reply([head], [("วัตถุประสงค์ของแผนฯ", lead)])

    def _budget_sum(self, q: _Question) -> StructuredAnswer | None:
        """A strategy's key-project budgets added up in the open, each amount cited where appendix 4 prints it; the
        whole plan's total is declined."""
        n = _strategy_number(q.text)
        if n is None and q.has("total") and q.has("plan"):
            # "งบประมาณรวมทั้งแผน": the plan prints no total of its own, and a sum across strategies would add up
            # projects some of which state no amount; declined rather than a figure the plan never gives
            return StructuredAnswer("", [], self.name, abstained=True)
        strategy = self.plan.strategy(n) if n else None
        budget = strategy.budget if strategy is not None else None
        if strategy is None or budget is None or not q.has("total") or not budget.facts:
            return None
        counted = [num for num in budget.counted if num in budget.facts and num in budget.amounts]
        total = _plain(round(sum(budget.amounts[num] for num in counted), 4))
        worked = " + ".join(_plain(budget.amounts[num]) for num in counted) + f" = {total}"
        skipped = len(strategy.projects) - len(counted)
        if q.en:
            head = (
                f"The key projects of strategy {strategy.number} add up to {total} million baht ({worked}; a sum of "
                f"the project budgets, not a figure the plan prints; {skipped} projects state no amount)"
            )
        else:
            head = (
                f"งบประมาณโครงการสำคัญของยุทธศาสตร์ที่ {strategy.number} รวม {total} ล้านบาท ({worked}; ผลรวมจากงบประมาณ"
                f"รายโครงการ ไม่ใช่ตัวเลขที่แผนระบุ; อีก {skipped} โครงการไม่ระบุจำนวนเงิน)"
            )
        facts = [(f"โครงการ {num} งบประมาณ", budget.facts[num]) for num in counted]
        return self._grounded(self._reply([head], facts, list_marker=True))

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
            if {t.name for t in classify(q.text)} & FIGURE_TYPES:
                return None  # a year, date or figure asked of a named strategy is stated inside it, not by its name
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
        citations, marks = self._cite([(section, fact) for section, _, fact in rows])
        markers = " ".join(f"[{c.n}]" for c in citations)
        joined = "; ".join(text for _, text, _ in rows)
        first = f"{head} {joined} {markers}" if len(joined) <= _LIST_JOIN_MAX else f"{head} {markers}"
        lines = [first] + [f"{text} [{n}]" for (_, text, _), n in zip(rows, marks, strict=True)]
        return StructuredAnswer("\n".join(lines), citations, self.name)

    def _reply(
        self,
        head: list[str],
        facts: list[tuple[str, Fact]],
        one_marker: bool = True,
        list_marker: bool = False,
    ) -> StructuredAnswer:
        """First line states the fact with its marker(s); then the quoted facts, each with its passage's marker."""
        citations, marks = self._cite(facts)
        markers = " ".join(f"[{c.n}]" for c in citations) if (list_marker or not one_marker) else "[1]"
        lines = [f"{head[0]} {markers}"]
        lines += [f"{line} [1]" for line in head[1:]]
        quoted: set[str] = set()
        for (_, fact), n in zip(facts, marks, strict=True):
            if fact.text not in quoted:
                quoted.add(fact.text)
                lines.append(f"“{_squash(fact.text)}” [{n}]")
        return StructuredAnswer("\n".join(lines), citations, self.name)

    def _cite(self, facts: list[tuple[str, Fact]]) -> tuple[list[Citation], list[int]]:
        """One citation per distinct passage holding the facts, and each fact's marker number."""
        citations: list[Citation] = []
        by_passage: dict[tuple[int, int], int] = {}
        marks = []
        for section, fact in facts:
            text, span = self._passage(fact)
            if span not in by_passage:
                by_passage[span] = len(citations) + 1
                citations.append(
                    Citation(
                        n=len(citations) + 1,
                        doc_id=self.plan.doc_id,
                        title=self.plan.title,
                        section=section,
                        page=fact.page,
                        text=text,
                        source_url=self.plan.source_url,
                        score=1.0,
                    )
                )
            marks.append(by_passage[span])
        return citations, marks

    def _passage(self, fact: Fact) -> tuple[str, tuple[int, int]]:
        """The index chunk(s) the fact lies in (what retrieval would cite), or the fact alone without chunks."""
        start = fact.start - _ITEM_MARK  # a list item's number ("3. ", "• ") is printed just before it
        held = [c for c in self.passages if c.start < fact.end and start < c.end]
        text = " ".join(c.text for c in held)
        if not held or _squash(fact.text) not in _squash(text):  # no chunks, or chunks of another text version
            return fact.text, (fact.start, fact.end)
        return text, (held[0].start, held[-1].end)


def _words(name: str, path: Path = INTENTS_PATH) -> list[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return list(data[name]["th"])


def _strategy_number(text: str) -> int | None:
    m = _STRATEGY_NO_RE.search(text)
    return int(m.group(1)) if m else None


def _plain(value: float) -> str:
    """A figure as written in the plan's tables: no trailing zeros (26.895, 500)."""
    return f"{value:,.4f}".rstrip("0").rstrip(".").replace(",", "")



def _overlap(terms: set[str], text: str) -> float:
    """Characters of the question's topic terms found in ``text``: 0 unless two match or one long one does."""
    key = compact_key(text)
    matched = [t for t in terms if t.replace(" ", "") in key]
    if len(matched) >= _MIN_TOPIC or any(len(t) >= _MIN_TOPIC_CHARS for t in matched):
        return float(sum(len(t) for t in matched))
    return 0.0


def _toneless(text: str) -> str:
    """Text without tone marks, thanthakhat or spaces (people often type Thai without them: "กียุทธศาสตร")."""
    return strip_tones(text, silencer=True).replace(" ", "")


def _other_subject(terms: set[str], text: str) -> bool:
    """The closest indicator shares few words with the question and lacks a long content word of it
    ("สัดส่วนเกษตรกรที่ใช้บริการออนไลน์" is not "สัดส่วนบริการ…ภาคธุรกิจ…ออนไลน์"): it measures something else."""
    key = compact_key(text)
    matched = [t for t in terms if t.replace(" ", "") in key]
    unmatched = [t for t in terms if len(t) >= _MIN_SUBJECT_CHARS and t.replace(" ", "") not in key]
    return bool(unmatched) and len(matched) <= _FEW_SHARED


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
