"""An append-only JSON-lines record of every admin action (who by key id, what, when, outcome)."""

from __future__ import annotations

import json
import os
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

AUDIT_FILE = "admin-audit.jsonl"
_LOCK = threading.Lock()


def audit_path(data_dir: Path) -> Path:
    return Path(data_dir) / AUDIT_FILE


def record(data_dir: Path, *, key_id: str, action: str, outcome: str, **details: Any) -> dict[str, Any]:
    """Append one line and fsync it, so the record survives a crash right after the action."""
    entry = {
        "at": datetime.now(UTC).isoformat(timespec="milliseconds"),
        "key_id": key_id,
        "action": action,
        "outcome": outcome,
        **{k: v for k, v in details.items() if v is not None},
    }
    path = audit_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(entry, ensure_ascii=False) + "\n"
    with _LOCK, open(path, "a", encoding="utf-8") as fh:
        fh.write(line)
        fh.flush()
        os.fsync(fh.fileno())
    return entry


def read_all(data_dir: Path) -> list[dict[str, Any]]:
    """Every audit entry, oldest first (empty when nothing was recorded)."""
    path = audit_path(data_dir)
    if not path.is_file():
        return []
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
