"""Recognise what kind of fact a question asks for (agency, figure, date, definition, list, contact …).

The patterns live in ``assistant/data/question_types.yaml`` (general question wording, each with a source
note); this module only compiles and applies them, so the answerer can pick a span that holds the asked kind
of fact, state it first, and decline when no cited span holds it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property, lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, Field

from corpus.thai_text import strip_tones, thai_key

QUESTION_TYPES_PATH = Path(__file__).with_name("data") / "question_types.yaml"
FIGURE_TYPES = frozenset({"year", "when", "quantity"})  # a year, a date or period, or a number is asked
_SECTION_RE = re.compile(r"(?:มาตรา|ม\.|ข้อ|section|article)\s*(\d+(?:/\d+)?)", re.IGNORECASE)
# A two-part question ("มีผลใช้บังคับตั้งแต่วันที่เท่าไร และใช้อีเมลใด", "when … and which …"): a question word on each
# side of "และ"/"กับ"/"and" (standard Thai/English coordination) or of a new clause opened by "แล้ว" ("มีกี่ยุทธศาสตร์
# แล้วยุทธศาสตร์ที่ 3 คืออะไร", spoken "and then"), so every asked kind is served, not the first only
_WH = (
    r"เท่าไร|เท่าไหร่|เท่าใด|อะไร|(?<!ใด)ใด(?!\s*ๆ)|ไหน|ใคร|เมื่อไร|เมื่อไหร่|กี่|อย่างไร|ยังไง"
    r"|\b(?:what|when|which|who|how|where)\b"
)
_COMPOUND_RE = re.compile(rf"(?:{_WH}).*?(?:\s|^)(?:และ|กับ|แล้ว(?=\S)|\band\b).*?(?:{_WH})", re.IGNORECASE)
_WH_RE = re.compile(_WH, re.IGNORECASE)
_SPACE_RE = re.compile(r"\s+")
_CLASSIFIED_CACHE = 4096  # questions whose reading is kept (a few per request: the question, its parts, rewrites)
_ORDINAL_ASKED_RE = re.compile(
    r"(?:อันดับ|ลำดับ)\s*ที่\s*(?:เท่า|กี่)|\b(?:what|which) (?:rank|place|position)\b|\bwhere did\b.{0,60}\brank\b"
    r"|\branked\s+(?:within|among|in)\b",
    re.I,
)
_MONEY_RE = re.compile(r"(?<!อ)งบ|งบประมาณ|budget|ล้าน|บาท", re.I)  # not "ของ|บุคลากร"
_LABEL_REACH = 24  # characters before a fact that may hold another channel's label ("เฟซบุ๊ก : @")
_SPLIT_RE = re.compile(rf"(?:{_WH}).*?(\s(?:และ|กับ|แล้ว(?=\S)|\band\b))(?=.*?(?:{_WH}))", re.IGNORECASE)


def _compile(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


class Channel(BaseModel):
    """A contact channel a notice lists: the Thai word that frames it, whether its handle is written without spaces
    (so PDF gaps inside are damage), and the label a page's or channel's name may follow ("Facebook : ขนส่ง…")."""

    label_th: str
    handle: bool = True
    page_label: str = ""
    short_ask: list[str] = []  # words asking for the channel's short code ("สายด่วน": a hotline)
    short_fact: str = ""  # how a short code looks ("1713"); preferred when the question asks for one

    model_config = {"frozen": True}

    @cached_property
    def short_keys(self) -> frozenset[str]:
        """The short-code words on the matching key (tone marks dropped), as question terms are."""
        return frozenset(thai_key(w) for w in self.short_ask)

    @cached_property
    def short_re(self) -> re.Pattern[str] | None:
        return re.compile(self.short_fact) if self.short_fact else None

    @cached_property
    def page_label_re(self) -> re.Pattern[str] | None:
        """The label before a Thai page name, to cut from the name."""
        if not self.page_label:
            return None
        return re.compile(rf"^(?:{self.page_label})\s*[:：]?\s*(?=[\u0e01-\u0e4e])", re.IGNORECASE)


class QuestionType(BaseModel):
    """One kind of asked fact: how questions ask for it and how a span that states it looks."""

    name: str
    ask: list[str]
    fact: list[str]
    frame_en: str
    passage_words: str = ""  # words a passage stating this kind of fact holds, added to the lexical query
    again: list[str] = []  # the kind's bare question words: two of them ask two facts of this kind
    channel: Channel | None = None  # set for a contact channel (e-mail, website, phone, LINE …)
    listed: bool = False  # a notice lists it as a numbered item a quote may cut off: read from the whole passage
    # another channel's labels: a fact right after one belongs to that channel ("เฟซบุ๊ก @x" is no LINE account)
    not_after: list[str] = []
    source: str = Field(min_length=3)

    model_config = {"frozen": True}

    @cached_property
    def ask_re(self) -> re.Pattern[str]:
        return _compile(self.ask)

    @cached_property
    def toneless_ask_re(self) -> re.Pattern[str]:
        """The ask patterns without tone marks, for questions typed without them."""
        return _compile([strip_tones(p, silencer=True) for p in self.ask])

    @cached_property
    def fact_re(self) -> re.Pattern[str]:
        return _compile(self.fact)

    @cached_property
    def again_re(self) -> re.Pattern[str] | None:
        return _compile([strip_tones(p, silencer=True) for p in self.again]) if self.again else None

    @property
    def contact(self) -> bool:
        return self.channel is not None

    @cached_property
    def _not_after_re(self) -> re.Pattern[str] | None:
        if not self.not_after:
            return None
        return re.compile(rf"(?<![A-Za-z])(?:{'|'.join(self.not_after)})\s*[:：]?\s*$", re.IGNORECASE)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The spans of the text that state a fact of this kind, in text order."""
        label = self._not_after_re
        for m in self.fact_re.finditer(text):
            if label is not None and label.search(text, max(0, m.start() - _LABEL_REACH), m.start()):
                continue
            yield m

    def holds(self, text: str) -> bool:
        """Does the text state a fact of this kind?"""
        return next(self.finditer(text), None) is not None


class PersonalData(BaseModel):
    """Wording of a request for personal data about an individual (matched tone-insensitively)."""

    always: list[str]
    detail: list[str]
    person: list[str]
    source: str = Field(min_length=3)

    @cached_property
    def _always_re(self) -> re.Pattern[str]:
        return _compile([strip_tones(p, silencer=True) for p in self.always])

    @cached_property
    def _detail_re(self) -> re.Pattern[str]:
        return _compile([strip_tones(p, silencer=True) for p in self.detail])

    @cached_property
    def _person_re(self) -> re.Pattern[str]:
        # the person patterns are case-sensitive: "Mr Smith", not "mr smith" or "ms word"
        return re.compile("|".join(f"(?:{strip_tones(p, silencer=True)})" for p in self.person))

    def asks(self, question: str) -> bool:
        q = strip_tones(question, silencer=True)
        if self._always_re.search(q):
            return True
        return bool(self._person_re.search(q) and self._detail_re.search(q))


class AgencyNames(BaseModel):
    """How a question names an agency: a head word ("กรม", "สำนักงาน") up to the next question word."""

    heads: list[str]
    ends: list[str]
    source: str = Field(min_length=3)

    @cached_property
    def _name_re(self) -> re.Pattern[str]:
        heads = "|".join(sorted((re.escape(strip_tones(h, silencer=True)) for h in self.heads), key=len, reverse=True))
        ends = "|".join(sorted((re.escape(strip_tones(e, silencer=True)) for e in self.ends), key=len, reverse=True))
        # a head followed at once by a question word names no agency ("สำนักงานคือเว็บไหน": the office is …)
        return re.compile(rf"(?:{heads})(?!{ends})[\u0e01-\u0e4e]{{2,}}?(?=\s|$|[^\u0e01-\u0e4e]|{ends})")

    def find(self, question: str) -> list[str]:
        """Thai agency names in the question (tone marks dropped), longest first. A name cut short with ไปยาลน้อย
        ("กรมศุลฯ" for กรมศุลกากร, the Royal Institute's abbreviation mark) is its part before the mark."""
        names = {m.group(0).split("ฯ")[0] for m in self._name_re.finditer(strip_tones(question, silencer=True))}
        heads = {strip_tones(h, silencer=True) for h in self.heads}  # "สำนักงาน" alone is a head, not a name
        return sorted(names - heads, key=len, reverse=True)


class Unit(BaseModel):
    """A unit a figure can be asked in, and how a span stating a number in it looks."""

    name: str
    ask: list[str]
    fact: list[str]
    source: str = Field(min_length=3)

    @cached_property
    def ask_re(self) -> re.Pattern[str]:
        return _compile(self.ask)

    @cached_property
    def fact_re(self) -> re.Pattern[str]:
        return _compile(self.fact)


class AskedBody(BaseModel):
    """A kind of body a who-question names ("which department"), and the head words its answer's name opens with."""

    ask: list[str]
    heads: list[str] = Field(min_length=1)

    @cached_property
    def ask_re(self) -> re.Pattern[str]:
        return _compile(self.ask)


class Rate(Unit):
    """A figure asked per person or per occasion, and how a span stating a rate with that denominator looks."""


class Wording(BaseModel):
    """Wording that marks what a message asks (an opinion asked of the assistant, a piece of writing requested,
    a person or office asked for), with its source."""

    ask: list[str]
    source: str = Field(min_length=3)

    @cached_property
    def ask_re(self) -> re.Pattern[str]:
        return _compile(self.ask)


class WordList(BaseModel):
    """A plain list of words with its source."""

    words: list[str]
    source: str = Field(min_length=3)


class EnglishCounts(BaseModel):
    """English plural nouns after "how many" and the Thai classifier each is counted in."""

    words: dict[str, str]
    source: str = Field(min_length=3)


class ClassifierGroups(BaseModel):
    """Classifiers that count the same kind of thing, so either answers a count asked in the other."""

    groups: list[list[str]]
    source: str = Field(min_length=3)


class QuestionTypes(BaseModel):
    types: list[QuestionType]
    personal_data: PersonalData
    agency_names: AgencyNames
    units: list[Unit]
    asked_bodies: list[AskedBody] = []
    source_asked_bodies: str = ""
    rates: list[Rate] = []
    guard: Wording | None = None
    own_view: Wording | None = None
    person_asked: Wording | None = None  # with these words "ประธาน" asks who chairs; without, whom a figure is about
    task_request: Wording | None = None
    side_remark: Wording | None = None  # what the asker will do with the answer, said after the question
    classifier_equivalents: ClassifierGroups | None = None
    general_classifiers: WordList | None = None
    time_classifiers: WordList | None = None
    english_counts: EnglishCounts | None = None
    ordinal_positions: WordList | None = None
    person_nouns: WordList | None = None
    question_particles: WordList | None = None


@lru_cache(maxsize=1)
def load_question_types(path: Path = QUESTION_TYPES_PATH) -> QuestionTypes:
    """The question-type table, validated once per process."""
    return QuestionTypes.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


CONTACT_TYPES = frozenset(t.name for t in load_question_types().types if t.contact)


def classify(question: str) -> list[QuestionType]:
    """Every kind of fact the question asks for, the primary (first in the table) first; [] if none. A two-part
    question is read part by part too ("how long is the term, and how many members": a period, then a figure)."""
    return list(_classified(question))


@lru_cache(maxsize=_CLASSIFIED_CACHE)
def _classified(question: str) -> tuple[QuestionType, ...]:
    """classify's reading, kept: one request classifies the same question and its parts several times."""
    return tuple(_classify_whole(question))


def _classify_whole(question: str) -> list[QuestionType]:
    found = _classify_one(question)
    parts = split_compound(question)
    first, second = (_classify_one(parts[0]), _classify_one(parts[1])) if parts else ([], [])
    if not (first and second):  # a cut that leaves one side asking nothing was no two-part question
        return found
    # the whole question's reading first; a kind one part asks that the whole lost (a period's "how long" hid the
    # other part's "how many") is added after it
    return found + [t for t in first + second if t not in found]


def _classify_one(question: str) -> list[QuestionType]:
    """The kinds of fact one question (or one part of a two-part question) asks for."""
    bare = strip_tones(question, silencer=True)  # "เมือไร", "ใชบังคับ": tone marks are often left out when typing
    found = [t for t in load_question_types().types if t.ask_re.search(question) or t.toneless_ask_re.search(bare)]
    names = {t.name for t in found}
    if names & CONTACT_TYPES:
        # "which website" / "what phone" asks for the channel itself, not an agency or a figure
        found = [t for t in found if t.name not in {"who", "quantity", "list"}]
        if len(names & CONTACT_TYPES) > 1:
            # "ส่งทางอีเมลแล้ว อยากโทรยืนยัน ต้องโทรเบอร์ไหน": the channel a question word follows is the one asked
            found = sorted(found, key=lambda t: not (t.contact and _asked_channel(t, question, bare)))
    if names & (CONTACT_TYPES - {"email", "website", "phone"}):
        found = [t for t in found if t.name != "app"]  # "แอปพลิเคชันไลน์ชื่ออะไร": the account is asked, LINE is the app
    if "place" in names:
        if names & CONTACT_TYPES:
            found = [t for t in found if t.name != "place"]  # "ที่อยู่อีเมล", "where can I apply online"
        else:  # "ที่อยู่ของสำนักงานคืออะไร", "ติดต่อด้วยตนเองได้ไหม ที่ไหน": the place is what is asked
            found = [t for t in found if t.name not in {"definition", "list", "yesno", "quantity"}]
        names = {t.name for t in found}
    if "definition" in names:
        found = [t for t in found if t.name not in {"list", "yesno"}]
    money = _MONEY_RE.search(question)
    if "when" in names and "quantity" in names and not money:
        found = [t for t in found if t.name != "quantity"]  # "ภายในกี่วัน" asks for a period, not a figure
    if "chair" in names and "quantity" in names and not _worded(load_question_types().person_asked, question):
        # "ประธานกรรมการ … อยู่ในตำแหน่งวาระละกี่ปี": the chair is who the figure is about, no one is asked for
        found = [t for t in found if t.name not in {"chair", "who"}]
        names = {t.name for t in found}
    if "chair" in names or "reference" in names:
        # the more specific kind answers it; a two-part question ("ใครเป็นประธาน และมีกรรมการกี่คน") asks a figure too
        dropped = {"who"} if is_compound(question) else {"who", "quantity"}
        found = sorted((t for t in found if t.name not in dropped), key=lambda t: t.name not in {"chair", "reference"})
    if "list" in names and "quantity" in names and not money:
        # "มีกี่ระดับ อะไรบ้าง": the whole list states both the count and the items; a rank ("อันดับที่เท่าไหร่ …
        # รองจากประเทศไหนบ้าง") is no count of the list's items: the rank is asked first
        ranked = _ORDINAL_ASKED_RE.search(question) is not None
        found = sorted(found, key=lambda t: t.name != ("quantity" if ranked else "list"))
    return found


def is_compound(question: str) -> bool:
    """A question asking two things joined by "และ"/"กับ"/"and", a question word on each side."""
    return _COMPOUND_RE.search(question) is not None


def split_compound(question: str) -> tuple[str, str] | None:
    """A two-part question cut at the "และ"/"กับ"/"and" between its question words ("แผนมีกี่ยุทธศาสตร์ |
    ยุทธศาสตร์ที่ 3 ชื่ออะไร"), or at the space after the first question word when another follows ("กี่คน |
    ใครเป็นประธาน"); the second part may lean on the first for its subject ("… | งบเท่าไร")."""
    m = _SPLIT_RE.search(question)
    if m is not None:
        first, second = question[: m.start(1)].strip(), question[m.end(1) :].strip()
    else:  # "มีกรรมการกี่คน ใครเป็นประธาน", "ภายในกี่วัน ขยายได้ถึงเท่าไร": two questions side by side
        asked = _WH_RE.search(question)
        gap = _SPACE_RE.search(question, asked.end()) if asked else None
        if gap is None or _WH_RE.search(question, gap.end()) is None:
            return None
        first, second = question[: gap.start()].strip(), question[gap.end() :].strip()
    return (first, second) if first and second else None


def asked_twice(question: str, types: list[QuestionType]) -> frozenset[str]:
    """Kinds of figure or date the question asks two of ("อันดับที่เท่าไร จากกี่ประเทศ"): two of their question words."""
    bare = strip_tones(question, silencer=True)
    return frozenset(
        t.name for t in types if t.again_re is not None and len(t.again_re.findall(bare)) >= 2
    )


_ASKING_RE = re.compile(r"^\S{0,6}\s?(?:ไหน|อะไร|ใด|ไร|\?)")  # "เบอร์ไหน", "เมลอะไร", "เว็บอะไรคะ"
_ASKING_BEFORE_RE = re.compile(r"\b(?:what|which)\s+(?:[\w'-]+\s+){0,2}$", re.IGNORECASE)  # "what phone number"


def asks_outright(qtype: QuestionType, question: str) -> bool:
    """Is this channel what the question asks for ("ดูได้ที่เว็บไซต์อะไร", "what phone number"), not only a word
    describing its subject ("โครงการเว็บไซต์รับฟังความคิดเห็น … มีผลผลิตอะไร")?"""
    return _asked_channel(qtype, question, strip_tones(question, silencer=True))


def _asked_channel(qtype: QuestionType, question: str, bare: str) -> bool:
    """Does a question word follow (almost at once) where the question names this channel, or an English one come
    just before it?"""
    found = list(qtype.ask_re.finditer(question))
    bare_ends = [m.end() for m in qtype.toneless_ask_re.finditer(bare)]
    return (
        any(_ASKING_RE.match(question[m.end() :]) for m in found)
        or any(_ASKING_RE.match(bare[e:]) for e in bare_ends)
        or any(_ASKING_BEFORE_RE.search(question[: m.start()]) for m in found)
    )


def type_names(question: str) -> list[str]:
    return [t.name for t in classify(question)]


def named_sections(question: str) -> list[str]:
    """Section numbers the question names ("มาตรา 13", "ม.9", "section 7")."""
    return _SECTION_RE.findall(question)


def asks_personal_data(question: str) -> bool:
    """A request for a named individual's phone, address, ID number, salary and the like."""
    return load_question_types().personal_data.asks(question)


def named_agencies(question: str) -> list[str]:
    """Thai agency names the question names ("กรมที่ดิน", "สำนักงานขนส่งจังหวัดแพร่"), tone marks dropped."""
    return load_question_types().agency_names.find(question)


# A Latin name inside a Thai question ("ระบบ DG Course Match", "วงจร GIN"): words with a capital letter
_LATIN_NAME_RE = re.compile(r"[A-Za-z][A-Za-z0-9.\-]*(?:\s+[A-Za-z0-9][A-Za-z0-9.\-]*)*")
_THAI_LETTER_RE = re.compile(r"[\u0e01-\u0e2e]")
_LATIN_LETTER_RE = re.compile(r"[A-Za-z]")
_NAME_WORDS = 5  # a longer Latin run is a sentence, not a name


def named_systems(question: str) -> list[str]:
    """Latin names a Thai question gives its subject by (a system, a network, a project), channel words
    ("LINE", "e-mail": what a contact question asks) left out; [] for an English question."""
    if len(_THAI_LETTER_RE.findall(question)) < len(_LATIN_LETTER_RE.findall(question)):
        return []  # an English question (a Thai abbreviation in it aside): its Latin words are its wording
    bare = question
    for qtype in load_question_types().types:
        if qtype.channel is not None:
            bare = qtype.ask_re.sub(" ", bare)
    names = [m.group(0) for m in _LATIN_NAME_RE.finditer(bare)]
    # a name is several words ("DG Course Match") or an acronym ("GIN", "DGTi"); one capitalised word
    # ("Official", "Facebook") is ordinary English
    return [n for n in names if (" " in n or sum(c.isupper() for c in n) >= 2) and n.count(" ") < _NAME_WORDS]


def asked_units(question: str) -> list[Unit]:
    """Units the question asks a figure in (people, per cent, rank)."""
    return [u for u in load_question_types().units if u.ask_re.search(question)]


def asked_rates(question: str) -> list[Rate]:
    """Rates the question asks a figure in ("ครั้งละกี่บาท" -> per occasion, "ต่อประชาชนหนึ่งคน" -> per person)."""
    return [r for r in load_question_types().rates if r.ask_re.search(question)]


def ordinal_positions() -> list[str]:
    """Words that number a position in any list ("ลำดับ", "ข้อ"), not a series of their own."""
    words = load_question_types().ordinal_positions
    return words.words if words is not None else []


@lru_cache(maxsize=2)
def _toneless_words(table: str) -> tuple[tuple[str, str], ...]:
    """A word table's words with their tone-less forms (read once)."""
    words: WordList | None = getattr(load_question_types(), table)
    return tuple((w, strip_tones(w)) for w in (words.words if words else []))


def general_classifier(word: str) -> bool:
    """Does the classifier count any kind of thing ("กี่อัน"), so that any count answers it?"""
    bare = strip_tones(word)
    return any(bare == b for _, b in _toneless_words("general_classifiers"))


def time_classifier(word: str) -> str | None:
    """The time classifier a word starts with ("วันหลัง" → "วัน"), the longest if several."""
    bare = strip_tones(word)
    found = [w for w, b in _toneless_words("time_classifiers") if bare.startswith(b)]
    return max(found, key=len) if found else None


def same_count(classifier: str) -> list[str]:
    """The classifier and those counting the same thing ("ข้อ" → ข้อ, ประการ, ประเด็น)."""
    table = load_question_types().classifier_equivalents
    for group in table.groups if table else []:
        if classifier in group:
            return [classifier, *(c for c in group if c != classifier)]
    return [classifier]


def _worded(wording: Wording | None, question: str) -> bool:
    return wording is not None and wording.ask_re.search(question) is not None


def asks_injection(question: str) -> bool:
    """Prompt-injection, role-override, secret- or private-data-seeking wording ("ignore previous instructions",
    "ลืมกฎทุกข้อ ตอนนี้คุณเป็น…", "system prompt", "เบอร์มือถือส่วนตัว")?"""
    return _worded(load_question_types().guard, question)


def asks_task(question: str) -> bool:
    """Does the message ask for a piece of writing ("ช่วยคิดแคปชัน…ให้หน่อย", "write me a poem") rather than a fact?"""
    return _worded(load_question_types().task_request, question)


def without_side_remark(question: str) -> str:
    """The question without a remark said after it about what the answer is for ("… อย่างไรคะ จะเอาไปใส่สไลด์",
    "…? thanks, it's for my report"): it names nothing asked, yet its words would count as the question's topic."""
    table = load_question_types()
    m = table.side_remark.ask_re.search(question) if table.side_remark is not None else None
    if m is None or not question[: m.start()].strip():
        return question
    remark = m.group(0)
    particles = table.question_particles.words if table.question_particles is not None else []
    if classify(remark) or any(p in remark for p in particles):  # "… จะทำรายงาน ต้องอ้างอิงยังไง" asks in it
        return question
    return question[: m.start()].rstrip()


def asks_own_view(question: str) -> bool:
    """Does the question ask the assistant's own opinion ("คุณคิดว่า…", "in your opinion")?"""
    return _worded(load_question_types().own_view, question)


def asked_heads(question: str) -> list[str]:
    """Head words of the kind of body a who-question names ("which department" -> กรม), longest first."""
    heads = {h for b in load_question_types().asked_bodies if b.ask_re.search(question) for h in b.heads}
    return sorted(heads, key=len, reverse=True)
