"""The TheTVDB v4 adapter against a local server answering in TheTVDB's wire format."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import pytest

from revenge_adapters.metadata import TvdbProvider
from revenge_domain.metadata.errors import ProviderAuthRejected, ProviderUnavailable
from revenge_domain.metadata.model import ImageKind
from tests.integration.metadata.fake_providers import FakeTvdb, settings_of


@pytest.fixture
async def tvdb(tvdb_server: FakeTvdb) -> AsyncIterator[TvdbProvider]:
    provider = TvdbProvider(settings_of(tvdb_server))
    yield provider
    await provider.close()


async def test_one_login_serves_every_call(tvdb: TvdbProvider, tvdb_server: FakeTvdb) -> None:
    await tvdb.series("81189", "en")
    await tvdb.search_series("breaking", "en")
    await tvdb.episode("81189", 1, 1, "en")

    assert tvdb_server.logins == 1
    assert tvdb_server.hits("/login") == 1
    assert tvdb_server.seen[1].headers["Authorization"] == "Bearer tvdb-token-1"


async def test_an_expired_token_is_renewed_once(tvdb: TvdbProvider, tvdb_server: FakeTvdb) -> None:
    await tvdb.series("81189", "en")
    tvdb_server.expire_tokens()

    series = await tvdb.series("81189", "en")

    assert series is not None
    assert tvdb_server.logins == 2


async def test_a_wrong_key_is_refused_at_login(tvdb_server: FakeTvdb) -> None:
    provider = TvdbProvider(settings_of(tvdb_server, api_key="wrong"))
    try:
        with pytest.raises(ProviderAuthRejected):
            await provider.series("81189", "en")
    finally:
        await provider.close()
    assert tvdb_server.hits() == 1


async def test_series_details_in_the_wanted_language(tvdb: TvdbProvider) -> None:
    series = await tvdb.series("81189", "de")

    assert series is not None
    assert (series.provider, series.id, series.tvdb_id) == ("tvdb", "81189", "81189")
    assert (
        series.overview
        == "Der Chemielehrer Walter White erfährt, dass er an Lungenkrebs erkrankt ist."
    )
    assert (series.status, series.first_air_date) == ("Ended", dt.date(2008, 1, 20))
    assert series.external_ids.imdb_id == "tt0903747"
    assert series.external_ids.tmdb_id == "1396"
    assert [s.season_number for s in series.seasons] == [1, 2]  # the DVD order is left out
    assert [n.name for n in series.networks] == ["AMC"]
    cast = [(c.name, c.character) for c in series.credits.cast]
    assert cast == [("Bryan Cranston", "Walter White"), ("Aaron Paul", "Jesse Pinkman")]
    assert [(c.name, c.job) for c in series.credits.crew] == [("Vince Gilligan", "Creator")]
    assert {r.country_code: r.rating for r in series.content_ratings} == {
        "US": "TV-MA",
        "DE": "16",
    }
    assert [i.language for i in series.images.posters] == ["en", "de"]
    assert series.images.backdrops[0].aspect_ratio == pytest.approx(1.778, abs=0.001)
    assert series.images.others[0].kind == ImageKind.BANNER


async def test_a_language_without_translation_falls_back(tvdb: TvdbProvider) -> None:
    series = await tvdb.series("81189", "it")

    assert series is not None
    assert series.overview is not None
    assert series.overview.startswith("Walter White, a struggling")


async def test_seasons_and_episodes(tvdb: TvdbProvider, tvdb_server: FakeTvdb) -> None:
    season = await tvdb.season("81189", 1, "en")
    episode = await tvdb.episode("81189", 1, 2, "en")
    images = await tvdb.season_images("81189", 1, None)

    assert season is not None
    assert (season.id, season.name, season.air_date) == ("30272", "Season 1", dt.date(2008, 1, 20))
    assert [e.name for e in season.episodes] == ["Pilot", "Cat's in the Bag..."]
    assert season.poster_path == "https://artworks.thetvdb.com/banners/seasons/81189-1.jpg"
    assert episode is not None
    assert (episode.id, episode.name, episode.runtime) == ("349235", "Cat's in the Bag...", 48)
    assert episode.images.stills[0].file_path.endswith("/349235.jpg")
    assert images is not None
    assert len(images.posters) == 1
    assert tvdb_server.hits("/seasons/30272/extended") >= 1


async def test_episode_texts_missing_in_german_come_in_english(tvdb: TvdbProvider) -> None:
    pilot = await tvdb.episode("81189", 1, 1, "de")
    second = await tvdb.episode("81189", 1, 2, "de")

    assert pilot is not None
    assert (pilot.name, pilot.language) == ("Der Einstieg", "de")
    assert second is not None
    assert second.name == "Die Katze ist im Sack"
    assert second.overview == "Walt and Jesse try to dispose of the bodies."
    assert second.language == "en"


async def test_search(tvdb: TvdbProvider) -> None:
    page = await tvdb.search_series("breaking", "de")

    assert [(r.id, r.name) for r in page.results] == [("81189", "Breaking Bad")]
    assert (
        page.results[0].overview
        == "Der Chemielehrer Walter White erfährt, dass er an Lungenkrebs erkrankt ist."
    )
    assert page.results[0].original_language == "en"


async def test_unknown_series_seasons_and_episodes_are_none(tvdb: TvdbProvider) -> None:
    assert await tvdb.series("1", "en") is None
    assert await tvdb.season("81189", 9, "en") is None
    assert await tvdb.episode("81189", 1, 40, "en") is None
    assert await tvdb.series("not-a-number", "en") is None


async def test_a_server_error_makes_the_provider_unavailable(
    tvdb: TvdbProvider, tvdb_server: FakeTvdb
) -> None:
    await tvdb.series("81189", "en")
    tvdb_server.fail_next(503, {"status": "failure", "message": "maintenance", "data": None})

    with pytest.raises(ProviderUnavailable):
        await tvdb.series("81189", "en")
