"""Answer questions about the plan's key projects from the registry: owners, budget, years, and block details.

The registry is extracted from the plan's appendix at ingest; the answer cites the project's own
passage and page, and every value it states is copied from that passage. A question asking a detail
(an objective, an output or target, a line of the project details) gets the block sentence that states it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from assistant.abstention import abstain_message, asked_classifier, counts_in, nearby_label
from assistant.extractive_answerer import query_terms
from assistant.glossary import load_glossary
from assistant.project_passages import Found, ProjectPassages, largest_figure
from assistant.query_rewrite import expansions_of, gloss_spans, thai_glosses
from assistant.question_types import FIGURE_TYPES, classify, split_compound
from assistant.schemas import Citation, ProjectCard
from assistant.sentences import LIST_LEAD_RE, segments
from assistant.structured import Conversation, StructuredAnswer, joined
from corpus.thai_text import arabic_digits, be_year, compact_key, thai_key
from dgplan.errors import ProjectNotFound
from index.chunk_record import ChunkRecord
from index.projects.agencies import Gazetteer
from index.projects.record import ProjectRecord
from index.projects.registry import ProjectRegistry

_NUMBER_RE = re.compile(r"(?:โครงการ(?:ที่)?|project|no\.?|#)\s*([1-9]\.[0-9]{1,2})(?![0-9])", re.IGNORECASE)
_PROJECT_WORD_RE = re.compile(r"โครงการ|project", re.IGNORECASE)
_LIST_RE = re.compile(
    r"โครงการ(?:ใด|อะไร)บ้าง|มีโครงการอะไร|กี่โครงการ|which projects|what projects|"
    r"projects (?:does|do|is|are|of|owned|led)",
    re.IGNORECASE,
)

# A Thai cue word ends where no vowel or tone mark follows ("ของบุคลากร" holds no "งบ").
_SYLLABLE_END = r"(?![\u0e30-\u0e3a\u0e47-\u0e4e])"
# A span of fiscal years asked outright: "ปีงบไหนถึงไหน", "ปีงบใด", "ไหนถึงไหน" (from which to which). "ปงบ" typed
# without its vowel is read as ปีงบ by assistant.query_rewrite.normalize_question, the text answerers are given.
_YEARS_ASKED = r"ปีงบ(?:ประมาณ)?\s*(?:ไหน|ใด)|(?:ไหน|ใด)\s*ถึง\s*(?:ปี\S{0,4}\s*)?(?:ไหน|ใด)"
# Which fields the question asks for.
_FIELDS: dict[str, re.Pattern[str]] = {
    "owners": re.compile(r"ใคร|หน่วยงาน|รับผิดชอบ|เจ้าภาพ|ดูแล|owner|owns|responsible|who|agenc|in charge|lead", re.I),
    "budget": re.compile(rf"งบ{_SYLLABLE_END}|เงิน|บาท|ค่าใช้จ่าย|budget|cost|how much(?! time)|money|baht|fund", re.I),
    "duration": re.compile(
        r"ระยะเวลา|ช่วงเวลา|กี่เดือน|นานเท่าไร|นานแค่ไหน|duration|how long|months?|time ?frame|implementation period",
        re.I,
    ),
    "years": re.compile(
        rf"ปีงบ|ปีไหน|ปีใด|ช่วงปี|ช่วงเวลา|{_YEARS_ASKED}|เมื่อไร|เมื่อไหร่|fiscal|which years?|what years|when|time ?frame",
        re.I,
    ),
}
# Unambiguous wording for a registry value: with it the card answers even when the block also matches.
_STRONG_FIELDS: dict[str, re.Pattern[str]] = {
    "owners": re.compile(
        r"รับผิดชอบ|เจ้าภาพ|หน่วย(?:งาน)?\s*(?:ใด|ไหน)|ใคร\s*(?:เป็น|ดูแล|ทำ)|ดูแลโครงการ|owner|owns|responsible|in charge|"
        r"which agenc|what agenc|agenc(?:y|ies) (?:lead|run)|\bled by|\bwho (?:runs|leads|manages|implements|operates)",
        re.I,
    ),
    "budget": re.compile(
        rf"งบ(?!ประมาณท้องถิ่น){_SYLLABLE_END}|วงเงิน|ล้านบาท|budget|cost|how much money|\bbaht|\ballocat", re.I
    ),
    "duration": re.compile(
        r"ระยะเวลา|ช่วงเวลา|กี่?\s*เดือน|(?:ทำ|ใช้|ดำเนินการ|เวลา)\s*กี่\s*ปี|นานเท่า|นานแค่ไหน|ใช้?เวลา|duration|how long"
        r"|how many (?:months|years)|how much time|time ?frame"
        r"|implementation period",
        re.I,
    ),
    "years": re.compile(rf"ปีงบ|ช่วงปี|ช่วงเวลา|{_YEARS_ASKED}|fiscal|(?:which|what) years|time ?frame", re.I),
}
# An owner asked outright ("มีหน่วยงานอะไร", "ใครดูแล"): with it a question naming only part of a project's name
# and not the word "โครงการ" is still about that project.
_ASKED_OWNER_RE = re.compile(r"หน่วยงาน\s*(?:ใด|ไหน|อะไร)|ใคร|\bwho\b|which agenc", re.I)
# "ระหว่างหน่วยงานใด", "between which agencies": the parties of an exchange the block describes, not its owners.
_BETWEEN_RE = re.compile(r"ระหว่าง\s*(?:หน่วยงาน|ส่วนราชการ|องค์กร)?\s*(?:ใด|ไหน)|\bbetween which\b|\bamong which\b", re.I)
_OTHER_FACTS_RE = re.compile(r"วัตถุประสงค์|ผลผลิต|รายละเอียด|เป้าหมาย|ทำอะไร|objective|output|purpose|aim|detail", re.I)
# Which column of the project's block in appendix 4 the question asks for (table headings of the plan:
# วัตถุประสงค์โครงการ, รายละเอียดโครงการ, ผลผลิต; targets and KPIs are stated in the output column).
_BLOCK_FIELDS: dict[str, re.Pattern[str]] = {
    "objectives": re.compile(
        r"วัตถุประสงค์|เป้าหมาย|เพื่ออะไร|ทำไป?เพื่อ|ได้ประโยชน์|(?:แก้|ลด)\s*ปัญหา|objective|purpose|\baims?\b|\bgoals?\b|"
        r"\bwhy\b|benefi|problems?\b",
        re.I,
    ),
    "details": re.compile(r"รายละเอียด|ประกอบด้วย|องค์ประกอบ|ขอบเขต|กิจกรรม|component|activit|scope|consist", re.I),
    "outputs": re.compile(r"ผลผลิต|ผลลัพธ์|เป้าหมาย|ตัวชี้วัด|จะได้อะไร|output|deliverable|target|result|\bkpi", re.I),
}
_DETAILS_RE = re.compile(r"ทำอะไร|เกี่ยวกับอะไร|คืออะไร|what (?:is|does)", re.I)
# A list asked ("อะไรบ้าง", "ใดบ้าง", "which … are"): of a project with no registry value asked, its own items
_ITEMS_ASKED_RE = re.compile(r"(?:อะไร|ใด|ไหน)(?:ไว้|อีก)?\s*บ้าง|\bwhat (?:\w+ )?are\b|\blist\b", re.I)
_BLOCK_LABELS = {
    "objectives": ("objective", "วัตถุประสงค์"),
    "details": ("project details", "รายละเอียดโครงการ"),
    "outputs": ("output", "ผลผลิต"),
}
# Words that frame a block question without naming its content (question words, column names, "project", and "per
# year": a block states a yearly target in its timeline's year columns, never as "ปีละ").
_FRAME_TERMS = {
    thai_key(w)
    for w in (
        "วัตถุประสงค์", "ผลผลิต", "รายละเอียด", "เป้าหมาย", "ตัวชี้วัด", "ผลลัพธ์", "อะไร", "บ้าง", "อย่างไร",
        "กี่", "เท่าไร", "เท่าใด", "ใด", "ไหน", "แผน", "แผนฯ", "ของ", "มี", "จะ", "ได้", "ตั้ง", "คาดหวัง",
        "ที่จะ", "ให้เป็น", "ตั้งเป้า", "เรื่อง", "ต้องการ", "ปีละ", "ต่อปี", "แต่ละปี", "สุดท้าย",
        "objective", "objectives", "output", "outputs", "project", "plan", "key", "expected", "expect",
    )
}  # fmt: skip
# Asking for a person or group ("ใครมาอบรม", "who is trained"): Thai names them before the verb phrase the question
# repeats ("…พัฒนาอาสาพัฒนาชุมชน (อช.) รายอำเภอ ในการจัดอบรม…"), often across a segment break
_ASKED_PERSON_RE = re.compile(r"ใคร|ผู้ใด|\bwho(?:m)?\b", re.I)
_UNIT_WORDS = ("กระทรวง", "กรม", "สำนักงาน")  # written before a ministry's or office's short form: "กระทรวง พม."
# A sentence the 320-character segment cut opened mid-clause ("เป็นระบบหลักในการจัดทำ…" after "ให้ใช้ระบบ X"): what it
# is said of closes the segment before.
_CONTINUED_RE = re.compile(r"(?:เป็น(?!ต้น)|ซึ่ง|โดย|และ|หรือ|ของ)")
# The highest of a figure given year by year ("สะสมสูงสุดกี่หน่วยงาน", "at most", "by the final year")
# A numbered step of a block's timeline: "ระยะที่ 2", "ปีที่ 3", "เฟสที่ 1"
_STEP_RE = re.compile(r"(ระยะ|ปี|เฟส|ขั้น|ช่วง)\s*ที่\s*([0-9]{1,2})(?![0-9])")
_HIGHEST_RE = re.compile(
    r"สูงสุด|มากที่สุด|ปีสุดท้าย|สะสม|\bhighest\b|\bmaximum\b|\bat most\b|\bfinal (?:year|stage)\b|\bcumulative(?:ly)?\b", re.I
)
_COUNT_RE = re.compile(r"กี่|เท่าไร|เท่าใด|ร้อยละ|how many|how much|percent|number of", re.I)
_DIGIT_RE = re.compile(r"\d")
# A step's own figure, stated with the unit of the field asked: a list number ("1.") or a year is no such figure.
_STEP_FIGURE_RE: dict[str, re.Pattern[str]] = {
    "budget": re.compile(r"\d[\d,.]*\s*(?:ล้าน)?\s*บาท|\d[\d,.]*\s*(?:million|baht)", re.I),
    "duration": re.compile(r"\d+\s*(?:เดือน|ปี(?!\s*(?:พ\.ศ\.|25\d\d|งบ)))|\d+\s*(?:months?|years?)", re.I),
}
_THAI_RE = re.compile(r"[\u0e01-\u0e5b]")
_MIN_UNIT_COVERAGE = 0.5  # share of a question's own content a block sentence must hold to be its answer
_MAX_UNIT_CHARS = 320
_MIN_UNIT_CHARS = 60
_MAX_UNITS = 8  # block sentences quoted at most in one detail answer
_PUNCT_RE = re.compile(r"[^0-9a-z\u0e01-\u0e5b]")
# An English question asking a detail of a named project: its words are matched against the Thai block one by one,
# a Latin word as printed (the plan keeps English names and terms: "Wealthy Global Citizen") and a glossary word
# by its Thai wording (any of the glossary's alternatives). English words that frame a question name no content.
_EN_WORD_RE = re.compile(r"[a-z0-9][a-z0-9-]*[a-z0-9]|[0-9]")
_EN_FRAME_WORDS = frozenset({
    "as", "at", "its", "it", "be", "are", "was", "were", "will", "would", "this", "that", "these", "those", "from",
    "into", "than", "has", "have", "had", "there", "their", "they", "them", "each", "any", "all", "also", "more",
    "most", "plan", "plan's", "project", "projects", "key", "expected", "expect", "according", "through", "under",
    "via",
})  # fmt: skip
_PROJECT_KEY = thai_key("โครงการ")
_AGENT_TYPES = frozenset({"who", "chair"})
_MIN_JOINED_WORD = 8  # an English compound found in a block's text with its spaces dropped ("Market Place")
_MIN_EN_CONCEPTS = 2  # question words one block sentence must hold (a single shared word tells little)
_MIN_EN_COVERAGE = 0.5  # weighted share of the question's telling words the chosen sentence must hold


def _figure_asked(question: str) -> bool:
    """Does the question ask a number or a year ("กี่", "how many", "ตั้งแต่ปีไหน")? Then a block sentence that
    prints digits is read before an equally worded one that prints none."""
    return bool(_COUNT_RE.search(question)) or any(t.name == "year" for t in classify(question))


def _compact(text: str) -> str:
    """Damage-insensitive key without spaces or punctuation."""
    return _PUNCT_RE.sub("", thai_key(text))


def _name_key(p: ProjectRecord) -> str:
    """The project's Thai and English names, compacted: the words a question names it by, not asks with."""
    return _compact(" ".join([p.name_th, p.name_en or ""]))


def _question_words(question: str, general: bool = False) -> list[str | None]:
    """The question's words keyed, None for stop and frame words; English questions add their Thai (glossary)."""
    return [key for _, key in _question_tokens(question, general)]


def _question_tokens(question: str, general: bool = False) -> list[tuple[str, str | None]]:
    """The question's words, each with its key (None for stop and frame words); English adds its Thai (glossary).

    Names only unless ``general``: general words ("security", "centre") would match a project's name words in
    its other blocks when telling projects apart; within one project's block they tell its sentences apart.
    """
    from pythainlp.tokenize import word_tokenize

    glossed = expansions_of(question, {}, words=general)
    # each gloss its own run: "|" keys to nothing and so parts them
    text = question if _THAI_RE.search(question) else " | ".join([question, *glossed])
    tokens: list[tuple[str, str | None]] = []
    for word in word_tokenize(text, engine="newmm", keep_whitespace=False):
        key = _compact(word)
        content = bool(key) and bool(query_terms(word)) and key not in _GENERIC_TERMS and key not in _FRAME_TERMS
        tokens.append((word, key if content else None))
    return tokens


def _stem(word: str) -> str:
    """An English word without a plural or verb ending, to match its other forms ("analyse", "analysed")."""
    for end in ("ing", "ed", "es", "s", "e"):
        if len(word) - len(end) >= 4 and word.endswith(end):
            return word[: -len(end)]
    return word


def _question_terms(question: str) -> set[str]:
    """Content words of a question, keyed (for telling which project's block it describes)."""
    return {w for w in _question_words(question) if w and (len(w) > 1 or w.isdigit())}


# "โครงการที่<describes the project> <asks>": Thai marks the end of a relative clause with a space, so a question
# opening "the project that/which …" describes the project in its first phrase and asks in the rest.
_RELATIVE_OPENING_RE = re.compile(r"^\s*โครงการ\s*(?:ที่|ซึ่ง)\S+\s+(?=\S)")


def _split_glued_budget(text: str) -> str:
    """Part "งบ" that only spans two words ("ถึงบอก" is ถึง + บอก) so the budget cue reads words, not letters."""
    if "งบ" not in text:
        return text
    from pythainlp.tokenize import word_tokenize

    cuts = []
    for m in _GLUED_BUDGET_RE.finditer(text):
        lo = max(0, m.start() - _BUDGET_WINDOW)  # the words around it decide; a long question stays cheap
        starts, at = set(), lo
        for token in word_tokenize(text[lo : m.end() + _BUDGET_WINDOW], engine="newmm", keep_whitespace=True):
            starts.add(at)
            at += len(token)
        if m.start() not in starts and m.start() + 1 in starts:
            cuts.append(m.start() + 1)
    for cut in reversed(cuts):
        text = text[:cut] + " " + text[cut:]
    return text


def _asked_part(question: str) -> str:
    """The question without an opening relative clause that only describes the project (see above)."""
    m = _RELATIVE_OPENING_RE.match(question)
    return question[m.end() :] if m else question


def _question_runs(question: str, p: ProjectRecord, general: bool = False) -> list[str]:
    """The question's own content as keyed runs of consecutive words (stop, frame and project-name words cut out).

    Runs, not words: Thai word cutting is ambiguous ("ติดตามเรื่อง" -> ติด|ตามเรื่อง), so coverage is measured
    on the run's characters (see :func:`_coverage`), not on whole words. When every content word is also a name
    word and no count is asked, the question asks with name words ("โครงการฐานข้อมูลทรัพยากรฯ จะมีฐานข้อมูล
    สิ่งแวดล้อมเรื่องใด"): only one stretch of name words names the project (see :func:`_naming_stretch`); name
    words elsewhere ask.
    """
    name_key = _name_key(p)
    tokens = _question_tokens(question, general)
    words = [key for _, key in tokens]
    named = [key is not None and len(key) > 1 and key in name_key for key in words]
    runs = _runs(words, named)
    # a count of the project's own thing ("ตั้งเป้าพัฒนาบริการต้นแบบปีละกี่บริการ") is found by its classifier instead
    if sum(len(r) for r in runs) < _MIN_OWN_CHARS and not _COUNT_RE.search(question):
        name = f"{p.name_th} {p.name_en or ''}".lower()
        led = [i > 0 and _PROJECT_WORD_RE.fullmatch(tokens[i - 1][0]) is not None for i in range(len(tokens))]
        naming = _naming_stretch(words, named, [token.lower() in name for token, _ in tokens], led)
        runs = _runs(words, [i in naming for i in range(len(words))])
    return runs


def _runs(words: list[str | None], skipped: list[bool]) -> list[str]:
    """Consecutive content words joined, broken at stop words and at the skipped ones."""
    runs: list[str] = []
    current = ""
    for key, skip in [*zip(words, skipped, strict=True), (None, True)]:
        if key and not skip:
            current += key
            continue
        if current:
            runs.append(current)
        current = ""
    return runs


def _naming_stretch(words: list[str | None], named: list[bool], in_name: list[bool], led: list[bool]) -> set[int]:
    """The positions of the stretch of name words that names the project: the one right after "โครงการ"/"project"
    (``led``), else the one with the most name characters. A content word outside the name, or a stop word the name
    does not print ("จะ", "มี"), ends a stretch; one it prints ("เพื่อ", "และ") does not."""
    best: set[int] = set()
    best_rank = (False, 0)
    current: set[int] = set()
    rank = (False, 0)
    for i, key in enumerate(words):
        if (key and not named[i]) or (not key and not in_name[i]):
            current, rank = set(), (False, 0)
            continue
        if key:
            rank = (rank[0] or (not current and led[i]), rank[1] + len(key))
            current = current | {i}
            if rank > best_rank:
                best, best_rank = current, rank
    return best


def _coverage(runs: list[str], key: str) -> float:
    """Share of the runs' characters found in ``key`` as pieces of three or more characters (greedy, left to right)."""
    total = sum(len(r) for r in runs)
    covered = 0
    for run in runs:
        if len(run) < 3:
            covered += len(run) if run in key else 0
            continue
        i = 0
        while i < len(run):
            length = 0
            while i + length < len(run) and run[i : i + length + 1] in key:
                length += 1
            if length >= 3:
                covered += length
                i += length
            else:
                i += 1
    return covered / total if total else 0.0


# "Which strategy is project X under": the registry's strategy number, cited from a passage stating it.
_STRATEGY_ASKED_RE = re.compile(
    r"ยุทธศาสตร์\s*(?:ใด|ไหน|อะไร|ที่\s*(?:เท่าไ|เท่าใด|กี่|ใด|ไหน))|(?:which|what) strateg|"
    r"strateg\w* (?:does|is) .{0,80}(?:belong|under|part)|under which strateg",
    re.I,
)
# Budgets as a project's subject ("เปิดเผยข้อมูลเกี่ยวกับงบประมาณ", "กระบวนการงบประมาณ", "ตรวจสอบการใช้งบประมาณ": its
# data, process or audit; "กฎหมายงบประมาณ", "พ.ร.บ.วิธีการงบประมาณ": the budget laws) ask no amount of the project's
# own budget.
_BUDGET_TOPIC_RE = re.compile(
    r"(?:ข้อมูล|เปิดเผย|กระบวนการ|การจัดทำ|ตรวจสอบ(?:การใช้)?|กฎหมาย|พ\.?\s?ร\.?\s?บ\.?|พระราชบัญญัติ|วิธีการ)\s*"
    r"(?:เกี่ยวกับ|ด้าน|ว่าด้วย)?\s*(?:การ|วิธีการ)?\s*งบประมาณ"
)
# "งบ" where a word ends in ง and the next begins with บ ("ถึงบอกว่า") is no budget cue.
_GLUED_BUDGET_RE = re.compile(r"งบ")
_BUDGET_WINDOW = 12  # characters each side of a "งบ" that newmm reads to place the word boundary
# "ปีงบประมาณ 2565" dates what is asked; it asks neither the budget nor the years.
_TIME_QUALIFIER_RE = re.compile(r"(?:ปีงบ(?:ประมาณ)?|fiscal year|\bFY)\s*(?:พ\.?\s?ศ\.?)?\s*(?:25|20)\d\d", re.I)
# One fiscal year's budget asked ("งบประมาณปี 2568", "จัดสรรงบปีงบประมาณ พ.ศ. 2567", "budget for 2568"): the plan
# prints a project's total, or the year(s) its amount is for ("165 ล้านบาท (งบประมาณปี 2566)"); another year's
# amount is not stated. A span of years ("ปี 2566-2570") asks the total.
_YEAR_BUDGET_RE = re.compile(
    r"งบ\S{0,8}?\s*(?:ประจำ|ของ|ใน|เฉพาะ|สำหรับ)?\s*ปี\s*(?:งบ(?:ประมาณ)?)?\s*(?:พ\.?\s?ศ\.?)?\s*(?P<th>25\d\d)(?!\s*[-–]|\s*ถึง|\d)|"
    r"budget\w*\s+(?:for|in|of)\s+(?:the\s+)?(?:FY|fiscal\s+year)?\s*(?P<en>(?:25|20)\d\d)(?!\s*[-–]|\s*to\b|\d)",
    re.I,
)

def _asked_budget_year(question: str) -> str | None:
    """The one fiscal year (B.E.) whose budget the question asks, if it asks one year's."""
    m = _YEAR_BUDGET_RE.search(arabic_digits(question))
    if m is None:
        return None
    return str(be_year(int(m.group("th") or m.group("en"))))


_MIN_NAME_SHARE = 0.6  # share of a project's name a strategy passage must hold to list the project
# The plan introduces each strategy's key projects as "โครงการสำคัญภายใต้ยุทธศาสตร์ที่ N" (its diagram title).
_KEY_PROJECTS_OF = r"โครงการสำคัญ\s*ภายใต้\s*ยุทธศาสตร์ที่\s*{n}(?!\d)"
_MIN_NAME_CUT = 8  # characters of a project's name (and half its Thai part) a question must hold to cut it out
_IDENTIFIED_KEPT = 2048  # questions whose projects are remembered (cleared when full)
_MIN_OWN_CHARS = 4  # keyed characters a question must add to the project's name to ask a detail of its block
_MIN_STEP_CHARS = 10  # keyed characters naming a step, beyond the project's name and the field asked
_MIN_STEP_COVERAGE = 0.75  # share of them one block sentence must hold to answer for that step
# Plan-level wording: such a question is about a strategy's indicator, not a project's block.
_PLAN_LEVEL_RE = re.compile(r"ยุทธศาสตร์ที่|ตัวชี้วัดของแผน|ภายในปี|แผนฯ? ?มี|strategy \d", re.I)
# The plan itself named as the question's context ("… in the digital government plan", "ในแผนพัฒนารัฐบาลดิจิทัล
# 2566-2570"): it names no step or detail of a project's block
_PLAN_TITLE_RE = re.compile(
    r"(?:\b(?:in|of|under|according to) )?(?:the |this )?(?:thai(?:land's)? )?digital government (?:development )?"
    r"plan(?: \(?(?:b\.e\. )?(?:25|20)[0-9]{2}\s*[-–]\s*(?:25|20)?[0-9]{2}\)?)?"
    r"|(?:ใน|ตาม|ของ)?แผน(?:พัฒนา)?รัฐบาลดิจิทัล(?:ของประเทศไทย)?(?:\s*(?:พ\.ศ\.|ปี)?\s*(?:25)?6[0-9]\s*[-–]\s*(?:25)?7[0-9])?"
    r"|(?:ใน|ตาม)แผนฯ",
    re.IGNORECASE,
)
_MIN_ROMANISED = 8  # letters a romanised name must have to be found inside an English question
_MAX_ROMANISED_NAME = 14  # Thai characters of a name short enough to be spelled out in Latin letters
# A name in Latin letters a Thai question gives a project: a hyphenated word ("e-Voting") or a bracketed one ("(GDCC)")
_LATIN_NAME_RE = re.compile(
    r"(?<![A-Za-z])[A-Za-z][A-Za-z0-9]*-[A-Za-z0-9-]*[A-Za-z0-9]|\(\s*([A-Za-z][A-Za-z ]{2,})\s*\)"
)
_RETRIEVED_READ = 3  # retrieved passages read to identify a project described by purpose (a majority, the best first)
_MIN_CONTENT_TERMS = 3  # content terms a question must share with one project's block to name it by purpose
_MIN_NAME_COVERAGE = 0.5
# Words in so many project names that they identify none.
_GENERIC_TERMS = {thai_key(w) for w in ("โครงการ", "การพัฒนา", "พัฒนา", "การ", "ระบบ", "ภาครัฐ", "ดิจิทัล")}
_LAW_RE = re.compile(r"มาตรา|พ\.?ร\.?บ|พระราชบัญญัติ|section \d|\bact\b", re.IGNORECASE)
# Latin words too common in project names to identify one on their own.
_COMMON_LATIN = {
    "data",
    "digital",
    "government",
    "platform",
    "service",
    "system",
    "the",
    "and",
    "for",
    "of",
    "center",
    "centre",
    "open",
    "smart",
    "thailand",
    "one",
    "id",
}


_LATIN_RE = re.compile(r"[A-Za-z][A-Za-z0-9-]*(?:[ :&-]+[A-Za-z0-9][A-Za-z0-9-]*)*")
_ACRONYM_RE = re.compile(r"\b[A-Z][A-Za-z]*[A-Z][A-Za-z0-9]*\b")
# A coined hyphenated word of a project's Latin name ("e-Justice", "E-Workforce", "New e-Budgeting"): people call
# the project by it alone ("โครงการ e-Justice"), as they call it by an acronym.
_COINED_RE = re.compile(r"(?<![A-Za-z-])[A-Za-z]{1,2}-[A-Z]?[a-z]{4,}(?![A-Za-z-])")


@dataclass(frozen=True)
class _Unit:
    """One quotable piece of a project's block: its column, text, printed page and compact key."""

    field: str
    text: str
    page: int | None
    key: str  # the text's damage-insensitive key without spaces, for substring matching


@dataclass(frozen=True)
class _NameSignature:
    """How a project's name can appear in a question."""

    terms: set[str]  # Thai content terms of the name
    whole: str  # the Thai name keyed, without spaces and "โครงการ" ("ภาษไปไหน")
    latin: set[str]  # Latin names and acronyms, lower case (gdcc, e-workforce ecosystem)
    learned: frozenset[str] = frozenset()  # short forms the corpus defines for a thing the name develops (gdx)

    def handles(self, question: str) -> set[str]:
        """The Latin handles that may name the project in this question: a learned short form ("GDX") names the
        platform the project builds, so it names the project only where the question speaks of a project."""
        return self.latin | self.learned if _PROJECT_WORD_RE.search(question) else self.latin


def _signature(p: ProjectRecord) -> _NameSignature:
    names = [p.name_th, p.name_en or ""]
    thai_part = _LATIN_RE.sub(" ", re.sub(r"\([^)]*[A-Za-z][^)]*\)", " ", p.name_th))
    latin = {m.strip(" :-").lower() for name in names for m in _LATIN_RE.findall(name)}
    # "One Identification : ID One SMEs": a name and its short form, each said alone
    latin |= {part.strip(" -").lower() for ph in list(latin) if ":" in ph for part in ph.split(":")}
    latin |= {a.lower() for name in names for a in _ACRONYM_RE.findall(name)}
    latin |= {w.lower() for name in names for w in _COINED_RE.findall(name)}
    return _NameSignature(
        terms=query_terms(thai_part) - _GENERIC_TERMS,
        whole=compact_key(thai_part).removeprefix(thai_key("โครงการ")),
        latin={ph for ph in latin if len(ph) >= 3 and ph not in _COMMON_LATIN},
    )


def _says(q_low: str, phrase: str) -> bool:
    """Does the lower-cased question hold a Latin name or acronym as whole words ("gdcc", not inside "xgdccy")?"""
    return re.search(rf"(?<![a-z]){re.escape(phrase)}(?![a-z])", q_low) is not None


def _learned_latin(sig: _NameSignature, learned: dict[str, set[str]]) -> _NameSignature:
    """The signature plus the Latin short forms the corpus defines for a Thai name the project's name holds:
    "ศูนย์แลกเปลี่ยนข้อมูลกลางภาครัฐ (… หรือ GDX)" lets "โครงการ GDX" name "โครงการพัฒนาศูนย์แลกเปลี่ยนข้อมูลกลางภาครัฐ"."""
    extra = {
        a.lower()
        for full, shorts in learned.items()
        if len(key := compact_key(full)) >= 6 and key in sig.whole
        for a in shorts
        if a.isascii() and len(a) >= 3 and a.lower() not in _COMMON_LATIN
    }
    return replace(sig, learned=frozenset(extra - sig.latin)) if extra else sig


def _learn_short_forms(gazetteer: Gazetteer) -> None:
    """The glossary's short forms of the agencies the plan names ("พม." for กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์,
    also after its unit word: "กระทรวง พม.") become aliases, so a question naming an owner so is read as naming it."""
    for short, fulls in load_glossary().short_forms.items():
        for full in fulls:
            name = gazetteer.canonical(full)
            if name is None:
                continue
            unit = next((u for u in _UNIT_WORDS if name.startswith(u) and not short.startswith(u)), None)
            gazetteer.add(name, [short, *([f"{unit} {short}"] if unit else [])])


def card(p: ProjectRecord) -> ProjectCard:
    """The card shown beside a registry answer: the public fields the card declares."""
    return ProjectCard(**p.public(tuple(ProjectCard.model_fields)))


def _names_only(found: StructuredAnswer, p: ProjectRecord) -> bool:
    """Does the answer's first line only print the project's number and name, or the block table's column headings
    (its heading rows: "โครงการ วัตถุประสงค์โครงการ รายละเอียดโครงการ … ผลผลิต …")?"""
    first = re.sub(r"\[\d+\]", " ", found.answer.partition("\n")[0])
    headings = sum(1 for _, th in _BLOCK_LABELS.values() if th in first)
    return compact_key(first) in compact_key(f"{p.number} {p.name_th}") or headings >= len(_BLOCK_LABELS)


class ProjectAnswerer:
    """Recognises questions about key projects and answers them from the registry."""

    name = "registry"

    def __init__(
        self,
        registry: ProjectRegistry,
        plan_title: str,
        plan_url: str | None,
        plan_doc_id: str,
        passages: Sequence[ChunkRecord] = (),
    ) -> None:
        self.registry = registry
        _learn_short_forms(registry.gazetteer)
        self.plan_chunks = sorted((c for c in passages if c.doc_id == plan_doc_id), key=lambda c: c.start)
        self.passages = ProjectPassages(self.plan_chunks, {p.number: p.pages for p in registry.all()}, _compact)
        self.plan_title = plan_title
        self.plan_url = plan_url
        self.plan_doc_id = plan_doc_id
        self._names = {p.number: _learned_latin(_signature(p), registry.gazetteer.names) for p in registry.all()}
        self._keys: dict[str, str] | None = None
        self._term_weight: dict[str, float] | None = None  # name term -> rarity among project names
        self._romanised: dict[str, str] | None = None  # project number -> its short Thai name romanised
        # one question is identified several times per request (whole, parts, follow-up context): read once
        self._identified: dict[str, tuple[tuple[ProjectRecord, ...], str | None]] = {}

    def identify(self, question: str) -> tuple[list[ProjectRecord], str | None]:
        """Projects the question names (by number, Latin name/acronym or Thai name); reports a missing number."""
        found = self._identified.get(question)
        if found is None:
            projects, missing = self._identify(question)
            if len(self._identified) >= _IDENTIFIED_KEPT:
                self._identified.clear()
            found = self._identified[question] = (tuple(projects), missing)
        return list(found[0]), found[1]

    def _identify(self, question: str) -> tuple[list[ProjectRecord], str | None]:
        numbers = _NUMBER_RE.findall(question)
        if numbers:
            found = [p for n in numbers if (p := self._get(n)) is not None]
            missing = next((n for n in numbers if self._get(n) is None), None)
            return found, missing
        if _LAW_RE.search(question):
            return [], None  # a question about a law section is not about a key project
        q_low = question.lower()
        q_key = compact_key(question)
        q_terms = query_terms(question)
        if not _THAI_RE.search(question) and _PROJECT_WORD_RE.search(question):
            # an English question may name a project by translating its Thai name ("secure … infrastructure
            # project"): the glossary's Thai wording of its words is matched against the Thai names too
            q_terms = q_terms | query_terms(" ".join(thai_glosses(question, True)))
        spelled = self._romanised_in(question)  # "Phasi Pai Nai": a Thai name written in Latin letters
        best: tuple[float, ProjectRecord | None] = (0.0, None)
        for p in self.registry.all():
            name = self._names[p.number]
            latin_hit = max((len(ph) for ph in name.handles(question) if _says(q_low, ph)), default=0)
            matched = name.terms & q_terms
            coverage = self._name_coverage(name.terms, matched)
            weight = sum(len(t) for t in matched) * coverage
            if len(name.whole) >= 6 and name.whole in q_key:  # the whole Thai name, written out ("ภาษีไปไหน")
                weight = 500.0 + len(name.whole)
            elif latin_hit >= 3:
                weight = 1000.0 + latin_hit + weight
            elif p.number in spelled:
                weight = 900.0 + weight
            elif coverage < _MIN_NAME_COVERAGE or weight < 6:
                continue
            if weight > best[0]:
                best = (weight, p)
        return ([best[1]], None) if best[1] is not None else ([], None)

    def _romanised_in(self, question: str) -> set[str]:
        """Projects whose short Thai name an English question writes in Latin letters ("Phasi Pai Nai" for
        ภาษีไปไหน), by the Royal Institute romanisation (pythainlp), spaces and case ignored. Names are romanised
        on the first English question; long descriptive names are not, nobody spells those out."""
        if _THAI_RE.search(question):
            return set()
        if self._romanised is None:
            from pythainlp.transliterate import romanize

            self._romanised = {}
            for p in self.registry.all():
                whole = re.sub(r"\([^)]*\)|[A-Za-z0-9]", " ", p.name_th).replace("โครงการ", " ").strip()
                if whole and len(whole) <= _MAX_ROMANISED_NAME and " " not in whole:
                    self._romanised[p.number] = re.sub(r"[^a-z]", "", romanize(whole, engine="royin").lower())
        letters = re.sub(r"[^a-z]", "", question.lower())
        return {n for n, rom in self._romanised.items() if len(rom) >= _MIN_ROMANISED and rom in letters}

    def names_outright(self, question: str, p: ProjectRecord) -> bool:
        """The question names the project by its number, its whole Thai name or its Latin name/acronym.

        Anything less is a match on some of its name's words ("โครงสร้างพื้นฐาน", "มั่นคงปลอดภัย"), which a
        question about something else (a law's duty, a plan measure) can share.
        """
        if any(n == p.number for n in _NUMBER_RE.findall(question)):
            return True
        name = self._names[p.number]
        if len(name.whole) >= 6 and name.whole in compact_key(question):
            return True
        q_low = question.lower()
        return any(len(ph) >= 3 and _says(q_low, ph) for ph in name.handles(question))

    def _name_coverage(self, terms: set[str], matched: set[str]) -> float:
        """Share of a name's terms the question holds, each weighted by how rare it is among project names.

        A name is identified by its distinctive words: "ศูนย์แลกเปลี่ยนข้อมูล" in a question does not name the
        "ศูนย์แลกเปลี่ยนข้อมูลกระบวนการยุติธรรม" project when "ยุติธรรม", the word only that name has, is missing.
        """
        if self._term_weight is None:
            names = [self._names[p.number].terms for p in self.registry.all()]
            n = len(names) or 1
            every = {t for ts in names for t in ts}
            self._term_weight = {t: math.log(1 + n / sum(1 for ts in names if t in ts)) for t in every}
        total = sum(self._term_weight.get(t, 1.0) for t in terms)
        return sum(self._term_weight.get(t, 1.0) for t in matched) / total if total else 0.0

    def identify_by_content(self, question: str) -> list[ProjectRecord]:
        """The one project whose block shares clearly the most content with the question (rarer words weigh more)."""
        terms = _question_terms(question)
        blocks = self._block_keys()
        df = {t: sum(1 for b in blocks.values() if t in b) for t in terms}
        n = len(blocks) or 1
        scored = []
        for p in self.registry.all():
            matched = {t for t in terms if t in blocks[p.number]}
            weight = sum(len(t) * math.log(1 + n / df[t]) for t in matched)
            scored.append((weight if len(matched) >= _MIN_CONTENT_TERMS else 0.0, p))
        scored.sort(key=lambda x: -x[0])
        if not scored or scored[0][0] == 0 or (len(scored) > 1 and scored[1][0] * 1.5 > scored[0][0]):
            return []
        return [scored[0][1]]

    def _identify_by_retrieval(self, retrieved: Sequence[str | None]) -> list[ProjectRecord]:
        """The project a question describes by its purpose ("the project that forecasts crime …"), when the passages
        retrieved for it come from that project's block: the best one and most of the first few are tagged with it.
        The e5 vectors cross languages, so an English description finds the Thai block that no word of it names."""
        top = list(retrieved[:_RETRIEVED_READ])
        if not top or top[0] is None or top.count(top[0]) * 2 <= len(top):
            return []
        found = self._get(top[0])
        return [found] if found is not None else []

    def _names_other(self, question: str, p: ProjectRecord) -> bool:
        """A Thai question names the project it describes in Latin letters ("ระบบเลือกตั้งออนไลน์ (e-Voting)") that
        the retrieved project's name and block never write: the question is about a project the plan lacks."""
        if not _THAI_RE.search(question):
            return False
        block = self._block_keys()[p.number]
        return any(_compact(m.group(1) or m.group(0)) not in block for m in _LATIN_NAME_RE.finditer(question))

    def _block_keys(self) -> dict[str, str]:
        """Each project's title and block columns as one compact key (built once, on first use)."""
        if self._keys is None:
            self._keys = {
                p.number: _compact(" ".join([p.name_th, p.name_en or "", *p.objectives, *p.details, *p.outputs]))
                for p in self.registry.all()
            }
        return self._keys

    def _units(self, p: ProjectRecord) -> list[_Unit]:
        """The block's quotable pieces: each objective, detail and output item, long ones cut into sentences."""
        units: list[_Unit] = []
        for name in _BLOCK_LABELS:
            values: list[str] = getattr(p, name)
            facts = p.facts.get(name, [])
            for i, value in enumerate(values):
                page = facts[i].get("page") if len(facts) == len(values) else None
                pieces = [value] if len(value) <= _MAX_UNIT_CHARS else [seg.text for seg in segments(value)]
                if len(pieces) > 1 and len(pieces[-1]) < _MIN_UNIT_CHARS:  # a short tail belongs to its sentence
                    pieces[-2:] = [pieces[-2] + " " + pieces[-1]]
                for piece in pieces:
                    text = " ".join(piece.split())
                    if text:
                        units.append(_Unit(name, text, page if page is not None else p.page, _compact(text)))
        return units

    def _detail_answer(
        self, p: ProjectRecord, question: str, language: str, cued: list[str], by_content: bool
    ) -> tuple[StructuredAnswer, float] | None:
        """The block sentences that hold what the question asks beyond naming the project, if some clearly do.

        A question that names a column (วัตถุประสงค์, ผลผลิต…) is answered from that column only; one that named
        the project by its purpose gets the whole column, since its words describe the project, not the fact; so
        does an English one, whose words cannot be matched against the Thai column.
        """
        runs = _question_runs(_asked_part(question), p)
        units = [u for u in self._units(p) if not cued or u.field in cued]
        if not sum(len(r) for r in runs) or not units or by_content or (cued and language == "en"):
            return None
        counting = _figure_asked(question)
        scored = []
        for unit in units:
            coverage = _coverage(runs, unit.key)
            bonus = 0.1 if counting and coverage and _DIGIT_RE.search(unit.text) else 0.0
            scored.append((coverage + bonus, coverage, unit))
        best_score, best_coverage, _ = max(scored, key=lambda x: x[0])
        if best_coverage < _MIN_UNIT_COVERAGE:
            return None
        tied = [u for score, _, u in scored if score >= best_score - 1e-9]
        fields = [u.field for u in tied]
        field = max(dict.fromkeys(fields), key=fields.count)  # the column holding most of the equal matches
        chosen = [u for u in tied if u.field == field][:_MAX_UNITS]
        if _ITEMS_ASKED_RE.search(question) and LIST_LEAD_RE.search(chosen[-1].text):
            chosen += self._list_continued(units, chosen[-1], _MAX_UNITS - len(chosen))
        en = language == "en"
        label = _BLOCK_LABELS[field][0 if en else 1]
        stated = " ".join(u.text for u in chosen)
        if en:
            head = f"Key project {p.number} ({p.name_en or p.name_th}), {label}: “{stated}” [1]"
        else:
            head = f"{label}ของ{p.name_th} (โครงการ {p.number}): {stated} [1]"
        citation = self._citation(1, p).model_copy(update={"page": chosen[0].page})
        lines = [head, *(f"“{u.text}” [1]" for u in chosen)]
        return StructuredAnswer("\n".join(lines), [citation], self.name, [card(p)]), best_coverage

    @staticmethod
    def _list_continued(units: list[_Unit], lead: _Unit, room: int) -> list[_Unit]:
        """The sentences after a list's lead ("…ซึ่งประกอบด้วย …") in the same column: the rest of its items."""
        at = units.index(lead)
        return [u for u in units[at + 1 :] if u.field == lead.field][: max(room, 0)]

    def _without_agencies(self, text: str) -> str:
        """The text with the agency names the gazetteer knows cut out."""
        for m in reversed(self.registry.gazetteer.find(text)):
            text = text[: m.start] + " " + text[m.end :]
        return text

    def _field_text(self, question: str, projects: list[ProjectRecord]) -> str:
        """The question without agency names, the named projects' names and budgets as a subject, for reading which
        field it asks."""
        text = self._without_agencies(_BUDGET_TOPIC_RE.sub(" ", _TIME_QUALIFIER_RE.sub(" ", question)))
        for p in projects:
            for phrase in sorted(self._names[p.number].latin, key=len, reverse=True):
                text = re.sub(rf"(?<![A-Za-z]){re.escape(phrase)}(?![A-Za-z])", " ", text, flags=re.I)
            match = SequenceMatcher(None, text, p.name_th, autojunk=False).find_longest_match()
            if match.size >= max(_MIN_NAME_CUT, len(_LATIN_RE.sub("", p.name_th)) // 2):  # most of the name
                text = text[: match.a] + " " + text[match.a + match.size :]
        return _split_glued_budget(text)

    def _step_runs(self, p: ProjectRecord, question: str, language: str) -> list[str]:
        """The words naming a step, keyed runs to find in the project's block (English: their Thai glosses)."""
        asked = _PLAN_TITLE_RE.sub(" ", _NUMBER_RE.sub(" ", _asked_part(question)))
        runs = _question_runs(asked, p, general=language == "en")
        if language == "en":  # English words the Thai block never prints tell none of its sentences apart
            keys = [s.key for s in self.passages.sentences(p.number)]
            runs = [r for r in runs if _THAI_RE.search(r) or any(r in k for k in keys)]
        return runs

    def _passage_answer(
        self, p: ProjectRecord, question: str, language: str, runs: list[str] | None = None
    ) -> tuple[StructuredAnswer, float] | None:
        """The sentence of the project's own plan passages that covers what the question asks beyond its name."""
        if runs is None:  # its number names it too, and an agency named (an owner) asks nothing of the block
            runs = _question_runs(_NUMBER_RE.sub(" ", self._without_agencies(_asked_part(question))), p)
        counting = _figure_asked(question)
        if sum(len(r) for r in runs) < _MIN_OWN_CHARS:
            found = self._counted_sentence(p, question) if counting else None
        else:
            largest = counting and _HIGHEST_RE.search(question) is not None
            steps = self._named_steps(p, question)
            found = self.passages.best(
                p.number,
                lambda key: _coverage(runs, key) if all(n in key for n in steps) else 0.0,
                counting,
                largest=largest,
            )
        if found is None:
            return None
        text = found.sentence.text
        chunk = found.sentence.chunk
        led = _ASKED_PERSON_RE.search(question) or _CONTINUED_RE.match(text)
        previous = self.passages.before(p.number, found.sentence) if led else None
        if previous is not None:  # who is asked, or a cut sentence: the words naming them precede the matched phrase
            text = f"{previous.text} {text}"
        if language == "en":  # the number is stated only when the quoted passage prints it (grounding)
            named = f" {p.number}" if p.number in chunk.text else ""
            head = f"The plan's block for key project{named} states: “{text}” [1]"
        else:
            head = f"{text} [1]"
        lines = [head, f"“{text}” [1]"]
        answer = StructuredAnswer("\n".join(lines), [Citation.of_chunk(1, chunk)], self.name, [card(p)])
        return answer, found.coverage

    def _named_steps(self, p: ProjectRecord, question: str) -> list[str]:
        """Keys of the numbered steps the question names ("ระยะที่ 2", "ปีที่ 3") that the block's sentences number
        too: only a sentence of that step answers (phase 1's sentence holds the same words as phase 2's)."""
        keys = [compact_key(f"{w}ที่{n}") for w, n in _STEP_RE.findall(arabic_digits(question))]
        sentences = [s.key for s in self.passages.sentences(p.number)]
        return [k for k in keys if any(k in key for key in sentences)]

    def _counted_sentence(self, p: ProjectRecord, question: str) -> Found | None:
        """A count of the project's own thing ("โครงการพัฒนาบริการ…ต้นแบบ ตั้งเป้ากี่บริการ"): every content word is
        a name word, so the block sentence stating a number in the asked classifier ("10 บริการต้นแบบ") answers."""
        classifier = asked_classifier(question)
        if not classifier:
            return None
        found = [s for s in self.passages.sentences(p.number) if counts_in(classifier, [s.text])]
        best = next((s for s in found if s.own), found[0] if found else None)
        return Found(best, _MIN_UNIT_COVERAGE) if best is not None else None

    def _english_concepts(self, p: ProjectRecord, question: str) -> list[tuple[frozenset[str], frozenset[str]]]:
        """An English question's words beyond the project's name and the question frame, each as the Thai keys
        (glossary wording) and the Latin words it may be printed as in the block."""
        low = question.lower()
        name_low = " ".join([p.name_th, p.name_en or ""]).lower()
        name_key = _compact(name_low)
        concepts: list[tuple[frozenset[str], frozenset[str]]] = []
        spans = gloss_spans(question)
        for start, end, th, _ in spans:
            phrase = low[start:end]
            if re.search(rf"(?<![a-z]){re.escape(phrase)}(?![a-z])", name_low):
                continue  # the project's own name
            keys = {_compact(w) for w in [th, *th.split()]}
            keys = {k for k in keys if len(k) >= 2 and k not in _FRAME_TERMS and k not in _GENERIC_TERMS}
            keys = {k for k in keys if k not in name_key and _PROJECT_KEY not in k}  # "key project" frames too
            if keys:
                concepts.append((frozenset(keys), frozenset({phrase})))
        for m in _EN_WORD_RE.finditer(low):
            word = m.group(0)
            if any(start <= m.start() < end for start, end, _, _ in spans):
                continue
            if word in _EN_FRAME_WORDS or not query_terms(word) or (len(word) < 3 and not word.isdigit()):
                continue
            if re.search(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])", name_low):
                continue
            concepts.append((frozenset(), frozenset({word})))
        return concepts

    def _english_passage_answer(self, p: ProjectRecord, question: str) -> tuple[StructuredAnswer, float] | None:
        """The block sentence holding most of an English question's telling words (Latin as printed, the rest
        through the glossary); words no sentence of the block holds, or most of them hold, tell none apart."""
        sentences = self.passages.sentences(p.number)
        if not sentences:
            return None
        lows = [s.text.lower() for s in sentences]
        joined = [re.sub(r"[\s-]+", "", low) for low in lows]  # "Market Place" is the word "marketplace" too

        def holds(i: int, concept: tuple[frozenset[str], frozenset[str]]) -> bool:
            keys, words = concept
            if any(k in sentences[i].key for k in keys):
                return True
            return any(
                re.search(rf"(?<![a-z0-9]){re.escape(_stem(w))}[a-z]{{0,3}}(?![a-z0-9])", lows[i])
                or (" " not in w and len(w) >= _MIN_JOINED_WORD and w in joined[i])
                for w in words
            )

        n = len(sentences)
        weights: list[tuple[tuple[frozenset[str], frozenset[str]], float, set[int]]] = []
        for concept in self._english_concepts(p, question):
            where = {i for i in range(n) if holds(i, concept)}
            if where and len(where) <= n / 2:
                weights.append((concept, math.log(1 + n / len(where)), where))
        total = sum(w for _, w, _ in weights)
        if len(weights) < _MIN_EN_CONCEPTS or not total:
            return None
        asked = classify(question)
        if asked and asked[0].name in _AGENT_TYPES:
            return None  # which agencies: retrieval's span choice tells an office named as a party from an owner
        figure = asked[0] if asked and asked[0].name in FIGURE_TYPES else None  # a year, date or figure asked
        counting = bool(_COUNT_RE.search(question))
        scored: list[tuple[float, float, int]] = []
        for i, s in enumerate(sentences):
            matched = [w for _, w, where in weights if i in where]
            if len(matched) < _MIN_EN_CONCEPTS or (figure is not None and not figure.holds(s.text)):
                continue
            share = sum(matched) / total
            score = share + (0.1 if counting and _DIGIT_RE.search(s.text) else 0.0) + (0.02 if s.own else 0.0)
            scored.append((score - len(s.text) * 1e-5, share, i))
        best = max(scored, key=lambda c: (c[0], -c[2]), default=None)  # on a tie the earlier sentence
        if best is None or best[1] < _MIN_EN_COVERAGE:
            return None
        if counting and _HIGHEST_RE.search(question):  # of equally telling sentences, the highest figure
            peers = [c for c in scored if c[1] == best[1] and largest_figure(sentences[c[2]].text)]
            best = max(peers, key=lambda c: largest_figure(sentences[c[2]].text), default=best)
        found = sentences[best[2]]
        named = f" {p.number}" if p.number in found.chunk.text else ""
        head = f"The plan's block for key project{named} states: “{found.text}” [1]"
        answer = StructuredAnswer(
            "\n".join([head, f"“{found.text}” [1]"]), [Citation.of_chunk(1, found.chunk)], self.name, [card(p)]
        )
        return answer, best[1]

    def _step_answer(self, p: ProjectRecord, asked: str, fields: list[str], language: str) -> StructuredAnswer | None:
        """A figure asked of one step of the project ("how many months to test and install X"), not its total.

        The registry holds the whole project's budget and duration; when the question, its field wording cut
        out, still names a step that one numbered block sentence states clearly, that sentence answers.
        """
        text = asked
        for name in fields:
            text = _FIELDS[name].sub(" ", _STRONG_FIELDS[name].sub(" ", text))
        runs = self._step_runs(p, text, language)
        if sum(len(r) for r in runs) < _MIN_STEP_CHARS:
            return None
        found = self._passage_answer(p, text, language, runs)
        if found is None or found[1] < _MIN_STEP_COVERAGE:
            return None
        answer = found[0]
        first = answer.answer.splitlines()[0]
        return answer if any(_STEP_FIGURE_RE[f].search(first) for f in fields if f in _STEP_FIGURE_RE) else None

    def _strategy_answer(self, p: ProjectRecord, language: str) -> StructuredAnswer | None:
        """The strategy a project is under, cited from a plan passage listing the project under that strategy.

        The strategy's diagram of key projects names it; failing that, the strategy's heading passage and the
        project's own table (whose number's first digit is the strategy) are cited together.
        """
        label = re.compile(rf"ยุทธศาสตร์ที่\s*{p.strategy}(?!\d)")
        stated = [c for c in self.plan_chunks if label.search(c.text)]
        own = next((c for c in self.plan_chunks if c.project == p.number and p.number in c.text), None)
        if not stated or own is None:
            return None
        name = _compact(p.name_th).removeprefix(_compact("โครงการ"))
        shares = [(_coverage([name], _compact(c.text)), c) for c in stated]
        share, listing = max(shares, key=lambda x: x[0])
        if share < _MIN_NAME_SHARE:  # no passage lists it: the strategy's own list of key projects, or its heading
            of_strategy = re.compile(_KEY_PROJECTS_OF.format(n=p.strategy))
            listing = next((c for c in stated if of_strategy.search(c.text)), stated[0])
        chunks = [listing, own]
        en = language == "en"
        head = (
            f"Key project {p.number} ({p.name_en or p.name_th}) is under strategy {p.strategy} "
            f"(“ยุทธศาสตร์ที่ {p.strategy}”) [1] [2]"
            if en
            else f"{p.name_th} (โครงการ {p.number}) อยู่ภายใต้ยุทธศาสตร์ที่ {p.strategy} [1] [2]"
        )
        quote = label.search(chunks[0].text)
        if quote is None:
            return None
        context = chunks[0].text[max(0, quote.start() - 60) : quote.end() + 120]
        lines = [head, f"“{' '.join(context.split())}” [1]", f"“{p.number} {p.name_th}” [2]"]
        citations = [Citation.of_chunk(i, c) for i, c in enumerate(chunks, start=1)]
        return StructuredAnswer("\n".join(lines), citations, self.name, [card(p)])

    def _block_answer(self, p: ProjectRecord, fields: list[str], language: str) -> StructuredAnswer | None:
        """The asked columns of the project's block, each value quoted from where it was read."""
        en = language == "en"
        parts: list[str] = []
        evidence: list[str] = []
        pages: list[int] = []
        for name in fields:
            values = getattr(p, name)
            if not values:
                continue
            label = _BLOCK_LABELS[name][0 if en else 1]
            parts.append(
                f"{label}: " + " ".join(f"({i}) {v}" if len(values) > 1 else v for i, v in enumerate(values, 1))
            )
            evidence += values
            pages += [f["page"] for f in p.facts.get(name, []) if f.get("page") is not None]
        if not parts:
            return None
        head = f"{p.number} {p.name_th} — " + "; ".join(parts) + " [1]"
        citation = self._citation(1, p).model_copy(update={"page": pages[0] if pages else p.page})
        lines = [head, *(f"“{' '.join(t.split())}” [1]" for t in evidence)]
        return StructuredAnswer("\n".join(lines), [citation], self.name, [card(p)])

    def project_numbers(self, question: str) -> list[str]:
        """Numbers of the key projects a question names, for retrieval to prefer their passages."""
        return [p.number for p in self.identify(question)[0]]

    def unknown_number(self, question: str) -> str | None:
        """A project number the question names that the plan does not have (e.g. 5.3)."""
        return next((n for n in _NUMBER_RE.findall(question) if self._get(n) is None), None)

    def _get(self, number: str) -> ProjectRecord | None:
        try:
            return self.registry.get(number)
        except ProjectNotFound:
            return None

    def answer(self, conversation: Conversation) -> StructuredAnswer | None:
        """A registry answer, an abstention for a project number the plan lacks, or None (not about projects).

        A follow-up ("แล้วงบประมาณเท่าไร") is about the project the most recent earlier question named, or, when the
        questions named none ("which project upskills IT staff?"), the one the earlier answer named ("Project 1.5").
        """
        if self.unknown_number(conversation.question):
            return StructuredAnswer("", [], self.name, abstained=True)
        earlier = conversation.earlier if conversation.followup else []
        said = conversation.answers[0] if conversation.followup and conversation.answers else ""
        return self._answer(conversation.question, conversation.language, earlier, said, conversation.projects)

    def _answer(
        self,
        question: str,
        language: str,
        earlier: list[str],
        said: str = "",
        retrieved: Sequence[str | None] = (),
    ) -> StructuredAnswer | None:
        if _LIST_RE.search(question):
            listed = self._agency_projects(question)
            if listed is not None:
                return listed
        projects, missing = self.identify(question)
        if missing is not None:
            return None
        # some words of a project's name, in a question that says neither "project" nor asks a registry value in
        # so many words: another fact that shares those words (a law's duty, a plan measure), for the next answerer
        partial = bool(projects) and not any(self.names_outright(question, p) for p in projects)
        if partial and not _PROJECT_WORD_RE.search(question):
            asked = self._field_text(question, projects)
            if not (_ASKED_OWNER_RE.search(asked) or any(rx.search(asked) for rx in _STRONG_FIELDS.values())):
                return None
        for previous in earlier or []:
            if projects or _LAW_RE.search(question):
                break
            projects, _ = self.identify(previous)
        if said and not projects and not _LAW_RE.search(question):
            # the project the last answer numbered ("Project 1.5"), not one it only echoes by name
            projects = [p for n in dict.fromkeys(_NUMBER_RE.findall(said)) if (p := self._get(n)) is not None][:1]
        cued = [f for f, rx in _BLOCK_FIELDS.items() if rx.search(question)]
        block = cued or (["objectives", "outputs"] if _DETAILS_RE.search(question) else [])
        by_content = False
        described = (
            not projects
            and bool(_PROJECT_WORD_RE.search(question))
            and not _PLAN_LEVEL_RE.search(question)
            and not _LAW_RE.search(question)
        )
        if described and block:
            projects = self.identify_by_content(question)
            by_content = bool(projects)
        if described and not projects and not cued and any(rx.search(question) for rx in _STRONG_FIELDS.values()):
            # a registry value of a project the question describes; its details are read off the retrieved passages
            projects = [p for p in self._identify_by_retrieval(retrieved) if not self._names_other(question, p)]
        if not projects:
            return None
        # names cut out ("สำนักงบประมาณ" asks no budget), and an opening clause that only describes the project
        asked = self._field_text(_asked_part(question), projects)
        relation = bool(_BETWEEN_RE.search(asked))  # agencies the block names as parties, not the project's owners
        wanted = [f for f, rx in _FIELDS.items() if rx.search(asked) and not (relation and f == "owners")]
        strong = [f for f, rx in _STRONG_FIELDS.items() if rx.search(asked) and not (relation and f == "owners")]
        if len(projects) == 1 and not strong and _STRATEGY_ASKED_RE.search(asked):
            placed = self._strategy_answer(projects[0], language)
            if placed is not None:
                return placed
        if len(projects) == 1 and not strong:  # a detail of the block, not a registry value
            # a column cue (วัตถุประสงค์, ผลผลิต…) is answered from that column; any other detail from whichever
            # covers the question better: a registry column or the block's passages (timeline, yearly targets, notes)
            passage = None if by_content else self._passage_answer(projects[0], question, language)
            if passage is None and language == "en" and not by_content:
                passage = self._english_passage_answer(projects[0], question)
            detail = self._detail_answer(projects[0], question, language, cued, by_content)
            if cued and detail is None and passage is not None and _names_only(passage[0], projects[0]):
                passage = None  # "ทำขึ้นเพื่ออะไร" matched the project's heading row: its column answers
            if passage is not None and (detail is None or (not cued and passage[1] > detail[1])):
                return passage[0]
            if detail is not None:
                return detail[0]
        figures = strong or wanted  # a figure of the project: its total, or one step's
        if len(projects) == 1 and not cued and figures and set(figures) <= {"budget", "duration"}:
            step = self._step_answer(projects[0], asked, figures, language)
            if step is not None:
                return step
        if block and not strong:
            return self._block_answer(projects[0], block, language)
        wanted = list(dict.fromkeys([*strong, *wanted]))
        if not wanted:
            if _OTHER_FACTS_RE.search(question) or not _PROJECT_WORD_RE.search(question) or by_content:
                return None  # another fact: quote the passage through retrieval
            if len(projects) == 1 and _ITEMS_ASKED_RE.search(question):
                # "รวมระบบอะไรไว้บ้าง": a list of the project's own things, which its details column holds
                return self._block_answer(projects[0], ["details"], language)
            if any(len(run) > 1 for run in _question_runs(question, projects[0])):
                return None  # asks something the block does not clearly state: retrieval quotes the passage
            wanted = list(_FIELDS)
        if len(projects) == 1 and wanted == ["budget"] and projects[0].budget_million_baht is None:
            return self._unstated_budget(projects[0], language)
        year = _asked_budget_year(question) if len(projects) == 1 and "budget" in wanted else None
        if year is not None and year not in arabic_digits(projects[0].budget_text):
            return self._unstated_budget(projects[0], language)  # another year's amount than the plan prints
        lines: list[str] = []
        citations: list[Citation] = []
        for i, p in enumerate(projects, start=1):
            lines.append(self._describe(p, wanted, language, i))
            citations.append(self._citation(i, p))
        found = StructuredAnswer("\n".join(lines), citations, self.name, [card(p) for p in projects])
        if len(projects) == 1 and cued and strong:  # "วัตถุประสงค์อะไร ใครเป็นเจ้าของ": the column and the value
            column = self._block_answer(projects[0], cued, language)
            return joined(column, replace(found, cards=[])) if column is not None else found
        counted = self._other_count(projects[0], question, language) if len(projects) == 1 and strong else None
        return joined(found, replace(counted, cards=[])) if counted is not None else found

    def _other_count(self, p: ProjectRecord, question: str, language: str) -> StructuredAnswer | None:
        """The block's answer to the part of a two-part question that asks a count the registry does not hold
        ("พัฒนาปีละกี่บริการ | และใช้งบประมาณเท่าไร"): the registry answers one part, the block the other."""
        parts = split_compound(question)
        if parts is None:
            return None
        for part in parts:
            unit = asked_classifier(part)
            if not unit or any(rx.search(part) for rx in _STRONG_FIELDS.values()):
                continue
            found = self._passage_answer(p, part, language, runs=[])  # the block sentence counting in its unit
            if found is not None and counts_in(unit, [found[0].answer]):
                return found[0]
        return None

    def _agency_projects(self, question: str) -> StructuredAnswer | None:
        mentions = self.registry.gazetteer.find(question)
        if not mentions:
            return None
        agency = mentions[0].name
        projects = self.registry.by_agency(agency)
        if not projects:
            return None
        en = not re.search(r"[\u0e01-\u0e5b]", question)
        head = (
            f"Key projects of the plan with {agency} among the responsible agencies:"
            if en
            else f"โครงการสำคัญในแผนที่ {agency} เป็นผู้รับผิดชอบ:"
        )
        lines = [head]
        citations = []
        for i, p in enumerate(projects, start=1):
            lines.append(f"- {p.number} {p.name_th} [{i}]")
            citations.append(self._citation(i, p))
        return StructuredAnswer("\n".join(lines), citations, self.name, [card(p) for p in projects])

    def _unstated_budget(self, p: ProjectRecord, language: str) -> StructuredAnswer:
        """Declined: the plan prints no amount for this project ("-") or for the year asked; its row is shown,
        labelled as not the answer."""
        lines = [abstain_message(language), nearby_label(language), self._describe(p, ["budget"], language, 1)]
        return StructuredAnswer("\n".join(lines), [self._citation(1, p)], self.name, [card(p)], abstained=True)

    def _describe(self, p: ProjectRecord, wanted: list[str], language: str, n: int) -> str:
        """One project's requested facts, worded from the values printed in the plan."""
        en = language == "en"
        parts = [f"{p.number} {p.name_th}"]
        if "owners" in wanted:
            parts.append(("responsible: " if en else "ผู้รับผิดชอบ: ") + ", ".join(p.owners))
        if "budget" in wanted:
            if p.budget_million_baht is not None:
                parts.append(("budget: " if en else "งบประมาณ: ") + p.budget_text.strip())
            else:
                parts.append("budget: not specified in the plan (-)" if en else "งบประมาณ: ไม่ระบุในแผน (-)")
        if "duration" in wanted and p.duration_months is not None:
            parts.append(("duration: " if en else "ระยะเวลา: ") + f"{p.duration_months} เดือน")
        if "years" in wanted and p.fiscal_years:
            parts.append(("fiscal years: " if en else "ปีงบประมาณ: ") + p.fiscal_years)
        return "; ".join(parts) + f" [{n}]"

    def _citation(self, n: int, p: ProjectRecord) -> Citation:
        return Citation(
            n=n,
            doc_id=self.plan_doc_id,
            title=self.plan_title,
            section=f"โครงการ {p.number}",
            page=p.page,
            text=p.source_text,
            source_url=self.plan_url,
            score=1.0,
        )
