"""TMDb v3 JSON -> metadata model (field names as TMDb sends them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypedDict, TypeVar

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
    Genre,
    Image,
    ImageKind,
    Images,
    MediaCredit,
    MediaRef,
    MediaType,
    Movie,
    MovieResult,
    Network,
    Person,
    PersonCredits,
    PersonResult,
    ReleaseDate,
    SearchPage,
    Season,
    SeasonSummary,
    Series,
    SeriesResult,
)

T = TypeVar("T")
Json = dict[str, Any]
TMDB = "tmdb"
_IMAGE_GROUPS = {
    "posters": ImageKind.POSTER,
    "backdrops": ImageKind.BACKDROP,
    "logos": ImageKind.LOGO,
    "stills": ImageKind.STILL,
    "profiles": ImageKind.PROFILE,
}


def date_of(value: Any) -> dt.date | None:
    """A TMDb date (`1999-03-30`, or a timestamp starting with one); None when empty."""
    if not value:
        return None
    return dt.date.fromisoformat(str(value)[:10])


def text_of(value: Any) -> str | None:
    return str(value) if value else None


def id_of(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def _many(items: Any, one: Callable[[Json], T]) -> tuple[T, ...]:
    return tuple(one(item) for item in items or ())


def page_of(body: Json, one: Callable[[Json], T]) -> SearchPage[T]:
    return SearchPage(
        results=_many(body.get("results"), one),
        page=int(body.get("page") or 1),
        total_results=int(body.get("total_results") or 0),
        total_pages=int(body.get("total_pages") or 0),
    )


def genre_of(item: Json) -> Genre:
    return Genre(id=str(item["id"]), name=item.get("name") or "")


def cast_of(item: Json) -> CastMember:
    roles = item.get("roles") or []  # aggregate credits list a role per character
    character = item.get("character") or ", ".join(r["character"] for r in roles if r["character"])
    return CastMember(
        id=str(item["id"]),
        name=item.get("name") or "",
        character=character or "",
        order=int(item.get("order") or 0),
        profile_path=text_of(item.get("profile_path")),
        gender=int(item.get("gender") or 0),
        known_for_department=text_of(item.get("known_for_department")),
        episode_count=item.get("total_episode_count"),
    )


def crew_of(item: Json) -> CrewMember:
    jobs = item.get("jobs") or []
    job = item.get("job") or ", ".join(j["job"] for j in jobs if j["job"])
    return CrewMember(
        id=str(item["id"]),
        name=item.get("name") or "",
        job=job or "",
        department=item.get("department") or "",
        profile_path=text_of(item.get("profile_path")),
        gender=int(item.get("gender") or 0),
        episode_count=item.get("total_episode_count"),
    )


def credits_of(body: Json) -> Credits:
    return Credits(cast=_many(body.get("cast"), cast_of), crew=_many(body.get("crew"), crew_of))


def images_of(body: Json) -> Images:
    found: list[Image] = []
    for group, kind in _IMAGE_GROUPS.items():
        found.extend(_image(item, kind) for item in body.get(group) or ())
    return Images.of(found)


def _image(item: Json, kind: ImageKind) -> Image:
    return Image(
        kind=kind,
        file_path=item["file_path"],
        width=int(item.get("width") or 0),
        height=int(item.get("height") or 0),
        aspect_ratio=float(item.get("aspect_ratio") or 0.0),
        language=text_of(item.get("iso_639_1")),
        vote_average=float(item.get("vote_average") or 0.0),
        vote_count=int(item.get("vote_count") or 0),
    )


def external_ids_of(body: Json, tmdb_id: Any = None) -> ExternalIds:
    return ExternalIds(
        imdb_id=text_of(body.get("imdb_id")),
        tmdb_id=id_of(tmdb_id if tmdb_id is not None else body.get("id")),
        tvdb_id=id_of(body.get("tvdb_id")),
        wikidata_id=text_of(body.get("wikidata_id")),
        facebook_id=text_of(body.get("facebook_id")),
        instagram_id=text_of(body.get("instagram_id")),
        twitter_id=text_of(body.get("twitter_id")),
        tiktok_id=text_of(body.get("tiktok_id")),
        youtube_id=text_of(body.get("youtube_id")),
    )


def release_dates_of(body: Json) -> tuple[ReleaseDate, ...]:
    return tuple(
        ReleaseDate(
            country_code=country["iso_3166_1"],
            certification=release.get("certification") or "",
            release_date=date_of(release.get("release_date")),
            type=int(release.get("type") or 0),
            language=text_of(release.get("iso_639_1")),
            note=release.get("note") or "",
        )
        for country in body.get("results") or ()
        for release in country.get("release_dates") or ()
    )


def content_ratings_of(body: Json) -> tuple[ContentRating, ...]:
    return tuple(
        ContentRating(
            country_code=item["iso_3166_1"],
            rating=item.get("rating") or "",
            descriptors=tuple(item.get("descriptors") or ()),
        )
        for item in body.get("results") or ()
    )


def trailer_of(body: Json) -> str | None:
    for video in (body.get("videos") or {}).get("results") or ():
        if video.get("site") == "YouTube" and video.get("type") == "Trailer" and video.get("key"):
            return f"https://www.youtube.com/watch?v={video['key']}"
    return None


class ArtAndVotes(TypedDict):
    poster_path: str | None
    backdrop_path: str | None
    vote_average: float
    vote_count: int
    popularity: float


def _art_and_votes(item: Json) -> ArtAndVotes:
    """The artwork and audience numbers of every movie and series, listed or in detail."""
    return ArtAndVotes(
        poster_path=text_of(item.get("poster_path")),
        backdrop_path=text_of(item.get("backdrop_path")),
        vote_average=float(item.get("vote_average") or 0.0),
        vote_count=int(item.get("vote_count") or 0),
        popularity=float(item.get("popularity") or 0.0),
    )


def _external_ids(body: Json) -> ExternalIds:
    """The ids a details answer carries along (`append_to_response`)."""
    return external_ids_of(body.get("external_ids") or {}, body["id"])


def movie_result_of(item: Json) -> MovieResult:
    return MovieResult(
        id=str(item["id"]),
        title=item.get("title") or item.get("original_title") or "",
        original_title=item.get("original_title") or "",
        overview=text_of(item.get("overview")),
        release_date=date_of(item.get("release_date")),
        **_art_and_votes(item),
        original_language=text_of(item.get("original_language")),
        genre_ids=tuple(str(g) for g in item.get("genre_ids") or ()),
        adult=bool(item.get("adult")),
    )


def series_result_of(item: Json) -> SeriesResult:
    return SeriesResult(
        id=str(item["id"]),
        name=item.get("name") or item.get("original_name") or "",
        original_name=item.get("original_name") or "",
        overview=text_of(item.get("overview")),
        first_air_date=date_of(item.get("first_air_date")),
        **_art_and_votes(item),
        original_language=text_of(item.get("original_language")),
        origin_country=tuple(item.get("origin_country") or ()),
        genre_ids=tuple(str(g) for g in item.get("genre_ids") or ()),
    )


def media_ref_of(item: Json) -> MediaRef:
    media = MediaType.TV if item.get("media_type") == "tv" else MediaType.MOVIE
    title = item.get("title") or item.get("name") or ""
    return MediaRef(media, str(item["id"]), title, text_of(item.get("poster_path")))


def person_result_of(item: Json) -> PersonResult:
    return PersonResult(
        id=str(item["id"]),
        name=item.get("name") or "",
        profile_path=text_of(item.get("profile_path")),
        popularity=float(item.get("popularity") or 0.0),
        known_for_department=text_of(item.get("known_for_department")),
        known_for=_many(item.get("known_for"), media_ref_of),
    )


def collection_of(body: Json) -> Collection:
    return Collection(
        id=str(body["id"]),
        name=body.get("name") or "",
        overview=text_of(body.get("overview")),
        poster_path=text_of(body.get("poster_path")),
        backdrop_path=text_of(body.get("backdrop_path")),
        parts=_many(body.get("parts"), movie_result_of),
    )


def movie_of(body: Json, language: str) -> Movie:
    collection = body.get("belongs_to_collection")
    return Movie(
        provider=TMDB,
        id=str(body["id"]),
        title=body.get("title") or body.get("original_title") or "",
        language=language,
        original_title=body.get("original_title") or "",
        original_language=text_of(body.get("original_language")),
        imdb_id=text_of(body.get("imdb_id")),
        tagline=text_of(body.get("tagline")),
        overview=text_of(body.get("overview")),
        release_date=date_of(body.get("release_date")),
        runtime=body.get("runtime") or None,
        status=body.get("status") or "",
        budget=body.get("budget") or None,
        revenue=body.get("revenue") or None,
        homepage=text_of(body.get("homepage")),
        **_art_and_votes(body),
        adult=bool(body.get("adult")),
        trailer_url=trailer_of(body),
        genres=_many(body.get("genres"), genre_of),
        production_countries=tuple(c["iso_3166_1"] for c in body.get("production_countries") or ()),
        spoken_languages=tuple(s["iso_639_1"] for s in body.get("spoken_languages") or ()),
        credits=credits_of(body.get("credits") or {}),
        collection=CollectionRef(
            id=str(collection["id"]),
            name=collection.get("name") or "",
            poster_path=text_of(collection.get("poster_path")),
            backdrop_path=text_of(collection.get("backdrop_path")),
        )
        if collection
        else None,
        external_ids=_external_ids(body),
        release_dates=release_dates_of(body.get("release_dates") or {}),
        images=images_of(body.get("images") or {}),
    )


def network_of(item: Json) -> Network:
    return Network(
        id=str(item["id"]),
        name=item.get("name") or "",
        logo_path=text_of(item.get("logo_path")),
        origin_country=text_of(item.get("origin_country")),
    )


def season_summary_of(item: Json) -> SeasonSummary:
    return SeasonSummary(
        id=str(item["id"]),
        season_number=int(item["season_number"]),
        name=item.get("name") or "",
        overview=text_of(item.get("overview")),
        air_date=date_of(item.get("air_date")),
        episode_count=int(item.get("episode_count") or 0),
        poster_path=text_of(item.get("poster_path")),
        vote_average=float(item.get("vote_average") or 0.0),
    )


def series_of(body: Json, language: str) -> Series:
    external = _external_ids(body)
    return Series(
        provider=TMDB,
        id=str(body["id"]),
        name=body.get("name") or body.get("original_name") or "",
        language=language,
        original_name=body.get("original_name") or "",
        original_language=text_of(body.get("original_language")),
        imdb_id=external.imdb_id,
        tvdb_id=external.tvdb_id,
        tagline=text_of(body.get("tagline")),
        overview=text_of(body.get("overview")),
        first_air_date=date_of(body.get("first_air_date")),
        last_air_date=date_of(body.get("last_air_date")),
        status=body.get("status") or "",
        type=body.get("type") or "",
        in_production=bool(body.get("in_production")),
        number_of_seasons=int(body.get("number_of_seasons") or 0),
        number_of_episodes=int(body.get("number_of_episodes") or 0),
        episode_run_time=tuple(int(m) for m in body.get("episode_run_time") or ()),
        homepage=text_of(body.get("homepage")),
        **_art_and_votes(body),
        trailer_url=trailer_of(body),
        origin_country=tuple(body.get("origin_country") or ()),
        genres=_many(body.get("genres"), genre_of),
        networks=_many(body.get("networks"), network_of),
        seasons=_many(body.get("seasons"), season_summary_of),
        credits=credits_of(body.get("aggregate_credits") or body.get("credits") or {}),
        external_ids=external,
        content_ratings=content_ratings_of(body.get("content_ratings") or {}),
        images=images_of(body.get("images") or {}),
    )


def episode_summary_of(item: Json) -> EpisodeSummary:
    return EpisodeSummary(
        id=str(item["id"]),
        season_number=int(item["season_number"]),
        episode_number=int(item["episode_number"]),
        name=item.get("name") or "",
        overview=text_of(item.get("overview")),
        air_date=date_of(item.get("air_date")),
        runtime=item.get("runtime") or None,
        still_path=text_of(item.get("still_path")),
        vote_average=float(item.get("vote_average") or 0.0),
        vote_count=int(item.get("vote_count") or 0),
        production_code=text_of(item.get("production_code")),
    )


def season_of(body: Json, series_id: str, language: str) -> Season:
    return Season(
        provider=TMDB,
        id=str(body["id"]),
        series_id=series_id,
        season_number=int(body["season_number"]),
        language=language,
        name=body.get("name") or "",
        overview=text_of(body.get("overview")),
        air_date=date_of(body.get("air_date")),
        poster_path=text_of(body.get("poster_path")),
        vote_average=float(body.get("vote_average") or 0.0),
        episodes=_many(body.get("episodes"), episode_summary_of),
        credits=credits_of(body.get("credits") or {}),
        external_ids=_external_ids(body),
        images=images_of(body.get("images") or {}),
    )


def episode_of(body: Json, series_id: str, language: str) -> Episode:
    return Episode(
        provider=TMDB,
        id=str(body["id"]),
        series_id=series_id,
        season_number=int(body["season_number"]),
        episode_number=int(body["episode_number"]),
        language=language,
        name=body.get("name") or "",
        overview=text_of(body.get("overview")),
        air_date=date_of(body.get("air_date")),
        runtime=body.get("runtime") or None,
        still_path=text_of(body.get("still_path")),
        vote_average=float(body.get("vote_average") or 0.0),
        vote_count=int(body.get("vote_count") or 0),
        production_code=text_of(body.get("production_code")),
        crew=_many(body.get("crew"), crew_of),
        guest_stars=_many(body.get("guest_stars"), cast_of),
        external_ids=_external_ids(body),
        images=images_of(body.get("images") or {}),
    )


def person_of(body: Json, language: str) -> Person:
    return Person(
        provider=TMDB,
        id=str(body["id"]),
        name=body.get("name") or "",
        language=language,
        imdb_id=text_of(body.get("imdb_id")),
        also_known_as=tuple(body.get("also_known_as") or ()),
        biography=text_of(body.get("biography")),
        birthday=date_of(body.get("birthday")),
        deathday=date_of(body.get("deathday")),
        gender=int(body.get("gender") or 0),
        place_of_birth=text_of(body.get("place_of_birth")),
        profile_path=text_of(body.get("profile_path")),
        homepage=text_of(body.get("homepage")),
        popularity=float(body.get("popularity") or 0.0),
        known_for_department=text_of(body.get("known_for_department")),
        adult=bool(body.get("adult")),
        external_ids=_external_ids(body),
        images=images_of(body.get("images") or {}),
    )


def media_credit_of(item: Json) -> MediaCredit:
    media = MediaType.TV if item.get("media_type") == "tv" else MediaType.MOVIE
    return MediaCredit(
        media_type=media,
        id=str(item["id"]),
        title=item.get("title") or item.get("name") or "",
        character=text_of(item.get("character")),
        job=text_of(item.get("job")),
        department=text_of(item.get("department")),
        release_date=date_of(item.get("release_date") or item.get("first_air_date")),
        poster_path=text_of(item.get("poster_path")),
        vote_average=float(item.get("vote_average") or 0.0),
        episode_count=item.get("episode_count"),
    )


def person_credits_of(body: Json, person_id: str) -> PersonCredits:
    return PersonCredits(
        person_id=person_id,
        cast=_many(body.get("cast"), media_credit_of),
        crew=_many(body.get("crew"), media_credit_of),
    )
