"""Detached work runs after the caller moved on, is bounded, logs its failures and is awaited
on shutdown."""

from __future__ import annotations

import asyncio

import pytest

from revenge_app.http.detached import Detached


async def test_work_runs_after_start_returns_and_close_awaits_it() -> None:
    done: list[str] = []
    gate = asyncio.Event()

    async def work() -> None:
        await gate.wait()
        done.append("work")

    detached = Detached()
    detached.start(work(), "work")
    assert done == []
    gate.set()
    await asyncio.wait_for(detached.close(), timeout=5)
    assert done == ["work"]


async def test_past_the_bound_work_is_dropped(caplog: pytest.LogCaptureFixture) -> None:
    gate = asyncio.Event()
    ran: list[int] = []

    async def work(n: int) -> None:
        await gate.wait()
        ran.append(n)

    detached = Detached(max_pending=2)
    for n in range(3):
        detached.start(work(n), "work")
    gate.set()
    await asyncio.wait_for(detached.close(), timeout=5)
    assert sorted(ran) == [0, 1]
    assert "too much pending" in caplog.text


async def test_a_failure_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    async def broken() -> None:
        raise RuntimeError("mail server gone")

    detached = Detached()
    detached.start(broken(), "broken")
    await asyncio.wait_for(detached.close(), timeout=5)
    assert "detached work failed" in caplog.text
    assert "mail server gone" in caplog.text
