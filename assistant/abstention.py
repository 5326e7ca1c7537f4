"""Decide when the documents do not answer: off-topic, injection and secret-seeking questions abstain.

Three signals, calibrated on the eval set (see README): a guard on wording that asks for secrets or
tries to override instructions; retrieval confidence (dense similarity of the best passage plus how
much of the question the passages cover); and specifics (numbers, provinces, countries) that the
question names but no retrieved passage contains. After an answer is chosen, subject checks decline a near
miss: a year, the agency whose contact channel is asked, a fax channel, or the unit or classifier ("กี่ชุด") of an
asked figure that its cited passages do not hold, a rate ("ครั้งละ", "per citizen") or an ordinal ("ระยะที่ 5") they do
not state, or a figure quoted about another subject (assistant/asked_subject.py). A question asking the assistant's
own opinion is guarded like an injection.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.asked_subject import off_subject
from assistant.glossary import load_glossary
from assistant.places import Place, find_places
from assistant.question_types import (
    QuestionType,
    Unit,
    asked_rates,
    asked_units,
    asks_injection,
    asks_outright,
    asks_own_view,
    asks_task,
    classify,
    general_classifier,
    load_question_types,
    named_agencies,
    named_systems,
    ordinal_positions,
    same_count,
    time_classifier,
)
from assistant.retrieval_service import RetrievalResult
from corpus.thai_text import (
    NUM_COMMA_RE,
    THAI_NUMBER_WORD,
    arabic_digits,
    be_year,
    compact_key,
    era_twin,
    key_tokens,
    stop_keys,
    strip_tones,
    thai_key,
    toneless_pattern,
)

ABSTAIN_TH = "ไม่พบข้อมูลนี้ในเอกสารที่มีอยู่"
ABSTAIN_EN = "I could not find this in the available documents."
PERSONAL_TH = (
    "ขออภัย ไม่สามารถให้ข้อมูลส่วนบุคคลของบุคคลใดได้ (เช่น เบอร์โทรศัพท์ ที่อยู่ เลขประจำตัว หรือรายได้) "
    "หากต้องการติดต่อ โปรดใช้ช่องทางติดต่อทางการของหน่วยงาน"
)
PERSONAL_EN = (
    "Sorry, I cannot give personal data about individuals (such as a phone number, address, ID number or "
    "income). To get in touch, please use the agency's official contact channels."
)
NEARBY_TH = "ข้อความใกล้เคียงในเอกสาร (ไม่ใช่คำตอบของคำถามนี้):"
NEARBY_EN = "Nearby text in the documents (NOT an answer to this question):"

_YEAR_RE = re.compile(r"(?<![0-9])(25[0-9]{2}|20[0-9]{2})(?![0-9])")
_RANGE_RE = re.compile(r"(?<![0-9])(25[0-9]{2}|20[0-9]{2})\s*[-–]\s*(25[0-9]{2}|20[0-9]{2})(?![0-9])")
_SPLIT_DIGITS_RE = re.compile(r"(?<=[0-9]) (?=[0-9])")  # gazette OCR splits years: "พ.ศ. 25 6 6"
_AGENCY_WORDS = 2  # leading words of an asked agency's name that a cited passage must hold
_FIGURE_TYPES = frozenset({"quantity", "when"})  # a figure or date is asked: its quote must be about the subject
# A fax number is its own channel: a notice's "โทร" line is no answer to "เบอร์แฟกซ์" (Royal Gazette notices label it
# "หมายเลขโทรสาร"; แฟกซ์ is the Royal Institute transliteration of fax)
_FAX_RE = re.compile(r"แฟ็?กซ์?|โทรสาร|\bfax(?:es)?\b|facsimile", re.IGNORECASE)
_SPECIFIC_NUMBER_RE = re.compile(r"(?<![0-9.])([0-9]+\.[0-9]+|[0-9]{3,})(?![0-9])")
_DENSE_WEIGHT_COVERAGE = 0.05
_DENSE_WEIGHT_VOCAB = 0.05
# A follow-up in a subject the conversation established needs this much less retrieval confidence: its own
# words are few ("where is the head office?") and the earlier turn already found the subject's document.
_FOLLOWUP_MARGIN = 0.03


@dataclass
class Confidence:
    """Retrieval evidence for one question, and whether it clears the calibrated threshold."""

    score: float
    dense: float
    coverage: float
    vocab: float
    guarded: bool
    missing: list[str] = field(default_factory=list)
    place_only: bool = False  # the best passage shares only the place the question names ("อากาศที่เชียงใหม่")

    def answerable(self, threshold: float) -> bool:
        return not self.guarded and not self.missing and not self.place_only and self.score >= threshold


def answer_threshold(result: RetrievalResult, threshold: float) -> float:
    """The confidence an answer needs: lower for a follow-up whose best passage is in its carried subject."""
    rq = result.query
    if rq.followup and result.hits and result.hits[0].chunk.doc_id in rq.subject_doc_ids:
        return threshold - _FOLLOWUP_MARGIN
    return threshold


def is_guarded(question: str) -> bool:
    """Prompt-injection, secret- or private-data-seeking wording, a request for the assistant's own opinion or for
    a piece of writing: never answered from retrieval."""
    return asks_injection(question) or asks_own_view(question) or asks_task(question)


def missing_specifics(
    question: str, passages_key: str, equivalents: list[str], places: Sequence[Place] | None = None
) -> list[str]:
    """Numbers and place names the question names that no retrieved passage contains (a number's thousands
    separators are left out on both sides: "10,000 บาท" is the number 10000, not "000"); ``places``: the question's
    places when the caller found them already."""
    missing = []
    passages_key = NUM_COMMA_RE.sub("", passages_key)
    for number in _SPECIFIC_NUMBER_RE.findall(NUM_COMMA_RE.sub("", question)):
        stated = [number, _spelled(number), *_year_twins(number, equivalents)]  # Acts spell 180 "หนึ่งร้อยแปดสิบ"
        if not any(e in passages_key for e in stated):
            missing.append(number)
    for place in find_places(question) if places is None else places:
        if place.key not in passages_key and not (place.english and place.english in passages_key):
            missing.append(place.key)
    return missing


def _spelled(number: str) -> str:
    """A whole number as Thai words on the damage-insensitive key ("\\0", found in no passage, for a decimal,
    which no one spells)."""
    from pythainlp.util import num_to_thaiword

    return thai_key(num_to_thaiword(int(number))) if number.isdigit() else "\0"


def _year_twins(number: str, equivalents: list[str]) -> list[str]:
    """The same year in the other era (2024 <-> 2567), when the query rewrite produced it."""
    if not number.isdigit():
        return []
    n = int(number)
    twin = str(era_twin(n))
    return [twin] if twin in equivalents else []


def confidence(
    question: str, result: RetrievalResult, terms: set[str], top_terms: set[str], vocab_share: float
) -> Confidence:
    """Dense similarity of the best passage, nudged by lexical coverage and vocabulary overlap."""
    dense = result.top_dense
    coverage = len(terms & top_terms) / len(terms) if terms else 0.0
    passages_key = " ".join(
        thai_key(f"{h.chunk.title} {h.chunk.section or ''} {h.chunk.text}") for h in result.hits[:5]
    )
    places = find_places(result.query.normalized)
    keys = {p.key for p in places}
    return Confidence(
        place_only=bool(keys) and bool(terms - keys) and not (terms & top_terms) - keys,
        score=dense + _DENSE_WEIGHT_COVERAGE * coverage + _DENSE_WEIGHT_VOCAB * vocab_share,
        dense=dense,
        coverage=coverage,
        vocab=vocab_share,
        guarded=is_guarded(question),
        missing=missing_specifics(result.query.normalized, passages_key, result.query.expansions, places),
    )


def abstain_message(language: str) -> str:
    return ABSTAIN_EN if language == "en" else ABSTAIN_TH


def personal_data_message(language: str) -> str:
    """The refusal of a request for an individual's personal data, with the reason."""
    return PERSONAL_EN if language == "en" else PERSONAL_TH


def nearby_label(language: str) -> str:
    """The label over passages shown after an abstention: what the documents say nearby, not an answer."""
    return NEARBY_EN if language == "en" else NEARBY_TH


def _years_text(text: str) -> str:
    return _SPLIT_DIGITS_RE.sub("", arabic_digits(text))


# An amending Act named by its number and year ("(ฉบับที่ 5) พ.ศ. 2545"): its year names the law, printed once where
# a consolidated Act lists its amendments, not in the passage it amended
_AMENDMENT_YEAR_RE = re.compile(r"\(?\s*ฉบับที่\s*[0-9]{1,2}\s*\)?\s*(?:พ\.?\s?ศ\.?)?\s*(25[0-9]{2})(?![0-9])")


def asked_years(question: str) -> list[str]:
    """Years the question asks about (as written, Arabic digits), not an amending Act's year that names the law."""
    text = arabic_digits(question)
    named = set(_AMENDMENT_YEAR_RE.findall(text))
    return [y for y in _YEAR_RE.findall(text) if y not in named]


# A year asked as a time, not as a document's name: "ปี 2566", "ปีงบประมาณ 2566", "in 2023", "fiscal year 2023"
_TIME_YEAR_RE = re.compile(
    r"(?:ปี(?:งบประมาณ|งบ)?\s*(?:พ\.?\s?ศ\.?)?|\b(?:in|by|during|for|fiscal\s+year|FY)\s*)"
    r"\s*(25[0-9]{2}|20[0-9]{2})(?![0-9])",
    re.IGNORECASE,
)
_SPOKEN_RANGE_RE = re.compile(  # "2023 to 2027", "2566 ถึง 2570": a period, as "2566-2570"
    r"(?<![0-9])(?:25[0-9]{2}|20[0-9]{2})\s*(?:to|ถึง|through)\s*(?:25[0-9]{2}|20[0-9]{2})(?![0-9])"
)


def time_years(question: str) -> set[int]:
    """Single years (B.E.) the question asks as a time ("ปี 2566 ได้ร้อยละเท่าไร"), not a period it names."""
    text = _SPOKEN_RANGE_RE.sub(" ", _RANGE_RE.sub(" ", arabic_digits(question)))
    return {be_year(int(y)) for y in _TIME_YEAR_RE.findall(text)}


def single_years(question: str) -> set[int]:
    """The years (B.E.) a question asks one by one, not a period it names ("แผน 2566-2570") nor an amending Act's."""
    return {be_year(int(y)) for y in asked_years(_RANGE_RE.sub(" ", arabic_digits(question)))}


def states_other_years(years: set[int], text: str) -> bool:
    """Does the text state years, none of them an asked one (in either era)? It then reports another year's
    figure ("ภายในปี 2570 … ร้อยละ 85" for "ในปี 2564 … ร้อยละเท่าไร")."""
    stated = {be_year(int(y)) for y in _YEAR_RE.findall(_years_text(text))}
    return bool(years) and bool(stated) and not stated & years


def unsupported_years(question: str, passages: list[tuple[str, str]]) -> list[str]:
    """Years the question names that no cited passage states (in its title or text, or inside a range its text gives).

    ``passages`` are (title, text) pairs. A title year counts only as written ("the 2562 Act", "the 2566-2570
    plan"); a range inside the text covers the years between ("ปีงบประมาณ 2566 - 2570" covers 2568, not 2572). A
    year asked as a time ("ผลสำรวจปี 2566") is not stated by a plan period naming the document, in its title or
    text ("แผน… พ.ศ. 2566-2570"): that is the plan's name, not a report on 2566.
    """
    asked = {be_year(int(y)) for y in asked_years(question)}
    if not asked:
        return []
    stated: set[int] = set()  # any year the passages print
    as_time: set[int] = set()  # the years they report on: not the document's name ("แผน… พ.ศ. 2566-2570")
    for title, text in passages:
        title_years = _years_text(title)
        stated |= {be_year(int(y)) for y in _YEAR_RE.findall(title_years)}
        # an Act's year names it ("กฎหมายรัฐบาลดิจิทัลปี 2562"); a plan's period does not report on its first year
        as_time |= {be_year(int(y)) for y in _YEAR_RE.findall(_RANGE_RE.sub(" ", title_years))}
        # the period the title names, wherever the text prints it again ("แผน… พ.ศ. 2566-2570"): the name, no report
        periods = [re.compile(rf"พ\.?\s?ศ\.?\s*{a}\s*[-–]\s*{b}(?![0-9])") for a, b in _RANGE_RE.findall(title_years)]
        # as printed too: re-joining OCR-split digits also glues a table's "ปี 2567 10 หน่วยงาน" into one number
        for printed in (_years_text(text), arabic_digits(text)):
            stated |= _years_in(printed)
            reported = printed
            for period in periods:
                reported = period.sub(" ", reported)
            as_time |= _years_in(reported)
    times = time_years(question)
    return [str(y) for y in sorted(asked) if y not in (as_time if y in times else stated)]


def _years_in(text: str) -> set[int]:
    """The years (B.E.) a text states, a range covering those between ("ปีงบประมาณ 2566 - 2570" covers 2568)."""
    years = {be_year(int(y)) for y in _YEAR_RE.findall(text)}
    for a, b in _RANGE_RE.findall(text):
        lo, hi = sorted((be_year(int(a)), be_year(int(b))))
        if hi - lo <= 10:
            years |= set(range(lo, hi + 1))
    return years


# An ordinal the question names: a Thai noun, "ที่", a number ("ระยะที่ 5", "รางวัลที่ 1", "มาตรการที่ 4"); not a
# letter or meeting number "ครั้งที่ 5/2565"
_ORDINAL_RE = re.compile(r"([\u0e01-\u0e4e]+)\s*ที่\s*([0-9]{1,3}(?:\.[0-9]+)?)(?![0-9./])")
_THI = compact_key("ที่")


@lru_cache(maxsize=1)
def _position_keys() -> frozenset[str]:
    """Keyed words that number a list position, and the documents' own divisions (read once)."""
    return frozenset(thai_key(w) for w in ordinal_positions())


def unsupported_ordinals(question: str, passages: list[tuple[str, str]], *, series_absent: bool = True) -> list[str]:
    """Ordinals the question names ("ระยะที่ 5") that the cited passages miss while stating others of the series
    ("ระยะที่ 3", "ระยะที่ 4": the passage is about another phase), or, with ``series_absent``, whose series the
    passages never name ("รางวัลที่ 1" against a plan passage)."""
    found = _ORDINAL_RE.findall(arabic_digits(question))
    if not found:
        return []
    text = compact_key(arabic_digits(" ".join(f"{title} {body}" for title, body in passages)))
    missing = []
    from pythainlp.tokenize import word_tokenize

    for run, number in found:
        # the noun numbered is the run's last dictionary word ("แล้วภาค" -> ภาค; the key's own cut gives "วภาค")
        words = [compact_key(w) for w in word_tokenize(run, engine="newmm", keep_whitespace=False)]
        noun = words[-1] if words else ""
        if len(noun) < 2 or noun in _position_keys():
            continue
        stated = re.findall(rf"{re.escape(noun)}(?:{_THI})?([0-9]+(?:\.[0-9]+)?)", text)
        if number in stated:
            continue
        # a series the passages never name: only a content word, not "ระยะ" (a stopword)
        absent = series_absent and noun not in text and noun not in stop_keys()
        if stated or absent:
            missing.append(f"{noun} {number}")
    return missing


def unsupported_rates(question: str, texts: list[str]) -> list[str]:
    """Rates a figure is asked in ("ครั้งละกี่บาท", "cost per citizen") that no text states a figure in."""
    return _unstated(asked_rates(question), texts)


def _unstated(asked: Sequence[Unit], texts: list[str]) -> list[str]:
    """The asked units or rates that no text states a figure in."""
    return [u.name for u in asked if not any(u.fact_re.search(arabic_digits(t)) for t in texts)]


_CITE_MARK_RE = re.compile(r"\[[0-9]+\]")
_DIGIT_COUNT_RE = re.compile(r"(?<![0-9])(?!25[0-9]{2}(?![0-9]))[0-9]")  # a B.E. year counts nothing
_NUMBER_WORD_RE = re.compile(THAI_NUMBER_WORD)
# Numbers that label what the answer is about, not a count: "โครงการ 2.6", "(โครงการที่ 1.1)", "ยุทธศาสตร์ที่ 3"
_LABEL_RE = re.compile(
    r"(?:โครงการ|ยุทธศาสตร์|project|strategy)\s*(?:ที่|no\.?)?\s*[0-9]+(?:\.[0-9]+)?|^\s*[0-9]\.[0-9]{1,2}\s", re.I | re.M
)
# A version asked or stated: "V.5", "v5", "Ver. 2.1", "version 3", "เวอร์ชัน 4"
_VERSION_RE = re.compile(r"(?<![A-Za-z])(?:v|ver|version|เวอร์ชั่?น)\.?\s?([0-9]+(?:\.[0-9]+)*)(?![0-9])", re.I)


def _states_number(answer: str) -> bool:
    """The answer states a count: digits that are no year or label, or a number word standing as a word
    ("สิบห้า วัน", not the "สาม" of "สามารถ", the "ห้า" of "ห้าม" or the "ศูนย์" of a centre's name)."""
    text = _LABEL_RE.sub(" ", _CITE_MARK_RE.sub("", arabic_digits(answer)))
    if _DIGIT_COUNT_RE.search(text):
        return True
    from pythainlp.tokenize import word_tokenize

    words = word_tokenize(text, engine="newmm", keep_whitespace=False)
    return any(w != "ศูนย์" and _NUMBER_WORD_RE.fullmatch(w) for w in words)


def unsupported_versions(question: str, passages: list[tuple[str, str]]) -> list[str]:
    """Versions the question names ("local Gov. V.5") that the cited passages do not state (they state V.3, V.4)."""
    asked = _VERSION_RE.findall(arabic_digits(question))
    if not asked:
        return []
    stated = set(_VERSION_RE.findall(arabic_digits(" ".join(f"{title} {body}" for title, body in passages))))
    return [f"V.{v}" for v in asked if v not in stated]


_OWNER_HEADS = ("กรม", "กระทรวง")


def absent_agencies(question: str, own: str, heads: tuple[str, ...] = ()) -> list[str]:
    """The agencies a question names (Thai or English names; only those opening with one of ``heads`` if given)
    that ``own``, the thai_key of the passages meant to answer it, does not: all of a name's words after its head
    word ("กรม", "สำนักงาน") must be there."""
    own_tokens = set(key_tokens(own))
    missing = []
    for name in named_agencies(question) + _english_agencies(question):
        if heads:
            head = next((h for h in heads if name.startswith(h)), None)
            if head is None:
                continue
            if thai_key(name[len(head) :]).strip() in own:
                continue  # "กระทรวงยุติธรรม" asked, "สำนักงานกิจการยุติธรรม" holds it: the name after its head is there
        words = _agency_head(key_tokens(name))  # words after the head may be the question's own
        if words and not all(w in own_tokens or w in own for w in words):
            missing.append(name)
    return missing


def unsupported_structured(
    question: str, answer: str, passages: list[tuple[str, str]], owners: list[tuple[str, str]] | None = None
) -> list[str]:
    """What a structured answer leaves unanswered: a year its passages do not state, a unit (people, per cent) or
    a rate (per person, per occasion) its answer gives no figure in, an ordinal of a series its passages number
    otherwise, a count asked ("ปีละกี่เรื่อง") of which the answer states no number at all, or a penalty or contact
    channel (website, e-mail, phone …) asked of which the answer states none. With ``owners`` (a key project's card:
    its name and owners), a ministry or department the question names that neither the passages nor the owners
    hold: "โครงการ…ของกรมกิจการผู้สูงอายุ" is not answered by another agency's project."""
    missing = unsupported_years(question, passages)
    if owners is not None:  # a ministry or department named as the owner; a "ศูนย์…" is often the project itself
        own = " ".join(thai_key(f"{title} {text}") for title, text in [*passages, *owners])
        missing += absent_agencies(question, own, heads=_OWNER_HEADS)
    units = asked_units(question)
    missing += _unstated(units, [answer])  # "อบรมกี่คน" is not answered by the project's objectives
    missing += unsupported_rates(question, [answer])
    missing += unsupported_ordinals(question, passages, series_absent=False)
    missing += unsupported_versions(question, passages)
    classifier = None if units else asked_classifier(question)
    types = classify(question)
    listed = any(t.name == "list" for t in types)  # "มีกี่ข้อ อะไรบ้าง": the items listed state how many
    if classifier and not listed and not _states_number(answer):
        missing.append(classifier)
    if not types:
        return missing
    asked = types[0]
    # "มีโทษจำคุกกี่เดือน" is not answered by a section's deadline, nor "ดูได้ที่เว็บไซต์อะไร" by a project's budget
    if (asked.name == "penalty" or (asked.contact and asks_outright(asked, question))) and not asked.holds(answer):
        missing.append(asked.name)
    return missing


# A number as the quoted passages write it: digits (not a B.E. year: "ปี 2570 ชุดข้อมูล…" counts nothing), or
# Thai number words ("สิบห้าวัน"; "ครั้งเดียว" is matched apart)
_NUMBER = rf"(?:(?<![0-9])(?!25[0-9]{{2}}(?![0-9]))[0-9][0-9,.]*|{THAI_NUMBER_WORD})"


@lru_cache(maxsize=1024)  # read by span choice, the answer check and the abstention check of one question
def asked_classifier(question: str) -> str | None:
    """The classifier a "how many" question counts in ("กี่ชุด" → "ชุด", "ภายในกี่วัน" → "วัน", "how many hours"
    → "ชั่วโมง"), if any."""
    if "กี" not in strip_tones(question):
        return _english_count(question) or _person_count(question)
    from pythainlp.tokenize import word_tokenize

    words = word_tokenize(question, engine="newmm", keep_whitespace=False)
    following = (_counted_word(words[i + 1 :]) for i, w in enumerate(words[:-1]) if strip_tones(w) == "กี")
    found = next((w for w in following if w and re.fullmatch(r"[\u0e01-\u0e4e]{2,}", w)), None)
    if found is None or general_classifier(found):
        return None
    return time_classifier(found) or found


# Place words of a number ("กี่ล้านรายการ", "กี่พันคน"), tone marks dropped (people type "กี่ลานรายการ"): the count is
# in the place word and the classifier after it together ("ล้านรายการ"), not in the bare place word (Royal Institute
# number words)
_MAGNITUDE_WORDS = frozenset(strip_tones(w) for w in ("สิบ", "ร้อย", "พัน", "หมื่น", "แสน", "ล้าน"))


def _counted_word(words: Sequence[str]) -> str | None:
    """The classifier after "กี่", with the last place word before it ("กี่ล้านบาท" → "ล้านบาท")."""
    magnitude = ""
    for w in words:
        if strip_tones(w) not in _MAGNITUDE_WORDS:
            return magnitude + w
        magnitude = w
    return None


def _person_count(question: str) -> str | None:
    """"คน" for "จำนวน<people noun> … เท่าไร" ("จำนวนกรรมการขั้นต่ำไว้เท่าไร"): persons are counted in คน."""
    nouns = load_question_types().person_nouns
    if nouns is None:
        return None
    words = "|".join(re.escape(strip_tones(w)) for w in nouns.words)
    found = re.search(rf"จำนวน\s*(?:{words})[^?]{{0,30}}?เทา(?:ไร|ไหร|ใด)", strip_tones(question))
    return "คน" if found else None


def _english_count(question: str) -> str | None:
    """The Thai classifier of the noun after English "how many" (question_types.yaml: english_counts)."""
    counts = load_question_types().english_counts
    m = _EN_COUNT_RE.search(question)
    return counts.words.get(m.group(1).lower()) if counts and m else None


_EN_COUNT_RE = re.compile(r"\bhow many ([a-z]+)\b", re.IGNORECASE)


def asked_count_units(question: str, units: Sequence[str]) -> list[str]:
    """The units of ``units`` a question asks a count of, in order ("ภายในกี่วัน ขยายได้กี่ครั้ง" → วัน, ครั้ง;
    "how many terms" → วาระ). Tone marks are ignored on both sides (people type "กีวัน")."""
    pattern, thai, english = _count_pattern(tuple(units))
    matches = pattern.finditer(strip_tones(question))
    return [thai[m.group(1)] if m.group(1) else english[m.group(2).lower()] for m in matches]


@lru_cache(maxsize=8)
def _count_pattern(units: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, str], dict[str, str]]:
    thai = {strip_tones(u): u for u in units}
    counts = load_question_types().english_counts
    english = {w: u for w, u in (counts.words.items() if counts else []) if u in units}
    alternatives = "|".join(re.escape(u) for u in sorted(thai, key=len, reverse=True))  # วันทำการ before วัน
    pattern = rf"กี\s*({alternatives})" + (rf"|how many ({'|'.join(english)})" if english else "")
    return re.compile(pattern, re.IGNORECASE), thai, english


def counts_in(classifier: str, quotes: list[str]) -> bool:
    """Does a quote state a number counted in the classifier ("12 ชุด", "สิบห้าวัน", "ครั้งเดียว", "10 กิจกรรม/โครงการ")?

    A classifier typed without tone marks ("กี่ลาน") still finds the printed word; the number words keep theirs, or
    "ปัญหาเรื่อง" would read as "ห้าเรื่อง" (five)."""
    unit = "(?:" + "|".join(toneless_pattern(c) for c in same_count(classifier)) + ")"
    pattern = re.compile(rf"{_NUMBER}\s*(?:[\u0e01-\u0e4e]+\s*/\s*)?{unit}|{unit}\s*เดียว")
    return any(pattern.search(arabic_digits(q)) for q in quotes)


def _english_agencies(question: str) -> list[str]:
    """Thai names of the agencies an English question names, through the glossary."""
    low = question.lower()
    return [th for en, th in load_glossary().english.items() if len(en) > 8 and en in low and named_agencies(th)]


@lru_cache(maxsize=1)
def _agency_head_keys() -> frozenset[str]:
    return frozenset(thai_key(h) for h in load_question_types().agency_names.heads)


def _agency_head(words: list[str]) -> list[str]:
    """The words that identify an agency: its head word and the first word of its name ("สำนักงาน ศุลกากร"), or a
    name the dictionary holds whole ("กรมสรรพากร"); what follows may be the question's ("…แบบออนไลน์", "…ผ่านเว็บ")."""
    heads = _agency_head_keys()
    for n, w in enumerate(words[:_AGENCY_WORDS], 1):
        if w not in heads:
            return words[:n]
    return words[:_AGENCY_WORDS]


def unsupported_subjects(
    question: str,
    types: list[QuestionType],
    passages: list[tuple[str, str]],
    quotes: list[str],
    answering: list[tuple[str, str]] | None = None,
) -> list[str]:
    """What the question names or asks that the cited passages do not hold: a year, the agency whose contact
    channel is asked, a fax channel, the unit or classifier a figure is asked in, the subject of an asked figure
    or date, a rate it is asked in, or an ordinal of a series. [] when every asked subject is there.

    ``answering`` are the passages the direct answer is cut from: an asked agency's channel must come from that
    agency's own passage, not from another passage cited beside it."""
    missing = unsupported_years(question, passages)
    if types and types[0].contact:
        own = " ".join(thai_key(f"{title} {text}") for title, text in (answering or passages))
        missing += absent_agencies(question, own)
        own_compact = compact_key(own)
        # "ระบบ DG Course Match เข้าใช้งานที่เว็บไซต์อะไร" is not answered by another agency's site
        english = load_glossary().english  # an English agency name ("Revenue Department") is checked above
        named = [n for n in named_systems(question) if n.lower() not in english]
        # none of its words there ("EGAT Call Center" is answered by a passage naming the "Call Center")
        missing += [n for n in named if not any(compact_key(w) in own_compact for w in n.split() if len(w) > 2)]
    if _FAX_RE.search(question) and not any(_FAX_RE.search(f"{title} {text}") for title, text in passages):
        missing.append("fax")
    units = asked_units(question)
    missing += _unstated(units, quotes)
    classifier = None if units else asked_classifier(question)
    # "มีกี่ระบบ อะไรบ้าง": a quoted list states the items, and so how many, without the classifier
    listed = bool(types) and types[0].name == "list" and any(types[0].holds(q) for q in quotes)
    if classifier and not listed and not counts_in(classifier, quotes):  # "กี่ชุด" is not answered by "ร้อยละ 100"
        missing.append(classifier)
    if types and types[0].name in _FIGURE_TYPES and off_subject(question, quotes, [title for title, _ in passages]):
        missing.append("subject")  # "ลดหย่อนภาษี…กี่บาท" is not answered by an ID-card fee "ฉบับละ 100 บาท"
    missing += unsupported_rates(question, quotes)  # "เบี้ยประชุมครั้งละกี่บาท" is not answered by a yearly budget
    missing += unsupported_ordinals(question, passages)  # "ระยะที่ 5" is not answered by phases 3 and 4
    missing += unsupported_versions(question, passages)
    return missing
