from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from revenge_adapters.postgres import create_engine
from revenge_adapters.postgres.migrate import current, downgrade, upgrade

INSERT = text(
    "INSERT INTO shared.users (username, email, password_hash) VALUES (:username, :email, 'h')"
)


async def has_users_table(url: str) -> bool:
    engine = create_engine(url, pool_size=1)
    try:
        async with engine.connect() as conn:
            found = await conn.scalar(text("SELECT to_regclass('shared.users') IS NOT NULL"))
    finally:
        await engine.dispose()
    return bool(found)


@pytest.fixture
async def conn(empty_pg_url: str) -> AsyncIterator[AsyncConnection]:
    await upgrade(empty_pg_url, "0002")
    engine = create_engine(empty_pg_url, pool_size=1)
    async with engine.connect() as connection:
        yield connection
    await engine.dispose()


async def test_0002_creates_users_and_its_downgrade_drops_them(empty_pg_url: str) -> None:
    await upgrade(empty_pg_url, "0002")
    assert await has_users_table(empty_pg_url)

    await downgrade(empty_pg_url, "0001")
    assert await current(empty_pg_url) == "0001"
    assert not await has_users_table(empty_pg_url)

    await upgrade(empty_pg_url, "0002")
    assert await has_users_table(empty_pg_url)


async def test_new_rows_get_an_id_and_defaults(conn: AsyncConnection) -> None:
    await conn.execute(INSERT, {"username": "root", "email": "root@example.com"})
    row = (await conn.execute(text("SELECT * FROM shared.users"))).mappings().one()

    assert row["id"] is not None
    assert (row["locale"], row["timezone"], row["is_active"], row["is_admin"]) == (
        "en-US",
        "UTC",
        True,
        False,
    )


@pytest.mark.parametrize(
    ("username", "email"), [("rOOT", "other@example.com"), ("other", "ROOT@example.COM")]
)
async def test_names_are_unique_whatever_their_case(
    conn: AsyncConnection, username: str, email: str
) -> None:
    await conn.execute(INSERT, {"username": "Root", "email": "root@example.com"})
    with pytest.raises(IntegrityError):
        await conn.execute(INSERT, {"username": username, "email": email})
