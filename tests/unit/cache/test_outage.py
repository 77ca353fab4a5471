import logging

import pytest

from revenge_adapters.cache.outage import CircuitBreaker, ThrottledWarning


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_failure_opens_the_circuit_until_the_retry_time() -> None:
    clock = Clock()
    breaker = CircuitBreaker(retry_after_s=1.0, clock=clock)

    assert breaker.failed() is True
    assert breaker.is_open
    assert not breaker.allows()

    clock.now += 1.0
    assert breaker.allows()


def test_a_success_closes_the_circuit_once() -> None:
    breaker = CircuitBreaker(clock=Clock())
    breaker.failed()

    assert breaker.failed() is False
    assert breaker.succeeded() is True
    assert breaker.succeeded() is False
    assert not breaker.is_open


def test_warnings_are_held_back_within_the_interval(caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    warn = ThrottledWarning(logging.getLogger("test.outage"), every_s=30, clock=clock)

    with caplog.at_level(logging.WARNING, logger="test.outage"):
        for _ in range(5):
            warn("Redis down", ConnectionError("refused"))
        clock.now += 30
        warn("Redis down", ConnectionError("refused"))

    assert len(caplog.records) == 2
    assert caplog.records[1].fields["held_back"] == 4  # type: ignore[attr-defined]
