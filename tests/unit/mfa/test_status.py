from __future__ import annotations

import uuid

import pytest

from revenge_domain.errors import InvalidInput
from revenge_domain.mfa import (
    BeginTotpSetup,
    DisableMfa,
    EnableMfa,
    GenerateBackupCodes,
    GetMfaStatus,
    MfaStatus,
    UseBackupCode,
    VerifyTotp,
)
from revenge_domain.mfa.totp import code_at, secret_key
from tests.unit.fakes.mfa import (
    FakeBackupCodes,
    FakeMfaSettings,
    FakeSecretCipher,
    FakeTotpSecrets,
    SteppingClock,
)
from tests.unit.fakes.uow import FakeUnitOfWork

USER = uuid.UUID("00000000-0000-4000-8000-000000000001")


@pytest.fixture
def status(
    totp: FakeTotpSecrets, codes: FakeBackupCodes, settings: FakeMfaSettings, uow: FakeUnitOfWork
) -> GetMfaStatus:
    return GetMfaStatus(totp, codes, settings, uow)


async def turn_on_totp(
    totp: FakeTotpSecrets,
    settings: FakeMfaSettings,
    uow: FakeUnitOfWork,
    clock: SteppingClock,
) -> None:
    cipher = FakeSecretCipher()
    setup = await BeginTotpSetup(totp, cipher, uow, clock)(USER, "ann")
    code = code_at(secret_key(setup.secret), clock())
    assert await VerifyTotp(totp, cipher, settings, uow, clock)(USER, code)


async def test_a_new_user_has_nothing(status: GetMfaStatus) -> None:
    assert await status(USER) == MfaStatus(
        user_id=USER, has_totp=False, webauthn_count=0, unused_backup_codes=0, require_mfa=False
    )


async def test_status_counts_enabled_totp_and_unused_codes(
    status: GetMfaStatus,
    totp: FakeTotpSecrets,
    codes: FakeBackupCodes,
    settings: FakeMfaSettings,
    uow: FakeUnitOfWork,
    clock: SteppingClock,
) -> None:
    await BeginTotpSetup(totp, FakeSecretCipher(), uow, clock)(USER, "ann")
    assert not (await status(USER)).has_totp
    await turn_on_totp(totp, settings, uow, clock)
    plain = await GenerateBackupCodes(codes, settings, uow, clock)(USER)
    await UseBackupCode(codes, uow, clock)(USER, plain[0])

    current = await status(USER)

    assert current.has_totp
    assert current.unused_backup_codes == 9


async def test_mfa_can_be_required_only_with_a_second_factor(
    status: GetMfaStatus,
    totp: FakeTotpSecrets,
    settings: FakeMfaSettings,
    uow: FakeUnitOfWork,
    clock: SteppingClock,
) -> None:
    enable = EnableMfa(settings, uow, clock)
    with pytest.raises(InvalidInput) as caught:
        await enable(USER)
    assert caught.value.details["field"] == "require_mfa"

    await turn_on_totp(totp, settings, uow, clock)
    await enable(USER)
    assert (await status(USER)).require_mfa

    await DisableMfa(settings, uow, clock)(USER)
    assert not (await status(USER)).require_mfa
