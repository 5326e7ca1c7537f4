"""A gazetteer of Thai government agencies learned from the corpus itself, with abbreviation aliases.

Owners in the plan's project tables are flattened into running text, so the only reliable way to cut
an owner out of a sentence is to know which strings are agency names. Names are harvested from
whitespace-delimited tokens, numbered/bulleted list items and abbreviation definitions such as
``สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน) (สพร.)``; matching runs on a compact ``thai_key`` so a
mention that lost its tone marks or was split by a line wrap is still recognised.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from corpus.thai_text import name_key, name_key_offsets

# Heads that almost always start an agency name when they start a free-standing token.
STRONG_PREFIXES = ("สำนักงาน", "สำนัก", "กระทรวง", "กรม", "ธนาคาร", "องค์การ", "ศาล")
# Heads that also start ordinary nouns (ศูนย์กลาง, สถาบันการศึกษา): accepted only from lists/definitions.
WEAK_PREFIXES = ("สถาบัน", "ศูนย์", "องค์กร", "สมาคม", "กองทุน", "สภา", "มหาวิทยาลัย", "การ")
PREFIXES = STRONG_PREFIXES + WEAK_PREFIXES
PUBLIC_ORG = "(องค์การมหาชน)"

# Words that end a name when glued after it ("สำนักงบประมาณมีระบบ") or make a list item a sentence.
FUNCTION_WORDS = (
    "มี",
    "เป็น",
    "ได้",
    "ที่",
    "ซึ่ง",
    "จะ",
    "ให้",
    "โดย",
    "ของ",
    "กับ",
    "ร่วม",
    "จึง",
    "ต้อง",
    "ยัง",
    "ก็",
    "หรือ",
    "นั้น",
    "นี้",
    "ทำ",
    "ดำเนิน",
    "กำหนด",
    "ไม่",
    "แล้ว",
    "จัด",
    "ประกาศ",
    "ว่า",
    "ตาม",
    "เช่น",
    "ได้แก่",
    "อาทิ",
    "ใน",
    "เพื่อให้",
    "เพื่อเป็น",
    "ในการ",
    "สามารถ",
    "นำ",
    "รวม",
)
# Generic heads that look like names but denote a kind of body, not one agency.
GENERIC = {
    "สถาบันการศึกษา",
    "ศูนย์กลาง",
    "ศูนย์ข้อมูล",
    "สภาพ",
    "สภาวะ",
    "การท่องเที่ยว",
    "องค์กรปกครองส่วนท้องถิ่น",
    "สำนักงานใหญ่",
    "ศาลา",
    "กรมธรรม์",
    "สำนักงานฯ",
    "กรมฯ",
    "กระทรวงฯ",
    "องค์กร",
    "หน่วยงาน",
    "องค์การมหาชน",
    "องค์การระหว่างประเทศ",
    "สำนักงานคณะกรรมการ",
    "สำนักงานปลัดกระทรวง",
}
# Endings that show a token is a phrase, not a name ("กรมต่าง ๆ", "สำนักงานทางหลวงที่ 1").
BAD_ENDINGS = ("ที่", "ต่าง", "ต่างๆ", "นั้น", "นี้", "ทั้งหลาย", "ดังกล่าว")
# Qualifiers that make a longer name a branch of a shorter one, so the shorter one is still a name.
BRANCH_WORDS = ("จังหวัด", "ภาค", "เขต", "สาขา", "พื้นที่", "ประจำ")
# Glue words that may precede a name without a space ("และกระทรวงการคลัง", "โดยสำนักงาน ก.พ.").
GLUE_WORDS = (
    "ร่วมกับ", "ได้แก่", "และ", "โดย", "ให้", "ของ", "กับ", "จาก", "แก่", "ที่", "หรือ", "ในสังกัด", "อาทิ",
    "เช่น",
)  # fmt: skip
# Aliases the corpus uses but never defines in "(ABBR.)" form; DGA is how users name สพร. in English.
EXTRA_ALIASES: dict[str, set[str]] = {"สำนักงานพัฒนารัฐบาลดิจิทัล": {"DGA", "สพร."}}

_THAI = "\u0e01-\u0e4f"
_TOKEN_STRIP = "()[]{}“”\"'‘’•▪,;:–-"
_PREFIX_RE = re.compile("|".join(sorted(PREFIXES, key=len, reverse=True)))
_THAI_ABBR = rf"[{_THAI}]{{1,8}}\.(?:\s?[{_THAI}]{{1,4}}\.)*"
_ABBR_DEF_RE = re.compile(rf"\(\s*((?:สำนักงาน|กระทรวง|สถาบัน|กรม)\s)?({_THAI_ABBR})\s*\)")
_LATIN_DEF_RE = re.compile(
    rf"\(\s*(?:([A-Z][A-Za-z .&()-]{{4,90}}?)\s*:\s*)?"
    rf"((?:[{_THAI}]+\s)?[A-Z][A-Za-z]{{1,9}}(?: by [A-Z]+)?)\s*\)"
)
_LIST_ITEM_RE = re.compile(r"(?:(?<=\s)|^)(\d{1,2})\.\s+(?=\S)")
_BULLET_RE = re.compile(r"[•▪]")
_SPLIT_ABBR_RE = re.compile(rf"(?:สำนักงาน|กระทรวง|กรม)\s(?!พ\.ศ\.|ค\.ศ\.)(?:[{_THAI}]{{1,3}}\.){{1,4}}")


@dataclass(frozen=True)
class AgencyMention:
    """One agency name found in a span: offsets into that span, canonical name and boundary flags."""

    start: int
    end: int
    name: str
    surface: str
    left_bound: bool  # preceded by whitespace/punctuation (False: glued after a word such as "ของ")
    right_bound: bool  # followed by whitespace/punctuation (False: glued before "มี", "ได้", ...)
    glue: str = ""  # the glue word it is attached to on the left, if any ("และ", "โดย")


@dataclass
class Gazetteer:
    """Agency names (canonical surface -> aliases) and a longest-match recogniser over compact keys."""

    names: dict[str, set[str]] = field(default_factory=dict)
    _keys: dict[str, str] = field(default_factory=dict, repr=False)  # compact key -> canonical
    _alias_keys: dict[str, str] = field(default_factory=dict, repr=False)  # abbreviations: bounded only
    _lengths: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False)  # first 2 chars -> key lengths

    def __post_init__(self) -> None:
        self._reindex()

    def _reindex(self) -> None:
        """Rebuild the key tables after names or aliases changed."""
        self._keys.clear()
        self._alias_keys.clear()
        for name, aliases in self.names.items():
            self._keys.setdefault(name_key(name), name)
            for alias in aliases:
                key = name_key(alias)
                if len(key) >= 2:
                    self._alias_keys.setdefault(key, name)
        heads: dict[str, set[int]] = {}
        for k in (*self._keys, *self._alias_keys):
            if len(k) >= 2:
                heads.setdefault(k[:2], set()).add(len(k))
        # only lengths some key starting with these two characters has: a long question is scanned in
        # milliseconds, not by slicing every length at every position
        self._lengths = {head: tuple(sorted(ls, reverse=True)) for head, ls in heads.items()}

    def add(self, name: str, aliases: Iterable[str] = ()) -> None:
        """Register a name (and aliases) by hand, e.g. in tests."""
        self.names.setdefault(name, set()).update(aliases)
        self._reindex()

    def canonical(self, text: str) -> str | None:
        """The canonical agency a whole string names (a full name or a known alias), else None."""
        key = name_key(text)
        return self._keys.get(key) or self._alias_keys.get(key)

    def resolve(self, query: str) -> set[str]:
        """Canonical agencies a user query may mean: exact name/alias, else names containing it."""
        hit = self.canonical(query)
        if hit:
            return {hit}
        key = name_key(query)
        if len(key) < 3:
            return set()
        return {name for k, name in self._keys.items() if key in k}

    def find(self, text: str) -> list[AgencyMention]:
        """All agency mentions in ``text``, left to right, longest match first, non-overlapping."""
        key, offsets = name_key_offsets(text)
        mentions: list[AgencyMention] = []
        i = 0
        while i < len(key):
            hit = self._longest_at(key, i, offsets, text)
            if hit is None:
                i += 1
                continue
            length, name = hit
            start = offsets[i]
            end = _absorb_marks(text, offsets[i + length - 1] + 1)
            end = _absorb_suffix(text, end)
            mentions.append(_mention(text, start, end, name))
            while i < len(key) and offsets[i] < end:
                i += 1
        return mentions

    def _longest_at(self, key: str, i: int, offsets: list[int], text: str) -> tuple[int, str] | None:
        """Longest name (or bounded alias) whose key starts at compact position ``i``."""
        for length in self._lengths.get(key[i : i + 2], ()):
            if length > len(key) - i:
                continue
            piece = key[i : i + length]
            name = self._keys.get(piece)
            if name is None:
                name = self._alias_keys.get(piece)
                if name is None:
                    continue
                start, end = offsets[i], _absorb_marks(text, offsets[i + length - 1] + 1)
                end = _absorb_dot(text, end)
                left = _bounded_left(text, start) or _glued_after_word(text, start)
                if not (left and _bounded_right(text, end)):
                    continue
            return length, name
        return None

    def to_json(self) -> dict[str, list[str]]:
        """Plain JSON form (canonical -> sorted aliases) for saving with the registry."""
        return {name: sorted(aliases) for name, aliases in sorted(self.names.items())}

    @classmethod
    def from_json(cls, data: dict[str, list[str]]) -> Gazetteer:
        """Inverse of :meth:`to_json`."""
        return cls({name: set(aliases) for name, aliases in data.items()})


def _absorb_marks(text: str, end: int) -> int:
    """Include the vowels/tone marks after a name's last consonant that the key dropped ("ชาติ")."""
    while end < len(text) and unicodedata.category(text[end]) == "Mn":
        end += 1
    return end


def _absorb_dot(text: str, end: int) -> int:
    """Include a trailing abbreviation dot that name_key_offsets() skipped ("สพร" -> "สพร.")."""
    return end + 1 if end < len(text) and text[end] == "." else end


def _absorb_suffix(text: str, end: int) -> int:
    """Extend a mention over a trailing "(องค์การมหาชน)" and an abbreviation dot."""
    end = _absorb_dot(text, end)
    rest = text[end:]
    stripped = rest.lstrip()
    if stripped.startswith(PUBLIC_ORG):
        return end + (len(rest) - len(stripped)) + len(PUBLIC_ORG)
    return end


def _bounded_left(text: str, start: int) -> bool:
    """True when nothing Thai/Latin is glued on the left of ``start``."""
    return start == 0 or not _is_word_char(text[start - 1])


def _bounded_right(text: str, end: int) -> bool:
    """True when nothing Thai/Latin is glued on the right of ``end``."""
    return end >= len(text) or not _is_word_char(text[end])


def _is_word_char(ch: str) -> bool:
    """Thai letters/marks and ASCII letters/digits count as word characters."""
    return ch.isalnum() or "\u0e01" <= ch <= "\u0e5b"


def _mention(text: str, start: int, end: int, name: str) -> AgencyMention:
    """Build a mention, noting a glue word ("และ", "โดย") it is attached to on the left."""
    left = _bounded_left(text, start)
    glue = ""
    if not left:
        before = text[max(0, start - 8) : start]
        for word in GLUE_WORDS:
            if before.endswith(word) and _bounded_left(text, start - len(word)):
                glue = word
                break
    return AgencyMention(start, end, name, text[start:end], left, _bounded_right(text, end), glue)


# --------------------------------------------------------------------------- harvesting from the corpus


def _valid_name(name: str, *, strong_only: bool) -> bool:
    """Whether a harvested string looks like one agency's name."""
    prefixes = STRONG_PREFIXES if strong_only else PREFIXES
    if not name.startswith(prefixes) or name in GENERIC or "ฯ" in name:
        return False
    if name.startswith("การ") and not name.endswith("แห่งประเทศไทย"):
        return False
    if name.startswith("สภา") and name.startswith(("สภาพ", "สภาวะ")):
        return False
    name = name.removesuffix("(ประเทศไทย)")  # "องค์กรต่อต้านคอร์รัปชัน (ประเทศไทย)" is a real name
    if any(ch.isdigit() or (ch.isascii() and ch.isalpha()) or ch in "()" for ch in name):
        return False
    if not 6 <= len(name) <= 90 or name.endswith(BAD_ENDINGS):
        return False
    return not any(name == p for p in PREFIXES)


def _strip_glue(token: str) -> str:
    """Drop a glue word stuck on the left of a name token ("และกระทรวงการคลัง")."""
    for word in GLUE_WORDS:
        if token.startswith(word) and token[len(word) :].startswith(PREFIXES):
            return token[len(word) :]
    return token


def _standalone_tokens(texts: Iterable[str]) -> Counter[str]:
    """Whitespace tokens that start with a strong agency head, counted over the corpus."""
    counts: Counter[str] = Counter()
    for text in texts:
        for raw in text.split():
            token = _strip_glue(raw.strip(_TOKEN_STRIP))
            if _valid_name(token, strong_only=True) and re.fullmatch(rf"[{_THAI}]+", token):
                counts[token] += 1
    return counts


def _prune_glued(counts: Counter[str]) -> set[str]:
    """Drop tokens that are a shorter name plus a glued function word ("สำนักงบประมาณมีระบบ")."""
    names = {t for t, n in counts.items() if n >= 2}
    keep = set(names)
    for token in names:
        for other in names:
            if other != token and token.startswith(other) and token[len(other) :].startswith(FUNCTION_WORDS):
                keep.discard(token)
                break
    return keep


def _name_before(text: str, pos: int) -> str | None:
    """The agency name ending right before ``pos`` (an opening parenthesis), if one starts nearby."""
    window_start = max(0, pos - 110)
    before = text[window_start:pos].rstrip()
    if before.endswith(PUBLIC_ORG):
        before = before[: -len(PUBLIC_ORG)].rstrip()
    best: str | None = None
    for m in _PREFIX_RE.finditer(before):
        start = m.start()
        if not (_bounded_left(before, start) or _glued_after_word(before, start)):
            continue
        candidate = re.sub(r"\s+", " ", before[start:]).strip()
        if candidate.count(" ") <= 3 and _valid_name(candidate.replace(" ", ""), strong_only=False):
            best = candidate
    return best  # canonical names omit "(องค์การมหาชน)"; matching absorbs the suffix


def _glued_after_word(text: str, start: int) -> bool:
    """True when a glue word sits between a boundary and ``start`` ("ให้สำนักงาน…")."""
    return any(text[:start].endswith(word) and _bounded_left(text, start - len(word)) for word in GLUE_WORDS)


def _definitions(texts: Iterable[str]) -> Iterable[tuple[str, str]]:
    """(name, alias) pairs from "<name> (ABBR.)" and "<name> (English Name: ABBR)" patterns."""
    for text in texts:
        for m in _ABBR_DEF_RE.finditer(text):
            name = _name_before(text, m.start())
            if name:
                yield name, ((m.group(1) or "") + m.group(2)).strip()
        for m in _LATIN_DEF_RE.finditer(text):
            name = _name_before(text, m.start())
            if name:
                if m.group(1):
                    yield name, m.group(1).strip()
                yield name, m.group(2).strip()


def _list_items(texts: Iterable[str]) -> Iterable[str]:
    """Short numbered or bulleted list items that start with an agency head (owner lists, contacts)."""
    for text in texts:
        marks = list(_LIST_ITEM_RE.finditer(text))
        for prev, cur, nxt in zip([None, *marks], marks, [*marks[1:], None], strict=False):
            if nxt is not None and int(nxt.group(1)) == int(cur.group(1)) + 1:
                if nxt.start() - cur.end() <= 90:
                    yield text[cur.end() : nxt.start()].strip()
            elif prev is not None and int(cur.group(1)) == int(prev.group(1)) + 1:
                # the last item runs on into the next column: only its first token can be a name
                yield text[cur.end() :].split(None, 1)[0] if text[cur.end() :].strip() else ""
        pieces = _BULLET_RE.split(text)
        for piece in pieces[1:-1]:
            if len(piece) <= 90:
                yield piece.strip()


def _list_item_name(item: str) -> str | None:
    """An item that is nothing but an agency name (words of a sentence disqualify it)."""
    item = re.sub(r"\s+", " ", item).strip(" ,")
    if item.endswith(PUBLIC_ORG):
        item = item[: -len(PUBLIC_ORG)].strip()
    if not _valid_name(item.replace(" ", ""), strong_only=False) or item.count(" ") > 3:
        return None
    words = item.split(" ")
    words = [w for w in words if w != "(ประเทศไทย)"]
    if any(w.startswith(FUNCTION_WORDS) or not re.fullmatch(rf"[{_THAI}]+", w) for w in words[1:]):
        return None
    return item


def learn_aliases(texts: Iterable[str]) -> dict[str, set[str]]:
    """Abbreviations and English names the corpus defines for agencies (canonical -> aliases)."""
    aliases: dict[str, set[str]] = defaultdict(set)
    for name, alias in _definitions(texts):
        aliases[_canonical_surface(name)].add(alias)
    for name, extra in EXTRA_ALIASES.items():
        aliases[name].update(extra)
    return dict(aliases)


def _canonical_surface(name: str) -> str:
    """Remove line-wrap spaces inside Thai words; keep spaces before Latin or dotted abbreviations."""
    return re.sub(rf"(?<=[{_THAI}]) (?=[{_THAI}])(?![{_THAI}]{{1,4}}\.)", "", name)


def _prune_truncated(names: set[str]) -> set[str]:
    """Drop names cut short by a line wrap: proper prefixes of a longer name that is not a branch."""
    keys = {name_key(n): n for n in names}
    keep = set(names)
    for key, name in keys.items():
        for other in keys:
            rest = other[len(key) :]
            if other != key and other.startswith(key) and not rest.startswith((*PREFIXES, *BRANCH_WORDS)):
                keep.discard(name)
                break
    return keep


def _is_extension(name: str, known: set[str]) -> bool:
    """True when ``name`` is a known name with sentence words glued after it (harvest noise)."""
    key = name_key(name)
    for other in known:
        other_key = name_key(other)
        if key != other_key and key.startswith(other_key) and not key[len(other_key) :].startswith(PREFIXES):
            return True
    return False


def build_gazetteer(texts: Iterable[str]) -> Gazetteer:
    """Harvest agency names and aliases from the repaired texts of all corpus documents."""
    texts = list(texts)
    surfaces: Counter[str] = Counter()
    tokens = _standalone_tokens(texts)
    for token in _prune_glued(tokens):
        surfaces[token] += tokens[token]
    for item in _list_items(texts):
        name = _list_item_name(item)
        if name:
            surfaces[name] += 1
    for text in texts:
        for m in _SPLIT_ABBR_RE.finditer(text):
            surfaces[m.group(0)] += 1
    corpus = "\n".join(texts)
    for surface in list(surfaces):
        unwrapped = _canonical_surface(surface)
        if unwrapped != surface and unwrapped in corpus:
            surfaces[unwrapped] += surfaces[surface]
    known = _prune_truncated(set(surfaces))
    aliases = {
        name: alias_set
        for name, alias_set in learn_aliases(texts).items()
        if name in EXTRA_ALIASES or not _is_extension(name, known)
    }
    for name in aliases:
        surfaces[name] += 1
    known |= set(aliases)
    known |= {"กระทรวง" + n[len("สำนักงานปลัดกระทรวง") :] for n in known if n.startswith("สำนักงานปลัดกระทรวง")}
    alias_keys = {name_key(a) for alias_set in aliases.values() for a in alias_set}
    known = {n for n in known if name_key(n) not in alias_keys}
    # One canonical surface per compact key: the most frequent in the corpus, then the fewest spaces.
    by_key: dict[str, list[str]] = defaultdict(list)
    for surface in known:
        by_key[name_key(surface)].append(surface)
    canon: dict[str, str] = {
        key: max(forms, key=lambda s: (corpus.count(s), -s.count(" "))) for key, forms in by_key.items()
    }
    names: dict[str, set[str]] = {name: set() for name in canon.values()}
    for name, alias_set in aliases.items():
        names[canon[name_key(name)]].update(alias_set)
    return Gazetteer(names)
