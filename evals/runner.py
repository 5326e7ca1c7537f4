"""Run the question set in-process (through AskService, as the API does) or against a running server."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
from tqdm import tqdm

from assistant.schemas import AskRequest, Turn
from dgplan.settings import Settings
from evals.metrics import (
    RETRIEVAL_DEPTH,
    Passage,
    QuestionResult,
    aggregate,
    answer_correct,
    baseline_scores,
    citation_correct,
    first_line,
    grounding_violations,
    hit_rank,
    per_category,
    per_group,
)
from evals.question_set import ABSTAIN_CATEGORIES, CATEGORIES, STRUCTURED_CATEGORIES, EvalQuestion

# "answers": everything judged as general answering; "structured": plan facts, law, project details.
GROUPS: dict[str, tuple[str, ...]] = {
    "answers": tuple(c for c in CATEGORIES if c not in STRUCTURED_CATEGORIES + ABSTAIN_CATEGORIES),
    "structured": STRUCTURED_CATEGORIES,
    "abstain": ABSTAIN_CATEGORIES,
}

log = logging.getLogger(__name__)

Searcher = Callable[[str, str], list[Passage]]  # (question, history context) -> ranked passages


@dataclass
class EvalReport:
    """One run: settings it ran with, per-question results and the aggregates built from them."""

    meta: dict[str, Any]
    results: list[QuestionResult]
    overall: dict[str, Any] = field(default_factory=dict)
    baselines: dict[str, dict[str, float | None]] = field(default_factory=dict)
    categories: dict[str, dict[str, Any]] = field(default_factory=dict)
    groups: dict[str, dict[str, Any]] = field(default_factory=dict)

    def finalize(self) -> EvalReport:
        """Recompute aggregates from the per-question results."""
        retrieval = bool(self.meta.get("retrieval_measured", True))
        self.overall = aggregate(self.results, retrieval)
        self.baselines = baseline_scores(self.results)
        if retrieval:
            self.baselines = {
                "pipeline": {k: self.overall[k] for k in ("hit@1", "hit@5", "mrr")},
                **self.baselines,
            }
        self.categories = per_category(self.results, retrieval)
        self.groups = per_group(self.results, GROUPS, retrieval)
        return self

    def to_json(self) -> dict[str, Any]:
        return {
            "meta": self.meta,
            "overall": self.overall,
            "baselines": self.baselines,
            "categories": self.categories,
            "groups": self.groups,
            "results": [r.to_json() for r in self.results],
        }


def _ask_request(q: EvalQuestion, top_k: int) -> AskRequest:
    """The request the API would receive for this question."""
    history = [Turn(role=t.role, content=t.content) for t in q.history]
    return AskRequest(question=q.question, top_k=top_k, history=history)


def _score(
    q: EvalQuestion,
    res: QuestionResult,
    answer: str,
    abstained: bool,
    citations: Sequence[Passage],
    retrieved: Sequence[Passage],
) -> None:
    """Fill the scores of one answered question."""
    res.answer = answer
    res.abstained = abstained
    res.cited_doc_ids = [c.doc_id for c in citations]
    res.retrieved_doc_ids = [p.doc_id for p in retrieved]
    res.rank = hit_rank(retrieved, q.doc_id, q.evidence)
    res.answer_ok = answer_correct(answer, abstained, q.answer_keys)
    res.direct_ok = answer_correct(first_line(answer), abstained, q.answer_keys)
    res.citation_ok = not abstained and citation_correct(citations, q.doc_id, q.evidence)
    res.ungrounded = [] if abstained else grounding_violations(answer, [c.text for c in citations])


def _new_result(q: EvalQuestion) -> QuestionResult:
    return QuestionResult(
        id=q.id,
        category=q.category,
        language=q.language,
        abstain_expected=q.abstain,
        question=q.question,
        gold_doc_id=q.doc_id,
        answer_keys=list(q.answer_keys),
    )


def _progress(questions: Sequence[EvalQuestion], progress: bool) -> Iterator[EvalQuestion]:
    return iter(tqdm(questions, desc="eval", unit="q", disable=not progress))


def _in_process(
    settings: Settings, questions: Sequence[EvalQuestion], top_k: int, progress: bool, baselines: bool
) -> tuple[list[QuestionResult], dict[str, Any]]:
    """Answer through AskService; rank with the pipeline's retriever and the baselines."""
    from assistant.ask_service import history_context
    from assistant.retrieval_service import HybridRetriever
    from assistant.services import build_services, load_aliases

    services = build_services(settings)
    snap = services.snapshot

    def hybrid(mode: str) -> Searcher:
        retriever = (
            services.retriever
            if mode == "hybrid"
            else HybridRetriever(
                snap, services.embedder, settings.retrieval, load_aliases(snap.path), mode=mode
            )
        )

        def search(question: str, context: str) -> list[Passage]:
            hits = retriever.search(question, top_k=RETRIEVAL_DEPTH, history_context=context).hits
            return [Passage(h.chunk.doc_id, h.chunk.text) for h in hits]

        return search

    searchers: dict[str, Searcher] = {}
    if baselines:
        from evals.baselines import FixedWindowBM25

        searchers = {"bm25": hybrid("bm25"), "dense": hybrid("dense")}
        fixed = FixedWindowBM25(snap.chunks)
        searchers[fixed.name] = lambda question, context: fixed.search(
            f"{context} {question}".strip(), RETRIEVAL_DEPTH
        )
    pipeline = hybrid("hybrid")
    services.ask.ask(AskRequest(question="แผนพัฒนารัฐบาลดิจิทัล"))  # warm-up: first-call costs are not latency

    results: list[QuestionResult] = []
    for q in _progress(questions, progress):
        res = _new_result(q)
        try:
            request = _ask_request(q, top_k)
            t = time.perf_counter()
            response = services.ask.ask(request)
            res.latency_ms = (time.perf_counter() - t) * 1000
            context = history_context(request)  # the follow-up context the ask service derives
            retrieved = pipeline(q.question, context)
            cites = [Passage(c.doc_id, c.text) for c in response.citations]
            _score(q, res, response.answer, response.abstained, cites, retrieved)
            for name, searcher in searchers.items():
                res.baseline_ranks[name] = hit_rank(searcher(q.question, context), q.doc_id, q.evidence)
        except Exception as exc:  # one broken question must not hide the rest of the run
            log.exception("question %s failed", q.id)
            res.error = f"{type(exc).__name__}: {exc}"
        results.append(res)
    return results, {"index_version": snap.version, "retrieval_measured": True}


def _against_server(
    base_url: str,
    questions: Sequence[EvalQuestion],
    top_k: int,
    progress: bool,
) -> tuple[list[QuestionResult], dict[str, Any]]:
    """Answer through POST /ask; rank through POST /search (which takes no history)."""
    results: list[QuestionResult] = []
    meta: dict[str, Any] = {"retrieval_measured": True, "search_without_history": True}
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request would bury the progress bar
    with httpx.Client(base_url=base_url.rstrip("/"), timeout=180.0) as client:
        try:
            health = client.get("/health")
            if health.is_success:
                meta["health"] = health.json()
        except (httpx.HTTPError, ValueError):
            pass
        client.post("/ask", json={"question": "แผนพัฒนารัฐบาลดิจิทัล"})  # warm-up, not timed
        for q in _progress(questions, progress):
            res = _new_result(q)
            try:
                body = {
                    "question": q.question,
                    "top_k": top_k,
                    "history": [t.model_dump() for t in q.history],
                }
                t = time.perf_counter()
                r = client.post("/ask", json=body)
                res.latency_ms = (time.perf_counter() - t) * 1000
                r.raise_for_status()
                data = r.json()
                s = client.post("/search", json={"query": q.question, "top_k": RETRIEVAL_DEPTH})
                s.raise_for_status()
                retrieved = [Passage(x["doc_id"], x["text"]) for x in s.json()["results"]]
                cites = [Passage(c["doc_id"], c["text"]) for c in data["citations"]]
                _score(q, res, data["answer"], bool(data["abstained"]), cites, retrieved)
            except (httpx.HTTPError, KeyError, ValueError) as exc:
                res.error = f"{type(exc).__name__}: {exc}"
            results.append(res)
    return results, meta


def run_eval(
    settings: Settings,
    questions: Sequence[EvalQuestion],
    against: str | None = None,
    progress: bool = True,
    *,
    top_k: int | None = None,
    baselines: bool = True,
    subset: str | None = None,
    split: str | None = None,
) -> EvalReport:
    """Ask every question, score it, and aggregate (baselines only in-process)."""
    k = top_k or settings.retrieval.top_k
    started = datetime.now(UTC)
    if against:
        results, meta = _against_server(against, questions, k, progress)
    else:
        results, meta = _in_process(settings, questions, k, progress, baselines)
    meta = {
        "started": started.isoformat(timespec="seconds"),
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
        "against": against,
        "split": split,
        "subset": subset,
        "top_k": k,
        "retrieval_depth": RETRIEVAL_DEPTH,
        "data_dir": str(settings.data_dir),
        **meta,
    }
    return EvalReport(meta=meta, results=results).finalize()
