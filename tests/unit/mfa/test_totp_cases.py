from __future__ import annotations

import uuid
from datetime import timedelta

import attrs
import pytest

from revenge_domain.errors import Conflict, InvalidInput, NotFound, Unauthenticated
from revenge_domain.mfa import BeginTotpSetup, DisableTotp, TotpSetup, VerifyTotp
from revenge_domain.mfa.totp import code_at, secret_key
from tests.unit.fakes.mfa import (
    FakeMfaSettings,
    FakeSecretCipher,
    FakeTotpSecrets,
    SteppingClock,
)
from tests.unit.fakes.uow import FakeUnitOfWork

USER = uuid.UUID("00000000-0000-4000-8000-000000000001")


@attrs.define
class Totp:
    begin: BeginTotpSetup
    verify: VerifyTotp
    disable: DisableTotp
    clock: SteppingClock

    def code(self, setup: TotpSetup, offset_s: float = 0) -> str:
        return code_at(secret_key(setup.secret), self.clock() + timedelta(seconds=offset_s))


@pytest.fixture
def cases(
    totp: FakeTotpSecrets,
    cipher: FakeSecretCipher,
    settings: FakeMfaSettings,
    uow: FakeUnitOfWork,
    clock: SteppingClock,
) -> Totp:
    return Totp(
        BeginTotpSetup(totp, cipher, uow, clock),
        VerifyTotp(totp, cipher, settings, uow, clock),
        DisableTotp(totp, cipher, settings, uow, clock),
        clock,
    )


async def enabled(cases: Totp) -> TotpSetup:
    setup = await cases.begin(USER, "ann")
    assert await cases.verify(USER, cases.code(setup))
    # Far enough that the whole window around "now" lies after the step just used.
    cases.clock.advance(90)
    return setup


async def test_setup_stores_an_encrypted_secret_not_yet_enabled(
    cases: Totp, totp: FakeTotpSecrets, uow: FakeUnitOfWork
) -> None:
    setup = await cases.begin(USER, "ann")

    assert setup.uri == f"otpauth://totp/Revenge:ann?secret={setup.secret}&issuer=Revenge"
    stored = totp.enrolments[USER]
    assert stored.encrypted_secret == FakeSecretCipher().encrypt(setup.secret.encode(), USER.bytes)
    assert not stored.enabled
    assert uow.committed


async def test_setup_needs_an_account_name(cases: Totp) -> None:
    with pytest.raises(InvalidInput) as caught:
        await cases.begin(USER, " ")
    assert caught.value.details["field"] == "account_name"


async def test_the_first_valid_code_enables_totp(
    cases: Totp, totp: FakeTotpSecrets, settings: FakeMfaSettings, clock: SteppingClock
) -> None:
    setup = await cases.begin(USER, "ann")

    assert await cases.verify(USER, cases.code(setup))

    stored = totp.enrolments[USER]
    assert stored.enabled
    assert stored.verified_at == clock()
    assert settings.settings[USER].totp_enabled


async def test_a_wrong_code_is_refused_and_enables_nothing(
    cases: Totp, totp: FakeTotpSecrets
) -> None:
    setup = await cases.begin(USER, "ann")
    wrong = f"{(int(cases.code(setup)) + 1) % 1_000_000:06d}"

    assert not await cases.verify(USER, wrong)
    assert not totp.enrolments[USER].enabled


async def test_a_code_cannot_be_used_twice(cases: Totp) -> None:
    setup = await enabled(cases)
    code = cases.code(setup)

    assert await cases.verify(USER, code)
    assert not await cases.verify(USER, code)


async def test_an_older_step_is_refused_after_a_newer_one(cases: Totp) -> None:
    setup = await enabled(cases)
    previous_step_code = cases.code(setup, -30)

    assert await cases.verify(USER, cases.code(setup, 30))
    assert not await cases.verify(USER, previous_step_code)


async def test_codes_one_step_off_are_accepted_two_are_not(cases: Totp) -> None:
    setup = await enabled(cases)
    assert not await cases.verify(USER, cases.code(setup, -60))
    assert await cases.verify(USER, cases.code(setup, -30))
    assert not await cases.verify(USER, cases.code(setup, 60))
    assert await cases.verify(USER, cases.code(setup, 30))


@pytest.mark.parametrize("code", ["12345", "1234567", "12a456", ""])
async def test_a_malformed_code_is_invalid_input(cases: Totp, code: str) -> None:
    await cases.begin(USER, "ann")
    with pytest.raises(InvalidInput) as caught:
        await cases.verify(USER, code)
    assert caught.value.details["field"] == "code"


async def test_verifying_without_setup_is_not_found(cases: Totp) -> None:
    with pytest.raises(NotFound) as caught:
        await cases.verify(USER, "123456")
    assert caught.value.details["field"] == "totp"


async def test_setup_again_while_enabled_is_a_conflict(cases: Totp) -> None:
    await enabled(cases)
    with pytest.raises(Conflict) as caught:
        await cases.begin(USER, "ann")
    assert caught.value.details["field"] == "totp"


async def test_setup_again_before_verifying_replaces_the_secret(cases: Totp) -> None:
    first = await cases.begin(USER, "ann")
    second = await cases.begin(USER, "ann")

    assert first.secret != second.secret
    assert await cases.verify(USER, cases.code(second))


async def test_disabling_an_enabled_secret_needs_a_current_code(
    cases: Totp, totp: FakeTotpSecrets, settings: FakeMfaSettings
) -> None:
    setup = await enabled(cases)
    with pytest.raises(Unauthenticated) as caught:
        await cases.disable(USER)
    assert caught.value.details["field"] == "code"
    with pytest.raises(Unauthenticated):
        await cases.disable(USER, code=cases.code(setup, -60))
    assert USER in totp.enrolments

    await cases.disable(USER, code=cases.code(setup))

    assert USER not in totp.enrolments
    assert not settings.settings[USER].totp_enabled


async def test_a_code_used_to_log_in_cannot_disable(cases: Totp) -> None:
    setup = await enabled(cases)
    code = cases.code(setup)
    assert await cases.verify(USER, code)
    with pytest.raises(Unauthenticated):
        await cases.disable(USER, code=code)


async def test_a_confirmed_password_disables_without_a_code(
    cases: Totp, totp: FakeTotpSecrets, settings: FakeMfaSettings
) -> None:
    await enabled(cases)
    flags = settings.settings[USER]
    flags.require_mfa = True
    await settings.put(flags)

    await cases.disable(USER, password_confirmed=True)

    assert USER not in totp.enrolments
    # No second factor left: requiring one would lock the user out.
    assert not settings.settings[USER].require_mfa


async def test_a_pending_setup_is_dropped_without_proof(cases: Totp, totp: FakeTotpSecrets) -> None:
    await cases.begin(USER, "ann")
    await cases.disable(USER)
    assert USER not in totp.enrolments


async def test_disabling_without_setup_is_not_found(cases: Totp) -> None:
    with pytest.raises(NotFound):
        await cases.disable(USER, password_confirmed=True)
