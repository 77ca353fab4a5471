"""Read models to and from the JSON-shaped values a `Cache` holds (ids, dates and times as
ISO text), in one converter shared by the cached decorators."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from cattrs.preconf.json import make_converter

values = make_converter(detailed_validation=False)
values.register_unstructure_hook(UUID, str)
values.register_structure_hook(UUID, lambda value, _: UUID(value))
values.register_unstructure_hook(date, date.isoformat)
values.register_structure_hook(date, lambda value, _: date.fromisoformat(value))
values.register_unstructure_hook(datetime, datetime.isoformat)
values.register_structure_hook(datetime, lambda value, _: datetime.fromisoformat(value))


def to_cache(value: object, kind: Any) -> Any:
    return values.unstructure(value, kind)


def from_cache(value: object, kind: Any) -> Any:
    return values.structure(value, kind)
