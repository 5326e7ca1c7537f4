"""`dgplan eval`, `dgplan bench` and `dgplan laws report`: measure answers, speed and the law parser."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

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
PhrasingsOpt = Annotated[
    bool,
    typer.Option(
        "--phrasings",
        help="Ask every key project's owners, budget and duration in the phrasings of evals/phrasings.yaml "
        "(generated from the served registry) instead of a split; --check uses thresholds/phrasings.yaml.",
    ),
]


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
    phrasings: PhrasingsOpt = False,
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
        if phrasings:
            from evals.phrasings import served_phrasings

            questions = select(served_phrasings(settings), None, {}, limit)
            split = "phrasings"
        else:
            path = questions_file or split_path(split)
            questions = select(load_questions(path), subset, load_subsets(subsets_file) if subset else {}, limit)
    except (OSError, QuestionSetError, DgplanError) as exc:
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


def bench_command(
    data_dir: Annotated[Path, typer.Option("--data-dir", help="Data directory to benchmark in.")] = Path("data/bench"),
    mirror: Annotated[Path, typer.Option("--from", help="Corpus mirror folder.")] = Path("../shared/corpus"),
    cold: Annotated[bool, typer.Option("--cold/--warm", help="Delete the index and embedding cache first.")] = True,
    skip_ingest: Annotated[bool, typer.Option("--skip-ingest", help="Only smoke check and latency.")] = False,
    repeats: Annotated[int, typer.Option(min=1, help="Passes over the eval questions for latency.")] = 1,
    out: Annotated[Path | None, typer.Option(help="Write bench.json and bench.md here.")] = None,
    load: Annotated[bool, typer.Option("--load", help="Only the serving figures, on an indexed data dir.")] = False,
    load_seconds: Annotated[float, typer.Option(min=5, help="Duration of the 100-client run.")] = 60,
    load_clients: Annotated[int, typer.Option(min=1, help="Concurrent clients.")] = 100,
    workers: Annotated[int, typer.Option(min=1, help="`dgplan serve --workers` for the load run.")] = 2,
    fuzz: Annotated[bool, typer.Option("--fuzz/--no-fuzz", help="With --load: the OpenAPI fuzz too.")] = True,
) -> None:
    """Measure ingest time, the unchanged re-run, the retrieval smoke check and /ask latency (or, --load,
    throughput under 100 clients, backpressure, the hot index swap and the OpenAPI fuzz)."""
    from evals.benchmark import bench_ingest, bench_latency, bench_smoke, render

    settings = command_settings(None, data_dir.resolve(), log_level="WARNING")
    result: dict[str, Any] = {"machine": {"cpus": os.cpu_count()}}
    if load:
        from evals.load_bench import render_load, run_load_bench

        typer.echo("serving under load …", err=True)
        result = run_load_bench(data_dir.resolve(), load_seconds, load_clients, workers, with_fuzz=fuzz)
        _write(render_load(result), result, out)
        return
    if not skip_ingest:
        typer.echo("ingest …", err=True)
        result["ingest"] = bench_ingest(settings, mirror, cold)
    typer.echo("retrieval smoke check …", err=True)
    result["smoke"] = bench_smoke(settings)
    typer.echo("latency over HTTP …", err=True)
    result["latency"] = bench_latency(settings, repeats)
    _write(render(result), result, out)


def _write(text: str, result: dict[str, Any], out: Path | None) -> None:
    typer.echo(text)
    if out:
        out.mkdir(parents=True, exist_ok=True)
        (out / "bench.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
        (out / "bench.md").write_text(text, encoding="utf-8")


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
