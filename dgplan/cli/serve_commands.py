"""`dgplan ask`, `dgplan serve` and `dgplan up`: answer over the current index, from the shell or over HTTP."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dgplan.cli.corpus_commands import sync_source
from dgplan.cli_options import ConfigOpt, DataOpt, command_settings


def ask(
    question: Annotated[str, typer.Argument(help="The question, in Thai or English.")],
    top_k: Annotated[int, typer.Option(min=1, max=20)] = 5,
    mode: Annotated[str, typer.Option(help="auto | extractive | llm")] = "auto",
    json_out: Annotated[bool, typer.Option("--json", help="Print the same JSON as POST /ask.")] = False,
    config: ConfigOpt = None,
    data_dir: DataOpt = None,
) -> None:
    """Answer one question with citations."""
    from pydantic import ValidationError

    from assistant.schemas import AskRequest
    from assistant.services import build_services

    settings = command_settings(config, data_dir)
    try:
        request = AskRequest(question=question, top_k=top_k, mode=mode)  # type: ignore[arg-type]
    except ValidationError as exc:
        typer.echo(f"invalid question: {exc.errors()[0]['msg']}", err=True)
        raise typer.Exit(2) from None
    response = build_services(settings).ask.ask(request)
    if json_out:
        typer.echo(response.model_dump_json(indent=1))
        return
    typer.echo(response.answer)
    for c in response.citations:
        where = ", ".join(x for x in [c.section, f"หน้า {c.page}" if c.page else None] if x)
        typer.echo(f"[{c.n}] {c.title}{' — ' + where if where else ''}  {c.source_url or ''}")


def serve(
    host: Annotated[str | None, typer.Option(help="Bind address (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 8000).")] = None,
    no_ui: Annotated[bool, typer.Option("--no-ui", help="Serve the API only.")] = False,
    workers: Annotated[
        int | None, typer.Option(min=1, help="API worker processes sharing the index (needs --no-ui if > 1).")
    ] = None,
    config: ConfigOpt = None,
    data_dir: DataOpt = None,
) -> None:
    """Serve the HTTP API (and the chat UI at /) over the current index; a newly ingested version goes live."""
    from api.serve import ServeError, run_server

    settings = command_settings(config, data_dir)
    if host:
        settings.server.host = host
    if port:
        settings.server.port = port
    if no_ui:
        settings.server.ui = False
    if workers:
        settings.server.workers = workers
    try:
        run_server(settings)
    except ServeError as exc:
        typer.echo(f"dgplan serve: {exc}", err=True)
        raise typer.Exit(2) from None


def up(
    mirror: Annotated[
        Path | None, typer.Option("--from", help="Mirror folder (default ../shared/corpus if present).")
    ] = None,
    host: Annotated[str | None, typer.Option()] = None,
    port: Annotated[int | None, typer.Option()] = None,
    config: ConfigOpt = None,
    data_dir: DataOpt = None,
) -> None:
    """Sync the corpus (mirror if present, else download), ingest, then serve: the one-command start."""
    from corpus.sync import sync_corpus
    from index.build import run_ingest

    settings = command_settings(config, data_dir)
    source, manifest_path = sync_source(settings, mirror, None)
    report = sync_corpus(settings.data_dir, mirror=source, manifest_path=manifest_path)
    typer.echo(report.summary() if hasattr(report, "summary") else str(report))
    typer.echo(run_ingest(settings, progress=True).summary())
    serve(host=host, port=port, no_ui=False, config=config, data_dir=data_dir)
