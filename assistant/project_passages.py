"""Find, in a key project's own plan passages, the sentence that states what a question asks about it.

The registry holds the columns the table parser could split (objectives, details, outputs); a project's
yearly timeline (its Gantt rows), per-year targets, background and long details lie only in the plan's
chunks of the project's pages. Those chunks are the project's block: the ones tagged with its number and
every appendix chunk printed on its pages (PDF extraction puts a timeline before or after a neighbour's table,
so a page's untagged or neighbour-tagged text may belong to the project). The answer is the block sentence
covering most of the question's own words, so a question that names the project and asks any detail gets
that detail quoted, never the project's card.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.sentences import segments
from index.chunk_record import ChunkRecord

_MIN_COVERAGE = 0.6  # share of the question's own words a sentence must hold to be taken as its answer
_COUNT_BONUS = 0.1  # a counting question prefers the sentence with a number in it
_OWN_BONUS = 0.02  # on a tie, a sentence of a chunk tagged with the project beats one of a shared page
_LENGTH_COST = 1e-5  # on equal coverage the shorter, more focused sentence wins
_DIGIT_RE = re.compile(r"\d")
_PEER_GAP = 0.01  # sentences scoring this close (equal coverage, near-equal length) state the same kind of figure
_NUMBER_RE = re.compile(r"(?<![0-9])[0-9][0-9,]*(?:\.[0-9]+)?")
_YEAR_RE = re.compile(r"^25[0-9]{2}$")


def largest_figure(text: str) -> float:
    """The largest figure a sentence states (Buddhist-Era years aside), 0 when none."""
    values = [n.replace(",", "") for n in _NUMBER_RE.findall(text)]
    return max((float(v) for v in values if not _YEAR_RE.match(v)), default=0.0)


@dataclass(frozen=True)
class BlockSentence:
    """One quotable sentence of a project's block with the chunk it lies in."""

    text: str
    key: str  # compact damage-insensitive key, for coverage
    chunk: ChunkRecord
    own: bool  # the chunk is tagged with this project


@dataclass(frozen=True)
class Found:
    """The best sentence for a question and how much of the question it covers."""

    sentence: BlockSentence
    coverage: float


def _appendix(chunk: ChunkRecord) -> str:
    """The appendix part of a chunk's chapter ("ภาคผนวก 4: … / ยุทธศาสตร์ที่ 2" -> "ภาคผนวก 4: …")."""
    return (chunk.chapter or "").split(" / ")[0]


class ProjectPassages:
    """The plan chunks of each key project, cut into sentences once on first use."""

    def __init__(self, chunks: Sequence[ChunkRecord], pages: dict[str, list[int]], compact: Callable[[str], str]):
        self._chunks = [c for c in chunks if c.project is not None or c.page in {p for v in pages.values() for p in v}]
        self._pages = pages  # project number -> printed pages of its table
        self._compact = compact
        self._cache: dict[str, list[BlockSentence]] = {}

    def block(self, number: str) -> list[ChunkRecord]:
        """Chunks tagged with the project, then the other appendix chunks on its pages (in text order)."""
        pages = set(self._pages.get(number, []))
        own = [c for c in self._chunks if c.project == number]
        appendix = {_appendix(c) for c in own}  # the appendix the project's table is in
        shared = [c for c in self._chunks if c.project != number and c.page in pages and _appendix(c) in appendix]
        return sorted([*own, *shared], key=lambda c: c.start)

    def sentences(self, number: str) -> list[BlockSentence]:
        if number not in self._cache:
            out = []
            for chunk in self.block(number):
                for seg in segments(chunk.text):
                    text = " ".join(seg.text.split())
                    if text:
                        out.append(BlockSentence(text, self._compact(text), chunk, chunk.project == number))
            self._cache[number] = out
        return self._cache[number]

    def before(self, number: str, sentence: BlockSentence) -> BlockSentence | None:
        """The sentence just before ``sentence`` in the same passage of the project's block, if any."""
        found = self.sentences(number)
        at = next((i for i, s in enumerate(found) if s is sentence), None)
        if not at:
            return None
        previous = found[at - 1]
        return previous if previous.chunk is sentence.chunk else None

    def best(
        self,
        number: str,
        coverage: Callable[[str], float],
        counting: bool,
        min_coverage: float = _MIN_COVERAGE,
        largest: bool = False,
    ) -> Found | None:
        """The block sentence covering most of the question (``coverage`` maps a sentence key to a share).

        ``largest``: the question asks the highest figure ("สะสมสูงสุดกี่หน่วยงาน"); of the sentences that cover it
        equally (a yearly target repeated per year: "จำนวน 6 หน่วยงาน (สะสม)", "จำนวน 9 หน่วยงาน (สะสม)"), the one
        stating the largest number.
        """
        scored: list[tuple[float, float, BlockSentence]] = []
        for s in self.sentences(number):
            share = coverage(s.key)
            if not share:
                continue
            score = share + (_COUNT_BONUS if counting and _DIGIT_RE.search(s.text) else 0.0)
            score += _OWN_BONUS if s.own else 0.0
            score -= len(s.text) * _LENGTH_COST
            scored.append((score, share, s))
        best = max(scored, key=lambda c: c[0], default=None)  # the first of equals
        if best is None or best[1] < min_coverage:
            return None
        if largest:
            top = best
            peers = [
                c for c in scored if c[1] == top[1] and abs(c[0] - top[0]) < _PEER_GAP and largest_figure(c[2].text)
            ]
            best = max(peers, key=lambda c: largest_figure(c[2].text), default=top)
        return Found(best[2], best[1])
