"""Pure functions turning an AskResponse into the HTML shown in a chat bubble (testable without a browser).

Everything from the documents or the user is HTML-escaped here; the output is one HTML block without blank
lines so the chatbot's Markdown renderer passes it through untouched.
"""

from __future__ import annotations

import html
import re
from typing import Literal

from assistant.schemas import AskResponse, Citation, ProjectCard
from corpus.thai_repair import map_c1_controls

Lang = Literal["th", "en"]

LABELS: dict[str, dict[str, str]] = {
    "th": {
        "sources": "แหล่งอ้างอิง",
        "related": "ข้อความที่เกี่ยวข้อง (อาจไม่ได้ตอบคำถามโดยตรง)",
        "not_found": "ไม่พบข้อมูลนี้ในเอกสาร",
        "not_found_hint": "ลองถามให้เจาะจงขึ้น เช่น ระบุชื่อกฎหมาย มาตรา หรือเลขโครงการ",
        "page": "หน้า",
        "open_source": "เปิดเอกสารต้นฉบับ ↗",
        "working": "กำลังค้นหาในเอกสาร…",
        "project": "โครงการสำคัญ",
        "owners": "หน่วยงานรับผิดชอบ",
        "budget": "งบประมาณ",
        "million_baht": "ล้านบาท",
        "years": "ปีงบประมาณ",
        "duration": "ระยะเวลา",
        "months": "เดือน",
        "strategy": "ยุทธศาสตร์ที่",
        "error": "เกิดข้อผิดพลาด",
        "show_passage": "คลิกเพื่ออ่านข้อความที่อ้างถึง",
        "view": "ดูข้อความนี้ในเอกสาร ↗",
    },
    "en": {
        "sources": "Sources",
        "related": "Related passages (may not answer the question directly)",
        "not_found": "Not found in the documents",
        "not_found_hint": "Try a more specific question, e.g. name the law, section or project number.",
        "page": "p.",
        "open_source": "Open the source document ↗",
        "working": "Searching the documents…",
        "project": "Key project",
        "owners": "Responsible agencies",
        "budget": "Budget",
        "million_baht": "million baht",
        "years": "Fiscal years",
        "duration": "Duration",
        "months": "months",
        "strategy": "Strategy",
        "error": "Something went wrong",
        "show_passage": "Click to read the cited passage",
        "view": "See it in the document ↗",
    },
}

_MARKER = re.compile(r"\[(\d{1,3})\]")
_PARA_END = re.compile(r"(\[\d{1,3}\]|[:：])\s*$")
# PDF text sometimes carries cp1252 quotes as C1 control characters (\x93 “ \x94 ”): show the intended glyph.
SHORT_LINE = 12


def label(lang: str, key: str) -> str:
    """One UI string in the chosen language (Thai when unknown), so render and layout share wording."""
    return LABELS.get(lang, LABELS["th"])[key]


def _esc(text: str | None) -> str:
    return html.escape(text or "", quote=True)


def clean_text(text: str) -> str:
    """Normalise display text: C1 controls to their cp1252 glyphs, no-break spaces to spaces."""
    return map_c1_controls(text).replace("\xa0", " ").replace("\r", "")


def _lines(text: str) -> list[str]:
    return [x.strip() for x in clean_text(text).split("\n") if x.strip()]


def _text_html(text: str) -> str:
    """Escape text and keep its line breaks without emitting blank lines (which would end the HTML block).

    Very short lines (a PDF wrapping "มาตรา" / "๑" onto lines of their own) are joined to the next line.
    """
    out: list[str] = []
    pending = ""
    for line in _lines(text):
        line = f"{pending} {line}".strip() if pending else line
        if len(line) <= SHORT_LINE:
            pending = line
            continue
        pending = ""
        out.append(_esc(line))
    if pending:
        out.append(_esc(pending))
    return "<br>".join(out)


def answer_text_html(text: str) -> str:
    """The answer as paragraphs, one per cited quote, with ``[n]`` markers highlighted.

    Extracted quotes keep the PDF's line breaks; a paragraph ends only after a ``[n]`` marker or a lead-in
    line ending with a colon, so each quote reads as one flowing sentence.
    """
    paras: list[str] = []
    current: list[str] = []
    for line in _lines(text):
        current.append(line)
        if _PARA_END.search(line):
            paras.append(" ".join(current))
            current = []
    if current:
        paras.append(" ".join(current))
    body = "".join(f'<p class="dg-p">{_esc(p)}</p>' for p in paras)
    return _MARKER.sub(r'<span class="dg-ref">[\1]</span>', body)


def citation_location(c: Citation, lang: str) -> str:
    """'section · page' for a citation heading (empty when neither is known)."""
    parts = [c.section.strip() if c.section else ""]
    if c.page:
        parts.append(f"{label(lang, 'page')} {c.page}")
    return " · ".join(p for p in parts if p)


def citation_html(c: Citation, lang: str) -> str:
    """One numbered citation; the passage opens on click so the answer stays short."""
    where = citation_location(c, lang)
    where_html = f' <span class="dg-where">— {_esc(where)}</span>' if where else ""
    link = (
        f'<a class="dg-link" href="{_esc(c.source_url)}" target="_blank" rel="noopener noreferrer">'
        f"{label(lang, 'open_source')}</a>"
        if c.source_url and c.source_url.startswith(("http://", "https://"))
        else ""
    )
    view = (
        f'<a class="dg-view" href="{_esc(c.view_url)}" target="_blank" rel="noopener">{label(lang, "view")}</a> '
    )
    return (
        f'<details class="dg-cite" data-n="{c.n}">'
        f'<summary><span class="dg-num">[{c.n}]</span> <span class="dg-title">{_esc(c.title)}</span>'
        f"{where_html}</summary>"
        f'<div class="dg-passage">{_text_html(c.text)}</div>'
        f"{view}{link}"
        "</details>"
    )


def citations_html(citations: list[Citation], lang: str, heading_key: str = "sources") -> str:
    """The numbered source list under an answer (empty string when there is nothing to cite)."""
    if not citations:
        return ""
    items = "".join(citation_html(c, lang) for c in sorted(citations, key=lambda c: c.n))
    return f'<div class="dg-sources"><div class="dg-h">{label(lang, heading_key)}</div>{items}</div>'


def _budget(p: ProjectCard, lang: str) -> str:
    if p.budget_million_baht is None:
        return _esc(p.budget_note) if p.budget_note else "—"
    amount = f"{p.budget_million_baht:,.2f}".rstrip("0").rstrip(".")
    note = f" ({_esc(p.budget_note)})" if p.budget_note else ""
    return f"{amount} {label(lang, 'million_baht')}{note}"


def project_card_html(p: ProjectCard, lang: str) -> str:
    """A key project's owners, budget and years at a glance."""
    name = _esc(p.name_en if lang == "en" and p.name_en else p.name_th)
    other = p.name_th if lang == "en" else p.name_en
    rows = [
        (label(lang, "owners"), ", ".join(_esc(o) for o in p.owners) or "—"),
        (label(lang, "budget"), _budget(p, lang)),
        (label(lang, "years"), _esc(p.fiscal_years) or "—"),
    ]
    if p.duration_months:
        rows.append((label(lang, "duration"), f"{p.duration_months} {label(lang, 'months')}"))
    dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    sub = f'<div class="dg-sub">{_esc(other)}</div>' if other else ""
    page = f' · {label(lang, "page")} {p.page}' if p.page else ""
    return (
        '<div class="dg-card">'
        f'<div class="dg-card-kicker">{label(lang, "project")} {_esc(p.number)} · '
        f'{label(lang, "strategy")} {p.strategy}{page}</div>'
        f'<div class="dg-card-title">{name}</div>{sub}<dl>{dl}</dl></div>'
    )


def abstention_html(response: AskResponse, lang: str) -> str:
    """A visibly different notice, followed by the passages that came closest."""
    lines = [x.strip() for x in response.answer.strip().split("\n") if x.strip()]
    title = lines[0] if lines and len(lines[0]) <= 120 else label(lang, "not_found")
    rest = lines[1:] if lines and title == lines[0] else lines
    body = f"<div>{_text_html(chr(10).join(rest))}</div>" if rest else ""
    return (
        '<div class="dg-abstain" role="status">'
        f'<div class="dg-abstain-title">⚠️ {_esc(title)}</div>'
        f"{body}"
        f'<div class="dg-hint">{label(lang, "not_found_hint")}</div>'
        "</div>"
        f"{citations_html(response.citations, lang, 'related')}"
    )


def response_html(response: AskResponse, lang: str | None = None) -> str:
    """The full assistant bubble: answer or abstention, project cards, then numbered citations."""
    lang = lang or response.language
    if response.abstained:
        return f'<div class="dg-msg">{abstention_html(response, lang)}</div>'
    cards = "".join(project_card_html(p, lang) for p in response.projects)
    return (
        '<div class="dg-msg">'
        f'<div class="dg-answer">{answer_text_html(response.answer)}</div>'
        f"{cards}{citations_html(response.citations, lang)}"
        "</div>"
    )


def partial_html(text: str) -> str:
    """The answer while it is still streaming in."""
    return f'<div class="dg-msg"><div class="dg-answer dg-streaming">{answer_text_html(text)}</div></div>'


def working_html(lang: str) -> str:
    """The visible 'working' state shown between submit and the first answer text."""
    return (
        '<div class="dg-msg dg-working" role="status"><span class="dg-spin"></span>'
        f'{label(lang, "working")}</div>'
    )


def busy_html(message: str, other_language: str) -> str:
    """The 'busy, retrying…' state while the server is saturated: a spinner and both languages, no alarm."""
    return (
        '<div class="dg-msg dg-working dg-busy" role="status"><span class="dg-spin"></span>'
        f'<div><div>{_esc(message)}</div><div class="dg-hint">{_esc(other_language)}</div></div></div>'
    )


def error_html(message: str, lang: str) -> str:
    """A friendly error bubble (never a traceback)."""
    return (
        '<div class="dg-msg dg-error" role="alert">'
        f'<div class="dg-abstain-title">{label(lang, "error")}</div>'
        f"<div>{_esc(message)}</div></div>"
    )


def user_html(question: str) -> str:
    """The user's own question, escaped so typed markup shows as text."""
    return _text_html(question)
