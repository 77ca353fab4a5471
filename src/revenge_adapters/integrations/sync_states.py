"""The `SyncStates` port on PostgreSQL: one row per service in `public.integration_syncs`."""

from __future__ import annotations

import json
from typing import Any

import attrs
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_domain.integrations.model import Service, Skipped, SyncReport, SyncStatus

# A claim older than this is a sync that died with its worker (the job times out in 10 min).
STALE_AFTER_S = 900
CLAIM = text(
    """
    INSERT INTO public.integration_syncs AS s (service, running, claimed_at)
    VALUES (:service, true, now())
    ON CONFLICT (service) DO UPDATE SET running = true, claimed_at = now(), updated_at = now()
    WHERE NOT s.running OR s.claimed_at < now() - make_interval(secs => :stale_s)
    RETURNING service
    """
)
STARTED = text(
    """
    INSERT INTO public.integration_syncs (service, running, claimed_at)
    VALUES (:service, true, now())
    ON CONFLICT (service) DO UPDATE SET running = true, claimed_at = now(), updated_at = now()
    """
)
FINISHED = text(
    """
    INSERT INTO public.integration_syncs (service, last_sync, report)
    VALUES (:service, now(), CAST(:report AS jsonb))
    ON CONFLICT (service) DO UPDATE SET running = false, last_sync = now(), last_error = NULL,
        report = EXCLUDED.report, updated_at = now()
    """
)
FAILED = text(
    """
    INSERT INTO public.integration_syncs (service, last_error) VALUES (:service, :error)
    ON CONFLICT (service) DO UPDATE SET running = false, last_error = EXCLUDED.last_error,
        updated_at = now()
    """
)
# The newest titles, at most KEPT_SKIPPED (webhooks add to the list until the next full sync).
KEPT_SKIPPED = 100
SKIPPED = text(
    """
    INSERT INTO public.integration_syncs AS s (service, report)
    VALUES (:service, jsonb_build_object('skipped', CAST(:titles AS jsonb)))
    ON CONFLICT (service) DO UPDATE SET updated_at = now(), report = jsonb_set(s.report,
        '{skipped}', (
            SELECT coalesce(jsonb_agg(item ORDER BY n), '[]'::jsonb) FROM (
                SELECT item, n FROM jsonb_array_elements(
                    coalesce(s.report -> 'skipped', '[]'::jsonb) || CAST(:titles AS jsonb)
                ) WITH ORDINALITY AS listed(item, n)
                ORDER BY n DESC LIMIT :kept) newest))
    """
)
GET = text(
    """
    SELECT running AND claimed_at >= now() - make_interval(secs => :stale_s) AS running,
        last_sync, last_error, report
    FROM public.integration_syncs WHERE service = :service
    """
)


def _report(raw: dict[str, Any]) -> SyncReport:
    counts = {
        key: int(raw.get(key, 0)) for key in attrs.fields_dict(SyncReport) if key != "skipped"
    }
    skipped = [Skipped(**item) for item in raw.get("skipped", [])]
    return SyncReport(**counts, skipped=skipped)


class PgSyncStates:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def claim(self, service: Service) -> bool:
        async with self._sessions.begin() as session:
            values = {"service": service.value, "stale_s": STALE_AFTER_S}
            return (await session.execute(CLAIM, values)).first() is not None

    async def started(self, service: Service) -> None:
        async with self._sessions.begin() as session:
            await session.execute(STARTED, {"service": service.value})

    async def finished(self, service: Service, report: SyncReport) -> None:
        values = {"service": service.value, "report": json.dumps(attrs.asdict(report))}
        async with self._sessions.begin() as session:
            await session.execute(FINISHED, values)

    async def failed(self, service: Service, error: str) -> None:
        async with self._sessions.begin() as session:
            await session.execute(FAILED, {"service": service.value, "error": error[:1000]})

    async def skipped(self, service: Service, titles: list[Skipped]) -> None:
        listed = json.dumps([attrs.asdict(title) for title in titles])
        values = {"service": service.value, "titles": listed, "kept": KEPT_SKIPPED}
        async with self._sessions.begin() as session:
            await session.execute(SKIPPED, values)

    async def get(self, service: Service) -> SyncStatus:
        async with self._sessions() as session:
            values = {"service": service.value, "stale_s": STALE_AFTER_S}
            row = (await session.execute(GET, values)).first()
        if row is None:
            return SyncStatus()
        return SyncStatus(bool(row.running), row.last_sync, row.last_error, _report(row.report))
