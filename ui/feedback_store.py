"""Durable 👍/👎 feedback on answers, in SQLite under the data directory, exportable as eval questions."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

FEEDBACK_FILE = "feedback.sqlite"
ExportFormat = Literal["jsonl", "csv"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    timestamp TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    citations TEXT NOT NULL DEFAULT '[]',
    rating INTEGER NOT NULL CHECK (rating IN (-1, 1)),
    comment TEXT NOT NULL DEFAULT '',
    abstained INTEGER NOT NULL DEFAULT 0,
    language TEXT NOT NULL DEFAULT ''
)
"""


@dataclass(frozen=True)
class FeedbackRow:
    """One stored rating; ``doc_ids`` lists cited documents in citation order, for use as eval gold."""

    id: int
    timestamp: str
    question: str
    answer: str
    citations: list[dict[str, Any]]
    rating: int
    comment: str
    abstained: bool
    language: str

    @property
    def doc_ids(self) -> list[str]:
        seen: list[str] = []
        for c in self.citations:
            doc_id = str(c.get("doc_id", ""))
            if doc_id and doc_id not in seen:
                seen.append(doc_id)
        return seen

    def export_record(self) -> dict[str, Any]:
        """The flat record written by ``dgplan feedback export`` (question first, like the eval files)."""
        return {
            "question": self.question,
            "answer": self.answer,
            "doc_ids": self.doc_ids,
            "rating": self.rating,
            "comment": self.comment,
            "abstained": self.abstained,
            "language": self.language,
            "timestamp": self.timestamp,
            "citations": [
                {k: c.get(k) for k in ("n", "doc_id", "title", "section", "page", "chunk_id")}
                for c in self.citations
            ],
        }


class FeedbackStore:
    """Thread-safe: one lock serialises writers; each call opens its own short-lived connection."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(_SCHEMA)

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> FeedbackStore:
        """The store every dgplan process shares for one data directory."""
        return cls(Path(data_dir) / FEEDBACK_FILE)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30)
        try:
            with db:
                yield db
        finally:
            db.close()

    def add(
        self,
        question: str,
        answer: str,
        citations: list[dict[str, Any]],
        rating: int,
        comment: str = "",
        abstained: bool = False,
        language: str = "",
    ) -> int:
        """Store one rating (+1 or -1) and return its id."""
        if rating not in (1, -1):
            raise ValueError(f"rating must be +1 or -1, got {rating!r}")
        row = (
            datetime.now(UTC).isoformat(timespec="seconds"),
            question,
            answer,
            json.dumps(citations, ensure_ascii=False),
            rating,
            (comment or "").strip(),
            int(abstained),
            language,
        )
        with self._lock, self._connect() as db:
            cur = db.execute(
                "INSERT INTO feedback"
                " (timestamp, question, answer, citations, rating, comment, abstained, language)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
            return int(cur.lastrowid or 0)

    def rows(self) -> list[FeedbackRow]:
        """Every rating, oldest first."""
        with self._connect() as db:
            cur = db.execute(
                "SELECT id, timestamp, question, answer, citations, rating, comment, abstained, language"
                " FROM feedback ORDER BY id"
            )
            return [
                FeedbackRow(
                    id=r[0],
                    timestamp=r[1],
                    question=r[2],
                    answer=r[3],
                    citations=json.loads(r[4] or "[]"),
                    rating=r[5],
                    comment=r[6],
                    abstained=bool(r[7]),
                    language=r[8],
                )
                for r in cur.fetchall()
            ]

    def count(self) -> int:
        """How many ratings are stored."""
        with self._connect() as db:
            return int(db.execute("SELECT COUNT(*) FROM feedback").fetchone()[0])


def export_text(rows: list[FeedbackRow], fmt: ExportFormat = "jsonl") -> str:
    """Rows as JSON Lines or CSV (lists are JSON-encoded in CSV cells)."""
    records = [r.export_record() for r in rows]
    if fmt == "jsonl":
        return "".join(json.dumps(rec, ensure_ascii=False) + "\n" for rec in records)
    if fmt == "csv":
        buf = io.StringIO()
        fields = ["question", "answer", "doc_ids", "rating", "comment", "abstained", "language", "timestamp"]
        writer = csv.DictWriter(buf, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        for rec in records:
            writer.writerow({**rec, "doc_ids": json.dumps(rec["doc_ids"], ensure_ascii=False)})
        return buf.getvalue()
    raise ValueError(f"unknown export format: {fmt}")


def _candidate_category(row: FeedbackRow) -> str:
    """A first guess at the eval category from what was cited (the maintainer confirms it)."""
    if row.language == "en":
        return "english"
    section = str((row.citations[0].get("section") if row.citations else "") or "")
    if section.startswith("มาตรา"):
        return "law"
    if section.startswith("โครงการ"):
        return "project_detail"
    return "citizen_service"


def eval_candidates(rows: list[FeedbackRow]) -> list[dict[str, Any]]:
    """👎 answers with a written correction as candidate eval questions (the dev split's JSONL shape).

    The user's correction becomes the expected fact (``answer_keys``), the first cited document and passage
    the gold ``doc_id``/``evidence``; ``review`` carries what a maintainer needs to accept, fix or drop it.
    """
    out = []
    for row in rows:
        if row.rating != -1 or not row.comment.strip():
            continue
        first = row.citations[0] if row.citations else {}
        out.append(
            {
                "id": f"fb-{row.id:05d}",
                "question": row.question,
                "language": row.language if row.language in ("th", "en") else "th",
                "category": _candidate_category(row),
                "doc_id": first.get("doc_id"),
                "evidence": " ".join(str(first.get("text") or "").split())[:300] or None,
                "answer_keys": [row.comment.strip()],
                "abstain": False,
                "page": first.get("page"),
                "section": first.get("section"),
                "review": {
                    "source": f"feedback #{row.id} ({row.timestamp})",
                    "answer_given": row.answer,
                    "cited_documents": row.doc_ids,
                    "todo": "check that the document states the expected fact; set category, evidence, keys",
                },
            }
        )
    return out


__all__ = ["FEEDBACK_FILE", "FeedbackRow", "FeedbackStore", "eval_candidates", "export_text"]
