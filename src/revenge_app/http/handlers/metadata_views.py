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


def providers_view(statuses: tuple[ProviderStatus, ...]) -> Json:
    return {
        "providers": [
            {
                "id": s.id.value,
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
        "title": item.title,
        "original_title": item.original_title,
        "overview": item.overview,
        "release_date": _day(item.release_date),
        "poster_path": item.poster_path,
        "backdrop_path": item.backdrop_path,
        "vote_average": item.vote_average,
        "vote_count": item.vote_count,
        "popularity": item.popularity,
    }


def movie_page_view(page: SearchPage[MovieResult]) -> Json:
    return _page(page, [movie_result_view(item) for item in page.results])


def series_page_view(page: SearchPage[SeriesResult]) -> Json:
    return _page(
        page,
        [
            {
                "tmdb_id": number_id(item.id),
                "name": item.name,
                "original_name": item.original_name,
                "overview": item.overview,
                "first_air_date": _day(item.first_air_date),
                "poster_path": item.poster_path,
                "backdrop_path": item.backdrop_path,
                "vote_average": item.vote_average,
                "vote_count": item.vote_count,
                "popularity": item.popularity,
            }
            for item in page.results
        ],
    )


def person_page_view(page: SearchPage[PersonResult]) -> Json:
    return _page(
        page,
        [
            {
                "tmdb_id": number_id(item.id),
                "name": item.name,
                "profile_path": item.profile_path,
                "popularity": item.popularity,
                "known_for_department": item.known_for_department,
                "known_for": [
                    {
                        "media_type": ref.media_type.value,
                        "tmdb_id": number_id(ref.id),
                        "title": ref.title,
                        "poster_path": ref.poster_path,
                    }
                    for ref in item.known_for
                ],
            }
            for item in page.results
        ],
    )


def cast_view(member: CastMember) -> Json:
    return {
        "id": number_id(member.id),
        "name": member.name,
        "character": member.character,
        "order": member.order,
        "profile_path": member.profile_path,
    }


def crew_view(member: CrewMember) -> Json:
    return {
        "id": number_id(member.id),
        "name": member.name,
        "job": member.job,
        "department": member.department,
        "profile_path": member.profile_path,
    }


def credits_view(credits: Credits) -> Json:
    return {
        "cast": [cast_view(m) for m in credits.cast],
        "crew": [crew_view(m) for m in credits.crew],
    }


def _image_view(image: Image) -> Json:
    return {
        "file_path": image.file_path,
        "aspect_ratio": image.aspect_ratio,
        "width": image.width,
        "height": image.height,
        "vote_average": image.vote_average,
        "vote_count": image.vote_count,
        "language": image.language,
    }


def images_view(images: Images) -> Json:
    groups = {
        "posters": images.posters,
        "backdrops": images.backdrops,
        "logos": images.logos,
        "stills": images.stills,
        "profiles": images.profiles,
    }
    return {name: [_image_view(i) for i in group] for name, group in groups.items()}


def external_ids_view(ids: ExternalIds) -> Json:
    return {
        "imdb_id": ids.imdb_id,
        "tvdb_id": number_id(ids.tvdb_id),
        "tmdb_id": number_id(ids.tmdb_id),
        "wikidata_id": ids.wikidata_id,
        "facebook_id": ids.facebook_id,
        "instagram_id": ids.instagram_id,
        "twitter_id": ids.twitter_id,
        "tiktok_id": ids.tiktok_id,
        "youtube_id": ids.youtube_id,
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
        "imdb_id": movie.imdb_id,
        "title": movie.title,
        "original_title": movie.original_title,
        "tagline": movie.tagline,
        "overview": movie.overview,
        "release_date": _day(movie.release_date),
        "runtime": movie.runtime,
        "status": movie.status,
        "budget": movie.budget,
        "revenue": movie.revenue,
        "poster_path": movie.poster_path,
        "backdrop_path": movie.backdrop_path,
        "vote_average": movie.vote_average,
        "vote_count": movie.vote_count,
        "popularity": movie.popularity,
        "genres": [{"id": number_id(g.id), "name": g.name} for g in movie.genres],
        **credits_view(movie.credits),
        "belongs_to_collection": collection_view(movie.collection) if movie.collection else None,
    }


def _season_summary_view(season: SeasonSummary) -> Json:
    return {
        "id": number_id(season.id),
        "season_number": season.season_number,
        "name": season.name,
        "overview": season.overview,
        "air_date": _day(season.air_date),
        "episode_count": season.episode_count,
        "poster_path": season.poster_path,
    }


def series_view(series: Series) -> Json:
    return {
        "tmdb_id": number_id(series.id),
        "imdb_id": series.imdb_id,
        "tvdb_id": number_id(series.tvdb_id),
        "name": series.name,
        "original_name": series.original_name,
        "tagline": series.tagline,
        "overview": series.overview,
        "first_air_date": _day(series.first_air_date),
        "last_air_date": _day(series.last_air_date),
        "status": series.status,
        "type": series.type,
        "number_of_seasons": series.number_of_seasons,
        "number_of_episodes": series.number_of_episodes,
        "episode_run_time": list(series.episode_run_time),
        "poster_path": series.poster_path,
        "backdrop_path": series.backdrop_path,
        "vote_average": series.vote_average,
        "vote_count": series.vote_count,
        "popularity": series.popularity,
        "networks": [
            {"id": number_id(n.id), "name": n.name, "logo_path": n.logo_path}
            for n in series.networks
        ],
        "genres": [{"id": number_id(g.id), "name": g.name} for g in series.genres],
        "seasons": [_season_summary_view(s) for s in series.seasons],
    }


def _episode_summary_view(episode: EpisodeSummary) -> Json:
    return {
        "id": number_id(episode.id),
        "episode_number": episode.episode_number,
        "name": episode.name,
        "overview": episode.overview,
        "air_date": _day(episode.air_date),
        "runtime": episode.runtime,
        "still_path": episode.still_path,
        "vote_average": episode.vote_average,
        "vote_count": episode.vote_count,
    }


def season_view(season: Season) -> Json:
    return {
        "id": number_id(season.id),
        "tmdb_show_id": number_id(season.series_id),
        "season_number": season.season_number,
        "name": season.name,
        "overview": season.overview,
        "air_date": _day(season.air_date),
        "poster_path": season.poster_path,
        "episodes": [_episode_summary_view(e) for e in season.episodes],
    }


def episode_view(episode: Episode) -> Json:
    return {
        "id": number_id(episode.id),
        "tmdb_show_id": number_id(episode.series_id),
        "season_number": episode.season_number,
        "episode_number": episode.episode_number,
        "name": episode.name,
        "overview": episode.overview,
        "air_date": _day(episode.air_date),
        "runtime": episode.runtime,
        "still_path": episode.still_path,
        "vote_average": episode.vote_average,
        "vote_count": episode.vote_count,
        "crew": [crew_view(m) for m in episode.crew],
        "guest_stars": [cast_view(m) for m in episode.guest_stars],
    }


def person_view(person: Person) -> Json:
    return {
        "tmdb_id": number_id(person.id),
        "imdb_id": person.imdb_id,
        "name": person.name,
        "also_known_as": list(person.also_known_as),
        "biography": person.biography,
        "birthday": _day(person.birthday),
        "deathday": _day(person.deathday),
        "gender": person.gender,
        "place_of_birth": person.place_of_birth,
        "profile_path": person.profile_path,
        "homepage": person.homepage,
        "popularity": person.popularity,
        "known_for_department": person.known_for_department,
    }


def _media_credit_view(credit: MediaCredit) -> Json:
    return {
        "media_type": credit.media_type.value,
        "tmdb_id": number_id(credit.id),
        "title": credit.title,
        "character": credit.character,
        "job": credit.job,
        "department": credit.department,
        "release_date": _day(credit.release_date),
        "poster_path": credit.poster_path,
        "vote_average": credit.vote_average,
        "episode_count": credit.episode_count,
    }


def person_credits_view(credits: PersonCredits) -> Json:
    return {
        "tmdb_id": number_id(credits.person_id),
        "cast": [_media_credit_view(c) for c in credits.cast],
        "crew": [_media_credit_view(c) for c in credits.crew],
    }
