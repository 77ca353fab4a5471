"""Sonarr through the API and its jobs: series and episode files synced, webhooks followed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from revenge_adapters.jobs.runner import Outcome
from revenge_domain.integrations.jobs import SonarrSync
from revenge_domain.metadata.jobs import RefreshSeriesMetadata
from tests.integration.app_server import signed_up
from tests.integration.integrations.api import ADMIN_ARR, basic, folder, library, rows
from tests.integration.integrations.arr_server import (
    sonarr_episode,
    sonarr_episode_file,
    sonarr_series,
)
from tests.integration.integrations.conftest import SECRET, ArrApp

SONARR = f"{ADMIN_ARR}/sonarr"
EPISODES = """
    SELECT s.id AS series_id, s.library_id, s.title, s.tvdb_id, s.sonarr_id, e.season_number,
        e.episode_number, e.title AS episode_title, f.file_path, f.sonarr_file_id,
        f.quality_profile, f.resolution
    FROM tvshow.series s JOIN tvshow.episodes e ON e.series_id = s.id
    JOIN tvshow.episode_files f ON f.episode_id = e.id
    WHERE s.sonarr_id = $1 ORDER BY e.season_number, e.episode_number
"""


def breaking_bad(arr_app: ArrApp, shows: Path, ids: Iterator[int]) -> dict[str, Any]:
    """One series with two episodes on disk and one still missing."""
    series_id, tvdb_id = next(ids), next(ids)
    where = f"{shows}/Breaking Bad"
    series = sonarr_series(series_id, "Breaking Bad", 2008, where, tvdb_id)
    first, second = next(ids), next(ids)
    arr_app.sonarr.series = [series]
    arr_app.sonarr.episodes = [
        sonarr_episode(next(ids), series_id, 1, 1, "Pilot", first),
        sonarr_episode(next(ids), series_id, 1, 2, "Cat's in the Bag...", second),
        sonarr_episode(next(ids), series_id, 1, 3, "...And the Bag's in the River", None),
    ]
    arr_app.sonarr.episode_files = [
        sonarr_episode_file(first, series_id, where, 1, "Breaking Bad - S01E01 - Pilot.mkv"),
        sonarr_episode_file(second, series_id, where, 1, "Breaking Bad - S01E02.mkv"),
    ]
    return series


async def test_a_full_sync_places_series_and_episode_files_and_repeats_cleanly(
    arr_app: ArrApp, media_root: Path, ids: Iterator[int]
) -> None:
    server, admin = arr_app.server, await signed_up(arr_app.server, admin=True)
    shows = folder(media_root, "shows")
    library_id = await library(server, admin, "tvshow", shows)
    series = breaking_bad(arr_app, shows, ids)

    response = await server.client.post(f"{SONARR}/sync", headers=admin.headers)
    assert response.status == 202
    placed = await rows(server.pg_url, EPISODES, series["id"])
    assert [(r["season_number"], r["episode_number"], r["episode_title"]) for r in placed] == [
        (1, 1, "Pilot"),
        (1, 2, "Cat's in the Bag..."),
    ]
    assert {str(r["library_id"]) for r in placed} == {library_id}
    assert {r["tvdb_id"] for r in placed} == {series["tvdbId"]}
    assert [r["file_path"] for r in placed] == [f["path"] for f in arr_app.sonarr.episode_files]
    assert [r["sonarr_file_id"] for r in placed] == [f["id"] for f in arr_app.sonarr.episode_files]
    assert {(r["quality_profile"], r["resolution"]) for r in placed} == {("HDTV-720p", "720p")}
    refreshes = [j for j in arr_app.queue.enqueued if isinstance(j, RefreshSeriesMetadata)]
    assert [j.series_id for j in refreshes] == [placed[0]["series_id"]]

    status = await (await server.client.get(f"{SONARR}/status", headers=admin.headers)).json()
    sync = status["syncStatus"]
    assert (sync["seriesAdded"], sync["episodesAdded"], sync["totalSeries"]) == (1, 2, 1)
    assert sync["totalEpisodes"] == 2

    assert (await server.client.post(f"{SONARR}/sync", headers=admin.headers)).status == 202
    assert await rows(server.pg_url, EPISODES, series["id"]) == placed
    status = await (await server.client.get(f"{SONARR}/status", headers=admin.headers)).json()
    sync = status["syncStatus"]
    assert (sync["seriesAdded"], sync["seriesUpdated"], sync["episodesUpdated"]) == (0, 1, 2)


async def test_webhooks_sync_their_series_again(
    arr_app: ArrApp, media_root: Path, ids: Iterator[int]
) -> None:
    server, admin = arr_app.server, await signed_up(arr_app.server, admin=True)
    shows = folder(media_root, "shows")
    await library(server, admin, "tvshow", shows)
    series = breaking_bad(arr_app, shows, ids)
    hook, secret = "/api/v1/webhooks/sonarr", {"X-Webhook-Secret": SECRET}
    download = {
        "eventType": "Download",
        "series": {"id": series["id"], "title": "Breaking Bad", "tvdbId": series["tvdbId"]},
        "episodes": [{"id": 1, "episodeNumber": 1, "seasonNumber": 1, "title": "Pilot"}],
        "episodeFile": {"id": arr_app.sonarr.episode_files[0]["id"], "quality": "HDTV-720p"},
        "isUpgrade": False,
    }
    assert (await server.client.post(hook, json=download)).status == 401
    accepted = await server.client.post(hook, json=download, headers=secret)
    assert accepted.status == 202
    assert len(await rows(server.pg_url, EPISODES, series["id"])) == 2

    arr_app.sonarr.episode_files = arr_app.sonarr.episode_files[1:]
    deleted = {"eventType": "EpisodeFileDelete", "series": {"id": series["id"]}}
    assert (await server.client.post(hook, json=deleted, headers=basic(SECRET))).status == 202
    left = await rows(server.pg_url, EPISODES, series["id"])
    assert [r["episode_number"] for r in left] == [2]

    arr_app.sonarr.series = []
    gone = {"eventType": "SeriesDelete", "series": {"id": series["id"]}, "deletedFiles": True}
    assert (await server.client.post(hook, json=gone, headers=secret)).status == 202
    assert await rows(server.pg_url, EPISODES, series["id"]) == []


async def test_a_single_series_sync_job_runs_through_the_job_handler(
    arr_app: ArrApp, media_root: Path, ids: Iterator[int]
) -> None:
    server, admin = arr_app.server, await signed_up(arr_app.server, admin=True)
    shows = folder(media_root, "shows")
    await library(server, admin, "tvshow", shows)
    series = breaking_bad(arr_app, shows, ids)
    await arr_app.queue.enqueue(SonarrSync(operation="single", sonarr_series_id=series["id"]))
    assert ("sonarr_sync", Outcome.SUCCEEDED) in arr_app.queue.outcomes
    assert len(await rows(server.pg_url, EPISODES, series["id"])) == 2
    assert f"/api/v3/series/{series['id']}" in arr_app.sonarr.requests
