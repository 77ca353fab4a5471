from __future__ import annotations

import io
from pathlib import Path

import asyncpg
import pytest

from revenge_app.cli.migrate import Progress
from revenge_app.cli.seed import seed
from revenge_app.seed import SeedPlan
from revenge_app.seed.writer import AlreadySeeded

TABLES = (
    "public.libraries", "public.library_permissions", "shared.people", "shared.users",
    "shared.user_roles", "movie.movies", "movie.movie_files", "movie.movie_genres",
    "movie.movie_credits", "movie.movie_collections", "movie.movie_collection_members",
    "movie.movie_watched", "tvshow.networks", "tvshow.series", "tvshow.seasons",
    "tvshow.episodes", "tvshow.episode_files", "tvshow.series_genres", "tvshow.series_credits",
    "tvshow.series_networks", "tvshow.episode_watched",
)  # fmt: skip


def small_plan(root: Path) -> SeedPlan:
    return SeedPlan(
        movies=30,
        series=4,
        episodes_per_series=6,
        users=3,
        seed=3,
        movie_root=root / "movies",
        tv_root=root / "tv",
    )


async def test_seed_fills_every_table_and_grants_the_users(
    empty_pg_url: str, tmp_path: Path
) -> None:
    counts = await seed(empty_pg_url, small_plan(tmp_path), Progress(21, io.StringIO()))

    assert (tmp_path / "movies").is_dir()
    assert (tmp_path / "tv").is_dir()
    connection = await asyncpg.connect(empty_pg_url)
    try:
        for table in TABLES:
            stored = await connection.fetchval(f"SELECT count(*) FROM {table}")
            assert stored == counts[table] > 0, table
        assert await connection.fetchval("SELECT count(*) FROM tvshow.episodes") == 24
        roles = await connection.fetch("SELECT role FROM shared.user_roles")
        assert [row["role"] for row in roles] == ["user"] * 3
        grants = await connection.fetch(
            "SELECT l.name, p.permission, count(*) AS users FROM public.library_permissions p"
            " JOIN public.libraries l ON l.id = p.library_id GROUP BY 1, 2"
        )
        assert {tuple(row) for row in grants} == {
            ("Seeded movies", "view", 3),
            ("Seeded TV", "view", 3),
        }
        hash_ = await connection.fetchval("SELECT password_hash FROM shared.users LIMIT 1")
        assert hash_.startswith("$argon2id$")
    finally:
        await connection.close()


async def test_seeding_twice_is_refused_and_adds_nothing(empty_pg_url: str, tmp_path: Path) -> None:
    plan = small_plan(tmp_path)
    first = await seed(empty_pg_url, plan, Progress(21, io.StringIO()))

    with pytest.raises(AlreadySeeded):
        await seed(empty_pg_url, plan, Progress(21, io.StringIO()))

    connection = await asyncpg.connect(empty_pg_url)
    try:
        assert (
            await connection.fetchval("SELECT count(*) FROM movie.movies") == first["movie.movies"]
        )
    finally:
        await connection.close()


async def test_seeded_tables_have_planner_statistics_at_once(
    empty_pg_url: str, tmp_path: Path
) -> None:
    counts = await seed(empty_pg_url, small_plan(tmp_path), Progress(21, io.StringIO()))

    connection = await asyncpg.connect(empty_pg_url)
    try:
        # reltuples is -1 until a table is first vacuumed or analysed (then its row count).
        rows = await connection.fetch(
            "SELECT n.nspname || '.' || c.relname AS name, c.reltuples::int AS estimate"
            " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE c.relkind = 'r'"
        )
        estimates = {row["name"]: row["estimate"] for row in rows}
        assert {table: estimates[table] for table in TABLES} == {
            table: counts[table] for table in TABLES
        }
    finally:
        await connection.close()
