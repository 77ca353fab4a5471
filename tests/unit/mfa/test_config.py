from __future__ import annotations

import secrets

import pytest

from revenge_app.config import ConfigError, load_config


def test_the_encryption_key_is_empty_by_default() -> None:
    assert load_config(environ={}).mfa.encryption_key == ""


def test_the_encryption_key_comes_from_the_environment() -> None:
    key = secrets.token_hex(32)
    config = load_config(environ={"REVENGE_MFA_ENCRYPTION_KEY": key})
    assert config.mfa.encryption_key == key
    assert key not in repr(config)


@pytest.mark.parametrize("bad", ["abc", "zz" * 32, "0" * 66])
def test_a_key_that_is_not_64_hex_characters_is_refused(bad: str) -> None:
    with pytest.raises(ConfigError, match=r"mfa\.encryption_key .*64 hexadecimal"):
        load_config(environ={"REVENGE_MFA_ENCRYPTION_KEY": bad})
