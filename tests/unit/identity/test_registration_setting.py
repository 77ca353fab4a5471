"""Registration after the first account is open or closed by a switch (the server setting),
whose default is the configured one."""

from __future__ import annotations

import pytest

from revenge_domain.errors import PermissionDenied
from revenge_domain.identity import AuthRules, Register
from revenge_domain.settings import ServerSettings
from revenge_domain.settings.known import REGISTRATION_ENABLED, SERVER_SETTINGS
from tests.unit.fakes.cache import InMemoryCache
from tests.unit.fakes.identity import FakeIdentityStore, FakePasswordHasher
from tests.unit.settings.fakes import FakeSettingsStore

PASSWORD = "correct horse"


class Switch:
    def __init__(self, is_open: bool) -> None:
        self.is_open = is_open

    async def __call__(self) -> bool:
        return self.is_open


async def test_a_closed_switch_refuses_later_accounts_even_when_the_rules_allow_them() -> None:
    switch = Switch(is_open=False)
    register = Register(
        FakeIdentityStore(), FakePasswordHasher(), AuthRules(), registration_open=switch
    )
    first = await register("first", "first@example.com", PASSWORD)
    assert first.is_admin
    with pytest.raises(PermissionDenied):
        await register("second", "second@example.com", PASSWORD)
    switch.is_open = True
    assert not (await register("second", "second@example.com", PASSWORD)).is_admin


async def test_an_open_switch_admits_later_accounts_even_when_the_rules_do_not() -> None:
    register = Register(
        FakeIdentityStore(),
        FakePasswordHasher(),
        AuthRules(registration_enabled=False),
        registration_open=Switch(is_open=True),
    )
    await register("first", "first@example.com", PASSWORD)
    await register("second", "second@example.com", PASSWORD)


@pytest.mark.parametrize("configured", [True, False])
async def test_the_setting_defaults_to_the_configured_value_until_an_admin_sets_it(
    configured: bool,
) -> None:
    store = FakeSettingsStore()
    registry = SERVER_SETTINGS.with_default(REGISTRATION_ENABLED, configured)
    settings = ServerSettings(store, InMemoryCache(), registry=registry)
    assert await settings.is_on(REGISTRATION_ENABLED) is configured
    assert SERVER_SETTINGS.find(REGISTRATION_ENABLED).default is True
    store.server[REGISTRATION_ENABLED] = not configured
    assert await ServerSettings(store, InMemoryCache(), registry=registry).is_on(
        REGISTRATION_ENABLED
    ) is (not configured)
