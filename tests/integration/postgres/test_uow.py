from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from revenge_adapters.postgres.engine import create_engine, create_session_factory
from revenge_adapters.postgres.uow import SqlUnitOfWork


class Boom(Exception):
    pass


@pytest.fixture
async def engine(empty_pg_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(empty_pg_url)
    async with engine.begin() as conn:
        await conn.execute(text("CREATE TABLE notes (body text NOT NULL)"))
    yield engine
    await engine.dispose()


@pytest.fixture
def uow(engine: AsyncEngine) -> SqlUnitOfWork:
    return SqlUnitOfWork(create_session_factory(engine))


async def add(uow: SqlUnitOfWork, body: str) -> None:
    await uow.session.execute(text("INSERT INTO notes (body) VALUES (:body)"), {"body": body})


async def stored(engine: AsyncEngine) -> list[str]:
    async with engine.connect() as conn:
        rows = await conn.execute(text("SELECT body FROM notes ORDER BY body"))
        return [row[0] for row in rows]


async def test_committed_work_is_kept(uow: SqlUnitOfWork, engine: AsyncEngine) -> None:
    async with uow:
        await add(uow, "kept")
        await uow.commit()
    assert await stored(engine) == ["kept"]


async def test_an_exception_rolls_the_work_back(uow: SqlUnitOfWork, engine: AsyncEngine) -> None:
    async def fail_midway() -> None:
        async with uow:
            await add(uow, "lost")
            raise Boom

    with pytest.raises(Boom):
        await fail_midway()
    assert await stored(engine) == []


async def test_work_not_committed_is_dropped(uow: SqlUnitOfWork, engine: AsyncEngine) -> None:
    async with uow:
        await add(uow, "kept")
        await uow.commit()
        await add(uow, "after the commit")
    assert await stored(engine) == ["kept"]


async def test_rollback_drops_work_since_the_last_commit(
    uow: SqlUnitOfWork, engine: AsyncEngine
) -> None:
    async with uow:
        await add(uow, "dropped")
        await uow.rollback()
        await add(uow, "kept")
        await uow.commit()
    assert await stored(engine) == ["kept"]


async def test_one_unit_of_work_serves_one_block_after_another(
    uow: SqlUnitOfWork, engine: AsyncEngine
) -> None:
    for body in ("first", "second"):
        async with uow:
            await add(uow, body)
            await uow.commit()
    assert await stored(engine) == ["first", "second"]


async def test_the_session_is_only_there_inside_the_block(uow: SqlUnitOfWork) -> None:
    with pytest.raises(RuntimeError, match="outside"):
        _ = uow.session
    async with uow:
        with pytest.raises(RuntimeError, match="already open"):
            await uow.__aenter__()
