"""A durable cache of passage embeddings keyed by text hash, so no text is ever embedded twice.

It is what makes ingest incremental and resumable: a killed run keeps every batch it committed.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import numpy as np


def text_hash(model_id: str, text: str) -> str:
    """Cache key: the embedder and the exact text embedded."""
    return hashlib.sha256(f"{model_id}\x00{text}".encode()).hexdigest()


class EmbeddingCache:
    """SQLite table hash -> float32 vector bytes; committed per batch."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS emb (h TEXT PRIMARY KEY, v BLOB NOT NULL)")
        self._db.commit()

    def get_many(self, keys: Sequence[str]) -> dict[str, list[float]]:
        """Vectors already cached for these keys."""
        found: dict[str, list[float]] = {}
        for i in range(0, len(keys), 500):
            part = list(keys[i : i + 500])
            marks = ",".join("?" * len(part))
            for h, blob in self._db.execute(f"SELECT h, v FROM emb WHERE h IN ({marks})", part):
                found[h] = np.frombuffer(blob, dtype=np.float32).tolist()
        return found

    def put_many(self, items: Sequence[tuple[str, Sequence[float]]]) -> None:
        """Store a batch and commit, so it survives a crash right after."""
        self._db.executemany(
            "INSERT OR REPLACE INTO emb (h, v) VALUES (?, ?)",
            [(h, np.asarray(v, dtype=np.float32).tobytes()) for h, v in items],
        )
        self._db.commit()

    def close(self) -> None:
        self._db.close()
