"""In-memory API keys, over the users and roles of a `FakeIdentityStore`."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

import attrs

from revenge_domain.identity.api_keys import ApiKey
from tests.unit.fakes.identity import FakeIdentityStore
from tests.unit.fakes.uow import FakeUnitOfWork


class FakeApiKeyRepository:
    def __init__(self) -> None:
        self.keys: dict[UUID, ApiKey] = {}

    async def add(self, key: ApiKey) -> None:
        self.keys[key.id] = attrs.evolve(key)

    async def get(self, key_id: UUID) -> ApiKey | None:
        found = self.keys.get(key_id)
        return attrs.evolve(found) if found else None

    async def find_by_hash(self, key_hash: str) -> ApiKey | None:
        found = next((k for k in self.keys.values() if k.key_hash == key_hash), None)
        return attrs.evolve(found) if found else None

    async def of_user(self, user_id: UUID) -> list[ApiKey]:
        own = [attrs.evolve(k) for k in self.keys.values() if k.user_id == user_id]
        return sorted(own, key=lambda k: k.created_at, reverse=True)

    async def count_usable(self, user_id: UUID, now: datetime) -> int:
        return sum(1 for k in self.keys.values() if k.user_id == user_id and k.is_usable(now))

    async def deactivate(self, key_id: UUID, at: datetime) -> None:
        self.keys[key_id].is_active = False
        self.keys[key_id].updated_at = at


class FakeApiKeyUnit(FakeUnitOfWork):
    def __init__(self, store: FakeApiKeyStore) -> None:
        super().__init__(store.identity.activity)
        self.api_keys = store.api_keys
        self.users = store.identity.users
        self.roles = store.identity.roles


class FakeApiKeyStore:
    def __init__(self, identity: FakeIdentityStore) -> None:
        self.identity = identity
        self.api_keys = FakeApiKeyRepository()

    def __call__(self) -> FakeApiKeyUnit:
        return FakeApiKeyUnit(self)


class RecordedUses:
    def __init__(self) -> None:
        self.uses: list[tuple[UUID, datetime]] = []

    def record(self, key_id: UUID, at: datetime) -> None:
        self.uses.append((key_id, at))
