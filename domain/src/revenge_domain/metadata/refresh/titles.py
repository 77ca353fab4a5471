"""Refreshing a title (a movie or a series): the steps both take, with what differs between
them given as a `TitleKind`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, Protocol, TypeVar
from uuid import UUID

import attrs

from revenge_domain.metadata.model import SearchPage
from revenge_domain.metadata.refresh.context import Cast, Refresh, RefreshContext
from revenge_domain.metadata.refresh.matching import Found, Titled, title_versions
from revenge_domain.metadata.refresh.model import Written
from revenge_domain.ports.catalog_changes import Entity


class WithCast(Protocol):
    @property
    def cast(self) -> Cast: ...


T = TypeVar("T", bound=Titled)
R = TypeVar("R", bound=Found)
V = TypeVar("V")
F = TypeVar("F", bound=WithCast)


@attrs.frozen
class TitleKind(Generic[T, R, V, F]):
    """A kind of title: its catalogue row (`target`, `write`), its provider reads (`search` by
    title, language and year, `best` result, `details` by id and language) and its facts."""

    noun: str
    entity: Entity
    target: Callable[[UUID], Awaitable[T | None]]
    search: Callable[[str, str, int | None], Awaitable[SearchPage[R]]]
    best: Callable[[Sequence[R], str, int | None], R | None]
    details: Callable[[str, str], Awaitable[V | None]]
    facts: Callable[[Sequence[str], Sequence[V | None]], F]
    write: Callable[[UUID, F, dt.datetime], Awaitable[Written]]


async def refresh_title(
    context: RefreshContext, job: Refresh, title_id: UUID, kind: TitleKind[T, R, V, F]
) -> T | None:
    """Find the title at the provider (stored id, else title and year) and write what it says;
    the title refreshed, or None (fresh, gone or not found)."""
    if await context.is_fresh(job, title_id):
        return None
    target = await kind.target(title_id)
    if target is None:
        return None
    languages = context.languages_for(job.languages)
    versions = await title_versions(
        context,
        job,
        target,
        lambda year: kind.search(target.title, languages[0], year),
        kind.best,
        kind.details,
        kind.noun,
    )
    if versions is None:
        return None
    facts = kind.facts(languages, versions)
    written = await kind.write(target.id, facts, context.clock())
    await context.refreshed_title(job, kind.entity, target.id, written, facts.cast)
    return target
