"""Radarr through the API: admin reads, full syncs into the right library, webhooks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from revenge_adapters.integrations import PgSyncStates
from revenge_adapters.integrations.sync_states import KEPT_SKIPPED
from revenge_adapters.jobs.runner import Outcome
from revenge_adapters.postgres import create_engine, create_session_factory
from revenge_app.config import IntegrationsConfig
from revenge_domain.integrations.jobs import RadarrSync
from revenge_domain.integrations.model import Service, Skipped
from revenge_domain.metadata.jobs import RefreshMovieMetadata
from revenge_domain.ports.catalog_changes import Entity
from tests.integration.app_server import signed_up
from tests.integration.integrations.api import (
    ADMIN_ARR,
    basic,
    folder,
    library,
    radarr_movies,
    rows,
)
from tests.integration.integrations.arr_server import API_KEY, radarr_movie
from tests.integration.integrations.conftest import SECRET, ArrApp

RADARR = f"{ADMIN_ARR}/radarr"


async def test_status_profiles_and_root_folders_in_the_contract_shapes(arr_app: ArrApp) -> None:
    client, admin = arr_app.server.client, await signed_up(arr_app.server, admin=True)
    arr_app.radarr.root_folders = [
        {"id": 1, "path": "/movies", "accessible": True, "freeSpace": 500, "unmappedFolders": []}
    ]
    status = await client.get(f"{RADARR}/status", headers=admin.headers)
    assert status.status == 200
    assert await status.json() == {
        "connected": True,
        "version": "5.2.6.8376",
        "instanceName": "Radarr",
        "startTime": "2024-01-05T09:00:00Z",
        "syncStatus": {
            "isRunning": False,
            "moviesAdded": 0,
            "moviesUpdated": 0,
            "moviesRemoved": 0,
            "totalMovies": 0,
            "skipped": [],
        },
    }
    profiles = await client.get(f"{RADARR}/quality-profiles", headers=admin.headers)
    assert (await profiles.json())["profiles"] == [
        {"id": 4, "name": "HD-1080p", "upgradeAllowed": True, "cutoff": 7, "minFormatScore": 0},
        {"id": 1, "name": "Any", "upgradeAllowed": False, "cutoff": 1, "minFormatScore": 0},
    ]
    folders = await client.get(f"{RADARR}/root-folders", headers=admin.headers)
    assert await folders.json() == {
        "folders": [{"id": 1, "path": "/movies", "accessible": True, "freeSpace": 500}]
    }
    assert arr_app.radarr.requests[:1] == ["/api/v3/system/status"]


async def test_a_full_sync_places_each_movie_in_the_library_holding_it_and_repeats_cleanly(
    arr_app: ArrApp, media_root: Path, ids: Iterator[int]
) -> None:
    server, admin = arr_app.server, await signed_up(arr_app.server, admin=True)
    films, more = folder(media_root, "films"), folder(media_root, "more")
    films_id = await library(server, admin, "movie", films)
    more_id = await library(server, admin, "movie", more)
    heat, alien, stray, wanted = (next(ids) for _ in range(4))
    arr_app.radarr.movies = [
        radarr_movie(heat, "Heat", 1995, f"{films}/Heat (1995)", next(ids), next(ids)),
        radarr_movie(alien, "Alien", 1979, f"{more}/Alien (1979)", next(ids), next(ids)),
        radarr_movie(stray, "Stray", 2001, "/elsewhere/Stray (2001)", next(ids), next(ids)),
        radarr_movie(wanted, "Wanted", 2008, f"{films}/Wanted (2008)", next(ids), None),
    ]

    response = await server.client.post(f"{RADARR}/sync", headers=admin.headers)
    assert response.status == 202
    assert await response.json() == {"message": "Radarr sync queued", "status": "queued"}

    placed = await radarr_movies(server.pg_url, [heat, alien, stray, wanted])
    assert [(m["radarr_id"], str(m["library_id"])) for m in placed] == [
        (heat, films_id),
        (alien, more_id),
    ]
    first = placed[0]
    source = arr_app.radarr.movies[0]
    assert (first["title"], first["year"], first["tmdb_id"], first["imdb_id"]) == (
        "Heat",
        1995,
        source["tmdbId"],
        source["imdbId"],
    )
    assert first["file_path"] == source["movieFile"]["path"]
    assert (first["file_size"], first["resolution"], first["quality_profile"]) == (
        8_123_456_789,
        "1080p",
        "Bluray-1080p",
    )
    assert (first["radarr_file_id"], first["video_codec"]) == (source["movieFile"]["id"], "x264")
    refreshed = {j.movie_id for j in arr_app.queue.enqueued if isinstance(j, RefreshMovieMetadata)}
    assert refreshed == {m["id"] for m in placed}
    changed = {i for kind, entity, got in arr_app.changes.reports for i in got if kind == "changed"}
    assert {m["id"] for m in placed} <= changed
    assert all(entity is Entity.MOVIE for _, entity, _ in arr_app.changes.reports)

    status = await (await server.client.get(f"{RADARR}/status", headers=admin.headers)).json()
    sync = status["syncStatus"]
    assert (sync["isRunning"], sync["moviesAdded"], sync["moviesUpdated"], sync["totalMovies"]) == (
        False,
        2,
        0,
        3,
    )
    assert "lastSync" in sync
    assert "lastSyncError" not in sync
    assert sync["skipped"] == [
        {
            "title": "Stray",
            "path": arr_app.radarr.movies[2]["movieFile"]["path"],
            "reason": "no movie library holds this folder",
        }
    ]

    again = await server.client.post(f"{RADARR}/sync", headers=admin.headers)
    assert again.status == 202
    assert await radarr_movies(server.pg_url, [heat, alien, stray, wanted]) == placed
    status = await (await server.client.get(f"{RADARR}/status", headers=admin.headers)).json()
    counts = status["syncStatus"]
    assert (counts["moviesAdded"], counts["moviesUpdated"], counts["moviesRemoved"]) == (0, 2, 0)


@pytest.mark.parametrize("run_jobs", [False])
async def test_a_second_sync_request_while_one_is_queued_is_a_conflict(arr_app: ArrApp) -> None:
    client, admin = arr_app.server.client, await signed_up(arr_app.server, admin=True)
    assert (await client.post(f"{RADARR}/sync", headers=admin.headers)).status == 202
    second = await client.post(f"{RADARR}/sync", headers=admin.headers)
    assert second.status == 409
    assert (await second.json())["error"] == "sync_running"
    status = await (await client.get(f"{RADARR}/status", headers=admin.headers)).json()
    assert status["syncStatus"]["isRunning"] is True
    assert [job.kind for job in arr_app.queue.enqueued] == ["radarr_sync"]


async def test_webhooks_need_the_shared_secret_and_queue_a_sync_of_their_movie(
    arr_app: ArrApp, media_root: Path, ids: Iterator[int]
) -> None:
    server, admin = arr_app.server, await signed_up(arr_app.server, admin=True)
    films = folder(media_root, "films")
    await library(server, admin, "movie", films)
    movie_id = next(ids)
    movie = radarr_movie(movie_id, "Heat", 1995, f"{films}/Heat (1995)", next(ids), next(ids))
    arr_app.radarr.movies = [movie]
    hook = "/api/v1/webhooks/radarr"
    download = {
        "eventType": "Download",
        "instanceName": "Radarr",
        "movie": {"id": movie_id, "title": "Heat", "year": 1995, "tmdbId": movie["tmdbId"]},
        "movieFile": {"id": movie["movieFile"]["id"], "relativePath": "Heat.mkv"},
        "isUpgrade": False,
    }

    assert (await server.client.post(hook, json=download)).status == 401
    wrong = {"X-Webhook-Secret": "guess"}
    assert (await server.client.post(hook, json=download, headers=wrong)).status == 401
    assert (await server.client.post(hook, json=download, headers=basic("guess"))).status == 401
    assert await radarr_movies(server.pg_url, [movie_id]) == []

    test = await server.client.post(
        hook, json={"eventType": "Test"}, headers={"X-Webhook-Secret": SECRET}
    )
    assert test.status == 200
    assert await test.json() == {"status": "ignored", "eventType": "Test"}
    odd = await server.client.post(
        hook, json={"eventType": "HealthRestored", "level": "ok"}, headers=basic(SECRET)
    )
    assert odd.status == 200
    assert not any(job.kind == "radarr_webhook" for job in arr_app.queue.enqueued)

    accepted = await server.client.post(hook, json=download, headers=basic(SECRET))
    assert accepted.status == 202
    assert await accepted.json() == {"status": "queued", "eventType": "Download"}
    [placed] = await radarr_movies(server.pg_url, [movie_id])
    assert placed["file_path"] == movie["movieFile"]["path"]

    movie["hasFile"] = False
    del movie["movieFile"]
    gone = {"eventType": "MovieFileDelete", "movie": {"id": movie_id}, "deleteReason": "manual"}
    assert (await server.client.post(hook, json=gone, headers=basic(SECRET))).status == 202
    assert await radarr_movies(server.pg_url, [movie_id]) == []
    [left] = await rows(
        server.pg_url, "SELECT deleted_at, radarr_id FROM movie.movies WHERE id = $1", placed["id"]
    )
    assert left["deleted_at"] is not None
    assert left["radarr_id"] is None
    assert (await server.client.post(hook, json={}, headers=basic(SECRET))).status == 400


@pytest.mark.parametrize(
    "settings", [IntegrationsConfig(radarr_webhook_secret=SECRET)], ids=["radarr off"]
)
async def test_a_disabled_integration_answers_503_everywhere(arr_app: ArrApp) -> None:
    client, admin = arr_app.server.client, await signed_up(arr_app.server, admin=True)
    for method, path in (
        ("GET", f"{RADARR}/status"),
        ("POST", f"{RADARR}/sync"),
        ("GET", f"{RADARR}/quality-profiles"),
        ("GET", f"{RADARR}/root-folders"),
    ):
        response = await client.request(method, path, headers=admin.headers)
        assert response.status == 503, path
        assert (await response.json())["error"] == "integration_disabled"
    hook = await client.post(
        "/api/v1/webhooks/radarr", json={"eventType": "Test"}, headers=basic(SECRET)
    )
    assert hook.status == 503
    assert arr_app.radarr.requests == []


@pytest.mark.parametrize(
    "settings",
    [IntegrationsConfig(radarr_enabled=True, radarr_api_key="wrong", radarr_webhook_secret="")],
    ids=["bad key, no secret"],
)
async def test_radarr_refusing_us_is_a_status_and_a_502_and_no_secret_refuses_webhooks(
    arr_app: ArrApp,
) -> None:
    client, admin = arr_app.server.client, await signed_up(arr_app.server, admin=True)
    status = await (await client.get(f"{RADARR}/status", headers=admin.headers)).json()
    assert status["connected"] is False
    assert "version" not in status
    profiles = await client.get(f"{RADARR}/quality-profiles", headers=admin.headers)
    assert profiles.status == 502
    assert "Radarr answered 401" in (await profiles.json())["message"]
    hook = await client.post("/api/v1/webhooks/radarr", json={"eventType": "Test"})
    assert hook.status == 503


async def test_an_upgrade_replaces_the_file_and_a_delete_keeping_files_only_unlinks(
    arr_app: ArrApp, media_root: Path, ids: Iterator[int]
) -> None:
    server, admin = arr_app.server, await signed_up(arr_app.server, admin=True)
    films = folder(media_root, "films")
    await library(server, admin, "movie", films)
    movie_id = next(ids)
    movie = radarr_movie(movie_id, "Heat", 1995, f"{films}/Heat (1995)", next(ids), next(ids))
    arr_app.radarr.movies = [movie]
    hook, secret = "/api/v1/webhooks/radarr", {"X-Webhook-Secret": SECRET}
    download = {"eventType": "Download", "movie": {"id": movie_id}, "isUpgrade": False}
    assert (await server.client.post(hook, json=download, headers=secret)).status == 202
    [before] = await radarr_movies(server.pg_url, [movie_id])

    better = f"{films}/Heat (1995)/Heat (1995) Remux-2160p.mkv"
    movie["movieFile"] |= {"id": next(ids), "path": better, "relativePath": better.rsplit("/")[-1]}
    movie["movieFile"]["quality"]["quality"] |= {"name": "Remux-2160p", "resolution": 2160}
    upgrade = {**download, "isUpgrade": True, "deletedFiles": [{"path": before["file_path"]}]}
    assert (await server.client.post(hook, json=upgrade, headers=secret)).status == 202
    [after] = await radarr_movies(server.pg_url, [movie_id])
    assert (after["id"], after["file_path"]) == (before["id"], better)
    assert (after["quality_profile"], after["resolution"]) == ("Remux-2160p", "2160p")

    arr_app.radarr.movies = []
    delete = {"eventType": "MovieDelete", "movie": {"id": movie_id}, "deletedFiles": False}
    assert (await server.client.post(hook, json=delete, headers=secret)).status == 202
    assert await radarr_movies(server.pg_url, [movie_id]) == []
    [kept] = await rows(
        server.pg_url,
        "SELECT m.deleted_at, f.file_path FROM movie.movies m"
        " JOIN movie.movie_files f ON f.movie_id = m.id WHERE m.id = $1",
        before["id"],
    )
    assert kept == {"deleted_at": None, "file_path": better}


async def test_a_webhook_movie_no_library_holds_is_skipped_and_shown_in_the_status(
    arr_app: ArrApp, ids: Iterator[int]
) -> None:
    server, admin = arr_app.server, await signed_up(arr_app.server, admin=True)
    movie_id = next(ids)
    movie = radarr_movie(movie_id, "Stray", 2001, "/nowhere/Stray (2001)", next(ids), next(ids))
    arr_app.radarr.movies = [movie]
    download = {"eventType": "Download", "movie": {"id": movie_id}}
    hook = await server.client.post(
        "/api/v1/webhooks/radarr", json=download, headers={"X-Webhook-Secret": SECRET}
    )
    assert hook.status == 202
    assert await radarr_movies(server.pg_url, [movie_id]) == []
    status = await (await server.client.get(f"{RADARR}/status", headers=admin.headers)).json()
    assert status["syncStatus"]["skipped"] == [
        {
            "title": "Stray",
            "path": movie["movieFile"]["path"],
            "reason": "no movie library holds this folder",
        }
    ]
    assert "lastSync" not in status["syncStatus"]


async def test_the_skipped_list_keeps_the_newest_titles(arr_app: ArrApp, pg_url: str) -> None:
    engine = create_engine(pg_url, pool_size=1)
    try:
        states = PgSyncStates(create_session_factory(engine))
        for n in range(KEPT_SKIPPED + 2):
            await states.skipped(Service.SONARR, [Skipped(f"t{n}", f"/p{n}", "why")])
        kept = (await states.get(Service.SONARR)).report.skipped
    finally:
        await engine.dispose()
    assert len(kept) == KEPT_SKIPPED
    assert (kept[0].title, kept[-1].title) == ("t2", f"t{KEPT_SKIPPED + 1}")


async def test_a_single_movie_sync_job_runs_through_the_job_handler(
    arr_app: ArrApp, media_root: Path, ids: Iterator[int]
) -> None:
    server, admin = arr_app.server, await signed_up(arr_app.server, admin=True)
    films = folder(media_root, "films")
    await library(server, admin, "movie", films)
    movie_id = next(ids)
    arr_app.radarr.movies = [
        radarr_movie(movie_id, "Heat", 1995, f"{films}/Heat (1995)", next(ids), next(ids))
    ]
    await arr_app.queue.enqueue(RadarrSync(operation="single", radarr_movie_id=movie_id))
    assert ("radarr_sync", Outcome.SUCCEEDED) in arr_app.queue.outcomes
    assert len(await radarr_movies(server.pg_url, [movie_id])) == 1
    assert arr_app.radarr.requests == [f"/api/v3/movie/{movie_id}"]


@pytest.mark.parametrize(
    "settings",
    [IntegrationsConfig(radarr_enabled=True, radarr_api_key=API_KEY, timeout_s=0.2)],
    ids=["short timeout"],
)
async def test_a_radarr_that_does_not_answer_in_time_is_not_connected(arr_app: ArrApp) -> None:
    client, admin = arr_app.server.client, await signed_up(arr_app.server, admin=True)
    arr_app.radarr.delay_s = 1.0
    status = await (await client.get(f"{RADARR}/status", headers=admin.headers)).json()
    assert status["connected"] is False
    folders = await client.get(f"{RADARR}/root-folders", headers=admin.headers)
    assert folders.status == 502
    assert (await folders.json())["message"] == "Radarr did not answer in time"
