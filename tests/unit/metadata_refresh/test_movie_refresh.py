"""Refreshing a movie: finding it at the provider, what is written, what is reported and queued,
and how provider failures end the job."""

from __future__ import annotations

import datetime as dt
import uuid

from revenge_adapters.jobs.handlers import JobHandlers
from revenge_adapters.jobs.runner import Outcome
from revenge_domain.metadata import model as m
from revenge_domain.metadata.errors import (
    ProviderNotConfigured,
    ProviderRateLimited,
    ProviderUnavailable,
)
from revenge_domain.metadata.jobs import (
    DownloadImage,
    EnrichContent,
    RefreshMovieMetadata,
    RefreshPersonMetadata,
)
from revenge_domain.metadata.refresh import RefreshMovie
from revenge_domain.metadata.refresh.model import Outcome as RefreshOutcome
from revenge_domain.metadata.refresh.model import slug_of
from revenge_domain.ports.catalog_changes import Entity
from tests.unit.fakes.jobs import FakeJobQueue
from tests.unit.metadata_refresh import values
from tests.unit.metadata_refresh.conftest import World
from tests.unit.metadata_refresh.fakes import InMemoryMovieStore

LIBRARY = uuid.uuid4()


def refresh_outcomes(queue: FakeJobQueue) -> list[Outcome]:
    """Outcomes of the movie refreshes (the images and people it queues have no handler here)."""
    return [outcome for kind, outcome in queue.outcomes if kind == "metadata_refresh_movie"]


def refresh_of(world: World, store: InMemoryMovieStore, **context: object) -> RefreshMovie:
    return RefreshMovie(store, world.context(**context), world.tmdb)  # type: ignore[arg-type]


async def test_a_movie_with_a_stored_id_gets_details_genres_credits_and_collection(
    world: World,
) -> None:
    store = InMemoryMovieStore()
    movie_id = store.add(LIBRARY, "The Matrix", 1999, tmdb_id=603)
    world.tmdb.movies[("603", "en")] = values.movie()

    await refresh_of(world, store)(RefreshMovieMetadata(movie_id=movie_id))

    facts = store.facts[movie_id]
    assert facts.overview == "A hacker learns the truth."
    assert facts.tagline == "Welcome to the Real World."
    assert (facts.runtime, facts.release_date) == (136, dt.date(1999, 3, 30))
    assert (facts.vote_average, facts.vote_count, facts.popularity) == (8.2, 26000, 83.5)
    assert [(g.slug, g.name) for g in facts.genres] == [
        ("action", "Action"),
        ("science-fiction", "Science Fiction"),
    ]
    assert [(c.person.name, c.character, c.order) for c in facts.cast] == [
        ("Keanu Reeves", "Neo", 0),
        ("Laurence Fishburne", "Morpheus", 1),
    ]
    assert [(c.person.name, c.job, c.department) for c in facts.crew] == [
        ("Lana Wachowski", "Director", "Directing")
    ]
    assert facts.collection is not None
    assert facts.collection.tmdb_id == 2344
    assert dict(facts.age_ratings) == {"US": "R", "DE": "16"}
    assert world.tmdb.calls == ["movie"]


async def test_the_changes_are_reported_and_new_images_and_people_queued(world: World) -> None:
    store = InMemoryMovieStore()
    movie_id = store.add(LIBRARY, "The Matrix", 1999, tmdb_id=603)
    world.tmdb.movies[("603", "en")] = values.movie()

    await refresh_of(world, store)(RefreshMovieMetadata(movie_id=movie_id))

    people = {person_id for person_id, _ in store.people.rows.values()}
    assert world.changes.reports[0] == ("changed", Entity.MOVIE, [movie_id])
    assert world.changes.reports[1][:2] == ("changed", Entity.PERSON)
    assert set(world.changes.reports[1][2]) == people
    images = {(j.image_type, j.path) for j in world.queue.enqueued if isinstance(j, DownloadImage)}
    assert images == {
        ("poster", "/matrix-poster.jpg"),
        ("backdrop", "/matrix-backdrop.jpg"),
        ("profile", "/keanu.jpg"),
        ("profile", "/laurence.jpg"),
    }  # the crew's pictures are fetched when someone asks for them
    cast_ids = {store.people.rows[6384][0], store.people.rows[2975][0]}
    queued = {j.person_id for j in world.queue.enqueued if isinstance(j, RefreshPersonMetadata)}
    assert queued == cast_ids


async def test_running_twice_changes_nothing_the_second_time(world: World) -> None:
    store = InMemoryMovieStore()
    movie_id = store.add(LIBRARY, "The Matrix", 1999, tmdb_id=603)
    world.tmdb.movies[("603", "en")] = values.movie()
    refresh = refresh_of(world, store)
    await refresh(RefreshMovieMetadata(movie_id=movie_id))
    reports, queued = len(world.changes.reports), len(world.queue.enqueued)

    await refresh(RefreshMovieMetadata(force=True, movie_id=movie_id))

    assert world.tmdb.calls == ["movie", "movie"]
    assert len(world.changes.reports) == reports
    assert len(world.queue.enqueued) == queued


async def test_an_item_refreshed_lately_is_skipped_unless_forced(world: World) -> None:
    store = InMemoryMovieStore()
    movie_id = store.add(LIBRARY, "The Matrix", 1999, tmdb_id=603)
    world.tmdb.movies[("603", "en")] = values.movie()
    refresh = refresh_of(world, store)
    await refresh(RefreshMovieMetadata(movie_id=movie_id))

    world.clock.now += dt.timedelta(days=6)
    await refresh(RefreshMovieMetadata(movie_id=movie_id))
    assert world.tmdb.calls == ["movie"]

    world.clock.now += dt.timedelta(days=2)
    await refresh(RefreshMovieMetadata(movie_id=movie_id))
    assert world.tmdb.calls == ["movie", "movie"]


async def test_without_a_stored_id_the_title_and_year_find_the_movie(world: World) -> None:
    store = InMemoryMovieStore()
    movie_id = store.add(LIBRARY, "the matrix", 1999)
    world.tmdb.movie_results = [
        m.MovieResult("624860", "The Matrix Resurrections", release_date=dt.date(2021, 12, 16)),
        m.MovieResult("1000", "Making The Matrix", release_date=dt.date(1999, 9, 1)),
        m.MovieResult("603", "The Matrix", release_date=dt.date(1999, 3, 30)),
    ]
    world.tmdb.movies[("603", "en")] = values.movie()

    await refresh_of(world, store)(RefreshMovieMetadata(movie_id=movie_id))

    assert store.facts[movie_id].tmdb_id == 603
    assert world.tmdb.calls == ["search_movies", "movie"]


async def test_a_year_off_by_one_still_matches_when_the_exact_year_finds_nothing(
    world: World,
) -> None:
    store = InMemoryMovieStore()
    movie_id = store.add(LIBRARY, "The Matrix", 1998)
    world.tmdb.movie_results = [
        m.MovieResult("603", "The Matrix", release_date=dt.date(1999, 3, 30))
    ]
    world.tmdb.movies[("603", "en")] = values.movie()

    await refresh_of(world, store)(RefreshMovieMetadata(movie_id=movie_id))

    assert world.tmdb.calls == ["search_movies", "search_movies", "movie"]
    assert store.facts[movie_id].tmdb_id == 603


async def test_a_movie_the_provider_does_not_know_is_recorded_and_done(world: World) -> None:
    store = InMemoryMovieStore()
    movie_id = store.add(LIBRARY, "Home Video 2003", None)
    handlers = JobHandlers()
    handlers.register(RefreshMovieMetadata, refresh_of(world, store))
    queue = world.running(handlers)
    await queue.enqueue(RefreshMovieMetadata(movie_id=movie_id))

    assert queue.outcomes == [("metadata_refresh_movie", Outcome.SUCCEEDED)]
    assert movie_id not in store.facts
    last, detail = world.log.entries[("metadata_refresh_movie", movie_id)]
    assert last.outcome is RefreshOutcome.NOT_FOUND
    assert "Home Video 2003" in detail
    assert world.changes.reports == []


async def test_rate_limited_retries_after_the_providers_delay(world: World) -> None:
    store = InMemoryMovieStore()
    movie_id = store.add(LIBRARY, "The Matrix", 1999, tmdb_id=603)
    world.tmdb.movies[("603", "en")] = values.movie()
    world.tmdb.failures = [ProviderRateLimited("tmdb", 7.0)]
    handlers = JobHandlers()
    handlers.register(RefreshMovieMetadata, refresh_of(world, store))
    queue = world.running(handlers)
    await queue.enqueue(RefreshMovieMetadata(movie_id=movie_id))

    assert refresh_outcomes(queue) == [Outcome.RETRIED, Outcome.SUCCEEDED]
    assert queue.retry_delays == [7.0]
    assert store.facts[movie_id].tmdb_id == 603


async def test_unavailable_retries_with_backoff_and_gives_up_after_the_attempts(
    world: World,
) -> None:
    store = InMemoryMovieStore()
    movie_id = store.add(LIBRARY, "The Matrix", 1999, tmdb_id=603)
    world.tmdb.failures = [ProviderUnavailable("tmdb", "no answer")] * 5
    handlers = JobHandlers()
    handlers.register(RefreshMovieMetadata, refresh_of(world, store))
    queue = world.running(handlers)
    await queue.enqueue(RefreshMovieMetadata(movie_id=movie_id))

    assert refresh_outcomes(queue) == [Outcome.RETRIED] * 4 + [Outcome.DEAD]
    first, second = queue.retry_delays[:2]
    assert 1.0 <= first <= 2.0
    assert 2.0 <= second <= 4.0
    assert [letter.kind for letter in queue.dead_letters.letters.values()] == [
        "metadata_refresh_movie"
    ]


async def test_a_provider_without_configuration_leaves_nothing_to_do(world: World) -> None:
    store = InMemoryMovieStore()
    movie_id = store.add(LIBRARY, "The Matrix", 1999, tmdb_id=603)
    world.tmdb.failures = [ProviderNotConfigured("tmdb")]
    await refresh_of(world, store)(RefreshMovieMetadata(movie_id=movie_id))
    await RefreshMovie(store, world.context(), None)(RefreshMovieMetadata(movie_id=movie_id))

    assert movie_id not in store.facts
    assert world.log.entries == {}
    assert world.tmdb.calls == ["movie"]


async def test_each_language_fills_its_texts_and_the_first_one_the_main_columns(
    world: World,
) -> None:
    store = InMemoryMovieStore()
    movie_id = store.add(LIBRARY, "Matrix", 1999, tmdb_id=603)
    world.tmdb.movies[("603", "de")] = values.movie("de", tagline=None)
    world.tmdb.movies[("603", "en")] = values.movie("en")

    await refresh_of(world, store, languages=("de", "en"))(RefreshMovieMetadata(movie_id=movie_id))

    facts = store.facts[movie_id]
    assert facts.overview == "Ein Hacker erfährt die Wahrheit."
    assert facts.tagline == "Welcome to the Real World."
    assert [(t.language, t.title, t.tagline) for t in facts.texts] == [
        ("de", "Matrix", None),
        ("en", "The Matrix", "Welcome to the Real World."),
    ]
    assert [g.name for g in facts.genres] == ["Action", "Science-Fiction"]
    assert [g.slug for g in facts.genres] == ["action", "science-fiction"]


async def test_languages_named_by_the_job_win_over_the_configured_ones(world: World) -> None:
    store = InMemoryMovieStore()
    movie_id = store.add(LIBRARY, "Matrix", 1999, tmdb_id=603)
    world.tmdb.movies[("603", "de")] = values.movie("de")

    refresh = refresh_of(world, store, languages=("en",))
    await refresh(RefreshMovieMetadata(languages=("de",), movie_id=movie_id))

    assert [t.language for t in store.facts[movie_id].texts] == ["de"]


async def test_with_an_enrichment_provider_the_refreshed_movie_is_queued_for_it(
    world: World,
) -> None:
    store = InMemoryMovieStore()
    movie_id = store.add(LIBRARY, "The Matrix", 1999, tmdb_id=603)
    world.tmdb.movies[("603", "en")] = values.movie()

    await refresh_of(world, store, enrich=True)(RefreshMovieMetadata(movie_id=movie_id))

    enrich = [j for j in world.queue.enqueued if isinstance(j, EnrichContent)]
    assert [(j.content_type, j.content_id) for j in enrich] == [("movie", movie_id)]


async def test_a_movie_that_is_gone_is_nothing_to_do(world: World) -> None:
    store = InMemoryMovieStore()
    await refresh_of(world, store)(RefreshMovieMetadata(movie_id=uuid.uuid4()))
    assert world.tmdb.calls == []
    assert world.log.entries == {}


def test_genre_slugs_do_not_depend_on_punctuation() -> None:
    assert slug_of("Action & Adventure") == "action-adventure"
    assert slug_of("Sci-Fi & Fantasy") == "sci-fi-fantasy"
    assert slug_of("  Science   Fiction ") == "science-fiction"


async def test_only_the_top_billed_cast_get_pictures_and_biographies_queued(world: World) -> None:
    store = InMemoryMovieStore()
    movie_id = store.add(LIBRARY, "Crowd", 2001, tmdb_id=77)
    cast = tuple(
        m.CastMember(str(1000 + n), f"Actor {n}", f"Role {n}", n, f"/actor-{n}.jpg")
        for n in range(12)
    )
    world.tmdb.movies[("77", "en")] = values.movie(id="77", credits=m.Credits(cast=cast))

    await refresh_of(world, store)(RefreshMovieMetadata(movie_id=movie_id))

    profiles = [j.path for j in world.queue.enqueued if isinstance(j, DownloadImage)]
    assert [p for p in profiles if p.startswith("/actor-")] == [
        f"/actor-{n}.jpg" for n in range(10)
    ]
    people = [j for j in world.queue.enqueued if isinstance(j, RefreshPersonMetadata)]
    assert len(people) == 10
    assert len(store.facts[movie_id].cast) == 12
