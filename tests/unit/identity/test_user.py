from __future__ import annotations

import pytest

from revenge_domain.errors import InvalidInput
from revenge_domain.identity import check_email, check_password, check_username


@pytest.mark.parametrize("name", ["bob", "Alice_01", "a-b_c", "x" * 30])
def test_usernames_of_letters_digits_dash_underscore_pass(name: str) -> None:
    assert check_username(name) == name


@pytest.mark.parametrize("name", ["ab", "x" * 31, "", "with space", "dot.name", "é-accent", "a@b"])
def test_other_usernames_are_refused_naming_the_field(name: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_username(name)
    assert caught.value.details["field"] == "username"


@pytest.mark.parametrize("email", ["a@example.com", "first.last+tag@mail.example.org"])
def test_address_shaped_emails_pass(email: str) -> None:
    assert check_email(email) == email


@pytest.mark.parametrize(
    "email",
    [
        "",
        "plain",
        "@example.com",
        "a@",
        "a@localhost",
        "a b@example.com",
        "a@@example.com",
        "a@example.",
        "a@.com",
        "x" * 250 + "@example.com",
    ],
)
def test_other_emails_are_refused_naming_the_field(email: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_email(email)
    assert caught.value.details["field"] == "email"


def test_passwords_of_eight_characters_pass() -> None:
    assert check_password("k7#Rw2pQ") == "k7#Rw2pQ"


@pytest.mark.parametrize(
    "password", ["password", "12345678", "Password1", "QWERTYUIOP", " iloveyou ", "passw0rd"]
)
def test_common_passwords_are_refused_in_any_case(password: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_password(password)
    assert caught.value.details["field"] == "password"
    assert "common" in caught.value.message


@pytest.mark.parametrize("password", ["alllowercaseletters", "correct horse battery", "ÄÖÜäöüß€"])
def test_no_rules_on_the_kinds_of_characters(password: str) -> None:
    assert check_password(password) == password


def test_shorter_passwords_are_refused_naming_the_field() -> None:
    with pytest.raises(InvalidInput) as caught:
        check_password("1234567")
    assert caught.value.details["field"] == "password"
    assert "8" in caught.value.message
