"""The fake unit of work keeps the real one's rules, so use-case tests can rely on it."""

from __future__ import annotations

import pytest

from revenge_domain.ports.uow import UnitOfWork
from tests.unit.fakes.uow import FakeUnitOfWork


class Boom(Exception):
    pass


async def test_a_committed_block_is_not_rolled_back() -> None:
    fake = FakeUnitOfWork()
    uow: UnitOfWork = fake
    async with uow:
        await uow.commit()
    assert (fake.committed, fake.rolled_back) == (True, False)


async def test_a_block_left_without_commit_rolls_back() -> None:
    fake = FakeUnitOfWork()
    async with fake:
        pass
    assert (fake.committed, fake.rolled_back) == (False, True)


async def test_an_exception_rolls_back() -> None:
    fake = FakeUnitOfWork()
    with pytest.raises(Boom):
        async with fake:
            raise Boom
    assert fake.rolled_back


async def test_commit_outside_a_block_is_refused() -> None:
    with pytest.raises(RuntimeError, match="outside"):
        await FakeUnitOfWork().commit()


async def test_each_block_starts_clean_and_commits_are_counted() -> None:
    fake = FakeUnitOfWork()
    for _ in range(2):
        async with fake:
            assert not fake.committed
            await fake.commit()
    assert fake.commits == 2
