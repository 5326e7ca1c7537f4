"""ASGI guards in front of the API routes: 405 for undeclared methods, 413 for big bodies, 503 when saturated.

They run before FastAPI parses anything, so a 20 MB body or a burst of clients costs almost nothing, and
they answer in the one error envelope. Paths that are not API routes (the chat UI mounted at ``/``) pass
through untouched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.routing import compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import busy_message, error_bytes, method_message, too_large_message
from assistant.admission import Admission

OPS_TAG = "ops"  # health, readiness, metrics: never queued or limited


@dataclass(frozen=True)
class Endpoint:
    """One API operation as served: its full path (router prefixes included), methods and tags."""

    path: str
    methods: frozenset[str]
    tags: tuple[str, ...]
    regex: re.Pattern[str]


@dataclass
class RouteMatch:
    endpoint: Endpoint | None  # the operation matching path and method
    allowed: list[str]  # methods of the operations matching the path only (for 405)


def api_routes(app: FastAPI) -> list[tuple[str, APIRoute]]:
    """Every APIRoute of the app with its full path, through included routers (and FastAPI's route contexts)."""
    try:
        from fastapi.routing import iter_route_contexts  # FastAPI >= 0.16x keeps included routers as contexts
    except ImportError:  # pragma: no cover - older FastAPI copies routes into app.router.routes
        return [(r.path, r) for r in app.router.routes if isinstance(r, APIRoute)]
    found = []
    for ctx in iter_route_contexts(app.router.routes):
        route = ctx.original_route
        if isinstance(route, APIRoute):
            found.append((ctx.path or route.path, route))
    return found


class RouteTable:
    """The app's API operations (read lazily, so routers included later by other features count too)."""

    def __init__(self, app: FastAPI) -> None:
        self._app = app
        self._endpoints: list[Endpoint] | None = None

    def endpoints(self) -> list[Endpoint]:
        if self._endpoints is None:
            self._endpoints = [
                Endpoint(path, frozenset(route.methods or ()), tuple(str(t) for t in route.tags or ()),
                         compile_path(path)[0])
                for path, route in api_routes(self._app)
            ]  # fmt: skip
        return self._endpoints

    def match(self, scope: Scope) -> RouteMatch:
        path, method = scope["path"], scope["method"]
        allowed: set[str] = set()
        for endpoint in self.endpoints():
            if endpoint.regex.match(path):
                methods = endpoint.methods | ({"HEAD"} if "GET" in endpoint.methods else set())
                if method in methods:
                    return RouteMatch(endpoint, [])
                allowed |= methods
        return RouteMatch(None, sorted(allowed))


def limited(endpoint: Endpoint | None) -> bool:
    return endpoint is not None and OPS_TAG not in endpoint.tags


async def send_error(
    send: Send, status: int, th: str, en: str, headers: Iterable[tuple[str, str]] = (), detail: object = None
) -> None:
    body = error_bytes(th, en, detail)
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode(), v.encode()) for k, v in headers]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


class MethodGuard:
    """405 with ``Allow`` for a method an API path does not declare (the UI mount would otherwise say 404)."""

    def __init__(self, app: ASGIApp, table: RouteTable) -> None:
        self.app = app
        self.table = table

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            found = self.table.match(scope)
            scope["dgplan.route"] = found.endpoint
            if found.endpoint is None and found.allowed:
                th, en = method_message(scope["method"], found.allowed)
                await send_error(send, 405, th, en, [("Allow", ", ".join(found.allowed))])
                return
        await self.app(scope, receive, send)


class BodyTooLarge(Exception):
    pass


class BodyLimit:
    """Read an API request's body up to ``max_bytes`` before the app sees it; beyond that, 413.

    Works for a declared Content-Length (rejected at once, nothing read) and for chunked bodies (counted as
    they arrive). The body read is then replayed to the app, which parses it anyway.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("dgplan.route") is None:
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await send_error(send, 413, *too_large_message(self.max_bytes), headers=[("Connection", "close")])
            return
        try:
            body = await self._read(receive)
        except BodyTooLarge:
            await send_error(send, 413, *too_large_message(self.max_bytes), headers=[("Connection", "close")])
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # http.disconnect, when the client goes away

        await self.app(scope, replay, send)

    async def _read(self, receive: Receive) -> bytes:
        parts: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                raise BodyTooLarge
            parts.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(parts)


class WorkLimiter:
    """API requests take a slot of the process's ``Admission`` (shared with the chat UI); none free and the
    queue full (or the wait timed out): 503 with ``Retry-After`` at once, a body built once, no I/O."""

    def __init__(self, app: ASGIApp, admission: Admission) -> None:
        self.app = app
        self.admission = admission
        th, en = busy_message(admission.retry_after_s)
        self._busy_body = error_bytes(th, en)
        self._busy_headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(self._busy_body)).encode()),
            (b"retry-after", str(admission.retry_after_s).encode()),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not limited(scope.get("dgplan.route")):
            await self.app(scope, receive, send)
            return
        if not await self.admission.enter():
            scope["dgplan.busy"] = True
            await send({"type": "http.response.start", "status": 503, "headers": list(self._busy_headers)})
            await send({"type": "http.response.body", "body": self._busy_body})
            return
        try:
            await self.app(scope, receive, send)
        finally:
            self.admission.leave()

