"""The `metadata` settings: real hosts by default, a provider per API key, env names that work."""

from __future__ import annotations

from revenge_adapters.metadata import FanartProvider, TmdbProvider
from revenge_adapters.metadata.registry import PROVIDERS
from revenge_app.config import load_config
from revenge_app.metadata.container import (
    build_metadata_providers,
    provider_settings,
    provider_statuses,
)


def test_without_keys_every_provider_is_disabled_and_points_at_its_real_host() -> None:
    config = load_config(environ={})

    assert not any(s.enabled for s in provider_statuses(config))
    built = build_metadata_providers(config)
    assert built.by_name == {}
    hosts = {p.name: provider_settings(config.metadata, p.name).base_url for p in PROVIDERS}
    assert hosts == {
        "tmdb": "https://api.themoviedb.org/3",
        "tvdb": "https://api4.thetvdb.com/v4",
        "omdb": "https://www.omdbapi.com",
        "fanarttv": "https://webservice.fanart.tv/v3",
    }


def test_a_key_in_the_environment_enables_its_provider() -> None:
    config = load_config(
        environ={
            "REVENGE_METADATA_TMDB_API_KEY": "t" * 32,
            "REVENGE_METADATA_FANARTTV_API_KEY": "f" * 32,
            "REVENGE_METADATA_LANGUAGE": "de",
            "REVENGE_METADATA_TMDB_TIMEOUT_S": "3.5",
        }
    )

    enabled = {s.id for s in provider_statuses(config) if s.enabled}
    assert enabled == {"tmdb", "fanarttv"}
    built = build_metadata_providers(config)
    tmdb = built.movies()["tmdb"]
    assert isinstance(tmdb, TmdbProvider)
    assert isinstance(built.artwork()["fanarttv"], FanartProvider)
    assert "tvdb" not in built.series()
    settings = tmdb.settings
    assert (settings.language, settings.fallback_language, settings.timeout_s) == ("de", "en", 3.5)
    assert "t" * 32 not in repr(config.metadata)
