"""One bound on answers in flight for a whole process, shared by the HTTP API and the chat UI.

``max_in_flight`` answers run at once, ``max_queue`` more wait (first come, first served) for at most
``queue_timeout_s``; anything beyond is refused at once, and so is a request whose expected wait (its place
in the queue times the recent interval between finished answers) already exceeds the timeout, instead of
being refused only when the timeout runs out. So a saturated server says "busy, retry" in
microseconds instead of letting every caller wait longer and longer. The API waits on the event loop
(``enter``), the chat UI's handler threads block (``enter_blocking``); a freed slot goes straight to the
oldest waiter of either kind, so newcomers never overtake the queue. The check itself is a few Python
operations under a lock: no I/O, nothing that waits for the threads doing the answering.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import deque
from dataclasses import dataclass, field


@dataclass(eq=False)
class _Waiter:
    granted: bool = False
    event: threading.Event | None = None  # a UI thread
    future: asyncio.Future[None] | None = None  # an API request on the event loop
    loop: asyncio.AbstractEventLoop | None = None

    def wake(self) -> None:
        if self.event is not None:
            self.event.set()
        elif self.future is not None and self.loop is not None:
            self.loop.call_soon_threadsafe(_resolve, self.future)


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


@dataclass
class Admission:
    """Slots for answers: take one with ``enter``/``enter_blocking`` (False: refuse as busy), give it back
    with ``leave``."""

    max_in_flight: int
    max_queue: int
    queue_timeout_s: float
    retry_after_s: int = 1
    in_flight: int = 0
    rejected: int = 0
    interval_s: float = 0.0  # smoothed time between finished answers while requests were waiting
    _last_leave: float = 0.0
    _waiters: deque[_Waiter] = field(default_factory=deque)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def waiting(self) -> int:
        return len(self._waiters)

    def _try_enter(self) -> bool | None:
        """True: admitted; False: refused; None: the caller may queue (the lock is held by the caller)."""
        if self.in_flight < self.max_in_flight and not self._waiters:
            self.in_flight += 1
            return True
        if len(self._waiters) >= self.max_queue or (len(self._waiters) + 1) * self.interval_s > self.queue_timeout_s:
            self.rejected += 1
            return False
        return None

    def _queue(self, waiter: _Waiter) -> None:
        if not self._waiters:  # saturation starts: time the next interval from now at the earliest
            self._last_leave = max(self._last_leave, time.monotonic())
        self._waiters.append(waiter)

    def try_enter(self) -> bool:
        """A slot now, or False (never waits)."""
        with self._lock:
            found = self._try_enter()
            if found is None:
                self.rejected += 1
            return bool(found)

    async def enter(self) -> bool:
        """A slot now, or after waiting in the queue; False when the queue is full or the wait timed out."""
        with self._lock:
            found = self._try_enter()
            if found is not None:
                return found
            loop = asyncio.get_running_loop()
            waiter = _Waiter(future=loop.create_future(), loop=loop)
            self._queue(waiter)
        assert waiter.future is not None
        try:
            await asyncio.wait_for(waiter.future, self.queue_timeout_s)
        except TimeoutError:
            return not self._give_up(waiter)  # a slot handed over just as the wait ended is still ours
        except asyncio.CancelledError:  # the client went away while waiting
            if not self._give_up(waiter):
                self.leave()
            raise
        return True

    def enter_blocking(self, timeout_s: float | None = None) -> bool:
        """Like ``enter`` for a worker thread: blocks up to ``timeout_s`` (default: the queue timeout)."""
        with self._lock:
            found = self._try_enter()
            if found is not None:
                return found
            waiter = _Waiter(event=threading.Event())
            self._queue(waiter)
        assert waiter.event is not None
        if waiter.event.wait(self.queue_timeout_s if timeout_s is None else timeout_s):
            return True
        return not self._give_up(waiter)

    def _give_up(self, waiter: _Waiter) -> bool:
        """Leave the queue; True if the waiter really left, False if a slot was handed to it meanwhile."""
        with self._lock:
            if waiter.granted:
                return False
            self._waiters.remove(waiter)
            self.rejected += 1
            return True

    def leave(self) -> None:
        """Give a slot back: to the oldest waiter if there is one."""
        with self._lock:
            now = time.monotonic()
            if self._waiters:  # saturated since the last answer finished: a true service interval
                gap = now - self._last_leave
                self.interval_s = gap if self.interval_s == 0.0 else 0.8 * self.interval_s + 0.2 * gap
            else:  # the queue drained: measure afresh when it next forms
                self.interval_s = 0.0
            self._last_leave = now
            if self._waiters:
                waiter = self._waiters.popleft()
                waiter.granted = True  # the slot passes on: in_flight is unchanged
            else:
                self.in_flight -= 1
                return
        waiter.wake()

