from __future__ import annotations

import argparse
import asyncio
import io

import pytest
from sqlalchemy import RowMapping, text

from revenge_adapters.identity import Argon2PasswordHasher
from revenge_adapters.postgres import create_engine
from revenge_app.cli.create_admin import run
from revenge_app.config import Config, DatabaseConfig

PASSWORD = "correct horse battery"


async def create_admin(url: str, username: str, email: str) -> int:
    args = argparse.Namespace(username=username, email=email, password_stdin=True)
    config = Config(database=DatabaseConfig(url=url))
    # The command runs its own event loop, as it does from the shell.
    return await asyncio.to_thread(run, args, config, io.StringIO(PASSWORD + "\n"))


async def users_in(url: str) -> list[RowMapping]:
    engine = create_engine(url, pool_size=1)
    try:
        async with engine.connect() as conn:
            return list((await conn.execute(text("SELECT * FROM shared.users"))).mappings())
    finally:
        await engine.dispose()


async def test_creates_an_admin_on_a_fresh_database(
    empty_pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await create_admin(empty_pg_url, "root", "root@example.com") == 0

    out, err = capsys.readouterr()
    assert out.startswith("created administrator 'root' <root@example.com>")
    assert out.count("\n") == 1
    assert PASSWORD not in out + err
    [row] = await users_in(empty_pg_url)
    assert (row["username"], row["email"], row["is_admin"], row["is_active"]) == (
        "root",
        "root@example.com",
        True,
        True,
    )
    assert row["password_hash"].startswith("$argon2id$")
    assert await Argon2PasswordHasher().verify(row["password_hash"], PASSWORD)


async def test_a_taken_username_in_another_case_exits_1(
    empty_pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await create_admin(empty_pg_url, "Root", "root@example.com") == 0
    capsys.readouterr()

    assert await create_admin(empty_pg_url, "rOOT", "other@example.com") == 1

    out, err = capsys.readouterr()
    assert out == ""
    assert err == "revenge create-admin: username 'rOOT' is already taken\n"
    assert len(await users_in(empty_pg_url)) == 1
