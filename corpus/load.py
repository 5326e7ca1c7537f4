"""Load documents end to end: read the file, recover pages, strip running headers, repair the Thai."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from corpus.document import Document, DocumentSpec, PageSpan, RawPage
from corpus.gazette_pages import PageSplit, clean_pages, paginate
from corpus.loaders import load_raw_pages
from corpus.thai_repair import RepairReport, count_damage, repair_text
from dgplan.errors import DocumentLoadError

log = logging.getLogger(__name__)

PAGE_SEPARATOR = "\n\n"
_PAGINATED_SUFFIXES = (".md", ".markdown", ".txt")

ErrorHandler = Callable[[DocumentSpec, DocumentLoadError], None]


def load_document(spec: DocumentSpec) -> Document:
    """A repaired Document with page spans, repair counts and before/after damage counts."""
    raw_pages, metadata = load_raw_pages(spec)
    raw_text = PAGE_SEPARATOR.join(page.text for page in raw_pages)
    split = _split_pages(spec, raw_pages)

    report = RepairReport()
    repaired = [RawPage(repair_text(page.text, report).strip(), page.number) for page in split.pages]
    repaired = [page for page in repaired if page.text]
    if not repaired:
        raise DocumentLoadError(spec.doc_id, f"no text in {spec.path.name}")
    text, spans = join_pages(repaired)

    repairs = dict(report.counts)
    repairs["running_headers"] = split.headers_removed
    for name, count in count_damage(raw_text).items():
        repairs[f"before:{name}"] = count
    for name, count in count_damage(text).items():
        repairs[f"after:{name}"] = count
    metadata = {**metadata, **split.metadata()}
    if spans:
        metadata["printed_pages"] = f"{spans[0].number}-{spans[-1].number}"
    return Document(spec=spec, raw_text=raw_text, text=text, pages=spans, repairs=repairs, metadata=metadata)


def _split_pages(spec: DocumentSpec, raw_pages: list[RawPage]) -> PageSplit:
    """Text files get their pages recovered from the text; PDF pages only lose their running headers."""
    if (
        spec.path.suffix.lower() in _PAGINATED_SUFFIXES
        and len(raw_pages) == 1
        and raw_pages[0].number is None
    ):
        return paginate(raw_pages[0].text)
    return clean_pages(raw_pages)


def join_pages(pages: list[RawPage]) -> tuple[str, list[PageSpan]]:
    """Join page texts with a blank line and record where each numbered page lies in the result."""
    parts: list[str] = []
    spans: list[PageSpan] = []
    offset = 0
    for index, page in enumerate(pages):
        if index:
            parts.append(PAGE_SEPARATOR)
            offset += len(PAGE_SEPARATOR)
        if page.number is not None:
            spans.append(PageSpan(page.number, offset, offset + len(page.text)))
        parts.append(page.text)
        offset += len(page.text)
    return "".join(parts), spans


def _log_error(spec: DocumentSpec, error: DocumentLoadError) -> None:
    """Default error handler: a warning per skipped document."""
    log.warning("skipped %s: %s", spec.doc_id, error.reason)


def load_corpus(specs: Iterable[DocumentSpec], on_error: ErrorHandler | None = None) -> list[Document]:
    """Every document that loads; each failure goes to ``on_error`` and the rest still load."""
    handler = on_error or _log_error
    documents: list[Document] = []
    for spec in specs:
        try:
            documents.append(load_document(spec))
        except DocumentLoadError as error:
            handler(spec, error)
        except Exception as exc:  # one odd file must not stop ingest of the other ninety
            log.exception("unexpected failure loading %s", spec.doc_id)
            handler(spec, DocumentLoadError(spec.doc_id, f"unexpected {type(exc).__name__}: {exc}"))
    return documents
