"""POST /ask and POST /search: thin routes over the ask service."""

from __future__ import annotations

import json
from collections.abc import Iterator

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

from assistant.schemas import AskRequest, AskResponse, SearchRequest, SearchResponse
from assistant.services import Services

router = APIRouter(tags=["ask"])


def _services(request: Request) -> Services:
    return request.app.state.services


@router.post("/ask", response_model=AskResponse)
async def ask(body: AskRequest, request: Request) -> AskResponse:
    """Answer a question with numbered citations, or abstain."""
    return await run_in_threadpool(_services(request).ask.ask, body)


@router.post("/ask/stream")
async def ask_stream(body: AskRequest, request: Request) -> StreamingResponse:
    """The same answer as Server-Sent Events: ``delta`` events with text, then one ``done`` event."""
    services = _services(request)

    def events() -> Iterator[str]:
        for item in services.ask.ask_stream(body):
            if isinstance(item, str):
                yield f"event: delta\ndata: {json.dumps({'text': item}, ensure_ascii=False)}\n\n"
            else:
                yield f"event: done\ndata: {item.model_dump_json()}\n\n"

    return StreamingResponse(events(), media_type="text/event-stream")


@router.post("/search", response_model=SearchResponse)
async def search(body: SearchRequest, request: Request) -> SearchResponse:
    """Retrieval only: the ranked chunks for a query."""
    return await run_in_threadpool(_services(request).ask.search, body)
