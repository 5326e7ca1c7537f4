"""In headless Chromium: ask in the chat page, open a citation, follow its viewer link, see the highlighted passage."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from api.app import create_app
from dgplan.settings import Settings
from tests.browser import SHOTS
from tests.net import serve_in_thread

pytestmark = [pytest.mark.browser, pytest.mark.slow]

QUESTION = "คณะกรรมการบริการดิจิทัลประกอบด้วยใคร"


@pytest.fixture(scope="module")
def base_url(mini_index: Settings) -> Iterator[str]:
    settings = Settings(data_dir=mini_index.data_dir, corpus_dir=mini_index.corpus_dir)
    with serve_in_thread(create_app(settings), timeout=120) as url:
        yield url


def test_citation_link_opens_the_highlighted_passage(base_url: str, browser: object) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="th-TH")  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto(base_url + "/")
        box = page.locator("#dg-question textarea")
        box.fill(QUESTION)
        box.press("Enter")
        bot = page.locator("#dg-chat [data-testid='bot']").last
        bot.locator(".dg-sources").wait_for(timeout=120_000)
        cite = bot.locator("details.dg-cite").first
        cite.locator("summary").click()
        link = cite.locator("a.dg-view")
        link.wait_for(state="visible")
        with context.expect_page() as popup:
            link.click()
        viewer = popup.value
        viewer.wait_for_load_state()
        mark = viewer.locator("mark#cited")
        mark.wait_for(state="visible", timeout=30_000)
        assert len(mark.inner_text().strip()) > 20
        box_ = mark.bounding_box()
        assert box_ is not None and 0 <= box_["y"] < 800, "the highlighted passage is scrolled into view"
        assert viewer.locator("h1").inner_text().strip()
        SHOTS.mkdir(parents=True, exist_ok=True)
        viewer.screenshot(path=str(SHOTS / "viewer-highlight.png"))
    finally:
        context.close()
