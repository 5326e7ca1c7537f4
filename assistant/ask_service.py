"""Answer a question with citations: retrieve, check confidence, then answer extractively (or via LLM)."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import replace

from assistant.abstention import (
    abstain_message,
    answer_threshold,
    confidence,
    nearby_label,
    personal_data_message,
    unsupported_structured,
    unsupported_subjects,
)
from assistant.answer_text import compose, flat, without_table_heads
from assistant.conversation_subject import asked_types, repeats_earlier, set_aside, span_weights
from assistant.extractive_answerer import ExtractedAnswer, extract, query_terms
from assistant.grounding import stated_numbers, violations
from assistant.llm_answerer import LLMAnswerer
from assistant.question_types import asks_personal_data, split_compound
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
from assistant.structured import Conversation, StructuredAnswer, StructuredAnswerer, first_line, joined
from corpus.thai_text import key_tokens
from dgplan.errors import LLMUnavailable
from dgplan.settings import Settings

log = logging.getLogger(__name__)
_READ_ON_HITS = 5  # passages the extractive answer reads on into their next chunk (see HybridRetriever.read_on)
_READ_ON_CHARS = 400

def citation_for(n: int, hit: ScoredChunk) -> Citation:
    return Citation.of_chunk(n, hit.chunk, round(hit.score, 5))


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


_WORD_EDGES = ";:,()[]“”\"…"


def _adds(line: str, stated: str) -> bool:
    """The line states a word the stated line lacks (a card with one more field adds nothing to one that has it)."""
    words = {w.strip(_WORD_EDGES) for w in stated.split()}
    return bool(line) and stated not in line and any(w.strip(_WORD_EDGES) not in words for w in line.split())


class AskService:
    """The one place questions are answered; the API, the UI and evals all call it."""

    def __init__(
        self, settings: Settings, retriever: HybridRetriever, structured: list[StructuredAnswerer] | None = None
    ) -> None:
        self.settings = settings
        self.retriever = retriever
        self.structured = structured or []  # tried in order before retrieval-based answers
        llm = settings.llm
        self.llm = LLMAnswerer(llm) if llm.base_url and llm.model else None

    def retrieve(self, request: AskRequest) -> RetrievalResult:
        return self.retriever.search(
            request.question.strip(),
            top_k=max(request.top_k, 5),
            kind=request.kind,
            doc_id=request.doc_id,
            history_context=history_context(request),
            history=[(str(t.role), t.content) for t in request.history[-4:]],
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
        # English questions load the glossary and romanise local place names once (seconds, not per request)
        self.ask(AskRequest(question="What is the e-mail address of Krasang Subdistrict Municipality?"))
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

    def _near_miss(self, language: str, hits: list[ScoredChunk], extracted: ExtractedAnswer) -> AskResponse:
        """Declined: the closest span does not state the asked fact; show it, labelled as not the answer."""
        related = [citation_for(i + 1, h) for i, h in enumerate(hits[:3])]
        lines = [abstain_message(language), nearby_label(language)]
        for rank, seg in extracted.quotes[:1]:
            text = without_table_heads(flat(seg.text)) or flat(seg.text)
            lines.append(f"“{text}” [{rank + 1}]" if language == "en" else f"{text} [{rank + 1}]")
        return _respond(language, "\n".join(lines), "extractive", related, abstained=True)

    def _within_filters(self, request: AskRequest, citations: list[Citation]) -> bool:
        """A structured answer stands only if every document it cites passes the question's kind/doc_id filters."""
        if not (request.kind or request.doc_id):
            return True
        kinds = {d["doc_id"]: d.get("kind") for d in self.retriever.snapshot.documents}
        return all(
            (not request.doc_id or c.doc_id == request.doc_id)
            and (not request.kind or kinds.get(c.doc_id) == request.kind)
            for c in citations
        )

    def _structured_answer(self, request: AskRequest, conversation: Conversation) -> StructuredAnswer | None:
        """The first structured answer within the request's filters that says something new and is grounded."""
        said = next((t.content for t in reversed(request.history) if t.role == "assistant"), "")
        aside = set_aside(conversation.question)
        for answerer in self.structured:
            found = answerer.answer(conversation)
            if found is None or not self._within_filters(request, found.citations):
                continue
            if repeats_earlier(answerer, conversation, found, said):  # nothing new asked that it answers
                continue
            if aside and not found.abstained and stated_numbers(first_line(found)) <= stated_numbers(aside):
                continue  # "นอกจาก 40 แล้ว …": it gives the figure the question sets aside
            if found.abstained and not found.citations:
                return found
            ungrounded = [] if found.abstained else violations(found.answer, [c.text for c in found.citations])
            if ungrounded:  # states a number or name its passages lack: the next answerer or retrieval instead
                log.info("%s answer set aside, not in its citations: %s", found.mode, ungrounded)
                continue
            return found
        return None

    def _parts_answer(self, request: AskRequest, conversation: Conversation) -> StructuredAnswer | None:
        """A two-part question no structured answerer takes whole ("มีกี่ยุทธศาสตร์ แล้วยุทธศาสตร์ที่ 3 ว่าด้วยเรื่องอะไร":
        the count's passage lacks the second part's words) answered part by part, when structure answers both."""
        parts = split_compound(conversation.question)
        if parts is None:
            return None
        first = self._structured_answer(request, replace(conversation, question=parts[0]))
        if first is None or first.abstained:
            return None
        both = self._other_part(request, conversation, first)
        return both if both is not first else None

    def _other_part(self, request: AskRequest, conversation: Conversation, found: StructuredAnswer) -> StructuredAnswer:
        """A two-part question ("มีกี่ยุทธศาสตร์ และยุทธศาสตร์ที่ 3 ชื่ออะไร") whose answer states one part gains the
        other part's structured answer; the second part is read as a follow-up of the first, whose subject it
        shares ("… ผลผลิตอะไร และงบเท่าไร")."""
        parts = split_compound(conversation.question)
        if parts is None:
            return found
        for i, part in enumerate(parts):
            earlier = [parts[0], *conversation.earlier] if i else conversation.earlier
            sub = replace(conversation, question=part, earlier=earlier, followup=conversation.followup or i > 0)
            other = self._structured_answer(request, sub)
            if other is None or other.abstained or not other.citations:
                continue
            if _adds(first_line(other), first_line(found)):
                found = joined(found, other)
        return found

    def _answer(self, request: AskRequest, result: RetrievalResult) -> AskResponse:
        rq = result.query
        hits = result.hits
        if asks_personal_data(rq.normalized):
            return _respond(rq.language, personal_data_message(rq.language), "extractive", [], abstained=True)
        terms = query_terms(rq.lexical)
        top_terms = set(key_tokens(f"{hits[0].chunk.title} {hits[0].chunk.text}")) if hits else set()
        conf = confidence(request.question, result, terms, top_terms, self.retriever.vocab_share(terms))
        if not conf.guarded:
            conversation = Conversation(
                question=rq.normalized,
                language=rq.language,
                earlier=[t.content for t in reversed(request.history) if t.role == "user"],
                answers=[t.content for t in reversed(request.history) if t.role == "assistant"],
                followup=rq.followup,
                documents=[h.chunk.doc_id for h in hits],
                projects=[h.chunk.project for h in hits],
                sections=[h.chunk.section for h in hits],
            )
            found = self._structured_answer(request, conversation) or self._parts_answer(request, conversation)
            if found is not None:
                if found.abstained and not found.citations:
                    return self._abstain(rq.language, hits, mode=found.mode)
                if not found.abstained:  # a two-part question's other part first: the check reads both
                    found = self._other_part(request, conversation, found)
                cited = [(c.title, c.text) for c in found.citations]
                # a key project asked by its owner must be that owner's: its card's owners count as its passages
                owners = [(card.name_th, " ".join(card.owners)) for card in found.cards] if found.cards else None
                if not found.abstained and unsupported_structured(rq.normalized, found.answer, cited, owners):
                    return self._abstain(rq.language, hits, mode=found.mode)  # e.g. a project's budget in 2572
                return _respond(
                    rq.language, found.answer, found.mode, found.citations, found.cards, abstained=found.abstained
                )
        if not hits or not conf.answerable(answer_threshold(result, self.settings.retrieval.abstain_threshold)):
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
        turns = [(str(t.role), t.content) for t in request.history]
        weights = span_weights(rq, self.retriever.snapshot.idf, query_terms)
        said = next((text for role, text in reversed(turns) if role == "assistant"), "") if rq.followup else ""
        said = f"{said} {set_aside(rq.normalized)}".strip()  # "นอกจาก 40 แล้ว … เท่าไร": not the figure set aside
        hits = self.retriever.read_on(hits, _READ_ON_HITS, _READ_ON_CHARS)
        types = asked_types(rq.normalized, turns)
        subject = rq.subject_doc_ids if rq.followup else []
        if not subject and any(t.contact for t in types):
            subject = self.retriever.named_notices(rq, hits)
        extracted = extract(rq.normalized, rq.lexical, hits, weights, types, said, subject)
        passages = [(hits[rank].chunk.title, hits[rank].chunk.text) for rank in {r for r, _ in extracted.quotes}]
        quotes = [seg.text for _, seg in extracted.quotes]
        answering = [(hits[s.rank].chunk.title, hits[s.rank].chunk.text) for s in extracted.direct]
        if (
            not extracted.quotes
            or not extracted.holds
            or unsupported_subjects(rq.normalized, extracted.types, passages, quotes, answering)
        ):
            return self._near_miss(rq.language, hits, extracted)
        numbers: dict[int, int] = {}
        for rank in [s.rank for s in extracted.direct] + [r for r, _ in extracted.quotes]:
            numbers.setdefault(rank, len(numbers) + 1)
        evidence = [(rank, seg.text) for rank, seg in extracted.quotes]
        answer = compose(rq.language, extracted.types, extracted.direct, evidence, numbers)
        citations = [citation_for(n, hits[rank]) for rank, n in sorted(numbers.items(), key=lambda x: x[1])]
        return _respond(rq.language, answer, "extractive", citations)
