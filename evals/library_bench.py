"""Scale run of the law library on a Chroma server: sync + ingest the Thai Acts beside the core corpus, then serve.

``python -m evals.library_bench --from ../shared/bench/thai-acts-2021.tar.xz --limit 30`` starts `chroma run` on
loopback, syncs the core corpus and the selected Acts into a data directory, ingests with the library enabled
(progress bar and ETA; an interrupted run resumes from the embedding cache), re-runs the ingest with nothing
changed, then serves the index and prints: ingest time, documents and chunks, the Chroma server's RSS, the
index's disk size, and warm ``/ask`` and ``/search`` p50/p95 over HTTP for questions up to 2,000 characters.
Without ``--limit`` it runs the whole collection (671 Acts, about 24 M characters to embed).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Annotated, Any

import httpx
import typer

from evals.metrics import percentile
from evals.processes import free_port, stop, wait_until_ok
from evals.question_set import load_questions, split_path

MAX_QUESTION_CHARS = 2000
DEFAULT_CORE = Path("../shared/corpus")
CHROMA = Path(sys.executable).parent / "chroma"


def rss_bytes(pid: int) -> int:
    """Resident memory of a process and its children (from /proc; 0 where it cannot be read)."""
    total, todo, seen = 0, [pid], set()
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += next(int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("VmRSS:"))
            for task in Path(f"/proc/{p}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, StopIteration, ValueError):
            continue
    return total


def disk_bytes(path: Path) -> int:
    """Bytes of a file (with its SQLite -wal/-shm companions) or of the files under a folder; 0 if absent."""
    if path.is_dir():
        return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.is_file())


def bench_questions(acts: list[tuple[str, str]], n: int) -> list[str]:
    """Dev questions, questions about library Acts, and long questions padded to 2,000 characters."""
    dev = [q.question for q in load_questions(split_path("dev")) if not q.history]
    law = [f"มาตรา {k % 5 + 1} ของ{title} บัญญัติไว้ว่าอย่างไร" for k, (_, title) in enumerate(acts)]
    base = dev[: max(1, n - len(law[: n // 4]) - n // 10)] + law[: n // 4]
    filler = " ".join(dev)  # real question text as context, cut to the limit
    long = [(q + " " + filler)[:MAX_QUESTION_CHARS].strip() for q in base[: n // 10 or 1]]
    return base + long


def time_requests(base: str, questions: list[str]) -> dict[str, Any]:
    """Warm the server, then time /ask (extractive) and /search sequentially over HTTP."""
    out: dict[str, Any] = {}
    with httpx.Client(base_url=base, timeout=120) as client:
        for q in questions[:5]:
            client.post("/ask", json={"question": q, "mode": "extractive"}).raise_for_status()
        for path, key in (("/ask", "question"), ("/search", "query")):
            times: list[float] = []
            for q in questions:
                body: dict[str, Any] = {key: q, **({"mode": "extractive"} if path == "/ask" else {})}
                t0 = time.perf_counter()
                r = client.post(path, json=body)
                times.append((time.perf_counter() - t0) * 1000)
                r.raise_for_status()
            out[path] = {
                "requests": len(times),
                "p50_ms": round(percentile(times, 50) or 0.0, 1),
                "p95_ms": round(percentile(times, 95) or 0.0, 1),
                "max_ms": round(max(times), 1),
                "longest_question_chars": max(len(q) for q in questions),
            }
    return out


def run_bench(
    source: Path,
    *,
    data_dir: Path,
    core: Path | None,
    limit: int | None,
    only: str | None,
    cache_from: Path | None,
    questions: int,
    chroma_server: bool,
) -> dict[str, Any]:
    """Every step of the scale run; returns the figures."""
    from corpus.collections import CORE_COLLECTION, LAW_LIBRARY
    from corpus.law_library import sync_library
    from corpus.sync import sync_corpus
    from dgplan.settings import load_settings
    from index.build import run_ingest

    data_dir.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {"machine": {"cpus": os.cpu_count()}, "source": str(source), "limit": limit,
                              "only": only, "chroma_server": chroma_server}
    if cache_from is not None and cache_from.is_file() and not (data_dir / "index" / cache_from.name).exists():
        (data_dir / "index").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cache_from, data_dir / "index" / cache_from.name)
        result["seeded_cache"] = str(cache_from)
    env = {"DGPLAN_DATA_DIR": str(data_dir), "DGPLAN_LOG_LEVEL": "WARNING", "ANONYMIZED_TELEMETRY": "False",
           "DGPLAN_CORPUS__COLLECTIONS": json.dumps([CORE_COLLECTION, LAW_LIBRARY])}
    chroma: subprocess.Popen[bytes] | None = None
    server: subprocess.Popen[bytes] | None = None
    log = open(data_dir / "chroma-server.log", "ab")  # noqa: SIM115 - closed in finally
    try:
        if chroma_server:
            if not CHROMA.exists():
                raise RuntimeError(f"chroma executable not found at {CHROMA}")
            port = free_port()
            chroma = subprocess.Popen(
                [str(CHROMA), "run", "--path", str(data_dir / "chroma-server"), "--host", "127.0.0.1",
                 "--port", str(port)],
                env={**os.environ, "ANONYMIZED_TELEMETRY": "False"}, stdout=log, stderr=subprocess.STDOUT,
            )
            wait_until_ok(f"http://127.0.0.1:{port}/api/v2/heartbeat", chroma, timeout=60, what="chroma server")
            # bulk adds of 500 vectors outlast the 5 s serving timeout on a busy machine
            env |= {"DGPLAN_CHROMA__HOST": "127.0.0.1", "DGPLAN_CHROMA__PORT": str(port),
                    "DGPLAN_CHROMA__TIMEOUT_S": "120"}
            result["chroma_rss_idle_mb"] = round(rss_bytes(chroma.pid) / 1e6, 1)
        os.environ.update(env)
        settings = load_settings()
        t0 = time.perf_counter()
        if core is not None:
            sync_corpus(data_dir, mirror=core)
        library = sync_library(settings.resolved_corpus_dir, source, only=only, limit=limit)
        result["sync"] = {**library.to_json(), "seconds": round(time.perf_counter() - t0, 1)}
        result["sync"].pop("selected")
        typer.echo(library.summary(), err=True)

        t0 = time.perf_counter()
        first = run_ingest(settings, progress=True)
        result["ingest"] = {**first.to_json(), "wall_s": round(time.perf_counter() - t0, 1)}
        typer.echo(first.summary(), err=True)
        t0 = time.perf_counter()
        again = run_ingest(settings, progress=False)
        result["ingest_unchanged"] = {"status": again.status, "wall_s": round(time.perf_counter() - t0, 2)}
        from index.chunk_record import read_chunks
        from index.versions import VersionStore

        _, version_dir = VersionStore(settings.index_dir).require_current()
        chunks = read_chunks(version_dir)
        result["chunks"] = {"total": len(chunks), "library": sum(c.collection == LAW_LIBRARY for c in chunks)}
        result["documents"] = {"total": first.documents,
                               "library": sum(1 for c in {(c.doc_id, c.collection) for c in chunks}
                                              if c[1] == LAW_LIBRARY)}
        result["disk_mb"] = {
            "index_dir": round(disk_bytes(settings.index_dir) / 1e6, 1),
            "embedding_cache": round(disk_bytes(settings.index_dir / "embedding-cache.sqlite") / 1e6, 1),
            "live_version": round(disk_bytes(version_dir) / 1e6, 1),
            "chroma_server": round(disk_bytes(data_dir / "chroma-server") / 1e6, 1),
        }
        if chroma is not None:
            result["chroma_rss_after_ingest_mb"] = round(rss_bytes(chroma.pid) / 1e6, 1)

        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "dgplan", "serve", "--no-ui", "--port", str(port)],
                                  env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        wait_until_ok(f"{base}/health", server, timeout=300, what="dgplan serve")
        acts = [(c.doc_id, c.title) for c in chunks if c.collection == LAW_LIBRARY and c.section == "มาตรา 1"]
        result["latency"] = time_requests(base, bench_questions(acts, questions))
        result["api_rss_mb"] = round(rss_bytes(server.pid) / 1e6, 1)
        if chroma is not None:
            result["chroma_rss_serving_mb"] = round(rss_bytes(chroma.pid) / 1e6, 1)
    finally:
        if server is not None:
            stop(server)
        if chroma is not None:
            stop(chroma)
        log.close()
    return result


def render(result: dict[str, Any]) -> str:
    """The figures as Markdown."""
    ing, lat = result["ingest"], result["latency"]
    t = ing.get("timings_s", {})
    lines = [
        "# law library scale run", "",
        "| figure | value |", "|---|---|",
        f"| source | {result['source']} (limit {result['limit']}, only {result['only']}) |",
        f"| vector store | {'Chroma server (chroma run)' if result['chroma_server'] else 'embedded Chroma'} |",
        f"| documents | {result['documents']['total']} ({result['documents']['library']} library Acts) |",
        f"| chunks | {result['chunks']['total']} ({result['chunks']['library']} library) |",
        f"| embedded now / from cache | {ing['chunks_embedded']} / {ing['chunks_cached']} chunks, "
        f"{ing['chars_embedded']:,} chars at {ing['chars_per_s']:,.0f} chars/s |",
        f"| sync time | {result['sync']['seconds']} s |",
        f"| ingest time | {ing['wall_s']} s ({', '.join(f'{k} {v:.1f}s' for k, v in t.items())}) |",
        f"| unchanged re-run | {result['ingest_unchanged']['wall_s']} s ({result['ingest_unchanged']['status']}) |",
        f"| disk | index dir {result['disk_mb']['index_dir']} MB (embedding cache "
        f"{result['disk_mb']['embedding_cache']} MB, live version {result['disk_mb']['live_version']} MB), "
        f"Chroma server data {result['disk_mb']['chroma_server']} MB |",
    ]
    if result["chroma_server"]:
        lines.append(f"| Chroma server RSS | idle {result['chroma_rss_idle_mb']} MB, after ingest "
                     f"{result['chroma_rss_after_ingest_mb']} MB, serving {result['chroma_rss_serving_mb']} MB |")
    lines.append(f"| API server RSS | {result['api_rss_mb']} MB |")
    for path in ("/ask", "/search"):
        x = lat[path]
        lines.append(f"| {path} warm, sequential | {x['requests']} requests (questions up to "
                     f"{x['longest_question_chars']} chars): p50 {x['p50_ms']} ms, p95 {x['p95_ms']} ms, "
                     f"max {x['max_ms']} ms |")
    return "\n".join(lines)


def main(
    source: Annotated[Path, typer.Option("--from", help="The Thai Acts tarball or its extracted folder.")],
    limit: Annotated[int | None, typer.Option(min=1, help="Only the first N Acts (by sysid); default all.")] = None,
    only: Annotated[str | None, typer.Option(help="Only Acts whose title or sysid matches (regex).")] = None,
    data_dir: Annotated[Path | None, typer.Option(help="Data directory (default: a new temporary one).")] = None,
    core: Annotated[Path | None, typer.Option(help="Core corpus mirror (default ../shared/corpus).")] = DEFAULT_CORE,
    cache_from: Annotated[Path | None, typer.Option(help="Seed the embedding cache from this sqlite file.")] = None,
    questions: Annotated[int, typer.Option(min=10, help="Timed requests per endpoint.")] = 120,
    chroma_server: Annotated[bool, typer.Option("--chroma-server/--embedded", help="Vectors in `chroma run`.")] = True,
    out: Annotated[Path | None, typer.Option(help="Also write library-bench.json and .md here.")] = None,
) -> None:
    """Sync + ingest the law library beside the core corpus on a Chroma server, then time /ask and /search."""
    target = (data_dir or Path(tempfile.mkdtemp(prefix="dgplan-library-bench-"))).resolve()
    typer.echo(f"data dir: {target}", err=True)
    core_dir = core if core is not None and (core / "manifest.json").is_file() else None
    result = run_bench(source.resolve(), data_dir=target, core=core_dir, limit=limit, only=only,
                       cache_from=cache_from, questions=questions, chroma_server=chroma_server)
    text = render(result)
    typer.echo(text)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        (out / "library-bench.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
        (out / "library-bench.md").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    typer.run(main)
