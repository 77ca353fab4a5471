"""The search feature: the endpoints, full rebuilds, the indexing jobs and their sweep, and a
check of the collections' schemas when the server starts."""

from __future__ import annotations

from functools import partial
from typing import Any

from revenge_adapters.jobs.scheduler import PeriodicJob
from revenge_app.config import Config
from revenge_app.registry import Feature, Features, resolved
from revenge_app.search import handlers, reindex
from revenge_app.search.background import search_schema_check
from revenge_app.search.container import SEARCH
from revenge_app.search.jobs import register_search_jobs
from revenge_domain.search.indexing import SweepPending


async def register(features: Features, container: Any) -> None:
    services = await resolved(container.services())
    features.provide(SEARCH, services)
    register_search_jobs(features.jobs, await resolved(container.indexing()))
    index, queue = await resolved(container.index()), await resolved(container.queue())
    features.beside_api(partial(search_schema_check, index, queue))


def schedule(config: Config) -> list[PeriodicJob]:
    # The outbox relayed and ids left waiting (an outage longer than a job's retries).
    return [
        PeriodicJob(id="search_index_sweep", make=SweepPending, interval_s=300.0, run_on_start=True)
    ]


FEATURE = Feature("search", register, (handlers.OPERATIONS, reindex.OPERATIONS), schedule)
