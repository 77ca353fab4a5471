from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from revenge_adapters.jobs.dead_letters import PruneDeadLetters, RetryDeadLetters
from revenge_adapters.jobs.runner import DeadLetter
from revenge_app.jobs.feature import FEATURE as JOBS
from revenge_domain.errors import InvalidInput, NotFound
from revenge_domain.jobs import DeadLetterPrune
from tests.unit.fakes.jobs import FakeDeadLetterStore, FakeJobQueue
from tests.unit.whole_app import unit_app

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def letter(letter_id: str, days_ago: float, kind: str = "dead_letter_prune") -> DeadLetter:
    return DeadLetter(
        id=letter_id,
        kind=kind,
        queue="low",
        payload={"older_than_days": 7},
        attempts=3,
        error="boom",
        failed_at=NOW - timedelta(days=days_ago),
    )


async def store_with(*letters: DeadLetter) -> FakeDeadLetterStore:
    store = FakeDeadLetterStore()
    for item in letters:
        await store.add(item)
    return store


async def test_prune_deletes_only_letters_older_than_the_retention() -> None:
    store = await store_with(letter("old", 31), letter("recent", 29))
    assert await PruneDeadLetters(store, clock=lambda: NOW)(30) == 1
    assert list(store.letters) == ["recent"]


async def test_the_prune_job_runs_the_use_case_through_the_app_handlers() -> None:
    store = await store_with(letter("old", 8), letter("recent", 6))
    queue = FakeJobQueue(dead_letters=store)
    async with unit_app(queue=queue, features=[JOBS], clock=lambda: NOW):
        await queue.enqueue(DeadLetterPrune(older_than_days=7))
    assert list(store.letters) == ["recent"]


async def test_retry_enqueues_the_job_again_and_removes_the_letter() -> None:
    store = await store_with(letter("dead-1", 1))
    queue = FakeJobQueue()
    job_id = await RetryDeadLetters(store, queue).one("dead-1")
    assert queue.enqueued == [DeadLetterPrune(older_than_days=7)]
    assert job_id in queue.delays
    assert store.letters == {}


async def test_retry_of_an_unknown_letter_or_kind_is_refused() -> None:
    store = await store_with(letter("gone-kind", 1, kind="test_dead_no_such_kind"))
    retry = RetryDeadLetters(store, FakeJobQueue())
    with pytest.raises(NotFound):
        await retry.one("nope")
    with pytest.raises(InvalidInput, match="cannot be retried"):
        await retry.one("gone-kind")


async def test_retry_all_skips_letters_that_cannot_be_decoded() -> None:
    store = await store_with(
        letter("a", 1),
        letter("b", 2),
        letter("odd", 3, kind="test_dead_no_such_kind"),
    )
    queue = FakeJobQueue()
    assert len(await RetryDeadLetters(store, queue).all()) == 2
    assert list(store.letters) == ["odd"]
