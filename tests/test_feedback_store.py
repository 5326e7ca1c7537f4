"""Feedback is stored durably, survives concurrent writers and exports as eval-ready rows."""

from __future__ import annotations

import csv
import io
import json
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dgplan.cli.feedback_commands import feedback_app
from ui.feedback_store import FEEDBACK_FILE, FeedbackStore, export_text

CITES = [
    {"n": 1, "doc_id": "dga-plan-2566-2570", "title": "แผน", "section": "4.9", "page": 88, "score": 1.0},
    {"n": 2, "doc_id": "act-2562", "title": "พ.ร.บ.", "section": "มาตรา 13", "page": 4, "score": 0.5},
    {"n": 3, "doc_id": "dga-plan-2566-2570", "title": "แผน", "section": None, "page": 9, "score": 0.4},
]


def test_write_read_roundtrip(tmp_path: Path) -> None:
    store = FeedbackStore.in_data_dir(tmp_path)
    rid = store.add("หน่วยงานใดรับผิดชอบโครงการ 4.9", "สพร. [1]", CITES, -1, " อ้างอิงผิด ", language="th")
    assert rid == 1 and (tmp_path / FEEDBACK_FILE).exists()
    again = FeedbackStore.in_data_dir(tmp_path)  # a new process sees the same rows
    [row] = again.rows()
    assert row.question == "หน่วยงานใดรับผิดชอบโครงการ 4.9"
    assert row.rating == -1 and row.comment == "อ้างอิงผิด"
    assert row.doc_ids == ["dga-plan-2566-2570", "act-2562"]
    assert row.timestamp.endswith("+00:00")


def test_rating_must_be_plus_or_minus_one(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        FeedbackStore.in_data_dir(tmp_path).add("q", "a", [], 0)


def test_concurrent_writes_from_threads(tmp_path: Path) -> None:
    store = FeedbackStore.in_data_dir(tmp_path)
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            for j in range(20):
                store.add(f"q{i}-{j}", "a", CITES[:1], 1 if j % 2 else -1)
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors
    assert store.count() == 160
    assert len({r.question for r in store.rows()}) == 160


def test_export_jsonl_and_csv(tmp_path: Path) -> None:
    store = FeedbackStore.in_data_dir(tmp_path)
    store.add("คำถาม, มี \"จุลภาค\"", "ตอบ\nสองบรรทัด", CITES, 1, "ดี")
    store.add("q2", "a2", [], -1)
    records = [json.loads(line) for line in export_text(store.rows(), "jsonl").splitlines()]
    assert records[0]["question"] == "คำถาม, มี \"จุลภาค\""
    assert records[0]["doc_ids"] == ["dga-plan-2566-2570", "act-2562"]
    assert {"question", "answer", "doc_ids", "rating", "comment", "timestamp"} <= set(records[0])
    assert records[1]["rating"] == -1 and records[1]["doc_ids"] == []
    rows = list(csv.DictReader(io.StringIO(export_text(store.rows(), "csv"))))
    assert rows[0]["answer"] == "ตอบ\nสองบรรทัด" and json.loads(rows[0]["doc_ids"])[1] == "act-2562"
    with pytest.raises(ValueError):
        export_text([], "xml")  # type: ignore[arg-type]


def test_cli_export(tmp_path: Path) -> None:
    FeedbackStore.in_data_dir(tmp_path).add("q", "a", CITES, -1, "ผิด")
    FeedbackStore.in_data_dir(tmp_path).add("q+", "a", CITES, 1)
    runner = CliRunner()
    out = tmp_path / "out" / "fb.jsonl"
    base = ["export", "--data-dir", str(tmp_path)]
    res = runner.invoke(feedback_app, [*base, "--out", str(out), "--only", "down"])
    assert res.exit_code == 0, res.output
    [rec] = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert rec["comment"] == "ผิด" and rec["rating"] == -1
    res = runner.invoke(feedback_app, [*base, "--format", "csv"])
    assert res.exit_code == 0 and res.output.startswith("question,answer,doc_ids")
    assert runner.invoke(feedback_app, [*base, "--format", "xml"]).exit_code == 2
    empty = runner.invoke(feedback_app, ["export", "--data-dir", str(tmp_path / "none")])
    assert empty.exit_code == 0 and empty.output == ""
