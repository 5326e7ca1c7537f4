"""`dgplan corpus add|remove`: change one document, then build the new index version."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from corpus.admin import DocumentMeta
from corpus.manifest import KINDS
from dgplan.cli_options import ConfigOpt, DataOpt, command_settings
from dgplan.errors import DgplanError, DocumentRejected
from index.corpus_ops import CorpusOps, OpResult

JsonOpt = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]


def _ops(config: Path | None, data_dir: Path | None) -> CorpusOps:
    return CorpusOps(command_settings(config, data_dir), key_id="cli")


def _finish(run: OpResult | None, json_out: bool) -> None:
    if run is not None:
        typer.echo(json.dumps(run.to_json(), ensure_ascii=False, indent=1) if json_out else run.summary())


def add_command(
    source: Annotated[str, typer.Argument(help="A PDF, TXT, MD or HTML file, or an http(s) URL.")],
    kind: Annotated[str, typer.Option(help=f"Document kind: {' | '.join(KINDS)}.")] = "other",
    title: Annotated[str | None, typer.Option(help="Title shown in citations (default: from the file).")] = None,
    source_url: Annotated[str | None, typer.Option(help="Official link shown in citations.")] = None,
    doc_id: Annotated[str | None, typer.Option("--id", help="Document id (default: from the file name).")] = None,
    date: Annotated[str | None, typer.Option(help="Document date, e.g. 2024-05-01.")] = None,
    replace: Annotated[bool, typer.Option("--replace", help="Replace the document with this id.")] = False,
    json_out: JsonOpt = False,
    config: ConfigOpt = None,
    data_dir: DataOpt = None,
) -> None:
    """Add (or --replace) one document, then ingest; the type is read from the content, not the name."""
    ops = _ops(config, data_dir)
    meta = DocumentMeta(kind=kind, title=title, source_url=source_url, doc_id=doc_id, date=date)
    try:
        if source.startswith(("http://", "https://")):
            run = ops.add_url(source, meta, replace=replace)
        else:
            path = Path(source)
            if not path.is_file():
                raise DocumentRejected("not_found", f"no such file: {path}")
            if path.stat().st_size > ops.max_bytes:
                raise DocumentRejected("too_large", f"{path} is larger than {ops.max_bytes / 1e6:.1f} MB")
            run = ops.add(path.read_bytes(), path.name, meta, replace=replace)
    except DgplanError as exc:
        typer.echo(f"refused: {exc}", err=True)
        raise typer.Exit(1) from None
    _finish(run, json_out)


def remove_command(
    doc_id: Annotated[str, typer.Argument(help="Id of the document to remove.")],
    json_out: JsonOpt = False,
    config: ConfigOpt = None,
    data_dir: DataOpt = None,
) -> None:
    """Remove one document from the corpus, then ingest (it leaves search, /documents and every registry)."""
    ops = _ops(config, data_dir)
    try:
        run = ops.remove(doc_id)
    except DgplanError as exc:
        typer.echo(f"refused: {exc}", err=True)
        raise typer.Exit(1) from None
    _finish(run, json_out)
