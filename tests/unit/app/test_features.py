"""The root container is the list of features; registering one resolves its providers, so a
missing dependency fails at start-up."""

from __future__ import annotations

from typing import Any

import pytest
from dependency_injector import containers, errors, providers

from revenge_app.config import Config
from revenge_app.container import Container
from revenge_app.features import FEATURES, registered
from revenge_app.registry import Feature, Features, resolved


def test_every_feature_container_of_the_root_has_its_feature() -> None:
    declared = [
        name
        for name, provider in Container.cls_providers.items()
        if isinstance(provider, providers.Container) and name != "core"
    ]
    assert [feature.name for feature in FEATURES] == declared
    assert "movies" in declared
    assert "identity" in declared


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
