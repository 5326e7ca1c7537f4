"""The measurements behind `dgplan bench` (dgplan/cli/eval_commands.py), run on this machine as a user runs them.

1. cold ingest of the corpus (empty data dir, empty embedding cache): chunks, characters and tokens
   embedded, characters/s, and where the time goes;
2. a second ingest with nothing changed (must embed nothing);
3. the retrieval smoke check: for the `smoke` questions, the rank of the right chunk in the top 5;
4. `/ask` latency over real HTTP (warm, extractive) on the eval questions: p50 / p95.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from evals.metrics import Passage, hit_rank, percentile
from evals.processes import free_port, stop, wait_until_ok
from evals.question_set import DEFAULT_SUBSETS, load_questions, load_subsets, select, split_path

if TYPE_CHECKING:
    from dgplan.settings import Settings


def child_env(settings: Settings) -> dict[str, str]:
    """The environment of a `dgplan` child process: this process's, with the benchmark's data dir and log level."""
    return {**os.environ, "DGPLAN_DATA_DIR": str(settings.data_dir.resolve()), "DGPLAN_LOG_LEVEL": settings.log_level}


def _dgplan(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dgplan", *args], env=env, capture_output=True, text=True)


def bench_ingest(settings: Settings, mirror: Path, cold: bool) -> dict[str, Any]:
    """Cold (or current) ingest, then an unchanged re-run; both timed end to end as a user runs them."""
    env = child_env(settings)
    if cold:
        shutil.rmtree(settings.index_dir, ignore_errors=True)
    sync = _dgplan("corpus", "sync", "--from", str(mirror), env=env)
    if sync.returncode != 0:
        raise RuntimeError(sync.stdout + sync.stderr)
    t0 = time.perf_counter()
    first = _dgplan("ingest", "--json", env=env)
    first_s = time.perf_counter() - t0
    if first.returncode != 0:
        raise RuntimeError(first.stdout + first.stderr)
    t0 = time.perf_counter()
    second = _dgplan("ingest", "--json", env=env)
    second_s = time.perf_counter() - t0
    if second.returncode != 0:
        raise RuntimeError(second.stdout + second.stderr)
    return {
        "first": {**json.loads(first.stdout), "wall_s": round(first_s, 1), "cold": cold},
        "unchanged": {**json.loads(second.stdout), "wall_s": round(second_s, 1)},
    }


def bench_smoke(settings: Settings) -> list[dict[str, Any]]:
    """Rank of the gold chunk among the top 5 for the smoke questions (pure retrieval)."""
    from assistant.ask_service import history_context
    from assistant.schemas import AskRequest
    from assistant.services import build_services

    services = build_services(settings)
    rows = []
    for q in select(load_questions(split_path("dev")), "smoke", load_subsets(DEFAULT_SUBSETS), None):
        request = AskRequest.model_validate({"question": q.question, "history": [t.model_dump() for t in q.history]})
        hits = services.retriever.search(q.question, top_k=5, history_context=history_context(request)).hits
        rank = hit_rank([Passage(h.chunk.doc_id, h.chunk.text) for h in hits], q.doc_id, q.evidence, depth=5)
        rows.append({"id": q.id, "category": q.category, "question": q.question, "gold": q.doc_id, "rank": rank,
                     "top": hits[0].chunk.chunk_id if hits else None})
    return rows


def bench_latency(settings: Settings, repeats: int) -> dict[str, Any]:
    """Start `dgplan serve`, warm it, then time every eval question over HTTP (sequential requests)."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "dgplan", "serve", "--no-ui", "--port", str(port)],
        env=child_env(settings), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_ok(f"{base}/health", server, timeout=120, what="dgplan serve")
        questions = load_questions(split_path("dev"))
        times: list[float] = []
        with httpx.Client(base_url=base, timeout=60) as client:
            for q in questions[:10]:  # warm-up pass
                client.post("/ask", json={"question": q.question, "mode": "extractive"})
            for _ in range(repeats):
                for q in questions:
                    body = {"question": q.question, "mode": "extractive",
                            "history": [t.model_dump() for t in q.history]}
                    t0 = time.perf_counter()
                    r = client.post("/ask", json=body)
                    times.append((time.perf_counter() - t0) * 1000)
                    r.raise_for_status()
        return {"requests": len(times), "p50_ms": round(percentile(times, 50) or 0, 1),
                "p95_ms": round(percentile(times, 95) or 0, 1), "max_ms": round(max(times), 1)}
    finally:
        stop(server, timeout=30)


def render(result: dict[str, Any]) -> str:
    """The benchmark as Markdown."""
    lines = ["# dgplan benchmark", ""]
    if "ingest" in result:
        first, again = result["ingest"]["first"], result["ingest"]["unchanged"]
        t = first.get("timings_s", {})
        lines += [
            f"## Ingest ({'cold' if first['cold'] else 'current cache'})", "",
            "| figure | value |", "|---|---|",
            f"| documents | {first['documents']} |",
            f"| chunks | {first['chunks']} (embedded {first['chunks_embedded']}, cached {first['chunks_cached']}) |",
            f"| characters embedded | {first['chars_embedded']:,} |",
            f"| tokens embedded | {first['tokens_embedded']:,} |",
            f"| embedding throughput | {first['chars_per_s']:,.0f} chars/s |",
            f"| wall time (command) | {first['wall_s']} s |",
            "| time by step | " + ", ".join(f"{k} {v:.1f}s" for k, v in t.items()) + " |",
            f"| unchanged re-run | {again['wall_s']} s, status {again['status']}, "
            f"embedded {again['chunks_embedded']} |",
            "",
        ]
    if "smoke" in result:
        rows = result["smoke"]
        ok = sum(1 for r in rows if r["rank"] is not None)
        lines += [f"## Retrieval smoke check: {ok}/{len(rows)} with the right chunk in the top 5", "",
                  "| id | category | rank | question |", "|---|---|---|---|"]
        lines += [f"| {r['id']} | {r['category']} | {r['rank'] or '—'} | {r['question'][:70]} |" for r in rows]
        lines.append("")
    if "latency" in result:
        lat = result["latency"]
        lines += ["## /ask latency over HTTP (warm, extractive)", "",
                  f"{lat['requests']} requests: p50 {lat['p50_ms']} ms, p95 {lat['p95_ms']} ms, "
                  f"max {lat['max_ms']} ms", ""]
    return "\n".join(lines)
