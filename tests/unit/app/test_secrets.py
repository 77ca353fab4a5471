"""The signing secret: configured, or made once, kept private in the data dir, and reused."""

from __future__ import annotations

from pathlib import Path

from revenge_app.config import load_config
from revenge_app.core.secrets import AUTH_SECRET_FILE, signing_secret


def test_a_generated_secret_is_private_and_reused(tmp_path: Path) -> None:
    config = load_config(environ={"REVENGE_DATA_DIR": str(tmp_path)})
    first = signing_secret(config)
    assert len(first) >= 32
    assert (tmp_path / AUTH_SECRET_FILE).stat().st_mode & 0o777 == 0o600
    assert signing_secret(config) == first


def test_a_configured_secret_wins_and_writes_nothing(tmp_path: Path) -> None:
    secret = "x" * 40
    config = load_config(
        environ={"REVENGE_DATA_DIR": str(tmp_path), "REVENGE_AUTH_JWT_SECRET": secret}
    )
    assert signing_secret(config) == secret
    assert not (tmp_path / AUTH_SECRET_FILE).exists()
