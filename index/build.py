"""Ingest with every index artefact the assistant needs: chunks and vectors, aliases, project registry."""

from __future__ import annotations

from dgplan.settings import Settings
from index.ingest import IngestReport, ingest


def run_ingest(settings: Settings, *, progress: bool = True) -> IngestReport:
    """The ingest the CLI and tests run: core index plus derived artefacts built from the same documents."""
    from index.derived import DERIVED_BUILDERS

    return ingest(settings, progress=progress, extra_builders=list(DERIVED_BUILDERS))
