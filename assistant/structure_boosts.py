"""The structure boosts of hybrid retrieval as llama-index node postprocessors, applied in order to the fused
candidates: a passage the question names (section, key project, office, place, reference number, English
name), the kind of document it names, and the law library's prior.

They read what fusion knew of the question (the rewritten query, the candidate mask, every chunk's BM25 score)
from the ``HybridQueryBundle`` the retriever passes them, and with any other bundle leave the nodes as they are.
Each works on the fused scores of all candidates as one array over the version's chunks, and returns every
chunk scoring above 0 (a boost may add the passage after one a question names): an array, not a node list, so
the scores, the tie order of the final ranking and so every answer stay what the fused retriever gave before
these were postprocessors (measured: the same answers and retrieval on the test split, dev27, dev28 and the
full dev split). The node round trips cost ~0.7 ms per question: retrieval without the embedder, test split,
p50 1.7-2.1 -> 2.4-2.9 ms, against ~50-70 ms for a whole answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from llama_index.core.bridge.pydantic import Field
from llama_index.core.postprocessor.types import BaseNodePostprocessor
from llama_index.core.schema import NodeWithScore, QueryBundle

from assistant.query_rewrite import RewrittenQuery
from assistant.retrievers import ChunkNodes

if TYPE_CHECKING:
    from assistant.retrieval_service import HybridRetriever


@dataclass
class FusionState:
    """What fusion knew of one question, for the boosts that follow it."""

    rq: RewrittenQuery
    mask: np.ndarray  # chunks the question may retrieve (kind, document, library gate)
    qvec: list[float] | None  # the question's vector (None in the BM25-only baseline)
    bm25: np.ndarray  # every chunk's BM25 score (0 outside the mask)
    bm25_weight: float
    library: bool  # the question admits law-library passages
    restricted: bool  # the caller asked for one kind or one document


@dataclass
class HybridQueryBundle(QueryBundle):
    """A query bundle carrying the fusion state of the question."""

    state: FusionState | None = None


def fused_array(nodes: ChunkNodes, scored: list[NodeWithScore]) -> np.ndarray:
    """The candidates' scores as one array over the version's chunks (0 for a chunk not among them)."""
    fused = np.zeros(len(nodes.snapshot.chunks), dtype=np.float64)
    for n in scored:
        fused[nodes.row(n.node)] = n.score or 0.0
    return fused


def candidates(nodes: ChunkNodes, fused: np.ndarray) -> list[NodeWithScore]:
    """Every chunk scoring above 0, in row order (the ranking is the retriever's last step)."""
    rows = np.nonzero(fused > 0)[0]
    return nodes.scored([int(r) for r in rows], fused[rows].tolist())


class _FusionBoost(BaseNodePostprocessor):
    """A boost over the fused array of a ``HybridQueryBundle``; the retriever's lookup tables do the reading."""

    retriever: Any = Field(exclude=True, description="the HybridRetriever whose fused candidates this boosts")

    def _postprocess_nodes(
        self, nodes: list[NodeWithScore], query_bundle: QueryBundle | None = None
    ) -> list[NodeWithScore]:
        state = query_bundle.state if isinstance(query_bundle, HybridQueryBundle) else None
        if state is None:
            return nodes
        chunk_nodes = self.retriever.nodes
        fused = fused_array(chunk_nodes, nodes)
        self._boost(state, fused)
        return candidates(chunk_nodes, fused)

    def _boost(self, state: FusionState, fused: np.ndarray) -> None:
        raise NotImplementedError


class StructureBoost(_FusionBoost):
    """Passages whose section, key project, issuing office or place the question names, the passages a reference
    number or English name it quotes anchors (and the passage after each), and a follow-up's documents."""

    def _boost(self, state: FusionState, fused: np.ndarray) -> None:
        self.retriever._structure_boost(state.rq, fused, state.mask)


class NamedKindFirst(_FusionBoost):
    """A question naming a kind of document ("ในหนังสือ สพร."): the best passage of that kind first."""

    def _boost(self, state: FusionState, fused: np.ndarray) -> None:
        retriever: HybridRetriever = self.retriever
        if retriever.mode == "hybrid" and state.rq.kinds and not state.restricted and state.qvec is not None:
            retriever._named_kind_first(state.rq, state.qvec, state.bm25, state.bm25_weight, fused, state.mask)


class LibraryPrior(_FusionBoost):
    """Law-library passages weigh ``library_prior`` of a core passage, so the core corpus wins ties."""

    def _boost(self, state: FusionState, fused: np.ndarray) -> None:
        self.retriever.library.weigh(fused, state.library)
