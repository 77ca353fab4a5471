"""Refreshing people, enriching titles, and the refresh endpoints' use case."""

from __future__ import annotations

import uuid

import attrs
import pytest

from revenge_domain.errors import NotFound
from revenge_domain.identity.access import AuthMethod, Principal
from revenge_domain.libraries import ALL, Readable
from revenge_domain.metadata import model as m
from revenge_domain.metadata.errors import ProviderNotConfigured
from revenge_domain.metadata.jobs import (
    EnrichContent,
    RefreshMovieMetadata,
    RefreshPersonMetadata,
    RefreshSeriesMetadata,
)
from revenge_domain.metadata.refresh import EnrichTitles, RefreshPerson, RefreshRequests
from revenge_domain.metadata.refresh.model import PersonTarget, SeriesTarget
from revenge_domain.ports.catalog_changes import Entity
from revenge_domain.ratings import ExternalRating
from tests.unit.metadata_refresh import values
from tests.unit.metadata_refresh.conftest import World
from tests.unit.metadata_refresh.fakes import (
    FakeArtwork,
    FakeRatings,
    InMemoryMovieStore,
    InMemoryPersonStore,
    InMemorySeriesStore,
)

LIBRARY = uuid.uuid4()
RATINGS = m.Ratings(
    "tt0133093",
    (
        ExternalRating("Internet Movie Database", "8.7/10", 87.0),
        ExternalRating("Rotten Tomatoes", "83%", 83.0),
    ),
)
LOGOS = m.Images.of(
    [
        m.Image(m.ImageKind.LOGO, "https://assets.fanart.tv/fr-logo.png", language="fr"),
        m.Image(m.ImageKind.LOGO, "https://assets.fanart.tv/en-logo.png", language="en"),
    ]
)


async def test_a_person_gets_biography_birthday_and_profile(world: World) -> None:
    store = InMemoryPersonStore()
    person_id = uuid.uuid4()
    store.targets[person_id] = PersonTarget(person_id, "Keanu Reeves", 6384)
    world.tmdb.people[("6384", "en")] = values.person()

    await RefreshPerson(store, world.context(), world.tmdb)(
        RefreshPersonMetadata(person_id=person_id)
    )

    details = store.details[person_id]
    assert (details.biography, details.birthday.isoformat() if details.birthday else None) == (
        "Born in Beirut.",
        "1964-09-02",
    )
    assert details.profile_path == "/keanu.jpg"
    assert world.changes.reports == [("changed", Entity.PERSON, [person_id])]


async def test_a_person_without_an_id_is_found_by_exactly_the_same_name(world: World) -> None:
    store = InMemoryPersonStore()
    person_id = uuid.uuid4()
    store.targets[person_id] = PersonTarget(person_id, "Keanu Reeves")
    world.tmdb.people_results = [
        m.PersonResult("1", "Keanu Reeves Jr."),
        m.PersonResult("6384", "keanu reeves"),
    ]
    world.tmdb.people[("6384", "en")] = values.person()

    await RefreshPerson(store, world.context(), world.tmdb)(
        RefreshPersonMetadata(person_id=person_id)
    )

    assert store.details[person_id].tmdb_id == 6384


async def test_a_biography_missing_in_the_first_language_comes_from_the_next(world: World) -> None:
    store = InMemoryPersonStore()
    person_id = uuid.uuid4()
    store.targets[person_id] = PersonTarget(person_id, "Keanu Reeves", 6384)
    world.tmdb.people[("6384", "de")] = values.person("de", biography=None)
    world.tmdb.people[("6384", "en")] = values.person("en")

    refresh = RefreshPerson(store, world.context(languages=("de", "en")), world.tmdb)
    await refresh(RefreshPersonMetadata(person_id=person_id))

    assert store.details[person_id].biography == "Born in Beirut."


async def test_enrichment_writes_ratings_and_the_logo_in_the_language(world: World) -> None:
    movies = InMemoryMovieStore()
    movie_id = movies.add(LIBRARY, "The Matrix", 1999, tmdb_id=603)
    movies.targets[movie_id] = attrs.evolve(movies.targets[movie_id], imdb_id="tt0133093")
    enrich = EnrichTitles(
        movies,
        InMemorySeriesStore(),
        world.context(),
        FakeRatings({"tt0133093": RATINGS}),
        FakeArtwork(movies={"603": LOGOS}),
    )

    await enrich(EnrichContent(content_type="movie", content_id=movie_id))

    enrichment = movies.enrichments[movie_id]
    assert enrichment.ratings == (
        ExternalRating("Internet Movie Database", "8.7/10", 87.0),
        ExternalRating("Rotten Tomatoes", "83%", 83.0),
    )
    assert enrichment.logo_path == "https://assets.fanart.tv/en-logo.png"
    assert world.changes.reports == [("changed", Entity.MOVIE, [movie_id])]


async def test_a_series_is_enriched_by_its_tvdb_id_and_one_provider_may_be_off(
    world: World,
) -> None:
    series = InMemorySeriesStore()
    series_id = uuid.uuid4()
    series.targets[series_id] = SeriesTarget(series_id, LIBRARY, "Game of Thrones", tvdb_id=121361)
    ratings = FakeRatings(failure=ProviderNotConfigured("omdb"))
    enrich = EnrichTitles(
        InMemoryMovieStore(),
        series,
        world.context(),
        ratings,
        FakeArtwork(series={"121361": LOGOS}),
    )

    await enrich(EnrichContent(content_type="tvshow", content_id=series_id))

    assert series.enrichments[series_id].ratings is None
    assert series.enrichments[series_id].logo_path == "https://assets.fanart.tv/en-logo.png"


async def test_without_enrichment_providers_or_a_known_type_nothing_happens(world: World) -> None:
    movies = InMemoryMovieStore()
    movie_id = movies.add(LIBRARY, "The Matrix", 1999, tmdb_id=603)
    idle = EnrichTitles(movies, InMemorySeriesStore(), world.context())
    await idle(EnrichContent(content_type="movie", content_id=movie_id))
    odd = EnrichTitles(movies, InMemorySeriesStore(), world.context(), FakeRatings())
    await odd(EnrichContent(content_type="music", content_id=movie_id))

    assert movies.enrichments == {}
    assert world.log.entries == {}


def caller(readable: Readable) -> tuple[Principal, FixedAccess]:
    principal = Principal(uuid.uuid4(), "viewer", frozenset(), frozenset(), None, AuthMethod.BEARER)
    return principal, FixedAccess(readable)


class FixedAccess:
    def __init__(self, readable: Readable) -> None:
        self.readable = readable

    async def readable_library_ids(self, principal: Principal) -> Readable:
        return self.readable

    async def forget(self, user_id: uuid.UUID) -> None:
        return None

    async def forget_everyone(self) -> None:
        return None


async def test_the_refresh_endpoints_queue_a_forced_refresh_of_a_readable_item(
    world: World,
) -> None:
    movies, series = InMemoryMovieStore(), InMemorySeriesStore()
    movie_id = movies.add(LIBRARY, "The Matrix", 1999)
    series_id = uuid.uuid4()
    series.targets[series_id] = SeriesTarget(series_id, LIBRARY, "Game of Thrones")
    principal, access = caller(frozenset({LIBRARY}))
    requests = RefreshRequests(movies, series, access, world.queue)

    movie_job = await requests.movie(principal, movie_id)
    series_job = await requests.tvshow(principal, series_id)

    assert world.queue.enqueued == [
        RefreshMovieMetadata(force=True, movie_id=movie_id),
        RefreshSeriesMetadata(force=True, series_id=series_id),
    ]
    assert (movie_job, series_job) == ("job-1", "job-2")


async def test_an_item_the_caller_cannot_read_is_not_found(world: World) -> None:
    movies, series = InMemoryMovieStore(), InMemorySeriesStore()
    movie_id = movies.add(LIBRARY, "The Matrix", 1999)
    principal, access = caller(frozenset({uuid.uuid4()}))
    requests = RefreshRequests(movies, series, access, world.queue)

    with pytest.raises(NotFound):
        await requests.movie(principal, movie_id)
    with pytest.raises(NotFound):
        await requests.tvshow(principal, uuid.uuid4())
    assert world.queue.enqueued == []
    admin, everything = caller(ALL)
    await RefreshRequests(movies, series, everything, world.queue).movie(admin, movie_id)
    assert len(world.queue.enqueued) == 1
