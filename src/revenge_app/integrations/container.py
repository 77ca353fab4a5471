"""Radarr and Sonarr: their API clients, the syncs, the admin and the webhooks."""

from __future__ import annotations

from collections.abc import AsyncIterator

import attrs
from aiohttp import web
from dependency_injector import containers, providers
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from revenge_adapters.integrations import ArrHttp, PgArrCatalog, PgSyncStates, RadarrApi, SonarrApi
from revenge_adapters.libraries import PgLibraryStore
from revenge_adapters.outbound import OutboundPolicy
from revenge_app.config import Config, IntegrationsConfig
from revenge_app.core.outbound import outbound_policy
from revenge_domain.integrations import (
    ArrAdmin,
    ArrIntegration,
    Integrations,
    IntegrationSyncs,
    MovieSync,
    SeriesSync,
    SyncRuns,
    WebhookIntake,
    radarr_job,
    sonarr_job,
)
from revenge_domain.integrations.jobs import RadarrSync, SonarrSync
from revenge_domain.integrations.model import Service
from revenge_domain.ports.catalog_changes import CatalogChanges
from revenge_domain.ports.jobs import JobQueue
from revenge_domain.scanning import CatalogReport

INTEGRATIONS = web.AppKey("integrations", Integrations)


@attrs.frozen
class ArrClients:
    """The API clients of the enabled integrations (None: off)."""

    radarr: RadarrApi | None = None
    sonarr: SonarrApi | None = None


def arr_clients(settings: IntegrationsConfig, policy: OutboundPolicy | None = None) -> ArrClients:
    radarr = sonarr = None
    if settings.radarr_enabled:
        http = ArrHttp(
            "Radarr", settings.radarr_base_url, settings.radarr_api_key, settings.timeout_s, policy
        )
        radarr = RadarrApi(http)
    if settings.sonarr_enabled:
        http = ArrHttp(
            "Sonarr", settings.sonarr_base_url, settings.sonarr_api_key, settings.timeout_s, policy
        )
        sonarr = SonarrApi(http)
    return ArrClients(radarr, sonarr)


async def open_arr_clients(config: Config) -> AsyncIterator[ArrClients]:
    clients = arr_clients(config.integrations, outbound_policy(config))
    yield clients
    for client in (clients.radarr, clients.sonarr):
        if client is not None:
            await client.close()


def integration_syncs(
    sessions: async_sessionmaker[AsyncSession],
    clients: ArrClients,
    queue: JobQueue,
    changes: CatalogChanges,
) -> IntegrationSyncs:
    catalog, libraries = PgArrCatalog(sessions), PgLibraryStore(sessions)
    report = CatalogReport(changes, queue)
    return IntegrationSyncs(
        movies=MovieSync(clients.radarr, catalog, libraries, report),
        series=SeriesSync(clients.sonarr, catalog, libraries, report),
        runs=SyncRuns(PgSyncStates(sessions)),
    )


def integrations(
    sessions: async_sessionmaker[AsyncSession],
    clients: ArrClients,
    queue: JobQueue,
    settings: IntegrationsConfig,
) -> Integrations:
    """Admin status, profiles, folders and syncs of Radarr and Sonarr, and their webhooks."""
    states = PgSyncStates(sessions)
    radarr = ArrIntegration(
        ArrAdmin(Service.RADARR, clients.radarr, states, queue, RadarrSync),
        WebhookIntake(
            Service.RADARR,
            settings.radarr_enabled,
            settings.radarr_webhook_secret,
            queue,
            radarr_job,
        ),
    )
    sonarr = ArrIntegration(
        ArrAdmin(Service.SONARR, clients.sonarr, states, queue, SonarrSync),
        WebhookIntake(
            Service.SONARR,
            settings.sonarr_enabled,
            settings.sonarr_webhook_secret,
            queue,
            sonarr_job,
        ),
    )
    return Integrations(radarr, sonarr)


class IntegrationsContainer(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()
    # Hears of every title a sync adds, changes or removes.
    changes: providers.Dependency[CatalogChanges] = providers.Dependency()

    clients = providers.Resource(open_arr_clients, core.config)
    syncs = providers.Singleton(integration_syncs, core.sessions, clients, core.queue, changes)
    admin = providers.Singleton(
        integrations, core.sessions, clients, core.queue, core.config.provided.integrations
    )
