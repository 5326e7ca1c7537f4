"""Damage-insensitive Thai text: the one matching key and everything built on it.

PDF extraction loses tone marks, vowels above/below, thanthakhat and the nikhahit of sara am, maps
glyphs to the Private Use Area and mixes Thai and Arabic digits. Every comparison of Thai text in the
project goes through this module, so ``หนวยงาน`` matches ``หน่วยงาน`` and ``๒๕๖๖`` matches ``2566``
in the BM25 index, query matching, project extraction, grounding and eval scoring alike:

- :func:`thai_key`: the key (marks dropped, digits and case unified, whitespace collapsed);
- :func:`compact_key`: the key without whitespace (PDF spacing damage cannot break a match);
- :func:`match_key`: the compact key without thousands separators (numbers compare as written either way);
- :func:`name_key` / :func:`name_key_offsets`: the compact key without dots either, with each key
  character's offset in the original (locating agency and project names in running text);
- :func:`key_tokens` / :func:`key_ngrams` / :func:`loose_key`: BM25 terms on the key;
- :func:`loose_pattern` and ``MARK_CLASS``: regexes matching words in damaged text (headings, page headers);
- :func:`toneless_pattern`: the reverse, a regex for a word typed without tone marks that finds it printed with them;
- :func:`arabic_digits` and :func:`strip_tones`: the single folds, via pythainlp;
- ``THAI_NUMBER_WORD``: the regex fragment of one number spelled in Thai words (``สิบห้า``, ``สองร้อยล้าน``);
- ``THAI_MONTH``: the alternation of the twelve month names; ``THAI_MONTH_ABBREVIATIONS`` their short forms.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pythainlp.util import Trie, remove_tonemark, thai_digit_to_arabic_digit

from corpus.thai_repair import PUA_MAP, THAI_MONTH
from corpus.thai_repair import THAI_MONTH_ABBREVIATIONS as THAI_MONTH_ABBREVIATIONS  # re-exported

# Thai digits ๐–๙ and the Arabic digits they stand for.
THAI_DIGIT_MAP: dict[str, str] = {chr(0x0E50 + i): str(i) for i in range(10)}

# Thai vowels above/below, tone marks and signs: what extraction drops, doubles or displaces.
MARKS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
# A regex class of one mark, or a legacy-font Private Use Area glyph that draws one.
MARK_CLASS = f"[{MARKS}\uf700-\uf71d]"
_KEY_TABLE = str.maketrans(
    {
        **{k: (None if v in MARKS else v) for k, v in PUA_MAP.items()},
        **{c: None for c in MARKS},
        "\u0e33": "\u0e32",  # sara am -> sara aa (extraction often loses the nikhahit)
        **THAI_DIGIT_MAP,  # Thai digits -> Arabic
        "\u200b": None,
        "\u00ad": None,
    }
)
_SPACE_RE = re.compile(r"\s+")
_ABBREV_DOT_RE = re.compile(r"(?<=[\u0e01-\u0e2e])\.")
_TOKEN_OK_RE = re.compile(r"[0-9a-z\u0e01-\u0e5b]")
# A thousands separator between digits ("1,250,000"); a list comma ("1,2") is kept.
NUM_COMMA_RE = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")

# THAI_MONTH (the twelve month names, as dates are printed) is defined in corpus.thai_repair, which repairs dates.
# The Gregorian month names in English -> their Thai names (standard calendar), in calendar order.
_EN_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
EN_MONTHS = dict(zip(_EN_MONTH_NAMES, THAI_MONTH.split("|"), strict=True))

# Thai number words (Royal Institute spelling): a digit word, a place word (ยี่ only before สิบ, เอ็ด only after
# a place: สิบเอ็ด, ร้อยเอ็ด), and ล้าน repeating the whole group below a million (สามสิบเอ็ดล้าน, หนึ่งล้านห้าแสน).
_DIGIT_WORD = "หนึ่ง|สอง|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า"
_BELOW_MILLION = rf"(?:(?:{_DIGIT_WORD}|ยี่(?=สิบ))?(?:สิบ|ร้อย|พัน|หมื่น|แสน))+(?:เอ็ด|{_DIGIT_WORD})?|(?:{_DIGIT_WORD})"
# One number written in words ("สิบห้า", "ยี่สิบเอ็ด", "สองร้อยล้าน", "ศูนย์"): a regex fragment, no capturing group.
THAI_NUMBER_WORD = rf"(?:ศูนย์|(?:{_BELOW_MILLION})?(?:ล้าน(?:{_BELOW_MILLION})?)+|{_BELOW_MILLION})"


BE_OFFSET = 543  # Buddhist Era year = Common Era year + 543


def era_twin(year: int) -> int:
    """The same year in the other era: 2540 (B.E.) -> 1997 (C.E.) and back."""
    return year - BE_OFFSET if year >= 2400 else year + BE_OFFSET


def be_year(year: int) -> int:
    """A year in the Buddhist Era (2023 -> 2566; 2566 stays)."""
    return year if year >= 2400 else year + BE_OFFSET


def arabic_digits(text: str) -> str:
    """Write Thai digits as Arabic ones (๒๕๖๖ -> 2566), so numbers compare across both scripts."""
    return thai_digit_to_arabic_digit(text)


def strip_tones(text: str, silencer: bool = False) -> str:
    """Text without the four tone marks (people often type Thai without them); vowels stay.

    With ``silencer`` the thanthakhat goes too, as casual typing drops it (เบอร์ส่วนตัว -> เบอรสวนตัว).
    """
    text = remove_tonemark(text)
    return text.replace("\u0e4c", "") if silencer else text


def thai_key(text: str) -> str:
    """Fold text to its damage-insensitive key (same length or shorter, whitespace collapsed)."""
    text = unicodedata.normalize("NFC", text).translate(_KEY_TABLE).lower()
    text = text.replace("เเ", "แ")
    text = _ABBREV_DOT_RE.sub("", text)  # สพร. / พ.ศ. -> สพร / พศ
    return _SPACE_RE.sub(" ", text).strip()


def compact_key(text: str) -> str:
    """The key without whitespace, so words the PDF split or glued still match."""
    return thai_key(text).replace(" ", "")


def match_key(text: str) -> str:
    """The compact key without thousands separators either: for substring tests on facts and numbers."""
    return _SPACE_RE.sub("", NUM_COMMA_RE.sub("", thai_key(text)))


@lru_cache(maxsize=4096)
def _char_key(ch: str) -> str:
    """Key of one character ("" for spaces, dots and marks the key drops)."""
    if ch.isspace() or ch in ".\u200b\u00ad":
        return ""
    return thai_key(ch)


def name_key_offsets(text: str) -> tuple[str, list[int]]:
    """:func:`name_key` of ``text`` and each key character's offset in ``text`` (to cut the original span)."""
    text = text.replace("เเ", "แ ")  # keep offsets: the doubled sara e folds to one char plus a space
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        for k in _char_key(ch):
            chars.append(k)
            offsets.append(i)
    return "".join(chars), offsets


def name_key(text: str) -> str:
    """The compact key with every dot dropped too (``ก.พ.ร.``, ``สพร``): names and abbreviations compare equal."""
    return name_key_offsets(text)[0]


@lru_cache(maxsize=1)
def _keyed_dictionary() -> Trie:
    """pythainlp's word list folded to keys, so newmm segments keyed text at real word boundaries."""
    from pythainlp.corpus import provinces, thai_words

    words = {thai_key(w) for w in thai_words() if len(w) > 1}
    words |= {thai_key(str(p)) for p in provinces()}  # place names decide which office a notice is from
    return Trie(words)


@lru_cache(maxsize=1)
def stop_keys() -> frozenset[str]:
    """PyThaiNLP's Thai stop words on the matching key: words that name nothing (question words, particles)."""
    from pythainlp.corpus import thai_stopwords

    return frozenset(thai_key(w) for w in thai_stopwords())


def key_tokens(text: str) -> list[str]:
    """Tokens for BM25: the text's key segmented by newmm against the keyed dictionary."""
    return list(_key_tokens(text))


@lru_cache(maxsize=65536)  # answering re-reads the same passages (top hits, their sentences) for every question;
# the whole core corpus cut in sentences (~5,400, about 16 MB) fits, so a warm server tokenises each passage once
def _key_tokens(text: str) -> tuple[str, ...]:
    from pythainlp.tokenize import word_tokenize

    key = thai_key(text)
    tokens = word_tokenize(key, custom_dict=_keyed_dictionary(), engine="newmm", keep_whitespace=False)
    return tuple(t for t in (tok.strip() for tok in tokens) if t and _TOKEN_OK_RE.search(t))


# A consonant (optionally with a vowel mark) silenced by thanthakhat: casual typing often drops it
# (เปอร์เซ็นต์ typed เปอเซ็น, เบอร์ typed เบอ).
_SILENT_RE = re.compile(r"[\u0e01-\u0e2e][\u0e34\u0e38]?\u0e4c")
_NGRAM_RUN_RE = re.compile(r"[0-9a-z\u0e01-\u0e5b]+")


def loose_key(text: str) -> str:
    """The key with silent letters dropped too: tolerant of how people type, not only of PDF damage."""
    return thai_key(_SILENT_RE.sub("", unicodedata.normalize("NFC", text)))


def key_ngrams(text: str, n: int = 3) -> list[str]:
    """Character n-grams of the loose key, within each run of letters/digits (word boundaries ignored).

    A second BM25 field over these finds names the word dictionary does not know glued to other words
    ("แอปทางรัฐ") and typed with missing or wrong letters; runs shorter than ``n`` count whole.
    """
    grams: list[str] = []
    for run in _NGRAM_RUN_RE.findall(loose_key(text)):
        if len(run) <= n:
            grams.append(run)
        else:
            grams.extend(run[i : i + n] for i in range(len(run) - n + 1))
    return grams


_LOOSE_OPTIONAL = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c"


def loose_pattern(word: str) -> str:
    """Regex for a Thai word that still matches when its tone marks or vowels above/below were lost
    (and sara am written as sara aa): finds a heading or a name in damaged text to cut or highlight it."""
    out = [re.escape(ch) + ("?" if ch in _LOOSE_OPTIONAL else "") for ch in word]
    return "".join(out).replace("ำ", "[ำา]")


def toneless_pattern(word: str) -> str:
    """Regex for a word typed with or without its tone marks that finds it printed with or without them ("ลาน" and
    "ล้าน" both find "ล้าน"); its letters and vowels must match as written."""
    return "".join(re.escape(ch) + "[\u0e48-\u0e4b]?" for ch in strip_tones(word))
