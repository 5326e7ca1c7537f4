"""The eval runner end to end: the smoke subset, in-process, against an index of the full shared corpus."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

pytestmark = pytest.mark.slow

SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.fixture(scope="session")
def eval_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """$DGPLAN_TEST_DATA_DIR (an ingested data dir) if set, else one built here from ../shared/corpus."""
    given = os.environ.get("DGPLAN_TEST_DATA_DIR")
    if given:
        return Path(given)
    if not (SHARED_CORPUS / "manifest.json").exists():
        pytest.skip(f"no shared corpus at {SHARED_CORPUS}")
    from dgplan.cli import app

    data = tmp_path_factory.mktemp("eval-data")
    runner = CliRunner()
    synced = runner.invoke(app, ["corpus", "sync", "--from", str(SHARED_CORPUS), "--data-dir", str(data)])
    assert synced.exit_code == 0, synced.output
    ingested = runner.invoke(app, ["ingest", "--data-dir", str(data), "--json"])
    assert ingested.exit_code == 0, ingested.output
    return data


def test_smoke_subset_writes_report_and_charts(eval_data_dir: Path, tmp_path: Path) -> None:
    from dgplan.cli.eval_commands import eval_command

    app = typer.Typer()
    app.command()(eval_command)
    out = tmp_path / "report"
    result = CliRunner().invoke(
        app, ["--split", "dev", "--subset", "smoke", "--data-dir", str(eval_data_dir), "--out", str(out), "--quiet"]
    )
    assert result.exit_code == 0, result.output
    assert "retrieval hit@5" in result.output and "bm25" in result.output

    for name in ("report.json", "report.md", "categories.png", "latency.png"):
        assert (out / name).stat().st_size > 0, name

    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["overall"]["n"] == 10
    assert report["overall"]["errors"] == 0
    assert set(report["baselines"]) >= {"pipeline", "bm25", "dense", "bm25_fixed800"}
    assert report["overall"]["latency_p50_ms"] > 0
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "](categories.png)" in md and "](latency.png)" in md
