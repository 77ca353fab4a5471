"""Provider values (one per language fetched, the first is the primary language) to the facts
a refresh writes. Texts missing in the primary language fall back to the next language."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from revenge_domain.metadata import model as provided
from revenge_domain.metadata.refresh.model import (
    CastCredit,
    CollectionFacts,
    CrewCredit,
    EpisodeFacts,
    GenreTag,
    MovieFacts,
    NetworkFacts,
    PersonDetails,
    PersonFacts,
    SeasonFacts,
    SeriesFacts,
    Texts,
    numeric_id,
    slug_of,
)

V = TypeVar("V")
# Credits kept per title: the billed cast and the crew people look for, not every grip.
CAST_LIMIT = 50
CREW_LIMIT = 50
_THEATRICAL = 3
_WORD = re.compile(r"[^0-9a-z]+")


def first_text(versions: Sequence[V], text_of: Callable[[V], str | None]) -> str | None:
    """The text in the first language that has one."""
    for version in versions:
        text = text_of(version)
        if text:
            return text
    return None


def positive(value: float) -> float | None:
    return value if value > 0 else None


def counted(value: int) -> int | None:
    return value if value > 0 else None


def person_facts(member: provided.CastMember | provided.CrewMember) -> PersonFacts | None:
    tmdb_id = numeric_id(member.id)
    if tmdb_id is None or not member.name:
        return None
    department = getattr(member, "known_for_department", None)
    return PersonFacts(tmdb_id, member.name, member.profile_path, member.gender, department)


def cast_of(credits: provided.Credits) -> tuple[CastCredit, ...]:
    cast = []
    for member in sorted(credits.cast, key=lambda m: m.order)[:CAST_LIMIT]:
        person = person_facts(member)
        if person is not None:
            cast.append(CastCredit(person, member.character or "", member.order))
    return tuple(cast)


def crew_of(credits: provided.Credits) -> tuple[CrewCredit, ...]:
    crew, seen = [], set()
    for member in credits.crew:
        person = person_facts(member)
        key = (member.id, member.job, member.department)
        if person is None or not member.job or not member.department or key in seen:
            continue
        seen.add(key)
        crew.append(CrewCredit(person, member.job, member.department))
    return tuple(crew[:CREW_LIMIT])


def genres_of(
    versions: Sequence[provided.Movie] | Sequence[provided.Series],
) -> tuple[GenreTag, ...]:
    """Names in the primary language; slugs from the English names when English was fetched,
    so the same genre has one slug whatever the language."""
    english = next((v for v in versions if v.language.split("-")[0] == "en"), versions[0])
    english_names = {genre.id: genre.name for genre in english.genres}
    tags: dict[str, GenreTag] = {}
    for genre in versions[0].genres:
        slug = slug_of(english_names.get(genre.id, genre.name))
        if slug:
            tags.setdefault(slug, GenreTag(genre.name, slug))
    return tuple(tags.values())


def texts_of(
    languages: Sequence[str],
    versions: Sequence[V | None],
    title: Callable[[V], str | None],
    overview: Callable[[V], str | None],
    tagline: Callable[[V], str | None] | None = None,
) -> tuple[Texts, ...]:
    found = []
    for language, version in _fetched(languages, versions):
        texts = Texts(
            language,
            title(version) or None,
            overview(version) or None,
            (tagline(version) if tagline else None) or None,
        )
        if texts.title or texts.overview or texts.tagline:
            found.append(texts)
    return tuple(found)


def _fetched(languages: Sequence[str], versions: Sequence[V | None]) -> list[tuple[str, V]]:
    return [(lang, v) for lang, v in zip(languages, versions, strict=True) if v is not None]


def certifications(releases: Sequence[provided.ReleaseDate]) -> dict[str, str]:
    """One certification per country, the theatrical release's when there is one."""
    ordered = sorted(releases, key=lambda r: r.type != _THEATRICAL)
    found: dict[str, str] = {}
    for release in ordered:
        if release.certification:
            found.setdefault(release.country_code, release.certification)
    return found


def movie_facts(languages: Sequence[str], versions: Sequence[provided.Movie | None]) -> MovieFacts:
    present = [version for version in versions if version is not None]
    main = present[0]
    collection = main.collection
    return MovieFacts(
        tmdb_id=_tmdb_id(main.id),
        imdb_id=main.imdb_id or main.external_ids.imdb_id,
        original_title=main.original_title or None,
        original_language=main.original_language,
        overview=first_text(present, lambda v: v.overview),
        tagline=first_text(present, lambda v: v.tagline),
        runtime=main.runtime or None,
        release_date=main.release_date,
        status=main.status or None,
        vote_average=positive(main.vote_average),
        vote_count=counted(main.vote_count),
        popularity=positive(main.popularity),
        poster_path=main.poster_path,
        backdrop_path=main.backdrop_path,
        budget=main.budget or None,
        revenue=main.revenue or None,
        trailer_url=main.trailer_url,
        age_ratings=certifications(main.release_dates),
        texts=texts_of(
            languages, versions, lambda v: v.title, lambda v: v.overview, lambda v: v.tagline
        ),
        genres=genres_of(present),
        cast=cast_of(main.credits),
        crew=crew_of(main.credits),
        collection=_collection(collection),
    )


def _collection(ref: provided.CollectionRef | None) -> CollectionFacts | None:
    tmdb_id = numeric_id(ref.id) if ref is not None else None
    if ref is None or tmdb_id is None:
        return None
    return CollectionFacts(tmdb_id, ref.name, ref.poster_path, ref.backdrop_path)


def series_facts(
    languages: Sequence[str], versions: Sequence[provided.Series | None]
) -> SeriesFacts:
    present = [version for version in versions if version is not None]
    main = present[0]
    ids = main.external_ids
    return SeriesFacts(
        tmdb_id=_tmdb_id(main.id),
        tvdb_id=numeric_id(main.tvdb_id or ids.tvdb_id),
        imdb_id=main.imdb_id or ids.imdb_id,
        original_title=main.original_name or None,
        original_language=main.original_language,
        overview=first_text(present, lambda v: v.overview),
        tagline=first_text(present, lambda v: v.tagline),
        status=main.status or None,
        type=main.type or None,
        first_air_date=main.first_air_date,
        last_air_date=main.last_air_date,
        vote_average=positive(main.vote_average),
        vote_count=counted(main.vote_count),
        popularity=positive(main.popularity),
        poster_path=main.poster_path,
        backdrop_path=main.backdrop_path,
        homepage=main.homepage,
        trailer_url=main.trailer_url,
        total_seasons=counted(main.number_of_seasons),
        total_episodes=counted(main.number_of_episodes),
        age_ratings={r.country_code: r.rating for r in main.content_ratings if r.rating},
        texts=texts_of(
            languages, versions, lambda v: v.name, lambda v: v.overview, lambda v: v.tagline
        ),
        genres=genres_of(present),
        cast=cast_of(main.credits),
        crew=crew_of(main.credits),
        networks=networks_of(main.networks),
    )


def networks_of(networks: Sequence[provided.Network]) -> tuple[NetworkFacts, ...]:
    found = []
    for network in networks:
        tmdb_id = numeric_id(network.id)
        if tmdb_id is not None and network.name:
            found.append(
                NetworkFacts(tmdb_id, network.name, network.logo_path, network.origin_country)
            )
    return tuple(found)


def season_facts(
    languages: Sequence[str], versions: Sequence[provided.Season | None]
) -> SeasonFacts:
    present = [version for version in versions if version is not None]
    main = present[0]
    return SeasonFacts(
        season_number=main.season_number,
        tmdb_id=numeric_id(main.id),
        name=first_text(present, lambda v: v.name),
        overview=first_text(present, lambda v: v.overview),
        air_date=main.air_date,
        poster_path=main.poster_path,
        vote_average=positive(main.vote_average),
        texts=texts_of(languages, versions, lambda v: v.name, lambda v: v.overview),
        episodes=_season_episodes(languages, versions),
    )


def _season_episodes(
    languages: Sequence[str], versions: Sequence[provided.Season | None]
) -> tuple[EpisodeFacts, ...]:
    by_number: dict[int, list[provided.EpisodeSummary | None]] = {}
    for index, version in enumerate(versions):
        for episode in version.episodes if version is not None else ():
            slots = by_number.setdefault(episode.episode_number, [None] * len(versions))
            slots[index] = episode
    return tuple(episode_facts(languages, slots) for _, slots in sorted(by_number.items()))


def summary_of(episode: provided.Episode | None) -> provided.EpisodeSummary | None:
    """An episode's details as its season lists it."""
    if episode is None:
        return None
    return provided.EpisodeSummary(
        id=episode.id,
        season_number=episode.season_number,
        episode_number=episode.episode_number,
        name=episode.name,
        overview=episode.overview,
        air_date=episode.air_date,
        runtime=episode.runtime,
        still_path=episode.still_path,
        vote_average=episode.vote_average,
        vote_count=episode.vote_count,
        production_code=episode.production_code,
    )


def _name(episode: provided.EpisodeSummary) -> str | None:
    return episode.name


def _overview(episode: provided.EpisodeSummary) -> str | None:
    return episode.overview


def episode_facts(
    languages: Sequence[str], versions: Sequence[provided.EpisodeSummary | None]
) -> EpisodeFacts:
    present = [version for version in versions if version is not None]
    main = present[0]
    return EpisodeFacts(
        episode_number=main.episode_number,
        tmdb_id=numeric_id(main.id),
        title=first_text(present, _name),
        overview=first_text(present, _overview),
        air_date=main.air_date,
        runtime=main.runtime or None,
        still_path=main.still_path,
        vote_average=positive(main.vote_average),
        vote_count=counted(main.vote_count),
        production_code=main.production_code or None,
        texts=texts_of(languages, versions, _name, _overview),
    )


def person_details(versions: Sequence[provided.Person | None]) -> PersonDetails:
    present = [version for version in versions if version is not None]
    main = present[0]
    return PersonDetails(
        tmdb_id=_tmdb_id(main.id),
        name=main.name,
        imdb_id=main.imdb_id or main.external_ids.imdb_id,
        biography=first_text(present, lambda v: v.biography),
        birthday=main.birthday,
        deathday=main.deathday,
        place_of_birth=main.place_of_birth,
        profile_path=main.profile_path,
        gender=main.gender,
        known_for_department=main.known_for_department,
        popularity=positive(main.popularity),
    )


def comparable_title(title: str) -> str:
    """Case, punctuation and spacing removed: `The Matrix: Reloaded` -> `thematrixreloaded`."""
    return _WORD.sub("", title.casefold())


def _tmdb_id(value: str) -> int:
    tmdb_id = numeric_id(value)
    if tmdb_id is None:
        raise ValueError(f"not a TMDb id: {value!r}")
    return tmdb_id
