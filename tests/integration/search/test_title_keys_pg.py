"""The title word index on PostgreSQL: folded as Python folds, kept in step with the titles by
triggers, built for the titles already there by its migration."""

from __future__ import annotations

import secrets
from uuid import UUID

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.movies.search import PgMovieSearch
from revenge_adapters.postgres import migrate
from revenge_domain.libraries import ALL
from revenge_domain.search.relevance import ONE_TYPO_FROM, fold, title_words

SAMPLES = (
    "Amélie",
    "ÉCOLE — Spider-Man: Homecoming",
    "Ⅻ ½ ² Ωmega ŒUVRE",
    "МАТРИЦА Перезагрузка",
    "İstanbul A\u011f\u0131t",
    "naïve\u00a0café  x-men_2",
    "千と千尋の神隠し",
    "!!!",
)


async def test_the_database_folds_titles_as_python_does(connection: asyncpg.Connection) -> None:
    for sample in SAMPLES:
        assert await connection.fetchval("SELECT shared.fold_title($1)", sample) == fold(sample)


async def test_a_title_gives_its_words_and_their_deletions(connection: asyncpg.Connection) -> None:
    title, original = "Spider-Man: Into the Spider-Verse", "Amélie"
    rows = await connection.fetch(
        "SELECT deletion, key, word FROM shared.title_keys(ARRAY[$1, $2])", title, original
    )
    held = title_words(title) | title_words(original)
    deletions = {
        (word[:i] + word[i + 1 :], word)
        for word in held
        if len(word) >= ONE_TYPO_FROM
        for i in range(len(word))
    }
    assert {(r["key"], r["word"]) for r in rows if not r["deletion"]} == {(w, w) for w in held}
    assert {(r["key"], r["word"]) for r in rows if r["deletion"]} == deletions


async def _library(connection: asyncpg.Connection) -> UUID:
    library_id: UUID = await connection.fetchval(
        "INSERT INTO public.libraries (name, type, paths) VALUES ($1, 'movie', '{/media}') "
        "RETURNING id",
        f"Keys {secrets.token_hex(4)}",
    )
    return library_id


async def test_renaming_a_movie_moves_it_in_the_search(
    connection: asyncpg.Connection, sessions: async_sessionmaker[AsyncSession]
) -> None:
    word = f"zq{secrets.token_hex(3)}"  # a word no other test's title holds
    movie_id = await connection.fetchval(
        "INSERT INTO movie.movies (library_id, title) VALUES ($1, $2) RETURNING id::text",
        await _library(connection),
        f"Old {word}",
    )
    search = PgMovieSearch(sessions)
    assert [str(m.id) for m in await search.search(ALL, f"{word[:-1]}x", 10, 0)] == [movie_id]
    await connection.execute(
        "UPDATE movie.movies SET title = 'Brand New', original_title = $2 WHERE id = $1::uuid",
        movie_id,
        f"Autre {word}",
    )
    assert [str(m.id) for m in await search.search(ALL, f"autre {word}", 10, 0)] == [movie_id]
    await connection.execute(
        "UPDATE movie.movies SET original_title = NULL WHERE id = $1::uuid", movie_id
    )
    assert await search.search(ALL, f"{word[:-1]}x", 10, 0) == []
    await connection.execute("DELETE FROM movie.movies WHERE id = $1::uuid", movie_id)
    keys = "SELECT count(*) FROM movie.movie_title_keys WHERE title_id = $1::uuid"
    assert await connection.fetchval(keys, movie_id) == 0


async def test_the_migration_indexes_the_titles_already_there(empty_pg_url: str) -> None:
    await migrate.upgrade(empty_pg_url, "0022")
    connection = await asyncpg.connect(empty_pg_url)
    try:
        library_id = await _library(connection)
        movie_id = await connection.fetchval(
            "INSERT INTO movie.movies (library_id, title) VALUES ($1, 'Le Fabuleux Destin')"
            " RETURNING id",
            library_id,
        )
        series_id = await connection.fetchval(
            "INSERT INTO tvshow.series (library_id, title, original_title)"
            " VALUES ($1, 'Dark', 'Dunkel') RETURNING id",
            library_id,
        )
        await migrate.upgrade(empty_pg_url)
        movie_words = await connection.fetch(
            "SELECT key FROM movie.movie_title_keys WHERE title_id = $1 AND NOT deletion",
            movie_id,
        )
        series_words = await connection.fetch(
            "SELECT key FROM tvshow.series_title_keys WHERE title_id = $1 AND NOT deletion",
            series_id,
        )
    finally:
        await connection.close()
    assert {r["key"] for r in movie_words} == {"le", "fabuleux", "destin"}
    assert {r["key"] for r in series_words} == {"dark", "dunkel"}
