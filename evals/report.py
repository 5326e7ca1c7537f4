"""Write a run as report.json + report.md with two charts, and render the tables for the terminal."""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from evals.metrics import QuestionResult
from evals.runner import EvalReport

OVERALL_ROWS: list[tuple[str, str]] = [
    ("hit@1", "retrieval hit@1"),
    ("hit@5", "retrieval hit@5"),
    ("mrr", "retrieval MRR"),
    ("accuracy", "end-to-end accuracy"),
    ("answer_accuracy", "answer accuracy (answerable)"),
    ("citation_accuracy", "citation accuracy (answerable)"),
    ("direct_answer", "direct answer (first line holds the keys)"),
    ("abstention_precision", "abstention precision"),
    ("abstention_recall", "abstention recall"),
    ("false_abstentions", "false abstentions"),
    ("grounding_violations", "grounding violations"),
    ("errors", "errors"),
    ("latency_p50_ms", "latency p50 (ms)"),
    ("latency_p95_ms", "latency p95 (ms)"),
]
CATEGORY_COLS = [
    "n",
    "hit@1",
    "hit@5",
    "mrr",
    "accuracy",
    "answer_accuracy",
    "direct_answer",
    "citation_accuracy",
    "false_abstentions",
    "grounding_violations",
    "latency_p50_ms",
]
CHART_METRICS = ["hit@1", "hit@5", "accuracy", "citation_accuracy"]
CATEGORY_CHART = "categories.png"
LATENCY_CHART = "latency.png"


def fmt(value: Any) -> str:
    """Fractions to 3 places, milliseconds and counts as integers, missing as a dash."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{value:.0f}" if value > 1.0 else f"{value:.3f}"
    return str(value)


def md_table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A GitHub-flavoured markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += [
        "| " + " | ".join(fmt(c).replace("|", "\\|").replace("\n", " ") for c in row) + " |" for row in rows
    ]
    return "\n".join(lines)


def overall_table(report: EvalReport) -> str:
    return md_table(["metric", "value"], [(label, report.overall.get(key)) for key, label in OVERALL_ROWS])


def baseline_table(report: EvalReport) -> str:
    rows = [(name, s.get("hit@1"), s.get("hit@5"), s.get("mrr")) for name, s in report.baselines.items()]
    return md_table(["retriever", "hit@1", "hit@5", "MRR"], rows)


def category_table(report: EvalReport) -> str:
    rows = [[cat, *(m.get(c) for c in CATEGORY_COLS)] for cat, m in report.categories.items()]
    return md_table(["category", *CATEGORY_COLS], rows)


def group_table(report: EvalReport) -> str:
    """Categories grouped as the issues judge them: general answers, structured knowledge, abstention."""
    rows = [[name, *(m.get(c) for c in CATEGORY_COLS)] for name, m in report.groups.items()]
    return md_table(["group", *CATEGORY_COLS], rows)


def failure_reasons(r: QuestionResult) -> list[str]:
    """Why a question counts as a failure (empty when it passed everything)."""
    reasons: list[str] = []
    if r.error:
        return [f"error: {r.error}"]
    if r.abstain_expected:
        if not r.abstained:
            reasons.append("answered an out-of-scope question")
        return reasons
    if r.abstained:
        reasons.append("false abstention")
    elif not r.answer_ok:
        reasons.append("answer keys missing")
    if r.rank is None:
        reasons.append("evidence not retrieved in top 10")
    if not r.abstained and not r.citation_ok:
        reasons.append("no citation with the evidence")
    if r.ungrounded:
        reasons.append("ungrounded: " + ", ".join(r.ungrounded[:8]))
    return reasons


def _expected(r: QuestionResult) -> str:
    if r.abstain_expected:
        return "abstain"
    keys = " + ".join(k if isinstance(k, str) else " / ".join(k) for k in r.answer_keys)
    return f"{keys} (from {r.gold_doc_id})"


def failures_section(results: Sequence[QuestionResult]) -> str:
    """Each failing question with what came back, so a regression can be read without re-running."""
    out: list[str] = []
    for r in results:
        reasons = failure_reasons(r)
        if not reasons:
            continue
        answer = r.answer[:200].replace("\n", " ")
        out.append(
            f"- **{r.id}** ({r.category}) — {'; '.join(reasons)}\n"
            f"  - question: {r.question}\n"
            f"  - expected: {_expected(r)}\n"
            f"  - answer: {answer}{'…' if len(r.answer) > 200 else ''}\n"
            f"  - cited: {', '.join(r.cited_doc_ids) or '—'}; rank: {fmt(r.rank)}; "
            f"retrieved: {', '.join(r.retrieved_doc_ids[:5]) or '—'}"
        )
    return "\n".join(out) if out else "None."


def _charts(report: EvalReport, out_dir: Path) -> None:
    """Per-category grouped bars and the latency histogram (Agg backend: no display needed)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    cats = list(report.categories)
    x = np.arange(len(cats))
    width = 0.8 / len(CHART_METRICS)
    fig, ax = plt.subplots(figsize=(max(6.0, 1.1 * len(cats) + 2), 4.5))
    for i, metric in enumerate(CHART_METRICS):
        vals = [report.categories[c].get(metric) for c in cats]
        ax.bar(
            x + i * width - 0.4 + width / 2, [np.nan if v is None else v for v in vals], width, label=metric
        )
    ax.set_xticks(x, cats, rotation=30, ha="right")
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("score")
    ax.set_title("Scores per category")
    ax.legend(fontsize="small", ncols=len(CHART_METRICS))
    fig.tight_layout()
    fig.savefig(out_dir / CATEGORY_CHART, dpi=110)
    plt.close(fig)

    lat = [r.latency_ms for r in report.results if not r.error]
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.hist(lat or [0.0], bins=min(30, max(5, len(lat) // 3)), color="#4477aa")
    for key, style in (("latency_p50_ms", "--"), ("latency_p95_ms", ":")):
        v = report.overall.get(key)
        if v is not None:
            ax.axvline(v, color="black", linestyle=style, label=f"{key[8:11]} {v:.0f} ms")
    ax.set_xlabel("latency (ms)")
    ax.set_ylabel("questions")
    ax.set_title("Answer latency")
    if lat:
        ax.legend()
    fig.tight_layout()
    fig.savefig(out_dir / LATENCY_CHART, dpi=110)
    plt.close(fig)


def render_markdown(report: EvalReport) -> str:
    m = report.meta
    where = (
        f"server {m['against']}" if m.get("against") else f"in-process, index {m.get('index_version', '?')}"
    )
    parts = [
        "# dgplan evaluation",
        f"{m.get('started')} — {where}; split: {m.get('split') or '?'}; subset: {m.get('subset') or 'all'}; "
        f"{report.overall.get('n')} questions ({report.overall.get('n_answerable')} answerable, "
        f"{report.overall.get('n_abstain')} abstain); top_k {m.get('top_k')}, retrieval depth "
        f"{m.get('retrieval_depth')}.",
        "## Overall",
        overall_table(report),
        "## Retrieval baselines (answerable questions)",
        baseline_table(report),
        "## Per group",
        group_table(report),
        "## Per category",
        category_table(report),
        f"![scores per category]({CATEGORY_CHART})\n\n![latency]({LATENCY_CHART})",
        "## Failures",
        failures_section(report.results),
    ]
    if m.get("search_without_history"):
        parts.insert(2, "_Retrieval measured through POST /search, which ignores conversation history._")
    return "\n\n".join(parts) + "\n"


def write_report(report: EvalReport, out_dir: Path, latest_dir: Path | None = None) -> Path:
    """Write report.json, report.md and the charts into ``out_dir`` (and mirror it to ``latest_dir``)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "report.json").write_text(
        json.dumps(report.to_json(), ensure_ascii=False, indent=1), encoding="utf-8"
    )
    _charts(report, out_dir)
    (out_dir / "report.md").write_text(render_markdown(report), encoding="utf-8")
    if latest_dir is not None and latest_dir.resolve() != out_dir.resolve():
        shutil.rmtree(latest_dir, ignore_errors=True)
        shutil.copytree(out_dir, latest_dir)
    return out_dir
