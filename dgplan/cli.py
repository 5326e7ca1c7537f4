"""The dgplan command line: sync the corpus, build the index, ask, serve, evaluate."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from dgplan.cli_options import ConfigOpt, DataOpt, command_settings
from dgplan.settings import Settings

app = typer.Typer(help="dgplan: cited answers about Thailand's Digital Government Plan 2566–2570.",
                  no_args_is_help=True, add_completion=False)
corpus_app = typer.Typer(help="Fill the data directory with documents.", no_args_is_help=True)
app.add_typer(corpus_app, name="corpus")


def _register_feature_commands() -> None:
    """Commands owned by feature packages (projects, evals, feedback) keep their code beside the feature."""
    from evals.benchmark import bench_command
    from evals.cli import eval_command
    from evals.law_report_cli import laws_app
    from index.projects_cli import projects_command
    from ui.feedback_cli import feedback_app

    app.command("projects")(projects_command)
    app.command("eval")(eval_command)
    app.command("bench")(bench_command)
    app.add_typer(feedback_app, name="feedback")
    app.add_typer(laws_app, name="laws")
    from index.corpus_cli import add_command, remove_command

    corpus_app.command("add")(add_command)
    corpus_app.command("remove")(remove_command)

DEFAULT_MIRROR = Path("../shared/corpus")
# Metadata of the documents (ids, titles, official URLs, hashes) for downloading when there is no mirror.
OFFICIAL_MANIFEST = Path(__file__).resolve().parents[1] / "corpus" / "official_manifest.json"


def _sync_source(settings: Settings, mirror: Path | None, manifest: Path | None) -> tuple[Path | None, Path | None]:
    """Mirror if given or present; else the given manifest, the data dir's own, or the bundled official one."""
    source = mirror or settings.mirror or (DEFAULT_MIRROR if (DEFAULT_MIRROR / "manifest.json").exists() else None)
    if source is not None or manifest is not None:
        return source, manifest
    own = settings.data_dir / "corpus" / "manifest.json"
    return None, (None if own.exists() else OFFICIAL_MANIFEST)


@corpus_app.command("sync")
def corpus_sync(
    mirror: Annotated[Path | None, typer.Option("--from", help="Mirror folder with manifest.json.")] = None,
    manifest: Annotated[Path | None, typer.Option(help="Manifest to download from (no mirror).")] = None,
    check: Annotated[bool, typer.Option("--check", help="Only list new/changed/removed documents.")] = False,
    ingest: Annotated[bool, typer.Option("--ingest/--no-ingest", help="Build the new index version.")] = True,
    config: ConfigOpt = None,
    data_dir: DataOpt = None,
) -> None:
    """Copy documents from a mirror folder, or download the manifest's official URLs; verify sha256; ingest."""
    from corpus.sync import sync_corpus

    settings = command_settings(config, data_dir)
    source, manifest_path = _sync_source(settings, mirror, manifest)
    if check:
        from index.corpus_diff import diff_corpus

        own = settings.data_dir / "corpus" / "manifest.json"
        typer.echo(diff_corpus(settings, mirror=source, manifest_path=manifest_path or own).summary())
        return
    if ingest:
        from index.corpus_ops import CorpusOps

        run = CorpusOps(settings, key_id="cli").sync(source, manifest_path)
        typer.echo(run.summary())
        if run.sync_failed:
            raise typer.Exit(1)
        return
    report = sync_corpus(settings.data_dir, mirror=source, manifest_path=manifest_path)
    typer.echo(report.summary() if hasattr(report, "summary") else str(report))
    if getattr(report, "failed", None):
        raise typer.Exit(1)


@app.command()
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


@app.command()
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


@app.command()
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


@app.command()
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
    source, manifest_path = _sync_source(settings, mirror, None)
    report = sync_corpus(settings.data_dir, mirror=source, manifest_path=manifest_path)
    typer.echo(report.summary() if hasattr(report, "summary") else str(report))
    typer.echo(run_ingest(settings, progress=True).summary())
    serve(host=host, port=port, no_ui=False, config=config, data_dir=data_dir)


_register_feature_commands()
