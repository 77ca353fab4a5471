from __future__ import annotations

import itertools
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from revenge_app.seed import SeedPlan, Table, generate
from revenge_app.seed.words import GENRES

PLAN = SeedPlan(
    movies=40,
    series=5,
    episodes_per_series=12,
    users=3,
    seed=7,
    movie_root=Path("/srv/movies"),
    tv_root=Path("/srv/tv"),
    password_hash="$argon2id$stub",
)


def by_name(tables: list[Table]) -> dict[str, Table]:
    return {table.qualified: table for table in tables}


def column(table: Table, name: str) -> list[Any]:
    index = table.columns.index(name)
    return [row[index] for row in table.rows]


def test_same_plan_gives_the_same_rows() -> None:
    first, again = generate(PLAN), generate(PLAN)
    assert [t.rows for t in first] == [t.rows for t in again]


def test_another_seed_gives_other_rows() -> None:
    first = by_name(generate(PLAN))
    other = by_name(generate(attrs.evolve(PLAN, seed=8)))
    assert column(first["movie.movies"], "title") != column(other["movie.movies"], "title")


def test_counts_follow_the_plan() -> None:
    tables = by_name(generate(PLAN))
    assert len(tables["movie.movies"].rows) == 40
    assert len(tables["movie.movie_files"].rows) == 40
    assert len(tables["tvshow.series"].rows) == 5
    assert len(tables["tvshow.episodes"].rows) == 60
    assert len(tables["tvshow.episode_files"].rows) == 60
    assert len(tables["shared.users"].rows) == 3
    assert column(tables["shared.user_roles"], "role") == ["user"] * 3
    assert column(tables["public.library_permissions"], "permission") == ["view"] * 6
    assert column(tables["public.libraries"], "name") == ["Seeded movies", "Seeded TV"]


def test_every_table_has_rows_and_columns_match_rows() -> None:
    for table in generate(PLAN):
        assert table.rows, table.qualified
        assert {len(row) for row in table.rows} == {len(table.columns)}, table.qualified


def test_values_stay_in_realistic_ranges() -> None:
    tables = by_name(generate(SeedPlan(movies=500, series=0, users=0, seed=1)))
    movies = tables["movie.movies"]
    assert all(1930 <= year <= 2025 for year in column(movies, "year"))
    assert all(70 <= minutes <= 240 for minutes in column(movies, "runtime"))
    averages = column(movies, "vote_average")
    assert all(Decimal("1.0") <= value <= Decimal("9.8") for value in averages)
    votes = sorted(column(movies, "vote_count"))
    # Skewed: the median is far below the top.
    assert votes[-1] > 10 * votes[len(votes) // 2]
    slugs = set(column(tables["movie.movie_genres"], "slug"))
    assert slugs <= {slug for _, slug in GENRES}


def test_references_point_at_generated_rows() -> None:
    tables = by_name(generate(PLAN))
    movie_ids = set(column(tables["movie.movies"], "id"))
    episode_ids = set(column(tables["tvshow.episodes"], "id"))
    people = set(column(tables["shared.people"], "id"))
    users = set(column(tables["shared.users"], "id"))
    assert set(column(tables["movie.movie_credits"], "person_id")) <= people
    assert set(column(tables["movie.movie_watched"], "movie_id")) <= movie_ids
    assert set(column(tables["movie.movie_watched"], "user_id")) == users
    assert set(column(tables["tvshow.episode_watched"], "episode_id")) <= episode_ids
    paths = column(tables["movie.movie_files"], "file_path")
    assert len(set(paths)) == len(paths)
    assert all(str(path).startswith("/srv/movies/") for path in paths)


def test_seasons_split_the_episodes_and_air_in_order() -> None:
    tables = by_name(generate(PLAN))
    seasons = tables["tvshow.seasons"]
    assert sum(column(seasons, "episode_count")) == 60
    episodes = tables["tvshow.episodes"]
    keys = list(zip(column(episodes, "series_id"), column(episodes, "air_date"), strict=True))
    for (series, aired), (next_series, next_aired) in itertools.pairwise(keys):
        assert series != next_series or aired < next_aired


def test_progress_is_within_the_duration() -> None:
    tables = by_name(generate(PLAN))
    watched = tables["movie.movie_watched"]
    for row in watched.rows:
        progress, duration, done = row[3], row[4], row[5]
        assert 0 <= progress <= duration
        assert done == (progress == duration)
    assert all(at <= PLAN.now for at in column(watched, "last_watched_at"))
