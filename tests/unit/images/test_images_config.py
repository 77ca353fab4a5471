"""The `images` settings: defaults, environment names, and where the cache lives."""

from __future__ import annotations

from pathlib import Path

import pytest

from revenge_app.config import ConfigError, load_config
from revenge_app.images.container import image_cache_dir


def test_defaults_fetch_only_from_the_providers_public_hosts() -> None:
    images = load_config(environ={}).images
    assert images.tmdb_base_url == "https://image.tmdb.org/t/p/original"
    assert images.fanart_base_url == "https://assets.fanart.tv"
    assert images.tvdb_base_url == "https://artworks.thetvdb.com"
    assert images.allow_private_addresses is False


def test_the_cache_lives_in_the_data_directory_unless_told_otherwise(tmp_path: Path) -> None:
    config = load_config(environ={"REVENGE_DATA_DIR": str(tmp_path)})
    assert image_cache_dir(config) == tmp_path / "cache" / "images"
    chosen = load_config(environ={"REVENGE_IMAGES_CACHE_DIR": str(tmp_path / "img")})
    assert image_cache_dir(chosen) == tmp_path / "img"


def test_settings_come_from_the_environment() -> None:
    images = load_config(
        environ={
            "REVENGE_IMAGES_TMDB_BASE_URL": "http://mirror.lan/t/p/original",
            "REVENGE_IMAGES_ALLOW_PRIVATE_ADDRESSES": "true",
            "REVENGE_IMAGES_MAX_BYTES": "1000",
            "REVENGE_IMAGES_TIMEOUT_S": "2.5",
        }
    ).images
    assert images.tmdb_base_url == "http://mirror.lan/t/p/original"
    assert images.allow_private_addresses is True
    assert (images.max_bytes, images.timeout_s) == (1000, 2.5)


@pytest.mark.parametrize(
    ("name", "value"),
    [("REVENGE_IMAGES_TMDB_BASE_URL", "ftp://x"), ("REVENGE_IMAGES_MAX_BYTES", "0")],
)
def test_bad_values_stop_the_start(name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=name):
        load_config(environ={name: value})
