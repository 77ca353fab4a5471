from __future__ import annotations

import asyncio
import secrets
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import attrs
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from revenge_adapters.identity import PgUserRepository
from revenge_adapters.mfa import AesGcmSecretCipher, PgBackupCodes, PgMfaSettings, PgTotpSecrets
from revenge_adapters.postgres import SqlUnitOfWork, create_engine, create_session_factory
from revenge_adapters.postgres.migrate import upgrade
from revenge_domain.identity import User
from revenge_domain.mfa import (
    BeginTotpSetup,
    DisableTotp,
    EnableMfa,
    GenerateBackupCodes,
    GetMfaStatus,
    UseBackupCode,
    VerifyTotp,
)
from revenge_domain.mfa.totp import code_at, secret_key, time_step
from tests.unit.fakes.mfa import SteppingClock

NOON = datetime(2026, 1, 2, 12, 0, tzinfo=UTC)


@attrs.define
class Db:
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    user: User

    def uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.sessions)

    async def scalar(self, sql: str) -> object:
        async with self.engine.connect() as conn:
            return (await conn.execute(text(sql), {"id": self.user.id})).scalar()


@pytest.fixture
async def db(empty_pg_url: str) -> AsyncIterator[Db]:
    await upgrade(empty_pg_url)
    engine = create_engine(empty_pg_url, pool_size=3)
    sessions = create_session_factory(engine)
    user = User(
        id=uuid.uuid4(),
        username="ann",
        email="ann@example.com",
        password_hash="$argon2id$stand-in",
        created_at=NOON,
        updated_at=NOON,
    )
    async with SqlUnitOfWork(sessions) as uow:
        await PgUserRepository(uow).add(user)
        await uow.commit()
    yield Db(engine, sessions, user)
    await engine.dispose()


@attrs.define
class Mfa:
    begin: BeginTotpSetup
    verify: VerifyTotp
    disable: DisableTotp
    generate: GenerateBackupCodes
    use: UseBackupCode
    enable_mfa: EnableMfa
    status: GetMfaStatus


def mfa(db: Db, clock: SteppingClock) -> Mfa:
    uow = db.uow()
    totp, codes, flags = PgTotpSecrets(uow), PgBackupCodes(uow), PgMfaSettings(uow)
    cipher = AesGcmSecretCipher(secrets.token_bytes(32))
    return Mfa(
        BeginTotpSetup(totp, cipher, uow, clock),
        VerifyTotp(totp, cipher, flags, uow, clock),
        DisableTotp(totp, cipher, flags, uow, clock),
        GenerateBackupCodes(codes, flags, uow, clock),
        UseBackupCode(codes, uow, clock),
        EnableMfa(flags, uow, clock),
        GetMfaStatus(totp, codes, flags, uow),
    )


async def test_totp_setup_verify_replay_and_disable(db: Db) -> None:
    clock = SteppingClock(NOON)
    cases = mfa(db, clock)
    user_id = db.user.id

    setup = await cases.begin(user_id, db.user.username)
    stored = await db.scalar("SELECT encrypted_secret FROM user_totp_secrets WHERE user_id = :id")
    assert isinstance(stored, bytes)
    assert setup.secret.encode() not in stored
    assert not (await cases.status(user_id)).has_totp

    key = secret_key(setup.secret)
    code = code_at(key, clock())
    assert await cases.verify(user_id, code)
    assert not await cases.verify(user_id, code)
    assert (await cases.status(user_id)).has_totp
    assert await db.scalar(
        "SELECT last_used_step FROM user_totp_secrets WHERE user_id = :id"
    ) == time_step(clock())

    await cases.enable_mfa(user_id)
    assert (await cases.status(user_id)).require_mfa
    clock.advance(90)
    await cases.disable(user_id, code=code_at(key, clock()))
    status = await cases.status(user_id)
    assert (status.has_totp, status.require_mfa) == (False, False)


async def test_two_claims_of_one_step_at_once_let_exactly_one_through(db: Db) -> None:
    clock = SteppingClock(NOON)
    await mfa(db, clock).begin(db.user.id, "ann")

    async def claim() -> bool:
        async with db.uow() as uow:
            accepted = await PgTotpSecrets(uow).claim_step(db.user.id, 1000, clock())
            await asyncio.sleep(0.05)  # hold the row lock while the other claim arrives
            await uow.commit()
            return accepted

    assert sorted(await asyncio.gather(claim(), claim())) == [False, True]


async def test_backup_codes_are_single_use_and_regenerating_replaces_them(db: Db) -> None:
    clock = SteppingClock(NOON)
    cases = mfa(db, clock)
    user_id = db.user.id

    old = await cases.generate(user_id)
    assert await cases.use(user_id, old[0], from_ip="192.0.2.7")
    assert not await cases.use(user_id, old[0])
    assert (await cases.status(user_id)).unused_backup_codes == 9
    used_from = await db.scalar(
        "SELECT host(used_from_ip) FROM mfa_backup_codes"
        " WHERE user_id = :id AND used_at IS NOT NULL"
    )
    assert used_from == "192.0.2.7"

    new = await cases.generate(user_id)
    assert not await cases.use(user_id, old[1])
    assert await cases.use(user_id, new[1])
    assert (await cases.status(user_id)).unused_backup_codes == 9
    assert await db.scalar("SELECT count(*) FROM mfa_backup_codes WHERE user_id = :id") == 10
    assert await db.scalar(
        "SELECT backup_codes_generated FROM user_mfa_settings WHERE user_id = :id"
    )


async def test_mfa_rows_are_deleted_with_their_user(db: Db) -> None:
    clock = SteppingClock(NOON)
    cases = mfa(db, clock)
    setup = await cases.begin(db.user.id, "ann")
    assert await cases.verify(db.user.id, code_at(secret_key(setup.secret), clock()))
    await cases.generate(db.user.id)

    async with db.engine.begin() as conn:
        await conn.execute(text("DELETE FROM shared.users WHERE id = :id"), {"id": db.user.id})

    for table in ("user_totp_secrets", "mfa_backup_codes", "user_mfa_settings"):
        assert await db.scalar(f"SELECT count(*) FROM {table} WHERE user_id = :id") == 0
