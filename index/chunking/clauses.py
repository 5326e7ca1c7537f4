"""Split notices, standards and letters into their numbered clauses (ข้อ ๑ / ข้อ 1).

Board announcements and agency notices are short and cited by clause ("ประกาศ… ข้อ 3"), so each
clause is one unit; what precedes clause 1 (title, legal basis) is its own preamble unit.
"ตามข้อ 1" and similar references are rejected the same way law cross references are.
"""

from __future__ import annotations

from dataclasses import dataclass

from index.chunking.common import find_candidates, pick_chain, prefer_line_starts

CLAUSE_WORD = "ข้อ"


@dataclass(frozen=True)
class Clause:
    """One clause span [start, end); ``number`` is None for the preamble."""

    start: int
    end: int
    number: str | None

    @property
    def label(self) -> str | None:
        """Citation label with Arabic digits, e.g. "ข้อ 3"."""
        return None if self.number is None else f"{CLAUSE_WORD} {self.number}"


def find_clauses(text: str) -> list[Clause]:
    """Preamble then clauses in order; an empty list when the text has no clause numbering."""
    cands = prefer_line_starts(find_candidates(text, CLAUSE_WORD))
    chain = pick_chain(cands, max_gap=5)
    if len(chain) < 2 and not (chain and chain[0].key == (1, 0)):
        return []
    out: list[Clause] = []
    if chain[0].pos > 0 and text[: chain[0].pos].strip():
        out.append(Clause(0, chain[0].pos, None))
    for i, c in enumerate(chain):
        end = chain[i + 1].pos if i + 1 < len(chain) else len(text)
        out.append(Clause(c.pos, end, c.label))
    return out
