"""A llama-index query engine over dgplan's hybrid retriever, so a user can bring their own LLM, reranker or
other node postprocessors and still get answers held to the citation and grounding rules of the LLM path.

``RetrieverQueryEngine`` retrieves with ``HybridRetriever`` (fusion and structure boosts included), runs the
given postprocessors, and synthesizes with ``GroundedSynthesizer`` (``llm_answerer.py``): numbered passages,
``[n]`` citations, a refusal when they do not answer, and the grounding check of ``grounding.py``.
The extractive answers of ``AskService`` do not go through it; its ``mode="llm"`` uses the same synthesizer.
"""

from __future__ import annotations

from collections.abc import Sequence

from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.llms import LLM
from llama_index.core.postprocessor.types import BaseNodePostprocessor
from llama_index.core.query_engine import RetrieverQueryEngine
from llama_index.core.response_synthesizers import BaseSynthesizer

from assistant.llm_answerer import GroundedSynthesizer


def build_query_engine(
    retriever: BaseRetriever,
    llm: LLM,
    node_postprocessors: Sequence[BaseNodePostprocessor] = (),
    response_synthesizer: BaseSynthesizer | None = None,
) -> RetrieverQueryEngine:
    """A query engine: ``retriever`` (e.g. ``services.retriever``), then ``node_postprocessors`` in order, then
    ``response_synthesizer`` (default: the grounded, citing synthesizer over ``llm``)."""
    return RetrieverQueryEngine(
        retriever=retriever,
        response_synthesizer=response_synthesizer or GroundedSynthesizer(llm),
        node_postprocessors=list(node_postprocessors),
    )
