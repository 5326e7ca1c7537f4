"""Repaired document texts stored with an index version, so the next ingest reuses unchanged documents.

An unchanged document (same fingerprint) is read back from here instead of being loaded and repaired again;
derived artefacts that read every document (aliases, the project registry) still see its full text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from corpus.document import Document, DocumentSpec, PageSpan

TEXTS_FILE = "texts.jsonl"


def write_documents(version_dir: Path, docs: Iterable[Document]) -> None:
    """One JSON object per loaded document: repaired text, page spans, repair counts, front matter."""
    with open(version_dir / TEXTS_FILE, "w", encoding="utf-8") as fh:
        for doc in docs:
            row = {
                "doc_id": doc.doc_id,
                "text": doc.text,
                "pages": [[p.number, p.start, p.end] for p in doc.pages],
                "repairs": doc.repairs,
                "metadata": doc.metadata,
            }
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_documents(version_dir: Path, specs: dict[str, DocumentSpec]) -> dict[str, Document]:
    """The stored documents whose id is in ``specs``, rebuilt with those specs (raw text is not kept).

    An older version without the file yields nothing, so every document is loaded afresh.
    """
    path = version_dir / TEXTS_FILE
    if not specs or not path.exists():
        return {}
    out: dict[str, Document] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            spec = specs.get(row["doc_id"])
            if spec is None:
                continue
            out[spec.doc_id] = Document(
                spec=spec,
                raw_text="",
                text=row["text"],
                pages=[PageSpan(int(n), int(s), int(e)) for n, s, e in row["pages"]],
                repairs={str(k): int(v) for k, v in row["repairs"].items()},
                metadata={str(k): str(v) for k, v in row["metadata"].items()},
            )
    return out
