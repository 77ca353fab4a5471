"""Movies with genres, one file each, cast and crew, collections, and the users' progress."""

from __future__ import annotations

import uuid
from datetime import timedelta

from revenge_app.seed import words
from revenge_app.seed.people import Library, Person
from revenge_app.seed.plan import Draw, SeedPlan, Table

CAST_SIZE = (4, 12)
COLLECTION_EVERY = 25  # one movie in this many starts a collection of two to four


def movies(
    draw: Draw, plan: SeedPlan, library: Library, cast: list[Person], user_ids: list[uuid.UUID]
) -> list[Table]:
    movie = Table(
        "movie",
        "movies",
        ("id", "library_id", "title", "original_title", "year", "release_date", "runtime",
         "overview", "tagline", "status", "original_language", "vote_average", "vote_count",
         "popularity", "budget", "revenue", "library_added_at"),
    )  # fmt: skip
    files = Table(
        "movie",
        "movie_files",
        ("id", "movie_id", "file_path", "file_size", "file_name", "resolution", "quality_profile",
         "video_codec", "audio_codec", "container", "duration_seconds", "bitrate_kbps",
         "framerate", "audio_channels", "audio_languages", "subtitle_languages"),
    )  # fmt: skip
    genres = Table("movie", "movie_genres", ("id", "movie_id", "name", "slug"))
    credits = Table(
        "movie",
        "movie_credits",
        ("id", "movie_id", "person_id", "credit_type", "character", "cast_order", "job",
         "department"),
    )  # fmt: skip
    runtimes: list[tuple[uuid.UUID, int]] = []
    folders: set[str] = set()
    for _ in range(plan.movies):
        movie_id, runtime = _movie(draw, plan, library, movie, files, folders)
        genres.rows.extend((draw.uuid(), movie_id, name, slug) for name, slug in draw.genres())
        credits.rows.extend(_credits(draw, movie_id, cast))
        runtimes.append((movie_id, runtime))
    collection, members = _collections(draw, [movie_id for movie_id, _ in runtimes])
    watched = _watched(draw, plan, runtimes, user_ids)
    return [movie, files, genres, credits, collection, members, watched]


def _movie(
    draw: Draw, plan: SeedPlan, library: Library, movie: Table, files: Table, folders: set[str]
) -> tuple[uuid.UUID, int]:
    movie_id, title = draw.uuid(), draw.title()
    year = draw.year(plan.now.year - 1)
    runtime = max(70, min(int(draw.rng.gauss(108, 20)), 240))
    budget = int(draw.rng.lognormvariate(16.5, 1.2))
    movie.rows.append(
        (movie_id, library.id, title, title, year, draw.day_in(year), runtime,
         draw.sentence(title), f"Every {draw.pick(words.NOUNS).lower()} has a price.",
         draw.pick(words.MOVIE_STATUSES), draw.pick(words.LANGUAGES), draw.vote_average(),
         draw.vote_count(), draw.popularity(), budget, int(budget * draw.rng.uniform(0.2, 6)),
         plan.now - timedelta(minutes=int(draw.rng.random() * 525_600))),
    )  # fmt: skip
    folder = f"{title} ({year})"
    while folder in folders:
        folder = f"{title} ({year}) {draw.rng.randint(2, 9_999)}"
    folders.add(folder)
    resolution, container = draw.pick(words.RESOLUTIONS), draw.pick(words.CONTAINERS)
    name = f"{folder} - {resolution}.{container}"
    bitrate = {"2160p": 40_000, "1080p": 10_000, "720p": 5_000}.get(resolution, 2_000)
    files.rows.append(
        (draw.uuid(), movie_id, f"{library.path}/{folder}/{name}", bitrate * 125 * runtime * 60,
         name, resolution, f"Bluray-{resolution}", draw.pick(words.VIDEO_CODECS),
         draw.pick(words.AUDIO_CODECS), container, runtime * 60, bitrate,
         draw.pick((23.976, 24.0, 25.0)), draw.pick(words.AUDIO_CHANNELS), ["en"], ["en", "fr"]),
    )  # fmt: skip
    return movie_id, runtime


def _credits(draw: Draw, movie_id: uuid.UUID, cast: list[Person]) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for order in range(draw.rng.randint(*CAST_SIZE)):
        actor = cast[draw.popular(len(cast))]
        role = f"{draw.pick(words.ROLES)} {draw.pick(words.LAST_NAMES)}"
        rows.append((draw.uuid(), movie_id, actor.id, "cast", role, order, None, None))
    for job, department in words.CREW[: draw.rng.randint(2, len(words.CREW))]:
        person = cast[draw.popular(len(cast))]
        rows.append((draw.uuid(), movie_id, person.id, "crew", None, None, job, department))
    return rows


def _collections(draw: Draw, movie_ids: list[uuid.UUID]) -> tuple[Table, Table]:
    collections = Table("movie", "movie_collections", ("id", "name", "overview"))
    members = Table(
        "movie", "movie_collection_members", ("id", "collection_id", "movie_id", "collection_order")
    )
    for start in range(0, len(movie_ids) - 1, COLLECTION_EVERY):
        collection_id, name = draw.uuid(), f"{draw.title()} Collection"
        collections.rows.append((collection_id, name, draw.sentence(name)))
        part = movie_ids[start : start + draw.rng.randint(2, 4)]
        members.rows.extend(
            (draw.uuid(), collection_id, movie_id, order) for order, movie_id in enumerate(part, 1)
        )
    return collections, members


def _watched(
    draw: Draw, plan: SeedPlan, runtimes: list[tuple[uuid.UUID, int]], user_ids: list[uuid.UUID]
) -> Table:
    table = Table(
        "movie",
        "movie_watched",
        ("id", "user_id", "movie_id", "progress_seconds", "duration_seconds", "is_completed",
         "last_watched_at", "completed_at", "watch_count"),
    )  # fmt: skip
    for user_id in user_ids:
        count = min(len(runtimes), draw.rng.randint(5, 60))
        for movie_id, runtime in draw.rng.sample(runtimes, count):
            duration = runtime * 60
            done = draw.rng.random() < 0.6
            seen = plan.now - timedelta(minutes=int(draw.rng.expovariate(1 / 20_000)))
            progress = duration if done else int(duration * draw.rng.uniform(0.02, 0.9))
            table.rows.append(
                (draw.uuid(), user_id, movie_id, progress, duration, done, seen,
                 seen if done else None, draw.rng.randint(1, 3) if done else 0),
            )  # fmt: skip
    return table
