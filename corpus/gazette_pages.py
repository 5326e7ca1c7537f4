"""Recover the page structure of Royal Gazette text and remove the running headers glued into it.

Two shapes occur in the corpus. Gazette extractions put each page in its own blank-line paragraph
that ends with the running header ``หน้า 14 เล่ม 140 ตอนพิเศษ 84 ง ราชกิจจานุเบกษา 10 เมษายน 2566``
(tone marks often displaced or missing). Long documents printed inside the gazette, like the plan,
end each page's paragraph with the document's own printed page number instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from corpus.document import RawPage
from corpus.thai_text import MARK_CLASS, arabic_digits

_MARK = MARK_CLASS  # a Thai above/below vowel, tone mark or sign, or the legacy-font PUA glyph drawing one
_DIGIT = "[0-9\u0e50-\u0e59]"

# Pieces of the header; each tolerates marks that extraction dropped, doubled, displaced or mapped to PUA.
_STRAY = rf"(?:(?<!\S){_MARK}+[ \t]*)?"  # a tone mark pushed out of หน้า/เล่ม, standing alone


def _page(tag: str) -> str:
    """``หน้า N``: the gazette page number, the one part of the header worth keeping."""
    return rf"{_STRAY}ห{_MARK}*น{_MARK}*า{_MARK}*\s*(?P<page{tag}>{_DIGIT}{{1,4}})"


def _volume(tag: str) -> str:
    """``เล่ม V``: the gazette volume (year of reign series)."""
    return rf"{_STRAY}เล{_MARK}*ม{_MARK}*\s*(?P<volume{tag}>{_DIGIT}{{1,4}})"


def _section(tag: str) -> str:
    """``ตอนพิเศษ S ง`` or ``ตอนที่ S ก``: issue number and category letter."""
    return (
        rf"ตอน(?:พ{_MARK}*เศษ|ท{_MARK}*)?\s*(?P<section{tag}>{_DIGIT}{{1,4}})\s*(?P<category{tag}>[กขคง])"
        rf"(?:\s*(?:ฉบับ)?พ{_MARK}*เศษ)?"
    )


def _date(tag: str) -> str:
    """``ราชกิจจานุเบกษา 10 เมษายน 2566``: the masthead and the issue date that close the header."""
    return (
        rf"ราชก{_MARK}*จจาน{_MARK}*เบกษา\s*(?P<day{tag}>{_DIGIT}{{1,2}})\s*"
        rf"(?P<month{tag}>[\u0e01-\u0e4e\uf700-\uf71d]{{4,12}})\s*(?P<year{tag}>{_DIGIT}{{4}})"
    )


# Python names each group once, so the two printed orders get suffixed group names.
HEADER_RE = re.compile(
    rf"{_page('')}\s*{_volume('')}\s*{_section('')}\s*{_date('')}"  # หน้า N เล่ม V ตอน S ง ราชกิจจานุเบกษา …
    rf"|{_volume('_b')}\s*{_section('_b')}\s*{_page('_b')}\s*{_date('_b')}"  # เล่ม V ตอน S ง หน้า N …
)

_PARAGRAPH_SPLIT_RE = re.compile(r"\n[ \t\u00a0]*\n\s*")
_TRAILING_NUMBER_RE = re.compile(rf"(?:^|\s)({_DIGIT}{{1,4}})\s*\Z")
_MIN_NUMBERED_PAGES = 3
_LOOKBACK = 40  # candidates examined when chaining page numbers; keeps the search linear


@dataclass(frozen=True)
class GazetteHeader:
    """One running header found in the text, with the gazette page number it carries."""

    start: int
    end: int
    page: int


@dataclass
class PageSplit:
    """Pages recovered from a text, how many running headers were cut out, and the gazette pages seen."""

    pages: list[RawPage]
    headers_removed: int = 0
    gazette_pages: list[int] = field(default_factory=list)
    numbered: bool = False  # True when pages came from trailing printed page numbers

    def metadata(self) -> dict[str, str]:
        """Metadata entries for the ingest report: the first gazette page and the full list."""
        if not self.gazette_pages:
            return {}
        return {
            "gazette_page": str(self.gazette_pages[0]),
            "gazette_pages": ",".join(str(n) for n in self.gazette_pages),
        }


def _to_int(digits: str) -> int:
    """Thai or Arabic digits to an int."""
    return int(arabic_digits(digits))


def find_headers(text: str) -> list[GazetteHeader]:
    """Every running header in a text, in order."""
    return [
        GazetteHeader(m.start(), m.end(), _to_int(m.group("page") or m.group("page_b")))
        for m in HEADER_RE.finditer(text)
    ]


def strip_running_headers(text: str) -> tuple[str, list[int]]:
    """Text without its running headers (each replaced by one space) and the page numbers they carried."""
    headers = find_headers(text)
    if not headers:
        return text, []
    parts: list[str] = []
    pos = 0
    for header in headers:
        parts.append(text[pos : header.start].rstrip(" \t"))
        pos = header.end
        while pos < len(text) and text[pos] in " \t":
            pos += 1
    parts.append(text[pos:])
    joined = parts[0]
    for part in parts[1:]:
        joined += (
            " " if joined and part and not joined.endswith("\n") and not part.startswith("\n") else ""
        ) + part
    return joined.strip(" \t"), [h.page for h in headers]


def split_at_headers(text: str) -> list[tuple[str, int | None]]:
    """Text cut after each running header: the piece before a header is that gazette page."""
    pieces: list[tuple[str, int | None]] = []
    pos = 0
    for header in find_headers(text):
        pieces.append((text[pos : header.start].strip(), header.page))
        pos = header.end
    rest = text[pos:].strip()
    if rest or not pieces:
        pieces.append((rest, None))
    return pieces


def split_paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, stripped, empty ones dropped."""
    return [p.strip() for p in _PARAGRAPH_SPLIT_RE.split(text) if p.strip()]


def trailing_page_numbers(paragraphs: list[str]) -> dict[int, int]:
    """Paragraph index -> printed page number, for trailing numbers forming the longest page sequence.

    A number counts only if it continues an increasing run whose steps match the paragraph steps
    (give or take a merged or split page), so a paragraph ending in a year or a count is left alone.
    """
    candidates: list[tuple[int, int]] = []
    for index, paragraph in enumerate(paragraphs):
        match = _TRAILING_NUMBER_RE.search(paragraph)
        if match and len(paragraph) > len(match.group(0)):
            number = _to_int(match.group(1))
            if number > 0:
                candidates.append((index, number))
    if not candidates:
        return {}
    best = [1] * len(candidates)
    previous: list[int | None] = [None] * len(candidates)
    for j, (j_index, j_number) in enumerate(candidates):
        for i in range(max(0, j - _LOOKBACK), j):
            i_index, i_number = candidates[i]
            d_pages, d_paras = j_number - i_number, j_index - i_index
            if d_pages < 1 or abs(d_pages - d_paras) > max(1, d_paras // 4):
                continue
            if best[i] + 1 > best[j]:
                best[j], previous[j] = best[i] + 1, i
    end = max(range(len(candidates)), key=lambda k: (best[k], -k))
    chain: list[tuple[int, int]] = []
    cursor: int | None = end
    while cursor is not None:
        chain.append(candidates[cursor])
        cursor = previous[cursor]
    chain.reverse()
    if len(chain) < _MIN_NUMBERED_PAGES or len(chain) * 2 < len(paragraphs):
        return {}
    return dict(chain)


def paginate(text: str) -> PageSplit:
    """Pages of a gazette-style text: by trailing printed numbers if present, else by running headers."""
    paragraphs = split_paragraphs(text)
    numbers = trailing_page_numbers(paragraphs)
    if numbers:
        return _pages_from_numbers(paragraphs, numbers)
    pieces = [piece for paragraph in paragraphs for piece in split_at_headers(paragraph)]
    headers = [number for _, number in pieces if number is not None]
    pages = _merge_unnumbered([RawPage(body, number) for body, number in pieces])
    return PageSplit(pages=pages, headers_removed=len(headers), gazette_pages=headers)


def _pages_from_numbers(paragraphs: list[str], numbers: dict[int, int]) -> PageSplit:
    """Pages from accepted trailing numbers; paragraphs in between join the next numbered page."""
    pages: list[RawPage] = []
    removed = 0
    gazette: list[int] = []
    chain = sorted(numbers.items())
    first_index, last_index = chain[0][0], chain[-1][0]

    def clean(paragraph: str) -> str:
        nonlocal removed
        body, found = strip_running_headers(paragraph)
        removed += len(found)
        gazette.extend(found)
        return body

    pages.extend(RawPage(clean(p)) for p in paragraphs[:first_index])
    previous_index, previous_number = first_index - 1, chain[0][1] - 1
    for index, number in chain:
        between = paragraphs[previous_index + 1 : index]
        if between and number - previous_number == index - previous_index:
            # the pages in between lost their printed numbers: number them by position
            pages.extend(RawPage(clean(p), previous_number + k + 1) for k, p in enumerate(between))
            between = []
        body = _TRAILING_NUMBER_RE.sub("", paragraphs[index]).rstrip()
        pages.append(RawPage("\n\n".join([*(clean(p) for p in between), clean(body)]), number))
        previous_index, previous_number = index, number
    pages.extend(RawPage(clean(p)) for p in paragraphs[last_index + 1 :])
    return PageSplit(
        pages=_merge_unnumbered(pages), headers_removed=removed, gazette_pages=gazette, numbered=True
    )


def _merge_unnumbered(pages: list[RawPage]) -> list[RawPage]:
    """Consecutive pages without a number become one, so unpaged text keeps its paragraphs together."""
    merged: list[RawPage] = []
    for page in pages:
        if not page.text and page.number is None:
            continue
        if page.number is None and merged and merged[-1].number is None:
            merged[-1] = RawPage(merged[-1].text + "\n\n" + page.text)
        else:
            merged.append(page)
    return merged or [RawPage("")]


def clean_pages(pages: list[RawPage]) -> PageSplit:
    """Strip running headers from pages whose numbers are already known (e.g. PDF pages)."""
    cleaned: list[RawPage] = []
    gazette: list[int] = []
    for page in pages:
        body, found = strip_running_headers(page.text)
        gazette.extend(found)
        cleaned.append(RawPage(body, page.number))
    return PageSplit(pages=cleaned, headers_removed=len(gazette), gazette_pages=gazette)
