"""GET /view/{doc_id}: the cited page or section in its repaired text, the cited passage highlighted.

Chunks are exact slices of a document's repaired text and together cover it, so the page is rebuilt from
the live index's chunk catalogue: no extra artefact, and it always matches what was cited. The page is
self-contained (inline CSS, system fonts, no scripts from elsewhere), so it works offline.
"""

from __future__ import annotations

import html
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from corpus.thai_repair import map_c1_controls
from dgplan.errors import DocumentNotFound
from index.chunk_record import ChunkRecord

router = APIRouter(tags=["documents"])

CONTEXT_CHUNKS = 6  # chunks shown either side of the cited one when it has no page or section to follow
MAX_CHUNKS = 40  # a very long page or section is cut around the cited chunk

KIND_LABELS = {
    "plan": ("แผน", "Plan"),
    "law": ("กฎหมาย", "Law"),
    "act": ("กฎหมาย (คลังกฎหมาย)", "Act (law library)"),
    "announcement": ("ประกาศ", "Notice"),
    "standard": ("มาตรฐาน", "Standard"),
    "letter": ("หนังสือ", "Letter"),
    "other": ("เอกสาร", "Document"),
}

_CSS = """
body { font-family: "Noto Sans Thai", Sarabun, "Leelawadee UI", Tahoma, Loma, Garuda, system-ui, sans-serif;
  margin: 0; background: #f8fafc; color: #0f172a; line-height: 1.75; }
header { background: #fff; border-bottom: 1px solid #e2e8f0; padding: 14px 20px; position: sticky; top: 0; }
h1 { font-size: 1.15rem; margin: 0 0 4px; }
.meta { font-size: .9rem; color: #475569; display: flex; flex-wrap: wrap; gap: 6px 14px; }
.meta a { color: #1d4ed8; }
main { max-width: 860px; margin: 0 auto; padding: 16px 20px 60px; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; background: #fff; border: 1px solid #e2e8f0;
  border-radius: 8px; padding: 16px 18px; }
mark#cited { background: #fde68a; outline: 2px solid #f59e0b; border-radius: 3px; padding: 1px 0; }
.gap { color: #94a3b8; }
nav { margin-top: 12px; font-size: .9rem; display: flex; justify-content: space-between; }
nav a { color: #1d4ed8; }
"""


def _esc(text: str | None) -> str:
    return html.escape(map_c1_controls(text or "").replace("\xa0", " "), quote=True)


def _context(chunks: list[ChunkRecord], cited: ChunkRecord | None, page: int | None) -> list[ChunkRecord]:
    """The cited chunk's printed page, else its section, else its neighbours (a page number alone: that page)."""
    if cited is not None and cited.page is not None:
        shown = [c for c in chunks if c.page == cited.page]
    elif cited is not None and cited.section:  # the section, with a little of what precedes and follows it
        rows = [i for i, c in enumerate(chunks) if c.section == cited.section]
        shown = chunks[max(0, rows[0] - 2) : rows[-1] + 3]
    elif cited is not None:
        i = chunks.index(cited)
        shown = chunks[max(0, i - CONTEXT_CHUNKS) : i + CONTEXT_CHUNKS + 1]
    else:
        shown = [c for c in chunks if c.page == page] or chunks[:MAX_CHUNKS]
    if len(shown) > MAX_CHUNKS and cited is not None:
        i = shown.index(cited)
        lo = max(0, i - MAX_CHUNKS // 2)
        shown = shown[lo : lo + MAX_CHUNKS]
    return shown


def locate(chunks: list[ChunkRecord], section: str | None, page: int | None, quote: str | None) -> list[ChunkRecord]:
    """The chunks a citation without a chunk id points at: those holding its opening words (within its section
    or page when given), else all of its section."""
    scope = [c for c in chunks if (not section or c.section == section) and (page is None or c.page == page)]
    scope = scope or [c for c in chunks if page is None or c.page == page] or chunks
    if quote:
        words = " ".join(quote.split())
        for size in (len(words), 40, 20):
            probe = words[:size]
            found = [c for c in scope if probe and probe in " ".join(c.text.split())]
            if found:
                return found[:1]
    return [c for c in scope if section and c.section == section]


def _text_html(shown: list[ChunkRecord], cited: ChunkRecord | None) -> str:
    """The chunks in text order, joined as the repaired text joined them, the cited one in <mark>."""
    parts: list[str] = []
    end: int | None = None
    for c in sorted(shown, key=lambda c: c.start):
        if end is not None and c.start > end:
            parts.append("\n\n" if c.start - end > 1 else " ")
        elif end is not None and c.start < end:
            parts.append('<span class="gap"> … </span>')
        body = _esc(c.text)
        parts.append(f'<mark id="cited">{body}</mark>' if cited is not None and c.chunk_id == cited.chunk_id else body)
        end = c.end
    return "".join(parts)


def source_link(source_url: str | None, page: int | None) -> str | None:
    """The official link; a PDF opens at the cited page (``#page=N``)."""
    if not source_url or not source_url.startswith(("http://", "https://")):
        return None
    if page and source_url.split("?")[0].lower().endswith(".pdf") and "#" not in source_url:
        return f"{source_url}#page={page}"
    return source_url


def render_view(doc: dict[str, Any], chunks: list[ChunkRecord], cited: ChunkRecord | None, page: int | None) -> str:
    """The whole viewer page as HTML."""
    shown = _context(chunks, cited, page)
    where_page = cited.page if cited is not None else page
    th_kind, en_kind = KIND_LABELS.get(str(doc.get("kind")), KIND_LABELS["other"])
    meta = [f"<span>{th_kind} · {en_kind}</span>"]
    section = cited.section if cited is not None else None
    if section:
        meta.append(f'<span class="section">{_esc(section)}</span>')
    if where_page:
        meta.append(f'<span class="page">หน้า {where_page} · page {where_page}</span>')
    link = source_link(doc.get("source_url"), where_page)
    if link:
        meta.append(
            f'<a class="source" href="{_esc(link)}" target="_blank" rel="noopener noreferrer">'
            "เอกสารต้นฉบับ · Official source ↗</a>"
        )
    nav = ""
    if where_page is not None:
        pages = sorted({c.page for c in chunks if c.page is not None})
        prev = max((p for p in pages if p < where_page), default=None)
        nxt = min((p for p in pages if p > where_page), default=None)
        doc_path = f"/view/{html.escape(str(doc['doc_id']), quote=True)}"
        nav = "<nav>" + (f'<a href="{doc_path}?page={prev}">← หน้า {prev}</a>' if prev is not None else "<span></span>")
        nav += (f'<a href="{doc_path}?page={nxt}">หน้า {nxt} →</a>' if nxt is not None else "<span></span>") + "</nav>"
    title = _esc(str(doc.get("title") or doc["doc_id"]))
    return (
        '<!doctype html><html lang="th"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{_CSS}</style></head><body>"
        f'<header><h1>{title}</h1><div class="meta">{"".join(meta)}</div></header>'
        f'<main><div class="text">{_text_html(shown, cited)}</div>{nav}</main>'
        "<script>var m=document.getElementById('cited');if(m){m.scrollIntoView({block:'center'});}</script>"
        "</body></html>"
    )


@router.get("/view/{doc_id}", response_class=HTMLResponse)
def view(
    doc_id: str,
    request: Request,
    chunk: str | None = Query(default=None, max_length=200, description="Cited chunk id (highlighted)."),
    page: int | None = Query(default=None, ge=0, le=100000, description="Printed page to show."),
    section: str | None = Query(default=None, max_length=200, description="Cited section (no chunk id)."),
    q: str | None = Query(default=None, max_length=400, description="Opening words of the cited passage."),
) -> HTMLResponse:
    """A page showing the cited passage highlighted in its page or section, with a link to the official source."""
    snapshot = request.app.state.services.snapshot
    doc = snapshot.document(doc_id)  # 404 in the error envelope when unknown
    chunks = sorted(snapshot.doc_chunks(doc_id), key=lambda c: c.start)
    cited = None
    if chunk is not None:
        cited = next((c for c in chunks if c.chunk_id == chunk), None)
        if cited is None:
            raise DocumentNotFound(f"{doc_id} (chunk {chunk})")
    elif section or q:
        cited = next(iter(locate(chunks, section, page, q)), None)
    return HTMLResponse(render_view(doc, chunks, cited, page))
