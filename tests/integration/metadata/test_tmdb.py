"""The TMDb adapter against a local server answering in TMDb's wire format."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import AsyncIterator

import pytest

from revenge_adapters.metadata import TmdbProvider
from revenge_domain.metadata.errors import (
    ProviderAuthRejected,
    ProviderBadResponse,
    ProviderNotConfigured,
    ProviderRateLimited,
    ProviderUnavailable,
)
from revenge_domain.metadata.model import ImageKind, MediaType
from tests.integration.metadata.fake_providers import (
    TMDB_NOT_FOUND,
    TMDB_READ_TOKEN,
    TMDB_TOO_MANY,
    FakeProvider,
    settings_of,
)


@pytest.fixture
async def tmdb(tmdb_server: FakeProvider) -> AsyncIterator[TmdbProvider]:
    provider = TmdbProvider(settings_of(tmdb_server))
    yield provider
    await provider.close()


async def test_a_movie_comes_with_credits_ids_releases_images_and_trailer_in_one_call(
    tmdb: TmdbProvider, tmdb_server: FakeProvider
) -> None:
    movie = await tmdb.movie("603", "en")

    assert movie is not None
    assert (movie.provider, movie.id, movie.title, movie.imdb_id) == (
        "tmdb",
        "603",
        "The Matrix",
        "tt0133093",
    )
    assert movie.release_date == dt.date(1999, 3, 31)
    assert (movie.runtime, movie.budget, movie.tagline) == (
        136,
        63000000,
        "Welcome to the Real World.",
    )
    assert [g.name for g in movie.genres] == ["Action", "Science Fiction"]
    neo = movie.credits.cast[0]
    assert (neo.id, neo.name, neo.character, neo.order) == (
        "6384",
        "Keanu Reeves",
        "Thomas A. Anderson / Neo",
        0,
    )
    director = movie.credits.crew[0]
    assert (director.job, director.department) == ("Director", "Directing")
    assert movie.external_ids.wikidata_id == "Q83495"
    assert movie.external_ids.tmdb_id == "603"
    us_theatrical = [r for r in movie.release_dates if r.country_code == "US" and r.type == 3]
    assert us_theatrical[0].certification == "R"
    assert movie.collection is not None
    assert movie.collection.id == "2344"
    assert movie.trailer_url == "https://www.youtube.com/watch?v=vKQi3bBA1y8"
    assert [i.kind for i in movie.images.posters] == [ImageKind.POSTER]  # en and text-free only
    assert movie.images.backdrops[0].language is None
    assert tmdb_server.hits() == 1
    query = tmdb_server.seen[0].query
    assert query["append_to_response"] == "credits,external_ids,release_dates,images,videos"
    assert query["include_image_language"] == "en,null"


async def test_texts_missing_in_the_language_come_from_the_fallback_language(
    tmdb: TmdbProvider, tmdb_server: FakeProvider
) -> None:
    french = await tmdb.movie("603", "fr")

    assert french is not None
    assert french.overview is not None
    assert french.overview.startswith("Set in the 22nd century")
    assert french.tagline == "Welcome to the Real World."
    assert french.language == "en"
    languages = [s.query.get("language") for s in tmdb_server.seen]
    assert languages == ["fr", "en"]
    assert "append_to_response" not in tmdb_server.seen[1].query


async def test_a_translated_text_is_kept_and_only_the_missing_one_is_filled(
    tmdb: TmdbProvider,
) -> None:
    german = await tmdb.movie("603", "de")

    assert german is not None
    assert (german.title, german.language) == ("Matrix", "de")
    assert german.overview == "Der Hacker Neo wird von Morpheus aus der Matrix befreit."
    assert german.tagline == "Welcome to the Real World."


async def test_search_similar_recommendations_and_collection(tmdb: TmdbProvider) -> None:
    found = await tmdb.search_movies("matrix", "en", year=1999)
    similar = await tmdb.similar_movies("603", "en")
    recommended = await tmdb.movie_recommendations("603", "en")
    collection = await tmdb.collection("2344", "en")

    assert [(m.id, m.title) for m in found.results] == [("603", "The Matrix")]
    assert found.total_results == 1
    assert similar is not None
    assert next(m.title for m in similar.results) == "Transformers"
    assert recommended is not None
    assert recommended.total_results == 2
    assert collection is not None
    assert [p.id for p in collection.parts] == ["603", "604", "624860"]
    assert collection.parts[2].release_date is None
    assert collection.parts[2].overview is None


async def test_movie_parts_each_from_their_own_endpoint(tmdb: TmdbProvider) -> None:
    credits = await tmdb.movie_credits("603", "en")
    images = await tmdb.movie_images("603", "de")
    every_image = await tmdb.movie_images("603", None)
    ids = await tmdb.movie_external_ids("603", "en")
    releases = await tmdb.movie_release_dates("603", "en")

    assert credits is not None
    assert [c.name for c in credits.cast][:2] == [
        "Keanu Reeves",
        "Laurence Fishburne",
    ]
    assert images is not None
    assert [i.language for i in images.posters] == ["de"]
    assert every_image is not None
    assert len(every_image.posters) == 2
    assert len(every_image.logos) == 1
    assert ids is not None
    assert ids.imdb_id == "tt0133093"
    assert ids.facebook_id == "TheMatrixMovie"
    assert releases is not None
    assert {r.country_code for r in releases} == {"DE", "US"}


async def test_series_with_aggregate_credits_ratings_and_seasons(tmdb: TmdbProvider) -> None:
    series = await tmdb.series("1396", "en")

    assert series is not None
    assert (series.name, series.tvdb_id, series.imdb_id) == ("Breaking Bad", "81189", "tt0903747")
    assert series.episode_run_time == (45, 47)
    assert [n.name for n in series.networks] == ["AMC"]
    assert [s.season_number for s in series.seasons] == [0, 1]
    walter = series.credits.cast[0]
    assert (walter.character, walter.episode_count) == ("Walter White", 62)
    assert series.credits.crew[0].job == "Executive Producer"
    ratings = {r.country_code: r for r in series.content_ratings}
    assert ratings["US"].rating == "TV-MA"
    assert ratings["US"].descriptors == ("Violence", "Drug Use")


async def test_series_parts_seasons_and_episodes(tmdb: TmdbProvider) -> None:
    credits = await tmdb.series_credits("1396", "en")
    ratings = await tmdb.series_content_ratings("1396", "en")
    ids = await tmdb.series_external_ids("1396", "en")
    season = await tmdb.season("1396", 1, "en")
    season_images = await tmdb.season_images("1396", 1, None)
    episode = await tmdb.episode("1396", 1, 1, "en")
    episode_images = await tmdb.episode_images("1396", 1, 1, None)
    found = await tmdb.search_series("breaking", "en", year=2008)

    assert credits is not None
    assert credits.cast[0].name == "Bryan Cranston"
    assert ratings is not None
    assert len(ratings) == 2
    assert ids is not None
    assert (ids.tvdb_id, ids.tmdb_id) == ("81189", "1396")
    assert season is not None
    assert (season.id, season.series_id, season.name) == ("3572", "1396", "Season 1")
    assert [e.episode_number for e in season.episodes] == [1, 2]
    assert season.external_ids.tvdb_id == "30272"
    assert season_images is not None
    assert len(season_images.posters) == 1
    assert episode is not None
    assert (episode.name, episode.runtime) == ("Pilot", 59)
    assert episode.crew[0].job == "Director"
    assert episode.guest_stars[0].character == "Bogdan Wolynetz"
    assert episode.external_ids.imdb_id == "tt0959621"
    assert episode_images is not None
    assert episode_images.stills[0].width == 1920
    assert [s.name for s in found.results] == ["Breaking Bad"]
    assert found.results[0].first_air_date == dt.date(2008, 1, 20)


async def test_people_search_details_credits_and_images(tmdb: TmdbProvider) -> None:
    found = await tmdb.search_people("keanu", "en")
    person = await tmdb.person("6384", "en")
    credits = await tmdb.person_credits("6384", "en")
    images = await tmdb.person_images("6384", None)

    assert [p.name for p in found.results] == ["Keanu Reeves"]
    assert [(k.media_type, k.title) for k in found.results[0].known_for] == [
        (MediaType.MOVIE, "The Matrix"),
        (MediaType.TV, "Swedish Dicks"),
    ]
    assert person is not None
    assert (person.birthday, person.place_of_birth) == (dt.date(1964, 9, 2), "Beirut, Lebanon")
    assert person.deathday is None
    assert person.external_ids.wikidata_id == "Q43416"
    assert credits is not None
    assert [(c.media_type, c.title, c.character) for c in credits.cast] == [
        (MediaType.MOVIE, "The Matrix", "Thomas A. Anderson / Neo"),
        (MediaType.TV, "Swedish Dicks", "Tex"),
    ]
    assert credits.cast[1].episode_count == 2
    assert credits.crew[0].job == "Producer"
    assert images is not None
    assert images.profiles[0].file_path == "/4D0PpNI0kmP58hgrwGC3wCjxhnm.jpg"


async def test_an_unknown_id_is_none_and_a_non_numeric_id_never_reaches_tmdb(
    tmdb: TmdbProvider, tmdb_server: FakeProvider
) -> None:
    assert await tmdb.movie("999999", "en") is None
    assert await tmdb.episode("1396", 1, 9, "en") is None
    assert tmdb_server.hits() == 2
    assert await tmdb.movie("../../etc", "en") is None
    assert await tmdb.person_images("abc", None) is None
    assert tmdb_server.hits() == 2


async def test_a_read_access_token_is_sent_as_a_bearer_token(tmdb_server: FakeProvider) -> None:
    provider = TmdbProvider(settings_of(tmdb_server, api_key=TMDB_READ_TOKEN))
    try:
        movie = await provider.movie("603", "en")
    finally:
        await provider.close()

    assert movie is not None
    seen = tmdb_server.seen[0]
    assert seen.headers["Authorization"] == f"Bearer {TMDB_READ_TOKEN}"
    assert "api_key" not in seen.query


async def test_a_wrong_key_is_refused(tmdb_server: FakeProvider) -> None:
    provider = TmdbProvider(settings_of(tmdb_server, api_key="wrong"))
    try:
        with pytest.raises(ProviderAuthRejected):
            await provider.movie("603", "en")
    finally:
        await provider.close()


async def test_without_a_key_nothing_is_asked(tmdb_server: FakeProvider) -> None:
    provider = TmdbProvider(settings_of(tmdb_server, api_key=""))
    with pytest.raises(ProviderNotConfigured):
        await provider.search_movies("matrix", "en")
    assert tmdb_server.hits() == 0


async def test_a_429_pauses_every_call_for_its_retry_after(
    tmdb: TmdbProvider, tmdb_server: FakeProvider
) -> None:
    tmdb_server.fail_next(429, TMDB_TOO_MANY, {"Retry-After": "30"})

    with pytest.raises(ProviderRateLimited) as first:
        await tmdb.movie("603", "en")
    with pytest.raises(ProviderRateLimited) as second:
        await tmdb.collection("2344", "en")

    assert first.value.retry_after_s == 30.0
    assert 25.0 < second.value.retry_after_s <= 30.0
    assert tmdb_server.hits() == 1


async def test_a_short_retry_after_is_waited_out(
    tmdb: TmdbProvider, tmdb_server: FakeProvider
) -> None:
    tmdb_server.fail_next(429, TMDB_TOO_MANY, {"Retry-After": "1"})
    with pytest.raises(ProviderRateLimited):
        await tmdb.movie("603", "en")

    started = time.monotonic()
    movie = await tmdb.movie("603", "en")

    assert movie is not None
    assert time.monotonic() - started >= 0.9


async def test_server_errors_timeouts_and_malformed_json(
    tmdb_server: FakeProvider, tmdb: TmdbProvider
) -> None:
    tmdb_server.fail_next(500, {"status_code": 11, "status_message": "Internal error."})
    with pytest.raises(ProviderUnavailable, match="HTTP 500"):
        await tmdb.movie("603", "en")

    tmdb_server.fail_next(404, TMDB_NOT_FOUND)
    assert await tmdb.collection("2344", "en") is None

    tmdb_server.malformed_next()
    with pytest.raises(ProviderBadResponse, match="malformed JSON"):
        await tmdb.search_movies("matrix", "en")

    tmdb_server.fail_next(200, {"id": 603, "title": "The Matrix", "genres": [{"name": "Action"}]})
    with pytest.raises(ProviderBadResponse):
        await tmdb.movie("603", "en")

    tmdb_server.fail_next(200, ["a", "list"])
    with pytest.raises(ProviderBadResponse):
        await tmdb.person("6384", "en")


async def test_a_slow_provider_times_out(tmdb_server: FakeProvider) -> None:
    provider = TmdbProvider(settings_of(tmdb_server, timeout_s=0.3))
    tmdb_server.delay_s = 2.0
    started = time.monotonic()
    try:
        with pytest.raises(ProviderUnavailable, match="no answer within"):
            await provider.movie("603", "en")
    finally:
        await provider.close()
    assert time.monotonic() - started < 1.5


async def test_calls_are_spread_to_the_rate_limit(tmdb_server: FakeProvider) -> None:
    provider = TmdbProvider(settings_of(tmdb_server, rate_per_s=10.0, burst=2))
    started = time.monotonic()
    try:
        for _ in range(6):
            await provider.collection("2344", "en")
    finally:
        await provider.close()

    # Two at once, then one every 100 ms.
    assert time.monotonic() - started >= 0.35
    assert tmdb_server.hits() == 6
