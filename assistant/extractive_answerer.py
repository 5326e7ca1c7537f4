"""The default, offline answerer: find the span of the retrieved passages that states the asked fact.

Nothing is generated: the direct line and the evidence are cut from cited passages, so no agency, number
or date can appear that its citation does not contain. The question's type (assistant/question_types.py)
steers the choice: a segment that holds the asked kind of fact scores higher, a definition is quoted whole
from its term to the next definition, a list with every item, a named section whole when short, and a
contact question with the handle itself. When no quoted span holds the asked kind of fact (a figure, a
date, a channel) the answer is marked as not holding it, and the service declines.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.abstention import asked_classifier, asked_years, counts_in, single_years, states_other_years
from assistant.address_span import addresses
from assistant.answer_text import (
    AGENT_LEFT,
    AGENT_TYPES,
    DIRECT_MAX,
    DirectSpan,
    asked_focus,
    asked_head,
    direct_spans,
    fallback_direct,
    flat,
    focus_start,
    named_outright,
    restates_said,
)
from assistant.list_items import asked_item, find_item
from assistant.places import branch_pattern, find_branch, find_branch_in_english, find_provinces
from assistant.question_types import (
    CONTACT_TYPES,
    QuestionType,
    asked_heads,
    asked_twice,
    asked_units,
    classify,
    is_compound,
    split_compound,
    time_classifier,
)
from assistant.retrieval_service import ScoredChunk
from assistant.sentences import LEAD_IN_RE, LIST_LEAD_RE, Segment, segments
from corpus.thai_text import THAI_MONTH, compact_key, era_twin, key_tokens, name_key, stop_keys, strip_tones, thai_key

_MAX_CHUNKS = 3
# an English question's passages are read further down: BM25 sees only its glossary words, so within a long
# document the passage stating the fact ranks 4th or 5th more often (dev English: 21 of 99 misses were there)
_MAX_CHUNKS_EN = 5
_CONTACT_CHUNKS = 5  # an asked contact channel that the first passages lack is looked for this far down
_MAIN_QUOTE_CHARS = 480  # the best passage is quoted with its continuation up to about this length
_SIDE_QUOTE_CHARS = 260
_SECTION_QUOTE_CHARS = 700
_WHOLE_SECTION_CHARS = 900  # a named section up to this length is quoted whole
_LIST_CHARS = 2000  # a list is quoted with every item up to this length
_DEFINITION_CHARS = 1200
_FOCUS_REACH = 700  # an untyped question's line may move this far into the best segment's passage
_DEFINITION_HITS = 5  # a definition is looked for in this many passages (definition sections rank lower)
# kinds of fact whose absence from every quoted span means the documents do not answer (a near miss)
_GATED = CONTACT_TYPES | {"quantity", "when", "who", "penalty", "section_number"}
# kinds of fact looked for in every top passage when the best span lacks one (a notice states its address or
# channels in a clause of their own, often a passage or two below the one matching the question's words)
_SOUGHT = CONTACT_TYPES | {"place"}
_HOLDER_FLOOR = 0.5  # a segment added for the asked kind of fact scores at least this share of the best
_PRIMARY_BONUS = 0.3  # a segment holding the primary asked kind of fact
_OTHER_BONUS = 0.15  # ... or another asked kind
_SECTION_RE = re.compile(r"(มาตรา|ม\.|ข้อ)\s*([0-9]+(?:/[0-9]+)?)")
# A segment opening with "โดย", "เช่น", "อาทิ" goes on with the sentence before it (its manner or its examples):
# "…ผ่านช่องทางการติดต่อที่ประชาชนสามารถเข้าถึงได้โดยง่าย | โดยไม่ต้องร้องขอ เช่น ไปรษณีย์ ข้อความ SMS".
_CONTINUES_RE = re.compile(r"\s*(?:โดย|เช่น|อาทิ)")
# The last item of a list run into its sentence opens its own segment with "และ"/"หรือ" ("… และการพัฒนา…")
_LAST_ITEM_RE = re.compile(r"\s*(?:และ|หรือ)\S")
_ITEM_RE = re.compile(r"^\s*(?:\([0-9๐-๙]{1,2}\)|[0-9๐-๙]{1,2}[.)](?![0-9๐-๙])|•|-\s)")
_DEFINES_RE = re.compile(r"หมายความว่า|หมายถึง")
_NEXT_DEFINITION_RE = re.compile(r"[“\"][^”\"\n]{1,80}[”\"]\s*(?:หมายความว่า|หมายถึง)|\n\s*มาตรา\s*[0-9๐-๙]+")
_QUOTED_TERM_RE = re.compile(r"[“\"'‘]([^”\"'’]{2,60})[”\"'’]")
_TERM_BEFORE_RE = re.compile(r"(\S+)\s*(?:หมายความว่า|หมายถึง|คืออะไร|คือ\s*อะไร|แปลว่า)")
# The same, typed without tone marks ("เจาหนาทีของรัฐ หมายความวาอะไร"): matched on the tone-less question.
_TERM_BEFORE_TONELESS_RE = re.compile(strip_tones(_TERM_BEFORE_RE.pattern))
# "เดือนละเท่าไร", "คนละเท่าไหร่": an amount per month or per head is a rate of money (pay, allowance, fee)
_MONEY_ASKED_RE = re.compile(
    r"(?<!อ)งบ|งบประมาณ|ค่าใช้จ่าย|วงเงิน|กี่บาท|ล้านบาท|(?:เดือน|ปี|วัน|คน|ครั้ง)ละ\s*เท่า|budget|cost|how much money|spend",
    re.IGNORECASE,
)
_MONEY_RE = re.compile(r"บาท|baht|฿", re.IGNORECASE)
# A question asking for a calendar date (Thai question words วันที่เท่าไร/วันใด/วันไหน/ลงวันที่; English "what date"),
# and a span stating one (day, Thai month name, year: the dating of resolutions, notices and Acts).
_DATE_ASKED_RE = re.compile(r"วันที่เท่า|วันที่ใด|วันใด|วันไหน|ลงวันที่|\bdate\b|\bdated\b", re.IGNORECASE)
_FULL_DATE_RE = re.compile(
    rf"[0-9๐-๙]{{1,2}}\s*(?:{THAI_MONTH}"
    r"|ม\.ค\.|ก\.พ\.|มี\.ค\.|เม\.ย\.|พ\.ค\.|มิ\.ย\.|ก\.ค\.|ส\.ค\.|ก\.ย\.|ต\.ค\.|พ\.ย\.|ธ\.ค\.)\s*(?:พ\.ศ\.)?\s*[0-9๐-๙]{4}"
)
# A footnote's source reference: "Available from: https://…", an author-year citation "(UN, 2022)", "(สพร., 2564)"
_REFERENCE_RE = re.compile(
    r"Available (?:from|at)\s*:|Retrieved from|สืบค้นจาก|\([^()]{2,60},\s*(?:19|20|25)[0-9]{2}\)"
    r"|\((?:19|20|25)[0-9]{2}\)\.\s",
    re.I,
)  # a bibliography entry, English or Thai ("สืบค้นจาก": retrieved from; "ผู้แต่ง (2563). ชื่อเรื่อง": author-year)
_REFERENCE_FACTOR = 0.5
_LIST_WORD_RE = re.compile(r"บ้าง")  # "อะไรบ้าง", "ไหนบ้าง": the part of a two-part question asking a list
_PERIOD_TYPES = frozenset({"when", "quantity"})  # kinds of fact a period asked in days, months or years is one of
_MIN_HEAD = 3  # keyed letters of an asked head word that names a kind of item (กลุ่ม), not a classifier (ข้อ)
_OTHER_YEAR_FACTOR = 0.5  # a sentence stating only years other than the one asked
_OFF_SUBJECT_FACTOR = 0.5  # a follow-up's sentence from a document other than the conversation's subject
_THAI_RE = re.compile(r"[\u0e01-\u0e5b]")
# A footnote's gloss: its number, the marked term, then ได้แก่/หมายถึง/คือ (a plan's page-foot notes, see footnotes)
_FOOTNOTE_RE = re.compile(r"(?:^|(?<=\s))([0-9๐-๙]{1,3})\s+(\S{2,30}?)\s*(?:ได้แก่|หมายถึง|คือ)\s")
_FOOTNOTE_END_RE = re.compile(r"\n|\s[0-9๐-๙]{1,3}\s|\sหมายเหตุ|\s(?:ยุทธศาสตร์|มาตรการ|เป้าหมาย)ที่\s*[0-9๐-๙]")
_FOOTNOTE_CHARS = 200


@dataclass
class ExtractedAnswer:
    """Quoted spans, each tied to the hit (by index) it comes from, and the direct-answer spans."""

    quotes: list[tuple[int, Segment]]
    direct: list[DirectSpan] = field(default_factory=list)
    types: list[QuestionType] = field(default_factory=list)
    holds: bool = True  # the quotes state the asked kind of fact for the asked year


@lru_cache(maxsize=1)
def _stop_keys() -> frozenset[str]:
    english = {"the", "a", "an", "of", "to", "in", "is", "what", "which", "who", "how", "does", "do", "for",
               "and", "or", "on", "by", "with", "under", "about", "please", "tell", "me", "i", "can"}
    return stop_keys() | english


def query_terms(text: str) -> set[str]:
    """Content tokens of the question on the damage-insensitive key."""
    stops = _stop_keys()
    return {t for t in key_tokens(text) if t not in stops and (len(t) > 1 or t.isdigit())}


def extract(
    question: str,
    lexical_query: str,
    hits: list[ScoredChunk],
    idf: Callable[[str], float] | None = None,
    types: list[QuestionType] | None = None,
    said: str = "",
    subject_docs: Sequence[str] = (),
) -> ExtractedAnswer:
    """Choose the quoted span(s) and the direct-answer span(s) for the question's type (``types``: the kinds of
    fact asked when the conversation decides them, see conversation_subject.asked_types; else read from it;
    ``said``: a follow-up's earlier answer, whose figures and handles the direct line does not give again;
    ``subject_docs``: the documents a follow-up is about, whose sentences come before other documents' ones)."""
    weight = idf or (lambda _t: 1.0)
    terms = query_terms(lexical_query)
    total = sum(weight(t) for t in terms) or 1.0
    types = classify(question) if types is None else types
    classifier = asked_classifier(question) if types and types[0].name == "quantity" else None
    types = _counted(types, classifier)
    names = [t.name for t in types]
    dated = "when" in names and _DATE_ASKED_RE.search(question) is not None
    period = _asked_period(question, types)
    said_key = compact_key(said) if said else ""
    # a year named asks that year's figure; unless a year or date is asked too ("… by 2570, and by which year …")
    years = set() if {"year", "when"} & set(names) else single_years(question)
    scored: list[tuple[float, int, int]] = []
    reach = _MAX_CHUNKS if _THAI_RE.search(question) else _MAX_CHUNKS_EN
    per_hit: list[list[Segment]] = [segments(hit.chunk.text) for hit in hits[:reach]]
    # "กี่คน": a figure counted in people is the asked kind, when the passages count in people at all (a typed
    # "กี่เปอรเซน" is answered by "ร้อยละสิบห้า")
    counts_there = bool(classifier) and any(counts_in(classifier or "", [s.text for s in segs]) for segs in per_hit)
    counting = classifier if counts_there else None

    def overlap(text: str) -> float:
        """The weighted share of the question's terms the text holds."""
        return sum(weight(t) for t in terms & set(key_tokens(text))) / total

    for rank, hit in enumerate(hits[:reach]):
        segs = per_hit[rank]
        prior = 0.25 / (1 + rank)
        for i, seg in enumerate(segs):
            lone_item = _is_item(seg) and not _in_list(segs, i)  # "(1) …" quoting one clause: no list
            bonus = sum(
                (_PRIMARY_BONUS if k == 0 else _OTHER_BONUS)
                for k, t in enumerate(types)
                if _holds_kind(t, seg.text, period, counting)
                and not (t.name == "list" and lone_item)
                and not restates_said(t, seg.text, said_key)
            )
            if dated and _FULL_DATE_RE.search(seg.text):
                bonus += _PRIMARY_BONUS  # "on what date": a calendar date, not a year range or a period
            score = overlap(seg.text) + bonus + prior
            if _REFERENCE_RE.search(seg.text):
                score *= _REFERENCE_FACTOR  # a bibliography entry names a source; it states no fact
            if states_other_years(years, seg.text):
                score *= _OTHER_YEAR_FACTOR  # "ในปี 2564 … เท่าไร": not the sentence giving 2570's target
            if subject_docs and hit.chunk.doc_id not in subject_docs:
                score *= _OFF_SUBJECT_FACTOR  # "ต้องโทรเบอร์ไหน" after asking of one office: not another's phone
            scored.append((score, rank, i))
    if not scored:
        return ExtractedAnswer([], types=types, holds=False)
    scored.sort(key=lambda x: -x[0])

    place = asked_item(question)
    if place is not None:
        # "สิ่งที่ส่งมาด้วยลำดับที่ 1": the numbered item itself, from the list whose lead-in the question names
        listed = [
            (item, r) for r, h in enumerate(hits[:reach]) if (item := find_item(h.chunk.text, place, terms))
        ]
        if listed:
            item, rank = max(listed, key=lambda x: (x[0].score, -x[1]))
            text = hits[rank].chunk.text
            seg = Segment(text[item.start : item.end].strip(), item.start, item.end)
            quotes = [(rank, Segment(text[item.lead : item.end].strip(), item.lead, item.end))]  # lead-in to item
            direct = [DirectSpan(rank, flat(seg.text), "")]
            return ExtractedAnswer(quotes, direct, types, _holds(question, types, quotes, hits))

    if "definition" in names:
        found = _definition(question, hits[:_DEFINITION_HITS])
        if found is not None:
            rank, seg = found
            return _finish(question, types, terms, hits, [(rank, seg)], whole=seg.text, said=said, weight=idf)

    named = _named_sections(question)
    focus = next((r for r, h in enumerate(hits[:reach]) if h.chunk.section in named), None)
    if focus is not None:
        # the question names a section: quote it (whole when short), never a neighbouring section
        text = hits[focus].chunk.text
        if len(text) <= _WHOLE_SECTION_CHARS:
            seg = Segment(text, 0, len(text))
        else:
            _, focus_i = max((s, i) for s, r, i in scored if r == focus)
            seg = _extend(per_hit[focus], focus_i, _SECTION_QUOTE_CHARS)
            if "list" in names:
                seg = _extend_list(per_hit[focus], focus_i)
        whole = seg.text if names and names[0] in {"section", "list"} else None
        return _finish(question, types, terms, hits, [(focus, seg)], whole=whole, said=said, weight=idf)

    _, best_rank, best_i = scored[0]
    if names and names[0] == "list":
        leads = [(r, i) for _, r, i in scored[:6] if LIST_LEAD_RE.search(per_hit[r][i].text) or _in_list(per_hit[r], i)]
        # a lead-in its items follow before one whose "ประกอบด้วย" runs into a heading ("… ที่เกี่ยวข้องประกอบด้วย หมวด ๓")
        leads.sort(key=lambda ri: not _opens_list(per_hit[ri[0]], ri[1]))
        # of the lists, the one naming the kind of item asked ("กลุ่มเป้าหมายกลุ่มไหนบ้าง" -> "อาทิ กลุ่มผู้สูงอายุ …")
        parts = split_compound(question) or ()  # "อันดับที่เท่าไหร่ … รองจากประเทศไหนบ้าง": the part asking the list
        asking = next((p for p in parts if _LIST_WORD_RE.search(p)), question)
        head = asked_head(asking, _stop_keys(), reach=2)  # the noun the question word counts: "กลุ่มไหนบ้าง"
        head = head if head and len(head) >= _MIN_HEAD else None  # "3 ข้ออะไรบ้าง": a classifier names no kind
        naming = [(r, i) for r, i in leads if head and head in key_tokens(per_hit[r][i].text)]
        if head and not naming:  # a list naming the asked kind of item a little further down ("2 ประเด็นหลัก ประกอบด้วย")
            for r, segs in _further_down(hits, reach):
                per_hit.append(segs)
                naming += [
                    (r, i)
                    for i, seg in enumerate(segs)
                    if LIST_LEAD_RE.search(seg.text) and head in key_tokens(seg.text)
                ]
        lead = (naming or leads or [(best_rank, best_i)])[0]
        unit = asked_classifier(question) if "quantity" in names else None
        counting_leads = [(r, i) for _, r, i in scored[:6] if unit and counts_in(unit, [per_hit[r][i].text])]
        seg = _extend_list(per_hit[lead[0]], lead[1])
        if counting_leads and not counts_in(unit or "", [seg.text]):
            lead = counting_leads[0]  # "กี่คน … มาจากชุดไหนบ้าง": the list whose lead-in counts them ("ห้าคน ซึ่งมาจาก …")
            seg = _extend_list(per_hit[lead[0]], lead[1])
        return _finish(question, types, terms, hits, [(lead[0], seg)], whole=seg.text, said=said, weight=idf)

    best_score = scored[0][0]
    quotes = [(best_rank, _extend(per_hit[best_rank], best_i, _MAIN_QUOTE_CHARS))]
    core = [(best_rank, per_hit[best_rank][best_i].text)]
    compound = len(types) > 1 and is_compound(question)
    for k, qtype in enumerate(types):
        part = compound and k > 0 and qtype.name in _GATED  # the second part of a two-part question
        wanted = qtype.name in _SOUGHT or (k == 0 and qtype.name in _GATED) or part
        holds = _FULL_DATE_RE.search if (part and dated and qtype.name == "when") else qtype.holds
        if not wanted or any(holds(q.text) for _, q in quotes[1 if part else 0 :]):
            continue  # a second part's fact is read outside the first part's span, whose figure it may hold
        # the question asks for an address, a figure or a date the best span lacks: add the best segment
        # that holds one (contact channels from anywhere in the top passages, other kinds if close enough)
        floor = 0.0 if qtype.name in _SOUGHT or part else _HOLDER_FLOOR * best_score
        holder = next(
            (
                (r, i)
                for s, r, i in scored
                if s >= floor and holds(per_hit[r][i].text) and not (part and (r, i) == (best_rank, best_i))
            ),
            None,
        )
        if holder is not None:
            quotes.append((holder[0], per_hit[holder[0]][holder[1]]))
        elif qtype.name in _SOUGHT or part:  # a notice's channels (or its date) are often a clause or two further down
            extra = ((r, seg) for r, segs in _further_down(hits, reach) for seg in segs)
            found = next(((r, seg) for r, seg in extra if holds(seg.text)), None)
            if found is not None:
                quotes.append(found)
    if classifier and not counts_in(classifier, [q.text for _, q in quotes]):
        # "กี่ระบบ": the figure counted in the asked classifier, when a close segment states it ("3 ระบบหลัก")
        floor = _HOLDER_FLOOR * best_score
        counted = next(
            ((r, i) for s, r, i in scored if s >= floor and counts_in(classifier, [per_hit[r][i].text])), None
        )
        if counted is not None:
            quotes.append((counted[0], per_hit[counted[0]][counted[1]]))
        else:  # a passage or two further down, when its counting sentence shares as much with the question
            lower = [
                (overlap(seg.text), r, seg)
                for r, segs in _further_down(hits, reach)
                for seg in segs
                if counts_in(classifier, [seg.text])
            ]
            further = max(lower, key=lambda x: x[0], default=None)
            # against the best span's words alone: its bonus was for a figure in another unit ("ภายในเจ็ดวัน")
            if further is not None and further[0] >= _HOLDER_FLOOR * overlap(per_hit[best_rank][best_i].text):
                quotes.append((further[1], further[2]))
    if len(quotes) == 1:
        for score, rank, i in scored[1:]:
            if score < 0.75 * best_score:
                break
            if rank != best_rank and (not subject_docs or hits[rank].chunk.doc_id in subject_docs):
                quotes.append((rank, _extend(per_hit[rank], i, _SIDE_QUOTE_CHARS)))
                break
    quotes.sort(key=lambda q: (q[0], q[1].start))
    return _finish(question, types, terms, hits, quotes, core=core, said=said, weight=idf)


def _further_down(hits: list[ScoredChunk], read: int) -> Iterator[tuple[int, list[Segment]]]:
    """The passages just below the ``read`` ones read first (a notice's channels, a list or a count a clause or two
    on), each with its rank and segments, cut only when reached."""
    for rank in range(read, min(_CONTACT_CHUNKS, len(hits))):
        yield rank, segments(hits[rank].chunk.text)


def _finish(
    question: str,
    types: list[QuestionType],
    terms: set[str],
    hits: list[ScoredChunk],
    quotes: list[tuple[int, Segment]],
    whole: str | None = None,
    core: list[tuple[int, str]] | None = None,
    said: str = "",
    weight: Callable[[str], float] | None = None,
) -> ExtractedAnswer:
    """Cut the direct-answer spans from the quotes and check they hold the asked kind of fact."""
    texts = [(r, s.text) for r, s in quotes]
    subject = frozenset(t for r, _ in quotes for t in key_tokens(hits[r].chunk.title))
    branch = find_branch(question) if types else None
    if branch is None and types and not _THAI_RE.search(question):  # "the Khlong Luang branch": its Thai name listed
        branch = find_branch_in_english(question, [hits[r].chunk.text for r in dict.fromkeys(r for r, _ in quotes)])
    if any(t.contact for t in types):
        # a handle is chosen from the whole quoted passage: a notice's list of numbers runs past the quote
        texts = [(r, hits[r].chunk.text) for r in dict.fromkeys(r for r, _ in quotes)]
        if branch is None:
            texts, branch = _province_first(question, texts, hits)
        else:
            texts = _branch_first(branch, texts, hits)
    elif types and types[0].listed:  # "(3) แอปพลิเคชัน DLT Smart Queue": an item of the notice's list
        texts = [(r, hits[r].chunk.text) for r in dict.fromkeys(r for r, _ in quotes)]
    elif types and types[0].name == "place":
        # an address runs across sentence segments: it is cut from the whole passage, the fullest address first
        texts = [(r, hits[r].chunk.text) for r in dict.fromkeys(r for r, _ in quotes)]
        texts = sorted(texts, key=lambda q: -max((a.parts for a in addresses(q[1])), default=0))
    elif types and types[0].name in AGENT_TYPES:
        # Thai names the holder before its predicate ("ให้รองนายกรัฐมนตรี … ปฏิบัติหน้าที่เป็นประธาน"): a fact
        # opening a segment is read with the words just before it in its passage
        texts = [(r, hits[r].chunk.text[max(0, s.start - AGENT_LEFT) : s.end]) for r, s in quotes]
    dated = any(t.name == "when" for t in types) and _DATE_ASKED_RE.search(question) is not None
    if dated:
        texts = sorted(texts, key=lambda q: _FULL_DATE_RE.search(q[1]) is None)  # a calendar date is read first
    counted = asked_classifier(question) if types and types[0].name == "quantity" else None
    if counted and any(counts_in(counted, [t]) for _, t in texts):
        texts = [q for q in texts if counts_in(counted, [q[1]])]  # "กี่คน": the figure is read where it counts คน
    heads = asked_heads(question) if any(t.name == "who" for t in types) else []
    twice = asked_twice(question, types)
    period = _asked_period(question, types)
    units = asked_units(question)
    direct = direct_spans(types, texts, terms, whole, subject, branch, dated, heads, said, twice, weight, period, units)
    if not direct:
        rank, text = (core or texts)[0]
        direct, quotes = _focused_fallback(question, rank, text, hits, quotes)
    quotes = _quoting_handles(quotes, direct, hits)
    direct, quotes = _with_footnotes(direct, quotes, hits)
    return ExtractedAnswer(quotes, direct, types, _holds(question, types, quotes, hits))


def _asked_period(question: str, types: list[QuestionType]) -> str | None:
    """The time classifier a "within how many days/years" or "how many years" question asks in ("ภายในกี่ปี",
    "วาระละกี่ปี" -> ปี), if any."""
    counted = asked_classifier(question) if any(t.name in _PERIOD_TYPES for t in types) else None
    return time_classifier(counted) if counted else None


def _holds_kind(qtype: QuestionType, text: str, period: str | None, classifier: str | None = None) -> bool:
    """Does the text state the kind of fact? A period asked in years is stated in years ("ภายในสองปี"), not by the
    year of an amending Act ("(ฉบับที่ ๔) พ.ศ. ๒๕๔๓") nor in days; a count asked in a classifier ("กี่คน") is
    stated in it ("ไม่น้อยกว่าสามคน"), not by another figure ("ภายในเจ็ดวัน")."""
    if classifier and period is None and qtype.name == "quantity":
        return counts_in(classifier, [text])
    if period is None or qtype.name not in _PERIOD_TYPES:
        return qtype.holds(text)
    unit = strip_tones(period)
    return any(unit in strip_tones(m.group(0)) for m in qtype.finditer(text))


def _counted(types: list[QuestionType], classifier: str | None) -> list[QuestionType]:
    """A "how many" question's figure type, widened to a number counted in the asked classifier.

    "แต่งตั้งคณะอนุกรรมการไว้กี่คณะ" is answered by "จำนวน 3 คณะ": Thai counts a noun with its own classifier
    (ลักษณนาม), and no fixed list of units holds them all, so the one the question asks in is a figure too.
    """
    if not classifier or not types or types[0].name != "quantity" or types[0].fact_re.search(f"3 {classifier}"):
        return types  # no classifier asked, or a unit the type already reads
    pattern = rf"[0-9๐-๙][0-9๐-๙,.]*\s*{re.escape(classifier)}"
    widened = QuestionType(**{**types[0].model_dump(), "fact": [*types[0].fact, pattern]})
    return [widened, *types[1:]]


def _branch_first(branch: str, texts: list[tuple[int, str]], hits: list[ScoredChunk]) -> list[tuple[int, str]]:
    """A contact question naming a branch office reads first the top passage that lists that branch (its
    channels are often a clause of their own, below the provincial office's)."""
    numbered = branch_pattern(branch)

    def lists(text: str) -> bool:
        return numbered.search(name_key(text)) is not None if numbered else branch in compact_key(text)

    holder = next((r for r, h in enumerate(hits[:_MAX_CHUNKS]) if lists(h.chunk.text)), None)
    if holder is None:
        return texts
    return [(holder, hits[holder].chunk.text), *[(r, t) for r, t in texts if r != holder]]


def _province_first(
    question: str, texts: list[tuple[int, str]], hits: list[ScoredChunk]
) -> tuple[list[tuple[int, str]], str | None]:
    """A contact question that names a province (in Thai or English) asks for that province's own entry in a
    list of offices: the top passage naming it is read first, and the province acts as the branch whose
    handle is the one listed right after its name."""
    provinces = find_provinces(question)
    if len(provinces) != 1:
        return texts, None
    want = provinces[0]
    naming = [r for r, h in enumerate(hits[:_MAX_CHUNKS]) if want in name_key(h.chunk.text)]
    # the passage naming the province itself, before one naming it only as a region's seat ("ภาค 3 (จังหวัด…)")
    holder = next((r for r in naming if named_outright(hits[r].chunk.text, want)), naming[0] if naming else None)
    if holder is None or want in name_key(hits[holder].chunk.title):
        return texts, None  # a notice of that province's own office: its subject, not one entry of a list
    return [(holder, hits[holder].chunk.text), *[(r, t) for r, t in texts if r != holder]], want


def _focused_fallback(
    question: str, rank: int, text: str, hits: list[ScoredChunk], quotes: list[tuple[int, Segment]]
) -> tuple[list[DirectSpan], list[tuple[int, Segment]]]:
    """An untyped question's line: the best segment, or the window after it holding the asked words (quoted too).

    Thai states the answer right after the words the question puts before its question word ("ยุทธศาสตร์ใด" →
    "ยุทธศาสตร์ที่ ๑"); when the best segment's opening lacks them but its continuation in the passage has them,
    line 1 is cut there and that window is added to the quotes as its evidence.
    """
    chunk = hits[rank].chunk.text
    at = chunk.find(text)
    focus = asked_focus(question, _stop_keys())
    head = asked_head(question, _stop_keys())
    if at < 0 or not focus:
        return [fallback_direct(rank, text)], quotes
    reach = chunk[at : at + _FOCUS_REACH]
    start = focus_start(reach, focus, head)
    if start == 0:
        return [fallback_direct(rank, text, focus, head)], quotes
    a = at + start
    b = min(len(chunk), a + DIRECT_MAX)
    m = re.search(r"\s", chunk[b:])
    b = b + m.start() if m else len(chunk)
    direct = [fallback_direct(rank, chunk[a:b], focus, head)]
    if not any(r == rank and s.start <= a and b <= s.end for r, s in quotes):
        quotes = sorted([*quotes, (rank, Segment(chunk[a:b], a, b))], key=lambda q: (q[0], q[1].start))
    return direct, quotes


def footnotes(text: str) -> list[tuple[str, str, Segment]]:
    """A passage's footnote glosses as (number, label key, the gloss): "22 ด้านสำคัญ ได้แก่ ด้านงบประมาณ …".

    A Thai plan marks a term in a target or indicator with a footnote number ("ในด้านสำคัญ 22") and glosses it
    at the page foot: the number, the term again, then ได้แก่/หมายถึง/คือ and what it covers. The gloss runs to
    the line's end, the next footnote's number, a note (หมายเหตุ) or a heading that follows it on the same line.
    """
    out = []
    for m in _FOOTNOTE_RE.finditer(text):
        end = min(len(text), m.end() + _FOOTNOTE_CHARS)
        stop = _FOOTNOTE_END_RE.search(text, m.end(), end)
        if stop is not None:
            end = stop.start()
        gloss = text[m.start(1) : end].strip()
        label = compact_key(m.group(2))
        if len(label) >= 3 and len(gloss) > m.end() - m.start(1):
            out.append((compact_key(m.group(1)), label, Segment(gloss, m.start(1), m.start(1) + len(gloss))))
    return out


def _with_footnotes(
    direct: list[DirectSpan], quotes: list[tuple[int, Segment]], hits: list[ScoredChunk]
) -> tuple[list[DirectSpan], list[tuple[int, Segment]]]:
    """A direct line that marks a term with a footnote ("… ในด้านสำคัญ 22 …") is followed by that footnote's gloss
    from the top passages ("22 ด้านสำคัญ ได้แก่ …"): the term's meaning is what such a question asks, and the line
    alone names only the term. The gloss is quoted as its evidence."""
    glosses = [
        (r, n, label, seg) for r, h in enumerate(hits[:_CONTACT_CHUNKS]) for n, label, seg in footnotes(h.chunk.text)
    ]
    if not glosses:
        return direct, quotes
    out = list(direct)
    for span in direct:
        key = compact_key(span.text)
        for rank, number, label, seg in glosses:
            if seg.text in span.text or any(seg.text == d.text for d in out):
                continue
            if re.search(re.escape(label + number) + r"(?![0-9])", key):
                out.insert(out.index(span) + 1, DirectSpan(rank, flat(seg.text), ""))
                if not any(r == rank and s.start <= seg.start and seg.end <= s.end for r, s in quotes):
                    quotes = sorted([*quotes, (rank, seg)], key=lambda q: (q[0], q[1].start))
                break
    return out, quotes


def _quoting_handles(
    quotes: list[tuple[int, Segment]], direct: list[DirectSpan], hits: list[ScoredChunk]
) -> list[tuple[int, Segment]]:
    """Add the segment stating each direct contact handle or address that no quote shows yet (evidence for line 1)."""
    out = list(quotes)
    for span in direct:
        if span.kind == "place":
            out = _quoting_address(out, span, hits)
        if span.kind not in CONTACT_TYPES:
            continue
        want = compact_key(span.text)
        if any(r == span.rank and want in compact_key(seg.text) for r, seg in out):
            continue
        seg = next((s for s in segments(hits[span.rank].chunk.text) if want in compact_key(s.text)), None)
        if seg is not None:
            out.append((span.rank, seg))
    return sorted(out, key=lambda q: (q[0], q[1].start))


def _quoting_address(
    quotes: list[tuple[int, Segment]], span: DirectSpan, hits: list[ScoredChunk]
) -> list[tuple[int, Segment]]:
    """Quote the passage's address span itself when no quote holds all of it (it may run across segments)."""
    want = compact_key(span.text)
    if any(r == span.rank and want in compact_key(seg.text) for r, seg in quotes):
        return quotes
    text = hits[span.rank].chunk.text
    m = re.search(r"\s+".join(re.escape(w) for w in span.text.split()), text)
    if m is None:
        return quotes
    return sorted([*quotes, (span.rank, Segment(m.group(0), m.start(), m.end()))], key=lambda q: (q[0], q[1].start))


def _holds(
    question: str, types: list[QuestionType], quotes: list[tuple[int, Segment]], hits: list[ScoredChunk]
) -> bool:
    """The asked kind of fact is in a quote, and a year the question names is in a cited passage."""
    checked = types and types[0].name in _GATED
    classifier = asked_classifier(question) if types and types[0].name == "quantity" else None
    counted = bool(classifier) and counts_in(classifier or "", [seg.text for _, seg in quotes])  # "กี่ระบบ": "3 ระบบ"
    if checked and not counted and not any(types[0].holds(seg.text) for _, seg in quotes):
        return False
    money = not counted and bool(types) and types[0].name == "quantity" and _MONEY_ASKED_RE.search(question) is not None
    if money and not any(_MONEY_RE.search(seg.text) for _, seg in quotes):
        return False  # an amount of money is asked: a count or a score is not an answer
    years = asked_years(question)
    if years:
        cited = " ".join(thai_key(f"{hits[r].chunk.title} {hits[r].chunk.text}") for r, _ in quotes)
        for y in years:
            twin = str(era_twin(int(y)))
            if y not in cited and twin not in cited:
                return False
    return True


def _named_sections(question: str) -> set[str]:
    """Section labels the question names ("มาตรา 13", "ข้อ 2"), as the chunker writes them."""
    return {f"{'มาตรา' if kind == 'ม.' else kind} {num}" for kind, num in _SECTION_RE.findall(question)}


def definition_term(question: str) -> str | None:
    """The term a definition question asks about: quoted, or the word before "หมายความว่า"/"คืออะไร"."""
    m = _QUOTED_TERM_RE.search(question)
    if m:
        return m.group(1).strip()
    m = _TERM_BEFORE_RE.search(question) or _TERM_BEFORE_TONELESS_RE.search(strip_tones(question))
    if m:
        term = re.sub(r"^คำว่า", "", m.group(1)).strip()
        return term or None
    return None


def definition_span(term: str, text: str) -> Segment | None:
    """The whole definition of ``term`` in a passage: from the quoted term to the next definition."""
    want = compact_key(term)
    if len(want) < 2:
        return None
    for m in _DEFINES_RE.finditer(text):
        before = text[max(0, m.start() - len(term) - 20) : m.start()]
        opening = max(before.rfind("“"), before.rfind('"'))
        head = before[opening + 1 :] if opening >= 0 else before
        have = compact_key(head).rstrip("”\"")
        # a quoted term is the whole term ("ไซเบอร์" is not "…ความมั่นคงปลอดภัยไซเบอร์"); unquoted, its last words
        if not (have == want if opening >= 0 else have.endswith(want)):
            continue
        start = m.start() - len(before) + (opening if opening >= 0 else max(0, len(before) - len(term) - 2))
        nxt = _NEXT_DEFINITION_RE.search(text, m.end())
        end = nxt.start() if nxt else len(text)
        end = min(end, m.end() + _DEFINITION_CHARS)
        return Segment(text[start:end].strip(), start, end)
    return None


def _definition(question: str, hits: list[ScoredChunk]) -> tuple[int, Segment] | None:
    term = definition_term(question)
    if term is None:
        return None
    for rank, hit in enumerate(hits):
        seg = definition_span(term, hit.chunk.text)
        if seg is not None:
            return rank, seg
    return None


def _extend(segs: list[Segment], i: int, budget: int) -> Segment:
    """Grow a segment into its continuation (and a dangling lead-in before it) within a character budget."""
    start, end = i, i
    if start > 0 and LEAD_IN_RE.search(segs[start - 1].text):
        start -= 1
    while end + 1 < len(segs) and (
        segs[end + 1].end - segs[start].start <= budget
        or LEAD_IN_RE.search(segs[end].text)
        or _CONTINUES_RE.match(segs[end + 1].text)
    ):
        end += 1
        if segs[end].end - segs[start].start > 2 * budget:
            break
    return _join(segs, start, end)


def _extend_list(segs: list[Segment], i: int) -> Segment:
    """A list with its lead-in and every item: back from an item to the lead-in, forward over all items."""
    start = i
    while start > 0 and _ITEM_RE.match(segs[start].text) and not LIST_LEAD_RE.search(segs[start].text):
        start -= 1
    end = start
    while end + 1 < len(segs) and segs[end + 1].end - segs[start].start <= _LIST_CHARS:
        nxt = segs[end + 1].text
        # the next item, or a continuation line of the current item followed by another item
        resumes = end + 2 < len(segs) and _ITEM_RE.match(segs[end + 2].text) is not None
        if not (_ITEM_RE.match(nxt) or (resumes and _ITEM_RE.match(segs[end].text))):
            break
        end += 1
    if end == start and end + 1 < len(segs) and LIST_LEAD_RE.search(segs[end].text) and _LAST_ITEM_RE.match(
        segs[end + 1].text
    ):
        end += 1  # a list run into its sentence ("ประกอบด้วย ก (…) และ ข (…)"): its last item after "และ"
    return _join(segs, start, max(end, i))


def _is_item(seg: Segment) -> bool:
    return _ITEM_RE.match(seg.text) is not None


def _in_list(segs: list[Segment], i: int) -> bool:
    """An item with another item beside it (a line or two away): a lone "(1) …" quoting one clause of another
    law is no list to answer "อะไรบ้าง" with."""
    return _is_item(segs[i]) and any(_is_item(segs[j]) for j in range(max(0, i - 2), min(len(segs), i + 3)) if j != i)


def _opens_list(segs: list[Segment], i: int) -> bool:
    """An item of a list, or a lead-in an item follows."""
    return _in_list(segs, i) or (i + 1 < len(segs) and _is_item(segs[i + 1]))


def _join(segs: list[Segment], start: int, end: int) -> Segment:
    # rebuild the span text from the segments (they are slices of one passage)
    text = " ".join(s.text for s in segs[start : end + 1])
    return Segment(text, segs[start].start, segs[end].end)


def cited_text(seg: Segment) -> str:
    return flat(seg.text)
