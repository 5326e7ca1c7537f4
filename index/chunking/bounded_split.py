"""Cut a long span of text into pieces of bounded size without cutting a Thai word.

Thai has no spaces between words, so a naive character cut can split a word in two and ruin both
BM25 tokens and the quoted citation. We cut at paragraph, line, sentence or space boundaries, and
only when a stretch has no whitespace at all fall back to newmm word boundaries.
"""

from __future__ import annotations

import re

from index.chunking.common import strip_span, token_boundaries

# Break kinds, best first: paragraph, line, sentence end (Latin/Thai punctuation), any space.
_BREAK_PATTERNS = (
    re.compile(r"\n[^\S\n]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"(?<=[.!?;:)”\"ฯ])[^\S\n]+|(?<=\S)[^\S\n]{2,}"),
    re.compile(r"[^\S\n]+"),
)


def bounded_split(
    text: str,
    start: int = 0,
    end: int | None = None,
    max_chars: int = 800,
    min_chars: int = 200,
) -> list[tuple[int, int]]:
    """Spans (offsets into ``text``) covering [start, end) in order, each at most ``max_chars``.

    Pieces are stripped of surrounding whitespace and do not overlap. A piece is shorter than
    ``min_chars`` only when the text offers no other cut (or the whole span is short).
    """
    end = len(text) if end is None else end
    if max_chars < 2:
        raise ValueError("max_chars must be at least 2")
    min_chars = max(0, min(min_chars, max_chars // 2))
    pieces: list[tuple[int, int]] = []
    pos, end = strip_span(text, start, end)
    while pos < end:
        if end - pos <= max_chars:
            pieces.append((pos, end))
            break
        cut, resume = _find_cut(text, pos, end, max_chars, min_chars)
        a, b = strip_span(text, pos, cut)
        if b > a:
            pieces.append((a, b))
        pos, _ = strip_span(text, resume, end)
    return pieces


def _find_cut(text: str, pos: int, end: int, max_chars: int, min_chars: int) -> tuple[int, int]:
    """Where to end the piece starting at ``pos`` and where the next one resumes."""
    remaining = end - pos
    # Aim for even pieces so the last one is not a crumb: 850 chars -> two of ~425, not 800 + 50.
    n_pieces = -(-remaining // max_chars)
    target = remaining / n_pieces
    lo = pos + min(min_chars, int(target))
    hi = pos + max_chars
    if end - hi < min_chars:  # keep at least min_chars for what follows when we can
        hi = max(lo, end - min_chars)
    window = text[pos:hi]
    aim = pos + target
    for pattern in _BREAK_PATTERNS:
        cuts = [(pos + m.start(), pos + m.end()) for m in pattern.finditer(window) if pos + m.start() >= lo]
        if cuts:
            # the break nearest the even-size target; on a tie the later one
            return min(cuts, key=lambda c: (abs(c[0] - aim), -c[0]))
    # No whitespace in [lo, hi): one unbroken Thai run; cut it at a newmm word boundary.
    cut = _word_cut(text, pos, lo, hi, end)
    if cut is not None:
        return cut, cut
    space = max(window.rfind(" "), window.rfind("\n"), window.rfind("\t"))
    if space > 0:
        return pos + space, pos + space + 1
    return hi, hi  # a single token longer than max_chars (e.g. a URL): nothing else to do


def _word_cut(text: str, pos: int, lo: int, hi: int, end: int) -> int | None:
    """Last newmm word boundary in [lo, hi] (else in (pos, hi]) of the run spanning [lo, hi)."""
    run_start = lo
    while run_start > 0 and not text[run_start - 1].isspace():
        run_start -= 1
    run_end = hi
    while run_end < end and not text[run_end].isspace():
        run_end += 1
    # Tokenize the whole run so the boundaries are those of tokenizing the original text.
    bounds = [run_start + b for b in token_boundaries(text[run_start:run_end])]
    good = [b for b in bounds if lo <= b <= hi]
    if good:
        return good[-1]
    fitting = [b for b in bounds if pos < b <= hi]
    return fitting[-1] if fitting else None
