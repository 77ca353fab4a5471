"""Test data written straight to PostgreSQL: libraries with movies, genres, files, credits."""

from __future__ import annotations

import secrets
import uuid
from uuid import UUID

import asyncpg
import attrs


@attrs.frozen
class Shelf:
    """One library and the movies put in it."""

    library_id: UUID
    movie_ids: tuple[UUID, ...]


async def shelf(
    connection: asyncpg.Connection, movies: int, collection: UUID | None = None
) -> Shelf:
    """A movie library holding `movies` movies, each with two genres, a file, a cast member
    and a crew member (and a place in `collection` when given)."""
    library_id = await connection.fetchval(
        "INSERT INTO public.libraries (name, type, paths) VALUES ($1, 'movie', '{/media}') "
        "RETURNING id",
        f"Movies {secrets.token_hex(4)}",
    )
    person = await connection.fetchval(
        "INSERT INTO shared.people (name) VALUES ($1) RETURNING id", "Ada Actor"
    )
    ids = []
    for number in range(movies):
        movie_id = uuid.uuid4()
        ids.append(movie_id)
        await connection.execute(
            "INSERT INTO movie.movies (id, library_id, title, year, vote_average, vote_count) "
            "VALUES ($1, $2, $3, 2000 + $4, 7.5, 500)",
            movie_id,
            library_id,
            f"Film {number} {secrets.token_hex(2)}",
            number,
        )
        await connection.execute(
            "INSERT INTO movie.movie_genres (movie_id, name, slug) VALUES "
            "($1, 'Action', 'action'), ($1, 'Science Fiction', 'science-fiction')",
            movie_id,
        )
        await connection.execute(
            "INSERT INTO movie.movie_files (movie_id, file_path, file_size, file_name, container) "
            "VALUES ($1, $2, 1000, 'film.mkv', 'mkv')",
            movie_id,
            f"/media/{movie_id}/film.mkv",
        )
        await connection.execute(
            "INSERT INTO movie.movie_credits (movie_id, person_id, credit_type, character, "
            "cast_order) VALUES ($1, $2, 'cast', 'Hero', 0)",
            movie_id,
            person,
        )
        await connection.execute(
            "INSERT INTO movie.movie_credits (movie_id, person_id, credit_type, job, department) "
            "VALUES ($1, $2, 'crew', 'Director', 'Directing')",
            movie_id,
            person,
        )
        if collection is not None:
            await connection.execute(
                "INSERT INTO movie.movie_collection_members (collection_id, movie_id, "
                "collection_order) VALUES ($1, $2, $3)",
                collection,
                movie_id,
                number + 1,
            )
    return Shelf(library_id, tuple(ids))


async def collection(connection: asyncpg.Connection) -> UUID:
    collection_id: UUID = await connection.fetchval(
        "INSERT INTO movie.movie_collections (name) VALUES ('The Saga') RETURNING id"
    )
    return collection_id


async def grant_view(connection: asyncpg.Connection, library_id: UUID, user_id: UUID) -> None:
    await connection.execute(
        "INSERT INTO public.library_permissions (library_id, user_id, permission) "
        "VALUES ($1, $2, 'view')",
        library_id,
        user_id,
    )
