"""Playback sessions through the real app: start, heartbeat and stop, ownership, expiry and the
watch progress they leave behind."""

from __future__ import annotations

import asyncio
import secrets
from typing import Any
from uuid import UUID

import asyncpg
import redis.asyncio as aioredis

from revenge_adapters.jobs.runner import Outcome
from revenge_domain.playback import PlaybackCleanup
from tests.integration.app_server import Account, Server, signed_up
from tests.integration.movies.catalog import grant_view, shelf
from tests.integration.playback.server import SHORT, PlaybackServer

SESSIONS = "/api/v1/playback/sessions"


async def viewers(server: Server, connection: asyncpg.Connection, library: UUID) -> list[Account]:
    """Two plain users who may read `library` (after an administrator exists)."""
    await signed_up(server, admin=True)
    accounts = [await signed_up(server), await signed_up(server)]
    for account in accounts:
        await grant_view(connection, library, account.user_id)
    return accounts


async def a_movie(connection: asyncpg.Connection) -> tuple[UUID, UUID]:
    """(library, movie) where the movie has one 100-minute 1080p file."""
    movies = await shelf(connection, 1)
    await connection.execute(
        "UPDATE movie.movie_files SET duration_seconds = 6000, resolution = '1080p',"
        " audio_languages = '{eng,deu}' WHERE movie_id = $1",
        movies.movie_ids[0],
    )
    return movies.library_id, movies.movie_ids[0]


async def started(server: Server, account: Account, body: dict[str, Any]) -> dict[str, Any]:
    response = await server.client.post(SESSIONS, json=body, headers=account.headers)
    assert response.status == 201, await response.text()
    answer: dict[str, Any] = await response.json()
    return answer


async def test_start_heartbeat_stop_and_the_progress_it_leaves(
    running: PlaybackServer, connection: asyncpg.Connection
) -> None:
    server = running.server
    library, movie = await a_movie(connection)
    alice, _ = await viewers(server, connection, library)
    session = await started(server, alice, {"media_type": "movie", "media_id": str(movie)})
    assert session["duration_seconds"] == 6000.0
    assert session["master_playlist_url"] == (
        f"/api/v1/playback/stream/{session['session_id']}/master.m3u8"
    )
    assert [track["language"] for track in session["audio_tracks"]] == ["eng", "deu"]
    assert session["profiles"][0]["height"] == 1080
    path = f"{SESSIONS}/{session['session_id']}"

    beat = await server.client.post(
        f"{path}/heartbeat", json={"position_seconds": 1200}, headers=alice.headers
    )
    assert beat.status == 204, await beat.text()
    quiet = await server.client.post(f"{path}/heartbeat", headers=alice.headers)
    assert quiet.status == 204, await quiet.text()
    read = await server.client.get(path, headers=alice.headers)
    assert read.status == 200
    assert (await read.json())["expires_at"] > session["expires_at"]

    stopped = await server.client.delete(path, headers=alice.headers)
    assert stopped.status == 204
    assert (await server.client.get(path, headers=alice.headers)).status == 404
    resumes = await server.client.get("/api/v1/movies/continue-watching", headers=alice.headers)
    items = await resumes.json()
    assert [item["id"] for item in items] == [str(movie)]
    progress = await server.client.get(f"/api/v1/movies/{movie}/progress", headers=alice.headers)
    assert (await progress.json())["progress_seconds"] == 1200


async def test_another_users_session_is_not_found(
    running: PlaybackServer, connection: asyncpg.Connection
) -> None:
    server = running.server
    library, movie = await a_movie(connection)
    alice, bob = await viewers(server, connection, library)
    session = await started(server, alice, {"media_type": "movie", "media_id": str(movie)})
    path = f"{SESSIONS}/{session['session_id']}"
    for method, suffix in (("GET", ""), ("POST", "/heartbeat"), ("DELETE", "")):
        response = await server.client.request(method, path + suffix, headers=bob.headers)
        assert response.status == 404, (method, suffix)
        assert (await response.json())["error"] == "not_found"
    assert (await server.client.get(path, headers=alice.headers)).status == 200


async def test_titles_outside_the_callers_libraries_cannot_be_played(
    running: PlaybackServer, connection: asyncpg.Connection
) -> None:
    server = running.server
    _, movie = await a_movie(connection)
    mine, _ = await a_movie(connection)
    alice, _ = await viewers(server, connection, mine)
    body = {"media_type": "movie", "media_id": str(movie)}
    response = await server.client.post(SESSIONS, json=body, headers=alice.headers)
    assert response.status == 404
    bad = {"media_type": "trailer", "media_id": str(movie)}
    response = await server.client.post(SESSIONS, json=bad, headers=alice.headers)
    assert response.status == 400


async def test_an_episode_session_records_tv_progress(
    running: PlaybackServer, connection: asyncpg.Connection
) -> None:
    server = running.server
    library = await connection.fetchval(
        "INSERT INTO public.libraries (name, type, paths) VALUES ($1, 'tvshow', '{/tv}')"
        " RETURNING id",
        f"Shows {secrets.token_hex(4)}",
    )
    series = await connection.fetchval(
        "INSERT INTO tvshow.series (library_id, title) VALUES ($1, 'Show') RETURNING id", library
    )
    season = await connection.fetchval(
        "INSERT INTO tvshow.seasons (series_id, season_number, name) VALUES ($1, 1, 'S1')"
        " RETURNING id",
        series,
    )
    episode = await connection.fetchval(
        "INSERT INTO tvshow.episodes (series_id, season_id, season_number, episode_number,"
        " title) VALUES ($1, $2, 1, 1, 'Pilot') RETURNING id",
        series,
        season,
    )
    await connection.execute(
        "INSERT INTO tvshow.episode_files (episode_id, file_path, file_name, file_size,"
        " duration_seconds) VALUES ($1, $2, 'e.mkv', 1000, 2400)",
        episode,
        f"/tv/{secrets.token_hex(6)}/e.mkv",
    )
    alice, _ = await viewers(server, connection, library)
    session = await started(server, alice, {"media_type": "episode", "media_id": str(episode)})
    beat = await server.client.post(
        f"{SESSIONS}/{session['session_id']}/heartbeat",
        json={"position_seconds": 600},
        headers=alice.headers,
    )
    assert beat.status == 204, await beat.text()
    progress = await server.client.get(
        f"/api/v1/tvshows/episodes/{episode}/progress", headers=alice.headers
    )
    assert progress.status == 200, await progress.text()
    assert (await progress.json())["progress_seconds"] == 600


async def test_sessions_without_heartbeats_expire_and_are_cleaned_up(
    running: PlaybackServer, connection: asyncpg.Connection, redis_url: str, key_prefix: str
) -> None:
    server = running.server
    library, movie = await a_movie(connection)
    alice, _ = await viewers(server, connection, library)
    session = await started(server, alice, {"media_type": "movie", "media_id": str(movie)})
    path = f"{SESSIONS}/{session['session_id']}"
    await asyncio.sleep(SHORT.session_timeout_s + 0.2)
    assert (await server.client.get(path, headers=alice.headers)).status == 404

    async with running.other_instance.subscribe("playback") as events:
        await server.queue.enqueue(PlaybackCleanup())
        assert server.queue.outcomes[-1] == ("playback_cleanup", Outcome.SUCCEEDED)
        async with asyncio.timeout(5):
            announced = await anext(aiter(event async for event in events if not event.is_gap))
    assert announced.type == "playback.stopped"
    assert announced.data["reason"] == "expired"
    assert announced.data["session_id"] == session["session_id"]
    redis = aioredis.from_url(redis_url)
    try:
        assert await redis.exists(f"{key_prefix}playback:{session['session_id']}") == 0
        assert await redis.zcard(f"{key_prefix}playback-expiry") == 0
    finally:
        await redis.aclose()
