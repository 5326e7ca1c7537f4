"""GET /laws, GET /laws/{doc_id}/sections/{n} and /ask via the law answerer, over a real uvicorn server (mini index)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from api.app import create_app
from dgplan.settings import Settings
from tests.net import serve_in_thread


@pytest.fixture(scope="module")
def client(mini_index: Settings) -> Iterator[httpx.Client]:
    settings = Settings(data_dir=mini_index.data_dir, corpus_dir=mini_index.corpus_dir, server={"ui": False})
    with serve_in_thread(create_app(settings)) as url, httpx.Client(base_url=url, timeout=60) as c:
        yield c


def test_list_laws(client: httpx.Client) -> None:
    laws = client.get("/laws").json()["laws"]
    assert [a["doc_id"] for a in laws] == ["mini-act"]
    assert laws[0]["sections"] == 6 and laws[0]["committees"] == 1 and laws[0]["deadlines"] == 1


def test_get_section_with_facts_and_citation(client: httpx.Client) -> None:
    data = client.get("/laws/mini-act/sections/3").json()
    assert data["label"] == "มาตรา 3" and data["text"].startswith("มาตรา ๓")
    (com,) = data["committees"]
    assert com["name"] == "คณะกรรมการบริการดิจิทัล" and com["chair"]["holder"] == "นายกรัฐมนตรี"
    assert com["secretary"]["holder"] == "ผู้อำนวยการสำนักงานทดสอบดิจิทัล"
    assert data["citation"]["doc_id"] == "mini-act" and data["citation"]["section"] == "มาตรา 3"
    thai_digits = client.get("/laws/mini-act/sections/๔").json()
    assert thai_digits["deadlines"][0]["period"] == "หนึ่งร้อยยี่สิบวัน"


def test_missing_section_and_document_are_404(client: httpx.Client) -> None:
    assert client.get("/laws/mini-act/sections/99").status_code == 404
    assert client.get("/laws/no-such-act/sections/1").status_code == 404


def test_ask_uses_the_law_answerer(client: httpx.Client) -> None:
    data = client.post("/ask", json={"question": "มาตรา 4 ของ พ.ร.บ. การทดสอบบริการดิจิทัล ต้องเสนอแผนภายในกี่วัน"}).json()
    assert data["mode"] == "law" and not data["abstained"]
    assert "หนึ่งร้อยยี่สิบวัน" in data["answer"].splitlines()[0]
    assert data["citations"][0]["section"] == "มาตรา 4" and data["citations"][0]["doc_id"] == "mini-act"
