"""Write an extractive answer direct-first: one line stating the asked fact, then the quoted evidence.

The direct line is cut from the cited passages (the handle, the number with what it counts, the date, the
defining clause, the office), so it carries no agency, number or date its citation lacks; only the frame
words around it ("The e-mail address is") are ours. English questions get an English frame around the
quoted Thai span.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from assistant.address_span import best_address
from assistant.grounding import numbers, stated_numbers
from assistant.places import branch_pattern
from assistant.question_types import CONTACT_TYPES, QuestionType, Unit
from corpus.thai_text import THAI_MONTH, compact_key, key_tokens, loose_pattern, name_key_offsets, strip_tones
from index.plan.config import newest_plan_config

_WINDOW_LEFT = 70  # characters of context before a fact (Thai states what a number counts before it)
_WINDOW_RIGHT = 50
_NUMBER_WEIGHT = 2.0  # extra weight of a shared term holding digits
_RUN_REACH = 60  # how far left of a window's edge an unspaced Thai run it cuts is still read whole
# who chairs: Thai states the holder before "เป็นประธาน", often after a long unspaced run
# ("มอบอำนาจให้รองนายกรัฐมนตรี (…) ปฏิบัติหน้าที่เป็นประธาน"), so these windows reach further left
AGENT_LEFT = 120
AGENT_TYPES = frozenset({"chair"})
# a day and a Thai month name (Arabic or Thai digits): the calendar date a "ลงวันที่เท่าไร" question asks for
_DAY_MONTH_RE = re.compile(rf"[0-9๐-๙]{{1,2}}\s*(?:{THAI_MONTH})")
_DATE_BONUS = 10.0  # outweighs any shared words: a year or a period never answers "on what date"
_UNIT_BONUS = 3.0  # a figure in the asked unit over one in another, unless the words around differ much
_UNIT_REACH = 12  # characters either side of a figure where its unit is written ("อันดับที่ 55", "55 คน")
_PERIOD_BONUS = 3.0  # a period in the asked unit over one in another unit or a year, unless the words differ much
DIRECT_MAX = 220  # a direct line of an untyped question: the best segment up to about this length
# Thai question words on the damage-insensitive key (ใด, ไหน, อะไร, เท่าไร/เท่าไหร่, ใคร): standard Thai grammar
_WH_KEYS = frozenset({"ใด", "ไหน", "อะไร", "เทาไร", "เทาไหร", "ใคร"})
# the closing particle of a "what about …" ellipsis (ล่ะ/หละ, keyed): the words before it are what is asked
_WHAT_ABOUT_KEYS = frozenset({"ละ", "หละ"})
_HEAD_TIE = 0.5  # a window holding the asked head word wins over one holding as many other focus words
# a line cut right after a naming lead-in ("ให้ใช้ชื่อภาษาอังกฤษว่า", "เรียกโดยย่อว่า", "คือ", ":") runs on through
# the quoted name that follows it: the name is the fact the lead-in announces
_NAMING_LEAD_RE = re.compile(r"(?:ว่า|คือ|:)\s*$")
_QUOTED_NAME_RE = re.compile(r"\s*[“\"][^”\"]{1,100}[”\"]")
_NEGATION_RE = re.compile(r"ห้ามมิให้|ห้าม|มิได้|ไม่ได้|ไม่ต้อง|ไม่เป็น|ไม่มี|ไม่ถือ|มิให้")
_SPACE_RE = re.compile(r"\s+")
_ITEM_MARK_RE = re.compile(r"\(\s*[0-9๐-๙]{1,2}(?:\.[0-9๐-๙]{1,2})?\s*\)")
# A list item's opening: "(2)", "2)", "๕)", "2." (not "2.5"), "•", after whitespace (letters' and notices' lists).
_ITEM_START_RE = re.compile(r"(?<=\s)(?:\(\s*[0-9๐-๙]{1,2}\s*\)|[0-9๐-๙]{1,2}\)|[0-9๐-๙]{1,2}\.(?![0-9๐-๙])|•)(?=\s)")
_YEAR_LIKE_RE = re.compile(r"(?:25[0-9]{2}|20[0-9]{2})(?![0-9])")
_WHOLE_SPAN_TYPES = {"definition", "list", "section"}
# kinds of fact whose best occurrence is looked for in every quote, not only the first that holds one
_ACROSS_TYPES = frozenset({"when", "quantity"})
_LATER_QUOTE = 0.5  # a later quote's occurrence must share clearly more with the question to be chosen
_LEFT_PIECE_RE = re.compile(r"([A-Za-z0-9._%+-]+)[ ]{1,2}$")
_RIGHT_PIECE_RE = re.compile(r"[ ]{1,2}([A-Za-z0-9._%+/-]+)")
_TLD_RE = re.compile(r"\.(?:th|com|net|org)\b", re.IGNORECASE)
_GLUE = "._-"
_RIGHT_PIECES = 6  # pieces a handle may gather on its right ("Facebook . com / DLT . Samutsakhon")
_ACCOUNT_PIECE_RE = re.compile(r"[ ]{1,2}([A-Za-z][A-Za-z0-9._-]*)(?![A-Za-z0-9@])")
_BRANCH_BONUS = 5.0  # the handle listed right after the branch office the question names
_MIN_BRANCH_KEY = 4  # key letters of a branch name that must match ("ชะอำ")
_SAID = frozenset({"when", "quantity", "frequency", "year"})  # figures a follow-up is not asking again (with handles)
_SAID_PENALTY = 3.0  # a figure, date or handle the earlier answer already gave: a follow-up asks something new
_LABEL_CHARS = 45  # a handle's label: at most this many characters before it, back to the previous handle
# a place named in brackets after an office ("ภาค 3 (จังหวัดเชียงใหม่)") says where that office sits: the entry is the
# bracketed office's, and a question about the place's own office means the entry that names the place itself
_ASIDE_RE = re.compile(r"\(\s*(?:จังหวัด|จ\.)?\s*$")


@dataclass(frozen=True)
class DirectSpan:
    """A fact cut from a quoted passage, tied to the hit it comes from."""

    rank: int
    text: str
    kind: str  # the question type it answers ("" for an untyped question)


def flat(text: str) -> str:
    """One line: PDF line breaks and runs of spaces collapsed."""
    return _SPACE_RE.sub(" ", text).strip()


def _snap_left(text: str, pos: int) -> int:
    """Move a cut point right to the next whitespace so no word is split (keeps pos at 0)."""
    if pos <= 0:
        return 0
    m = re.search(r"\s(?!ๆ)", text[pos:])  # "คณะหนึ่ง ๆ": the repetition mark belongs to the word before it
    return pos + m.end() if m and pos + m.end() < len(text) else pos


def _snap_right(text: str, pos: int) -> int:
    if pos >= len(text):
        return len(text)
    m = re.search(r"\s", text[pos:])
    return pos + m.start() if m else len(text)


def window(text: str, start: int, end: int, left: int = _WINDOW_LEFT, right: int = _WINDOW_RIGHT) -> str:
    """The fact at text[start:end] with some context on each side, cut at whitespace.

    The context stays within the fact's own list item: a numbered item ("๕) นำเสนอ …", "(2) …") that starts
    before or after the fact is another statement, and its words would credit this fact with another's context.
    """
    a = _snap_left(text, max(0, start - left)) if start - left > 0 else 0
    a = min(a, start)
    b = max(_snap_right(text, end + right), end)
    own = [m.start() for m in _ITEM_START_RE.finditer(text, a, start)]
    if own:
        a = own[-1]
    after = _ITEM_START_RE.search(text, end, b)
    if after is not None:
        b = after.start()
    return flat(text[a:b])


def reach_window(text: str, start: int, end: int, left: int = _WINDOW_LEFT, right: int = _WINDOW_RIGHT) -> str:
    """The words a fact's window is read with: like ``window``, but a long unspaced Thai run cut by the left edge
    is taken whole ("ต่อที่ประชุมคณะกรรมการขับเคลื่อนการพัฒนารัฐบาลดิจิทัล ครั้งที่ …" names the meeting)."""
    a = max(0, start - left)
    if a > 0 and not text[a - 1].isspace():
        gap = re.search(r"\s\S*$", text[max(0, a - _RUN_REACH) : a])
        a = max(0, a - _RUN_REACH) + gap.start() + 1 if gap else a
    b = max(_snap_right(text, end + right), end)
    return text[a:b]


def glued_handle(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a handle over the pieces PDF extraction split off at spaces.

    "saraban - spk@dlt.mail.go.th", "nom 101. sp@gmail.com", "dltranong 63@gmail.com", "www.nom 101.go.th":
    a piece joins when a dot, dash or underscore meets the gap, when the part after the gap starts with a digit
    (a handle is not split before its letters), when a web address has no top-level domain yet, or when a path
    follows a domain ("Facebook . com / DLT . Samutsakhon"). A lone letter before a handle's letters is its first
    letter split off ("(อีเมล) S ingburi@…": a PDF drops a gap after an initial capital); a handle never follows a
    one-letter word.
    """
    a, b = start, end
    for _ in range(4):
        left = _LEFT_PIECE_RE.search(text, 0, a)
        if left is None:
            break
        piece, cur = left.group(1), text[a:b]
        initial = len(piece) == 1 and piece.isalpha() and cur[0].isalpha()
        if not (piece[-1] in _GLUE or cur[0] in _GLUE or cur[0].isdigit() or initial):
            break
        a = left.start(1)
    for _ in range(_RIGHT_PIECES):
        right = _RIGHT_PIECE_RE.match(text, b)
        if right is None:
            break
        piece, cur = right.group(1), text[a:b]
        path = piece[0] == "/" and _TLD_RE.search(_SPACE_RE.sub("", cur)[-5:]) is not None
        if re.match(r"(?:https?:|www\.)", piece, re.IGNORECASE):
            break  # "www.a.go.th / www.b.go.th": a second address, not a path
        if not (
            cur[-1] in _GLUE + "@/"
            or piece[0] in _GLUE
            or path
            or (not _TLD_RE.search(cur) and _TLD_RE.search(piece))
        ):
            break
        b = right.end(1)
    return a, b


def glued_account(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a LINE account over a letter piece split off after its digits ("@ 001 peegf", "@ 1584 DLT"):
    an account is one word, and extraction splits it where digits meet letters."""
    a, b = glued_handle(text, start, end)
    right = _ACCOUNT_PIECE_RE.match(text, b)
    if right is not None and text[b - 1].isdigit():
        b = right.end(1)
    return a, b


def best_fact(
    text: str,
    qtype: QuestionType,
    terms: set[str],
    subject_terms: frozenset[str] | set[str] = frozenset(),
    branch: str | None = None,
    dated: bool = False,
    heads: Sequence[str] = (),
    said: str = "",
) -> str | None:
    """The occurrence of the asked kind of fact whose surroundings share most with the question.

    ``subject_terms`` name the whole passage (its notice's agency and province): they tell no list item from
    another, so a contact handle is chosen by the question's other words ("ฝ่ายใบอนุญาตขับรถ", "สายด่วน").
    ``branch`` (keyed, assistant/places.py: find_branch) is a branch office the question names: the handle
    listed nearest after the branch's name is its own. ``dated``: the question asks a calendar date ("ลงวันที่
    เท่าไร"), so a day and month outrank a bare year or a period. ``heads``: the kind of body a who-question
    names ("which department": กรม); where the text names such a body, only those names are candidates.
    ``said``: the earlier answer of a follow-up ("แจ้งภายในสิบห้าวัน" → "ถ้าแจ้งไม่ทัน ขยายได้ไม่เกินกี่วัน"): a
    figure, date or handle it gave counts less, and its words (carried into the query to find the subject's
    passages) tell no occurrence from another.
    """
    said_key = compact_key(said)
    terms = _unsaid(qtype, terms, said)
    if qtype.name in CONTACT_TYPES:
        return _best_handle(text, qtype, (terms - subject_terms) or terms, branch, said_key)
    if qtype.name == "place":
        address = best_address(text, terms)  # a postal address is quoted whole, never cut at a window's edge
        if address is not None:
            return address
    found = max(scored_facts(text, qtype, terms, dated, heads, said_key), key=lambda f: f[0], default=None)
    return found[1] if found else None  # the first of equals: the earlier occurrence


def _unsaid(qtype: QuestionType, terms: set[str], said: str) -> set[str]:
    """The question's terms without the words of a follow-up's earlier answer (for the kinds it may repeat)."""
    if said and (qtype.name in _SAID or qtype.name in CONTACT_TYPES):
        return (terms - set(key_tokens(said))) or terms
    return terms


def scored_facts(
    text: str,
    qtype: QuestionType,
    terms: set[str],
    dated: bool = False,
    heads: Sequence[str] = (),
    said_key: str = "",
    weights: Mapping[str, float] | None = None,
    period: str | None = None,
    units: Sequence[Unit] = (),
) -> list[tuple[float, str, str]]:
    """Every occurrence of a windowed kind of fact (a figure, a date, an office …) as (score, window, the fact
    itself), in text order.

    The score counts the question's words in the fact's window, so occurrences in different quotes compare;
    ``said_key`` (compact key of a follow-up's earlier answer) lowers a fact it already gave; ``weights`` (see
    ``term_weights``) count a rare word more than a common one; ``units``: the units a figure is asked in (a rank,
    per cent, people): a figure stated in one of them is placed over one that is not.
    """
    weigh = weights or {}
    named = _heads_re(heads) if qtype.name == "who" and heads else None
    matches = named.finditer(text) if named is not None and named.search(text) else qtype.finditer(text)
    out: list[tuple[float, str, str]] = []
    for i, m in enumerate(matches):
        right = 160 if qtype.name == "penalty" else 120 if qtype.name == "yesno" else _WINDOW_RIGHT
        left = AGENT_LEFT if qtype.name in AGENT_TYPES else _WINDOW_LEFT
        span = window(text, m.start(), m.end(), left, right)
        read = reach_window(text, m.start(), m.end(), left, right)
        shared = terms & set(key_tokens(read))
        score: float = sum(weigh.get(t, 1.0) for t in shared) + len(terms & set(key_tokens(m.group(0))))
        # a number the question quotes (a letter's "นร 101/6969", a section, a year) tells one item from its peers
        score += _NUMBER_WEIGHT * sum(1 for t in shared if any(c.isdigit() for c in t))
        if dated and qtype.name == "when" and _DAY_MONTH_RE.match(m.group(0)):
            score += _DATE_BONUS
        if period and qtype.name == "when":  # "ภายในกี่วัน" is stated in days ("ภายในสามสิบวัน"), not as "พ.ศ. ๒๕๔๓"
            fact = strip_tones(m.group(0))
            score += _PERIOD_BONUS if strip_tones(period) in fact else -_PERIOD_BONUS if "พ.ศ" in fact else 0.0
        if units and qtype.name == "quantity":  # "what EGDI rank": "อันดับที่ 55", not "27 ระบบ" nearby
            stated = text[max(0, m.start() - _UNIT_REACH) : m.end() + _UNIT_REACH]
            score += _UNIT_BONUS if any(u.fact_re.search(stated) for u in units) else -_UNIT_BONUS
        if qtype.name == "quantity" and _YEAR_LIKE_RE.match(m.group(0)):
            score -= 1.5  # "2570 ร้อยละ…": a year is rarely the figure asked
        if qtype.name == "who":
            # an office whose own name repeats the question's words is its subject, not the answer
            score -= 2 * len(terms & set(key_tokens(text[m.start() : m.start() + 30])))
        if qtype.name in _SAID and _was_said(m.group(0), said_key):
            score -= _SAID_PENALTY
        score -= 0.01 * i
        out.append((score, span, m.group(0)))
    return out


def term_weights(terms: set[str], weight: Callable[[str], float] | None) -> dict[str, float] | None:
    """Each question word's weight (its IDF) scaled so the words' mean weight is 1.

    Words around a figure or a date tell one occurrence from its neighbours only as far as they are rare: in a
    letter that lists meeting after meeting, "ร่าง" and "แผน" stand by every date, "ประชาพิจารณ์" by one. The
    scaling keeps a window's word count comparable to the fixed bonuses (a calendar date, a quoted number).
    """
    if weight is None or not terms:
        return None
    raw = {t: max(0.0, weight(t)) for t in terms}
    total = sum(raw.values())
    if total <= 0:
        return None
    return {t: len(raw) * w / total for t, w in raw.items()}


def _heads_re(heads: Sequence[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True)))


def restates_said(qtype: QuestionType, text: str, said_key: str) -> bool:
    """Does every figure or date of the asked kind in the text repeat what the earlier answer gave? A follow-up
    ("แล้ว กบส. ล่ะ มีได้ไม่เกินกี่คน") asks a new one: the sentence that gave "ไม่เกินเจ็ดคน" is not its answer."""
    if not said_key or qtype.name not in _SAID:
        return False
    facts = [m.group(0) for m in qtype.finditer(text)]
    return bool(facts) and all(_was_said(f, said_key) for f in facts)


def _was_said(fact: str, said_key: str) -> bool:
    """The fact's words are in the earlier answer, or every number it states is (in digits or in Thai words:
    "ภายในสิบห้าวัน" was said by "ภายใน 15 วัน")."""
    key = compact_key(fact)
    if len(key) >= 3 and key in said_key:
        return True
    stated = stated_numbers(fact)
    return bool(stated) and stated <= numbers(said_key)


def _best_handle(
    text: str, qtype: QuestionType, terms: set[str], branch: str | None = None, said_key: str = ""
) -> str | None:
    """The handle whose list item and label share most with the question.

    A handle's label is the words between the previous handle and it ("ฝ่ายใบอนุญาตขับรถ เบอร์โทรศัพท์ 0 …");
    a question word found in every label ("เบอร์") tells none apart, so each word counts by how few labels hold it.
    """
    found: list[tuple[str, str, str]] = []  # (handle, its list item, its label)
    starts: list[int] = []
    previous_end = 0
    handle = qtype.channel is not None and qtype.channel.handle  # written without spaces: gaps inside are damage
    for m in qtype.finditer(text):
        if text.startswith("://", m.end()):
            continue  # "facebook : https" is the label of the address that follows, not a handle
        glue = glued_account if qtype.name == "line" else glued_handle
        a, b = glue(text, m.start(), m.end()) if handle else (m.start(), m.end())
        span = text[a:b].strip().rstrip(".,;)")
        if handle:
            span = _SPACE_RE.sub("", span)
        if qtype.channel is not None and qtype.channel.page_label_re is not None:
            span = qtype.channel.page_label_re.sub("", span) or span  # "Facebook : ขนส่งจังหวัดตาก": the page
        marks = [i.start() for i in _ITEM_MARK_RE.finditer(text, max(previous_end, a - _LABEL_CHARS), a)]
        label_start = marks[-1] if marks else max(previous_end, a - _LABEL_CHARS)  # not into the item before
        found.append((span, _item_around(text, a, b), text[label_start:a]))
        starts.append(a)
        previous_end = b
    channel = qtype.channel
    if channel is not None and channel.short_re is not None and channel.short_keys & terms:
        short = [(f, a) for f, a in zip(found, starts, strict=True) if channel.short_re.match(f[0])]
        if short:  # "สายด่วนเบอร์อะไร": the hotline's short code, not the office's landline beside it
            found, starts = [f for f, _ in short], [a for _, a in short]
    if not found:
        return None
    labels = [_shared_terms(terms, label) for _, _, label in found]
    spread = {t: sum(t in shared for shared in labels) for t in terms}
    own = _branch_handle(text, starts, branch) if branch else None
    best: tuple[float, str] | None = None
    for i, ((span, item, _), shared) in enumerate(zip(found, labels, strict=True)):
        score = len(_shared_terms(terms, item)) + 3 * sum(1 / spread[t] for t in shared) - 0.01 * i
        score += _BRANCH_BONUS if i == own else 0.0
        score -= _SAID_PENALTY if _was_said(span, said_key) else 0.0
        if best is None or score > best[0]:
            best = (score, span)
    return best[1] if best else None


def _branch_handle(text: str, starts: list[int], branch: str) -> int | None:
    """The handle listed nearest after a mention of the branch (the longest prefix of ``branch`` the text holds,
    so words the question glued on do not matter), or None when the text does not name it."""
    key, offsets = name_key_offsets(text)
    numbered = branch_pattern(branch)
    if numbered is not None:
        mentions = [offsets[m.start()] for m in numbered.finditer(key)]
        if not mentions:
            return None
    else:
        for size in range(len(branch), _MIN_BRANCH_KEY - 1, -1):
            mentions = [offsets[m.start()] for m in re.finditer(re.escape(branch[:size]), key)]
            if mentions:
                break
        else:
            return None
    own = [o for o in mentions if not _ASIDE_RE.search(text[max(0, o - 12) : o])]
    mentions = own or mentions  # "ภาค 3 (จังหวัดเชียงใหม่) saraban_irc3": a region's seat, not the province's office
    gaps = [(a - max((o for o in mentions if o < a), default=-(10**9)), i) for i, a in enumerate(starts)]
    gap, i = min(gaps)
    return i if gap < len(text) else None


def named_outright(text: str, place: str) -> bool:
    """Does the text name a place (keyed, see corpus.thai_text.name_key) other than in brackets after an office?"""
    key, offsets = name_key_offsets(text)
    return any(not _ASIDE_RE.search(text[max(0, offsets[m.start()] - 12) : offsets[m.start()]])
               for m in re.finditer(re.escape(place), key))


def _shared_terms(terms: set[str], text: str) -> set[str]:
    """Question terms found in a text's key (substrings: word segmentation differs between the two)."""
    key = compact_key(text)
    return {t for t in terms if (len(t) >= 3 or t.isdigit()) and t in key}


def _item_around(text: str, start: int, end: int) -> str:
    """The list item holding a match: from the item marker before it to the next one (or 120 characters)."""
    before = [m.end() for m in _ITEM_MARK_RE.finditer(text, 0, start)]
    a = before[-1] if before else max(0, start - 120)
    nxt = _ITEM_MARK_RE.search(text, end)
    b = nxt.start() if nxt else min(len(text), end + 120)
    return text[max(a, start - 200) : min(b, end + 200)]


def direct_spans(
    types: list[QuestionType],
    quotes: list[tuple[int, str]],
    terms: set[str],
    whole: str | None = None,
    subject_terms: frozenset[str] | set[str] = frozenset(),
    branch: str | None = None,
    dated: bool = False,
    heads: Sequence[str] = (),
    said: str = "",
    twice: frozenset[str] = frozenset(),
    weight: Callable[[str], float] | None = None,
    period: str | None = None,
    units: Sequence[Unit] = (),
) -> list[DirectSpan]:
    """One span per asked kind of fact, from the first quote that holds it (whole-span kinds use ``whole``).

    A who-question naming the kind of body it asks ("which department", ``heads``) reads first the quotes
    naming such a body: "หน่วยงานของรัฐ" in the best passage does not answer "กรมใด". ``said``: a follow-up's
    earlier answer, see ``best_fact``. ``twice``: kinds of figure or date the question asks two of ("อันดับที่
    เท่าไร จากกี่ประเทศ"): the next best occurrence that the first span does not already state is given too.
    ``weight``: the question words' IDF; a figure or a date is placed by the rare words around it (term_weights).
    ``period``: the time classifier a "within how many days" question asks in; ``units``: the units a figure is
    asked in (see ``scored_facts``).
    """
    out: list[DirectSpan] = []
    seen: set[str] = set()
    for qtype in types:
        if qtype.name in _WHOLE_SPAN_TYPES:
            if whole is not None and quotes:
                out.append(DirectSpan(quotes[0][0], flat(whole), qtype.name))
                break
            continue
        if qtype.name in _ACROSS_TYPES:
            # a figure or a date: the occurrence whose window shares most with the question, in whichever quote
            # (a letter lists meeting after meeting, a section two periods); the earlier quote on a tie
            unsaid, said_key = _unsaid(qtype, terms, said), compact_key(said)
            weights = term_weights(unsaid, weight)
            # every occurrence in every quote, scored once; a later quote's must share clearly more to be chosen
            per_quote = [
                (rank, [(score - _LATER_QUOTE * k, w, fact) for score, w, fact in found])
                for k, (rank, text) in enumerate(quotes)
                if (found := scored_facts(text, qtype, unsaid, dated, (), said_key, weights, period, units))
            ]
            bests = [
                (score, rank, w)
                for rank, found in per_quote
                for score, w, _ in [max(found, key=lambda f: f[0])]
                if w not in seen and not any(w in s for s in seen)
            ]
            if bests:
                _, chosen_rank, chosen = max(bests, key=lambda f: f[0])  # the first of equals: the earlier quote
                seen.add(chosen)
                out.append(DirectSpan(chosen_rank, chosen, qtype.name))
                if qtype.name in twice:
                    out.extend(_second_fact(qtype.name, per_quote, chosen))
            continue
        ordered = quotes
        if qtype.name == "who" and heads:
            named = _heads_re(heads)
            ordered = sorted(quotes, key=lambda q: named.search(q[1]) is None)
        for rank, text in ordered:
            span = best_fact(text, qtype, terms, subject_terms, branch, dated, heads, said)
            if span and span not in seen and not any(span in s for s in seen):
                seen.add(span)
                out.append(DirectSpan(rank, span, qtype.name))
                break
    return out


def _second_fact(
    kind: str, per_quote: list[tuple[int, list[tuple[float, str, str]]]], first: str
) -> list[DirectSpan]:
    """The best other occurrence of a kind asked twice, unless the first span already states it."""
    others = [(score, rank, w) for rank, found in per_quote for score, w, fact in found if fact not in first]
    if not others:
        return []
    _, rank, text = max(others, key=lambda f: f[0])
    return [DirectSpan(rank, text, kind)]


def holds_asked_fact(types: list[QuestionType], texts: Iterable[str]) -> bool:
    """Does some quoted text state the primary kind of fact the question asks for?"""
    if not types:
        return True
    joined = list(texts)
    return any(types[0].holds(t) for t in joined)


def _frame(span: DirectSpan, language: str, types: list[QuestionType], marker: str) -> str:
    qtype = next((t for t in types if t.name == span.kind), None)
    if language == "en":
        if span.kind == "yesno":
            verdict = "No" if _NEGATION_RE.search(span.text) else "Yes"
            return f"{verdict}, the documents say: “{span.text}” {marker}"
        frame = qtype.frame_en if qtype is not None else "The documents say"
        return f"{frame}: “{span.text}” {marker}"
    label = qtype.channel.label_th if qtype is not None and qtype.channel is not None else ""
    return f"{label} {span.text} {marker}" if label else f"{span.text} {marker}"


@lru_cache(maxsize=1)
def _table_heads_re() -> re.Pattern[str]:
    """The header row of the plan's key-project tables (its column heads, or the last ones where a table continues
    on the next page), which PDF extraction leaves in the passages: table damage, not text to quote."""
    heads = [loose_pattern(h) for h in newest_plan_config().appendix.columns]
    optional = "".join(rf"(?:{h}\s+)?" for h in heads[:-2])
    return re.compile(rf"(?<!\S){optional}{heads[-2]}\s+{heads[-1]}(?!\S)\s*")


def without_table_heads(text: str) -> str:
    """The text without a key-project table's header row."""
    return _table_heads_re().sub("", text).strip()


def compose(
    language: str,
    types: list[QuestionType],
    direct: list[DirectSpan],
    evidence: list[tuple[int, str]],
    numbers: dict[int, int],
) -> str:
    """Line 1: the fact(s) with markers; then each evidence quote that the direct line does not already repeat."""
    shown = [replace(s, text=without_table_heads(s.text) or s.text) for s in direct]
    parts = [_frame(s, language, types, f"[{numbers[s.rank]}]") for s in shown]
    first = " · ".join(parts) if language != "en" else " ".join(parts)
    lines = [first] if first else []
    for rank, text in evidence:
        quote = without_table_heads(flat(text))
        if not quote or any(quote == s.text for s in shown):
            continue
        marker = f"[{numbers[rank]}]"
        lines.append(f"“{quote}” {marker}" if language == "en" else f"{quote} {marker}")
    return "\n".join(lines)


def fallback_direct(
    rank: int, text: str, focus: frozenset[str] | set[str] = frozenset(), head: str | None = None
) -> DirectSpan:
    """An untyped question: the best segment itself (up to about two hundred characters) is the direct line.

    When the passage runs longer and a later window holds more of the words the question asks about (``focus``,
    see ``asked_focus``), the line is that window instead of the passage's opening.
    """
    flat_text = flat(text)
    if len(flat_text) <= DIRECT_MAX:
        return DirectSpan(rank, flat_text, "")
    start = focus_start(flat_text, focus, head) if focus else 0
    cut = _snap_right(flat_text, start + DIRECT_MAX)
    cut = _through_quoted_name(flat_text, start, cut)
    lead = "… " if start else ""
    tail = " …" if cut < len(flat_text) else ""
    return DirectSpan(rank, lead + flat_text[start:cut] + tail, "")


def _through_quoted_name(text: str, start: int, cut: int) -> int:
    """Move a line's cut past the quoted name a naming lead-in announces, when the cut falls right before it or
    inside it ("…ให้ใช้ชื่อเป็นภาษาอังกฤษว่า “National …" → the whole name)."""
    opening = text.rfind("“", start, cut)
    if opening >= 0 and text.find("”", opening, cut) < 0:
        at = opening  # the cut is inside a quotation
    elif _QUOTED_NAME_RE.match(text, cut):
        at = cut
    else:
        return cut
    named = _QUOTED_NAME_RE.match(text, at)
    if named is None or not _NAMING_LEAD_RE.search(text[start:at]):
        return cut
    return named.end()


def asked_focus(question: str, stops: frozenset[str]) -> frozenset[str]:
    """The content words right before each Thai question word ("ยุทธศาสตร์ใด", "ด้านไหน") or a closing "ล่ะ"
    ("ชื่อภาษาอังกฤษล่ะ"): what the answer names."""
    tokens = key_tokens(question)
    out: set[str] = set()
    for i, tok in enumerate(tokens):
        if tok not in _WH_KEYS and not (tok in _WHAT_ABOUT_KEYS and i == len(tokens) - 1):
            continue
        taken = 0
        for prev in reversed(tokens[max(0, i - 4) : i]):
            if prev in _WH_KEYS:
                break
            if prev not in stops and len(prev) > 1:
                out.add(prev)
                taken += 1
                if taken == 2:
                    break
    return frozenset(out)


def asked_head(question: str, stops: frozenset[str], reach: int = 4) -> str | None:
    """The content word right before the first Thai question word ("ใช้เทคโนโลยีอะไร" -> เทคโนโลยี): the kind of
    thing the answer names, which weighs more than a qualifier further back ("Government Intranet"); ``reach``:
    how many words back it may be."""
    tokens = key_tokens(question)
    for i, tok in enumerate(tokens):
        if tok in _WH_KEYS:
            return next((p for p in reversed(tokens[max(0, i - reach) : i]) if p not in stops and len(p) > 1), None)
    return None


def focus_start(text: str, focus: frozenset[str] | set[str], head: str | None = None) -> int:
    """Start of the window of about ``DIRECT_MAX`` characters holding the most focus words (0 unless more); the
    asked ``head`` word breaks a tie."""
    pieces = [(m.start(), set(key_tokens(m.group()))) for m in re.finditer(r"\S+", text)]

    def hits(i: int) -> float:
        end = pieces[i][0] + DIRECT_MAX
        found: set[str] = set()
        for pos, toks in pieces[i:]:
            if pos >= end:
                break
            found |= toks & focus
        return len(found) + (_HEAD_TIE if head in found else 0.0)

    base = hits(0) if pieces else 0
    best, best_i = base, 0
    for i in range(1, len(pieces)):
        if pieces[i][1] & focus:  # a window worth trying starts a little before a focus word
            j = max(0, i - 3)
            n = hits(j)
            if n > best:
                best, best_i = n, j
    return pieces[best_i][0] if pieces else 0
