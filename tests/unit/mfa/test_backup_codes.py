from __future__ import annotations

import re

import pytest

from revenge_domain.mfa.backup_codes import code_matches, hash_code, new_code, normalise


def test_codes_are_four_groups_of_four_hex_digits() -> None:
    codes = {new_code() for _ in range(50)}
    assert len(codes) == 50
    assert all(re.fullmatch(r"[0-9a-f]{4}(-[0-9a-f]{4}){3}", code) for code in codes)


@pytest.mark.parametrize(
    "typed", ["0123-4567-89ab-cdef", "0123456789ABCDEF", " 0123 4567-89aB cdef"]
)
def test_dashes_spaces_and_case_do_not_matter(typed: str) -> None:
    assert normalise(typed) == "0123456789abcdef"


@pytest.mark.parametrize("typed", ["", "0123-4567-89ab", "0123-4567-89ab-cdeg", "0" * 17])
def test_other_text_is_not_a_code(typed: str) -> None:
    assert normalise(typed) is None


def test_a_hash_matches_only_its_code_in_any_spelling() -> None:
    stored = hash_code("0123-4567-89ab-cdef")
    assert "0123" not in stored
    assert code_matches(stored, "0123456789ABCDEF")
    assert not code_matches(stored, "0123-4567-89ab-cdee")
    assert not code_matches(stored, "nonsense")


def test_each_hash_has_its_own_salt() -> None:
    assert hash_code("0123-4567-89ab-cdef") != hash_code("0123-4567-89ab-cdef")


def test_an_unknown_hash_scheme_never_matches() -> None:
    digest = hash_code("0123-4567-89ab-cdef").split("$", 1)[1]
    assert not code_matches("md5$" + digest, "0123-4567-89ab-cdef")
    assert not code_matches("", "0123-4567-89ab-cdef")


def test_hashing_a_malformed_code_is_refused() -> None:
    with pytest.raises(ValueError, match="not a backup code"):
        hash_code("0123")
