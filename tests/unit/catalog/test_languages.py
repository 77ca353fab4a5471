"""The catalogue language: a saved preference, else the client's language, else English; the
movie and TV use cases read (and cache) their texts in it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from revenge_adapters.tvshows import CachedTVCatalog
from revenge_domain.identity import USER, AuthMethod, Principal, User
from revenge_domain.identity.access import DEFAULT_GRANTS
from revenge_domain.identity.profiles import Profiles
from revenge_domain.languages import CatalogLanguage, primary_language
from revenge_domain.libraries import ALL, Readable
from revenge_domain.movies import (
    CachedMovieCatalog,
    CachedMovieWatchStore,
    MovieCatalogue,
    MovieOrder,
)
from revenge_domain.ports.catalog_changes import Entity
from revenge_domain.tvshows import SeriesOrder, TVShows
from tests.unit.catalog.test_cache_follower import ForgottenLanguages
from tests.unit.fakes.accounts import FakeAccountStore
from tests.unit.fakes.cache import InMemoryCache
from tests.unit.fakes.catalog_changes import RecordedChanges
from tests.unit.movies.fakes import InMemoryMovieCatalog, InMemoryWatchStore
from tests.unit.tvshows.test_cached_catalog import CountingCatalog, series

LIB = uuid.uuid4()
NOW = datetime(2026, 1, 2, tzinfo=UTC)


class SavedLanguages(ForgottenLanguages):
    def __init__(self, saved: dict[uuid.UUID, str]) -> None:
        super().__init__()
        self.saved = saved

    async def metadata_language(self, user_id: uuid.UUID) -> str | None:
        return self.saved.get(user_id)


class Everything:
    async def readable_library_ids(self, principal: Principal) -> Readable:
        return ALL

    async def forget(self, user_id: uuid.UUID) -> None:
        return None

    async def forget_everyone(self) -> None:
        return None


def caller() -> Principal:
    return Principal(
        uuid.uuid4(), "u", frozenset({USER}), DEFAULT_GRANTS[USER], None, AuthMethod.BEARER
    )


@pytest.mark.parametrize(
    ("tag", "language"),
    [("de-DE", "de"), ("pt_BR", "pt"), ("FR", "fr"), ("fil", "fil"), ("", None), ("*", None)],
)
def test_a_tag_is_reduced_to_its_language(tag: str, language: str | None) -> None:
    assert primary_language(tag) == language


def test_what_is_not_a_language_tag_is_ignored() -> None:
    assert primary_language("12-x") is None
    assert primary_language("english") is None


async def test_a_saved_preference_goes_before_the_clients_language() -> None:
    saver, other = caller(), caller()
    language = CatalogLanguage(SavedLanguages({saver.user_id: "es"}))

    assert await language.of(saver, "de-DE") == "es"
    assert await language.of(other, "de-DE") == "de"
    assert await language.of(other, None) == "en"
    assert await language.of(other, "not a tag") == "en"


async def test_movies_are_read_in_the_callers_language_and_cached_per_language() -> None:
    inner, cache, movie_id = InMemoryMovieCatalog(), InMemoryCache(), uuid.uuid4()
    inner.add(LIB, movie_id, "The Lives of Others", {"de": "Das Leben der Anderen"})
    catalog = CachedMovieCatalog(inner, cache)
    watch = CachedMovieWatchStore(InMemoryWatchStore(), cache)
    saver = caller()
    language = CatalogLanguage(SavedLanguages({saver.user_id: "de"}))
    catalogue = MovieCatalogue(catalog, watch, Everything(), language)

    german = await catalogue.get(caller(), movie_id, "de-AT")
    english = await catalogue.get(caller(), movie_id, "en-GB")
    page = await catalogue.browse(saver, MovieOrder.ADDED, 10, 0, "fr")

    assert (german.title, english.title) == ("Das Leben der Anderen", "The Lives of Others")
    assert [item.title for item in page.items] == ["Das Leben der Anderen"]
    before = inner.reads
    assert (await catalogue.get(caller(), movie_id, "de")).title == "Das Leben der Anderen"
    assert inner.reads == before


async def test_series_are_read_in_the_callers_language() -> None:
    show = series(LIB)
    shows = TVShows(Everything(), CachedTVCatalog(CountingCatalog([show]), InMemoryCache()))  # type: ignore[arg-type]

    assert (await shows.get(caller(), show.id, "it-IT")).title == "Show (it)"
    assert (await shows.get(caller(), show.id)).title == "Show"
    page = await shows.series_page(caller(), SeriesOrder.TITLE, 10, 0, "ja")
    assert [s.title for s in page.items] == ["Show (ja)"]
    recent = await shows.recently_added(caller(), 10, 0, "ko")
    assert [s.title for s in recent.items] == ["Show (ko)"]


async def test_series_use_the_saved_preference() -> None:
    show, saver = series(LIB), caller()
    language = CatalogLanguage(SavedLanguages({saver.user_id: "nl"}))
    catalog = CachedTVCatalog(CountingCatalog([show]), InMemoryCache())  # type: ignore[arg-type]
    shows = TVShows(Everything(), catalog, language)

    assert (await shows.get(saver, show.id, "de")).title == "Show (nl)"


async def test_saving_preferences_reports_the_user_changed() -> None:
    store = FakeAccountStore()
    user = User(uuid.uuid4(), "ada", "ada@example.com", "$fake1$x", NOW, NOW)
    store.users.users[user.id] = user
    changes = RecordedChanges()
    profiles = Profiles(store, changes=changes)
    me = Principal(user.id, "ada", frozenset(), frozenset(), None, AuthMethod.BEARER)

    await profiles.update_preferences(me, {"metadata_language": "de"})

    assert changes.reports == [("changed", Entity.USER, [user.id])]
