"""Query understanding before retrieval: repair, digits, BE/CE years, aliases, English→Thai, follow-ups."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from functools import lru_cache

from assistant.document_kinds import named_kinds
from assistant.glossary import correct_spelling, formal_wording, load_glossary
from assistant.places import find_provinces, province_name
from assistant.question_types import classify, without_side_remark
from corpus.thai_repair import repair_text
from corpus.thai_text import EN_MONTHS, THAI_MONTH, THAI_MONTH_ABBREVIATIONS, arabic_digits, be_year, era_twin, thai_key

_YEAR_RE = re.compile(r"(?<![0-9])(25[0-9]{2}|19[5-9][0-9]|20[0-9]{2})(?![0-9])")
# "ปี 64", "ปีงบ 67", "พ.ศ. 66": Thai writes a Buddhist-Era year by its last two digits (25xx) in everyday use
_SHORT_YEAR_RE = re.compile(r"(?:ปี(?:งบประมาณ|งบ)?|พ\.ศ\.)\s*([4-9][0-9])(?![0-9])")
_THAI_CHAR_RE = re.compile(r"[\u0e01-\u0e5b]")
# An English date ("30 August 2022", "August 30, 2022"): Thai documents print it "30 สิงหาคม 2565" (Buddhist Era)
_EN_DATE_RE = re.compile(
    rf"\b(?:(\d{{1,2}})\s+({'|'.join(EN_MONTHS)})|({'|'.join(EN_MONTHS)})\s+(\d{{1,2}}),?)\s+((?:19|20)\d\d)\b", re.I
)
# A meeting's number in English ("meeting no. 5/2565", "session 1/2565"): Thai minutes and letters write it
# "ครั้งที่ 5/2565" (the meeting's number in its year), the phrase the passages hold
_MEETING_NO_RE = re.compile(r"\b(?:meeting|session)s?\s*(?:no\.?|number|#)?\s*(\d{1,3})\s*/\s*(25\d{2})(?!\d)", re.I)
_LATIN_RE = re.compile(r"[A-Za-z]")
_NAMED_SPAN_RE = re.compile(r"\([^()]*\)|“[^”]*”|\"[^\"]*\"")  # a bracketed or quoted name
_FOLLOWUP_CUES = re.compile(
    r"^(แล้ว|และ|ส่วน|ล่ะ)|(นั้น|ดังกล่าว|นี้|ล่ะ|หละ|เหรอ)\s*[?？]?$|(?<!ภู)เขา(?!ใหญ่)|เค้า|"  # เขา/เค้า: "they" (the office)
    r"\b(it|its|it's|that|this|they|them|those|these|also|same)\b",
    re.IGNORECASE,
)
_SHORT_QUESTION = 18  # characters: shorter questions rarely name their own subject
_PLACE_MATCH = 0.85  # similarity a romanised place name and the question's spelling of it must reach
_MIN_FUZZY_PLACE = 5  # romanised place names shorter than this must be spelled exactly


@dataclass
class RewrittenQuery:
    """The forms of one question that each retriever and the answerer need."""

    original: str
    normalized: str  # repaired, Arabic digits: what the answerer matches sentences against
    lexical: str  # normalized + expansions, for BM25
    dense: str  # for the embedder
    language: str  # th | en
    followup: bool = False  # the subject of earlier turns was carried into this question
    places: list[str] = field(default_factory=list)  # keyed province names the question names
    expansions: list[str] = field(default_factory=list)
    subject_doc_ids: list[str] = field(default_factory=list)  # documents a follow-up is about (boosted)
    subject_projects: list[str] = field(default_factory=list)  # key-project numbers a follow-up is about
    carried: str = ""  # the naming words a follow-up took from earlier turns (appended to ``lexical``)
    kinds: list[str] = field(default_factory=list)  # document kinds the question names ("ในหนังสือ สพร.")


def detect_language(text: str) -> str:
    """Thai if Thai letters are at least a fifth of all letters, else English. A name in brackets or quotes
    is not the question's language ("When does the … Act (พ.ร.บ.การปฏิบัติราชการทางอิเล็กทรอนิกส์) come into
    force?" is English; "โครงการ GDCC (Government Data Center and Cloud) ใครดูแล" is Thai), unless nothing else
    is left."""
    framed = _NAMED_SPAN_RE.sub(" ", text)
    if _THAI_CHAR_RE.search(framed) or _LATIN_RE.search(framed):
        text = framed
    thai = len(_THAI_CHAR_RE.findall(text))
    latin = len(_LATIN_RE.findall(text))
    return "th" if thai and thai >= 0.2 * (thai + latin) else ("en" if latin else "th")


def is_followup(question: str) -> bool:
    """Does the question lean on an earlier turn (pronoun, ellipsis, very short)?"""
    q = question.strip()
    return bool(_FOLLOWUP_CUES.search(q)) or len(q) < _SHORT_QUESTION


# "ปี" (year) typed without its upper vowel, as people typing without marks leave it: "ปงบ" (ปีงบ, fiscal year),
# "ภายในป 2570", and "ช่วงปไหน"/"ตั้งแต่ปใด"/"เริ่มปไหน" (which year) after ช่วง/แต่/เริ่ม or a space: no Thai word
# holds ป right before งบ or a digit, and ป opening a word before ไหน/ใด is ปี (not ไปไหน, รูปไหน).
_BARE_YEAR_RE = re.compile(
    r"ป(?=งบ|\s?\d)|(?:(?<=ช่วง)|(?<=ชวง)|(?<=แต่)|(?<=แต)|(?<=เริ่ม)|(?<=เริม)|(?<=\s)|^)ป(?=ไหน|ใด)"
)


# An abbreviated month after a day ("22 มิ.ย. 2565"): documents print dates in full ("๒๒ มิถุนายน ๒๕๖๕"). Only after a
# day number, since "ก.พ." alone is the Civil Service Commission.
_MONTH_NAMES = THAI_MONTH.split("|")
_SHORT_MONTHS = "|".join(re.escape(a).replace(r"\.", r"\.\s?") for a in THAI_MONTH_ABBREVIATIONS)
_SHORT_MONTH_RE = re.compile(rf"(?<![0-9])([0-9]{{1,2}})\s*({_SHORT_MONTHS})")


def _full_month(m: re.Match[str]) -> str:
    short = m.group(2).strip()
    return f"{m.group(1)} {_MONTH_NAMES[THAI_MONTH_ABBREVIATIONS.index(short.replace(' ', ''))]} "


def normalize_question(question: str) -> str:
    """Repaired text, common misspellings corrected, with Arabic digits: the form every later step matches against."""
    text = _BARE_YEAR_RE.sub("ปี", arabic_digits(correct_spelling(repair_text(question))))
    return without_side_remark(_SHORT_MONTH_RE.sub(_full_month, text).strip())


@lru_cache(maxsize=1)
def _english_patterns() -> tuple[tuple[re.Pattern[str], str, bool], ...]:
    """Glossary phrases as whole-word patterns (regular inflections -s/-es/-d/-ed/-ing allowed, a final consonant
    + y also as -ies/-ied: "secretaries", "registries"), longest first, each marked whether it is a general word
    (``en_words``) rather than a name."""
    glossary = load_glossary()
    general = glossary.general_words
    entries = sorted(glossary.english.items(), key=lambda e: -len(e[0]))
    return tuple((re.compile(rf"(?<![a-z]){_inflected(en)}(?![a-z])"), th, en in general) for en, th in entries)


def _inflected(phrase: str) -> str:
    """A phrase's pattern with its last word's regular inflections; its words may be joined by hyphens, as
    compound modifiers are written ("a data-quality standard", "the open-data portal")."""
    if re.search(r"[^aeiou]y$", phrase):
        return rf"{_words(phrase[:-1])}(?:y|ies|ied|ying)"
    return rf"{_words(phrase)}(?:e?s|e?d|ing)?"


def _words(phrase: str) -> str:
    return r"[\s\-]+".join(re.escape(word) for word in phrase.split(" "))


def thai_glosses(text: str, words: bool | None = None) -> list[str]:
    """Thai wording of the glossary phrases an English text contains, in the order they appear.

    The longest phrase wins where phrases overlap ("deputy prime minister" is not also "prime minister"),
    so an official agency name is not diluted by the shorter names inside it. General words ("penalty",
    "within", "consent") count when ``words`` is true, or by default when the text is English: a Thai
    question's Latin words are names and terms, not its wording.
    """
    with_words = detect_language(text) == "en" if words is None else words
    return list(dict.fromkeys(th for _, _, th, general in gloss_spans(text) if with_words or not general))


def gloss_spans(text: str) -> list[tuple[int, int, str, bool]]:
    """Each glossary phrase an English text contains: its start and end, its Thai wording and whether it is a
    general word; in text order, the longest phrase winning where phrases overlap."""
    low = text.lower()
    if not _LATIN_RE.search(low):
        return []
    return list(_gloss_spans(low))


@lru_cache(maxsize=1024)  # one question is glossed several times on its way (rewrite, answer, abstention)
def _gloss_spans(low: str) -> tuple[tuple[int, int, str, bool], ...]:
    found: list[tuple[int, int, str, bool]] = []
    for pattern, th, general in _english_patterns():
        for m in pattern.finditer(low):
            if any(m.start() < end and start < m.end() for start, end, _, _ in found):
                continue
            found.append((m.start(), m.end(), th, general))
    return tuple(sorted(found))


def expansions_of(normalized: str, aliases: dict[str, list[str]], words: bool | None = None) -> list[str]:
    """What a text implies beyond its words: years in the other era, Thai for English terms, alias full names
    (``words``: whether general words count, as in :func:`thai_glosses`)."""
    expansions: list[str] = [f"25{yy}" for yy in _SHORT_YEAR_RE.findall(normalized)]
    for year in _YEAR_RE.findall(normalized):
        y = int(year)
        expansions.append(str(era_twin(y)))

    expansions.extend(f"ครั้งที่ {n}/{year}" for n, year in _MEETING_NO_RE.findall(normalized))
    for d1, m1, m2, d2, year in _EN_DATE_RE.findall(normalized):
        expansions.append(f"{d1 or d2} {EN_MONTHS[(m1 or m2).lower()]} {be_year(int(year))}")
    expansions.extend(thai_glosses(normalized, words))
    expansions.extend(formal_wording(normalized))

    key = thai_key(normalized)
    for alias, fulls in aliases.items():
        if _contains_alias(key, alias):
            expansions.extend(fulls)
    return list(dict.fromkeys(e for e in expansions if e))


_LATIN_WORD_RE = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*")
_MIN_SPELLED = 6  # shorter Latin words (acronyms, "Line") are too close to one another to correct


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class LatinSpelling:
    """Latin names a Thai question misspells by one letter ("New e-Budgetting"), set right from the corpus's own
    Latin words (symmetric deletes: one letter added, dropped, changed or swapped).

    Only Thai questions are corrected: their Latin words are names and terms the documents print, while an
    English question's words are mostly ordinary English the documents never use.
    """

    def __init__(self, vocabulary: Iterable[str]) -> None:
        words = {m.group(0) for t in vocabulary for m in _LATIN_WORD_RE.finditer(t)}
        self._words = {w.lower() for w in words if len(w) >= _MIN_SPELLED - 1}
        self._by_delete: dict[str, set[str]] = {}
        for w in self._words:
            for d in _deletes(w):
                self._by_delete.setdefault(d, set()).add(w)

    def candidates(self, word: str) -> set[str]:
        """Corpus words one edit away from ``word`` (lower case)."""
        w = word.lower()
        found = set(self._by_delete.get(w, set()))  # a letter dropped from the corpus word
        for d in _deletes(w):
            if d in self._words:  # a letter added
                found.add(d)
            found |= self._by_delete.get(d, set())  # a letter changed (or two swapped)
        return {c for c in found if abs(len(c) - len(w)) <= 1}

    def correct(self, text: str) -> str:
        """The text with each unknown Latin word of a Thai question replaced by its one corpus neighbour."""
        if not _THAI_CHAR_RE.search(text):
            return text

        def fix(m: re.Match[str]) -> str:
            word = m.group(0)
            if len(word) < _MIN_SPELLED or word.lower() in self._words:
                return word
            found = self.candidates(word)
            return next(iter(found)) if len(found) == 1 else word

        return _LATIN_WORD_RE.sub(fix, text)


class LocalOffices:
    """The local government offices among some office names ("เทศบาลตำบลกระสัง"), found again when a question
    writes their place name in Latin letters ("Krasang Subdistrict Municipality").

    Place names are romanised (pythainlp, Royal Institute system) on the first English question, not before:
    most questions never need it.
    """

    def __init__(self, names: Iterable[str]) -> None:
        kinds = [k.th for k in load_glossary().local_offices]
        self._places: dict[str, str] = {}  # place name (Thai) -> office name
        for name in names:
            kind = next((k for k in kinds if name.startswith(k)), None)
            place = name[len(kind) :].strip() if kind else ""
            if place:
                self._places[place] = name
        self._latin: dict[str, str] | None = None

    def romanised(self) -> dict[str, str]:
        """Romanised place name -> office name."""
        if self._latin is None:
            from pythainlp.transliterate import romanize

            self._latin = {}
            for place, name in self._places.items():
                latin = re.sub(r"[^a-z]", "", romanize(place, engine="royin").lower())
                if len(latin) >= 3:
                    self._latin[latin] = name
        return self._latin

    def named_in(self, text: str) -> list[str]:
        """Offices whose place name a run of one to three Latin words spells, allowing for the usual variation
        between romanisations ("Phraeksa" / "phaenksa")."""
        words = re.findall(r"[a-z]+", text.lower())
        if not words or not self._places:
            return []
        found: list[str] = []
        for i in range(len(words)):
            for run in ("".join(words[i : i + n]) for n in (1, 2, 3) if i + n <= len(words)):
                for latin, name in self.romanised().items():
                    close = len(latin) >= _MIN_FUZZY_PLACE and SequenceMatcher(None, run, latin).ratio() >= _PLACE_MATCH
                    if run == latin or close:
                        found.append(name)
        return list(dict.fromkeys(found))


def rewrite_query(
    question: str,
    aliases: dict[str, list[str]],
    offices: LocalOffices | None = None,
    spelling: LatinSpelling | None = None,
) -> RewrittenQuery:
    """Normalise a question and add what it implies (``aliases`` is a table from :func:`alias_table`;
    ``offices`` finds local offices an English question names by their place; ``spelling`` sets right a Latin
    name misspelled by one letter)."""
    normalized = normalize_question(question)
    if spelling is not None:
        normalized = spelling.correct(normalized)
    expansions = expansions_of(normalized, aliases)
    places = find_provinces(normalized)
    if not _THAI_CHAR_RE.search(normalized):
        expansions.extend(province_name(p) for p in places)
        expansions.extend(offices.named_in(normalized) if offices is not None else [])
    expansions = list(dict.fromkeys(expansions))
    # general words' Thai reaches BM25 and the answerer; the embedder reads the English question itself
    names = set(thai_glosses(normalized, words=False))
    general = (set(thai_glosses(normalized)) - names) | set(formal_wording(normalized))
    return RewrittenQuery(
        original=question,
        normalized=normalized,
        lexical=" ".join([normalized, *expansions, *_passage_words(normalized)]).strip(),
        dense=" ".join([normalized, *[e for e in expansions if e not in general][:6]]).strip(),
        language=detect_language(normalized),
        places=places,
        expansions=expansions,
        kinds=named_kinds(normalized),
    )


def _passage_words(question: str) -> list[str]:
    """Words every passage stating the asked kind of fact holds ("เลขที่ ถนน" for an address): lexical query only."""
    return [t.passage_words for t in classify(question) if t.passage_words]


def with_subject(
    rq: RewrittenQuery,
    words: str,
    dense_text: str,
    doc_ids: list[str],
    projects: list[str],
    places: list[str],
) -> RewrittenQuery:
    """The question with the conversation's subject carried in: naming words, documents, projects, places.

    ``words`` (keyed naming terms) extend the lexical query, ``dense_text`` (the earlier question as asked)
    the dense one.
    """
    return replace(
        rq,
        lexical=" ".join([rq.lexical, words]).strip(),
        dense=" ".join([dense_text, rq.dense]).strip(),
        followup=True,
        places=[*rq.places, *(p for p in places if p not in rq.places)],
        subject_doc_ids=doc_ids,
        subject_projects=projects,
        carried=words.strip(),
    )


def _contains_alias(key: str, alias_key: str) -> bool:
    """Alias present as a whole word (Latin), as a Thai run of at least three letters, or as shorter Thai
    initials typed apart from the words around them ("สช สายด่วน": Thai glues words, so spaces set it apart)."""
    if not alias_key:
        return False
    if alias_key.isascii():
        return re.search(rf"(?<![a-z0-9]){re.escape(alias_key)}(?![a-z0-9])", key) is not None
    if len(alias_key) < 3:
        return re.search(rf"(?<!\S){re.escape(alias_key)}(?!\S)", key) is not None
    return alias_key in key


def alias_table(learned: dict[str, list[str]]) -> dict[str, list[str]]:
    """Curated + learned aliases, keyed by thai_key of the short form (built once per index)."""
    table: dict[str, list[str]] = {}
    for short, fulls in [*load_glossary().short_forms.items(), *learned.items()]:
        k = thai_key(short)
        table.setdefault(k, [])
        for full in fulls:
            if full not in table[k] and thai_key(full) != k:
                table[k].append(full)
    return table
