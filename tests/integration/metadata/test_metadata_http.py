"""The /api/v1/metadata endpoints, answered by the production adapters from fake providers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from revenge_app.config import Config
from tests.integration.app_server import Account, Server, signed_up
from tests.integration.metadata.fake_providers import TMDB_TOO_MANY, FakeProvider, FakeTvdb
from tests.integration.metadata.server import metadata_server, schema_fields, schema_problems

M = "/api/v1/metadata"


@pytest.fixture
async def server(config: Config, tmdb_server: FakeProvider) -> AsyncIterator[Server]:
    async with metadata_server(config, tmdb_server) as running:
        yield running


@pytest.fixture
async def viewer(server: Server) -> Account:
    return await signed_up(server)


async def get(
    server: Server, path: str, account: Account, status: int = 200, **headers: str
) -> Any:
    response = await server.client.get(path, headers={**account.headers, **headers})
    body = await response.json()
    assert response.status == status, body
    return body


def conforms(body: Any, schema: str) -> None:
    assert schema_problems(body, schema) == []


async def test_the_providers_say_which_are_enabled(server: Server, viewer: Account) -> None:
    body = await get(server, f"{M}/providers", viewer)

    conforms(body, "MetadataProviderList")
    enabled = {p["id"]: p["enabled"] for p in body["providers"]}
    assert enabled == {"tmdb": True, "tvdb": False, "omdb": False, "fanarttv": False}
    tmdb = next(p for p in body["providers"] if p["id"] == "tmdb")
    assert tmdb["name"] == "The Movie Database"
    assert "collection" in tmdb["capabilities"]


async def test_movie_search_shape_limit_and_year(server: Server, viewer: Account) -> None:
    body = await get(server, f"{M}/search/movie?q=matrix&limit=2", viewer)
    in_1999 = await get(server, f"{M}/search/movie?q=matrix&year=1999", viewer)

    conforms(body, "MetadataSearchResults")
    assert [r["tmdb_id"] for r in body["results"]] == [603, 604]
    assert (body["page"], body["total_results"]) == (1, 3)
    assert set(body["results"][0]) == schema_fields("MetadataSearchResult")
    assert [r["title"] for r in in_1999["results"]] == ["The Matrix"]


async def test_movie_details_with_cast_crew_and_collection(server: Server, viewer: Account) -> None:
    movie = await get(server, f"{M}/movie/603", viewer)

    conforms(movie, "MetadataMovie")
    assert set(movie) == schema_fields("MetadataMovie")
    assert (movie["tmdb_id"], movie["imdb_id"], movie["runtime"]) == (603, "tt0133093", 136)
    assert movie["release_date"] == "1999-03-31"
    assert movie["cast"][0] == {
        "id": 6384,
        "name": "Keanu Reeves",
        "character": "Thomas A. Anderson / Neo",
        "order": 0,
        "profile_path": "/4D0PpNI0kmP58hgrwGC3wCjxhnm.jpg",
    }
    assert movie["crew"][0]["job"] == "Director"
    assert movie["belongs_to_collection"]["name"] == "The Matrix Collection"
    assert movie["genres"] == [{"id": 28, "name": "Action"}, {"id": 878, "name": "Science Fiction"}]


async def test_movie_parts(server: Server, viewer: Account) -> None:
    credits = await get(server, f"{M}/movie/603/credits", viewer)
    images = await get(server, f"{M}/movie/603/images", viewer)
    german_images = await get(server, f"{M}/movie/603/images?language=de", viewer)
    similar = await get(server, f"{M}/movie/603/similar?limit=1", viewer)
    recommended = await get(server, f"{M}/movie/603/recommendations", viewer)
    ids = await get(server, f"{M}/movie/603/external-ids", viewer)
    collection = await get(server, f"{M}/collection/2344", viewer)

    conforms(credits, "MetadataCredits")
    assert len(credits["cast"]) == 3
    conforms(images, "MetadataImages")
    assert set(images) == {"posters", "backdrops", "logos", "stills", "profiles"}
    assert len(images["posters"]) == 2
    assert set(images["posters"][0]) == schema_fields("MetadataImage")
    assert [p["language"] for p in german_images["posters"]] == ["de"]
    conforms(similar, "MetadataSearchResults")
    assert [r["title"] for r in similar["results"]] == ["Transformers"]
    assert len(recommended["results"]) == 2
    conforms(ids, "MetadataExternalIDs")
    assert (ids["imdb_id"], ids["tmdb_id"], ids["tvdb_id"]) == ("tt0133093", 603, None)
    conforms(collection, "MetadataCollection")
    assert [p["id"] for p in collection["parts"]] == [603, 604, 624860]


async def test_series_seasons_and_episodes(server: Server, viewer: Account) -> None:
    series = await get(server, f"{M}/tv/1396", viewer)
    credits = await get(server, f"{M}/tv/1396/credits", viewer)
    images = await get(server, f"{M}/tv/1396/images", viewer)
    ratings = await get(server, f"{M}/tv/1396/content-ratings", viewer)
    ids = await get(server, f"{M}/tv/1396/external-ids", viewer)
    season = await get(server, f"{M}/tv/1396/season/1", viewer)
    season_images = await get(server, f"{M}/tv/1396/season/1/images", viewer)
    episode = await get(server, f"{M}/tv/1396/season/1/episode/1", viewer)
    stills = await get(server, f"{M}/tv/1396/season/1/episode/1/images", viewer)
    found = await get(server, f"{M}/search/tv?q=breaking", viewer)

    conforms(series, "MetadataTVShow")
    assert set(series) == schema_fields("MetadataTVShow")
    assert (series["tvdb_id"], series["number_of_seasons"]) == (81189, 5)
    assert series["networks"] == [
        {"id": 174, "name": "AMC", "logo_path": "/g8Ck8ZxwmrHtoNuD6TcusBmctv2.png"}
    ]
    assert [s["season_number"] for s in series["seasons"]] == [0, 1]
    conforms(credits, "MetadataCredits")
    assert credits["cast"][0]["character"] == "Walter White"
    conforms(images, "MetadataImages")
    conforms(ratings, "MetadataContentRatings")
    assert {"country_code": "US", "rating": "TV-MA", "descriptors": ["Violence", "Drug Use"]} in (
        ratings["results"]
    )
    assert ids["tvdb_id"] == 81189
    conforms(season, "MetadataSeason")
    assert set(season) == schema_fields("MetadataSeason")
    assert (season["tmdb_show_id"], season["id"]) == (1396, 3572)
    assert [e["name"] for e in season["episodes"]] == ["Pilot", "Cat's in the Bag..."]
    assert len(season_images["posters"]) == 1
    conforms(episode, "MetadataEpisode")
    assert set(episode) == schema_fields("MetadataEpisode")
    assert episode["guest_stars"][0]["name"] == "Marius Stan"
    assert stills["stills"][0]["file_path"] == "/ydlY3iPfeOAvu8gVqrxPoMvzNCn.jpg"
    conforms(found, "MetadataTVSearchResults")
    assert found["results"][0]["first_air_date"] == "2008-01-20"


async def test_people(server: Server, viewer: Account) -> None:
    found = await get(server, f"{M}/search/person?q=keanu", viewer)
    person = await get(server, f"{M}/person/6384", viewer)
    credits = await get(server, f"{M}/person/6384/credits", viewer)
    images = await get(server, f"{M}/person/6384/images", viewer)

    conforms(found, "MetadataPersonSearchResults")
    assert found["results"][0]["known_for"][1]["media_type"] == "tv"
    conforms(person, "MetadataPerson")
    assert set(person) == schema_fields("MetadataPerson")
    assert (person["birthday"], person["gender"]) == ("1964-09-02", 2)
    conforms(credits, "MetadataPersonCredits")
    assert credits["tmdb_id"] == 6384
    assert credits["cast"][1]["release_date"] == "2016-08-08"
    assert len(images["profiles"]) == 1


async def test_the_client_language_is_used_for_texts(server: Server, viewer: Account) -> None:
    german = await get(server, f"{M}/movie/603", viewer, **{"Accept-Language": "de-DE,de;q=0.9"})
    by_parameter = await get(server, f"{M}/search/movie?q=matrix&language=de", viewer)

    assert german["title"] == "Matrix"
    assert german["tagline"] == "Welcome to the Real World."
    assert by_parameter["results"]


async def test_answers_are_cached(
    server: Server, viewer: Account, tmdb_server: FakeProvider
) -> None:
    first = await get(server, f"{M}/tv/1396/season/1/episode/1", viewer)
    response = await server.client.get(f"{M}/tv/1396/season/1/episode/1", headers=viewer.headers)

    assert await response.json() == first
    assert response.headers["Cache-Control"] == "private, max-age=60"
    assert tmdb_server.hits() == 1


async def test_unknown_ids_and_bad_parameters(server: Server, viewer: Account) -> None:
    missing = await get(server, f"{M}/movie/999999", viewer, status=404)
    assert (missing["code"], missing["error"]) == (404, "metadata_not_found")
    await get(server, f"{M}/tv/1396/season/7", viewer, status=404)
    await get(server, f"{M}/person/abc", viewer, status=404)

    no_query = await get(server, f"{M}/search/movie", viewer, status=400)
    assert no_query["details"]["field"] == "q"
    await get(server, f"{M}/search/movie?q=matrix&limit=51", viewer, status=400)
    await get(server, f"{M}/search/movie?q=matrix&year=1200", viewer, status=400)
    await get(server, f"{M}/search/tv?q=x&language=german", viewer, status=400)
    await get(server, f"{M}/search/person?q=x&provider=imdb", viewer, status=400)
    await get(server, f"{M}/tv/1396/season/one", viewer, status=400)


async def test_signing_in_is_needed(server: Server) -> None:
    response = await server.client.get(f"{M}/movie/603")
    assert response.status == 401


async def test_a_provider_without_configuration_answers_503(
    server: Server, viewer: Account, tmdb_server: FakeProvider
) -> None:
    tvdb = await get(server, f"{M}/search/tv?q=breaking&provider=tvdb", viewer, status=503)
    sonarr = await get(server, f"{M}/search/tv?q=breaking&provider=sonarr", viewer, status=503)

    assert (tvdb["error"], tvdb["details"]["provider"]) == ("provider_not_configured", "tvdb")
    assert sonarr["error"] == "provider_not_configured"
    assert tmdb_server.hits() == 0


async def test_a_server_without_any_provider_answers_503_not_500(config: Config) -> None:
    async with metadata_server(config) as bare:
        viewer = await signed_up(bare)
        body = await get(bare, f"{M}/movie/603", viewer, status=503)
        providers = await get(bare, f"{M}/providers", viewer)

    assert body["error"] == "provider_not_configured"
    assert not any(p["enabled"] for p in providers["providers"])


async def test_a_failing_provider_answers_in_the_error_body(
    server: Server, viewer: Account, tmdb_server: FakeProvider
) -> None:
    tmdb_server.fail_next(500)
    down = await get(server, f"{M}/movie/603", viewer, status=503)
    assert (down["code"], down["error"]) == (503, "provider_unavailable")
    assert down["request_id"]

    tmdb_server.malformed_next()
    garbled = await get(server, f"{M}/search/movie?q=matrix", viewer, status=502)
    assert garbled["error"] == "provider_bad_response"

    tmdb_server.fail_next(401, {"status_code": 7, "status_message": "Invalid API key"})
    refused = await get(server, f"{M}/person/6384", viewer, status=502)
    assert refused["error"] == "provider_auth_rejected"

    tmdb_server.fail_next(429, TMDB_TOO_MANY, {"Retry-After": "30"})
    response = await server.client.get(f"{M}/collection/2344", headers=viewer.headers)
    assert response.status == 503
    assert response.headers["Retry-After"] == "30"
    assert (await response.json())["error"] == "provider_rate_limited"


async def test_series_search_at_thetvdb_when_configured(
    config: Config, tmdb_server: FakeProvider, tvdb_server: FakeTvdb
) -> None:
    async with metadata_server(config, tmdb_server, tvdb_server) as both:
        viewer = await signed_up(both)
        found = await get(both, f"{M}/search/tv?q=breaking&provider=tvdb&language=de", viewer)
        movies = await get(both, f"{M}/search/movie?q=matrix&provider=tvdb", viewer, status=400)

    conforms(found, "MetadataTVSearchResults")
    assert found["results"][0]["tmdb_id"] == 81189
    assert found["results"][0]["overview"].startswith("Der Chemielehrer")
    assert movies["error"] == "provider_cannot_do"
    assert tvdb_server.hits("/search") == 1
