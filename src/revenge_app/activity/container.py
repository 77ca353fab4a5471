"""The activity log: what happened, who did it, kept for `activity.retention_days`."""

from __future__ import annotations

from aiohttp import web
from dependency_injector import containers, providers

from revenge_adapters.activity import PgActivityStore
from revenge_domain.activity import ActivityQueries

ACTIVITY = web.AppKey("activity", ActivityQueries)


class ActivityContainer(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()

    store = providers.Singleton(PgActivityStore, core.sessions)
    queries = providers.Singleton(ActivityQueries, store)
