from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.identity import PgUserRepository
from revenge_adapters.postgres import SqlUnitOfWork
from revenge_domain.errors import Conflict
from revenge_domain.identity import User

NOON = datetime(2026, 1, 2, 12, 0, tzinfo=UTC)


def a_user(**changes: object) -> User:
    name = f"user_{secrets.token_hex(4)}"
    fields: dict[str, object] = {
        "id": uuid.uuid4(),
        "username": name,
        "email": f"{name}@example.com",
        "password_hash": "$argon2id$stand-in",
        "created_at": NOON,
        "updated_at": NOON,
    }
    return User(**{**fields, **changes})  # type: ignore[arg-type]


async def stored(sessions: async_sessionmaker[AsyncSession], *users: User) -> None:
    async with SqlUnitOfWork(sessions) as uow:
        repo = PgUserRepository(uow)
        for user in users:
            await repo.add(user)
        await uow.commit()


async def test_an_added_user_reads_back_whole(sessions: async_sessionmaker[AsyncSession]) -> None:
    user = a_user(
        display_name="Ann",
        locale="de-DE",
        timezone="Europe/Berlin",
        is_admin=True,
        email_verified=True,
        last_login_at=NOON,
    )
    await stored(sessions, user)

    async with SqlUnitOfWork(sessions) as uow:
        assert await PgUserRepository(uow).get(user.id) == user
        assert await PgUserRepository(uow).get(uuid.uuid4()) is None


async def test_users_are_found_by_username_or_email_in_any_case(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    user = a_user()
    await stored(sessions, user)

    async with SqlUnitOfWork(sessions) as uow:
        repo = PgUserRepository(uow)
        assert await repo.get_by_username_or_email(user.username.upper()) == user
        assert await repo.get_by_username_or_email(user.email.upper()) == user
        assert await repo.get_by_username_or_email("nobody_" + user.username) is None


async def test_deleted_users_cannot_log_in_but_keep_their_names(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    user = a_user(deleted_at=NOON)
    await stored(sessions, user)

    async with SqlUnitOfWork(sessions) as uow:
        repo = PgUserRepository(uow)
        assert await repo.get_by_username_or_email(user.username) is None
        assert await repo.exists_username(user.username.upper())
        assert await repo.exists_email(user.email.upper())
        assert not await repo.exists_username("free_" + user.username)
        assert not await repo.exists_email("free_" + user.email)


@pytest.mark.parametrize("field", ["username", "email"])
async def test_adding_a_taken_name_is_a_conflict_and_the_transaction_goes_on(
    sessions: async_sessionmaker[AsyncSession], field: str
) -> None:
    first = a_user()
    await stored(sessions, first)
    clash = a_user(**{field: getattr(first, field).upper()})
    later = a_user()

    async with SqlUnitOfWork(sessions) as uow:
        repo = PgUserRepository(uow)
        with pytest.raises(Conflict) as caught:
            await repo.add(clash)
        await repo.add(later)
        await uow.commit()

    assert caught.value.details == {"field": field}
    async with SqlUnitOfWork(sessions) as uow:
        assert await PgUserRepository(uow).get(later.id) == later
        assert await PgUserRepository(uow).get(clash.id) is None
