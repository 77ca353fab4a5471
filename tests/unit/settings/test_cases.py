from __future__ import annotations

import uuid

import pytest

from revenge_domain.activity import Actions
from revenge_domain.errors import InvalidInput, NotFound
from revenge_domain.settings import Editor, ServerSettings, UserSettings
from tests.unit.fakes.cache import InMemoryCache
from tests.unit.settings.fakes import FakeSettingsStore

ADMIN = Editor(uuid.uuid4(), "root")


def server_settings(store: FakeSettingsStore, cache: InMemoryCache) -> ServerSettings:
    return ServerSettings(store, cache)


async def test_reads_come_from_the_cache_after_the_first() -> None:
    store, cache = FakeSettingsStore(), InMemoryCache()
    settings = server_settings(store, cache)
    await settings.list()
    await settings.get("server.name")
    assert store.reads == 1


async def test_an_update_is_seen_by_every_reader_sharing_the_cache() -> None:
    store, cache = FakeSettingsStore(), InMemoryCache()
    writer, reader = server_settings(store, cache), server_settings(store, cache)
    assert (await reader.get("server.name")).value == "Revenge Media Server"
    updated = await writer.update(ADMIN, "server.name", "Living room")
    assert updated.value == "Living room"
    assert (await reader.get("server.name")).value == "Living room"
    assert store.server == {"server.name": "Living room"}


async def test_a_bad_value_is_refused_and_nothing_is_stored() -> None:
    store = FakeSettingsStore()
    with pytest.raises(InvalidInput) as refused:
        await server_settings(store, InMemoryCache()).update(
            ADMIN, "features.registration_enabled", "yes"
        )
    assert refused.value.details["key"] == "features.registration_enabled"
    assert store.server == {}


async def test_a_server_setting_change_is_logged_as_ordinary_activity_with_the_change() -> None:
    store = FakeSettingsStore()
    await server_settings(store, InMemoryCache()).update(ADMIN, "auth.session.max_per_user", 3)
    (event,) = store.activity.events
    assert event.action == Actions.SETTINGS_UPDATE
    assert event.user_id == ADMIN.user_id
    assert event.changes == {"auth.session.max_per_user": {"old": 10, "new": 3}}


async def test_user_settings_belong_to_each_user_and_delete_restores_the_default() -> None:
    store, cache = FakeSettingsStore(), InMemoryCache()
    settings = UserSettings(store, cache)
    alice, bob = uuid.uuid4(), uuid.uuid4()
    await settings.update(alice, "ui.page_size", 50)
    assert (await settings.get(alice, "ui.page_size")).value == 50
    assert (await settings.get(bob, "ui.page_size")).value == 20
    await settings.delete(alice, "ui.page_size")
    assert (await settings.get(alice, "ui.page_size")).value == 20
    listed = {setting.key: setting.value for setting in await settings.list(alice)}
    assert listed["playback.autoplay_next"] is True


async def test_user_settings_refuse_unknown_keys() -> None:
    settings = UserSettings(FakeSettingsStore(), InMemoryCache())
    user = uuid.uuid4()
    with pytest.raises(InvalidInput):
        await settings.update(user, "made.up", 1)
    with pytest.raises(NotFound):
        await settings.delete(user, "made.up")
    with pytest.raises(NotFound):
        await settings.get(user, "made.up")
