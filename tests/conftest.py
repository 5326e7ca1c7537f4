"""Shared fixtures: a fresh data directory per test, the tiny Thai corpus, and the real corpus index."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from dgplan.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parents[1]
MINI_CORPUS = Path(__file__).resolve().parent / "fixtures" / "mini_corpus"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"

pytest_plugins = ["tests.browser"]


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the data directory at a temporary folder; never phone home."""
    monkeypatch.setenv("DGPLAN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ANONYMIZED_TELEMETRY", "False")
    monkeypatch.setenv("GRADIO_ANALYTICS_ENABLED", "False")
    monkeypatch.delenv("DGPLAN_CONFIG", raising=False)


@pytest.fixture
def mini_corpus(tmp_path: Path) -> Path:
    """A writable copy of the tiny Thai fixture corpus."""
    dest = tmp_path / "mini_corpus"
    shutil.copytree(MINI_CORPUS, dest)
    return dest


@pytest.fixture
def mini_settings(tmp_path: Path, mini_corpus: Path) -> Settings:
    return load_settings(None, data_dir=tmp_path / "data", corpus_dir=mini_corpus)


@pytest.fixture(scope="session")
def mini_index(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The tiny corpus ingested once per session (read-only for the tests that share it)."""
    from index.build import run_ingest

    base = tmp_path_factory.mktemp("mini_index")
    corpus = base / "corpus"
    shutil.copytree(MINI_CORPUS, corpus)
    settings = Settings(data_dir=base / "data", corpus_dir=corpus)
    run_ingest(settings, progress=False)
    return settings


def run_cli(*args: str, env: dict[str, str] | None = None, timeout: float = 1800) -> subprocess.CompletedProcess[str]:
    """Run the real `dgplan` command line in a subprocess."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "dgplan", *args], capture_output=True, text=True, env=full_env, timeout=timeout
    )


@pytest.fixture(scope="session")
def real_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A data directory indexed from ../shared/corpus: reused from $DGPLAN_TEST_DATA_DIR, else built once."""
    if not (SHARED_CORPUS / "manifest.json").exists():
        pytest.skip("../shared/corpus is not present")
    preset = os.environ.get("DGPLAN_TEST_DATA_DIR")
    data = Path(preset) if preset else tmp_path_factory.mktemp("real") / "data"
    env = {"DGPLAN_DATA_DIR": str(data)}
    for args in (("corpus", "sync", "--from", str(SHARED_CORPUS)), ("ingest",)):
        proc = run_cli(*args, env=env)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    yield data
