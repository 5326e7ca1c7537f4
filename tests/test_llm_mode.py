"""The optional LLM path against a stub server speaking the OpenAI chat-completions protocol over HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI, Request

from assistant.schemas import AskRequest
from assistant.services import build_services
from dgplan.errors import LLMUnavailable
from dgplan.settings import Settings
from evals.processes import free_port
from tests.net import serve_in_thread


class StubLLM:
    """What the stub answers next; records the prompts it was sent."""

    def __init__(self) -> None:
        self.reply = "NOT_IN_DOCUMENTS"
        self.prompts: list[str] = []


def _stub_app(state: StubLLM) -> FastAPI:
    app = FastAPI()

    @app.post("/v1/chat/completions")
    async def chat(request: Request) -> dict:
        body = await request.json()
        state.prompts.append(body["messages"][-1]["content"])
        return {
            "id": "stub", "object": "chat.completion", "created": 0, "model": body.get("model", "stub"),
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": state.reply}}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }

    return app


@pytest.fixture(scope="module")
def stub() -> Iterator[tuple[StubLLM, str]]:
    state = StubLLM()
    with serve_in_thread(_stub_app(state)) as url:
        yield state, f"{url}/v1"


def _services(mini_index: Settings, base_url: str):
    settings = mini_index.model_copy(deep=True)
    settings.llm.base_url = base_url
    settings.llm.model = "stub-model"
    settings.llm.timeout_s = 10
    return build_services(settings)


QUESTION = "คณะกรรมการบริการดิจิทัลมีหน้าที่อะไร"


def test_llm_answer_with_valid_citations_is_used(mini_index: Settings, stub: tuple[StubLLM, str]) -> None:
    state, url = stub
    state.reply = "คณะกรรมการมีหน้าที่จัดทำแผนบริการดิจิทัลเสนอต่อคณะรัฐมนตรี [1]"
    response = _services(mini_index, url).ask.ask(AskRequest(question=QUESTION, mode="llm"))
    assert response.mode == "llm" and not response.abstained
    assert [c.n for c in response.citations] == [1]
    prompt = state.prompts[-1]
    assert '<passage n="1"' in prompt and QUESTION in prompt


def test_unsupported_number_falls_back_to_extractive(mini_index: Settings, stub: tuple[StubLLM, str]) -> None:
    state, url = stub
    state.reply = "คณะกรรมการต้องเสนอแผนภายใน 999 วัน [1]"  # 999 is in no passage
    response = _services(mini_index, url).ask.ask(AskRequest(question=QUESTION, mode="llm"))
    assert response.mode == "extractive" and not response.abstained


def test_citation_to_missing_passage_falls_back(mini_index: Settings, stub: tuple[StubLLM, str]) -> None:
    state, url = stub
    state.reply = "ตอบจากเอกสาร [42]"
    response = _services(mini_index, url).ask.ask(AskRequest(question=QUESTION, mode="llm"))
    assert response.mode == "extractive"


def test_refusal_becomes_abstention(mini_index: Settings, stub: tuple[StubLLM, str]) -> None:
    state, url = stub
    state.reply = "NOT_IN_DOCUMENTS"
    response = _services(mini_index, url).ask.ask(AskRequest(question=QUESTION, mode="auto"))
    assert response.abstained and response.mode == "llm"


def test_llm_mode_without_configuration_is_a_clear_error(mini_index: Settings) -> None:
    with pytest.raises(LLMUnavailable):
        build_services(mini_index).ask.ask(AskRequest(question=QUESTION, mode="llm"))


def test_unreachable_endpoint_falls_back(mini_index: Settings) -> None:
    dead = free_port()
    response = _services(mini_index, f"http://127.0.0.1:{dead}/v1").ask.ask(AskRequest(question=QUESTION, mode="llm"))
    assert response.mode == "extractive" and not response.abstained
