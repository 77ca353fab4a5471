"""In-memory providers and catalogue writers for the refresh use cases."""

from __future__ import annotations

import datetime as dt
import uuid
from uuid import UUID

import attrs

from revenge_domain.metadata import model as m
from revenge_domain.metadata.errors import ProviderError
from revenge_domain.metadata.refresh.model import (
    Enrichment,
    EpisodeFacts,
    EpisodeTarget,
    ImageRef,
    LastRefresh,
    MovieFacts,
    MovieTarget,
    Outcome,
    PersonDetails,
    PersonFacts,
    PersonTarget,
    SeasonFacts,
    SeasonTarget,
    SeriesFacts,
    SeriesTarget,
    Written,
)


class FakeTmdb:
    """Movies, series, seasons, episodes and people by TMDb id and language; `failures` are
    raised, one per call, before answering; every call is counted."""

    def __init__(self) -> None:
        self.movies: dict[tuple[str, str], m.Movie] = {}
        self.movie_results: list[m.MovieResult] = []
        self.series_by_id: dict[tuple[str, str], m.Series] = {}
        self.series_results: list[m.SeriesResult] = []
        self.seasons: dict[tuple[str, int, str], m.Season] = {}
        self.episodes: dict[tuple[str, int, int, str], m.Episode] = {}
        self.people: dict[tuple[str, str], m.Person] = {}
        self.people_results: list[m.PersonResult] = []
        self.failures: list[ProviderError] = []
        self.calls: list[str] = []

    def _call(self, name: str) -> None:
        self.calls.append(name)
        if self.failures:
            raise self.failures.pop(0)

    async def search_movies(
        self, query: str, language: str, *, year: int | None = None, page: int = 1
    ) -> m.SearchPage[m.MovieResult]:
        self._call("search_movies")
        found = [r for r in self.movie_results if year is None or _year(r.release_date) == year]
        return m.SearchPage(tuple(found), 1, len(found), 1)

    async def movie(self, movie_id: str, language: str) -> m.Movie | None:
        self._call("movie")
        return self.movies.get((movie_id, language))

    async def movie_credits(self, movie_id: str, language: str) -> m.Credits | None:
        return None

    async def movie_images(self, movie_id: str, language: str | None) -> m.Images | None:
        return None

    async def movie_external_ids(self, movie_id: str, language: str) -> m.ExternalIds | None:
        return None

    async def movie_release_dates(
        self, movie_id: str, language: str
    ) -> tuple[m.ReleaseDate, ...] | None:
        return None

    async def similar_movies(
        self, movie_id: str, language: str, *, page: int = 1
    ) -> m.SearchPage[m.MovieResult] | None:
        return None

    async def movie_recommendations(
        self, movie_id: str, language: str, *, page: int = 1
    ) -> m.SearchPage[m.MovieResult] | None:
        return None

    async def collection(self, collection_id: str, language: str) -> m.Collection | None:
        return None

    async def search_series(
        self, query: str, language: str, *, year: int | None = None, page: int = 1
    ) -> m.SearchPage[m.SeriesResult]:
        self._call("search_series")
        found = [r for r in self.series_results if year is None or _year(r.first_air_date) == year]
        return m.SearchPage(tuple(found), 1, len(found), 1)

    async def series(self, series_id: str, language: str) -> m.Series | None:
        self._call("series")
        return self.series_by_id.get((series_id, language))

    async def series_credits(self, series_id: str, language: str) -> m.Credits | None:
        return None

    async def series_images(self, series_id: str, language: str | None) -> m.Images | None:
        return None

    async def series_content_ratings(
        self, series_id: str, language: str
    ) -> tuple[m.ContentRating, ...] | None:
        return None

    async def series_external_ids(self, series_id: str, language: str) -> m.ExternalIds | None:
        return None

    async def season(self, series_id: str, season_number: int, language: str) -> m.Season | None:
        self._call("season")
        return self.seasons.get((series_id, season_number, language))

    async def season_images(
        self, series_id: str, season_number: int, language: str | None
    ) -> m.Images | None:
        return None

    async def episode(
        self, series_id: str, season_number: int, episode_number: int, language: str
    ) -> m.Episode | None:
        self._call("episode")
        return self.episodes.get((series_id, season_number, episode_number, language))

    async def episode_images(
        self, series_id: str, season_number: int, episode_number: int, language: str | None
    ) -> m.Images | None:
        return None

    async def search_people(
        self, query: str, language: str, *, page: int = 1
    ) -> m.SearchPage[m.PersonResult]:
        self._call("search_people")
        return m.SearchPage(tuple(self.people_results), 1, len(self.people_results), 1)

    async def person(self, person_id: str, language: str) -> m.Person | None:
        self._call("person")
        return self.people.get((person_id, language))

    async def person_credits(self, person_id: str, language: str) -> m.PersonCredits | None:
        return None

    async def person_images(self, person_id: str, language: str | None) -> m.Images | None:
        return None


def _year(day: dt.date | None) -> int | None:
    return day.year if day else None


@attrs.define
class FakeRatings:
    ratings_by_imdb: dict[str, m.Ratings] = attrs.Factory(dict)
    failure: ProviderError | None = None

    async def ratings(self, imdb_id: str, language: str) -> m.Ratings | None:
        if self.failure is not None:
            raise self.failure
        return self.ratings_by_imdb.get(imdb_id)


@attrs.define
class FakeArtwork:
    movies: dict[str, m.Images] = attrs.Factory(dict)
    series: dict[str, m.Images] = attrs.Factory(dict)

    async def movie_artwork(self, movie_id: str, language: str | None) -> m.Images | None:
        return self.movies.get(movie_id)

    async def series_artwork(self, tvdb_id: str, language: str | None) -> m.Images | None:
        return self.series.get(tvdb_id)


class InMemoryPeople:
    """`shared.people` by TMDb id."""

    def __init__(self) -> None:
        self.rows: dict[int, tuple[UUID, PersonFacts]] = {}

    def upsert(self, people: list[PersonFacts]) -> Written:
        changed, created, images = set(), {}, []
        for person in people:
            known = self.rows.get(person.tmdb_id)
            if known is not None and known[1] == person:
                continue
            person_id = known[0] if known else uuid.uuid4()
            if known is None:
                created[person.tmdb_id] = person_id
            if person.profile_path and (
                known is None or known[1].profile_path != person.profile_path
            ):
                images.append(ImageRef("profile", person.profile_path))
            self.rows[person.tmdb_id] = (person_id, person)
            changed.add(person_id)
        return Written(people=frozenset(changed), created_people=created, images=tuple(images))


def _images(before: dict[str, str | None], after: dict[str, str | None]) -> tuple[ImageRef, ...]:
    return tuple(
        ImageRef(kind, path) for kind, path in after.items() if path and path != before.get(kind)
    )


class InMemoryMovieStore:
    """Movies with the last facts written; a write that brings nothing new changes nothing."""

    def __init__(self, people: InMemoryPeople | None = None) -> None:
        self.targets: dict[UUID, MovieTarget] = {}
        self.facts: dict[UUID, MovieFacts] = {}
        self.enrichments: dict[UUID, Enrichment] = {}
        self.people = people or InMemoryPeople()

    def add(
        self, library_id: UUID, title: str, year: int | None = None, tmdb_id: int | None = None
    ) -> UUID:
        movie_id = uuid.uuid4()
        self.targets[movie_id] = MovieTarget(movie_id, library_id, title, year, tmdb_id)
        return movie_id

    async def movie(self, movie_id: UUID) -> MovieTarget | None:
        return self.targets.get(movie_id)

    async def write_movie(self, movie_id: UUID, facts: MovieFacts, at: dt.datetime) -> Written:
        target = self.targets[movie_id]
        credited = self.people.upsert(
            [c.person for c in facts.cast] + [c.person for c in facts.crew]
        )
        before = {"poster": target.poster_path, "backdrop": target.backdrop_path}
        after = {"poster": facts.poster_path, "backdrop": facts.backdrop_path}
        changed = self.facts.get(movie_id) != facts
        self.facts[movie_id] = facts
        self.targets[movie_id] = attrs.evolve(
            target,
            tmdb_id=facts.tmdb_id,
            imdb_id=facts.imdb_id,
            poster_path=facts.poster_path,
            backdrop_path=facts.backdrop_path,
        )
        return attrs.evolve(
            credited, changed=changed, images=_images(before, after) + credited.images
        )

    async def write_enrichment(self, movie_id: UUID, facts: Enrichment) -> Written:
        changed = self.enrichments.get(movie_id) != facts
        self.enrichments[movie_id] = facts
        return Written(changed=changed)


class InMemorySeriesStore:
    def __init__(self) -> None:
        self.targets: dict[UUID, SeriesTarget] = {}
        self.seasons: dict[UUID, SeasonTarget] = {}
        self.episodes: dict[UUID, EpisodeTarget] = {}
        self.series_facts: dict[UUID, SeriesFacts] = {}
        self.season_facts: dict[UUID, SeasonFacts] = {}
        self.episode_facts: dict[UUID, EpisodeFacts] = {}
        self.enrichments: dict[UUID, Enrichment] = {}
        self.people = InMemoryPeople()

    async def series(self, series_id: UUID) -> SeriesTarget | None:
        return self.targets.get(series_id)

    async def season(self, season_id: UUID) -> SeasonTarget | None:
        season = self.seasons.get(season_id)
        if season is None:
            return None
        return attrs.evolve(season, series_tmdb_id=self.targets[season.series_id].tmdb_id)

    async def episode(self, episode_id: UUID) -> EpisodeTarget | None:
        episode = self.episodes.get(episode_id)
        if episode is None:
            return None
        return attrs.evolve(episode, series_tmdb_id=self.targets[episode.series_id].tmdb_id)

    async def write_series(self, series_id: UUID, facts: SeriesFacts, at: dt.datetime) -> Written:
        credited = self.people.upsert(
            [c.person for c in facts.cast] + [c.person for c in facts.crew]
        )
        changed = self.series_facts.get(series_id) != facts
        self.series_facts[series_id] = facts
        self.targets[series_id] = attrs.evolve(self.targets[series_id], tmdb_id=facts.tmdb_id)
        return attrs.evolve(credited, changed=changed)

    async def write_season(
        self, season_id: UUID, facts: SeasonFacts, with_episodes: bool
    ) -> Written:
        changed = self.season_facts.get(season_id) != facts
        self.season_facts[season_id] = facts
        written: set[UUID] = set()
        if with_episodes:
            known = {e.episode_number: e.id for e in self.seasons[season_id].episodes}
            for episode in facts.episodes:
                episode_id = known.get(episode.episode_number)
                if episode_id is not None and self.episode_facts.get(episode_id) != episode:
                    self.episode_facts[episode_id] = episode
                    written.add(episode_id)
        return Written(changed=changed, episodes=frozenset(written))

    async def write_episode(self, episode_id: UUID, facts: EpisodeFacts) -> Written:
        changed = self.episode_facts.get(episode_id) != facts
        self.episode_facts[episode_id] = facts
        return Written(changed=changed)

    async def write_enrichment(self, series_id: UUID, facts: Enrichment) -> Written:
        changed = self.enrichments.get(series_id) != facts
        self.enrichments[series_id] = facts
        return Written(changed=changed)


class InMemoryPersonStore:
    def __init__(self) -> None:
        self.targets: dict[UUID, PersonTarget] = {}
        self.details: dict[UUID, PersonDetails] = {}

    async def person(self, person_id: UUID) -> PersonTarget | None:
        return self.targets.get(person_id)

    async def write_person(self, person_id: UUID, details: PersonDetails) -> Written:
        changed = self.details.get(person_id) != details
        self.details[person_id] = details
        return Written(changed=changed)


class InMemoryRefreshLog:
    def __init__(self) -> None:
        self.entries: dict[tuple[str, UUID], tuple[LastRefresh, str]] = {}

    async def last(self, kind: str, item_id: UUID) -> LastRefresh | None:
        entry = self.entries.get((kind, item_id))
        return entry[0] if entry else None

    async def record(
        self, kind: str, item_id: UUID, outcome: Outcome, at: dt.datetime, detail: str = ""
    ) -> None:
        self.entries[(kind, item_id)] = (LastRefresh(outcome, at), detail)
