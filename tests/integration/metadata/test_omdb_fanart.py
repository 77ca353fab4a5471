"""The OMDb (ratings) and Fanart.tv (artwork) adapters against local servers in their formats."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from revenge_adapters.metadata import FanartProvider, OmdbProvider
from revenge_domain.metadata.errors import ProviderAuthRejected, ProviderRateLimited
from revenge_domain.metadata.model import ExternalRating, ImageKind
from tests.integration.metadata.fake_providers import FakeOmdb, FakeProvider, settings_of


@pytest.fixture
async def omdb(omdb_server: FakeOmdb) -> AsyncIterator[OmdbProvider]:
    provider = OmdbProvider(settings_of(omdb_server))
    yield provider
    await provider.close()


@pytest.fixture
async def fanart(fanart_server: FakeProvider) -> AsyncIterator[FanartProvider]:
    provider = FanartProvider(settings_of(fanart_server))
    yield provider
    await provider.close()


async def test_ratings_of_imdb_rotten_tomatoes_and_metacritic(omdb: OmdbProvider) -> None:
    ratings = await omdb.ratings("tt0133093", "en")

    assert ratings is not None
    assert ratings.ratings == (
        ExternalRating("Internet Movie Database", "8.7/10", 87.0),
        ExternalRating("Rotten Tomatoes", "83%", 83.0),
        ExternalRating("Metacritic", "73/100", 73.0),
    )
    assert (ratings.imdb_rating, ratings.imdb_votes, ratings.metascore) == (8.7, 2101564, 73)
    assert ratings.rated == "R"
    assert ratings.box_office == "$172,076,928"


async def test_an_unknown_title_is_none(omdb: OmdbProvider, omdb_server: FakeOmdb) -> None:
    assert await omdb.ratings("tt9999999", "en") is None
    assert await omdb.ratings("not-an-imdb-id", "en") is None
    assert omdb_server.hits() == 1


async def test_a_wrong_key_and_a_spent_quota(omdb_server: FakeOmdb, omdb: OmdbProvider) -> None:
    wrong = OmdbProvider(settings_of(omdb_server, api_key="nope"))
    try:
        with pytest.raises(ProviderAuthRejected):
            await wrong.ratings("tt0133093", "en")
    finally:
        await wrong.close()

    omdb_server.quota_spent = True
    with pytest.raises(ProviderRateLimited) as spent:
        await omdb.ratings("tt0133093", "en")
    assert spent.value.retry_after_s == 3600.0


async def test_movie_artwork_by_kind_most_liked_first(fanart: FanartProvider) -> None:
    artwork = await fanart.movie_artwork("603", None)

    assert artwork is not None
    assert [i.language for i in artwork.logos] == ["en", "de"]
    assert artwork.logos[0].vote_count == 12
    assert artwork.backdrops[0].language is None
    assert artwork.posters[0].file_path.startswith("https://assets.fanart.tv/fanart/movies/603/")
    kinds = {i.kind for i in artwork.others}
    assert kinds == {ImageKind.DISC, ImageKind.CLEARART, ImageKind.BANNER, ImageKind.THUMB}


async def test_artwork_in_one_language_keeps_text_free_images(fanart: FanartProvider) -> None:
    artwork = await fanart.movie_artwork("tt0133093", "de")

    assert artwork is not None
    assert [i.language for i in artwork.logos] == ["de"]
    assert len(artwork.backdrops) == 1
    assert artwork.posters == ()


async def test_series_artwork_with_season_posters(fanart: FanartProvider) -> None:
    artwork = await fanart.series_artwork("81189", None)

    assert artwork is not None
    seasons = sorted(i.season_number for i in artwork.posters if i.season_number is not None)
    assert seasons == [1, 2]
    assert [i.vote_count for i in artwork.logos] == [18, 4]


async def test_unknown_artwork_is_none_and_a_wrong_key_is_refused(
    fanart: FanartProvider, fanart_server: FakeProvider
) -> None:
    assert await fanart.series_artwork("1", None) is None
    wrong = FanartProvider(settings_of(fanart_server, api_key="nope"))
    try:
        with pytest.raises(ProviderAuthRejected):
            await wrong.movie_artwork("603", None)
    finally:
        await wrong.close()
