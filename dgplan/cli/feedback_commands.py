"""`dgplan feedback …`: get the ratings users gave in the chat UI out as eval questions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from dgplan.cli_options import ConfigOpt, DataOpt, command_settings
from ui.feedback_store import FEEDBACK_FILE, FeedbackStore, eval_candidates, export_text

feedback_app = typer.Typer(help="User feedback collected by the chat UI.", no_args_is_help=True)


@feedback_app.callback()
def feedback() -> None:
    """User feedback (👍/👎 and comments) collected by the chat UI."""


@feedback_app.command("export")
def export(
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here instead of stdout.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl | csv")] = "jsonl",
    only: Annotated[str | None, typer.Option(help="Keep only 'up' or 'down' ratings.")] = None,
    as_eval: Annotated[
        bool, typer.Option("--as-eval", help="👎 answers with a written correction as candidate eval questions.")
    ] = False,
    config: ConfigOpt = None,
    data_dir: DataOpt = None,
) -> None:
    """Export ratings (question, answer, cited doc_ids, rating, comment, timestamp) as JSONL or CSV."""
    if fmt not in ("jsonl", "csv"):
        typer.echo("--format must be jsonl or csv", err=True)
        raise typer.Exit(2)
    if only not in (None, "up", "down"):
        typer.echo("--only must be up or down", err=True)
        raise typer.Exit(2)
    settings = command_settings(config, data_dir)
    path = settings.data_dir / FEEDBACK_FILE
    rows = FeedbackStore(path).rows() if path.exists() else []
    if only:
        rows = [r for r in rows if r.rating == (1 if only == "up" else -1)]
    if as_eval:
        candidates = eval_candidates(rows)
        text = "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in candidates)
        rows = [r for r in rows if any(c["id"] == f"fb-{r.id:05d}" for c in candidates)]
    else:
        text = export_text(rows, fmt)  # type: ignore[arg-type]
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        typer.echo(f"{len(rows)} ratings → {out}", err=True)
