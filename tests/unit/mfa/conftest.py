from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.unit.fakes.mfa import (
    FakeBackupCodes,
    FakeMfaSettings,
    FakeSecretCipher,
    FakeTotpSecrets,
    SteppingClock,
)
from tests.unit.fakes.uow import FakeUnitOfWork


@pytest.fixture
def clock() -> SteppingClock:
    # At the start of a 30-second step, so moving by whole steps stays easy to follow.
    return SteppingClock(datetime(2026, 1, 2, 12, 0, tzinfo=UTC))


@pytest.fixture
def totp() -> FakeTotpSecrets:
    return FakeTotpSecrets()


@pytest.fixture
def codes() -> FakeBackupCodes:
    return FakeBackupCodes()


@pytest.fixture
def settings() -> FakeMfaSettings:
    return FakeMfaSettings()


@pytest.fixture
def cipher() -> FakeSecretCipher:
    return FakeSecretCipher()


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()
