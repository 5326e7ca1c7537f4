"""A damage-insensitive matching key for Thai text, and BM25 tokens computed on it.

The key drops what PDF extraction loses most often (tone marks, vowels above/below, thanthakhat,
the nikhahit of sara am) and unifies digits and case, so ``หนวยงาน`` matches ``หน่วยงาน`` and
``๒๕๖๖`` matches ``2566``. The same key serves the BM25 index, query matching and eval scoring.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pythainlp.util import Trie

from corpus.thai_repair import PUA_MAP, THAI_DIGIT_MAP

_DROP = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
_KEY_TABLE = str.maketrans(
    {
        **{k: (None if v in _DROP else v) for k, v in PUA_MAP.items()},
        **{c: None for c in _DROP},
        "\u0e33": "\u0e32",  # sara am -> sara aa (extraction often loses the nikhahit)
        **THAI_DIGIT_MAP,  # Thai digits -> Arabic
        "\u200b": None,
        "\u00ad": None,
    }
)
_SPACE_RE = re.compile(r"\s+")
_ABBREV_DOT_RE = re.compile(r"(?<=[\u0e01-\u0e2e])\.")
_TOKEN_OK_RE = re.compile(r"[0-9a-z\u0e01-\u0e5b]")


def thai_key(text: str) -> str:
    """Fold text to its damage-insensitive key (same length or shorter, whitespace collapsed)."""
    text = unicodedata.normalize("NFC", text).translate(_KEY_TABLE).lower()
    text = text.replace("เเ", "แ")
    text = _ABBREV_DOT_RE.sub("", text)  # สพร. / พ.ศ. -> สพร / พศ
    return _SPACE_RE.sub(" ", text).strip()


@lru_cache(maxsize=1)
def _keyed_dictionary() -> Trie:
    """pythainlp's word list folded to keys, so newmm segments keyed text at real word boundaries."""
    from pythainlp.corpus import provinces, thai_words

    words = {thai_key(w) for w in thai_words() if len(w) > 1}
    words |= {thai_key(str(p)) for p in provinces()}  # place names decide which office a notice is from
    return Trie(words)


def key_tokens(text: str) -> list[str]:
    """Tokens for BM25: the text's key segmented by newmm against the keyed dictionary."""
    return list(_key_tokens(text))


@lru_cache(maxsize=4096)  # answering re-reads the same passages (top hits, their sentences) for every question
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
