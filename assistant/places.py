"""Names of places users mention: Thai provinces (which land-transport office?) and foreign countries.

Both lists come from pythainlp's corpora; a few common foreign names are added in both languages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any, cast

from pythainlp.util import Trie

from corpus.thai_text import compact_key, thai_key

_FOREIGN = (("สิงคโปร์", "singapore"), ("มาเลเซีย", "malaysia"), ("เวียดนาม", "vietnam"), ("ญี่ปุ่น", "japan"),
            ("เกาหลี", "korea"), ("จีน", "china"), ("อินเดีย", "india"), ("สหรัฐ", "united states"),
            ("อเมริกา", "america"), ("อังกฤษ", "united kingdom"), ("ยุโรป", "european union"),
            ("เอสโตเนีย", "estonia"), ("ออสเตรเลีย", "australia"))  # fmt: skip
# A province named after จังหวัด/จ./ขนส่ง/ขส. (the common abbreviation of ขนส่ง), "ขนส่งจ." run together, after
# อยู่/อยู่ที่ ("ถ้าอยู่เชียงใหม่", where one lives: everyday Thai), or standing alone.
_PROVINCE_CONTEXT = r"(?:จงหวด|ขนสงจ?|ขสจ?|(?<![\u0e01-\u0e2e])จ|(?<![\u0e01-\u0e2e])อย|อยท|^|\s)\s*"
# A shortened name ("ขนส่งอุดร", "ขส.ปทุม", "จ.นครศรี"): after จังหวัด/จ./ขนส่ง only, a whole word of at least
# three keyed letters (vowels ะ/า written after the consonant included: "ขส.สุราษ") that begins exactly one
# province's name.
_SHORT_CONTEXT_RE = re.compile(  # a lookahead, so "ขนสงจงหวดอดร" is tried after each cue
    r"(?=(?:จงหวด|ขนสง|ขส|(?<![\u0e01-\u0e2e])จ)\s*([\u0e01-\u0e2e\u0e30\u0e32\u0e33\u0e40-\u0e46]{3,})(?![\u0e01-\u0e4e]))"
)

# A branch office: "สาขาอำเภอชะอำ", "สาขา อ.ตะกั่วป่า", "สาขาเลิงนกทา" (land-transport and other provincial offices
# list their district branches so in their notices).
_BRANCH_RE = re.compile(r"สาขา\s*(?:อำเภอ|อ\.)?\s*([\u0e01-\u0e4e]{3,})")
_MIN_BRANCH = 3
# A numbered office of an agency: "พื้นที่ 7", "ภาค 3", "ภาคที่ 1", "เขต 2" (Bangkok social-security areas, regional
# offices, customs regions are listed so); keyed without ที่, its number then must match whole
_NUMBERED_RE = re.compile(r"(พื้นที่|ภาค|เขต)\s*(?:ที่)?\s*([0-9]{1,2})(?![0-9])")
NUMBERED_KEY_RE = re.compile(r"^(\D+?)([0-9]{1,2})$")
_LATIN_MATCH = 0.85  # similarity a romanised branch name and an English question's spelling of it must reach
_MIN_LATIN_BRANCH = 5  # romanised names shorter than this must be spelled exactly
# A province cue proper (จังหวัด, จ., ขนส่ง, ขส.), which a name that is also an everyday word needs.
_CUE = r"(?:จงหวด|ขนสง|ขส|(?<![\u0e01-\u0e2e])จ)\s*"
_EVERYDAY_FREQUENCY = 5000  # TNC count above which a place name is mostly an everyday word


@dataclass(frozen=True)
class Place:
    name: str  # Thai, as written
    key: str  # thai_key of the name
    english: str  # lower case, "" when unknown


@lru_cache(maxsize=1)
def provinces() -> tuple[Place, ...]:
    """The 77 provinces with English names."""
    from pythainlp.corpus import provinces as pythainlp_provinces

    rows = cast(list[dict[str, Any]], pythainlp_provinces(details=True))
    return tuple(Place(r["name_th"], thai_key(r["name_th"]), str(r.get("name_en") or "").lower()) for r in rows)


@lru_cache(maxsize=1)
def places() -> tuple[Place, ...]:
    """Provinces plus countries: specifics a question may name that the corpus may not cover."""
    from pythainlp.corpus import countries

    foreign = [Place(th, thai_key(th), en) for th, en in _FOREIGN]
    others = [Place(c, thai_key(c), "") for c in countries() if len(c) >= 4]
    return (*provinces(), *foreign, *others)


def _named_in_english(place: Place, low: str, squeezed: str) -> bool:
    """The English name as a whole word, spaced as people write it: "Phang Nga" and "Lopburi" name phangnga and
    lop buri (a long name only; a short one, "nan", must be spelled as it is). ``squeezed``: ``low`` without spaces,
    made once for all the places tried."""
    if not place.english:
        return False
    letters = place.english.replace(" ", "")
    if len(letters) >= _MIN_RESPACED and letters[:3] in squeezed:  # cheap test first
        return _respaced(letters).search(low) is not None
    if place.english not in low:
        return False
    return re.search(rf"(?<![a-z]){re.escape(place.english)}(?![a-z])", low) is not None


_MIN_RESPACED = 6  # letters an English place name needs before its spacing may differ from pythainlp's


@lru_cache(maxsize=256)
def _respaced(letters: str) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z])" + r"[\s-]?".join(re.escape(ch) for ch in letters) + r"(?![a-z])")


def find_provinces(text: str) -> list[str]:
    """Keyed names of provinces the text names: after จังหวัด/จ./ขนส่ง or standing alone (not in เผยแพร่)."""
    low = text.lower()
    squeezed = low.replace(" ", "")
    key = thai_key(text).replace(".", "")
    found = [
        p.key
        for p in provinces()
        if _named_in_english(p, low, squeezed)
        or (p.key in key and re.search(_PROVINCE_CONTEXT + re.escape(p.key), key))
    ]
    return found or _shortened_provinces(key)


def _shortened_provinces(key: str) -> list[str]:
    """Provinces named by the start of their name after a province cue (people type "ขนส่งอุดร")."""
    out: list[str] = []
    for m in _SHORT_CONTEXT_RE.finditer(key):
        matches = [p.key for p in provinces() if p.key.startswith(m.group(1))]
        if len(matches) == 1 and matches[0] not in out:
            out.append(matches[0])
    return out


def find_branch(text: str) -> str | None:
    """Compact key of the branch office a question names after "สาขา" ("ขส.พังงา สาขาตะกั่วป่า" -> ตะกั่วป่า);
    the run may go on into the next words when the question has no space, so a caller matches its prefixes.
    Else a numbered office ("ประกันสังคมกรุงเทพฯ พื้นที่ 4" -> พนท4), matched whole (see branch_pattern)."""
    m = _BRANCH_RE.search(text)
    key = compact_key(m.group(1)) if m else ""
    if len(key) >= _MIN_BRANCH:
        return key
    numbered = _NUMBERED_RE.search(text)
    return compact_key(numbered.group(1)) + numbered.group(2) if numbered else None


def branch_pattern(branch: str) -> re.Pattern[str] | None:
    """For a numbered office's key ("พนท7", "ภาค1"), the pattern of its mentions in keyed text: the head, an optional
    ที่ ("ภาคที่ 1"), the whole number (area 1 is not area 10); None for a named branch."""
    m = NUMBERED_KEY_RE.match(branch)
    if m is None:
        return None
    return re.compile(rf"{re.escape(m.group(1))}(?:ท)?{m.group(2)}(?![0-9])")


def find_branch_in_english(question: str, passages: list[str]) -> str | None:
    """Compact key of a branch office the passages list in Thai ("สาขาอำเภอคลองหลวง") that an English question
    names in Latin letters ("the Khlong Luang branch"): its romanisation (Royal Institute system) matches a run of
    one to three words of the question, allowing the usual variation between romanisations."""
    words = re.findall(r"[a-z]+", question.lower())
    if "branch" not in words:
        return None
    names = {m.group(1) for text in passages for m in _BRANCH_RE.finditer(text)}
    runs = {"".join(words[i : i + n]) for i in range(len(words)) for n in (1, 2, 3) if i + n <= len(words)}
    for name in sorted(names, key=len, reverse=True):
        latin = _romanised(name)
        if len(latin) < _MIN_BRANCH:
            continue
        close = len(latin) >= _MIN_LATIN_BRANCH and any(
            SequenceMatcher(None, r, latin).ratio() >= _LATIN_MATCH for r in runs
        )
        if latin in runs or close:
            key = compact_key(name)
            return key if len(key) >= _MIN_BRANCH else None
    return None


@lru_cache(maxsize=512)
def _romanised(name: str) -> str:
    from pythainlp.transliterate import romanize

    return re.sub(r"[^a-z]", "", romanize(name, engine="royin").lower())


def province_name(key: str) -> str:
    """The Thai spelling of a keyed province name."""
    return next((p.name for p in provinces() if p.key == key), key)


def find_places(text: str) -> list[Place]:
    """Provinces and countries named as whole words (ตองกา is not inside ต้องการ)."""
    from pythainlp.tokenize import word_tokenize

    words = {thai_key(w) for w in word_tokenize(text, custom_dict=_dictionary(), engine="newmm")}
    low = text.lower()
    squeezed = low.replace(" ", "")
    key = thai_key(text).replace(".", "")
    everyday = _everyday_keys()  # loaded on the first question, so a server's warm-up pays for it
    return [
        p
        for p in places()
        if _named_in_english(p, low, squeezed)
        or (p.key in words and (p.key not in everyday or re.search(_CUE + re.escape(p.key), key)))
    ]


@lru_cache(maxsize=1)
def _everyday_keys() -> frozenset[str]:
    """Keys of province names that are also everyday words ("เลย" the particle, "นาน" long, "ตรง" for ตรัง): one counts
    only after a province cue (จังหวัด/จ./ขนส่ง). Everyday: Thai National Corpus frequency of at least
    _EVERYDAY_FREQUENCY for the key (tone marks dropped), well above any place name's own (สิงคโปร์ ~1,800)."""
    from pythainlp.corpus import tnc

    counts: dict[str, int] = {}
    for word, freq in tnc.word_freqs():
        k = thai_key(word)
        counts[k] = counts.get(k, 0) + freq
    return frozenset(p.key for p in provinces() if counts.get(p.key, 0) >= _EVERYDAY_FREQUENCY)


@lru_cache(maxsize=1)
def _dictionary() -> Trie:
    from pythainlp.corpus import thai_words

    return Trie(set(thai_words()) | {p.name for p in places()})
