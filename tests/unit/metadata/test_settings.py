"""The `metadata` settings: real hosts by default, a provider per API key, env names that work."""

from __future__ import annotations

from revenge_adapters.metadata import FanartProvider, TmdbProvider
from revenge_app.config import load_config
from revenge_app.wiring_metadata import (
    build_metadata_providers,
    provider_settings,
    provider_statuses,
)
from revenge_domain.metadata.model import Provider


def test_without_keys_every_provider_is_disabled_and_points_at_its_real_host() -> None:
    config = load_config(environ={})

    assert not any(s.enabled for s in provider_statuses(config))
    built = build_metadata_providers(config)
    assert (built.tmdb, built.tvdb, built.omdb, built.fanart) == (None, None, None, None)
    hosts = {p: provider_settings(config.metadata, p).base_url for p in Provider}
    assert hosts == {
        Provider.TMDB: "https://api.themoviedb.org/3",
        Provider.TVDB: "https://api4.thetvdb.com/v4",
        Provider.OMDB: "https://www.omdbapi.com",
        Provider.FANART: "https://webservice.fanart.tv/v3",
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
    assert enabled == {Provider.TMDB, Provider.FANART}
    built = build_metadata_providers(config)
    assert isinstance(built.tmdb, TmdbProvider)
    assert isinstance(built.fanart, FanartProvider)
    assert built.tvdb is None
    settings = built.tmdb.settings
    assert (settings.language, settings.fallback_language, settings.timeout_s) == ("de", "en", 3.5)
    assert "t" * 32 not in repr(config.metadata)
