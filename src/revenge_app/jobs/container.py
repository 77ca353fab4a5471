"""The job platform's own upkeep: dead letters pruned after `jobs.dead_letter_retention_days`."""

from __future__ import annotations

from dependency_injector import containers, providers


class JobsContainer(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()

    dead_letters = core.jobs.provided.dead_letters
