"""The one converter of answers: ids and times as text, fields left out rather than null, the
fields the API adds beside a model's own, and the page envelope."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from uuid import uuid4

import orjson

from revenge_app.http.answers import answers_as_cached, json_response, page_answer, unstructured
from revenge_domain.cache_values import StoredList, to_cache
from revenge_domain.metadata import model as meta
from revenge_domain.movies import (
    Credit,
    GenreTag,
    ListedMovie,
    Movie,
    MovieFile,
    MoviePage,
    Page,
    ResumableMovie,
    SimilarMovies,
    WatchRecord,
    WatchState,
)
from revenge_domain.tvshows import Network, Series

NOW = datetime(2026, 5, 4, 3, 2, 1, 123456, tzinfo=UTC)


def test_ids_and_times_are_written_as_the_api_writes_them() -> None:
    movie = Movie(uuid4(), "Heat", NOW, NOW, NOW, release_date=date(1995, 12, 15))
    body = unstructured(movie)
    assert body["id"] == str(movie.id)
    assert body["library_added_at"] == "2026-05-04T03:02:01.123456+00:00"
    assert body["release_date"] == "1995-12-15"
    assert body["tmdb_id"] is None
    assert body["vote_average"] is None


def test_fields_the_contract_leaves_out_are_absent_when_unknown() -> None:
    credit = Credit(uuid4(), uuid4(), "Al Pacino", "cast", NOW, NOW, character="Hanna")
    assert "tmdb_person_id" not in unstructured(credit)
    assert unstructured(credit)["job"] is None
    known = Credit(uuid4(), uuid4(), "Al Pacino", "cast", NOW, NOW, tmdb_person_id=1158)
    assert unstructured(known)["tmdb_person_id"] == 1158
    assert "tmdb_id" not in unstructured(Network(uuid4(), "HBO", NOW, NOW))


def test_a_series_answers_without_its_library_and_with_its_added_time() -> None:
    series = Series(uuid4(), uuid4(), "The Wire", "en", 5, 60, NOW, NOW)
    body = unstructured(series)
    assert "library_id" not in body
    assert body["library_added_at"] == body["created_at"] == NOW.isoformat()


def test_watch_progress_carries_the_clients_position() -> None:
    record = WatchRecord(
        progress_seconds=600,
        progress_percent=10,
        is_completed=False,
        watch_count=0,
        last_watched_at=NOW,
        duration_seconds=6000,
        id=uuid4(),
        user_id=uuid4(),
        movie_id=uuid4(),
        created_at=NOW,
        updated_at=NOW,
    )
    body = unstructured(record)
    assert body["position_seconds"] == body["progress_seconds"] == 600


def test_pages_are_numbered_from_one_in_the_envelope() -> None:
    movie = Movie(uuid4(), "Heat", NOW, NOW, NOW)
    body = unstructured(page_answer(Page([movie], 45), 20, 40))
    assert (body["total"], body["page"], body["page_size"]) == (45, 3, 20)
    assert body["items"][0]["title"] == "Heat"


def test_a_response_is_the_unstructured_body_as_utf8_json() -> None:
    response = json_response({"marked_count": 2, "at": NOW, "name": "Amélie"}, status=201)
    assert response.status == 201
    assert response.content_type == "application/json"
    assert isinstance(response.body, bytes)
    assert orjson.loads(response.body) == {
        "marked_count": 2,
        "at": NOW.isoformat(),
        "name": "Amélie",
    }


def listed_movie() -> ListedMovie:
    movie_id = uuid4()
    file = MovieFile(
        id=uuid4(), movie_id=movie_id, file_path="/m/heat.mkv", file_size=7, file_name="heat.mkv",
        created_at=NOW, updated_at=NOW, framerate=23.98,
    )  # fmt: skip
    return ListedMovie(
        movie_id, "Heat", NOW, NOW, NOW, vote_average=8.0, genres=[GenreTag("crime", "Crime")],
        files=[file],
    )  # fmt: skip


def test_a_listed_movie_answers_in_the_shape_it_is_cached_in() -> None:
    movie = listed_movie()
    assert unstructured(movie) == to_cache(movie, ListedMovie)


def test_a_cached_page_is_written_as_stored_with_the_readers_progress() -> None:
    movies = [listed_movie(), listed_movie()]
    stored = orjson.loads(orjson.dumps(to_cache(movies, list[ListedMovie])))
    progress = WatchState(30, 10, False, 0, NOW, 300)
    for items in (movies, StoredList(stored, ListedMovie)):
        body = orjson.loads(
            json_response(page_answer(MoviePage(items, 2, [progress, None]), 2, 0)).body
        )
        assert [item["id"] for item in body["items"]] == [str(movie.id) for movie in movies]
        assert body["items"][0]["progress"]["progress_seconds"] == 30
        assert body["items"][1]["progress"] is None
        assert body["items"][0]["files"][0]["framerate"] == 23.98
        assert body["items"][0]["vote_average"] == 8.0


def test_a_stored_list_is_written_as_stored_only_when_its_models_answer_as_cached() -> None:
    assert answers_as_cached(ListedMovie)
    assert answers_as_cached(ResumableMovie)
    assert not answers_as_cached(Series)
    assert not answers_as_cached(SimilarMovies)
    assert not answers_as_cached(Page[Credit])
    credit = Credit(uuid4(), uuid4(), "Al Pacino", "cast", NOW, NOW)
    stored = StoredList(to_cache([credit], list[Credit]), Credit)
    assert "tmdb_person_id" in stored.stored[0]
    assert "tmdb_person_id" not in orjson.loads(json_response(stored).body)[0]


def test_a_providers_movie_answers_with_its_ids_as_numbers_and_its_credits_beside_it() -> None:
    cast = meta.CastMember("819", "Edward Norton", gender=2)
    movie = meta.Movie(
        "tmdb", "550", "Fight Club", "en", credits=meta.Credits(cast=(cast,)),
        collection=meta.CollectionRef("10", "Fight Club Collection"), homepage="https://x",
    )  # fmt: skip
    body = unstructured(movie)
    assert body["tmdb_id"] == 550
    assert not {"id", "homepage", "credits"} & body.keys()
    assert body["cast"] == [
        {"id": 819, "name": "Edward Norton", "character": "", "order": 0, "profile_path": None}
    ]
    assert body["belongs_to_collection"]["id"] == 10
    assert body["belongs_to_collection"]["parts"] == []


def test_a_collections_movies_answer_with_their_id_as_id() -> None:
    part = meta.MovieResult("550", "Fight Club")
    body = unstructured(meta.Collection("10", "Fight Club Collection", parts=(part,)))
    assert body["parts"][0]["id"] == 550
    assert "tmdb_id" not in body["parts"][0]
    assert unstructured(part)["tmdb_id"] == 550
    assert unstructured(meta.MovieResult("tt0137523", "Fight Club"))["tmdb_id"] == "tt0137523"


def test_an_integer_past_64_bits_is_written_as_it_came() -> None:
    """Free-form values a user stored may hold one; orjson alone would refuse it (a 500)."""
    moment = datetime(2026, 12, 7, 20, 30, tzinfo=UTC)
    user_id = uuid4()
    response = json_response({"big": 2**70, "at": moment, "user": user_id})
    assert response.status == 200
    assert response.body is not None
    assert json.loads(bytes(response.body)) == {
        "big": 2**70,
        "at": "2026-12-07T20:30:00+00:00",
        "user": str(user_id),
    }
