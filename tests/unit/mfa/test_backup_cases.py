from __future__ import annotations

import re
import uuid

import pytest

from revenge_domain.errors import InvalidInput
from revenge_domain.mfa import GenerateBackupCodes, UseBackupCode
from tests.unit.fakes.mfa import FakeBackupCodes, FakeMfaSettings, SteppingClock
from tests.unit.fakes.uow import FakeUnitOfWork

USER = uuid.UUID("00000000-0000-4000-8000-000000000001")
OTHER = uuid.UUID("00000000-0000-4000-8000-000000000002")


@pytest.fixture
def generate(
    codes: FakeBackupCodes, settings: FakeMfaSettings, uow: FakeUnitOfWork, clock: SteppingClock
) -> GenerateBackupCodes:
    return GenerateBackupCodes(codes, settings, uow, clock)


@pytest.fixture
def use(codes: FakeBackupCodes, uow: FakeUnitOfWork, clock: SteppingClock) -> UseBackupCode:
    return UseBackupCode(codes, uow, clock)


async def test_ten_distinct_codes_are_shown_once_and_stored_hashed(
    generate: GenerateBackupCodes, codes: FakeBackupCodes, settings: FakeMfaSettings
) -> None:
    plain = await generate(USER)

    assert len(set(plain)) == 10
    assert all(re.fullmatch(r"[0-9a-f]{4}(-[0-9a-f]{4}){3}", code) for code in plain)
    stored = await codes.unused(USER)
    assert len(stored) == 10
    assert not {code.replace("-", "") for code in plain} & {c.code_hash for c in stored}
    assert settings.settings[USER].backup_codes_generated


async def test_a_code_works_once(
    generate: GenerateBackupCodes,
    use: UseBackupCode,
    codes: FakeBackupCodes,
    clock: SteppingClock,
) -> None:
    plain = await generate(USER)

    assert await use(USER, plain[3].upper(), from_ip="192.0.2.7")
    assert not await use(USER, plain[3])
    assert len(await codes.unused(USER)) == 9
    assert list(codes.used.values()) == [(clock(), "192.0.2.7")]


async def test_regenerating_invalidates_every_old_code(
    generate: GenerateBackupCodes, use: UseBackupCode, codes: FakeBackupCodes
) -> None:
    old = await generate(USER)
    assert await use(USER, old[0])

    new = await generate(USER)

    assert not set(old) & set(new)
    assert not await use(USER, old[1])
    assert len(await codes.unused(USER)) == 10
    assert await use(USER, new[1])


async def test_codes_belong_to_their_user(
    generate: GenerateBackupCodes, use: UseBackupCode
) -> None:
    mine = await generate(USER)
    await generate(OTHER)
    assert not await use(OTHER, mine[0])
    assert await use(USER, mine[0])


async def test_an_unknown_code_is_refused(
    generate: GenerateBackupCodes, use: UseBackupCode
) -> None:
    await generate(USER)
    assert not await use(USER, "0000-0000-0000-0000")


async def test_text_that_cannot_be_a_code_is_invalid_input(use: UseBackupCode) -> None:
    with pytest.raises(InvalidInput) as caught:
        await use(USER, "123456")
    assert caught.value.details["field"] == "code"
