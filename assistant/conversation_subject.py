"""Follow-ups that carry the subject: which document, project or place the earlier turns were about.

An elliptical question ("แล้วงบประมาณเท่าไร", "Who chairs it?") gets that subject added to its queries and
its documents boosted; a question that names a subject of its own is a topic switch and carries nothing.
Document names come from the index's own titles, so a new corpus needs no new code or word lists.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from assistant.places import find_provinces
from assistant.query_rewrite import RewrittenQuery, expansions_of, is_followup, normalize_question, with_subject
from assistant.question_types import QuestionType, classify, load_question_types
from assistant.structured import Conversation, StructuredAnswer, StructuredAnswerer
from corpus.thai_text import compact_key, key_tokens, stop_keys, thai_key
from index.bm25_component import BM25Index
from index.chunk_record import ChunkRecord

Turn = tuple[str, str]  # (role, text), role "user" or "assistant"

_TITLE_PREFIX_RE = re.compile(r"^(ประกาศ|หนังสือ|พระราชบัญญัติ|พระราชกฤษฎีกา|กฎกระทรวง|ระเบียบ)\s*")
_TITLE_YEAR_RE = re.compile(r"\s*(พ\.\s*ศ\.|ปี\s*พ\.?ศ\.?)\s*[0-9๐-๙].*$")
_TITLE_NUMBER_RE = re.compile(r"\s+ที่\s+\S+.*$")  # "หนังสือ... ที่ สพร 2565/99", "ประกาศกรมศุลกากร ที่ 54/2566"
_SECTION_RE = re.compile(r"มาตรา\s*[0-9]+")
_DEMONSTRATIVE_RE = re.compile(r"(?<!ดัง)(?<!ต่อไป)นี้|(?<!เท่า)นั้น|ดังกล่าว")
_WHAT_ABOUT_RE = re.compile(r"ล่ะ|หละ")  # "ฝ่ายใบอนุญาตขับรถล่ะ": "what about …", the earlier subject's new detail
# "What about the Tamod branch?", "And for Khon Kaen?": English ellipsis asking the earlier question again
_WHAT_ABOUT_EN_RE = re.compile(r"^\W*(?:what|how)\s+about\b|^\W*and\s+(?:the|for|in|at|of)\b", re.IGNORECASE)
# Said when changing the subject ("ขอถามเรื่องอื่น", "อีกเรื่องครับ", "Different question:"): ordinary Thai/English
# conversational openers that announce a new topic, so nothing of the earlier turns is carried.
_TOPIC_SWITCH_RE = re.compile(
    r"เรื่องอื่น|อีกเรื่อง|เปลี่ยนเรื่อง|ถามใหม่|คำถามใหม่|คนละเรื่อง|"
    r"\b(?:different|another|new|unrelated|separate) (?:question|topic|subject|matter)\b|\bon another (?:note|topic)\b|"
    r"\bchanging the (?:subject|topic)\b",
    re.IGNORECASE,
)
_MIN_PREFIX = 8  # keyed letters of a name needed before it counts as naming a document
_SHARED_NAME = 3  # a name shared by this many documents names none of them (a committee issuing many notices)
_RARE_SHARE = 0.02  # a term in at most this share of chunks names something specific
_MAX_CARRIED_TERMS = 12
_CARRIED_WEIGHT = 0.1  # share of its weight a carried word keeps when the quoted sentence is chosen
_PROJECT_CUE_RE = re.compile(r"โครงการ|project", re.IGNORECASE)
_PUNCT_RE = re.compile(r"[^0-9a-z\u0e01-\u0e4f]")
# Words naming a unit of government, not which office (ministry, department, office, province, district, branch;
# Thai state administration: กระทรวง กรม สำนักงาน, provincial administration: จังหวัด อำเภอ สาขา) and "ประกาศ".
_UNIT_WORD_RE = re.compile(r"ประกาศ|สำนักงาน|กระทรวง|กรม|จังหวัด|อำเภอ|สาขา")
# A notice's number closing its issuer: "ที่ 54/2566", "ที่ สอ. 3/2566" (the office's letters before the number).
_NOTICE_NUMBER_RE = re.compile(r"\s*ที่\s*(?:[^\s0-9๐-๙]{1,8}\s*)?\S+$")


def notice_issuer(title: str) -> str:
    """The office that issued a document, from its title: "ประกาศกรมศุลกากร ที่ 54/2566 เรื่อง …" → "กรมศุลกากร"
    (a number with the office's letters too: "… ที่ สอ. 3/2566")."""
    issuer = title.partition(" เรื่อง ")[0].removeprefix("ประกาศ")
    return _NOTICE_NUMBER_RE.sub("", issuer)


@dataclass(frozen=True)
class DocName:
    """A keyed name of one document: the shortest prefix of it no other document's name shares."""

    doc_id: str
    key: str


@dataclass
class Subject:
    """What earlier turns were about."""

    doc_ids: list[str] = field(default_factory=list)
    projects: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)  # keyed naming words, for the lexical query
    text: str = ""  # the latest earlier question as asked, for the dense query


def title_names(title: str) -> list[str]:
    """Keyed names a title offers: its issuer and its subject, without prefixes, numbers and years."""
    head, _, topic = title.partition(" เรื่อง ")
    names = []
    for part in (head, topic):
        part = _TITLE_PREFIX_RE.sub("", part.strip())
        part = _TITLE_NUMBER_RE.sub("", _TITLE_YEAR_RE.sub("", part))
        key = compact_key(part)
        if len(key) >= 6:
            names.append(key)
    return names


def document_names(documents: Sequence[dict[str, Any]]) -> list[DocName]:
    """Distinguishing names of every document (names shared by several documents dropped)."""
    raw = [(str(d["doc_id"]), name) for d in documents for name in title_names(str(d["title"]))]
    owners: dict[str, set[str]] = {}
    for doc_id, name in raw:
        owners.setdefault(name, set()).add(doc_id)
    out: list[DocName] = []
    for doc_id, name in raw:
        if len(owners[name]) >= _SHARED_NAME:
            continue
        others = [n for d, n in raw if d != doc_id]
        shortest = min(len(name), max(_MIN_PREFIX, len(name) // 2))  # half a name is still specific
        length = next(
            (n for n in range(shortest, len(name) + 1)
             if not any(o.startswith(name[:n]) for o in others)),
            len(name),
        )
        out.append(DocName(doc_id, name[:length]))
    return list(dict.fromkeys(out))


class SubjectTracker:
    """Finds the subject of a conversation and decides whether a new question carries it."""

    def __init__(
        self,
        chunks: Sequence[ChunkRecord],
        documents: Sequence[dict[str, Any]],
        bm25: BM25Index,
        term_df: dict[str, int],
        aliases: dict[str, list[str]],
        project_hint: Callable[[str], list[str]] | None = None,
    ) -> None:
        self._doc_of_row = [c.doc_id for c in chunks]
        self._project_of_row = [c.project for c in chunks]
        self._names = document_names(documents)
        self._title_keys = {str(d["doc_id"]): thai_key(str(d["title"])) for d in documents}
        # the issuer's own words: "ขนส่ง" of "ประกาศสำนักงานขนส่งจังหวัดสงขลา เรื่อง …"
        issuers = {str(d["doc_id"]): _UNIT_WORD_RE.sub(" ", notice_issuer(str(d["title"]))) for d in documents}
        self._issuer_words = {
            doc: {t for t in key_tokens(issuer) if len(t) >= 4 and t.isalpha()} for doc, issuer in issuers.items()
        }
        self._issuer_key = {doc: compact_key(issuer) for doc, issuer in issuers.items()}
        self._bm25 = bm25
        self._term_df: Counter[str] = Counter()
        for term, df in term_df.items():  # "(gdcc)" counts for "gdcc": the word field keeps brackets
            self._term_df[_PUNCT_RE.sub("", term)] += df
        self._rare_df = max(2, int(_RARE_SHARE * max(1, len(chunks))))
        self._aliases = aliases
        self._project_hint = project_hint

    def names(self, text: str) -> Subject:
        """Documents, projects, places and sections a text names explicitly (aliases and English included)."""
        normalized = normalize_question(text)
        expanded = " ".join([normalized, *expansions_of(normalized, self._aliases)])
        key = compact_key(expanded)
        return Subject(
            doc_ids=list(dict.fromkeys(n.doc_id for n in self._names if n.key in key)),
            projects=list(self._project_hint(normalized)) if self._project_hint else [],
            places=find_provinces(normalized),
            sections=_SECTION_RE.findall(thai_key(normalized)),
        )

    def naming_words(self, text: str) -> list[str]:
        """Rare Thai words of a question that are whole words of it: the words that may name its own subject.

        The key drops tone marks and vowels, so its cut can split "โครงการกี่" into odd rare pieces ("โครง",
        "การก"); a rare term counts only if the ordinary dictionary cut of the intact text has it as a word.
        """
        from pythainlp.tokenize import word_tokenize

        words = {_PUNCT_RE.sub("", compact_key(w)) for w in word_tokenize(normalize_question(text), engine="newmm")}
        particles = _particle_keys()  # "… จริงไหม": rare in documents, yet it names nothing
        rare = self.rare_terms(text)
        return [t for t in rare if len(t) >= 3 and not t.isascii() and t in words and t not in particles]

    def rare_terms(self, text: str) -> list[str]:
        """Keyed words of a text that occur in few chunks: the words that name its subject."""
        normalized = normalize_question(text)
        tokens = key_tokens(" ".join([normalized, *expansions_of(normalized, self._aliases)]))
        stop = stop_keys()  # question words are rare in documents but name nothing
        rare = []
        for token in tokens:
            term = _PUNCT_RE.sub("", token)
            if len(term) >= 2 and term not in stop and 0 < self._term_df.get(term, 0) <= self._rare_df:
                rare.append(term)
        return list(dict.fromkeys(rare))

    def of_history(self, history: Sequence[Turn]) -> Subject:
        """The subject of earlier turns: the most recent turn naming each kind of thing decides it."""
        subject = Subject()
        turns = [t for t in reversed(history) if t[0] == "user"] + [t for t in reversed(history) if t[0] != "user"]
        for role, text in turns:  # what the user named first; the answers' wording only as a fallback
            found = self.names(text)
            subject.doc_ids = subject.doc_ids or found.doc_ids
            if role == "user" and _PROJECT_CUE_RE.search(text):  # project names match loosely: ask for a cue
                subject.projects = subject.projects or found.projects
            subject.places = subject.places or found.places
            subject.sections = subject.sections or found.sections
        users = [text for role, text in history if role == "user"]
        last_user = users[-1] if users else history[-1][1]
        answers = [text for role, text in history if role == "assistant"]
        last_answer = answers[-1].strip().split("\n", 1)[0] if answers else ""  # line 1 states the fact
        if subject.projects:
            subject.doc_ids = list(dict.fromkeys(self._project_docs(subject.projects)))
        placed = self._placed(subject)
        if placed:
            subject.doc_ids = []  # "Songkhla land transport office": the province's own notice, not the department's
        if not subject.doc_ids:  # nothing named: the document the last exchange (question and answer) finds lexically
            exchange = f"{last_user} {last_answer}"
            scores = self._bm25.scores(" ".join([exchange, *expansions_of(exchange, self._aliases)]))
            if placed:  # … among the documents of the place named
                scores = np.where([d in placed for d in self._doc_of_row], scores, 0.0)
            if scores.size and float(scores.max()) > 0:
                subject.doc_ids = [self._doc_of_row[int(np.argmax(scores))]]
        terms = self.rare_terms(last_user)
        terms += [t for t in self.rare_terms(last_answer) if t not in terms]
        subject.terms = terms[:_MAX_CARRIED_TERMS]
        subject.text = normalize_question(last_user)
        return subject

    def _placed(self, subject: Subject) -> set[str]:
        """Documents issued for the province the conversation names, when the named documents are not: of those,
        the ones whose issuer is the same kind of office as a named document (the department's provincial office).
        Named documents of that province, if any, become the subject alone."""
        placed = {d for d, title in self._title_keys.items() if any(p in title for p in subject.places)}
        if not placed or placed & set(subject.doc_ids):
            subject.doc_ids = [d for d in subject.doc_ids if d in placed] or subject.doc_ids  # the province narrows
            return set()
        if not subject.doc_ids:
            return placed
        named = " ".join(self._issuer_key.get(d, "") for d in subject.doc_ids)  # "การขนสงทางบก" holds "ขนสง"
        return {d for d in placed if any(w in named for w in self._issuer_words[d] - set(subject.places))}

    def _project_docs(self, projects: list[str]) -> list[str]:
        return [doc for doc, project in zip(self._doc_of_row, self._project_of_row, strict=True) if project in projects]

    def carry(self, rq: RewrittenQuery, history: Sequence[Turn]) -> RewrittenQuery:
        """The question with the conversation's subject carried in, or unchanged for a topic switch."""
        if not history or _TOPIC_SWITCH_RE.search(rq.normalized):
            return rq
        own = self.names(rq.normalized)
        own_words = self.naming_words(rq.normalized)
        leans = (
            is_followup(rq.normalized)
            or _DEMONSTRATIVE_RE.search(rq.normalized) is not None
            or _WHAT_ABOUT_RE.search(rq.normalized) is not None
            or len(own_words) < 2  # one odd word is as likely a mis-segmentation as a name
            or (not own.doc_ids and any(t.contact for t in classify(rq.normalized)))  # "โทรเบอร์อะไรได้บ้าง": whose?
        )
        if not leans:
            return rq
        subject = self.of_history(history)
        if own.projects or own.places or (own.doc_ids and not set(own.doc_ids) <= set(subject.doc_ids)):
            return rq  # a new subject fully named: a topic switch
        if own.sections and not (own.doc_ids or subject.doc_ids):
            return rq
        # Same document, new section: keep the document, drop the old section's words.
        keep_words = not own.sections
        return with_subject(
            rq,
            words=" ".join(subject.terms) if keep_words else "",
            dense_text=subject.text if keep_words else "",
            doc_ids=subject.doc_ids,
            projects=subject.projects if keep_words else [],
            places=subject.places,
        )


@lru_cache(maxsize=1)
def _particle_keys() -> frozenset[str]:
    found = load_question_types().question_particles
    return frozenset(compact_key(w) for w in (found.words if found else []))


def asked_types(question: str, history: Sequence[Turn]) -> list[QuestionType]:
    """The kinds of fact a question asks for; a bare "what about …" follow-up asks what the earlier question asked.

    "ขนส่งพัทลุงมีเว็บไซต์อะไร" → "สาขาตะโหมดล่ะ": the ellipsis (ล่ะ/หละ, "what about …") names a new detail of
    the subject and leaves the question word out, so the kind of fact is the earlier question's (a website).
    A question with a question word of its own keeps its own kinds; a named section is never carried.
    """
    own = classify(question)
    if own or not (_WHAT_ABOUT_RE.search(question) or _WHAT_ABOUT_EN_RE.search(question)):
        return own
    users = [text for role, text in history if role == "user"]
    if not users:
        return own
    return [t for t in classify(normalize_question(users[-1])) if t.name != "section"]


# "หลัง(จาก)…แล้ว", "เมื่อ…แล้ว" opening a question: what already happened, the time the asked fact follows ("หลังปรับร่าง
# แผนแล้ว … ได้ความเห็นชอบเมื่อวันที่เท่าไร"); its words place the fact, the rest of the question asks it.
# "ตอน/ขณะ/ช่วงที่…" opening a question (up to its first space, and a date written after it) is the time it asks of
# ("ตอนคณะกรรมการประชุมเห็นชอบร่างแผนเมื่อ 22 มิ.ย. 65 มีข้อเสนอแนะว่าอย่างไร")
_BACKGROUND_RE = re.compile(
    r"^\s*(?:(?:ภายหลัง|หลัง)(?:จาก)?\S.{0,120}?แล้ว|(?:ตอน|ขณะ|ช่วง)(?:ที่)?\S{2,120}?(?:\s+[0-9]{1,2}\s*\S+\s*[0-9]{2,4})?)\s"
)
_BACKGROUND_WEIGHT = 0.3


# "นอกจาก … แล้ว", "besides/apart from/other than …": a fact the question sets aside, so the answer gives another one
_ASIDE_RE = re.compile(r"นอกจาก(.{1,120}?)แล้ว|\b(?:besides|apart from|other than|aside from)\b([^,?]{1,120})", re.I)


def set_aside(question: str) -> str:
    """What the question sets aside ("นอกจากเป้าอันดับ … ที่ 40 ในปี 2570 แล้ว"): "" when nothing."""
    m = _ASIDE_RE.search(question)
    return (m.group(1) or m.group(2)).strip() if m else ""


def span_weights(
    rq: RewrittenQuery, idf: Callable[[str], float], terms: Callable[[str], set[str]]
) -> Callable[[str], float]:
    """Word weights for choosing a follow-up's quoted sentence: its own words choose, carried words barely count.

    The carried words found the subject's passages; weighted fully they would also pick the sentence the earlier
    answer already quoted ("มาตรา 5 ว่าด้วยอะไร" → "พอแผนประกาศใช้แล้ว ต้องทำอะไรต่อ" asks for the next sentence).
    """
    opening = _BACKGROUND_RE.match(rq.normalized)
    background = terms(opening.group(0)) - terms(rq.normalized[opening.end() :]) if opening else set()
    if not rq.carried or not rq.lexical.endswith(rq.carried):
        return (lambda t: idf(t) * _BACKGROUND_WEIGHT if t in background else idf(t)) if background else idf
    own = terms(rq.lexical.removesuffix(rq.carried))
    carried = terms(rq.carried) - own
    return lambda t: idf(t) * (_CARRIED_WEIGHT if t in carried else _BACKGROUND_WEIGHT if t in background else 1.0)


# "มีหน่วยงานอื่นร่วมด้วยไหม", "any other agencies?": more of what the earlier reply gave (Thai อื่น "other")
_OTHERS_RE = re.compile(r"อื่น|\b(?:other|others|else)\b", re.IGNORECASE)
_ITEM_SPLIT_RE = re.compile(r"[,;]\s*|\s+และ|\s*\[\d+\]")


def repeats_earlier(
    answerer: StructuredAnswerer, conversation: Conversation, found: StructuredAnswer, said: str = ""
) -> bool:
    """Does a follow-up's structured answer only restate what the answerer gives the earlier question alone?

    A follow-up asks something new about the same subject; an answerer that read the subject from the earlier
    question but nothing it can answer from the new one gives the earlier answer again (then retrieval answers).
    One that asks for others ("หน่วยงานอื่น") is answered again when the answer names an item the earlier reply
    (``said``) did not.
    """
    if not (conversation.followup and conversation.earlier) or found.abstained:
        return False
    if said and _OTHERS_RE.search(conversation.question) and _names_more(found.answer, said):
        return False
    earlier = Conversation(
        question=normalize_question(conversation.earlier[0]),
        language=conversation.language,
        earlier=conversation.earlier[1:],
        documents=conversation.documents,
    )
    again = answerer.answer(earlier)
    return again is not None and not again.abstained and _first_line(again.answer) == _first_line(found.answer)


def _first_line(answer: str) -> str:
    return answer.strip().split("\n", 1)[0].strip()


def _names_more(answer: str, said: str) -> bool:
    """Does the answer's first line list an item (a name of several letters) the earlier reply lacks? The list is what
    follows its label ("ผู้รับผิดชอบ: A, B"), when it has one."""
    said_key = compact_key(said)
    line = _first_line(answer)
    items = [compact_key(i) for i in _ITEM_SPLIT_RE.split(line.split(":", 1)[1] if ":" in line else line)]
    return any(len(i) >= 6 and i not in said_key for i in items)
