from __future__ import annotations

import secrets
import stat
from pathlib import Path

import pytest

from revenge_adapters.mfa import AesGcmSecretCipher, load_or_create_key
from revenge_domain.mfa import UnreadableSecret

OWNER = b"owner-1"


@pytest.fixture
def cipher() -> AesGcmSecretCipher:
    return AesGcmSecretCipher(secrets.token_bytes(32))


def test_a_secret_round_trips(cipher: AesGcmSecretCipher) -> None:
    sealed = cipher.encrypt(b"JBSWY3DPEHPK3PXP", OWNER)
    assert b"JBSWY3DP" not in sealed
    assert cipher.decrypt(sealed, OWNER) == b"JBSWY3DPEHPK3PXP"


def test_each_encryption_uses_a_new_nonce(cipher: AesGcmSecretCipher) -> None:
    assert cipher.encrypt(b"same", OWNER) != cipher.encrypt(b"same", OWNER)


def test_an_altered_ciphertext_is_unreadable(cipher: AesGcmSecretCipher) -> None:
    sealed = bytearray(cipher.encrypt(b"JBSWY3DPEHPK3PXP", OWNER))
    sealed[-1] ^= 0x01
    with pytest.raises(UnreadableSecret):
        cipher.decrypt(bytes(sealed), OWNER)


def test_a_secret_moved_to_another_owner_is_unreadable(cipher: AesGcmSecretCipher) -> None:
    sealed = cipher.encrypt(b"JBSWY3DPEHPK3PXP", OWNER)
    with pytest.raises(UnreadableSecret):
        cipher.decrypt(sealed, b"owner-2")


def test_another_key_cannot_read_it(cipher: AesGcmSecretCipher) -> None:
    sealed = cipher.encrypt(b"JBSWY3DPEHPK3PXP", OWNER)
    with pytest.raises(UnreadableSecret):
        AesGcmSecretCipher(secrets.token_bytes(32)).decrypt(sealed, OWNER)


def test_a_truncated_ciphertext_is_unreadable(cipher: AesGcmSecretCipher) -> None:
    with pytest.raises(UnreadableSecret):
        cipher.decrypt(b"short", OWNER)


def test_keys_are_32_bytes_or_64_hex_characters() -> None:
    key_hex = secrets.token_hex(32)
    sealed = AesGcmSecretCipher.from_hex(key_hex).encrypt(b"x", OWNER)
    assert AesGcmSecretCipher(bytes.fromhex(key_hex)).decrypt(sealed, OWNER) == b"x"
    with pytest.raises(ValueError, match="32 bytes"):
        AesGcmSecretCipher(b"short")
    with pytest.raises(ValueError, match="64 hexadecimal"):
        AesGcmSecretCipher.from_hex("zz" * 32)


def test_the_key_file_is_created_once_and_private(tmp_path: Path) -> None:
    path = tmp_path / "data" / "mfa-key"
    key_hex = load_or_create_key(path)

    assert len(bytes.fromhex(key_hex)) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create_key(path) == key_hex
