"""Catalogue rows become the six collections' documents, imported into the real Typesense."""

from __future__ import annotations

import secrets
from typing import Any
from uuid import UUID

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.search import TypesenseSearchIndex
from revenge_adapters.search.documents import PgSearchDocuments
from revenge_domain.ports.catalog_changes import Entity
from revenge_domain.search import OneOf, SearchQuery
from revenge_domain.search.indexing import COLLECTION_OF
from tests.integration.search_indexing import rows


async def one(documents: PgSearchDocuments, entity: Entity, row_id: UUID) -> dict[str, Any]:
    found = await documents.documents(entity, [row_id])
    assert len(found) == 1
    return dict(found[0])


async def imported(index: TypesenseSearchIndex, entity: Entity, document: Any) -> None:
    result = await index.upsert(COLLECTION_OF[entity], [document])
    assert (result.imported, result.errors) == (1, ())


async def test_a_movie_document_carries_its_library_genres_people_and_file(
    connection: asyncpg.Connection,
    sessions: async_sessionmaker[AsyncSession],
    index: TypesenseSearchIndex,
) -> None:
    film = await rows.film(connection, f"The Matrix {secrets.token_hex(2)}")
    documents = PgSearchDocuments(sessions)

    movie = await one(documents, Entity.MOVIE, film.movie_id)

    assert movie["id"] == str(film.movie_id)
    assert movie["library_id"] == str(film.library_id)
    assert movie["year"] == 1999
    assert movie["release_date"] == 922838400
    assert movie["popularity"] == 55.5
    assert movie["genres"] == ["Action", "Science Fiction"]
    assert movie["genre_slugs"] == ["action", "science-fiction"]
    assert movie["cast"][0].startswith("Actor ")
    assert movie["directors"][0].startswith("Director ")
    assert (movie["has_file"], movie["resolution"], movie["quality_profile"]) == (
        True,
        "1080p",
        "HD",
    )
    assert "tmdb_id" not in movie  # empty optional values are left out
    await imported(index, Entity.MOVIE, movie)
    found = await index.search(
        "movies",
        SearchQuery(
            q="matirx",
            query_by=("title",),
            filter_by=OneOf("library_id", (str(film.library_id),)),
        ),
    )
    assert [hit.document["id"] for hit in found.hits] == [str(film.movie_id)]


async def test_series_seasons_and_episodes_carry_the_library_and_the_series(
    connection: asyncpg.Connection,
    sessions: async_sessionmaker[AsyncSession],
    index: TypesenseSearchIndex,
) -> None:
    show = await rows.show(connection, f"Breaking Bad {secrets.token_hex(2)}")
    documents = PgSearchDocuments(sessions)

    series = await one(documents, Entity.SERIES, show.series_id)
    season = await one(documents, Entity.SEASON, show.season_ids[1])
    episodes = await documents.documents(Entity.EPISODE, show.episode_ids)

    assert series["library_id"] == str(show.library_id)
    assert (series["year"], series["networks"], series["genres"]) == (2008, ["AMC"], ["Drama"])
    assert series["cast"] == [
        await connection.fetchval("SELECT name FROM shared.people WHERE id = $1", show.person_id)
    ]
    assert series["has_file"] is True
    assert (series["total_seasons"], series["total_episodes"]) == (2, 4)
    assert season["library_id"] == str(show.library_id)
    assert season["series_id"] == str(show.series_id)
    assert season["series_title"].startswith("Breaking Bad")
    assert season["series_poster_path"] == "/series.jpg"
    assert (season["season_number"], season["episode_count"]) == (2, 2)
    assert season["air_date"] == 1200787200
    assert len(episodes) == 4
    by_id = {document["id"]: document for document in episodes}
    first = by_id[str(show.episode_ids[0])]
    assert first["library_id"] == str(show.library_id)
    assert first["series_title"] == series["title"]
    assert first["series_poster_path"] == "/series.jpg"
    assert first["season_id"] == str(show.season_ids[0])
    assert first["has_file"] is True
    assert by_id[str(show.episode_ids[1])]["has_file"] is False
    await imported(index, Entity.SERIES, series)
    await imported(index, Entity.SEASON, season)
    result = await index.upsert("episodes", episodes)
    assert (result.imported, result.errors) == (4, ())


async def test_a_person_counts_credits_and_lists_titles_and_libraries(
    connection: asyncpg.Connection,
    sessions: async_sessionmaker[AsyncSession],
    index: TypesenseSearchIndex,
) -> None:
    film = await rows.film(connection, "Heat")
    show = await rows.show(connection, "Oz")
    await connection.execute(
        "INSERT INTO tvshow.series_credits (series_id, person_id, tmdb_person_id, name, "
        "credit_type, character) VALUES ($1, $2, 1, 'x', 'cast', 'Guest')",
        show.series_id,
        film.person_id,
    )
    documents = PgSearchDocuments(sessions)

    person = await one(documents, Entity.PERSON, film.person_id)

    assert sorted(person["library_ids"]) == sorted([str(film.library_id), str(show.library_id)])
    assert (person["movie_count"], person["tvshow_count"], person["total_credits"]) == (1, 1, 2)
    film_library, show_library = str(film.library_id), str(show.library_id)
    # The more popular title first; each title and character with its library.
    assert person["library_known_for"] == [f"{show_library}:Oz", f"{film_library}:Heat"]
    assert sorted(person["library_characters"]) == sorted(
        [f"{show_library}:Guest", f"{film_library}:Neo"]
    )
    assert "known_for" not in person
    assert person["departments"] == ["Acting"]
    await imported(index, Entity.PERSON, person)
    hidden = await index.search(
        "people",
        SearchQuery(q=person["name"], query_by=("name",), filter_by=OneOf("library_ids", ("x",))),
    )
    assert hidden.found == 0


async def test_a_user_document_says_who_is_an_admin(
    connection: asyncpg.Connection,
    sessions: async_sessionmaker[AsyncSession],
    index: TypesenseSearchIndex,
) -> None:
    name = f"ada{secrets.token_hex(3)}"
    plain = await rows.user(connection, name)
    by_role = await rows.user(connection, f"bob{secrets.token_hex(3)}")
    await connection.execute(
        "INSERT INTO shared.user_roles (user_id, role) VALUES ($1, 'admin')", by_role
    )
    documents = PgSearchDocuments(sessions)

    user = await one(documents, Entity.USER, plain)

    assert (user["username"], user["email"]) == (name, f"{name}@example.com")
    assert (user["is_active"], user["is_admin"]) == (True, False)
    assert isinstance(user["created_at"], int)
    assert "last_login_at" not in user
    assert (await one(documents, Entity.USER, by_role))["is_admin"] is True
    await imported(index, Entity.USER, user)


async def test_gone_rows_give_no_document_and_related_ids_are_found(
    connection: asyncpg.Connection, sessions: async_sessionmaker[AsyncSession]
) -> None:
    film = await rows.film(connection, "Gone")
    show = await rows.show(connection, "Related")
    documents = PgSearchDocuments(sessions)
    await connection.execute(
        "UPDATE movie.movies SET deleted_at = now() WHERE id = $1", film.movie_id
    )

    assert await documents.documents(Entity.MOVIE, [film.movie_id]) == []
    people = await documents.related(Entity.MOVIE, [film.movie_id])
    assert film.person_id in people[Entity.PERSON]
    related = await documents.related(Entity.SERIES, [show.series_id])
    assert related[Entity.SEASON] == set(show.season_ids)
    assert related[Entity.EPISODE] == set(show.episode_ids)
    assert related[Entity.PERSON] == {show.person_id}
    assert await documents.related(Entity.EPISODE, show.episode_ids[:1]) == {
        Entity.SERIES: {show.series_id}
    }


async def test_every_document_pages_through_the_whole_collection(
    connection: asyncpg.Connection, sessions: async_sessionmaker[AsyncSession]
) -> None:
    library_id = await rows.library(connection, "movie")
    for n in range(5):
        await rows.film(connection, f"Paged {n}", library_id)
    documents = PgSearchDocuments(sessions)
    total = await connection.fetchval("SELECT count(*) FROM movie.movies WHERE deleted_at IS NULL")

    batches = [batch async for batch in documents.every_document(Entity.MOVIE, 2)]

    assert all(len(batch) <= 2 for batch in batches)
    ids = [document["id"] for batch in batches for document in batch]
    assert len(ids) == len(set(ids)) == total
