"""TheTVDB v4 JSON -> metadata model (field names as TheTVDB sends them)."""

from __future__ import annotations

from typing import Any

from revenge_adapters.metadata.tmdb_mapping import date_of, text_of
from revenge_domain.metadata.model import (
    CastMember,
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
    Network,
    SearchPage,
    Season,
    SeasonSummary,
    Series,
    SeriesResult,
)

Json = dict[str, Any]
TVDB = "tvdb"
# TheTVDB speaks ISO 639-2 codes.
LANGUAGES = {
    "en": "eng", "de": "deu", "fr": "fra", "es": "spa", "it": "ita", "ja": "jpn", "pt": "por",
    "ru": "rus", "zh": "zho", "ko": "kor", "nl": "nld", "sv": "swe", "da": "dan", "fi": "fin",
    "no": "nor", "pl": "pol", "tr": "tur", "cs": "ces", "hu": "hun", "he": "heb", "ar": "ara",
    "el": "ell", "uk": "ukr", "ro": "ron", "hi": "hin", "th": "tha", "id": "ind", "vi": "vie",
}  # fmt: skip
ARTWORK_KINDS = {
    1: ImageKind.BANNER, 2: ImageKind.POSTER, 3: ImageKind.BACKDROP, 5: ImageKind.LOGO,
    6: ImageKind.BANNER, 7: ImageKind.POSTER, 8: ImageKind.BACKDROP, 11: ImageKind.STILL,
    12: ImageKind.STILL, 22: ImageKind.CLEARART, 23: ImageKind.LOGO,
}  # fmt: skip
# ... and ISO 3166-1 alpha-3 country codes; the model keeps alpha-2.
COUNTRIES = {
    "usa": "US", "gbr": "GB", "deu": "DE", "fra": "FR", "can": "CA", "aus": "AU", "jpn": "JP",
    "esp": "ES", "ita": "IT", "nld": "NL", "bra": "BR", "kor": "KR", "swe": "SE", "dnk": "DK",
    "nor": "NO", "fin": "FI", "irl": "IE", "nzl": "NZ", "mex": "MX", "ind": "IN", "chn": "CN",
    "aut": "AT", "che": "CH", "bel": "BE", "pol": "PL", "rus": "RU", "tur": "TR", "prt": "PT",
}  # fmt: skip
REMOTE_IDS = {"IMDB": "imdb_id", "TheMovieDB.com": "tmdb_id", "Wikidata": "wikidata_id",
              "Facebook": "facebook_id", "Instagram": "instagram_id", "Twitter": "twitter_id",
              "TikTok": "tiktok_id", "YouTube": "youtube_id"}  # fmt: skip


def tvdb_language(language: str) -> str:
    return LANGUAGES.get(language.split("-")[0].lower(), "eng")


def country(code: Any) -> str:
    text = str(code or "")
    return COUNTRIES.get(text.lower(), text.upper())


def _two_letter(code: Any) -> str | None:
    wanted = str(code or "")
    return next((two for two, three in LANGUAGES.items() if three == wanted), None)


def translated(body: Json, field: str, language: str) -> str | None:
    """The text of `field` ("name", "overview") in `language` from `translations`."""
    lang = tvdb_language(language)
    lists = body.get("translations") or {}
    for item in lists.get(f"{field}Translations") or ():
        if item.get("language") == lang and item.get(field):
            return str(item[field])
    return None


def _text_in(body: Json, field: str, language: str, fallback: str) -> str | None:
    return translated(body, field, language) or translated(body, field, fallback)


def search_page_of(body: Json, language: str) -> SearchPage[SeriesResult]:
    lang = tvdb_language(language)
    results = tuple(_search_result(item, lang) for item in body.get("data") or ())
    total = (body.get("links") or {}).get("total_items") or len(results)
    return SearchPage(results=results, total_results=int(total), total_pages=1 if results else 0)


def _search_result(item: Json, lang: str) -> SeriesResult:
    names, overviews = item.get("translations") or {}, item.get("overviews") or {}
    return SeriesResult(
        id=str(item.get("tvdb_id") or item["id"]).removeprefix("series-"),
        name=names.get(lang) or item.get("name") or "",
        original_name=item.get("name") or "",
        overview=text_of(overviews.get(lang) or item.get("overview")),
        first_air_date=date_of(item.get("first_air_time")),
        poster_path=text_of(item.get("image_url") or item.get("thumbnail")),
        original_language=_two_letter(item.get("primary_language")),
        origin_country=(country(item["country"]),) if item.get("country") else (),
    )


def external_ids_of(body: Json) -> ExternalIds:
    found: dict[str, str] = {"tvdb_id": str(body["id"])}
    for remote in body.get("remoteIds") or ():
        name = REMOTE_IDS.get(str(remote.get("sourceName")))
        if name and remote.get("id"):
            found.setdefault(name, str(remote["id"]))
    return ExternalIds(**found)


def images_of(artworks: Any) -> Images:
    found = [
        Image(
            kind=ARTWORK_KINDS[item["type"]],
            file_path=item["image"],
            width=int(item.get("width") or 0),
            height=int(item.get("height") or 0),
            aspect_ratio=round(item["width"] / item["height"], 3) if item.get("height") else 0.0,
            language=_two_letter(item.get("language")),
            vote_average=float(item.get("score") or 0.0),
        )
        for item in artworks or ()
        if item.get("type") in ARTWORK_KINDS and item.get("image")
    ]
    return Images.of(found)


def credits_of(characters: Any) -> Credits:
    cast: list[CastMember] = []
    crew: list[CrewMember] = []
    for item in characters or ():
        role = str(item.get("peopleType") or "")
        person_id, name = str(item.get("peopleId") or item["id"]), item.get("personName") or ""
        image = text_of(item.get("personImgURL"))
        if role in ("Actor", "Guest Star"):
            order = int(item.get("sort") or 0)
            cast.append(CastMember(person_id, name, item.get("name") or "", order, image))
        else:
            crew.append(CrewMember(person_id, name, job=role, department=role, profile_path=image))
    return Credits(tuple(cast), tuple(crew))


def content_ratings_of(body: Json) -> tuple[ContentRating, ...]:
    return tuple(
        ContentRating(country_code=country(item.get("country")), rating=item["name"])
        for item in body.get("contentRatings") or ()
    )


def _network(item: Any) -> tuple[Network, ...]:
    if not item:
        return ()
    origin = country(item["country"]) if item.get("country") else None
    return (Network(str(item["id"]), item.get("name") or "", None, origin),)


def official_seasons(body: Json) -> list[Json]:
    return [s for s in body.get("seasons") or () if (s.get("type") or {}).get("type") == "official"]


def series_of(body: Json, language: str, fallback: str = "en") -> Series:
    external = external_ids_of(body)
    seasons = tuple(
        SeasonSummary(id=str(s["id"]), season_number=int(s["number"]), poster_path=s.get("image"))
        for s in official_seasons(body)
    )
    runtime = body.get("averageRuntime")
    return Series(
        provider=TVDB,
        id=str(body["id"]),
        name=_text_in(body, "name", language, fallback) or body.get("name") or "",
        language=language,
        original_name=body.get("name") or "",
        original_language=_two_letter(body.get("originalLanguage")),
        imdb_id=external.imdb_id,
        tvdb_id=str(body["id"]),
        overview=_text_in(body, "overview", language, fallback) or text_of(body.get("overview")),
        first_air_date=date_of(body.get("firstAired")),
        last_air_date=date_of(body.get("lastAired")),
        status=(body.get("status") or {}).get("name") or "",
        number_of_seasons=len([s for s in seasons if s.season_number > 0]),
        episode_run_time=(int(runtime),) if runtime else (),
        poster_path=text_of(body.get("image")),
        vote_average=0.0,
        origin_country=(country(body["originalCountry"]),) if body.get("originalCountry") else (),
        genres=tuple(Genre(str(g["id"]), g.get("name") or "") for g in body.get("genres") or ()),
        networks=_network(body.get("originalNetwork") or body.get("latestNetwork")),
        seasons=seasons,
        credits=credits_of(body.get("characters")),
        external_ids=external,
        content_ratings=content_ratings_of(body),
        images=images_of(body.get("artworks")),
    )


def episode_summary_of(item: Json) -> EpisodeSummary:
    return EpisodeSummary(
        id=str(item["id"]),
        season_number=int(item["seasonNumber"]),
        episode_number=int(item["number"]),
        name=item.get("name") or "",
        overview=text_of(item.get("overview")),
        air_date=date_of(item.get("aired")),
        runtime=item.get("runtime") or None,
        still_path=text_of(item.get("image")),
    )


def season_of(series_id: str, season: Json, episodes: list[Json], language: str) -> Season:
    number = int(season["number"])
    aired = [day for day in (date_of(e.get("aired")) for e in episodes) if day is not None]
    return Season(
        provider=TVDB,
        id=str(season["id"]),
        series_id=series_id,
        season_number=number,
        language=language,
        name=season.get("name") or ("Specials" if number == 0 else f"Season {number}"),
        overview=text_of(season.get("overview")),
        poster_path=text_of(season.get("image")),
        air_date=min(aired, default=None),
        episodes=tuple(episode_summary_of(e) for e in episodes),
        images=images_of(season.get("artwork")),
    )


def episode_of(series_id: str, item: Json, language: str) -> Episode:
    summary = episode_summary_of(item)
    still = summary.still_path
    images = Images(stills=(Image(ImageKind.STILL, still),)) if still else Images()
    return Episode(
        provider=TVDB,
        id=summary.id,
        series_id=series_id,
        season_number=summary.season_number,
        episode_number=summary.episode_number,
        language=language,
        name=summary.name,
        overview=summary.overview,
        air_date=summary.air_date,
        runtime=summary.runtime,
        still_path=still,
        production_code=text_of(item.get("productionCode")),
        external_ids=ExternalIds(tvdb_id=summary.id),
        images=images,
    )
