"""Read models to and from the JSON-shaped values a `Cache` holds (ids, dates and times as
ISO text), in one converter shared by the cached decorators.

A cached catalogue page is read on most requests, so models are rebuilt by a plain function
per class that converts only the fields JSON does not keep (ids, times, nested models) and
hands every other value over as stored.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Awaitable, Callable, Sequence
from datetime import date, datetime
from typing import Any, TypeVar
from uuid import UUID

import attrs
from cattrs.gen import make_dict_structure_fn
from cattrs.preconf.json import make_converter

from revenge_domain.ports.cache import Cache

T = TypeVar("T")

values = make_converter(detailed_validation=False)
values.register_unstructure_hook(UUID, str)
values.register_structure_hook(UUID, lambda value, _: UUID(value))
values.register_unstructure_hook(date, date.isoformat)
values.register_structure_hook(date, lambda value, _: date.fromisoformat(value))
values.register_unstructure_hook(datetime, datetime.isoformat)
values.register_structure_hook(datetime, lambda value, _: datetime.fromisoformat(value))

KEPT_AS_STORED = (str, int, float, bool, type(None))


def _kept(kind: Any) -> bool:
    """JSON gives such a value back as it was: primitives, and lists and dicts of them."""
    if kind in KEPT_AS_STORED or kind is Any:
        return True
    args = typing.get_args(kind)
    origin = typing.get_origin(kind)
    if origin in (list, dict, typing.Union, types.UnionType):
        return all(_kept(arg) for arg in args)
    return False


def _attrs_structure(kind: type[Any]) -> Callable[[Any, Any], Any]:
    if typing.get_origin(kind) is not None:  # a generic such as Page[Movie]: a few fields
        return make_dict_structure_fn(kind, values)
    hints = typing.get_type_hints(kind)
    converted = [
        (field.name, values.get_structure_hook(hints[field.name]), hints[field.name])
        for field in attrs.fields(kind)
        if not _kept(hints[field.name])
    ]

    def structure(value: dict[str, Any], _: Any) -> Any:
        fields = dict(value)
        for name, hook, hint in converted:
            if name in fields and fields[name] is not None:
                fields[name] = hook(fields[name], hint)
        return kind(**fields)

    return structure


values.register_structure_hook_factory(attrs.has, _attrs_structure)


def to_cache(value: object, kind: Any) -> Any:
    return values.unstructure(value, kind)


def from_cache(value: object, kind: Any) -> Any:
    return values.structure(value, kind)


async def read_through(
    cache: Cache, key: str, kind: Any, load: Callable[[], Awaitable[Any]], ttl_s: float
) -> Any:
    """`load()`'s answer kept in `cache` as JSON, given back as `kind`."""

    async def loaded() -> Any:
        return to_cache(await load(), kind)

    return from_cache(await cache.get_or_load(key, loaded, ttl_s), kind)


class StoredList(Sequence[T]):
    """A list kept in a cache as JSON, made into `kind` models only where read: a cached
    catalogue page is mostly written back out as it was stored (`stored`)."""

    def __init__(self, stored: list[Any], kind: type[T]) -> None:
        self.stored, self.kind = stored, kind
        self._made: dict[int, T] = {}

    def __len__(self) -> int:
        return len(self.stored)

    def __eq__(self, other: object) -> bool:
        """Equal to a list or tuple of the same models, as a list would be."""
        if isinstance(other, StoredList | list | tuple):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    @typing.overload
    def __getitem__(self, index: int) -> T: ...

    @typing.overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...

    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        position = range(len(self))[index]
        if position not in self._made:
            self._made[position] = from_cache(self.stored[position], self.kind)
        return self._made[position]


def ids_of(items: Sequence[Any]) -> list[UUID]:
    """The `id` of each item, without making models of items still as stored."""
    if isinstance(items, StoredList):
        return [UUID(stored["id"]) for stored in items.stored]
    return [item.id for item in items]
