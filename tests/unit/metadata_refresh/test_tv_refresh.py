"""Refreshing series, seasons and episodes: existing rows only, matched by their numbers."""

from __future__ import annotations

import datetime as dt
import uuid
from uuid import UUID

from revenge_adapters.jobs.handlers import JobHandlers
from revenge_adapters.jobs.runner import Outcome
from revenge_domain.metadata import model as m
from revenge_domain.metadata.jobs import (
    DownloadImage,
    RefreshEpisodeMetadata,
    RefreshSeasonMetadata,
    RefreshSeriesMetadata,
)
from revenge_domain.metadata.refresh import RefreshEpisode, RefreshSeason, RefreshSeries
from revenge_domain.metadata.refresh.model import (
    EpisodeRef,
    EpisodeTarget,
    SeasonRef,
    SeasonTarget,
    SeriesTarget,
)
from revenge_domain.ports.catalog_changes import Entity
from tests.unit.metadata_refresh import values
from tests.unit.metadata_refresh.conftest import World
from tests.unit.metadata_refresh.fakes import InMemorySeriesStore


def a_show(store: InMemorySeriesStore, tmdb_id: int | None = 1399) -> tuple[UUID, UUID]:
    """A series with season 1 holding episodes 1 and 2 (the provider has 3)."""
    series_id, season_id = uuid.uuid4(), uuid.uuid4()
    episodes = {number: uuid.uuid4() for number in (1, 2)}
    store.targets[series_id] = SeriesTarget(
        series_id,
        uuid.uuid4(),
        "Game of Thrones",
        2011,
        tmdb_id,
        seasons=(SeasonRef(season_id, 1),),
    )
    store.seasons[season_id] = SeasonTarget(
        season_id,
        series_id,
        1,
        episodes=tuple(EpisodeRef(eid, number) for number, eid in episodes.items()),
    )
    for number, episode_id in episodes.items():
        store.episodes[episode_id] = EpisodeTarget(episode_id, series_id, season_id, 1, number)
    return series_id, season_id


def handlers_for(world: World, store: InMemorySeriesStore) -> JobHandlers:
    context, tmdb = world.context(), world.tmdb
    handlers = JobHandlers()
    handlers.register(RefreshSeriesMetadata, RefreshSeries(store, context, tmdb))
    handlers.register(RefreshSeasonMetadata, RefreshSeason(store, context, tmdb))
    handlers.register(RefreshEpisodeMetadata, RefreshEpisode(store, context, tmdb))
    return handlers


async def test_a_series_refresh_writes_the_series_then_its_existing_seasons_and_episodes(
    world: World,
) -> None:
    store = InMemorySeriesStore()
    series_id, season_id = a_show(store)
    world.tmdb.series_by_id[("1399", "en")] = values.series()
    world.tmdb.seasons[("1399", 1, "en")] = values.season(1, episodes=3)
    queue = world.running(handlers_for(world, store))

    await queue.enqueue(RefreshSeriesMetadata(series_id=series_id))

    facts = store.series_facts[series_id]
    assert facts.overview == "Seven noble families fight for control."
    assert (facts.tvdb_id, facts.imdb_id) == (121361, "tt0944947")
    assert [g.slug for g in facts.genres] == ["drama"]
    assert [(n.tmdb_id, n.name) for n in facts.networks] == [(49, "HBO")]
    assert store.season_facts[season_id].name == "Season 1"
    titles = {store.episodes[eid].episode_number: f.title for eid, f in store.episode_facts.items()}
    assert titles == {1: "Chapter 1", 2: "Chapter 2"}
    assert [kind for kind, _ in queue.outcomes if kind.startswith("metadata_refresh")] == [
        "metadata_refresh_tvshow",
        "metadata_refresh_person",
        "metadata_refresh_season",
    ]
    changed = {(entity, tuple(ids)) for _, entity, ids in world.changes.reports}
    assert (Entity.SERIES, (series_id,)) in changed
    assert (Entity.SEASON, (season_id,)) in changed
    assert (Entity.EPISODE, tuple(sorted(store.episode_facts))) in changed


async def test_a_series_without_seasons_asked_for_queues_none(world: World) -> None:
    store = InMemorySeriesStore()
    series_id, _ = a_show(store)
    world.tmdb.series_by_id[("1399", "en")] = values.series()
    queue = world.running(handlers_for(world, store))

    await queue.enqueue(RefreshSeriesMetadata(series_id=series_id, include_seasons=False))

    assert [kind for kind, _ in queue.outcomes] == [
        "metadata_refresh_tvshow",
        "metadata_refresh_person",  # the new top-billed cast member's biography
    ]


async def test_a_series_without_an_id_is_found_by_title_and_first_air_year(world: World) -> None:
    store = InMemorySeriesStore()
    series_id, _ = a_show(store, tmdb_id=None)
    world.tmdb.series_results = [
        m.SeriesResult("999", "Game of Thrones: Conquest", first_air_date=dt.date(2011, 1, 1)),
        m.SeriesResult("1399", "Game of Thrones", first_air_date=dt.date(2011, 4, 17)),
    ]
    world.tmdb.series_by_id[("1399", "en")] = values.series()
    queue = world.running(handlers_for(world, store))

    await queue.enqueue(RefreshSeriesMetadata(series_id=series_id, include_seasons=False))

    assert store.series_facts[series_id].tmdb_id == 1399


async def test_a_season_refresh_can_leave_the_episodes_alone(world: World) -> None:
    store = InMemorySeriesStore()
    series_id, season_id = a_show(store)
    world.tmdb.seasons[("1399", 1, "en")] = values.season(1)
    queue = world.running(handlers_for(world, store))

    job = RefreshSeasonMetadata(
        series_id=series_id, season_id=season_id, season_number=1, include_episodes=False
    )
    await queue.enqueue(job)

    assert store.season_facts[season_id].poster_path == "/season-1.jpg"
    assert store.episode_facts == {}
    images = [(j.image_type, j.path) for j in queue.enqueued if isinstance(j, DownloadImage)]
    assert images == []  # the in-memory store reports no images for seasons


async def test_a_season_of_a_series_not_matched_yet_waits_for_the_series(world: World) -> None:
    store = InMemorySeriesStore()
    series_id, season_id = a_show(store, tmdb_id=None)
    queue = world.running(handlers_for(world, store))

    job = RefreshSeasonMetadata(series_id=series_id, season_id=season_id, season_number=1)
    await queue.enqueue(job)

    assert world.tmdb.calls == []
    assert world.log.entries == {}


async def test_an_episode_refresh_writes_that_episode_in_every_language(world: World) -> None:
    store = InMemorySeriesStore()
    series_id, season_id = a_show(store)
    episode_id = next(e for e in store.episodes.values() if e.episode_number == 2).id
    for language, name in (("en", "The Kingsroad"), ("de", "Der Königsweg")):
        world.tmdb.episodes[("1399", 1, 2, language)] = m.Episode(
            "tmdb", "63057", "1399", 1, 2, language, name=name, runtime=56
        )
    handlers = JobHandlers()
    context = world.context(languages=("de", "en"))
    handlers.register(RefreshEpisodeMetadata, RefreshEpisode(store, context, world.tmdb))
    queue = world.running(handlers)

    job = RefreshEpisodeMetadata(
        series_id=series_id,
        season_id=season_id,
        episode_id=episode_id,
        season_number=1,
        episode_number=2,
    )
    await queue.enqueue(job)

    facts = store.episode_facts[episode_id]
    assert (facts.title, facts.runtime, facts.tmdb_id) == ("Der Königsweg", 56, 63057)
    assert [(t.language, t.title) for t in facts.texts] == [
        ("de", "Der Königsweg"),
        ("en", "The Kingsroad"),
    ]
    assert queue.outcomes == [("metadata_refresh_episode", Outcome.SUCCEEDED)]
