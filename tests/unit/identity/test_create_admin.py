from __future__ import annotations

from datetime import UTC, datetime

import pytest

from revenge_domain.errors import Conflict, InvalidInput
from revenge_domain.identity import CreateAdmin
from tests.unit.fakes.identity import FakePasswordHasher, FakeUserRepository
from tests.unit.fakes.uow import FakeUnitOfWork

NOON = datetime(2026, 1, 2, 12, 0, tzinfo=UTC)


@pytest.fixture
def users() -> FakeUserRepository:
    return FakeUserRepository()


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
def create_admin(users: FakeUserRepository, uow: FakeUnitOfWork) -> CreateAdmin:
    return CreateAdmin(users, FakePasswordHasher(), uow, clock=lambda: NOON)


async def test_creates_an_active_admin_with_a_hashed_password(
    create_admin: CreateAdmin, users: FakeUserRepository, uow: FakeUnitOfWork
) -> None:
    user = await create_admin("root", "root@example.com", "correct horse", display_name="Root")

    assert users.users == {user.id: user}
    assert (user.username, user.email, user.display_name) == ("root", "root@example.com", "Root")
    assert user.is_admin
    assert user.is_active
    assert user.password_hash == "$fake1$correct horse"
    assert user.created_at == user.updated_at == NOON
    assert uow.commits == 1


async def test_password_hash_is_hidden_from_repr(create_admin: CreateAdmin) -> None:
    user = await create_admin("root", "root@example.com", "correct horse")
    assert "correct horse" not in repr(user)


async def test_a_taken_username_in_any_case_is_a_conflict(
    create_admin: CreateAdmin, users: FakeUserRepository, uow: FakeUnitOfWork
) -> None:
    await create_admin("Root", "root@example.com", "correct horse")

    with pytest.raises(Conflict) as caught:
        await create_admin("rOOT", "other@example.com", "correct horse")

    assert caught.value.details == {"field": "username"}
    assert len(users.users) == 1
    assert (uow.commits, uow.rollbacks) == (1, 1)


async def test_a_taken_email_in_any_case_is_a_conflict(
    create_admin: CreateAdmin, users: FakeUserRepository
) -> None:
    await create_admin("root", "Root@Example.com", "correct horse")

    with pytest.raises(Conflict) as caught:
        await create_admin("other", "root@example.COM", "correct horse")

    assert caught.value.details == {"field": "email"}
    assert len(users.users) == 1


@pytest.mark.parametrize(
    ("username", "email", "password", "field"),
    [
        ("r", "root@example.com", "correct horse", "username"),
        ("root", "not-an-email", "correct horse", "email"),
        ("root", "root@example.com", "short", "password"),
    ],
)
async def test_invalid_input_names_the_field_and_stores_nothing(
    create_admin: CreateAdmin,
    users: FakeUserRepository,
    uow: FakeUnitOfWork,
    username: str,
    email: str,
    password: str,
    field: str,
) -> None:
    with pytest.raises(InvalidInput) as caught:
        await create_admin(username, email, password)

    assert caught.value.details["field"] == field
    assert users.users == {}
    assert uow.commits == 0
