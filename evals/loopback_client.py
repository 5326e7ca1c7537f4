"""A minimal keep-alive HTTP/1.1 client for the load bench, cheap enough not to be the bottleneck.

httpx costs ~9 ms of client CPU per request; with 100 clients on the same 2 cores as the server, the load
generator then measured its own queue (503s answered by the server in 2 ms were seen after seconds). This
client writes one request and parses one response per call over asyncio streams (~0.3 ms), like the C load
generators (wrk, hey) do. It speaks only what the bench needs: JSON POSTs, Content-Length or chunked bodies.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit


class LoopbackHTTPError(Exception):
    """The connection failed or the response could not be read."""


@dataclass
class Response:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class KeepAliveConnection:
    """One persistent connection to ``base`` (http://host:port), reopened when the server closes it."""

    def __init__(self, base: str, timeout: float = 60.0) -> None:
        parts = urlsplit(base)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.timeout = timeout
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def post_json(self, path: str, payload: Any) -> Response:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        head = (
            f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode("ascii")
        try:
            return await asyncio.wait_for(self._exchange(head + body), self.timeout)
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError, ValueError) as exc:
            await self.close()
            raise LoopbackHTTPError(type(exc).__name__) from exc

    async def _exchange(self, request: bytes) -> Response:
        if self._writer is None or self._writer.is_closing():
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        assert self._reader is not None
        self._writer.write(request)
        head = await self._reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:] if x)}
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = await self._chunked(self._reader)
        else:
            body = await self._reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return Response(status, headers, body)

    @staticmethod
    async def _chunked(reader: asyncio.StreamReader) -> bytes:
        parts: list[bytes] = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await reader.readuntil(b"\r\n")
                return b"".join(parts)
            parts.append(await reader.readexactly(size))
            await reader.readexactly(2)

    async def close(self) -> None:
        writer, self._writer, self._reader = self._writer, None, None
        if writer is not None:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()
