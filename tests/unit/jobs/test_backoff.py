from __future__ import annotations

from revenge_adapters.jobs.runner import Backoff

BACKOFF = Backoff(base_s=2.0, max_s=60.0)


def test_the_delay_doubles_with_each_attempt() -> None:
    lowest = [BACKOFF.delay_s(attempt, rand=lambda: 0.0) for attempt in range(1, 5)]
    highest = [BACKOFF.delay_s(attempt, rand=lambda: 1.0) for attempt in range(1, 5)]
    assert lowest == [1.0, 2.0, 4.0, 8.0]
    assert highest == [2.0, 4.0, 8.0, 16.0]


def test_jitter_spreads_delays_between_half_and_all_of_the_step() -> None:
    delays = {BACKOFF.delay_s(3) for _ in range(50)}
    assert len(delays) > 1
    assert all(4.0 <= delay <= 8.0 for delay in delays)


def test_the_delay_is_capped() -> None:
    assert BACKOFF.delay_s(10, rand=lambda: 1.0) == 60.0
    assert BACKOFF.delay_s(10_000, rand=lambda: 1.0) == 60.0
    assert BACKOFF.delay_s(10_000, rand=lambda: 0.0) == 30.0
