"""Argon2id password hashing off the event loop."""

from __future__ import annotations

import asyncio
import os

import argon2
from argon2.exceptions import InvalidHashError, VerificationError

# Each hash takes its memory cost (64 MiB by default) while it runs: cap how many run at once.
MEMORY_BUDGET_KIB = 512 * 1024


class Argon2PasswordHasher:
    """Argon2id with argon2-cffi's recommended parameters (or given ones, e.g. cheap in tests).

    Hashing and verifying run in worker threads, at most a memory budget's worth at a time.
    """

    def __init__(self, parameters: argon2.Parameters | None = None) -> None:
        params = parameters or argon2.profiles.get_default_parameters()
        if params.type is not argon2.Type.ID:
            raise ValueError("only Argon2id is allowed for passwords")
        self._hasher = argon2.PasswordHasher.from_parameters(params)
        by_memory = MEMORY_BUDGET_KIB // params.memory_cost
        self._slots = asyncio.Semaphore(max(1, min(by_memory, 2 * (os.cpu_count() or 1))))

    async def hash(self, password: str) -> str:
        async with self._slots:
            return await asyncio.to_thread(self._hasher.hash, password)

    async def verify(self, password_hash: str, password: str) -> bool:
        async with self._slots:
            return await asyncio.to_thread(self._verify, password_hash, password)

    def needs_rehash(self, password_hash: str) -> bool:
        try:
            return self._hasher.check_needs_rehash(password_hash)
        except InvalidHashError:
            return True

    def _verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False
