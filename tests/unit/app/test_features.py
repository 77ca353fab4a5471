"""The root container is the list of features; registering one resolves its providers, so a
missing dependency fails at start-up."""

from __future__ import annotations

from typing import Any

import pytest
from dependency_injector import containers, errors, providers

from revenge_app.config import Config
from revenge_app.container import Container
from revenge_app.features import FEATURES, every_periodic_job, registered
from revenge_app.registry import Feature, Features, resolved


def test_every_feature_container_of_the_root_has_its_feature() -> None:
    """Each feature of the list is the root container's feature container of its name."""
    assert [feature.name for feature in FEATURES] == [
        "search", "settings", "identity", "activity", "jobs", "libraries", "movies",
        "tvshows", "scanning", "metadata", "images", "oidc", "playback", "integrations",
    ]  # fmt: skip
    for feature in FEATURES:
        assert isinstance(getattr(Container, feature.name), providers.Container)


def test_the_schedule_needs_only_the_config() -> None:
    config = Config()
    ids = [job.id for job in every_periodic_job(config)]
    assert "search_index_sweep" in ids
    assert "dead_letter_prune_daily" in ids
    assert "playback_cleanup" in ids


class Needy(containers.DeclarativeContainer):
    wanted: providers.Dependency[str] = providers.Dependency(instance_of=str)
    service = providers.Singleton(str.upper, wanted)


class Root(containers.DeclarativeContainer):
    config = providers.Dependency(instance_of=Config)
    needy = providers.Container(Needy)


async def register_needy(features: Features, container: Any) -> None:
    await resolved(container.service())


async def test_a_missing_dependency_fails_registration_not_a_request() -> None:
    root = Root(config=Config())
    with pytest.raises(errors.Error, match="wanted"):
        await registered(root, [Feature("needy", register_needy)])  # type: ignore[arg-type]


async def test_a_provided_dependency_registers() -> None:
    root = Root(config=Config())
    root.needy.wanted.override(providers.Object("ok"))
    features = await registered(root, [Feature("needy", register_needy)])  # type: ignore[arg-type]
    assert features.operations == []
