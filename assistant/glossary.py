"""The curated English→Thai glossary and abbreviation table, loaded once from ``assistant/data/glossary.yaml``.

Knowledge lives in the data file (one source note per entry); this module only validates and caches it.
Aliases the corpus does define ("สำนักงานพัฒนารัฐบาลดิจิทัล (สพร.)") are learned at ingest instead.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import yaml
from pydantic import BaseModel, Field, field_validator

from corpus.thai_text import thai_key

GLOSSARY_PATH = Path(__file__).with_name("data") / "glossary.yaml"


class GlossaryEntry(BaseModel):
    """An English phrase and the Thai wording the documents use for it."""

    en: str
    th: str
    source: str = Field(min_length=3)

    @field_validator("en")
    @classmethod
    def _lower(cls, v: str) -> str:
        return v.strip().lower()


class Abbreviation(BaseModel):
    """A short form in common use that the corpus uses without defining."""

    short: str
    full: list[str] = Field(min_length=1)
    source: str = Field(min_length=3)


class OfficeKind(BaseModel):
    """The opening words of a local office's Thai name; what follows is a place name, written in English by
    its sound ("เทศบาลตำบลกระสัง" is "Krasang Subdistrict Municipality")."""

    th: str
    source: str = Field(min_length=3)


class Misspelling(BaseModel):
    """Everyday misspellings of a word and its standard spelling, which the documents print."""

    right: str
    wrong: list[str] = Field(min_length=1)
    source: str = Field(min_length=3)


class EverydayWord(BaseModel):
    """A word of everyday Thai and the formal wording the laws and notices print for it ("เซ็น" → ลงนาม)."""

    word: str
    formal: list[str] = Field(min_length=1)
    source: str = Field(min_length=3)


class Glossary(BaseModel):
    """The whole data file."""

    en_to_th: list[GlossaryEntry]
    en_words: list[GlossaryEntry] = []  # general words: lexical query and span choice, not the dense query
    abbreviations: list[Abbreviation]
    local_offices: list[OfficeKind] = []
    misspellings: list[Misspelling] = []
    everyday_words: list[EverydayWord] = []  # added to the lexical query beside the word, never in its place

    @property
    def english(self) -> dict[str, str]:
        """English phrase (lower case) -> Thai wording, names and general words alike."""
        return {e.en: e.th for e in [*self.en_to_th, *self.en_words]}

    @property
    def general_words(self) -> frozenset[str]:
        """The English phrases that are general words rather than names."""
        return frozenset(e.en for e in self.en_words)

    @property
    def short_forms(self) -> dict[str, list[str]]:
        """Short form -> full names."""
        return {a.short: a.full for a in self.abbreviations}

    @property
    def word_short_forms(self) -> dict[str, str]:
        """Dotted Thai short forms of a general word ("คกก." → คณะกรรมการ, "สนง." → สำนักงาน): the entries noted
        "general usage" with one full form. People glue them to the name they start ("คกก.พัฒนารัฐบาลดิจิทัล").
        A word cut short with ไปยาลน้อย ("เลขาฯ") is one too."""
        return {
            a.short: a.full[0]
            for a in self.abbreviations
            if a.source.startswith("general usage")
            and len(a.full) == 1
            and ("." in a.short or a.short.endswith(_PAIYANNOI))
            and not a.short.isascii()
        }


_THAI_LETTER = "\u0e01-\u0e4e"
_PAIYANNOI = "ฯ"  # marks a word written short (Royal Institute: เลขาฯ, นายกฯ)


def spell_out_short_forms(text: str) -> str:
    """Text with each dotted Thai short form of a general word written in full ("คกก.พัฒนา…" → "คณะกรรมการพัฒนา…"),
    so a name it starts reads as the documents print it."""
    found = _short_forms()
    if found is None:
        return text
    pattern, forms = found
    return pattern.sub(lambda m: forms[m.group(0)], text)


@lru_cache(maxsize=1)
def _short_forms() -> tuple[re.Pattern[str], dict[str, str]] | None:
    """The short forms' pattern (longest first, not inside a Thai word) and their full forms, built once."""
    forms = load_glossary().word_short_forms
    if not forms:
        return None
    ordered = sorted(forms, key=len, reverse=True)
    dotted = "|".join(re.escape(s) for s in ordered if not s.endswith(_PAIYANNOI))
    # a ไปยาลน้อย form ends a word written short; Thai glues it to the word before ("ใครเป็นเลขาฯ")
    cut = "|".join(re.escape(s) for s in ordered if s.endswith(_PAIYANNOI))
    parts = [f"(?<![{_THAI_LETTER}])(?:{dotted})" if dotted else "", f"(?:{cut})" if cut else ""]
    return re.compile("|".join(p for p in parts if p)), forms


def correct_spelling(text: str) -> str:
    """Text with everyday misspellings of the glossary's words in their standard spelling ("ดิจิตอล" → ดิจิทัล)."""
    found = _misspellings()
    return found[0].sub(lambda m: found[1][m.group(0)], text) if found is not None else text


@lru_cache(maxsize=1)
def _misspellings() -> tuple[re.Pattern[str], dict[str, str]] | None:
    """The misspellings' pattern (longest first) and each one's standard spelling, built once."""
    right = {w: m.right for m in load_glossary().misspellings for w in m.wrong}
    if not right:
        return None
    return re.compile("|".join(re.escape(w) for w in sorted(right, key=len, reverse=True))), right


@lru_cache(maxsize=4)
def load_glossary(path: Path = GLOSSARY_PATH) -> Glossary:
    """Read and validate the glossary once per path."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Glossary.model_validate(data)


def formal_wording(text: str) -> list[str]:
    """The formal wording of the everyday words the text uses: a short word only as a whole word or two of it
    (pythainlp's newmm words: "เซ็น" → ลงนาม, not inside "เปอร์เซ็นต์"); a phrase ("แจ้งย้าย") anywhere in it."""
    return list(_formal_wording(text))


@lru_cache(maxsize=1024)  # a question is rewritten once but asked for its formal words twice (expansions, dense query)
def _formal_wording(text: str) -> tuple[str, ...]:
    from pythainlp.tokenize import word_tokenize

    words = [thai_key(w) for w in word_tokenize(text, engine="newmm", keep_whitespace=False)]
    found = set(words) | {a + b for a, b in pairwise(words)}
    key = thai_key(text)
    return tuple(
        f
        for word, formal in _everyday().items()
        if word in found or (len(word) >= _PHRASE_CHARS and word in key)
        for f in formal
    )


_PHRASE_CHARS = 6  # keyed characters of an everyday phrase too long to sit by chance inside another word


@lru_cache(maxsize=1)
def _everyday() -> dict[str, list[str]]:
    return {thai_key(w.word): w.formal for w in load_glossary().everyday_words}
