"""In headless Chromium: while every answer slot is taken the chat says "busy, retrying…" (Thai and English)
and the API answers 503; once a slot frees up, the page retries by itself and shows the cited answer."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from api.app import create_app
from assistant.admission import Admission
from dgplan.settings import ServerSettings, Settings
from tests.browser import SHOTS
from tests.net import serve_in_thread

pytestmark = [pytest.mark.browser, pytest.mark.slow]

QUESTION = "คณะกรรมการบริการดิจิทัลประกอบด้วยใคร"


@pytest.fixture(scope="module")
def served(mini_index: Settings) -> Iterator[tuple[str, Admission]]:
    server = ServerSettings(max_in_flight=1, max_queue=0, retry_after_s=1)
    app = create_app(Settings(data_dir=mini_index.data_dir, corpus_dir=mini_index.corpus_dir, server=server))
    admission = app.state.admission
    with serve_in_thread(app, timeout=120) as url:
        yield url, admission


def test_saturated_chat_shows_busy_retrying_then_answers(served: tuple[str, Admission], browser: object) -> None:
    url, admission = served
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="th-TH")  # type: ignore[attr-defined]
    page = context.new_page()
    try:
        page.goto(url + "/")
        box = page.locator("#dg-question textarea")
        box.wait_for()
        assert admission.try_enter()  # the only slot is taken, as by a long burst of API requests
        try:
            refused = httpx.post(f"{url}/ask", json={"question": QUESTION}, timeout=30)
            assert refused.status_code == 503 and refused.headers["retry-after"] == "1", refused.text
            box.fill(QUESTION)
            box.press("Enter")
            busy = page.locator("#dg-chat .dg-busy")
            busy.wait_for(timeout=60_000)
            text = busy.inner_text()
            assert "ผู้ใช้งานจำนวนมาก" in text and "retrying" in text, text
            assert page.locator("#dg-chat .dg-error").count() == 0
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / "chat-busy-retrying.png"))
        finally:
            admission.leave()
        bot = page.locator("#dg-chat [data-testid='bot']").last
        bot.locator(".dg-sources").wait_for(timeout=120_000)  # retried on its own, then answered with sources
        assert page.locator("#dg-chat .dg-busy").count() == 0
        assert bot.locator("details.dg-cite").count() >= 1
        assert admission.in_flight == 0  # the UI gave its slot back
    finally:
        context.close()
