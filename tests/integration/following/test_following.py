"""Every catalogue write is followed everywhere it shows: scans, refreshes, library deletions
and permission changes reach the catalogue endpoints and every search endpoint at once,
cached answers included, through the app's own wiring and the worker's own handlers."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

import attrs

from revenge_domain.metadata.jobs import RefreshMovieMetadata
from tests.integration.app_server import Account
from tests.integration.following.conftest import App

LIBRARIES = "/api/v1/libraries"
SEARCH = "/api/v1/search"
MULTI_GROUPS = ("movies", "tvshows", "episodes", "seasons", "people")


def media_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "media"
    folder.mkdir()
    return folder


def video(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x1a\x45\xdf\xa3" + bytes(60))  # the Matroska magic, then nothing


async def library(
    app: App, admin: Account, folder: Path, viewer: Account | None = None, kind: str = "movie"
) -> str:
    """A library of `kind` over `folder` (and `viewer` may view it)."""
    body = {"name": f"{kind} {secrets.token_hex(3)}", "type": kind, "paths": [str(folder)]}
    client = app.server.client
    created = await client.post(LIBRARIES, json=body, headers=admin.headers)
    assert created.status == 201, await created.text()
    library_id: str = (await created.json())["id"]
    if viewer is not None:
        grant = {"user_id": str(viewer.user_id), "permission": "view"}
        path = f"{LIBRARIES}/{library_id}/permissions"
        granted = await client.post(path, json=grant, headers=admin.headers)
        assert granted.status == 201, await granted.text()
    return library_id


async def scan(
    app: App, admin: Account, library_id: str, hold: frozenset[str] = frozenset()
) -> None:
    response = await app.server.client.post(
        f"{LIBRARIES}/{library_id}/scan", json={"scan_type": "incremental"}, headers=admin.headers
    )
    assert response.status == 202, await response.text()
    await app.run_jobs(hold)
    scans = await app.get(f"{LIBRARIES}/{library_id}/scans", admin)
    assert scans["scans"][0]["status"] == "completed", scans["scans"][0]


async def listed(app: App, account: Account) -> dict[str, str]:
    """The newest movies `/api/v1/movies` shows `account`: title -> id."""
    body = await app.get("/api/v1/movies", account, limit=100, order_by="added")
    return {m["title"]: m["id"] for m in body["items"]}


async def movie_hits(app: App, account: Account, q: str) -> list[dict[str, Any]]:
    """The documents `/api/v1/search/movies` finds for `account`, from the search engine."""
    response = await app.server.client.get(
        f"{SEARCH}/movies", params={"q": q}, headers=account.headers
    )
    assert response.status == 200, await response.text()
    assert response.headers["X-Search-Backend"] == "typesense"
    return [hit["document"] for hit in (await response.json())["hits"]]


async def searched(app: App, account: Account, q: str) -> set[str]:
    return {document["title"] for document in await movie_hits(app, account, q)}


async def suggested(app: App, account: Account, prefix: str) -> set[str]:
    """The titles `/api/v1/search/movies/autocomplete` suggests to `account`."""
    response = await app.server.client.get(
        f"{SEARCH}/movies/autocomplete", params={"q": prefix}, headers=account.headers
    )
    assert response.status == 200, await response.text()
    assert response.headers["X-Search-Backend"] == "typesense"
    return set((await response.json())["suggestions"])


def typo(title: str) -> str:
    """`title` with its third letter left out."""
    return title[:2] + title[3:]


async def multi(app: App, account: Account, q: str) -> set[str]:
    """The titles and names of every group `/api/v1/search/multi` finds for `account`."""
    response = await app.server.client.get(
        f"{SEARCH}/multi", params={"q": q}, headers=account.headers
    )
    assert response.status == 200, await response.text()
    body: dict[str, Any] = await response.json()
    documents = [hit["document"] for group in MULTI_GROUPS for hit in body[group]["hits"]]
    return {str(d.get("title") or d.get("name")) for d in documents}


async def test_a_scan_and_a_refresh_show_at_once_in_catalogue_and_search(
    app: App, tmp_path: Path
) -> None:
    admin, viewer = await app.account(admin=True), await app.account()
    media = media_folder(tmp_path)
    library_id = await library(app, admin, media, viewer)
    # Answers asked for, and cached, before the scan.
    for account in (admin, viewer):
        assert "Quixotic Lighthouse" not in await listed(app, account)
        assert await searched(app, account, "quixotc lighthose") == set()
        assert await suggested(app, account, "Quixo") == set()
        assert await multi(app, account, "quixotc") == set()
        # Others' copies of the movie may be there for the admin: only this one's id counts.
        await movie_hits(app, account, "22nd century")

    video(media / "Quixotic Lighthouse (2004)" / "Quixotic Lighthouse (2004).mkv")
    video(media / "The Matrix (1999)" / "The Matrix (1999).mkv")
    await scan(app, admin, library_id, hold=frozenset({RefreshMovieMetadata.kind}))

    for account in (admin, viewer):
        titles = await listed(app, account)
        assert {"Quixotic Lighthouse", "The Matrix"} <= set(titles)
        assert "Quixotic Lighthouse" in await searched(app, account, "quixotc lighthose")
        assert "Quixotic Lighthouse" in await suggested(app, account, "Quixo")
        assert "Quixotic Lighthouse" in await multi(app, account, "quixotc")
    matrix = titles["The Matrix"]
    before = await app.get(f"/api/v1/movies/{matrix}", viewer)
    assert not before.get("overview")

    assert app.release(RefreshMovieMetadata.kind)
    await app.run_jobs()

    after = await app.get(f"/api/v1/movies/{matrix}", viewer)
    assert after["overview"].startswith("Set in the 22nd century")
    for account in (admin, viewer):
        found = await movie_hits(app, account, "22nd century")
        assert matrix in {document["id"] for document in found}


@attrs.frozen
class Pair:
    """A scanned library of two movies, its admin and a viewer who may view it. Each test
    names its movies its own way: the database is shared by the whole test session."""

    admin: Account
    viewer: Account
    library_id: str
    titles: tuple[str, str]

    def seen_in(self, found: set[str]) -> set[str]:
        return found & set(self.titles)


async def scanned_pair(app: App, tmp_path: Path, titles: tuple[str, str]) -> Pair:
    admin, viewer = await app.account(admin=True), await app.account()
    media = media_folder(tmp_path)
    library_id = await library(app, admin, media, viewer)
    for title in titles:
        video(media / f"{title} (2004)" / f"{title} (2004).mkv")
    await scan(app, admin, library_id)
    return Pair(admin, viewer, library_id, titles)


async def seen_everywhere(app: App, account: Account, pair: Pair) -> set[str]:
    """Which of the pair's titles `account` sees in the movie list, a movie search with a typo
    and the multi-search (each asked twice: the second answer may come from a cache)."""
    seen: set[str] = set()
    for _ in range(2):
        seen |= set(await listed(app, account))
        for title in pair.titles:
            seen |= await searched(app, account, typo(title))
            seen |= await suggested(app, account, title[:5])
            seen |= await multi(app, account, title.split()[0])
    return pair.seen_in(seen)


async def test_a_deleted_library_leaves_catalogue_and_search_for_everyone(
    app: App, tmp_path: Path
) -> None:
    pair = await scanned_pair(app, tmp_path, ("Marmalade Comet", "Tangerine Fjord"))
    movie_id = (await listed(app, pair.viewer))["Tangerine Fjord"]
    for account in (pair.admin, pair.viewer):
        assert await seen_everywhere(app, account, pair) == set(pair.titles)
        await app.get(f"/api/v1/movies/{movie_id}", account)

    deleted = await app.server.client.delete(
        f"{LIBRARIES}/{pair.library_id}", headers=pair.admin.headers
    )
    assert deleted.status == 204, await deleted.text()
    await app.run_jobs()

    for account in (pair.admin, pair.viewer):
        assert await seen_everywhere(app, account, pair) == set()
        gone = await app.server.client.get(f"/api/v1/movies/{movie_id}", headers=account.headers)
        assert gone.status == 404


async def test_a_revoked_viewer_no_longer_sees_the_library_anywhere(
    app: App, tmp_path: Path
) -> None:
    pair = await scanned_pair(app, tmp_path, ("Obsidian Paddock", "Lantern Quarry"))
    viewer = pair.viewer
    movie_id = (await listed(app, viewer))["Lantern Quarry"]
    assert await seen_everywhere(app, viewer, pair) == set(pair.titles)
    await app.get(f"/api/v1/movies/{movie_id}", viewer)

    revoked = await app.server.client.delete(
        f"{LIBRARIES}/{pair.library_id}/permissions/{viewer.user_id}",
        params={"permission": "view"},
        headers=pair.admin.headers,
    )
    assert revoked.status == 204, await revoked.text()
    await app.run_jobs()

    assert await seen_everywhere(app, viewer, pair) == set()
    hidden = await app.server.client.get(f"/api/v1/movies/{movie_id}", headers=viewer.headers)
    assert hidden.status == 404
    assert await seen_everywhere(app, pair.admin, pair) == set(pair.titles)


async def test_a_removed_file_takes_its_movie_out_of_search_on_rescan(
    app: App, tmp_path: Path
) -> None:
    pair = await scanned_pair(app, tmp_path, ("Cobalt Meridian", "Saffron Viaduct"))
    assert await seen_everywhere(app, pair.viewer, pair) == set(pair.titles)

    (tmp_path / "media" / "Saffron Viaduct (2004)" / "Saffron Viaduct (2004).mkv").unlink()
    await scan(app, pair.admin, pair.library_id)

    for account in (pair.admin, pair.viewer):
        assert await seen_everywhere(app, account, pair) == {"Cobalt Meridian"}


async def people(app: App, account: Account, q: str) -> list[dict[str, Any]]:
    response = await app.server.client.get(
        f"{SEARCH}/multi", params={"q": q}, headers=account.headers
    )
    assert response.status == 200, await response.text()
    assert response.headers["X-Search-Backend"] == "typesense"
    return [hit["document"] for hit in (await response.json())["people"]["hits"]]


async def test_a_deleted_library_leaves_the_people_of_its_titles(app: App, tmp_path: Path) -> None:
    admin, viewer = await app.account(admin=True), await app.account()
    media = media_folder(tmp_path)
    library_id = await library(app, admin, media, viewer)
    video(media / "The Matrix (1999)" / "The Matrix (1999).mkv")
    await scan(app, admin, library_id)
    for account in (admin, viewer):
        found = await people(app, account, "Keanu Reeves")
        assert any(library_id in person["library_ids"] for person in found)

    deleted = await app.server.client.delete(f"{LIBRARIES}/{library_id}", headers=admin.headers)
    assert deleted.status == 204, await deleted.text()
    await app.run_jobs()

    assert await people(app, viewer, "Keanu Reeves") == []
    for person in await people(app, admin, "Keanu Reeves"):
        assert library_id not in person["library_ids"]


async def tv_everywhere(app: App, account: Account, title: str) -> dict[str, int]:
    """How many of the show's series, seasons and episodes `account` sees: the show list,
    the TV search (with a typo) and each multi-search group."""
    shows = await app.get("/api/v1/tvshows", account, limit=100, order_by="created_at")
    response = await app.server.client.get(
        f"{SEARCH}/tvshows", params={"q": typo(title)}, headers=account.headers
    )
    assert response.status == 200, await response.text()
    assert response.headers["X-Search-Backend"] == "typesense"
    searched_shows = (await response.json())["hits"]
    response = await app.server.client.get(
        f"{SEARCH}/multi", params={"q": title, "limit": 20}, headers=account.headers
    )
    body = await response.json()
    seen = {
        "list": sum(1 for show in shows["items"] if show["title"] == title),
        "search": sum(1 for hit in searched_shows if hit["document"]["title"] == title),
    }
    for group in ("tvshows", "seasons", "episodes"):
        documents = [hit["document"] for hit in body[group]["hits"]]
        seen[group] = sum(1 for d in documents if title in (d.get("title"), d.get("series_title")))
    return seen


async def test_a_scanned_show_and_its_episodes_leave_search_with_their_library(
    app: App, tmp_path: Path
) -> None:
    admin, viewer = await app.account(admin=True), await app.account()
    media = media_folder(tmp_path)
    library_id = await library(app, admin, media, viewer, kind="tvshow")
    title = "Periwinkle Harbourmaster"
    for number in (1, 2):
        video(media / title / "Season 01" / f"{title} - S01E0{number}.mkv")
    await scan(app, admin, library_id)

    for account in (admin, viewer):
        seen = await tv_everywhere(app, account, title)
        assert seen == {"list": 1, "search": 1, "tvshows": 1, "seasons": 1, "episodes": 2}

    deleted = await app.server.client.delete(f"{LIBRARIES}/{library_id}", headers=admin.headers)
    assert deleted.status == 204, await deleted.text()
    await app.run_jobs()

    for account in (admin, viewer):
        seen = await tv_everywhere(app, account, title)
        assert seen == {"list": 0, "search": 0, "tvshows": 0, "seasons": 0, "episodes": 0}
