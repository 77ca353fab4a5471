from __future__ import annotations

import pytest

from revenge_domain.errors import InvalidInput, NotFound
from revenge_domain.settings import SERVER_SETTINGS, USER_SETTINGS, DataType, SettingDefinition


def test_the_server_registry_seeds_the_known_server_settings_with_their_defaults() -> None:
    defaults = {setting.key: setting.value for setting in SERVER_SETTINGS.resolve({})}
    assert defaults == {
        "server.name": "Revenge Media Server",
        "features.registration_enabled": True,
        "features.oidc_enabled": False,
        "auth.jwt.access_token_expiry": 3600,
        "auth.jwt.refresh_token_expiry": 2_592_000,
        "auth.password.min_length": 8,
        "auth.session.max_per_user": 10,
    }
    public = {key for key in SERVER_SETTINGS.known_keys() if SERVER_SETTINGS.find(key).is_public}
    assert public == {"server.name", "features.registration_enabled", "features.oidc_enabled"}


def test_stored_values_replace_defaults_and_stored_unknown_keys_are_ignored() -> None:
    resolved = SERVER_SETTINGS.resolve({"server.name": "Home", "gone.key": 1})
    values = {setting.key: setting.value for setting in resolved}
    assert values["server.name"] == "Home"
    assert "gone.key" not in values


@pytest.mark.parametrize(
    ("key", "value", "reason"),
    [
        ("server.name", 42, "must be a string"),
        ("features.oidc_enabled", "true", "must be a boolean"),
        ("auth.password.min_length", "12", "must be an integer"),
        ("auth.password.min_length", True, "must be an integer"),
        ("auth.password.min_length", 12.5, "must be an integer"),
        ("auth.password.min_length", 4, "must be at least 8"),
        ("auth.password.min_length", 500, "must be at most 128"),
    ],
)
def test_a_value_of_the_wrong_kind_is_refused_naming_the_key(
    key: str, value: object, reason: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        SERVER_SETTINGS.validated(key, value)
    assert refused.value.details == {"key": key, "reason": reason}
    assert key in refused.value.message


def test_values_of_the_right_kind_pass() -> None:
    assert (
        SERVER_SETTINGS.validated("auth.password.min_length", 12).key == "auth.password.min_length"
    )
    assert (
        USER_SETTINGS.validated("ui.home_layout", {"rows": ["continue"]}).data_type is DataType.JSON
    )
    assert USER_SETTINGS.validated("playback.max_quality", "1080p").key == "playback.max_quality"


def test_choices_and_json_objects_are_enforced() -> None:
    with pytest.raises(InvalidInput, match=r"playback\.max_quality must be one of"):
        USER_SETTINGS.validated("playback.max_quality", "8k")
    with pytest.raises(InvalidInput, match=r"ui\.home_layout must be a json"):
        USER_SETTINGS.validated("ui.home_layout", ["not", "an", "object"])


def test_an_unknown_key_is_invalid_to_write_and_not_found_to_read() -> None:
    with pytest.raises(InvalidInput) as refused:
        SERVER_SETTINGS.validated("no.such.key", "x")
    assert refused.value.details["key"] == "no.such.key"
    with pytest.raises(NotFound):
        SERVER_SETTINGS.find("no.such.key")


def test_a_definition_whose_default_does_not_fit_cannot_be_declared() -> None:
    with pytest.raises(InvalidInput):
        SettingDefinition("x.count", DataType.INTEGER, "ten", "A count", "test")


def test_a_float_setting_takes_any_number_but_not_a_boolean() -> None:
    ratio = SettingDefinition("x.ratio", DataType.FLOAT, 0.5, "A ratio", "test")
    ratio.check(1)
    ratio.check(0.25)
    for wrong in (True, "0.5"):
        with pytest.raises(InvalidInput, match=r"x\.ratio must be a number"):
            ratio.check(wrong)


def test_every_data_type_is_one_of_the_contract() -> None:
    assert {t.value for t in DataType} == {"string", "integer", "boolean", "float", "json"}
