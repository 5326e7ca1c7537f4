"""`dgplan laws report`: how well the law parser labels the sections of a collection of Acts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

laws_app = typer.Typer(help="Check the law parser on collections of Thai Acts.", no_args_is_help=True)


@laws_app.command("report")
def report_command(
    source: Annotated[
        Path, typer.Option("--from", help="Directory of Council of State .txt files (searched recursively).")
    ],
    sample_size: Annotated[int, typer.Option("--sample", min=1, help="Acts in the hand-check sample.")] = 30,
    show_all: Annotated[bool, typer.Option("--all", help="Print every Act, not only those with problems.")] = False,
    sysid: Annotated[list[str] | None, typer.Option("--sysid", help="Only these files (name without .txt).")] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write all figures as JSON.")] = None,
) -> None:
    """Per Act: true headings, correctly labelled, suffixes, wrong numbers, non-monotonic, unlabelled; totals."""
    from evals.law_parser_report import measure_collection, render

    if not source.is_dir():
        raise typer.BadParameter(f"{source} is not a directory", param_hint="--from")
    report = measure_collection(source, sysid)
    typer.echo(render(report, sample_size=sample_size, show_all=show_all))
    if json_out:
        json_out.write_text(report.model_dump_json(indent=1), encoding="utf-8")
        typer.echo(f"wrote {json_out}")
