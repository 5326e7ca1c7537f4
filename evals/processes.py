"""Loopback server processes for the benchmarks and tests: a free port, wait until it answers, stop it."""

from __future__ import annotations

import socket
import subprocess
import time

import httpx


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_ok(url: str, proc: subprocess.Popen | None = None, timeout: float = 60, what: str = "server") -> None:
    """Poll ``url`` until it answers 200; fail early if the process serving it has exited."""
    deadline = time.monotonic() + timeout
    while True:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not answer {url} within {timeout:.0f} s")
        time.sleep(0.2)


def stop(proc: subprocess.Popen, timeout: float = 20) -> None:
    """Terminate a server process, killing it if it does not exit in time."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
