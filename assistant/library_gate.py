"""Keep answers on the core corpus when a law library is indexed beside it.

Library passages (Acts of the Council of State collection) take part in retrieval only for questions about
law — worded with an Act or a section, the same wording the law answerer reads (data/law_questions.yaml) —
and even then their fused score is scaled by ``library_prior`` (< 1), so a core document that answers
equally well is cited first. Without library chunks in the index every method is a no-op: retrieval is
exactly what it was before collections existed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
from llama_index.core.vector_stores.types import FilterCondition, MetadataFilter, MetadataFilters

from assistant.law_questions import law_question_patterns
from corpus.collections import CORE_COLLECTION
from corpus.thai_text import arabic_digits, strip_tones
from index.chunk_record import ChunkRecord

_LAW_CUES = ("act_word", "section")  # its entries that make a question one about law


@lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern[str], ...]:
    patterns = law_question_patterns()
    return tuple(re.compile(strip_tones(patterns[cue]), re.IGNORECASE) for cue in _LAW_CUES)


class LibraryGate:
    """Which library chunks a question may retrieve, and how much less they weigh than core ones."""

    def __init__(self, chunks: Sequence[ChunkRecord], prior: float) -> None:
        self.library_rows = np.array([c.collection != CORE_COLLECTION for c in chunks], dtype=bool)
        self.present = bool(self.library_rows.any())
        self.library_docs = {c.doc_id for c in chunks if c.collection != CORE_COLLECTION}
        self.prior = prior

    def admits(self, question: str, subject_docs: Iterable[str] = ()) -> bool:
        """Does the question get library passages: it names an Act or a section, or follows up on a library Act?"""
        if not self.present:
            return False
        folded = arabic_digits(strip_tones(question))  # as the law answerer reads it: Thai digits, no tone marks
        return any(p.search(folded) for p in _cues()) or any(
            d in self.library_docs for d in subject_docs
        )

    def restrict(self, mask: np.ndarray, admitted: bool) -> np.ndarray:
        """The candidate mask without library rows unless the question admits them."""
        return mask if admitted or not self.present else mask & ~self.library_rows

    def filters(self, filters: MetadataFilters | None, admitted: bool) -> MetadataFilters | None:
        """The vector-store filters, limited to the core collection unless the question admits the library."""
        if admitted or not self.present:
            return filters
        core = MetadataFilter(key="collection", value=CORE_COLLECTION)
        if filters is None:
            return MetadataFilters(filters=[core])
        if filters.condition == FilterCondition.AND:
            return MetadataFilters(filters=[*filters.filters, core])
        return MetadataFilters(filters=[filters, core])

    def weigh(self, fused: np.ndarray, admitted: bool) -> None:
        """Scale library rows' fused scores by the prior, in place, so core wins ties."""
        if admitted and self.present:
            fused[self.library_rows] *= self.prior
