"""`dgplan ingest` and `dgplan projects`: build the index, and read the key-project registry it derived."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from dgplan.cli_options import ConfigOpt, DataOpt, command_settings


def ingest(
    config: ConfigOpt = None,
    data_dir: DataOpt = None,
    corpus_dir: Annotated[Path | None, typer.Option(help="Read documents from here instead of <data>/corpus.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Build or update the index (incremental; the new version goes live only when complete)."""
    from index.build import run_ingest

    settings = command_settings(config, data_dir, corpus_dir=corpus_dir)
    report = run_ingest(settings, progress=not json_out)
    typer.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=1) if json_out else report.summary())


def projects_command(
    agency: Annotated[str | None, typer.Option(help="Only projects of this agency (name or alias, e.g. สพร.).")] = None,
    q: Annotated[str | None, typer.Option("--q", help="Text to find in project names/details.")] = None,
    strategy: Annotated[int | None, typer.Option(min=1, max=4, help="Strategy 1–4.")] = None,
    csv_out: Annotated[Path | None, typer.Option("--csv", help="Write the (filtered) table to a CSV file.")] = None,
    config: ConfigOpt = None,
    data_dir: DataOpt = None,
) -> None:
    """List the plan's key projects: number, owners, budget, months, fiscal years, page."""
    from index.projects.registry import PROJECTS_FILE, ProjectRegistry
    from index.versions import VersionStore

    settings = command_settings(config, data_dir)
    _, path = VersionStore(settings.index_dir).require_current()
    registry = ProjectRegistry.load(path / PROJECTS_FILE)
    found = registry.search(q=q, agency=agency, strategy=strategy)
    if csv_out:
        ProjectRegistry(found).to_csv(csv_out)
        typer.echo(f"wrote {len(found)} projects to {csv_out}")
        return
    for p in found:
        budget = p.budget_text.strip() if p.budget_million_baht is not None else f"- ({p.budget_note or 'ไม่ระบุ'})"
        typer.echo(
            f"{p.number:5s} p.{p.page or '?':<4} {p.fiscal_years or '?':10s} {p.duration_months or '?':>3} เดือน  "
            f"{budget:22s} {p.name_th[:60]}\n      ผู้รับผิดชอบ: {', '.join(p.owners)}"
        )
    typer.echo(f"{len(found)} projects")
