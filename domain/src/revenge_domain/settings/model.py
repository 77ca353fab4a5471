"""Known settings: each key's type, default and description, and how values are checked."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from revenge_domain.errors import InvalidInput, NotFound


class DataType(enum.StrEnum):
    """The contract's data types of a setting."""

    STRING = "string"
    INTEGER = "integer"
    FLOAT = "float"
    BOOLEAN = "boolean"
    JSON = "json"


_NAMES = {DataType.INTEGER: "an integer", DataType.FLOAT: "a number"}


def _fits(data_type: DataType, value: object) -> bool:
    if data_type is DataType.STRING:
        return isinstance(value, str)
    # bool is an int to Python, but true is not a number to a client.
    if data_type is DataType.INTEGER:
        return isinstance(value, int) and not isinstance(value, bool)
    if data_type is DataType.FLOAT:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if data_type is DataType.BOOLEAN:
        return isinstance(value, bool)
    return isinstance(value, dict)


@attrs.frozen
class SettingDefinition:
    """One known key: what its values look like and what it is when nobody set it."""

    key: str
    data_type: DataType
    default: Any
    description: str
    category: str
    is_public: bool = False
    is_secret: bool = False
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        self.check(self.default)

    def check(self, value: object) -> None:
        """InvalidInput naming the key when `value` is not an allowed value of this setting."""
        if not _fits(self.data_type, value):
            self._refuse(f"must be {_NAMES.get(self.data_type, 'a ' + self.data_type.value)}")
        if self.choices and value not in self.choices:
            self._refuse(f"must be one of {', '.join(self.choices)}")
        if self.minimum is not None and value < self.minimum:  # type: ignore[operator]
            self._refuse(f"must be at least {self.minimum:g}")
        if self.maximum is not None and value > self.maximum:  # type: ignore[operator]
            self._refuse(f"must be at most {self.maximum:g}")

    def _refuse(self, reason: str) -> None:
        raise InvalidInput(f"setting {self.key} {reason}", {"key": self.key, "reason": reason})


@attrs.frozen
class Setting:
    """A known key with its current value (the default unless someone set it)."""

    definition: SettingDefinition
    value: Any

    @property
    def key(self) -> str:
        return self.definition.key


class SettingRegistry:
    """The known keys of one scope (server or user), in a stable order."""

    def __init__(self, definitions: Iterable[SettingDefinition]) -> None:
        self._by_key = {definition.key: definition for definition in definitions}

    def with_default(self, key: str, default: Any) -> SettingRegistry:
        """The same keys, with `default` for `key` (a default the deployment configures)."""
        definition = self.validated(key, default)
        changed = attrs.evolve(definition, default=default)
        return SettingRegistry(changed if d.key == key else d for d in self._by_key.values())

    def known_keys(self) -> list[str]:
        return list(self._by_key)

    def find(self, key: str) -> SettingDefinition:
        """The definition of `key`; NotFound when it is not a known key (for reads)."""
        definition = self._by_key.get(key)
        if definition is None:
            raise NotFound(f"no setting {key}", {"key": key})
        return definition

    def validated(self, key: str, value: object) -> SettingDefinition:
        """The definition of `key` after checking `value`; InvalidInput naming the key if the
        key is unknown or the value does not fit (for writes)."""
        definition = self._by_key.get(key)
        if definition is None:
            raise InvalidInput(f"unknown setting {key}", {"key": key, "reason": "unknown key"})
        definition.check(value)
        return definition

    def resolve(self, stored: Mapping[str, Any]) -> list[Setting]:
        """Every known key with its stored value or default; stored unknown keys are ignored."""
        return [
            Setting(definition, stored.get(key, definition.default))
            for key, definition in self._by_key.items()
        ]
