"""POST /ask, POST /ask/stream and POST /search: thin routes over the ask service."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import TypeVar

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from pydantic import Field

from api.deps import services_of
from assistant.schemas import AskRequest, AskResponse, SearchRequest, SearchResponse
from assistant.services import Services
from assistant.serving import degraded_parts
from dgplan.errors import LLMUnavailable

router = APIRouter(tags=["ask"])
T = TypeVar("T")


class ServedAskResponse(AskResponse):
    """The answer as served over HTTP, with what was left out when a part of the system was down."""

    degraded: list[str] = Field(
        default_factory=list,
        description="Parts the answer was computed without: 'vector_store' when Chroma is unreachable (the "
        "dense search then runs in-process over the cached chunk vectors, or is skipped and the passages come "
        "from BM25 alone). Empty when everything worked.",
    )


SSE_EVENT_SCHEMA = {
    "type": "object",
    "description": "One Server-Sent Event: `delta` (data: JSON {\"text\": …}), then `done` (data: the /ask JSON).",
    "properties": {"event": {"type": "string", "enum": ["delta", "done"]}, "data": {"type": "string"}},
    "required": ["event", "data"],
}


class EventStreamResponse(StreamingResponse):
    media_type = "text/event-stream"


def _check_mode(services: Services, body: AskRequest) -> None:
    """mode 'llm' without a configured LLM is the caller's mistake: say so instead of answering extractively."""
    if body.mode == "llm" and services.ask.llm is None:
        raise LLMUnavailable("mode 'llm' was requested but no LLM endpoint is configured")


async def _run(request: Request, work: Callable[[], T]) -> tuple[T, list[str]]:
    """Run blocking work in the thread pool, collecting the parts it had to do without."""
    parts: list[str] = []
    token = degraded_parts.set(parts)
    try:
        result = await run_in_threadpool(work)
    finally:
        degraded_parts.reset(token)
    return result, parts


async def _answer(request: Request, body: AskRequest) -> ServedAskResponse:
    services = services_of(request)
    _check_mode(services, body)
    response, parts = await _run(request, lambda: services.ask.ask(body))
    served = ServedAskResponse(**response.model_dump(), degraded=parts)
    metrics = getattr(request.app.state, "metrics", None)
    if metrics is not None:
        metrics.observe_answer(served.abstained, served.mode, parts)
    return served


@router.post("/ask", response_model=ServedAskResponse)
async def ask(body: AskRequest, request: Request) -> ServedAskResponse:
    """Answer a question with numbered citations, or abstain.

    ``mode: llm`` without a configured LLM is a 409 (never a silent extractive answer). When the vector
    store is unreachable the answer is still given, with ``degraded: ["vector_store"]``.
    """
    return await _answer(request, body)


@router.post(
    "/ask/stream",
    response_class=EventStreamResponse,
    responses={
        200: {
            "description": "Server-Sent Events: `delta` events (`{\"text\": …}`), then one `done` event whose "
            "data is the complete /ask response.",
            "content": {"text/event-stream": {"schema": SSE_EVENT_SCHEMA}},
        }
    },
)
async def ask_stream(body: AskRequest, request: Request) -> EventStreamResponse:
    """The same answer as Server-Sent Events: ``delta`` events with text, then one ``done`` event."""
    served = await _answer(request, body)

    def events() -> Iterator[str]:
        for line in served.answer.split("\n"):
            yield f"event: delta\ndata: {json.dumps({'text': line + chr(10)}, ensure_ascii=False)}\n\n"
        yield f"event: done\ndata: {served.model_dump_json()}\n\n"

    return EventStreamResponse(events())


@router.post("/search", response_model=SearchResponse)
async def search(body: SearchRequest, request: Request) -> SearchResponse:
    """Retrieval only: the ranked chunks for a query."""
    services = services_of(request)
    result, _ = await _run(request, lambda: services.ask.search(body))
    return result
