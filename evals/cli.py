"""`dgplan eval`: run the question set, write the report, print the tables, optionally gate on thresholds."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import httpx
import typer

from dgplan.errors import DgplanError
from evals.question_set import DEFAULT_QUESTIONS, DEFAULT_SUBSETS, QuestionSetError

SubsetOpt = Annotated[str | None, typer.Option("--subset", help="Subset of subsets.yaml (ci, smoke…).")]
AgainstOpt = Annotated[str | None, typer.Option("--against", help="Base URL of a running server.")]
OutOpt = Annotated[Path | None, typer.Option("--out", help="Report directory (default <data>/evals/<time>).")]
CheckOpt = Annotated[bool, typer.Option("--check", help="Exit 1 when a metric crosses thresholds.yaml.")]
LimitOpt = Annotated[int | None, typer.Option("--limit", min=1, help="Only the first N questions.")]
QuestionsOpt = Annotated[Path, typer.Option("--questions", help="Question set (JSONL).")]
SubsetsOpt = Annotated[Path, typer.Option("--subsets", help="Subsets file (YAML).")]
ThresholdsOpt = Annotated[Path | None, typer.Option("--thresholds", help="Thresholds file for --check.")]
NoBaselinesOpt = Annotated[bool, typer.Option("--no-baselines", help="Skip the baseline retrievers.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", help="No progress bar.")]
ConfigOpt = Annotated[
    Path | None, typer.Option("--config", "-c", help="YAML settings file (or $DGPLAN_CONFIG).")
]
DataOpt = Annotated[Path | None, typer.Option("--data-dir", help="Data directory (default ./data).")]


def eval_command(
    subset: SubsetOpt = None,
    against: AgainstOpt = None,
    out: OutOpt = None,
    check: CheckOpt = False,
    limit: LimitOpt = None,
    questions_file: QuestionsOpt = DEFAULT_QUESTIONS,
    subsets_file: SubsetsOpt = DEFAULT_SUBSETS,
    thresholds_file: ThresholdsOpt = None,
    no_baselines: NoBaselinesOpt = False,
    quiet: QuietOpt = False,
    config: ConfigOpt = None,
    data_dir: DataOpt = None,
) -> None:
    """Evaluate retrieval, answers, citations and abstention on the question set; write report.md/json."""
    from dgplan.cli import _settings
    from evals.question_set import load_questions, load_subsets, select
    from evals.report import baseline_table, overall_table, write_report
    from evals.runner import run_eval
    from evals.thresholds import DEFAULT_THRESHOLDS, check_thresholds, load_thresholds

    settings = _settings(config, data_dir)
    try:
        questions = select(load_questions(questions_file), subset, load_subsets(subsets_file), limit)
    except (OSError, QuestionSetError) as exc:
        typer.echo(f"cannot load questions: {exc}", err=True)
        raise typer.Exit(2) from None
    if not questions:
        typer.echo("no questions selected", err=True)
        raise typer.Exit(2)

    try:
        report = run_eval(
            settings, questions, against, progress=not quiet, baselines=not no_baselines, subset=subset
        )
    except (DgplanError, httpx.TransportError) as exc:  # no index yet, or the server is not reachable
        typer.echo(f"cannot run the eval: {type(exc).__name__}: {exc}", err=True)
        raise typer.Exit(2) from None
    evals_dir = settings.data_dir / "evals"
    out_dir = out or evals_dir / datetime.now().strftime("%Y%m%d-%H%M%S")
    write_report(report, out_dir, latest_dir=None if out else evals_dir / "latest")

    typer.echo(overall_table(report))
    if report.baselines:
        typer.echo("")
        typer.echo(baseline_table(report))
    typer.echo(f"\nreport: {out_dir / 'report.md'}")
    if check:
        failures = check_thresholds(
            report.overall, report.categories, load_thresholds(thresholds_file or DEFAULT_THRESHOLDS)
        )
        for line in failures:
            typer.echo(f"BELOW THRESHOLD {line}", err=True)
        if failures:
            raise typer.Exit(1)
        typer.echo("all thresholds met")
