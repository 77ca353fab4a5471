"""Series with seasons, weekly episodes and their files, genres, cast, networks and progress."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal

from revenge_app.seed import words
from revenge_app.seed.people import Library, Person
from revenge_app.seed.plan import Draw, Row, SeedPlan, Table

EPISODE_COLUMNS = (
    "id", "series_id", "season_id", "season_number", "episode_number", "title", "overview",
    "air_date", "runtime", "vote_average", "vote_count", "production_code",
)  # fmt: skip
FILE_COLUMNS = (
    "id", "episode_id", "file_path", "file_name", "file_size", "container", "resolution",
    "quality_profile", "video_codec", "audio_codec", "bitrate_kbps", "duration_seconds",
    "audio_languages", "subtitle_languages",
)  # fmt: skip
SERIES_COLUMNS = (
    "id", "library_id", "title", "original_title", "overview", "tagline", "original_language",
    "status", "type", "first_air_date", "last_air_date", "vote_average", "vote_count",
    "popularity", "total_seasons", "total_episodes",
)  # fmt: skip
CREDIT_COLUMNS = (
    "id", "series_id", "person_id", "tmdb_person_id", "name", "credit_type", "character",
    "cast_order", "job", "department",
)  # fmt: skip
# Series credits keep the provider's person number; seeded people get numbers far from real ones.
PERSON_NUMBER_BASE = 900_000_000


def tvshows(
    draw: Draw, plan: SeedPlan, library: Library, cast: list[Person], user_ids: list[uuid.UUID]
) -> list[Table]:
    series = Table("tvshow", "series", SERIES_COLUMNS)
    seasons = Table(
        "tvshow",
        "seasons",
        ("id", "series_id", "season_number", "name", "overview", "episode_count", "air_date",
         "vote_average"),
    )  # fmt: skip
    episodes = Table("tvshow", "episodes", EPISODE_COLUMNS)
    files = Table("tvshow", "episode_files", FILE_COLUMNS)
    genres = Table("tvshow", "series_genres", ("id", "series_id", "name", "slug"))
    credits = Table("tvshow", "series_credits", CREDIT_COLUMNS)
    networks, network_ids = _networks(draw)
    links = Table("tvshow", "series_networks", ("series_id", "network_id"))
    person_numbers = {person.id: PERSON_NUMBER_BASE + n for n, person in enumerate(cast)}
    runs: list[list[tuple[uuid.UUID, int]]] = []
    folders: set[str] = set()
    for _ in range(plan.series):
        series_id, title = draw.uuid(), draw.title()
        first = draw.day_in(draw.year(plan.now.year - 1))
        folder = f"{title} ({first.year})"
        while folder in folders:
            folder = f"{title} ({first.year}) {draw.rng.randint(2, 9_999)}"
        folders.add(folder)
        root = f"{library.path}/{folder}"
        run, last = _seasons(draw, plan, series_id, first, root, seasons, episodes, files)
        series.rows.append(
            (series_id, library.id, title, title, draw.sentence(title),
             f"Nothing stays {draw.pick(words.ADJECTIVES).lower()} forever.",
             draw.pick(words.LANGUAGES), draw.pick(words.SERIES_STATUSES),
             draw.pick(words.SERIES_TYPES), first, last, draw.vote_average(), draw.vote_count(),
             draw.popularity(), seasons.rows[-1][2] if run else 0, len(run)),
        )  # fmt: skip
        genres.rows.extend((draw.uuid(), series_id, name, slug) for name, slug in draw.genres())
        credits.rows.extend(_credits(draw, series_id, cast, person_numbers))
        picked = draw.rng.sample(network_ids, draw.rng.randint(1, 2))
        links.rows.extend((series_id, network_id) for network_id in picked)
        runs.append(run)
    watched = _watched(draw, plan, runs, user_ids)
    return [networks, series, seasons, episodes, files, genres, credits, links, watched]


def _seasons(
    draw: Draw, plan: SeedPlan, series_id: uuid.UUID, first: date, root: str,
    seasons: Table, episodes: Table, files: Table,
) -> tuple[list[tuple[uuid.UUID, int]], date]:  # fmt: skip
    """Split the series' episodes into one to ten seasons, one a year, an episode a week."""
    total = plan.episodes_per_series
    count = min(total, draw.rng.randint(1, 10))
    runtime = draw.pick((22, 30, 45, 50, 60))
    run: list[tuple[uuid.UUID, int]] = []
    aired = first
    for number in range(1, count + 1):
        size = total // count + (1 if number <= total % count else 0)
        season_id, start = draw.uuid(), first + timedelta(days=365 * (number - 1))
        seasons.rows.append(
            (season_id, series_id, number, f"Season {number}", draw.sentence("a new season"),
             size, start, draw.vote_average()),
        )  # fmt: skip
        for episode in range(1, size + 1):
            aired = start + timedelta(weeks=episode - 1)
            episode_id = draw.uuid()
            title = draw.title()
            episodes.rows.append(
                (episode_id, series_id, season_id, number, episode, title, draw.sentence(title),
                 aired, runtime, draw.vote_average(), draw.vote_count() // 10,
                 f"{number}{episode:02d}"),
            )  # fmt: skip
            files.rows.append(_file(draw, episode_id, root, number, episode, runtime))
            run.append((episode_id, runtime * 60))
    return run, aired


def _file(
    draw: Draw, episode_id: uuid.UUID, root: str, season: int, episode: int, runtime: int
) -> Row:
    resolution, container = draw.pick(words.RESOLUTIONS), draw.pick(words.CONTAINERS)
    name = f"S{season:02d}E{episode:02d} - {resolution}.{container}"
    bitrate = {"2160p": 25_000, "1080p": 6_000, "720p": 3_000}.get(resolution, 1_500)
    return (
        draw.uuid(), episode_id, f"{root}/Season {season:02d}/{name}", name,
        bitrate * 125 * runtime * 60, container, resolution, f"WEBDL-{resolution}",
        draw.pick(words.VIDEO_CODECS), draw.pick(words.AUDIO_CODECS), bitrate,
        Decimal(runtime * 60), ["en"], ["en"],
    )  # fmt: skip


def _networks(draw: Draw) -> tuple[Table, list[uuid.UUID]]:
    table = Table("tvshow", "networks", ("id", "name", "origin_country"))
    table.rows = [(draw.uuid(), name, country) for name, country in words.NETWORKS]
    return table, [row[0] for row in table.rows]


def _credits(
    draw: Draw, series_id: uuid.UUID, cast: list[Person], numbers: dict[uuid.UUID, int]
) -> list[Row]:
    rows: list[Row] = []
    for order in range(draw.rng.randint(3, 8)):
        actor = cast[draw.popular(len(cast))]
        role = f"{draw.pick(words.ROLES)} {draw.pick(words.LAST_NAMES)}"
        rows.append(
            (draw.uuid(), series_id, actor.id, numbers[actor.id], actor.name, "cast", role,
             order, None, None),
        )  # fmt: skip
    creator = cast[draw.popular(len(cast))]
    rows.append(
        (draw.uuid(), series_id, creator.id, numbers[creator.id], creator.name, "crew", None,
         None, "Creator", "Writing"),
    )  # fmt: skip
    return rows


def _watched(
    draw: Draw, plan: SeedPlan, runs: list[list[tuple[uuid.UUID, int]]], user_ids: list[uuid.UUID]
) -> Table:
    """Each user follows a few series in order, stopping part-way into one episode."""
    table = Table(
        "tvshow",
        "episode_watched",
        ("id", "user_id", "episode_id", "progress_seconds", "duration_seconds", "is_completed",
         "watch_count", "last_watched_at"),
    )  # fmt: skip
    started = [run for run in runs if run]
    for user_id in user_ids:
        seen = plan.now - timedelta(days=draw.rng.randint(0, 30))
        for run in draw.rng.sample(started, min(len(started), draw.rng.randint(2, 6))):
            reached = draw.rng.randint(1, len(run))
            for position, (episode_id, duration) in enumerate(run[:reached], 1):
                done = position < reached
                progress = duration if done else int(duration * draw.rng.uniform(0.05, 0.9))
                at = seen - timedelta(hours=(reached - position) * 20)
                table.rows.append(
                    (draw.uuid(), user_id, episode_id, progress, duration, done, int(done), at)
                )
    return table
