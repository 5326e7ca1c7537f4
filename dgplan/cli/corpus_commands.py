"""`dgplan corpus sync|add|remove`: fill the data directory with documents or change one, then build the index."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from corpus.admin import DocumentMeta
from corpus.manifest import KINDS
from dgplan.cli_options import ConfigOpt, DataOpt, command_settings
from dgplan.errors import DgplanError, DocumentRejected
from dgplan.settings import Settings
from index.corpus_ops import CorpusOps, OpResult

corpus_app = typer.Typer(help="Fill the data directory with documents.", no_args_is_help=True)

DEFAULT_MIRROR = Path("../shared/corpus")
# Metadata of the documents (ids, titles, official URLs, hashes) for downloading when there is no mirror.
OFFICIAL_MANIFEST = Path(__file__).resolve().parents[2] / "corpus" / "official_manifest.json"
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]


def sync_source(settings: Settings, mirror: Path | None, manifest: Path | None) -> tuple[Path | None, Path | None]:
    """Mirror if given or present; else the given manifest, the data dir's own, or the bundled official one."""
    source = mirror or settings.mirror or (DEFAULT_MIRROR if (DEFAULT_MIRROR / "manifest.json").exists() else None)
    if source is not None or manifest is not None:
        return source, manifest
    own = settings.data_dir / "corpus" / "manifest.json"
    return None, (None if own.exists() else OFFICIAL_MANIFEST)


_FROM_HELP = (
    "Mirror folder with manifest.json, or the Thai Acts collection (a tarball, or a folder with law_url_df.csv): "
    "synced as the law library (enable it with corpus.collections: [core, law_library])."
)


@corpus_app.command("sync")
def corpus_sync(
    mirror: Annotated[Path | None, typer.Option("--from", help=_FROM_HELP)] = None,
    manifest: Annotated[Path | None, typer.Option(help="Manifest to download from (no mirror).")] = None,
    check: Annotated[bool, typer.Option("--check", help="Only list new/changed/removed documents.")] = False,
    ingest: Annotated[bool, typer.Option("--ingest/--no-ingest", help="Build the new index version.")] = True,
    limit: Annotated[int | None, typer.Option(min=1, help="Law library: only the first N Acts (by sysid).")] = None,
    only: Annotated[str | None, typer.Option(help="Law library: only Acts whose title or sysid matches (regex).")] = (
        None
    ),
    config: ConfigOpt = None,
    data_dir: DataOpt = None,
) -> None:
    """Copy documents from a mirror folder, or download the manifest's official URLs; verify sha256; ingest."""
    from corpus.law_library import is_library_source
    from corpus.sync import sync_corpus

    settings = command_settings(config, data_dir)
    if mirror is not None and is_library_source(mirror):
        sync_library_command(settings, mirror, only=only, limit=limit, ingest=ingest, check=check)
        return
    if limit is not None or only is not None:
        typer.echo("--limit/--only ใช้ได้กับชุดกฎหมายเท่านั้น / apply only to the law library collection", err=True)
        raise typer.Exit(2)
    source, manifest_path = sync_source(settings, mirror, manifest)
    if check:
        from index.corpus_diff import diff_corpus

        own = settings.data_dir / "corpus" / "manifest.json"
        typer.echo(diff_corpus(settings, mirror=source, manifest_path=manifest_path or own).summary())
        return
    if ingest:
        run = CorpusOps(settings, key_id="cli").sync(source, manifest_path)
        typer.echo(run.summary())
        if run.sync_failed:
            raise typer.Exit(1)
        return
    report = sync_corpus(settings.data_dir, mirror=source, manifest_path=manifest_path)
    typer.echo(report.summary() if hasattr(report, "summary") else str(report))
    if getattr(report, "failed", None):
        raise typer.Exit(1)


def _ops(config: Path | None, data_dir: Path | None) -> CorpusOps:
    return CorpusOps(command_settings(config, data_dir), key_id="cli")


def _finish(run: OpResult | None, json_out: bool) -> None:
    if run is not None:
        typer.echo(json.dumps(run.to_json(), ensure_ascii=False, indent=1) if json_out else run.summary())


@corpus_app.command("add")
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


@corpus_app.command("remove")
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


def sync_library_command(
    settings: Settings,
    source: Path,
    *,
    only: str | None,
    limit: int | None,
    ingest: bool,
    check: bool = False,
    json_out: bool = False,
) -> None:
    """`dgplan corpus sync --from <Thai Acts tarball or folder>`: the law library, deduplicated, then ingest."""
    from tqdm import tqdm

    from corpus.collections import LAW_LIBRARY
    from corpus.law_library import sync_library

    def bar(total: int, desc: str) -> Any:
        unit = "B" if source.is_file() else "file"
        return tqdm(total=total, desc=desc, unit=unit, unit_scale=True, disable=json_out)

    if check:
        typer.echo("--check ใช้กับ mirror ของเอกสารหลักเท่านั้น / --check compares a core mirror, not the law library",
                   err=True)
        raise typer.Exit(2)
    run: OpResult | None = None
    try:
        if ingest:
            ops = CorpusOps(settings, key_id="cli", progress=not json_out)
            run = ops.sync_library(source, only=only, limit=limit, bar=bar)
        else:
            report = sync_library(settings.resolved_corpus_dir, source, only=only, limit=limit, progress=bar)
            typer.echo(report.summary())
    except DgplanError as exc:
        typer.echo(f"corpus sync: {exc}", err=True)
        raise typer.Exit(1) from None
    if LAW_LIBRARY not in settings.corpus.collections:
        typer.echo(
            "หมายเหตุ: คลังกฎหมายยังไม่เปิดใช้ (ตั้ง corpus.collections: [core, law_library]) / note: the law "
            "library is not enabled in settings (corpus.collections: [core, law_library]), so it is not indexed",
            err=True,
        )
    _finish(run, json_out)
