"""Metadata model values as the JSON of the `/api/v1/metadata/*` responses."""

from __future__ import annotations

import datetime as dt
from typing import Any

from revenge_domain.metadata.model import (
    CastMember,
    Collection,
    CollectionRef,
    ContentRating,
    Credits,
    CrewMember,
    Episode,
    EpisodeSummary,
    ExternalIds,
    Image,
    Images,
    MediaCredit,
    MediaRef,
    Movie,
    MovieResult,
    Person,
    PersonCredits,
    PersonResult,
    ProviderStatus,
    SearchPage,
    Season,
    SeasonSummary,
    Series,
    SeriesResult,
)

Json = dict[str, Any]


def number_id(value: str | None) -> int | str | None:
    """Provider ids are numbers for TMDb and TheTVDB; the JSON says them as numbers."""
    if value is None:
        return None
    return int(value) if value.isdigit() else value


def _day(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _plain(value: object, *names: str) -> Json:
    """The named attributes as they are (texts, numbers, None)."""
    return {name: getattr(value, name) for name in names}


_ART_AND_VOTES = ("poster_path", "backdrop_path", "vote_average", "vote_count", "popularity")


def providers_view(statuses: tuple[ProviderStatus, ...]) -> Json:
    return {
        "providers": [
            {
                "id": s.id,
                "name": s.name,
                "capabilities": [c.value for c in s.capabilities],
                "enabled": s.enabled,
            }
            for s in statuses
        ]
    }


def _page(page: SearchPage[Any], results: list[Json]) -> Json:
    return {
        "page": page.page,
        "total_results": page.total_results,
        "total_pages": page.total_pages,
        "results": results,
    }


def movie_result_view(item: MovieResult) -> Json:
    return {
        "tmdb_id": number_id(item.id),
        **_plain(item, "title", "original_title", "overview"),
        "release_date": _day(item.release_date),
        **_plain(item, *_ART_AND_VOTES),
    }


def movie_page_view(page: SearchPage[MovieResult]) -> Json:
    return _page(page, [movie_result_view(item) for item in page.results])


def _series_result_view(item: SeriesResult) -> Json:
    return {
        "tmdb_id": number_id(item.id),
        **_plain(item, "name", "original_name", "overview"),
        "first_air_date": _day(item.first_air_date),
        **_plain(item, *_ART_AND_VOTES),
    }


def series_page_view(page: SearchPage[SeriesResult]) -> Json:
    return _page(page, [_series_result_view(item) for item in page.results])


def _known_for_view(ref: MediaRef) -> Json:
    return {
        "media_type": ref.media_type.value,
        "tmdb_id": number_id(ref.id),
        **_plain(ref, "title", "poster_path"),
    }


def _person_result_view(item: PersonResult) -> Json:
    return {
        "tmdb_id": number_id(item.id),
        **_plain(item, "name", "profile_path", "popularity", "known_for_department"),
        "known_for": [_known_for_view(ref) for ref in item.known_for],
    }


def person_page_view(page: SearchPage[PersonResult]) -> Json:
    return _page(page, [_person_result_view(item) for item in page.results])


def cast_view(member: CastMember) -> Json:
    return {
        "id": number_id(member.id),
        **_plain(member, "name", "character", "order", "profile_path"),
    }


def crew_view(member: CrewMember) -> Json:
    return {
        "id": number_id(member.id),
        **_plain(member, "name", "job", "department", "profile_path"),
    }


def credits_view(credits: Credits) -> Json:
    return {
        "cast": [cast_view(m) for m in credits.cast],
        "crew": [crew_view(m) for m in credits.crew],
    }


def _image_view(image: Image) -> Json:
    return _plain(
        image,
        "file_path",
        "aspect_ratio",
        "width",
        "height",
        "vote_average",
        "vote_count",
        "language",
    )


def images_view(images: Images) -> Json:
    groups = _plain(images, "posters", "backdrops", "logos", "stills", "profiles")
    return {name: [_image_view(i) for i in group] for name, group in groups.items()}


def external_ids_view(ids: ExternalIds) -> Json:
    return {
        "imdb_id": ids.imdb_id,
        "tvdb_id": number_id(ids.tvdb_id),
        "tmdb_id": number_id(ids.tmdb_id),
        **_plain(
            ids,
            "wikidata_id",
            "facebook_id",
            "instagram_id",
            "twitter_id",
            "tiktok_id",
            "youtube_id",
        ),
    }


def content_ratings_view(ratings: tuple[ContentRating, ...]) -> Json:
    return {
        "results": [
            {"country_code": r.country_code, "rating": r.rating, "descriptors": list(r.descriptors)}
            for r in ratings
        ]
    }


def _part_view(item: MovieResult) -> Json:
    body = movie_result_view(item)
    del body["tmdb_id"]
    return {"id": number_id(item.id), **body}


def collection_view(collection: Collection | CollectionRef) -> Json:
    parts = collection.parts if isinstance(collection, Collection) else ()
    overview = collection.overview if isinstance(collection, Collection) else None
    return {
        "id": number_id(collection.id),
        "name": collection.name,
        "overview": overview,
        "poster_path": collection.poster_path,
        "backdrop_path": collection.backdrop_path,
        "parts": [_part_view(p) for p in parts],
    }


def movie_view(movie: Movie) -> Json:
    return {
        "tmdb_id": number_id(movie.id),
        **_plain(movie, "imdb_id", "title", "original_title", "tagline", "overview"),
        "release_date": _day(movie.release_date),
        **_plain(movie, "runtime", "status", "budget", "revenue", *_ART_AND_VOTES),
        "genres": [{"id": number_id(g.id), "name": g.name} for g in movie.genres],
        **credits_view(movie.credits),
        "belongs_to_collection": collection_view(movie.collection) if movie.collection else None,
    }


def _season_summary_view(season: SeasonSummary) -> Json:
    return {
        "id": number_id(season.id),
        **_plain(season, "season_number", "name", "overview"),
        "air_date": _day(season.air_date),
        **_plain(season, "episode_count", "poster_path"),
    }


def series_view(series: Series) -> Json:
    return {
        "tmdb_id": number_id(series.id),
        "imdb_id": series.imdb_id,
        "tvdb_id": number_id(series.tvdb_id),
        **_plain(series, "name", "original_name", "tagline", "overview"),
        "first_air_date": _day(series.first_air_date),
        "last_air_date": _day(series.last_air_date),
        **_plain(series, "status", "type", "number_of_seasons", "number_of_episodes"),
        "episode_run_time": list(series.episode_run_time),
        **_plain(series, *_ART_AND_VOTES),
        "networks": [
            {"id": number_id(n.id), "name": n.name, "logo_path": n.logo_path}
            for n in series.networks
        ],
        "genres": [{"id": number_id(g.id), "name": g.name} for g in series.genres],
        "seasons": [_season_summary_view(s) for s in series.seasons],
    }


_EPISODE_TAIL = ("runtime", "still_path", "vote_average", "vote_count")


def _episode_summary_view(episode: EpisodeSummary) -> Json:
    return {
        "id": number_id(episode.id),
        **_plain(episode, "episode_number", "name", "overview"),
        "air_date": _day(episode.air_date),
        **_plain(episode, *_EPISODE_TAIL),
    }


def season_view(season: Season) -> Json:
    return {
        "id": number_id(season.id),
        "tmdb_show_id": number_id(season.series_id),
        **_plain(season, "season_number", "name", "overview"),
        "air_date": _day(season.air_date),
        "poster_path": season.poster_path,
        "episodes": [_episode_summary_view(e) for e in season.episodes],
    }


def episode_view(episode: Episode) -> Json:
    return {
        "id": number_id(episode.id),
        "tmdb_show_id": number_id(episode.series_id),
        **_plain(episode, "season_number", "episode_number", "name", "overview"),
        "air_date": _day(episode.air_date),
        **_plain(episode, *_EPISODE_TAIL),
        "crew": [crew_view(m) for m in episode.crew],
        "guest_stars": [cast_view(m) for m in episode.guest_stars],
    }


def person_view(person: Person) -> Json:
    return {
        "tmdb_id": number_id(person.id),
        **_plain(person, "imdb_id", "name"),
        "also_known_as": list(person.also_known_as),
        "biography": person.biography,
        "birthday": _day(person.birthday),
        "deathday": _day(person.deathday),
        **_plain(person, "gender", "place_of_birth", "profile_path", "homepage", "popularity"),
        "known_for_department": person.known_for_department,
    }


def _media_credit_view(credit: MediaCredit) -> Json:
    return {
        "media_type": credit.media_type.value,
        "tmdb_id": number_id(credit.id),
        **_plain(credit, "title", "character", "job", "department"),
        "release_date": _day(credit.release_date),
        **_plain(credit, "poster_path", "vote_average", "episode_count"),
    }


def person_credits_view(credits: PersonCredits) -> Json:
    return {
        "tmdb_id": number_id(credits.person_id),
        "cast": [_media_credit_view(c) for c in credits.cast],
        "crew": [_media_credit_view(c) for c in credits.crew],
    }
