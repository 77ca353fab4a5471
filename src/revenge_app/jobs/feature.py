"""The jobs feature: the daily prune of old dead letters."""

from __future__ import annotations

from typing import Any

from revenge_adapters.jobs.dead_letters import PruneDeadLetters
from revenge_adapters.jobs.scheduler import PeriodicJob
from revenge_app.config import Config
from revenge_app.registry import DAY_S, Feature, Features, resolved
from revenge_domain.jobs import DeadLetterPrune


async def register(features: Features, container: Any) -> None:
    prune = PruneDeadLetters(await resolved(container.dead_letters()), features.clock)

    async def prune_dead_letters(job: DeadLetterPrune) -> None:
        await prune(job.older_than_days)

    features.jobs.register(DeadLetterPrune, prune_dead_letters)


def schedule(config: Config) -> list[PeriodicJob]:
    retention_days = config.jobs.dead_letter_retention_days
    return [
        PeriodicJob(
            id="dead_letter_prune_daily",
            make=lambda: DeadLetterPrune(older_than_days=retention_days),
            interval_s=DAY_S,
        )
    ]


FEATURE = Feature("jobs", register, schedule=schedule)
