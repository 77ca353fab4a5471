from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Awaitable

import argon2
import pytest

from revenge_adapters.identity import Argon2PasswordHasher

CHEAP = argon2.profiles.CHEAPEST


async def test_hashes_are_argon2id_strings_that_verify() -> None:
    hasher = Argon2PasswordHasher(CHEAP)
    hashed = await hasher.hash("correct horse")

    assert hashed.startswith("$argon2id$")
    assert "correct horse" not in hashed
    assert await hasher.verify(hashed, "correct horse")


async def test_each_hash_has_its_own_salt() -> None:
    hasher = Argon2PasswordHasher(CHEAP)
    assert await hasher.hash("same") != await hasher.hash("same")


@pytest.mark.parametrize("wrong", ["Correct horse", "correct horse ", ""])
async def test_another_password_does_not_verify(wrong: str) -> None:
    hasher = Argon2PasswordHasher(CHEAP)
    assert not await hasher.verify(await hasher.hash("correct horse"), wrong)


@pytest.mark.parametrize("stored", ["", "not a hash", "$argon2id$v=19$broken", "$fake1$x"])
async def test_an_unreadable_hash_does_not_verify_and_needs_rehash(stored: str) -> None:
    hasher = Argon2PasswordHasher(CHEAP)
    assert not await hasher.verify(stored, "x")
    assert hasher.needs_rehash(stored)


async def test_hashes_made_with_other_parameters_need_rehash() -> None:
    old = await Argon2PasswordHasher(CHEAP).hash("pw")
    current = Argon2PasswordHasher()

    assert current.needs_rehash(old)
    assert await current.verify(old, "pw")
    assert not current.needs_rehash(await current.hash("pw"))


def test_other_argon2_variants_are_refused() -> None:
    with pytest.raises(ValueError, match="Argon2id"):
        Argon2PasswordHasher(dataclasses.replace(CHEAP, type=argon2.Type.I))


async def ticks_while(work: Awaitable[object]) -> int:
    """How many times the event loop got to run other code while `work` was running."""
    task = asyncio.ensure_future(work)
    ticks = 0
    while not task.done():
        await asyncio.sleep(0)
        ticks += 1
    await task
    return ticks


async def test_hashing_and_verifying_leave_the_event_loop_free() -> None:
    # The default parameters take tens of milliseconds: blocking would allow no ticks at all.
    hasher = Argon2PasswordHasher()
    hashed = await hasher.hash("correct horse")

    assert await ticks_while(hasher.hash("correct horse")) > 10
    assert await ticks_while(hasher.verify(hashed, "correct horse")) > 10
