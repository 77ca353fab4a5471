import asyncio

import pytest

from revenge_adapters.cache.single_flight import SingleFlight


async def test_concurrent_calls_for_one_key_run_the_work_once() -> None:
    flights: SingleFlight[str] = SingleFlight()
    calls = 0
    release = asyncio.Event()

    async def load() -> str:
        nonlocal calls
        calls += 1
        await release.wait()
        return "value"

    waiters = [asyncio.create_task(flights.run("k", load)) for _ in range(10)]
    await asyncio.sleep(0)
    release.set()

    assert await asyncio.gather(*waiters) == ["value"] * 10
    assert calls == 1


async def test_different_keys_run_separately() -> None:
    flights: SingleFlight[str] = SingleFlight()

    async def echo(text: str) -> str:
        await asyncio.sleep(0)
        return text

    results = await asyncio.gather(
        flights.run("a", lambda: echo("a")), flights.run("b", lambda: echo("b"))
    )

    assert list(results) == ["a", "b"]


async def test_a_failure_reaches_every_caller_and_the_next_call_tries_again() -> None:
    flights: SingleFlight[str] = SingleFlight()
    release = asyncio.Event()

    async def broken() -> str:
        await release.wait()
        raise LookupError("gone")

    waiters = [asyncio.create_task(flights.run("k", broken)) for _ in range(3)]
    await asyncio.sleep(0)
    release.set()
    outcomes = await asyncio.gather(*waiters, return_exceptions=True)

    assert all(isinstance(outcome, LookupError) for outcome in outcomes)

    async def fixed() -> str:
        return "ok"

    assert await flights.run("k", fixed) == "ok"


async def test_one_caller_giving_up_does_not_cancel_the_others() -> None:
    flights: SingleFlight[str] = SingleFlight()
    release = asyncio.Event()

    async def load() -> str:
        await release.wait()
        return "value"

    impatient = asyncio.create_task(flights.run("k", load))
    patient = asyncio.create_task(flights.run("k", load))
    await asyncio.sleep(0)
    impatient.cancel()
    release.set()

    assert await patient == "value"
    with pytest.raises(asyncio.CancelledError):
        await impatient
