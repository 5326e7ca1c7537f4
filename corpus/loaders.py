"""Read one corpus file into raw pages and metadata, whatever its format; no repair happens here."""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml
from bs4 import BeautifulSoup

from corpus.document import DocumentSpec, RawPage
from dgplan.errors import DocumentLoadError

Loaded = tuple[list[RawPage], dict[str, str]]

_FRONT_MATTER_RE = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_HEADING_RE = re.compile(r"\A\s*#[ \t]+([^\n]*)\n?")
_BLOCK_TAGS = (
    "p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
    "section", "article", "header", "footer", "blockquote", "pre", "dd", "dt", "td", "th", "hr",
)  # fmt: skip


def load_raw_pages(spec: DocumentSpec) -> Loaded:
    """Pages and metadata of a document file, choosing the reader from the file extension."""
    loader = _LOADERS.get(spec.path.suffix.lower())
    if loader is None:
        raise DocumentLoadError(spec.doc_id, f"unsupported file type {spec.path.suffix or '(none)'!r}")
    if not spec.path.is_file():
        raise DocumentLoadError(spec.doc_id, f"file not found: {spec.path}")
    return loader(spec)


def _read_text(spec: DocumentSpec) -> str:
    """File text as UTF-8 (Windows line ends folded), with a load error instead of a traceback."""
    try:
        data = spec.path.read_bytes()
    except OSError as exc:
        raise DocumentLoadError(spec.doc_id, f"cannot read {spec.path}: {exc}") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp874")  # legacy Thai Windows encoding
        except UnicodeDecodeError as exc:
            raise DocumentLoadError(
                spec.doc_id, f"{spec.path.name} is neither UTF-8 nor TIS-620 text"
            ) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_markdown(spec: DocumentSpec) -> Loaded:
    """Markdown with optional YAML front matter; the duplicated ``# title`` line is dropped."""
    text = _read_text(spec)
    metadata: dict[str, str] = {}
    match = _FRONT_MATTER_RE.match(text)
    if match:
        try:
            meta = yaml.safe_load(match.group(1))
        except yaml.YAMLError as exc:
            raise DocumentLoadError(spec.doc_id, f"malformed YAML front matter: {exc}") from exc
        if isinstance(meta, dict):
            metadata = {str(k): _flat(v) for k, v in meta.items() if v is not None}
        text = text[match.end() :]
    heading = _HEADING_RE.match(text)
    if heading:
        title = " ".join(heading.group(1).split())
        known = {" ".join(metadata.get("name", "").split()), " ".join(spec.title.split())}
        if title in known or not metadata.get("name"):
            metadata.setdefault("name", title)
            text = text[heading.end() :]
    return [RawPage(text.strip("\n"))], metadata


def _flat(value: object) -> str:
    """Front matter values become plain strings (multi-line YAML folded to one line)."""
    return " ".join(str(value).split())


def load_text(spec: DocumentSpec) -> Loaded:
    """Plain text is taken as it is."""
    return [RawPage(_read_text(spec))], {}


def load_pdf(spec: DocumentSpec) -> Loaded:
    """PDF text page by page; encrypted, broken or image-only files are refused with a reason."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PyPdfError

    try:
        reader = PdfReader(spec.path)
        if reader.is_encrypted:
            try:
                unlocked = reader.decrypt("")
            except (PyPdfError, NotImplementedError) as exc:
                raise DocumentLoadError(spec.doc_id, f"encrypted PDF cannot be opened: {exc}") from exc
            if not unlocked:
                raise DocumentLoadError(spec.doc_id, "encrypted PDF needs a password")
        pages = [RawPage(page.extract_text() or "", number=i + 1) for i, page in enumerate(reader.pages)]
        info = reader.metadata
    except DocumentLoadError:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise DocumentLoadError(spec.doc_id, f"unreadable PDF ({type(exc).__name__}: {exc})") from exc
    if not pages:
        raise DocumentLoadError(spec.doc_id, "PDF has no pages")
    if not any(page.text.strip() for page in pages):
        raise DocumentLoadError(
            spec.doc_id, f"PDF has no extractable text in {len(pages)} page(s) (scanned?)"
        )
    metadata = {"pdf_pages": str(len(pages))}
    if info is not None and info.title:
        metadata["pdf_title"] = str(info.title)
    return pages, metadata


def load_html(spec: DocumentSpec) -> Loaded:
    """Visible text of an HTML page (e.g. Council of State), one line per block element."""
    text = _read_text(spec)
    soup = BeautifulSoup(text, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for tag in soup(["script", "style", "noscript", "template", "head"]):
        tag.decompose()
    for tag in soup.find_all(_BLOCK_TAGS):
        if tag.name == "br":
            tag.replace_with("\n")
        else:
            tag.insert_before("\n")
            tag.insert_after("\n")
    lines = [" ".join(line.split()) for line in soup.get_text().splitlines()]
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    if not body:
        raise DocumentLoadError(spec.doc_id, "HTML page has no visible text")
    return [RawPage(body)], ({"html_title": title} if title else {})


_LOADERS: dict[str, Callable[[DocumentSpec], Loaded]] = {
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".txt": load_text,
    ".pdf": load_pdf,
    ".html": load_html,
    ".htm": load_html,
}
