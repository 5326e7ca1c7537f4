"""Request ids, one JSON log line per request, and Prometheus metrics (per route, answers, index version).

With several worker processes (``server.workers``) the counters are shared through prometheus-client's
multiprocess mode (``PROMETHEUS_MULTIPROC_DIR``, set by ``dgplan serve``), so ``/metrics`` shows them all.
"""

from __future__ import annotations

import contextvars
import json
import logging
import os
import re
import time
import uuid
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)
_ID_RE = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
log = logging.getLogger("dgplan.access")

LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class JsonFormatter(logging.Formatter):
    """One JSON object per line, with the request id of the request being served."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "ts": round(record.created, 3),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        rid = getattr(record, "request_id", None) or request_id_var.get()
        if rid:
            data["request_id"] = rid
        data.update(getattr(record, "fields", {}))
        if record.exc_info:
            data["exc"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False)


def use_json_logs(level: str) -> None:
    """Route every logger (uvicorn's too) through one JSON handler on stderr."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers = []
        logging.getLogger(name).propagate = True


class Metrics:
    """The service's Prometheus metrics, in a registry of their own (one per app)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter(
            "dgplan_http_requests_total", "HTTP requests by route, method and status.",
            ["route", "method", "status"], registry=r,
        )  # fmt: skip
        self.latency = Histogram(
            "dgplan_http_request_duration_seconds", "Time to the last byte of the response, by route.",
            ["route", "method"], buckets=LATENCY_BUCKETS, registry=r,
        )  # fmt: skip
        self.answers = Counter(
            "dgplan_answers_total", "Answers given by /ask, by outcome (answered|abstained) and mode.",
            ["outcome", "mode"], registry=r,
        )  # fmt: skip
        self.degraded = Counter(
            "dgplan_degraded_answers_total", "Answers given without a part (e.g. dense retrieval).", ["part"],
            registry=r,
        )  # fmt: skip
        self.rejected = Counter("dgplan_rejected_busy_total", "Requests refused with 503 (busy).", registry=r)
        self.index_info = Gauge(
            "dgplan_index_version_info", "1 for the index version being served.", ["version"], registry=r,
            multiprocess_mode="mostrecent",
        )  # fmt: skip
        self.documents = Gauge(
            "dgplan_index_documents", "Documents in the served index.", registry=r, multiprocess_mode="mostrecent"
        )
        self.chunks = Gauge(
            "dgplan_index_chunks", "Chunks in the served index.", registry=r, multiprocess_mode="mostrecent"
        )
        self._version: str | None = None

    def set_index(self, version: str, documents: int, chunks: int) -> None:
        if self._version and self._version != version:
            self.index_info.labels(self._version).set(0)
        self._version = version
        self.index_info.labels(version).set(1)
        self.documents.set(documents)
        self.chunks.set(chunks)

    def set_index_of(self, services: Any) -> None:
        snapshot = services.snapshot
        self.set_index(snapshot.version, len(snapshot.documents), len(snapshot.chunks))

    def observe_answer(self, abstained: bool, mode: str, degraded: list[str]) -> None:
        self.answers.labels("abstained" if abstained else "answered", mode).inc()
        for part in degraded:
            self.degraded.labels(part).inc()

    def exposition(self) -> bytes:
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            from prometheus_client import multiprocess

            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
            return generate_latest(registry)
        return generate_latest(self.registry)

    content_type = CONTENT_TYPE_LATEST


def _route_label(scope: Scope) -> str:
    route = scope.get("dgplan.route") or scope.get("route")
    path = getattr(route, "path", None)
    return str(path) if path else "other"  # never the raw path: unbounded label values


class RequestObserver:
    """Give each request an id (or keep the caller's ``X-Request-ID``), echo it, time it, count it, log it."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope.get("headers") or []).get(b"x-request-id", b"").decode("latin-1")
        rid = given if _ID_RE.match(given) else uuid.uuid4().hex
        token = request_id_var.set(rid)
        scope.setdefault("state", {})["request_id"] = rid
        t0 = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                message["headers"] = [*message.get("headers", []), (b"x-request-id", rid.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - t0
            route = _route_label(scope)
            method = scope["method"]
            self.metrics.requests.labels(route, method, str(status)).inc()
            self.metrics.latency.labels(route, method).observe(elapsed)
            if status == 503 and scope.get("dgplan.busy"):
                self.metrics.rejected.inc()
            log.info(
                "%s %s %d %.1f ms", method, scope["path"], status, elapsed * 1000,
                extra={"fields": {"method": method, "path": scope["path"], "route": route, "status": status,
                                  "ms": round(elapsed * 1000, 1)}},
            )  # fmt: skip
            request_id_var.reset(token)
