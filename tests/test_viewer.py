"""The citation viewer: every citation links to /view, which shows the cited passage highlighted in context."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from api.viewer_router import source_link
from dgplan.settings import Settings
from tests.net import serve_in_thread

QUESTION = "คณะกรรมการบริการดิจิทัลประกอบด้วยใคร"


@pytest.fixture(scope="module")
def client(mini_index: Settings) -> Iterator[httpx.Client]:
    settings = Settings(data_dir=mini_index.data_dir, corpus_dir=mini_index.corpus_dir, server={"ui": False})
    with serve_in_thread(create_app(settings)) as url, httpx.Client(base_url=url, timeout=60) as c:
        yield c


def test_citations_carry_a_view_url_that_highlights_the_passage(client: httpx.Client) -> None:
    data = client.post("/ask", json={"question": QUESTION}).json()
    assert data["citations"]
    for c in data["citations"]:
        assert c["view_url"].startswith(f"/view/{c['doc_id']}?")
    cite = data["citations"][0]
    page = client.get(cite["view_url"])
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    body = page.text
    marked = re.search(r'<mark id="cited">(.*?)</mark>', body, re.S)
    assert marked, body[:500]
    shown = " ".join(html.unescape(marked.group(1)).split())
    if cite["chunk_id"]:
        assert shown == " ".join(cite["text"].split())
    else:  # a structured answer's citation: the chunk holding the quoted passage's opening words
        assert " ".join(cite["text"].split())[:40] in shown
    assert f"<h1>{html.escape(cite['title'])}</h1>" in body
    if cite["section"]:
        assert html.escape(cite["section"]) in body
    assert 'class="source" href="https://example.invalid/' in body
    assert "http://" not in body.replace("https://example.invalid/", "")  # nothing fetched from elsewhere


def test_page_view_and_unknown_ids(client: httpx.Client) -> None:
    docs = client.get("/documents").json()["documents"]
    assert client.get(f"/view/{docs[0]['doc_id']}").status_code == 200
    for url in ("/view/no-such-doc", f"/view/{docs[0]['doc_id']}?chunk=nope:0001"):
        resp = client.get(url)
        assert resp.status_code == 404 and resp.json()["error"]["th"], resp.text


def test_pdf_links_open_at_the_cited_page() -> None:
    assert source_link("https://x.go.th/a.pdf", 7) == "https://x.go.th/a.pdf#page=7"
    assert source_link("https://x.go.th/law?id=1", 7) == "https://x.go.th/law?id=1"
    assert source_link("javascript:alert(1)", 1) is None


def test_chat_filters_restrict_the_question(mini_index: Settings, tmp_path: Path) -> None:
    from assistant.services import build_services
    from ui.chat import ChatHandlers, document_choices
    from ui.feedback_store import FeedbackStore

    services = build_services(mini_index)
    handlers = ChatHandlers(services, FeedbackStore(tmp_path / "fb.sqlite"))

    def cited(kind: str, doc_id: str = "") -> tuple[bool, set[str]]:
        *_, final = handlers.respond(QUESTION, [], [], "th", kind, doc_id)
        response = final[3]["response"]
        return response["abstained"], {c["doc_id"] for c in response["citations"]}

    assert cited("law") == (False, {"mini-act"})
    docs = cited("announcement")[1]
    assert docs == {"nan-transport"}, docs  # the answer (or the related passages) come from notices only
    assert cited("", "mini-plan")[1] == {"mini-plan"}
    options = document_choices(services.snapshot.documents, "law")
    assert [v for _, v in options] == ["", "mini-act"]
