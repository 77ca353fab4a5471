"""The per-provider token bucket, on a fake clock."""

from __future__ import annotations

import pytest

from revenge_adapters.metadata.client import retry_after_seconds
from revenge_adapters.metadata.rate_limit import TokenBucket
from revenge_domain.metadata.errors import ProviderRateLimited


class Clock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds


def bucket(clock: Clock, rate: float = 2.0, burst: int = 2, max_wait_s: float = 5.0) -> TokenBucket:
    return TokenBucket("tmdb", rate, burst, max_wait_s=max_wait_s, clock=clock, sleep=clock.sleep)


async def test_a_burst_passes_then_calls_wait_their_turn() -> None:
    clock = Clock()
    limiter = bucket(clock)

    for _ in range(4):
        await limiter.acquire()

    assert clock.slept == [0.5, 0.5]


async def test_tokens_come_back_with_time() -> None:
    clock = Clock()
    limiter = bucket(clock)
    await limiter.acquire()
    await limiter.acquire()

    clock.now += 10
    await limiter.acquire()
    await limiter.acquire()

    assert clock.slept == []


async def test_a_short_pause_is_waited_and_a_long_one_refused_at_once() -> None:
    clock = Clock()
    limiter = bucket(clock)

    limiter.pause(2.0)
    await limiter.acquire()
    assert clock.slept == [2.0]

    limiter.pause(60.0)
    with pytest.raises(ProviderRateLimited) as refused:
        await limiter.acquire()
    assert refused.value.retry_after_s == pytest.approx(60.0)
    clock.now += 61
    await limiter.acquire()
    assert clock.slept == [2.0]


def test_retry_after_in_seconds_or_as_a_date() -> None:
    assert retry_after_seconds("30") == 30.0
    assert retry_after_seconds(None) == 1.0
    assert retry_after_seconds("soon") == 1.0
    when = retry_after_seconds("Wed, 21 Oct 2015 07:28:10 GMT", now=lambda: 1445412480.0)
    assert when == pytest.approx(10.0)
