"""Library use cases: who sees which library, administration rules and the activity log."""

from __future__ import annotations

import uuid

import attrs
import pytest

from revenge_domain.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from revenge_domain.identity import ADMIN, GUEST, MODERATOR, USER, AuthMethod, Principal
from revenge_domain.identity.access import DEFAULT_GRANTS
from revenge_domain.libraries import (
    Access,
    Libraries,
    LibraryActions,
    LibraryChanges,
    LibraryPermissions,
    LibrarySettings,
    LibraryTitles,
    LibraryType,
)
from revenge_domain.libraries.model import LibraryScan
from revenge_domain.ports.catalog_changes import Entity
from tests.unit.fakes.catalog_changes import RecordedChanges
from tests.unit.fakes.events import InMemoryEventBus
from tests.unit.fakes.libraries import GivenFolders, InMemoryLibraryStore, StoreLibraryAccess

MOVIES_DIR, SHOWS_DIR = "/media/movies", "/media/shows"


def principal(role: str) -> Principal:
    return Principal(
        uuid.uuid4(), role, frozenset({role}), DEFAULT_GRANTS[role], None, AuthMethod.BEARER
    )


def settings(name: str = "Movies", paths: tuple[str, ...] = (MOVIES_DIR,)) -> LibrarySettings:
    return LibrarySettings(name, LibraryType.MOVIE, paths)


@attrs.define
class World:
    store: InMemoryLibraryStore
    access: StoreLibraryAccess
    libraries: Libraries
    permissions: LibraryPermissions
    changes: RecordedChanges
    admin: Principal = attrs.Factory(lambda: principal(ADMIN))
    viewer: Principal = attrs.Factory(lambda: principal(USER))
    stranger: Principal = attrs.Factory(lambda: principal(USER))


@pytest.fixture
def world() -> World:
    store = InMemoryLibraryStore()
    access = StoreLibraryAccess(store)
    folders = GivenFolders(frozenset({MOVIES_DIR, SHOWS_DIR}))
    changes = RecordedChanges()
    built = World(
        store,
        access,
        Libraries(store, access, folders, changes=changes),
        LibraryPermissions(store, access),
        changes,
    )
    store.users.update({built.viewer.user_id, built.stranger.user_id})
    return built


async def test_admin_sees_every_library_by_name(world: World) -> None:
    await world.libraries.create(world.admin, settings("b shows", (SHOWS_DIR,)))
    await world.libraries.create(world.admin, settings("A movies"))
    names = [lib.settings.name for lib in await world.libraries.list(world.admin)]
    assert names == ["A movies", "b shows"]


async def test_others_see_only_libraries_they_hold_view_on(world: World) -> None:
    movies = await world.libraries.create(world.admin, settings("Movies"))
    shows = await world.libraries.create(world.admin, settings("Shows", (SHOWS_DIR,)))
    await world.permissions.grant(world.admin, movies.id, world.viewer.user_id, Access.VIEW)
    await world.permissions.grant(world.admin, shows.id, world.viewer.user_id, Access.DOWNLOAD)

    assert [lib.id for lib in await world.libraries.list(world.viewer)] == [movies.id]
    assert await world.libraries.list(world.stranger) == []
    assert (await world.libraries.get(world.viewer, movies.id)).id == movies.id


async def test_a_library_the_caller_may_not_read_is_not_found(world: World) -> None:
    movies = await world.libraries.create(world.admin, settings())
    with pytest.raises(NotFound):
        await world.libraries.get(world.stranger, movies.id)
    with pytest.raises(NotFound):
        await world.libraries.scans(world.stranger, movies.id, 20, 0)


async def test_grant_and_revoke_change_what_the_user_sees_at_once(world: World) -> None:
    movies = await world.libraries.create(world.admin, settings())
    assert await world.libraries.list(world.viewer) == []  # now remembered as nothing

    await world.permissions.grant(world.admin, movies.id, world.viewer.user_id, Access.VIEW)
    assert [lib.id for lib in await world.libraries.list(world.viewer)] == [movies.id]

    await world.permissions.revoke(world.admin, movies.id, world.viewer.user_id, Access.VIEW)
    assert await world.libraries.list(world.viewer) == []


async def test_deleting_a_library_forgets_everyones_access(world: World) -> None:
    movies = await world.libraries.create(world.admin, settings())
    await world.permissions.grant(world.admin, movies.id, world.viewer.user_id, Access.VIEW)
    await world.libraries.list(world.viewer)

    await world.libraries.delete(world.admin, movies.id)

    assert world.access.known == {}
    with pytest.raises(NotFound):
        await world.libraries.delete(world.admin, movies.id)


async def test_deleting_a_library_reports_its_titles_and_their_people(world: World) -> None:
    movies = await world.libraries.create(world.admin, settings())
    titles = LibraryTitles([uuid.uuid4(), uuid.uuid4()], [uuid.uuid4()], [uuid.uuid4()])
    world.store.titles_of[movies.id] = titles

    await world.libraries.delete(world.admin, movies.id)

    assert world.changes.reports == [
        ("removed", Entity.MOVIE, titles.movies),
        ("removed", Entity.SERIES, titles.series),
        ("changed", Entity.PERSON, titles.people),
    ]


async def test_names_are_unique_whatever_their_case(world: World) -> None:
    await world.libraries.create(world.admin, settings("Movies"))
    with pytest.raises(Conflict):
        await world.libraries.create(world.admin, settings("MOVIES"))
    shows = await world.libraries.create(world.admin, settings("Shows", (SHOWS_DIR,)))
    with pytest.raises(Conflict):
        await world.libraries.update(world.admin, shows.id, LibraryChanges(name="movies"))


@pytest.mark.parametrize(
    ("wanted", "field"),
    [
        (settings(paths=("/nowhere",)), "paths"),
        (settings(paths=()), "paths"),
        (settings(name="   "), "name"),
    ],
)
async def test_invalid_settings_name_the_field(
    world: World, wanted: LibrarySettings, field: str
) -> None:
    with pytest.raises(InvalidInput) as raised:
        await world.libraries.create(world.admin, wanted)
    assert raised.value.details["field"] == field
    assert world.store.libraries == {}


async def test_update_changes_only_the_given_fields(world: World) -> None:
    created = await world.libraries.create(world.admin, settings())
    changes = LibraryChanges(paths=(MOVIES_DIR, SHOWS_DIR), enabled=False)
    updated = await world.libraries.update(world.admin, created.id, changes)
    assert updated.settings == attrs.evolve(
        created.settings, paths=(MOVIES_DIR, SHOWS_DIR), enabled=False
    )
    with pytest.raises(InvalidInput):
        await world.libraries.update(world.admin, created.id, LibraryChanges(paths=("rel",)))
    with pytest.raises(NotFound):
        await world.libraries.update(world.admin, uuid.uuid4(), LibraryChanges(enabled=True))


@pytest.mark.parametrize("role", [USER, GUEST])
async def test_only_those_who_manage_libraries_change_them(world: World, role: str) -> None:
    caller = principal(role)
    movies = await world.libraries.create(world.admin, settings())
    with pytest.raises(PermissionDenied):
        await world.libraries.create(caller, settings("Other"))
    with pytest.raises(PermissionDenied):
        await world.libraries.update(caller, movies.id, LibraryChanges(enabled=False))
    with pytest.raises(PermissionDenied):
        await world.libraries.delete(caller, movies.id)
    with pytest.raises(PermissionDenied):
        await world.permissions.grant(caller, movies.id, caller.user_id, Access.VIEW)


async def test_moderators_manage_and_see_every_library(world: World) -> None:
    moderator = principal(MODERATOR)
    movies = await world.libraries.create(moderator, settings())
    assert [lib.id for lib in await world.libraries.list(moderator)] == [movies.id]


async def test_granting_needs_an_existing_library_and_user(world: World) -> None:
    movies = await world.libraries.create(world.admin, settings())
    with pytest.raises(NotFound):
        await world.permissions.grant(world.admin, uuid.uuid4(), world.viewer.user_id, Access.VIEW)
    with pytest.raises(NotFound):
        await world.permissions.grant(world.admin, movies.id, uuid.uuid4(), Access.VIEW)
    with pytest.raises(NotFound):
        await world.permissions.revoke(world.admin, movies.id, world.viewer.user_id, Access.VIEW)


async def test_granting_twice_keeps_one_permission(world: World) -> None:
    movies = await world.libraries.create(world.admin, settings())
    first = await world.permissions.grant(world.admin, movies.id, world.viewer.user_id, Access.VIEW)
    again = await world.permissions.grant(world.admin, movies.id, world.viewer.user_id, Access.VIEW)
    assert again == first
    assert await world.permissions.list(world.admin, movies.id) == [first]


async def test_scans_are_paged_newest_first_within_bounds(world: World) -> None:
    movies = await world.libraries.create(world.admin, settings())
    for minute in range(3):
        created = movies.created_at.replace(minute=minute)
        world.store.scan_rows.append(
            LibraryScan(uuid.uuid4(), movies.id, "full", "completed", created)
        )
    page = await world.libraries.scans(world.admin, movies.id, 2, 0)
    assert page.total == 3
    assert [scan.created_at.minute for scan in page.scans] == [2, 1]
    for limit, offset in ((0, 0), (101, 0), (20, -1)):
        with pytest.raises(InvalidInput):
            await world.libraries.scans(world.admin, movies.id, limit, offset)


async def test_changes_to_libraries_and_permissions_are_in_the_activity_log(world: World) -> None:
    movies = await world.libraries.create(world.admin, settings())
    await world.permissions.grant(world.admin, movies.id, world.viewer.user_id, Access.VIEW)
    await world.permissions.revoke(world.admin, movies.id, world.viewer.user_id, Access.VIEW)
    await world.libraries.delete(world.admin, movies.id)

    events = world.store.activity.events
    assert [event.action for event in events] == [
        LibraryActions.CREATE,
        LibraryActions.PERMISSION_GRANT,
        LibraryActions.PERMISSION_REVOKE,
        LibraryActions.DELETE,
    ]
    assert all(event.resource_id == movies.id for event in events)
    assert all(event.user_id == world.admin.user_id for event in events)
    assert events[1].metadata == {"user_id": str(world.viewer.user_id), "permission": "view"}


async def test_every_library_change_is_announced_on_the_event_bus(world: World) -> None:
    bus = InMemoryEventBus()
    libraries = attrs.evolve(world.libraries, events=bus)

    movies = await libraries.create(world.admin, settings())
    await libraries.update(world.admin, movies.id, LibraryChanges(name="Films"))
    await libraries.delete(world.admin, movies.id)

    assert [(e.category, e.type, e.data) for e in bus.published] == [
        ("library", kind, {"library_id": str(movies.id)})
        for kind in ("library.created", "library.updated", "library.deleted")
    ]
