"""The integrations settings and their environment names."""

from __future__ import annotations

import pytest

from revenge_app.config import ConfigError, load_config
from revenge_app.integrations.container import arr_clients


def test_radarr_and_sonarr_are_off_until_enabled_and_read_from_the_environment() -> None:
    off = load_config(environ={}).integrations
    assert (off.radarr_enabled, off.sonarr_enabled) == (False, False)
    assert arr_clients(off).radarr is None
    settings = load_config(
        environ={
            "REVENGE_INTEGRATIONS_RADARR_ENABLED": "true",
            "REVENGE_INTEGRATIONS_RADARR_BASE_URL": "http://radarr.lan:7878",
            "REVENGE_INTEGRATIONS_RADARR_API_KEY": "radarr-key-1234",
            "REVENGE_INTEGRATIONS_SONARR_WEBHOOK_SECRET": "s",
            "REVENGE_INTEGRATIONS_TIMEOUT_S": "5",
        }
    ).integrations
    assert (settings.radarr_enabled, settings.radarr_base_url) == (True, "http://radarr.lan:7878")
    assert (settings.sonarr_webhook_secret, settings.timeout_s) == ("s", 5.0)
    clients = arr_clients(settings)
    assert clients.radarr is not None
    assert clients.sonarr is None
    assert "radarr-key-1234" not in repr(settings)


def test_a_bad_address_stops_the_start() -> None:
    with pytest.raises(ConfigError, match="radarr_base_url"):
        load_config(environ={"REVENGE_INTEGRATIONS_RADARR_BASE_URL": "ftp://radarr"})
