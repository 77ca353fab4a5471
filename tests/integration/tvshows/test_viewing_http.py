"""Reads across series and single marks over real PostgreSQL: episodes of a show, files, what
aired and airs next, where to resume, watch statistics; and the statements of a list page."""

from __future__ import annotations

import secrets
from typing import Any
from uuid import UUID

import asyncpg

from tests.integration.app_server import Server
from tests.integration.tvshows.conftest import Catalogue, Show, Statements
from tests.integration.tvshows.test_tvshows_http import TV, get


async def sql(server: Server, statement: str, *args: Any) -> None:
    connection = await asyncpg.connect(server.pg_url)
    try:
        await connection.execute(statement, *args)
    finally:
        await connection.close()


async def add_file(server: Server, episode_id: UUID) -> None:
    await sql(
        server,
        "INSERT INTO tvshow.episode_files (episode_id, file_path, file_name, file_size,"
        " duration_seconds, audio_languages) VALUES ($1, $2, 'e.mkv', 1000, 2399.6, '{en}')",
        episode_id,
        f"/tv/{secrets.token_hex(6)}/e.mkv",
    )


async def date_episodes(server: Server, show: Show) -> None:
    """Season 1 aired over the last days; season 2 airs in the coming days."""
    for (season, number), episode_id in show.episodes.items():
        days = {1: -number, 2: number}.get(season)
        if days is not None:
            await sql(
                server,
                "UPDATE tvshow.episodes SET air_date = CURRENT_DATE + $2::int WHERE id = $1",
                episode_id,
                days,
            )


async def started(server: Server, catalogue: Catalogue, episode_id: UUID, seconds: int) -> None:
    await sql(
        server,
        "INSERT INTO tvshow.episode_watched (user_id, episode_id, progress_seconds,"
        " duration_seconds, last_watched_at) VALUES ($1, $2, $3, 2400, now())",
        catalogue.viewer.user_id,
        episode_id,
        seconds,
    )


def per_show(show: Show) -> list[str]:
    episode = show.episodes[(1, 1)]
    return [
        f"{TV}/{show.id}/episodes",
        f"{TV}/{show.id}/watch-stats",
        f"{TV}/episodes/{episode}/files",
    ]


async def test_a_viewer_without_view_on_the_library_gets_404_or_nothing(
    server: Server, catalogue: Catalogue
) -> None:
    headers, a, b = catalogue.viewer.headers, catalogue.a, catalogue.b
    for show in (a, b):
        await date_episodes(server, show)
        await started(server, catalogue, show.episodes[(1, 2)], 600)
    for path in per_show(a):
        await get(server, path, headers)
    for path in per_show(b):
        await get(server, path, headers, status=404)
    hidden = await server.client.post(
        f"{TV}/episodes/{b.episodes[(1, 1)]}/watched", headers=headers
    )
    assert hidden.status == 404
    for feed in ("recent", "upcoming"):
        listed = await get(server, f"{TV}/episodes/{feed}", headers)
        assert {item["series_id"] for item in listed} == {str(a.id)}
    resume = await get(server, f"{TV}/continue-watching", headers)
    assert [item["series_id"] for item in resume] == [str(a.id)]
    stats = await get(server, f"{TV}/stats", headers)
    assert (stats["total_series"], stats["current_series"]) == (1, 1)


async def test_episodes_of_a_show_and_their_files(server: Server, catalogue: Catalogue) -> None:
    headers, show = catalogue.viewer.headers, catalogue.a
    episodes = await get(server, f"{TV}/{show.id}/episodes", headers)
    numbers = [(item["season_number"], item["episode_number"]) for item in episodes]
    assert numbers == [(0, 1), (1, 1), (1, 2), (1, 3), (2, 1), (2, 2)]
    episode = show.episodes[(1, 1)]
    assert await get(server, f"{TV}/episodes/{episode}/files", headers) == []
    await add_file(server, episode)
    (file,) = await get(server, f"{TV}/episodes/{episode}/files", headers)
    assert (file["episode_id"], file["file_size"], file["duration_seconds"]) == (
        str(episode),
        1000,
        2400,
    )
    assert (file["audio_languages"], file["subtitle_languages"]) == (["en"], [])


async def test_recent_is_latest_first_and_upcoming_soonest_first(
    server: Server, catalogue: Catalogue
) -> None:
    headers, show = catalogue.viewer.headers, catalogue.a
    await date_episodes(server, show)
    recent = await get(server, f"{TV}/episodes/recent", headers)
    assert [item["id"] for item in recent] == [str(show.episodes[(1, n)]) for n in (1, 2, 3)]
    assert recent[0]["series_title"].startswith("Alpha")
    upcoming = await get(server, f"{TV}/episodes/upcoming?limit=1&offset=1", headers)
    assert [item["id"] for item in upcoming] == [str(show.episodes[(2, 2)])]
    for query in ("limit=0", "limit=101", "offset=-1"):
        await get(server, f"{TV}/episodes/recent?{query}", headers, status=400)


async def test_marking_one_episode_moves_stats_and_continue_watching(
    server: Server, catalogue: Catalogue
) -> None:
    headers, show = catalogue.viewer.headers, catalogue.a
    stats_path = f"{TV}/{show.id}/watch-stats"
    fresh = await get(server, stats_path, headers)
    assert (fresh["total_episodes"], fresh["total_runtime_minutes"]) == (6, 240)
    assert (fresh["watched_episodes"], fresh["completion_percent"]) == (0, 0.0)
    assert fresh["last_watched_at"] is None

    await started(server, catalogue, show.episodes[(1, 2)], 600)
    (resume,) = await get(server, f"{TV}/continue-watching", headers)
    assert (resume["episode_id"], resume["progress_percent"]) == (str(show.episodes[(1, 2)]), 25.0)

    for episode_id, body in ((show.episodes[(1, 2)], None), (show.episodes[(1, 1)], 1800)):
        payload = None if body is None else {"duration_seconds": body}
        marked = await server.client.post(
            f"{TV}/episodes/{episode_id}/watched", json=payload, headers=headers
        )
        assert marked.status == 204, await marked.text()
    assert await get(server, f"{TV}/continue-watching", headers) == []
    stats = await get(server, stats_path, headers)
    assert (stats["watched_episodes"], stats["watched_runtime_minutes"]) == (2, 80)
    assert round(stats["completion_percent"], 2) == 33.33
    assert stats["last_watched_at"] is not None
    totals = await get(server, f"{TV}/stats", headers)
    assert totals == {
        "user_id": str(catalogue.viewer.user_id),
        "total_series": 1,
        "total_episodes_watched": 2,
        "total_watch_time_minutes": 70,  # 2400 s kept for the started one, 1800 s given
        "completed_series": 0,
        "current_series": 1,
    }


async def test_a_list_page_of_fifty_takes_as_few_statements_as_a_page_of_five(
    server: Server, catalogue: Catalogue, statements: Statements
) -> None:
    headers = catalogue.viewer.headers
    connection = await asyncpg.connect(server.pg_url)
    try:
        await connection.executemany(
            "INSERT INTO tvshow.series (library_id, title) VALUES ($1, $2)",
            [(catalogue.a.library_id, f"Show {n}") for n in range(60)],
        )
    finally:
        await connection.close()
    await get(server, f"{TV}?limit=1", headers)  # the caller's access and language are now known

    counts = {}
    for size in (5, 50):
        statements.clear()
        listed = await get(server, f"{TV}?limit={size}", headers)
        assert len(listed["items"]) == size
        counts[size] = len(statements.seen)
    assert 0 < counts[5] == counts[50]
    assert counts[50] <= 4  # signing in the caller, then the page with its total
