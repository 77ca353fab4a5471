"""Movie and series texts in the caller's language over HTTP: the saved preference, else the
first Accept-Language tag, else English; missing texts fall back to English, then the original
language, then the plain columns. Cached answers never cross languages."""

from __future__ import annotations

import json
import secrets
from typing import Any
from uuid import UUID

import asyncpg

from revenge_domain.catalog_cache import CatalogCacheFollower
from revenge_domain.ports.catalog_changes import Entity
from tests.integration.app_server import Account, Server, signed_up
from tests.integration.cache.helpers import value_becomes
from tests.integration.movies.catalog import grant_view

MOVIES, TV = "/api/v1/movies", "/api/v1/tvshows"
GERMAN = {"title": "Das Leben der Anderen", "overview": "Ost-Berlin, 1984.", "tagline": "Stasi."}
ENGLISH = {"title": "The Lives of Others", "overview": "East Berlin, 1984.", "tagline": "Spies."}


def texts(language_texts: dict[str, dict[str, str]], field: str) -> str:
    return json.dumps({language: values[field] for language, values in language_texts.items()})


async def library(connection: asyncpg.Connection, kind: str) -> UUID:
    library_id: UUID = await connection.fetchval(
        "INSERT INTO public.libraries (name, type) VALUES ($1, $2) RETURNING id",
        f"Shelf {secrets.token_hex(4)}",
        kind,
    )
    return library_id


async def movie(
    connection: asyncpg.Connection,
    library_id: UUID,
    title: str,
    original_language: str,
    localised: dict[str, dict[str, str]],
) -> UUID:
    movie_id: UUID = await connection.fetchval(
        "INSERT INTO movie.movies (library_id, title, overview, tagline, original_language,"
        " titles_i18n, overviews_i18n, taglines_i18n, vote_average, vote_count)"
        " VALUES ($1, $2, 'plain overview', 'plain tagline', $3, $4, $5, $6, 8, 100)"
        " RETURNING id",
        library_id,
        title,
        original_language,
        texts(localised, "title"),
        texts(localised, "overview"),
        texts(localised, "tagline"),
    )
    return movie_id


async def got(server: Server, account: Account, path: str, language: str | None = None) -> Any:
    headers = dict(account.headers)
    if language is not None:
        headers["Accept-Language"] = language
    response = await server.client.get(path, headers=headers)
    assert response.status == 200, await response.text()
    return await response.json()


def shown(body: dict[str, Any]) -> dict[str, str]:
    return {field: body[field] for field in ("title", "overview", "tagline")}


async def viewer(server: Server, connection: asyncpg.Connection, library_id: UUID) -> Account:
    await signed_up(server, admin=True)
    account = await signed_up(server)
    await grant_view(connection, library_id, account.user_id)
    return account


async def test_movie_detail_follows_the_requested_language_and_falls_back(
    server: Server, connection: asyncpg.Connection
) -> None:
    shelf = await library(connection, "movie")
    both = await movie(connection, shelf, "Plain", "de", {"de": GERMAN, "en": ENGLISH})
    japanese = await movie(connection, shelf, "Plain JP", "ja", {"ja": {**GERMAN, "title": "JP"}})
    bare = await movie(connection, shelf, "Plain Only", "fr", {})
    me = await viewer(server, connection, shelf)

    assert shown(await got(server, me, f"{MOVIES}/{both}", "de-DE,de;q=0.9,en;q=0.8")) == GERMAN
    assert shown(await got(server, me, f"{MOVIES}/{both}", "en-US")) == ENGLISH
    assert shown(await got(server, me, f"{MOVIES}/{both}", "fr")) == ENGLISH
    assert shown(await got(server, me, f"{MOVIES}/{both}")) == ENGLISH
    assert (await got(server, me, f"{MOVIES}/{japanese}", "fr"))["title"] == "JP"
    assert shown(await got(server, me, f"{MOVIES}/{bare}", "de")) == {
        "title": "Plain Only",
        "overview": "plain overview",
        "tagline": "plain tagline",
    }


async def test_movie_lists_are_localised_and_cached_per_language(
    server: Server, connection: asyncpg.Connection
) -> None:
    shelf = await library(connection, "movie")
    await movie(connection, shelf, "Plain", "de", {"de": GERMAN, "en": ENGLISH})
    me = await viewer(server, connection, shelf)

    for path in (f"{MOVIES}?limit=10", f"{MOVIES}/recently-added", f"{MOVIES}/top-rated"):
        german = await got(server, me, path, "de")
        english = await got(server, me, path, "en")
        german_again = await got(server, me, path, "de-CH")
        assert [item["title"] for item in german["items"]] == [GERMAN["title"]], path
        assert [item["title"] for item in english["items"]] == [ENGLISH["title"]], path
        assert german_again == german


async def test_a_saved_language_goes_before_accept_language_and_follows_changes(
    server: Server, connection: asyncpg.Connection, worker: CatalogCacheFollower
) -> None:
    shelf = await library(connection, "movie")
    film = await movie(connection, shelf, "Plain", "de", {"de": GERMAN, "en": ENGLISH})
    me = await viewer(server, connection, shelf)
    await connection.execute(
        "INSERT INTO shared.user_preferences (user_id, metadata_language) VALUES ($1, 'de')",
        me.user_id,
    )
    assert (await got(server, me, f"{MOVIES}/{film}", "en"))["title"] == GERMAN["title"]

    await connection.execute(
        "UPDATE shared.user_preferences SET metadata_language = 'en' WHERE user_id = $1",
        me.user_id,
    )
    await worker.changed(Entity.USER, [me.user_id])

    async def title() -> str:
        return str((await got(server, me, f"{MOVIES}/{film}", "de"))["title"])

    await value_becomes(title, ENGLISH["title"])


async def test_series_detail_and_lists_are_localised(
    server: Server, connection: asyncpg.Connection
) -> None:
    shelf = await library(connection, "tvshow")
    series_id = await connection.fetchval(
        "INSERT INTO tvshow.series (library_id, title, overview, tagline, original_language,"
        " titles_i18n, overviews_i18n, taglines_i18n)"
        " VALUES ($1, 'Plain', 'plain', 'plain', 'de', $2, $3, $4) RETURNING id",
        shelf,
        texts({"de": GERMAN, "en": ENGLISH}, "title"),
        texts({"de": GERMAN, "en": ENGLISH}, "overview"),
        texts({"de": GERMAN, "en": ENGLISH}, "tagline"),
    )
    me = await viewer(server, connection, shelf)

    assert shown(await got(server, me, f"{TV}/{series_id}", "de-AT")) == GERMAN
    assert shown(await got(server, me, f"{TV}/{series_id}", "es")) == ENGLISH
    for path in (f"{TV}?limit=10", f"{TV}/recently-added"):
        german = await got(server, me, path, "de")
        english = await got(server, me, path, "en")
        assert [shown(item) for item in german["items"]] == [GERMAN], path
        assert [shown(item) for item in english["items"]] == [ENGLISH], path
