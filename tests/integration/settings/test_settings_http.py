"""Settings through the real app: PostgreSQL for values, Redis for the cache."""

from __future__ import annotations

from revenge_app.config import Config
from tests.integration.app_server import Server, app_server, signed_up

SERVER = "/api/v1/settings/server"
USER = "/api/v1/settings/user"


async def test_an_admin_updates_a_server_setting_and_reads_it_back(server: Server) -> None:
    client, admin = server.client, await signed_up(server, admin=True)
    before = await client.get(f"{SERVER}/server.name", headers=admin.headers)
    assert before.status == 200
    assert (await before.json())["value"] == "Revenge Media Server"
    put = await client.put(f"{SERVER}/server.name", json={"value": "Den"}, headers=admin.headers)
    assert put.status == 200
    assert await put.json() == {
        "key": "server.name",
        "value": "Den",
        "description": "Name shown to clients",
        "category": "general",
        "data_type": "string",
        "is_secret": False,
        "is_public": True,
    }
    listed = await (await client.get(SERVER, headers=admin.headers)).json()
    assert {item["key"]: item["value"] for item in listed}["server.name"] == "Den"
    # Put it back: the database is shared by the whole session.
    await client.put(
        f"{SERVER}/server.name", json={"value": "Revenge Media Server"}, headers=admin.headers
    )


async def test_a_bad_value_or_an_unknown_key_answers_400_naming_the_key(server: Server) -> None:
    client, admin = server.client, await signed_up(server, admin=True)
    key = "auth.session.max_per_user"
    bad = await client.put(f"{SERVER}/{key}", json={"value": "ten"}, headers=admin.headers)
    assert bad.status == 400
    body = await bad.json()
    assert key in body["message"]
    assert body["details"]["key"] == key
    unknown = await client.put(f"{SERVER}/no.such.key", json={"value": 1}, headers=admin.headers)
    assert unknown.status == 400
    assert (await unknown.json())["details"]["key"] == "no.such.key"
    missing = await client.get(f"{SERVER}/no.such.key", headers=admin.headers)
    assert missing.status == 404


async def test_a_user_cannot_read_or_change_server_settings(server: Server) -> None:
    client, user = server.client, await signed_up(server)
    assert (await client.get(SERVER, headers=user.headers)).status == 403
    put = await client.put(f"{SERVER}/server.name", json={"value": "Mine"}, headers=user.headers)
    assert put.status == 403


async def test_user_settings_round_trip_and_stay_private(server: Server) -> None:
    client = server.client
    alice, bob = await signed_up(server), await signed_up(server)
    key = f"{USER}/ui.page_size"
    put = await client.put(key, json={"value": 50}, headers=alice.headers)
    assert put.status == 200
    assert await put.json() == {
        "user_id": str(alice.user_id),
        "key": "ui.page_size",
        "value": 50,
        "description": "Items per page in lists",
        "category": "ui",
        "data_type": "integer",
    }
    assert (await (await client.get(key, headers=alice.headers)).json())["value"] == 50
    assert (await (await client.get(key, headers=bob.headers)).json())["value"] == 20
    listed = await (await client.get(USER, headers=alice.headers)).json()
    assert {item["key"]: item["value"] for item in listed}["ui.page_size"] == 50
    assert (await client.delete(key, headers=alice.headers)).status == 204
    assert (await (await client.get(key, headers=alice.headers)).json())["value"] == 20


async def test_a_user_setting_of_the_wrong_type_answers_400(server: Server) -> None:
    client, user = server.client, await signed_up(server)
    response = await client.put(
        f"{USER}/playback.autoplay_next", json={"value": "yes"}, headers=user.headers
    )
    assert response.status == 400
    assert (await response.json())["details"]["key"] == "playback.autoplay_next"
    gone = await client.delete(f"{USER}/made.up", headers=user.headers)
    assert gone.status == 404


async def test_a_change_on_one_instance_is_seen_by_another_sharing_the_cache(
    server: Server, config: Config
) -> None:
    admin = await signed_up(server, admin=True)
    key = f"{SERVER}/features.oidc_enabled"
    async with app_server(config) as other:
        # The other instance reads first, so the old value sits in its cache.
        assert (await (await other.client.get(key, headers=admin.headers)).json())["value"] is False
        put = await server.client.put(key, json={"value": True}, headers=admin.headers)
        assert put.status == 200
        assert (await (await other.client.get(key, headers=admin.headers)).json())["value"] is True
        await server.client.put(key, json={"value": False}, headers=admin.headers)
