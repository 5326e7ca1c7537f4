"""Answer a question with citations: retrieve, check confidence, then answer extractively (or via LLM)."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator

from assistant.abstention import abstain_message, confidence
from assistant.extractive_answerer import extract, query_terms
from assistant.llm_answerer import LLMAnswerer
from assistant.project_answerer import ProjectAnswerer
from assistant.retrieval_service import HybridRetriever, RetrievalResult, ScoredChunk
from assistant.schemas import (
    AskRequest,
    AskResponse,
    Citation,
    ProjectCard,
    SearchRequest,
    SearchResponse,
    SearchResult,
)
from dgplan.errors import LLMUnavailable
from dgplan.settings import Settings
from index.thai_key import key_tokens

log = logging.getLogger(__name__)

_LEAD_TH = "จากเอกสารที่อ้างอิง:"
_LEAD_EN = "The documents say (quoted from the Thai source):"


def citation_for(n: int, hit: ScoredChunk) -> Citation:
    c = hit.chunk
    return Citation(
        n=n,
        doc_id=c.doc_id,
        title=c.title,
        section=c.section,
        page=c.page,
        text=c.text,
        source_url=c.source_url,
        score=round(hit.score, 5),
        chunk_id=c.chunk_id,
    )


def _respond(
    language: str,
    answer: str,
    mode: str,
    citations: list[Citation],
    projects: list[ProjectCard] | None = None,
    abstained: bool = False,
) -> AskResponse:
    """One place that shapes every answer the service gives."""
    return AskResponse(
        answer=answer,
        abstained=abstained,
        language="en" if language == "en" else "th",
        mode=mode,
        citations=citations,
        projects=projects or [],
    )


def history_context(request: AskRequest) -> str:
    """The earlier user turns that a follow-up question may lean on (most recent last)."""
    users = [t.content for t in request.history if t.role == "user"]
    return " ".join(users[-2:])


class AskService:
    """The one place questions are answered; the API, the UI and evals all call it."""

    def __init__(
        self, settings: Settings, retriever: HybridRetriever, projects: ProjectAnswerer | None = None
    ) -> None:
        self.settings = settings
        self.retriever = retriever
        self.projects = projects
        llm = settings.llm
        self.llm = LLMAnswerer(llm) if llm.base_url and llm.model else None

    def retrieve(self, request: AskRequest) -> RetrievalResult:
        return self.retriever.search(
            request.question.strip(),
            top_k=max(request.top_k, 5),
            kind=request.kind,
            doc_id=request.doc_id,
            history_context=history_context(request),
        )

    def ask(self, request: AskRequest) -> AskResponse:
        """Full answer in one piece."""
        t0 = time.perf_counter()
        result = self.retrieve(request)
        t = time.perf_counter()
        response = self._answer(request, result)
        response.timings_ms = {
            **{k: round(v, 2) for k, v in result.timings_ms.items()},
            "answer": round((time.perf_counter() - t) * 1000, 2),
            "total": round((time.perf_counter() - t0) * 1000, 2),
        }
        return response

    def warm_up(self) -> None:
        """Answer one question before serving: the first query lazily loads BM25, Chroma and word lists."""
        t0 = time.perf_counter()
        self.ask(AskRequest(question="มาตรา 13 ของพระราชบัญญัติการบริหารงานและการให้บริการภาครัฐผ่านระบบดิจิทัล"))
        log.info("warm-up took %.2f s", time.perf_counter() - t0)

    def ask_stream(self, request: AskRequest) -> Iterator[str | AskResponse]:
        """Yield the answer text piece by piece, then the complete response (for SSE and the UI)."""
        response = self.ask(request)
        for line in response.answer.split("\n"):
            yield line + "\n"
        yield response

    def search(self, request: SearchRequest) -> SearchResponse:
        result = self.retriever.search(request.query, top_k=request.top_k, kind=request.kind, doc_id=request.doc_id)
        return SearchResponse(
            results=[
                SearchResult(
                    chunk_id=h.chunk.chunk_id,
                    doc_id=h.chunk.doc_id,
                    title=h.chunk.title,
                    section=h.chunk.section,
                    page=h.chunk.page,
                    text=h.chunk.text,
                    score=round(h.score, 5),
                    source_url=h.chunk.source_url,
                )
                for h in result.hits
            ]
        )

    def _abstain(self, language: str, hits: list[ScoredChunk], mode: str = "extractive") -> AskResponse:
        """The refusal, with the closest passages as related citations."""
        related = [citation_for(i + 1, h) for i, h in enumerate(hits[:3])]
        return _respond(language, abstain_message(language), mode, related, abstained=True)

    def _answer(self, request: AskRequest, result: RetrievalResult) -> AskResponse:
        rq = result.query
        hits = result.hits
        terms = query_terms(rq.lexical)
        top_terms = set(key_tokens(f"{hits[0].chunk.title} {hits[0].chunk.text}")) if hits else set()
        conf = confidence(request.question, result, terms, top_terms, self.retriever.vocab_share(terms))
        if self.projects is not None and not conf.guarded:
            if self.projects.unknown_number(rq.normalized):
                return self._abstain(rq.language, hits)
            earlier = [t.content for t in reversed(request.history) if t.role == "user"] if rq.followup else []
            registry_answer = self.projects.answer(rq.normalized, rq.language, earlier)
            if registry_answer is not None:
                return _respond(
                    rq.language, registry_answer.answer, "registry", registry_answer.citations, registry_answer.cards
                )
        if not hits or not conf.answerable(self.settings.retrieval.abstain_threshold):
            return self._abstain(rq.language, hits)
        use_llm = request.mode == "llm" or (request.mode == "auto" and self.llm is not None)
        if use_llm:
            if self.llm is None:
                raise LLMUnavailable("mode 'llm' was requested but no LLM endpoint is configured")
            history = [(str(t.role), t.content) for t in request.history]
            reply = self.llm.answer(rq.normalized, hits[: request.top_k], history)
            if reply is not None and reply.refused:
                return self._abstain(rq.language, hits, mode="llm")
            if reply is not None:
                return _respond(rq.language, reply.text, "llm", [citation_for(n, hits[n - 1]) for n in reply.cited])
        extracted = extract(rq.normalized, rq.lexical, hits, self.retriever.snapshot.idf)
        numbers: dict[int, int] = {}
        lines = [_LEAD_EN if rq.language == "en" else _LEAD_TH]
        for rank, seg in extracted.quotes:
            n = numbers.setdefault(rank, len(numbers) + 1)
            quote = " ".join(seg.text.split())
            lines.append(f"“{quote}” [{n}]" if rq.language == "en" else f"{quote} [{n}]")
        citations = [citation_for(n, hits[rank]) for rank, n in sorted(numbers.items(), key=lambda x: x[1])]
        return _respond(rq.language, "\n".join(lines), "extractive", citations)
