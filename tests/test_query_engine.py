"""The llama-index query engine over the hybrid retriever, with the OpenAI-compatible stub server as its LLM."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from llama_index.core.bridge.pydantic import Field
from llama_index.core.postprocessor.types import BaseNodePostprocessor
from llama_index.core.schema import NodeWithScore, QueryBundle
from llama_index.llms.openai_like import OpenAILike

from assistant.query_engine import build_query_engine
from assistant.services import build_services
from dgplan.settings import Settings
from tests.conftest import ROOT
from tests.net import serve_in_thread
from tests.test_llm_mode import QUESTION, StubLLM, _stub_app


@pytest.fixture(scope="module")
def stub() -> Iterator[tuple[StubLLM, str]]:
    state = StubLLM()
    with serve_in_thread(_stub_app(state)) as url:
        yield state, f"{url}/v1"


def _llm(url: str) -> OpenAILike:
    return OpenAILike(api_base=url, model="stub-model", api_key="none", is_chat_model=True, timeout=10, max_retries=0)


class _Reversed(BaseNodePostprocessor):
    """A user's own postprocessor: the retrieved order reversed (records what it was given)."""

    seen: list[str] = Field(default_factory=list)

    def _postprocess_nodes(
        self, nodes: list[NodeWithScore], query_bundle: QueryBundle | None = None
    ) -> list[NodeWithScore]:
        self.seen = [n.node.node_id for n in nodes]
        return list(reversed(nodes))


def test_the_query_engine_answers_with_citations_from_the_retrieved_passages(
    mini_index: Settings, stub: tuple[StubLLM, str]
) -> None:
    state, url = stub
    services = build_services(mini_index)
    reverse = _Reversed()
    engine = build_query_engine(services.retriever, _llm(url), node_postprocessors=[reverse])
    expected = [n.node.node_id for n in services.retriever.retrieve(QUESTION)]
    passages = [n.node for n in reversed(services.retriever.retrieve(QUESTION))]
    cited = next(i for i, node in enumerate(passages, start=1) if "มีหน้าที่จัดทำแผนบริการดิจิทัล" in node.get_content())
    state.reply = f"คณะกรรมการมีหน้าที่จัดทำแผนบริการดิจิทัลเสนอต่อคณะรัฐมนตรี [{cited}]"
    response = engine.query(QUESTION)
    assert reverse.seen == expected  # the postprocessor saw the hybrid ranking
    assert response.response == state.reply
    assert response.metadata == {"refused": False, "grounded": True, "cited": [cited]}
    source = response.source_nodes[cited - 1].node
    assert source.metadata["doc_id"] == "mini-act" and source.metadata["section"] == "มาตรา 4"
    prompt = state.prompts[-1]
    assert f'<passage n="{cited}"' in prompt and QUESTION in prompt


def test_an_unsupported_or_refused_reply_gives_no_answer(mini_index: Settings, stub: tuple[StubLLM, str]) -> None:
    state, url = stub
    engine = build_query_engine(build_services(mini_index).retriever, _llm(url))
    state.reply = "คณะกรรมการต้องเสนอแผนภายใน 999 วัน [1]"  # 999 is in no passage: the grounding check refuses it
    response = engine.query(QUESTION)
    assert response.response is None and response.metadata == {"refused": False, "grounded": False, "cited": []}
    state.reply = "NOT_IN_DOCUMENTS"
    response = engine.query(QUESTION)
    assert response.response is None and response.metadata["refused"] and response.source_nodes


def test_the_readme_example_runs(
    mini_index: Settings, stub: tuple[StubLLM, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    state, url = stub
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Plugging in your own LLM or reranker", 1)[1].split("\n## ", 1)[0]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert code is not None
    monkeypatch.setenv("DGPLAN_DATA_DIR", str(Path(mini_index.data_dir)))
    monkeypatch.setenv("LLM_BASE_URL", url)
    state.reply = "คณะกรรมการมีหน้าที่จัดทำแผนบริการดิจิทัลเสนอต่อคณะรัฐมนตรี [1]"
    passages = build_services(mini_index).retriever.retrieve(QUESTION)
    law_first = sorted(passages, key=lambda n: n.node.metadata["kind"] != "law")
    if "มีหน้าที่จัดทำแผนบริการดิจิทัล" not in law_first[0].node.get_content():
        n = next(i for i, p in enumerate(law_first, 1) if "มีหน้าที่จัดทำแผนบริการดิจิทัล" in p.node.get_content())
        state.reply = state.reply.replace("[1]", f"[{n}]")
    exec(compile(code.group(1), "README.md", "exec"), {"__name__": "readme_example"})
    out = capsys.readouterr().out.splitlines()
    assert out[0] == state.reply  # the answer, not None: the example is no refusal
    assert "มาตรา 4" in out[1] and "พระราชบัญญัติการทดสอบบริการดิจิทัล" in out[1]
