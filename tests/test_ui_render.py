"""The chat bubble HTML: answers, abstentions, citations and project cards render safely and readably."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from assistant.schemas import AskRequest, AskResponse, Citation, ProjectCard
from dgplan.errors import IndexNotReady
from ui.friendly_errors import friendly_message
from ui.render import (
    answer_text_html,
    citation_html,
    error_html,
    partial_html,
    project_card_html,
    response_html,
    working_html,
)


def _cite(n: int = 1, **kw: object) -> Citation:
    base: dict[str, object] = {
        "n": n,
        "doc_id": f"doc-{n}",
        "title": "พ.ร.บ. การบริหารงานและการให้บริการภาครัฐผ่านระบบดิจิทัล พ.ศ. 2562",
        "section": "มาตรา 13",
        "page": 4,
        "text": "มาตรา 13 หน่วยงานของรัฐต้อง\nจัดให้มีระบบดิจิทัล",
        "source_url": "https://www.ratchakitcha.soc.go.th/x.pdf",
        "score": 0.9,
    }
    base.update(kw)
    return Citation.model_validate(base)


def _answer(**kw: object) -> AskResponse:
    base: dict[str, object] = {
        "answer": "จากเอกสารที่อ้างอิง:\nหน่วยงานของรัฐต้องจัดให้มีระบบดิจิทัล [1]",
        "abstained": False,
        "language": "th",
        "mode": "extractive",
        "citations": [_cite(1)],
    }
    base.update(kw)
    return AskResponse.model_validate(base)


def test_answer_keeps_markers_and_lists_numbered_citations() -> None:
    html = response_html(_answer())
    assert '<span class="dg-ref">[1]</span>' in html
    assert "แหล่งอ้างอิง" in html
    assert '<details class="dg-cite" data-n="1">' in html
    assert "มาตรา 13 · หน้า 4" in html
    assert 'href="https://www.ratchakitcha.soc.go.th/x.pdf"' in html
    assert "dg-abstain" not in html


def test_bubble_is_one_html_block_without_blank_lines() -> None:
    """A blank line would end the Markdown HTML block and show raw tags in the chat."""
    html = response_html(_answer(answer="ก [1]\n\n\nข [2]", citations=[_cite(1), _cite(2, text="x\n\n\ny")]))
    assert "\n\n" not in html and "\n" not in html


def test_citation_passage_opens_on_click_and_is_escaped() -> None:
    html = citation_html(_cite(2, text="<script>alert(1)</script> ข้อความ", title="A & B"), "th")
    assert html.startswith("<details") and "<summary>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "A &amp; B" in html
    assert '<div class="dg-passage">' in html


def test_citation_without_url_or_location_has_no_link() -> None:
    html = citation_html(_cite(1, source_url=None, section=None, page=None), "th")
    assert 'class="dg-link"' not in html and "dg-where" not in html
    assert html.count("<a ") == 1 and 'class="dg-view" href="/view/' in html  # the in-app viewer, always there
    assert "javascript" not in citation_html(_cite(1, source_url="javascript:alert(1)"), "th")


def test_citations_are_listed_in_number_order() -> None:
    html = response_html(_answer(citations=[_cite(2), _cite(1)]))
    assert html.index('data-n="1"') < html.index('data-n="2"')


def test_abstention_is_a_distinct_notice_with_related_passages() -> None:
    resp = _answer(answer="ไม่พบข้อมูลนี้ในเอกสารที่มีอยู่", abstained=True, citations=[_cite(1)])
    html = response_html(resp)
    assert 'class="dg-abstain"' in html
    assert "ไม่พบข้อมูลนี้ในเอกสาร" in html
    assert "ข้อความที่เกี่ยวข้อง" in html and "แหล่งอ้างอิง" not in html
    assert "dg-answer" not in html


def test_english_labels() -> None:
    resp = _answer(answer="I could not find this.", abstained=True, language="en", citations=[])
    html = response_html(resp)
    assert "⚠️ I could not find this." in html and html.count("could not find") == 1
    long = resp.model_copy(update={"answer": "x" * 200})
    assert "Not found in the documents" in response_html(long, "en")
    assert "Sources" in response_html(_answer(), "en")
    assert "p. 4" in response_html(_answer(), "en")


def test_project_card_shows_owners_budget_and_years() -> None:
    card = ProjectCard(
        number="4.9",
        name_th="โครงการแพลตฟอร์มกลาง",
        name_en="Central platform",
        strategy=4,
        owners=["สำนักงานพัฒนารัฐบาลดิจิทัล", "กรมสรรพากร"],
        budget_million_baht=1234.5,
        fiscal_years="2566–2568",
        duration_months=36,
        page=88,
    )
    html = response_html(_answer(projects=[card]))
    assert 'class="dg-card"' in html
    assert "สำนักงานพัฒนารัฐบาลดิจิทัล, กรมสรรพากร" in html
    assert "1,234.5 ล้านบาท" in html and "2566–2568" in html and "36 เดือน" in html
    assert "Central platform" in project_card_html(card, "en")
    unknown = card.model_copy(update={"budget_million_baht": None, "budget_note": "ไม่ระบุ"})
    no_budget = project_card_html(unknown, "th")
    assert "ไม่ระบุ" in no_budget


def test_streaming_working_and_error_states() -> None:
    assert "dg-streaming" in partial_html("กำลัง [1]") and 'class="dg-ref"' in partial_html("ก [1]")
    assert "กำลังค้นหา" in working_html("th") and "Searching" in working_html("en")
    assert "<b>" not in error_html("<b>x</b>", "th")
    assert answer_text_html("a\n\nb") == '<p class="dg-p">a b</p>'


def test_answer_paragraphs_follow_citation_markers() -> None:
    html = answer_text_html("จากเอกสารที่อ้างอิง:\nบรรทัดหนึ่ง\nต่อกัน [1]\nมาตรา\n๑\n\x93ชื่อ\x94 [2]")
    assert html.count('<p class="dg-p">') == 3
    assert "บรรทัดหนึ่ง ต่อกัน" in html and "มาตรา ๑ “ชื่อ”" in html


def test_passage_joins_orphan_short_lines() -> None:
    html = citation_html(_cite(1, text="มาตรา\n๑\nพระราชบัญญัตินี้เรียกว่า\nบรรทัดยาวพอสมควรแล้วครับ"), "th")
    assert "มาตรา ๑ พระราชบัญญัตินี้เรียกว่า<br>บรรทัดยาวพอสมควรแล้วครับ" in html


def test_friendly_errors_never_show_tracebacks() -> None:
    with pytest.raises(ValidationError) as empty:
        AskRequest(question="")
    assert friendly_message(empty.value, "th") == "กรุณาพิมพ์คำถามก่อนกดส่ง"
    with pytest.raises(ValidationError) as long:
        AskRequest(question="ก" * 5000)
    assert "2,000" in friendly_message(long.value, "th")
    assert "characters" in friendly_message(long.value, "en")
    assert "dgplan ingest" in friendly_message(IndexNotReady(), "th")
    msg = friendly_message(RuntimeError("boom at line 3"), "en")
    assert "boom" not in msg and "Traceback" not in msg
