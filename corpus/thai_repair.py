"""Undo the damage Thai PDF extraction does to text, counting each kind of fix.

Kept separate from loading so it can be tested on small snippets and reused on user questions.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from pythainlp.util import remove_repeat_vowels, remove_spaces_before_marks, remove_zw, thai_digit_to_arabic_digit

# Legacy Thai fonts (Adobe/Microsoft "shifted" glyphs) put positional variants of marks in the
# Private Use Area. Each maps back to the one standard Thai character it stands for.
PUA_MAP: dict[str, str] = {
    "\uf700": "ฐ",  # tho than without descender
    "\uf701": "ิ",
    "\uf702": "ี",
    "\uf703": "ึ",
    "\uf704": "ื",
    "\uf705": "่",
    "\uf706": "้",
    "\uf707": "๊",
    "\uf708": "๋",
    "\uf709": "์",
    "\uf70a": "่",
    "\uf70b": "้",
    "\uf70c": "๊",
    "\uf70d": "๋",
    "\uf70e": "์",
    "\uf70f": "ญ",  # yo ying without descender
    "\uf710": "ั",
    "\uf711": "ํ",
    "\uf712": "็",
    "\uf713": "่",
    "\uf714": "้",
    "\uf715": "๊",
    "\uf716": "๋",
    "\uf717": "์",
    "\uf718": "ุ",
    "\uf719": "ู",
    "\uf71a": "ฺ",
    "\uf71b": "ฎ",  # do chada without descender (seen in some fonts)
    "\uf71c": "ฏ",
    "\uf71d": "ฬ",  # lo chula without tail: the plan has "นา\uf71dิกา" for นาฬิกา
}
_PUA_TABLE = str.maketrans(PUA_MAP)
_PUA_RE = re.compile("[\uf700-\uf71d]")
_ANY_PUA_RE = re.compile("[\ue000-\uf8ff]")

# Nikhahit + sara aa (ํา), optionally with a tone mark between (ํ่า), is how extraction splits sara am.
_SARA_AM_RE = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")
# A tone mark typed before nikhahit in sara am ("่ํา") is normalised to consonant+tone+am.
_SARA_AM_TONE_FIRST_RE = re.compile("([\u0e48-\u0e4b])\u0e4d\u0e32")
# The same combining mark twice in a row ("พิิ", "ร่่") never occurs in real Thai.
_DOUBLED_MARK_RE = re.compile("([\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])\\1+")

# URLs and e-mail addresses broken by spaces around their punctuation: "www . rd . go . th / x".
_URL_START_RE = re.compile(
    r"(?:https?\s*:\s*/\s*/\s*)?www\s*\.|https?\s*:\s*/\s*/|[A-Za-z0-9._-]+\s*@\s*[A-Za-z0-9-]"
    # a bare host under a Thai second-level domain: "ska . dlt . go . th", "( Data . go . th )"
    r"|\b[A-Za-z0-9-]+(?:[ \t]*\.[ \t]*[A-Za-z0-9-]+)*?"
    r"[ \t]*\.[ \t]*(?:go|or|ac|co|in|mi|net)[ \t]*\.[ \t]*th\b"
)
_URL_PIECE_RE = re.compile(r"[A-Za-z0-9%?=&#~+_-]+")
_GLUE_RE = re.compile(r"\s*([./@]|-(?=\s*[A-Za-z0-9]))\s*")
_SPLIT_FRAGMENT_RE = re.compile(r" (?=[a-z]{1,2} ?\. ?[a-z])")
_PHONE_AFTER_RE = re.compile(r"\s*/\s+\d+(?:\s+\d+)+")


@dataclass
class RepairReport:
    """How many fixes of each kind one repair pass made."""

    counts: Counter[str] = field(default_factory=Counter)

    def add(self, other: RepairReport) -> None:
        self.counts.update(other.counts)


# cp1252 punctuation that PDF extraction left as C1 control characters (\x93 “ \x94 ” \x96 –).
_C1_TABLE = str.maketrans(
    {chr(i): bytes([i]).decode("cp1252", errors="ignore") or " " for i in range(0x80, 0xA0)}
)
_C1_RE = re.compile("[\x80-\x9f]")


def map_c1_controls(text: str, report: RepairReport | None = None) -> str:
    """Turn stray C1 control characters into the cp1252 punctuation they encode."""
    if report is not None:
        report.counts["c1_controls"] += len(_C1_RE.findall(text))
    return text.translate(_C1_TABLE)


def map_private_use(text: str, report: RepairReport | None = None) -> str:
    """Replace legacy-font Private Use Area glyphs by the Thai characters they draw."""
    if report is not None:
        report.counts["pua_glyphs"] += len(_PUA_RE.findall(text))
    return text.translate(_PUA_TABLE)


def compose_sara_am(text: str, report: RepairReport | None = None) -> str:
    """Turn decomposed sara am (ํา, ่ํา) into the single character ำ."""
    n1 = len(_SARA_AM_RE.findall(text))
    text = _SARA_AM_RE.sub(lambda m: m.group(1) + "\u0e33", text)
    n2 = len(_SARA_AM_TONE_FIRST_RE.findall(text))
    text = _SARA_AM_TONE_FIRST_RE.sub(lambda m: m.group(1) + "\u0e33", text)
    if report is not None:
        report.counts["sara_am"] += n1 + n2
    return text


# Dropped sara am: some PDFs lose the whole ำ and leave า ("คาขอ", "สานักงาน", "กาหนด" for คำขอ, สำนักงาน,
# กำหนด). pythainlp's word list decides: a run of tokens is restored only when it spells a dictionary word with
# ำ once า is put back, and is not itself a dictionary word.
_THAI_RUN_RE = re.compile("[\u0e01-\u0e4e]+")
# Spellings with า that are real words although the dictionary lacks them (a repair would be wrong).
_KNOWN_WORDS_WITH_AA = frozenset(
    {
        "อิศริยาภรณ์",  # archaic spelling of อิสริยาภรณ์ in the Royal Decorations Acts of the Fifth Reign
    }
)
_MAX_WINDOW = 3  # newmm splits a damaged word into at most three dictionary pieces (สา|นัก|งาน)


@cache
def _dropped_am_table() -> dict[str, str]:
    """Damaged spelling → dictionary word, for words with one ำ whose damaged spelling is not a word itself.

    Words whose ำ carries a tone mark (ค่ำ, ช้ำ) are left out: their damaged syllables (ค่า, ช้า) are everyday
    words, so "ค่าคืน" or "ช้าใน" would be "repaired" wrongly.
    """
    from pythainlp.corpus import thai_words

    words = thai_words()
    table = {}
    for word in words:
        if word.count("\u0e33") == 1 and not re.search("[\u0e48-\u0e4b]\u0e33", word):
            damaged = word.replace("\u0e33", "\u0e32")
            if len(damaged) >= 3 and damaged not in words:
                table[damaged] = word
    return table


def _trie_regex(words: list[str]) -> str:
    """A regex matching any of ``words``, factored as a trie (a flat alternation of thousands is slow)."""
    trie: dict[str, dict] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = [re.escape(ch) + render(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return render(trie)


@cache
def _dropped_am_pattern() -> re.Pattern[str]:
    """One regex that finds any damaged spelling (a cheap filter before the tokeniser runs)."""
    return re.compile(_trie_regex(list(_dropped_am_table())))


def _restore_run(run: str) -> tuple[str, int]:
    from pythainlp.tokenize import word_tokenize

    table = _dropped_am_table()
    tokens = word_tokenize(run, engine="newmm", keep_whitespace=True)
    out: list[str] = []
    fixed = i = 0
    while i < len(tokens):
        for n in range(min(_MAX_WINDOW, len(tokens) - i), 0, -1):
            joined = "".join(tokens[i : i + n])
            if joined in table:
                out.append(table[joined])
                fixed += 1
                i += n
                break
        else:
            out.append(tokens[i])
            i += 1
    return "".join(out), fixed


def restore_dropped_sara_am(text: str, report: RepairReport | None = None) -> str:
    """Put back a sara am the PDF dropped entirely ("ยื่นคาขอ" → "ยื่นคำขอ"), only where the dictionary agrees."""
    pattern = _dropped_am_pattern()
    fixed = 0

    def one(m: re.Match[str]) -> str:
        nonlocal fixed
        run = m.group(0)
        if not pattern.search(run) or any(w in run for w in _KNOWN_WORDS_WITH_AA):
            return run
        repaired, n = _restore_run(run)
        fixed += n
        return repaired

    text = _THAI_RUN_RE.sub(one, text)
    if report is not None:
        report.counts["dropped_sara_am"] += fixed
    return text


def drop_doubled_marks(text: str, report: RepairReport | None = None) -> str:
    """Remove repeated vowels, tone marks and signs (เเ, ิิ, ่่) using pythainlp's rules."""
    before = len(text)
    text = _DOUBLED_MARK_RE.sub(r"\1", text)
    text = remove_repeat_vowels(remove_spaces_before_marks(remove_zw(text)))
    if report is not None:
        report.counts["doubled_marks"] += before - len(text)
    return text


def rejoin_urls(text: str, report: RepairReport | None = None) -> str:
    """Glue back web addresses and e-mails that extraction split with spaces."""
    out: list[str] = []
    pos = 0
    fixed = 0
    for start, end in _address_spans(text):
        original = text[start:end]
        joined = re.sub(r"\s+", "", original)
        if joined != original:
            fixed += 1
        out.append(text[pos:start])
        out.append(joined)
        pos = end
    out.append(text[pos:])
    if report is not None:
        report.counts["split_urls"] += fixed
    return "".join(out)


# The twelve Thai month names (Royal Institute spelling), as dates are printed: a regex alternation.
THAI_MONTH = "มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|ตุลาคม|พฤศจิกายน|ธันวาคม"
# Their abbreviations as the Royal Institute prints them ("22 มิ.ย. 2565"), in month order.
THAI_MONTH_ABBREVIATIONS = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)
# Dates the PDF split with spaces inside a number or a month name: "พ.ศ. 25 6 6", "วันที่ 2 0 มีนาคม", "27 มกรา คม"
# (Royal Gazette notices' "ประกาศ ณ วันที่ …" lines). A year after พ.ศ./ค.ศ. is four digits, a day at most 31.
_DIGIT = "[0-9๐-๙]"
_SPLIT_YEAR_RE = re.compile(rf"((?:พ|ค)\.\s?ศ\.\s?)({_DIGIT}(?: ?{_DIGIT}){{3}})(?! ?{_DIGIT})")
_SPLIT_DAY_RE = re.compile(rf"(วัน\s?ที่\s*)({_DIGIT}) ({_DIGIT})(?=\s*(?:{THAI_MONTH}))")
_SPLIT_MONTH_RE = re.compile(
    "|".join(f"{m[:i]} {m[i:]}" for m in THAI_MONTH.split("|") for i in range(2, len(m) - 1))
    + rf"(?=\s*(?:พ\.|{_DIGIT}))"
)


def rejoin_split_dates(text: str, report: RepairReport | None = None) -> str:
    """Close the gaps extraction left inside a date's year, day or month name."""
    fixed = 0

    def year(m: re.Match[str]) -> str:
        nonlocal fixed
        joined = m.group(2).replace(" ", "")
        fixed += joined != m.group(2)
        return m.group(1) + joined

    def day(m: re.Match[str]) -> str:
        nonlocal fixed
        if int(thai_digit_to_arabic_digit(m.group(2) + m.group(3))) > 31:
            return m.group(0)
        fixed += 1
        return m.group(1) + m.group(2) + m.group(3)

    def month(m: re.Match[str]) -> str:
        nonlocal fixed
        fixed += 1
        return m.group(0).replace(" ", "")

    text = _SPLIT_MONTH_RE.sub(month, _SPLIT_DAY_RE.sub(day, _SPLIT_YEAR_RE.sub(year, text)))
    if report is not None:
        report.counts["split_dates"] += fixed
    return text


def _address_spans(text: str) -> list[tuple[int, int]]:
    """Start and end offsets of every web address or e-mail, spaces inside included."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _URL_START_RE.finditer(text):
        if m.start() < pos:
            continue
        pos = _url_extent(text, m.start())
        spans.append((m.start(), pos))
    return spans


def _url_extent(text: str, start: int) -> int:
    """End offset of an address starting at ``start``: pieces joined by . / : @ - with spaces allowed."""
    pos = start
    # Consume the scheme and "www" prefix greedily, tolerating spaces.
    scheme = re.compile(r"https?\s*:\s*/\s*/\s*").match(text, pos)
    if scheme:
        pos = scheme.end()
    end = pos
    while True:
        piece = _URL_PIECE_RE.match(text, pos)
        if not piece:
            break
        end = piece.end()
        glue = _GLUE_RE.match(text, end)
        if not glue:
            # a fragment split off a host name by a lone space ("se c . or . th")
            frag = _SPLIT_FRAGMENT_RE.match(text, end)
            if not frag:
                break
            glue = frag
        nxt = _URL_PIECE_RE.match(text, glue.end())
        if nxt and glue.re is _GLUE_RE and glue.group(1) == "/" and _PHONE_AFTER_RE.match(text, glue.start()):
            nxt = None  # "th / 02 271 8591": a phone number in the next table cell, not a path
        if not nxt:
            # keep a trailing slash of a path ("www.x.go.th/") but not a sentence-ending period
            if glue.group(1) == "/":
                end = glue.start() + len(text[glue.start() : glue.end()].rstrip())
            break
        pos = glue.end()
    return end


def repair_text(text: str, report: RepairReport | None = None) -> str:
    """Apply every repair in a safe order: glyph mapping first, then composition, then de-duplication."""
    text = unicodedata.normalize("NFC", text)
    text = map_c1_controls(text, report)
    text = map_private_use(text, report)
    text = compose_sara_am(text, report)
    text = drop_doubled_marks(text, report)
    text = restore_dropped_sara_am(text, report)
    text = rejoin_urls(text, report)
    text = rejoin_split_dates(text, report)
    return text


def count_damage(text: str) -> Counter[str]:
    """Count the damage a text still carries (used for the before/after ingest report)."""
    return Counter(
        {
            "pua_glyphs": len(_ANY_PUA_RE.findall(text)),
            "sara_am": len(_SARA_AM_RE.findall(text)) + len(_SARA_AM_TONE_FIRST_RE.findall(text)),
            "doubled_marks": len(_DOUBLED_MARK_RE.findall(text)),
            "split_urls": sum(1 for start, end in _address_spans(text) if re.search(r"\s", text[start:end])),
            "split_dates": sum(1 for m in _SPLIT_YEAR_RE.finditer(text) if " " in m.group(2))
            + len(_SPLIT_DAY_RE.findall(text))
            + len(_SPLIT_MONTH_RE.findall(text)),
        }
    )
