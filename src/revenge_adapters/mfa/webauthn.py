"""WebAuthn adapters: the `webauthn` package, credentials on PostgreSQL, challenges in Redis."""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

import attrs
import redis.asyncio as aioredis
import webauthn
from sqlalchemy import (
    ARRAY,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    LargeBinary,
    MetaData,
    Table,
    Text,
    Uuid,
    delete,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from webauthn.helpers import parse_client_data_json
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AttestationFormat,
    AuthenticatorSelectionCriteria,
    CredentialDeviceType,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from revenge_adapters.cache.one_time import OneTimeValues
from revenge_adapters.mfa.repositories import PgMfaSettings, SessionSource
from revenge_adapters.postgres.uow import SqlUnitOfWork
from revenge_domain.errors import Conflict
from revenge_domain.mfa.webauthn import (
    Assertion,
    Json,
    NewCredential,
    PendingCeremony,
    VerificationFailed,
    WebAuthnCredential,
)

log = logging.getLogger("revenge.webauthn")

RP_NAME = "Revenge"
TIMEOUT_MS = 300_000
KNOWN_TRANSPORTS = frozenset({"usb", "nfc", "ble", "internal", "hybrid", "smart-card"})
_MALFORMED = (WebAuthnException, ValueError, TypeError, KeyError, AttributeError)

webauthn_credentials = Table(
    "webauthn_credentials",
    MetaData(schema="public"),
    Column("id", Uuid, primary_key=True),
    Column("user_id", Uuid, nullable=False),
    Column("credential_id", LargeBinary, nullable=False, unique=True),
    Column("public_key", LargeBinary, nullable=False),
    Column("sign_count", BigInteger, nullable=False),
    Column("clone_detected", Boolean, nullable=False),
    Column("aaguid", LargeBinary),
    Column("attestation_type", Text, nullable=False),
    Column("transports", ARRAY(Text)),
    Column("backup_eligible", Boolean, nullable=False),
    Column("backup_state", Boolean, nullable=False),
    Column("user_present", Boolean, nullable=False),
    Column("user_verified", Boolean, nullable=False),
    Column("name", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_used_at", DateTime(timezone=True)),
)

_FIELDS = tuple(field.name for field in attrs.fields(WebAuthnCredential))


def _entity(row: Any) -> WebAuthnCredential:
    values = {name: row[name] for name in _FIELDS}
    values["transports"] = tuple(values["transports"] or ())
    return WebAuthnCredential(**values)


class PgWebAuthnCredentials:
    """`public.webauthn_credentials`, through the session of the unit of work."""

    def __init__(self, source: SessionSource) -> None:
        self._source = source

    async def add(self, credential: WebAuthnCredential) -> None:
        row = attrs.asdict(credential)
        row["transports"] = list(credential.transports)
        session = self._source.session
        try:
            async with session.begin_nested():
                await session.execute(webauthn_credentials.insert().values(row))
        except IntegrityError:
            raise Conflict(
                "this security key is already registered", {"field": "credential"}
            ) from None

    async def of_user(self, user_id: UUID) -> list[WebAuthnCredential]:
        table = webauthn_credentials
        stmt = select(table).where(table.c.user_id == user_id).order_by(table.c.created_at)
        return [_entity(row) for row in (await self._source.session.execute(stmt)).mappings()]

    async def by_credential_id(self, credential_id: bytes) -> WebAuthnCredential | None:
        stmt = select(webauthn_credentials).where(
            webauthn_credentials.c.credential_id == credential_id
        )
        row = (await self._source.session.execute(stmt)).mappings().first()
        return _entity(row) if row else None

    async def rename(self, user_id: UUID, id: UUID, name: str) -> bool:
        return await self._changed(user_id, id, name=name)

    async def delete(self, user_id: UUID, id: UUID) -> bool:
        table = webauthn_credentials
        stmt = (
            delete(table).where(table.c.id == id, table.c.user_id == user_id).returning(table.c.id)
        )
        return (await self._source.session.execute(stmt)).first() is not None

    async def record_use(self, id: UUID, assertion: Assertion, at: datetime) -> bool:
        table = webauthn_credentials
        count = assertion.sign_count
        # The condition is re-checked under the row lock: of two uses with one counter value,
        # only the first is recorded.
        advanced = or_(table.c.sign_count < count, (table.c.sign_count == 0) & (count == 0))
        stmt = (
            update(table)
            .where(table.c.id == id, advanced, table.c.clone_detected.is_(False))
            .values(
                sign_count=count,
                last_used_at=at,
                backup_state=assertion.backup_state,
                user_verified=assertion.user_verified,
            )
            .returning(table.c.id)
        )
        return (await self._source.session.execute(stmt)).first() is not None

    async def mark_cloned(self, id: UUID) -> None:
        table = webauthn_credentials
        await self._source.session.execute(
            update(table).where(table.c.id == id).values(clone_detected=True)
        )

    async def _changed(self, user_id: UUID, id: UUID, **values: Any) -> bool:
        table = webauthn_credentials
        stmt = (
            update(table)
            .where(table.c.id == id, table.c.user_id == user_id)
            .values(**values)
            .returning(table.c.id)
        )
        return (await self._source.session.execute(stmt)).first() is not None


class PgWebAuthnUnit(SqlUnitOfWork):
    """`async with PgWebAuthnUnit(factory) as unit:` then `unit.credentials`, `unit.settings`."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        super().__init__(session_factory)
        self.credentials = PgWebAuthnCredentials(self)
        self.settings = PgMfaSettings(self)


class RedisChallengeStore:
    """Challenges under `<prefix>webauthn:challenge:<sha256>`, expiring, taken once."""

    def __init__(self, client: aioredis.Redis, key_prefix: str) -> None:
        self._values = OneTimeValues(client, f"{key_prefix}webauthn:challenge:")

    async def put(self, challenge: bytes, ceremony: PendingCeremony, ttl_s: int) -> None:
        value = {
            "purpose": ceremony.purpose,
            "user_id": str(ceremony.user_id) if ceremony.user_id else None,
            "credential_name": ceremony.credential_name,
        }
        await self._values.put(challenge, value, ttl_s)

    async def take(self, challenge: bytes) -> PendingCeremony | None:
        value = await self._values.take(challenge)
        if value is None:
            return None
        user_id = UUID(value["user_id"]) if value["user_id"] else None
        return PendingCeremony(value["purpose"], user_id, value["credential_name"])


def _b64url(data: str) -> bytes:
    return base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))


@attrs.frozen
class PyWebAuthnCeremonies:
    """The WebAuthn protocol through the `webauthn` package, for one relying party."""

    rp_id: str
    origins: Sequence[str]
    rp_name: str = RP_NAME

    def registration_options(
        self, user_id: UUID, user_name: str, exclude: list[bytes]
    ) -> tuple[dict[str, Any], bytes]:
        options = webauthn.generate_registration_options(
            rp_id=self.rp_id,
            rp_name=self.rp_name,
            user_name=user_name,
            user_id=user_id.bytes,
            timeout=TIMEOUT_MS,
            exclude_credentials=[PublicKeyCredentialDescriptor(id=cid) for cid in exclude],
            authenticator_selection=AuthenticatorSelectionCriteria(
                resident_key=ResidentKeyRequirement.PREFERRED,
                user_verification=UserVerificationRequirement.PREFERRED,
            ),
        )
        return json.loads(webauthn.options_to_json(options)), options.challenge

    def authentication_options(self, allow: list[bytes]) -> tuple[dict[str, Any], bytes]:
        options = webauthn.generate_authentication_options(
            rp_id=self.rp_id,
            timeout=TIMEOUT_MS,
            allow_credentials=[PublicKeyCredentialDescriptor(id=cid) for cid in allow],
        )
        return json.loads(webauthn.options_to_json(options)), options.challenge

    def challenge_of(self, response: Json) -> bytes:
        try:
            client_data = _b64url(response["response"]["clientDataJSON"])
            return parse_client_data_json(client_data).challenge
        except _MALFORMED as exc:
            raise VerificationFailed("clientDataJSON is unreadable") from exc

    def credential_id_of(self, response: Json) -> bytes:
        try:
            return _b64url(response["rawId"])
        except _MALFORMED as exc:
            raise VerificationFailed("rawId is missing or unreadable") from exc

    def verify_registration(self, response: Json, challenge: bytes) -> NewCredential:
        try:
            verified = webauthn.verify_registration_response(
                credential=dict(response),
                expected_challenge=challenge,
                expected_rp_id=self.rp_id,
                expected_origin=list(self.origins),
            )
        except _MALFORMED as exc:
            raise VerificationFailed(str(exc)) from exc
        aaguid = bytes.fromhex(verified.aaguid.replace("-", ""))
        return NewCredential(
            credential_id=verified.credential_id,
            public_key=verified.credential_public_key,
            sign_count=verified.sign_count,
            attestation_type=AttestationFormat(verified.fmt).value,
            aaguid=aaguid if len(aaguid) == 16 else None,
            transports=_transports(response),
            backup_eligible=verified.credential_device_type == CredentialDeviceType.MULTI_DEVICE,
            backup_state=verified.credential_backed_up,
            user_verified=verified.user_verified,
        )

    def verify_authentication(
        self, response: Json, challenge: bytes, credential: WebAuthnCredential
    ) -> Assertion:
        try:
            verified = webauthn.verify_authentication_response(
                credential=dict(response),
                expected_challenge=challenge,
                expected_rp_id=self.rp_id,
                expected_origin=list(self.origins),
                credential_public_key=credential.public_key,
                # 0 turns the package's own counter check off: the use case checks the counter
                # so that a regression can mark the credential as cloned.
                credential_current_sign_count=0,
            )
        except _MALFORMED as exc:
            raise VerificationFailed(str(exc)) from exc
        return Assertion(
            verified.new_sign_count, verified.credential_backed_up, verified.user_verified
        )


def _transports(response: Json) -> tuple[str, ...]:
    sent = response.get("response", {}).get("transports") or []
    return tuple(t for t in sent if isinstance(t, str) and t in KNOWN_TRANSPORTS)
