"""GET /api/v1/events through the real app: frames, keepalives, categories, who receives what,
events from another instance, `?token=` and cleaning up after a client leaves."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import asyncpg
from aiohttp import ClientResponse

from revenge_adapters.metrics import REGISTRY
from revenge_domain.ports.events import Event
from tests.integration.app_server import Account, Server, signed_up
from tests.integration.movies.catalog import grant_view, shelf
from tests.integration.playback.server import PlaybackServer

EVENTS = "/api/v1/events"
KEEPALIVE = ": keepalive\n\n"


async def frame(response: ClientResponse, timeout_s: float = 5.0) -> str:
    async with asyncio.timeout(timeout_s):
        return (await response.content.readuntil(b"\n\n")).decode()


async def next_event(response: ClientResponse) -> dict[str, Any]:
    """The next event frame (keepalives skipped) as its `id`, `event` and parsed `data`."""
    while (text := await frame(response)) == KEEPALIVE:
        pass
    fields = dict(line.split(": ", 1) for line in text.strip().split("\n"))
    return {"id": fields["id"], "event": fields["event"], "data": json.loads(fields["data"])}


async def stream(server: Server, account: Account, query: str = "") -> ClientResponse:
    response = await server.client.get(f"{EVENTS}{query}", headers=account.headers)
    assert response.status == 200, await response.text()
    return response


async def test_an_event_from_another_instance_arrives_as_one_frame(
    running: PlaybackServer,
) -> None:
    server = running.server
    alice = await signed_up(server)
    response = await stream(server, alice)
    assert response.headers["Content-Type"] == "text/event-stream"
    assert response.headers["Cache-Control"] == "no-cache"
    assert response.headers["X-Accel-Buffering"] == "no"
    event = Event("system", "system.startup", {"version": "1"})
    await running.other_instance.publish(event)
    received = await next_event(response)
    assert received["id"] == event.id
    assert received["event"] == "system.startup"
    assert received["data"]["data"] == {"version": "1"}
    assert received["data"]["category"] == "system"
    response.close()


async def test_a_quiet_stream_gets_keepalive_comments(running: PlaybackServer) -> None:
    server = running.server
    response = await stream(server, await signed_up(server))
    assert await frame(response, timeout_s=3.0) == KEEPALIVE
    response.close()


async def test_a_client_receives_only_the_categories_it_asked_for(
    running: PlaybackServer,
) -> None:
    server = running.server
    admin = await signed_up(server, admin=True)
    response = await stream(server, admin, "?categories=system")
    await running.other_instance.publish(Event("playback", "playback.started", {}))
    await running.other_instance.publish(Event("system", "system.startup"))
    assert (await next_event(response))["event"] == "system.startup"
    response.close()
    refused = await server.client.get(f"{EVENTS}?categories=system,cache", headers=admin.headers)
    assert refused.status == 400
    assert (await refused.json())["details"]["unknown"] == ["cache"]


async def test_private_and_library_events_reach_only_their_audience(
    running: PlaybackServer, connection: asyncpg.Connection
) -> None:
    server = running.server
    await signed_up(server, admin=True)
    alice, bob = await signed_up(server), await signed_up(server)
    movies = await shelf(connection, 1)
    await grant_view(connection, movies.library_id, alice.user_id)
    alice_stream, bob_stream = await stream(server, alice), await stream(server, bob)

    body = {"media_type": "movie", "media_id": str(movies.movie_ids[0])}
    started = await server.client.post(
        "/api/v1/playback/sessions", json=body, headers=alice.headers
    )
    assert started.status == 201, await started.text()
    scan = Event("library", "library.scan_done", {"library_id": str(movies.library_id)})
    await running.other_instance.publish(scan)
    await running.other_instance.publish(Event("system", "system.backup_created"))

    own = await next_event(alice_stream)
    assert own["event"] == "playback.started"
    assert own["data"]["data"]["session_id"] == (await started.json())["session_id"]
    assert (await next_event(alice_stream))["event"] == "library.scan_done"
    assert (await next_event(alice_stream))["event"] == "system.backup_created"
    assert (await next_event(bob_stream))["event"] == "system.backup_created"
    alice_stream.close()
    bob_stream.close()


async def test_event_source_clients_may_send_the_token_in_the_query(
    running: PlaybackServer,
) -> None:
    server = running.server
    alice = await signed_up(server)
    token = alice.headers["Authorization"].removeprefix("Bearer ")
    response = await server.client.get(f"{EVENTS}?token={token}")
    assert response.status == 200
    response.close()
    assert (await server.client.get(f"{EVENTS}?token=nonsense")).status == 401
    assert (await server.client.get(EVENTS)).status == 401
    # Nowhere else: a token in a URL ends up in logs.
    elsewhere = await server.client.get(f"/api/v1/sessions/current?token={token}")
    assert elsewhere.status == 401


async def test_a_client_that_leaves_is_forgotten(running: PlaybackServer) -> None:
    server = running.server
    alice = await signed_up(server)

    def open_streams() -> float:
        return REGISTRY.get_sample_value("revenge_event_streams") or 0.0

    before = open_streams()
    response = await stream(server, alice)
    assert open_streams() == before + 1
    response.close()
    for _ in range(100):  # the next keepalive finds it gone
        if open_streams() == before:
            break
        await asyncio.sleep(0.05)
    assert open_streams() == before


async def test_open_streams_end_when_the_server_stops(running: PlaybackServer) -> None:
    server = running.server
    response = await stream(server, await signed_up(server))
    await running.live.end_all()
    async with asyncio.timeout(5):
        rest = await response.content.read()
    assert rest in (b"", KEEPALIVE.encode())
    assert response.content.at_eof()


async def test_a_head_request_gets_the_headers_and_no_stream(running: PlaybackServer) -> None:
    server = running.server
    alice = await signed_up(server)
    before = REGISTRY.get_sample_value("revenge_event_streams")
    async with asyncio.timeout(5):
        response = await server.client.head(EVENTS, headers=alice.headers)
    assert response.status == 200
    assert response.headers["Content-Type"] == "text/event-stream"
    await asyncio.sleep(0.1)
    assert REGISTRY.get_sample_value("revenge_event_streams") == before
