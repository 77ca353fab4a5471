"""What every refresh shares: skipping fresh items, recording outcomes, reporting changes,
warming the image cache, and turning provider failures into the job platform's rules."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar
from uuid import UUID

import attrs

from revenge_domain.clock import utc_now
from revenge_domain.jobs import Job, JobQueueUnavailable, RetryLater
from revenge_domain.metadata.errors import (
    ProviderCannotDo,
    ProviderNotConfigured,
    ProviderRateLimited,
)
from revenge_domain.metadata.jobs import (
    DownloadImage,
    EnrichContent,
    RefreshEpisodeMetadata,
    RefreshMovieMetadata,
    RefreshPersonMetadata,
    RefreshSeasonMetadata,
    RefreshSeriesMetadata,
)
from revenge_domain.metadata.refresh.model import CastCredit, Outcome, Written
from revenge_domain.metadata.refresh.ports import RefreshLog
from revenge_domain.ports.catalog_changes import CatalogChanges, Entity
from revenge_domain.ports.jobs import JobQueue

log = logging.getLogger(__name__)

T = TypeVar("T")
Refresh = (
    RefreshMovieMetadata
    | RefreshSeriesMetadata
    | RefreshSeasonMetadata
    | RefreshEpisodeMetadata
    | RefreshPersonMetadata
    | EnrichContent
)
Cast = Sequence[CastCredit]
DEFAULT_LANGUAGES = ("en",)
BILLED_PEOPLE = 10
FRESH_FOR = dt.timedelta(days=7)
MOVIE, TVSHOW = "movie", "tvshow"  # the content types of `EnrichContent`
CONTENT_TYPES = {Entity.MOVIE: MOVIE, Entity.SERIES: TVSHOW}


@attrs.frozen
class RefreshContext:
    """`languages`: fetched when a job names none, the first is the primary language (main
    columns). Items refreshed (or not found) within `fresh_for` are skipped unless forced."""

    log: RefreshLog
    changes: CatalogChanges
    jobs: JobQueue
    clock: Callable[[], dt.datetime] = utc_now
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    fresh_for: dt.timedelta = FRESH_FOR
    # An enrichment provider (OMDb, Fanart.tv) is configured: refreshed titles get enriched.
    enrich: bool = False

    def languages_for(self, wanted: Sequence[str]) -> tuple[str, ...]:
        chosen = tuple(dict.fromkeys(language for language in wanted if language))
        return chosen or self.languages or DEFAULT_LANGUAGES

    async def is_fresh(self, job: Refresh, item_id: UUID) -> bool:
        """Refreshed (or found missing) by this kind of job lately, and not forced."""
        if job.force:
            return False
        last = await self.log.last(job.kind, item_id)
        return last is not None and last.at > self.clock() - self.fresh_for

    async def not_found(self, job: Refresh, item_id: UUID, detail: str) -> None:
        log.info(
            "metadata not found",
            extra={"fields": {"kind": job.kind, "id": str(item_id), "detail": detail}},
        )
        await self.log.record(job.kind, item_id, Outcome.NOT_FOUND, self.clock(), detail)

    async def refreshed(
        self, job: Refresh, entity: Entity, item_id: UUID, written: Written
    ) -> None:
        """Record the refresh, report what changed, queue downloads of the new images."""
        await self.log.record(job.kind, item_id, Outcome.REFRESHED, self.clock())
        if written.changed:
            await self.changes.changed(entity, [item_id])
        if written.episodes:
            await self.changes.changed(Entity.EPISODE, sorted(written.episodes))
        if written.people:
            await self.changes.changed(Entity.PERSON, sorted(written.people))
        for image in written.images:
            await self.enqueue_quietly(DownloadImage(image_type=image.kind, path=image.path))

    async def refreshed_title(
        self, job: Refresh, entity: Entity, item_id: UUID, written: Written, cast: Cast
    ) -> None:
        """`refreshed` for a title with credits: only its top-billed cast get their pictures
        fetched ahead and, when new, their biographies queued (titles list dozens of people).
        Then the title is queued for enrichment, when that is configured."""
        billed = cast[:BILLED_PEOPLE]
        profiles = {credit.person.profile_path for credit in billed}
        images = tuple(i for i in written.images if i.kind != "profile" or i.path in profiles)
        await self.refreshed(job, entity, item_id, attrs.evolve(written, images=images))
        for credit in billed:
            person_id = written.created_people.get(credit.person.tmdb_id)
            if person_id is not None:
                await self.enqueue_quietly(RefreshPersonMetadata(person_id=person_id))
        if self.enrich:
            follow_up = EnrichContent(
                job.force, job.languages, content_type=CONTENT_TYPES[entity], content_id=item_id
            )
            await self.enqueue_quietly(follow_up)

    async def versions(
        self,
        job: Refresh,
        item_id: UUID,
        languages: Sequence[str],
        fetch: Callable[[str], Awaitable[T | None]],
        missing: str,
    ) -> list[T | None] | None:
        """`each_language`, or None (recorded as not found) when the primary language's
        version is missing."""
        versions = await each_language(languages, fetch)
        if versions[0] is None:
            await self.not_found(job, item_id, missing)
            return None
        return versions

    async def enqueue_quietly(self, job: Job) -> None:
        """Follow-up work that must not undo a finished write: a queue outage is logged."""
        try:
            await self.jobs.enqueue(job)
        except JobQueueUnavailable:
            log.warning("follow-up job not queued", extra={"fields": {"kind": job.kind}})


async def settled(work: Awaitable[object]) -> None:
    """One refresh under the job rules for provider failures: not configured is done; rate
    limited waits for Retry-After; unavailable (and unreadable answers) retry with backoff."""
    try:
        await work
    except (ProviderNotConfigured, ProviderCannotDo) as exc:
        log.info(
            "metadata provider not usable, nothing to do", extra={"fields": {"error": str(exc)}}
        )
    except ProviderRateLimited as exc:
        raise RetryLater(str(exc), exc.retry_after_s) from exc


async def each_language(
    languages: Sequence[str], fetch: Callable[[str], Awaitable[T | None]]
) -> list[T | None]:
    """One call per language, in order (providers are rate limited, so not in parallel)."""
    return [await fetch(language) for language in languages]
