"""The process-wide answer slots shared by the API and the chat UI: bounds, FIFO hand-over, timeouts."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time

from assistant.admission import Admission


def test_refuses_at_once_beyond_slots_and_queue() -> None:
    gate = Admission(max_in_flight=1, max_queue=0, queue_timeout_s=5)
    assert gate.try_enter()
    t0 = time.perf_counter()
    assert not gate.enter_blocking()  # no queue: refused without waiting for the timeout
    assert not asyncio.run(gate.enter())
    assert time.perf_counter() - t0 < 0.5
    assert gate.rejected == 2
    gate.leave()
    assert gate.try_enter() and gate.in_flight == 1


def test_a_freed_slot_goes_to_the_oldest_waiter_not_to_a_newcomer() -> None:
    gate = Admission(max_in_flight=1, max_queue=2, queue_timeout_s=5)
    assert gate.try_enter()
    got: list[str] = []

    def ui_thread() -> None:
        if gate.enter_blocking():
            got.append("ui")
            gate.leave()

    waiter = threading.Thread(target=ui_thread)
    waiter.start()
    while gate.waiting == 0:
        time.sleep(0.01)
    assert not gate.try_enter()  # a newcomer may not overtake the queue
    gate.leave()
    waiter.join(timeout=5)
    assert got == ["ui"] and gate.in_flight == 0 and gate.waiting == 0


def test_api_waiter_is_woken_by_a_thread_and_times_out_when_nobody_leaves() -> None:
    gate = Admission(max_in_flight=1, max_queue=4, queue_timeout_s=0.3)
    assert gate.try_enter()

    async def scenario() -> tuple[bool, bool]:
        timer = threading.Timer(0.05, gate.leave)  # a UI answer finishing in its own thread
        timer.start()
        woken = await gate.enter()
        t0 = time.perf_counter()
        late = await gate.enter()  # the slot is held by the first waiter and nobody gives it back
        assert 0.25 < time.perf_counter() - t0 < 2
        return woken, late

    woken, late = asyncio.run(scenario())
    assert woken and not late
    assert gate.in_flight == 1 and gate.waiting == 0


def test_a_cancelled_api_waiter_leaves_the_queue() -> None:
    gate = Admission(max_in_flight=1, max_queue=4, queue_timeout_s=5)
    assert gate.try_enter()

    async def scenario() -> None:
        task = asyncio.create_task(gate.enter())
        await asyncio.sleep(0.05)
        assert gate.waiting == 1
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        assert gate.waiting == 0

    asyncio.run(scenario())
    gate.leave()
    assert gate.in_flight == 0



def test_a_request_that_would_wait_past_the_timeout_is_refused_at_arrival() -> None:
    gate = Admission(max_in_flight=1, max_queue=100, queue_timeout_s=1.0)
    assert gate.try_enter()
    waiters = [threading.Thread(target=gate.enter_blocking, args=(10,)) for _ in range(3)]
    for w in waiters[:2]:
        w.start()
    while gate.waiting < 2:
        time.sleep(0.01)
    time.sleep(0.4)
    gate.leave()  # saturated: answers finish ~0.4 s apart; the slot passes to the first waiter
    assert 0.3 < gate.interval_s < 0.9 and gate.waiting == 1
    waiters[2].start()  # 2nd place: ~0.8 s expected, within the 1 s timeout, so it queues
    while gate.waiting < 2:
        time.sleep(0.01)
    t0 = time.perf_counter()
    assert not asyncio.run(gate.enter())  # 3rd place, ~1.2 s: refused at once, not after the timeout
    assert time.perf_counter() - t0 < 0.2
    for _ in range(3):
        gate.leave()
    for w in waiters:
        w.join(timeout=5)
    assert gate.in_flight == 0 and gate.waiting == 0 and gate.interval_s == 0.0
