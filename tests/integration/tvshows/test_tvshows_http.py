"""The TV endpoints over real PostgreSQL and Redis: library filtering, watch state, bulk marks."""

from __future__ import annotations

from typing import Any

from tests.integration.app_server import Server, signed_up
from tests.integration.tvshows.conftest import Catalogue, Show, Statements

TV = "/api/v1/tvshows"


def reads_of(show: Show) -> list[str]:
    """Every read path of one series, its seasons and episodes."""
    series, season, episode = f"{TV}/{show.id}", show.seasons[1], show.episodes[(1, 1)]
    return [
        series,
        *(f"{series}/{part}" for part in ("seasons", "cast", "crew", "genres", "networks")),
        f"{series}/next-episode",
        f"{TV}/seasons/{season}",
        f"{TV}/seasons/{season}/episodes",
        f"{TV}/episodes/{episode}",
    ]


async def get(server: Server, path: str, headers: dict[str, str], status: int = 200) -> Any:
    response = await server.client.get(path, headers=headers)
    assert response.status == status, (path, await response.text())
    return await response.json()


async def test_a_viewer_sees_shows_of_readable_libraries_and_never_others(
    server: Server, catalogue: Catalogue
) -> None:
    headers = catalogue.viewer.headers
    for path in reads_of(catalogue.a):
        await get(server, path, headers)
    for path in reads_of(catalogue.b):
        await get(server, path, headers, status=404)
    for order in ("created_at", "title", "first_air_date", "vote_average", "popularity"):
        listed = await get(server, f"{TV}?order_by={order}", headers)
        assert [item["id"] for item in listed["items"]] == [str(catalogue.a.id)]
        assert listed["total"] == 1
    recent = await get(server, f"{TV}/recently-added", headers)
    assert [item["id"] for item in recent["items"]] == [str(catalogue.a.id)]
    assert (recent["total"], recent["page"], recent["page_size"]) == (1, 1, 20)


async def test_watch_state_of_an_unreadable_show_is_out_of_reach(
    server: Server, catalogue: Catalogue
) -> None:
    headers, hidden = catalogue.viewer.headers, catalogue.b.episodes[(1, 1)]
    progress = f"{TV}/episodes/{hidden}/progress"
    body = {"progress_seconds": 10, "duration_seconds": 100}
    assert (await server.client.put(progress, json=body, headers=headers)).status == 404
    assert (await server.client.get(progress, headers=headers)).status == 404
    assert (await server.client.delete(progress, headers=headers)).status == 404
    marked = await server.client.post(
        f"{TV}/episodes/bulk-watched", json={"episode_ids": [str(hidden)]}, headers=headers
    )
    assert (await marked.json())["marked_count"] == 0
    season = await server.client.post(
        f"{TV}/seasons/{catalogue.b.seasons[1]}/watched", headers=headers
    )
    assert (await season.json())["marked_count"] == 0


async def test_shapes_of_detail_credits_genres_and_networks(
    server: Server, catalogue: Catalogue
) -> None:
    headers, series = catalogue.viewer.headers, f"{TV}/{catalogue.a.id}"
    show = await get(server, series, headers)
    assert show["vote_average"] == 8.5
    assert show["library_added_at"] == show["created_at"]
    assert "library_id" not in show
    seasons = await get(server, f"{series}/seasons", headers)
    assert [season["season_number"] for season in seasons] == [0, 1, 2]
    episodes = await get(server, f"{TV}/seasons/{catalogue.a.seasons[1]}/episodes", headers)
    assert [episode["episode_number"] for episode in episodes] == [1, 2, 3]
    cast = await get(server, f"{series}/cast", headers)
    assert [c["character"] for c in cast["items"]] == ["Hero"]
    assert (cast["total"], cast["page"], cast["page_size"]) == (1, 1, 50)
    crew = await get(server, f"{series}/crew?limit=10&offset=10", headers)
    assert (crew["items"], crew["total"], crew["page"]) == ([], 1, 2)
    assert [g["slug"] for g in await get(server, f"{series}/genres", headers)] == ["drama"]
    assert [n["name"] for n in await get(server, f"{series}/networks", headers)] == ["Channel"]


async def test_bad_parameters_are_refused(server: Server, catalogue: Catalogue) -> None:
    headers = catalogue.viewer.headers
    for query in ("order_by=rating", "limit=0", "limit=101", "offset=-1", "limit=x"):
        await get(server, f"{TV}?{query}", headers, status=400)
    await get(server, f"{TV}/not-a-uuid/seasons", headers, status=400)
    bulk = await server.client.post(
        f"{TV}/episodes/bulk-watched", json={"episode_ids": []}, headers=headers
    )
    assert bulk.status == 400


async def test_progress_is_saved_read_completed_past_ninety_percent_and_deleted(
    server: Server, catalogue: Catalogue
) -> None:
    headers, episode = catalogue.viewer.headers, catalogue.a.episodes[(1, 1)]
    path = f"{TV}/episodes/{episode}/progress"
    await get(server, path, headers, status=404)
    body = {"progress_seconds": 600, "duration_seconds": 2400}
    saved = await server.client.put(path, json=body, headers=headers)
    assert saved.status == 200
    progress = await saved.json()
    assert (progress["progress_seconds"], progress["is_completed"]) == (600, False)
    assert progress["watched_at"] is None
    body = {"progress_seconds": 2300, "duration_seconds": 2400}
    done = await (await server.client.put(path, json=body, headers=headers)).json()
    assert done["is_completed"] is True
    assert done["id"] == progress["id"]
    assert (await get(server, path, headers))["progress_seconds"] == 2300
    assert (await server.client.delete(path, headers=headers)).status == 204
    await get(server, path, headers, status=404)


async def test_next_episode_follows_what_was_watched(server: Server, catalogue: Catalogue) -> None:
    headers, show = catalogue.viewer.headers, catalogue.a
    path = f"{TV}/{show.id}/next-episode"
    assert (await get(server, path, headers))["id"] == str(show.episodes[(1, 1)])
    body = {"progress_seconds": 2399, "duration_seconds": 2400}
    progress = f"{TV}/episodes/{show.episodes[(1, 1)]}/progress"
    assert (await server.client.put(progress, json=body, headers=headers)).status == 200
    assert (await get(server, path, headers))["id"] == str(show.episodes[(1, 2)])
    stranger = await signed_up(server)
    await get(server, path, stranger.headers, status=404)


async def test_marking_a_season_watched_is_one_statement(
    server: Server, catalogue: Catalogue, statements: Statements
) -> None:
    headers, show = catalogue.viewer.headers, catalogue.a
    statements.clear()
    marked = await server.client.post(f"{TV}/seasons/{show.seasons[1]}/watched", headers=headers)
    assert marked.status == 200
    assert (await marked.json())["marked_count"] == 3
    assert len(statements.writes()) == 1
    next_up = await get(server, f"{TV}/{show.id}/next-episode", headers)
    assert next_up["id"] == str(show.episodes[(2, 1)])

    statements.clear()
    ids = [str(show.episodes[(2, 1)]), str(show.episodes[(2, 2)]), str(show.episodes[(1, 1)])]
    bulk = await server.client.post(
        f"{TV}/episodes/bulk-watched", json={"episode_ids": ids}, headers=headers
    )
    assert (await bulk.json())["marked_count"] == 3
    assert len(statements.writes()) == 1
    await get(server, f"{TV}/{show.id}/next-episode", headers, status=404)
