"""`dgplan eval`: run the question set, write the report, print the tables, optionally gate on thresholds."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import httpx
import typer

from dgplan.cli_options import ConfigOpt, DataOpt, command_settings
from dgplan.errors import DgplanError
from evals.question_set import DEFAULT_SPLIT, DEFAULT_SUBSETS, QuestionSetError

SplitOpt = Annotated[
    str, typer.Option("--split", help="dev (for tuning) or test (the gate and every reported figure).")
]
SubsetOpt = Annotated[str | None, typer.Option("--subset", help="Subset of subsets.yaml (ci, smoke…), dev split.")]
AgainstOpt = Annotated[str | None, typer.Option("--against", help="Base URL of a running server.")]
OutOpt = Annotated[Path | None, typer.Option("--out", help="Report directory (default <data>/evals/<time>).")]
CheckOpt = Annotated[bool, typer.Option("--check", help="Exit 1 when a metric crosses thresholds/<split>.yaml.")]
LimitOpt = Annotated[int | None, typer.Option("--limit", min=1, help="Only the first N questions.")]
QuestionsOpt = Annotated[Path | None, typer.Option("--questions", help="Question set (JSONL); overrides --split.")]
SubsetsOpt = Annotated[Path, typer.Option("--subsets", help="Subsets file (YAML).")]
ThresholdsOpt = Annotated[Path | None, typer.Option("--thresholds", help="Thresholds file for --check.")]
NoBaselinesOpt = Annotated[bool, typer.Option("--no-baselines", help="Skip the baseline retrievers.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", help="No progress bar.")]

def eval_command(
    split: SplitOpt = DEFAULT_SPLIT,
    subset: SubsetOpt = None,
    against: AgainstOpt = None,
    out: OutOpt = None,
    check: CheckOpt = False,
    limit: LimitOpt = None,
    questions_file: QuestionsOpt = None,
    subsets_file: SubsetsOpt = DEFAULT_SUBSETS,
    thresholds_file: ThresholdsOpt = None,
    no_baselines: NoBaselinesOpt = False,
    quiet: QuietOpt = False,
    config: ConfigOpt = None,
    data_dir: DataOpt = None,
) -> None:
    """Evaluate retrieval, answers, citations and abstention on the question set; write report.md/json."""
    from evals.question_set import load_questions, load_subsets, select, split_path
    from evals.report import baseline_table, category_table, group_table, overall_table, write_report
    from evals.runner import run_eval
    from evals.thresholds import check_thresholds, load_thresholds, split_thresholds

    settings = command_settings(config, data_dir)
    try:
        path = questions_file or split_path(split)
        questions = select(load_questions(path), subset, load_subsets(subsets_file) if subset else {}, limit)
    except (OSError, QuestionSetError) as exc:
        typer.echo(f"cannot load questions: {exc}", err=True)
        raise typer.Exit(2) from None
    if not questions:
        typer.echo("no questions selected", err=True)
        raise typer.Exit(2)

    try:
        report = run_eval(
            settings,
            questions,
            against,
            progress=not quiet,
            baselines=not no_baselines,
            subset=subset,
            split=None if questions_file else split,
        )
    except (DgplanError, httpx.TransportError) as exc:  # no index yet, or the server is not reachable
        typer.echo(f"cannot run the eval: {type(exc).__name__}: {exc}", err=True)
        raise typer.Exit(2) from None
    evals_dir = settings.data_dir / "evals"
    out_dir = out or evals_dir / datetime.now().strftime("%Y%m%d-%H%M%S")
    write_report(report, out_dir, latest_dir=None if out else evals_dir / "latest")

    typer.echo(f"split: {questions_file or split}")
    typer.echo(overall_table(report))
    if report.groups:
        typer.echo("")
        typer.echo(group_table(report))
    typer.echo("")
    typer.echo(category_table(report))
    if report.baselines:
        typer.echo("")
        typer.echo(baseline_table(report))
    typer.echo(f"\nreport: {out_dir / 'report.md'}")
    if check:
        failures = check_thresholds(
            report.overall,
            report.categories,
            load_thresholds(thresholds_file or split_thresholds(split)),
            report.groups,
        )
        for line in failures:
            typer.echo(f"BELOW THRESHOLD {line}", err=True)
        if failures:
            raise typer.Exit(1)
        typer.echo("all thresholds met")
