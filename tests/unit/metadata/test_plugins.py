"""A metadata provider is a plugin: registered once, it has settings, is listed and is built."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from revenge_adapters.metadata.registry import PROVIDERS
from revenge_app.config import ConfigError, load_config, setting_names
from revenge_app.http.answers import unstructured
from revenge_app.metadata.container import build_metadata_providers, provider_statuses
from tests.unit.metadata.example_plugin import EXAMPLE, ExampleRatings


@pytest.fixture
def registered() -> Iterator[None]:
    PROVIDERS.register(EXAMPLE)
    try:
        yield
    finally:
        PROVIDERS.unregister(EXAMPLE.name)


def test_a_registered_provider_has_its_own_settings(registered: None) -> None:
    names = setting_names()

    assert names["metadata.example_api_key"] is str
    assert names["metadata.example_region"] is str
    assert "metadata.tmdb_api_key" in names


def test_a_registered_provider_with_a_key_is_listed_enabled_and_built(registered: None) -> None:
    config = load_config(
        environ={
            "REVENGE_METADATA_EXAMPLE_API_KEY": "k" * 16,
            "REVENGE_METADATA_EXAMPLE_REGION": "NZ",
        }
    )

    listed = unstructured(provider_statuses(config))
    assert listed[-1] == {
        "id": "example",
        "name": "Example Ratings",
        "capabilities": ["ratings"],
        "enabled": True,
    }
    assert [p["id"] for p in listed[:4]] == ["tmdb", "tvdb", "omdb", "fanarttv"]
    adapter = build_metadata_providers(config).ratings()["example"]
    assert isinstance(adapter, ExampleRatings)
    assert (adapter.region, adapter.connection.base_url) == ("NZ", "https://ratings.example")
    assert adapter.connection.api_key == "k" * 16


async def test_the_built_providers_close_the_plugin_adapter(registered: None) -> None:
    built = build_metadata_providers(load_config(environ={"REVENGE_METADATA_EXAMPLE_API_KEY": "k"}))
    adapter = built.ratings()["example"]

    await built.close()

    assert isinstance(adapter, ExampleRatings)
    assert adapter.closed


def test_without_a_key_the_plugin_is_listed_disabled_and_not_built(registered: None) -> None:
    config = load_config(environ={})

    statuses = {s.id: s.enabled for s in provider_statuses(config)}
    assert statuses["example"] is False
    assert "example" not in build_metadata_providers(config).by_name


def test_a_bad_plugin_setting_is_named_as_any_other(registered: None) -> None:
    with pytest.raises(ConfigError) as bad:
        load_config(environ={"REVENGE_METADATA_EXAMPLE_TIMEOUT_S": "-1"})

    where = "metadata.example_timeout_s (REVENGE_METADATA_EXAMPLE_TIMEOUT_S)"
    assert str(bad.value) == f"{where}: must be positive, got -1.0"


def test_an_unregistered_provider_has_no_settings() -> None:
    with pytest.raises(ConfigError) as unknown:
        load_config(overrides={"metadata.example_api_key": "k"}, environ={})

    assert str(unknown.value) == "unknown setting 'metadata.example_api_key'"
