"""Handlers found by operationId: `@operation(...)` beside each handler, method and path from the
OpenAPI document.

Each handler module keeps one `Operations` set and declares its handlers with it:

    OPERATIONS = Operations()
    operation = OPERATIONS.operation

    @operation("listMovies", permission="movies:list", cache=CacheCategory.CATALOG)
    async def list_movies(request: web.Request) -> web.Response: ...

`permission` has no default, so a handler cannot be declared without saying who may call it
(a `resource:action` string, or PUBLIC; `profile:read`, which every role holds, means any
signed-in user, and `admin:*` administrators only). The module's set is listed once in
`revenge_app.http.api`; the app binds the sets to the document's operations and refuses to
start when an operation has no handler or a handler no operation.
"""

from __future__ import annotations

import enum
import re
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping
from typing import TypeVar

import attrs
from aiohttp import web

from revenge_app.http.document import OpenApiDocument, Operation, OperationKey

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
H = TypeVar("H", bound=Handler)


class Public(enum.Enum):
    PUBLIC = "public"


PUBLIC = Public.PUBLIC
"""Anyone may call the operation, without credentials."""

Permission = str | Public
PERMISSION_PATTERN = re.compile(r"[a-z][a-z_]*:([a-z][a-z_]*|\*)")


class CacheCategory(enum.Enum):
    """The Cache-Control a successful GET gets; every other method is `no-store`."""

    CATALOG = "private, max-age=60"
    USER = "private, no-store"
    PROBE = "no-cache"
    DOCUMENT = "public, max-age=3600"
    # The same URL always names the same bytes (a provider file, sized once).
    IMAGE = "public, max-age=31536000, immutable"


def _check_permission(binding: object, attr: attrs.Attribute[Permission], value: object) -> None:
    if value is PUBLIC:
        return
    if not isinstance(value, str) or not PERMISSION_PATTERN.fullmatch(value):
        raise ValueError(f"permission must be PUBLIC or 'resource:action', got {value!r}")


@attrs.frozen
class Binding:
    """What `@operation` says of a handler. `patterns` gives a path parameter a regular
    expression, e.g. `{"path": ".+"}` for one that spans slashes."""

    operation_id: str
    handler: Handler
    permission: Permission = attrs.field(kw_only=True, validator=_check_permission)
    cache: CacheCategory = attrs.field(kw_only=True, default=CacheCategory.USER)
    patterns: Mapping[str, str] = attrs.field(kw_only=True, factory=dict)

    def describe(self) -> str:
        handler = self.handler
        name = getattr(handler, "__qualname__", None)
        module = getattr(handler, "__module__", None)
        return f"{module}.{name}" if name and module else repr(handler)


class Operations:
    """The operations one handler module answers; the app is given one set per module."""

    def __init__(self, bindings: Iterable[Binding] = ()) -> None:
        self._bindings = list(bindings)

    def __iter__(self) -> Iterator[Binding]:
        return iter(self._bindings)

    def operation(
        self,
        operation_id: str,
        *,
        permission: Permission,
        cache: CacheCategory = CacheCategory.USER,
        patterns: Mapping[str, str] | None = None,
    ) -> Callable[[H], H]:
        """Declare the decorated handler as the one answering `operation_id`."""

        def declare(handler: H) -> H:
            self.add(operation_id, handler, permission=permission, cache=cache, patterns=patterns)
            return handler

        return declare

    def add(
        self,
        operation_id: str,
        handler: Handler,
        *,
        permission: Permission,
        cache: CacheCategory = CacheCategory.USER,
        patterns: Mapping[str, str] | None = None,
    ) -> None:
        """`operation` for a handler that is built rather than defined (e.g. bound to a value)."""
        binding = Binding(
            operation_id, handler, permission=permission, cache=cache, patterns=patterns or {}
        )
        self._bindings.append(binding)


@attrs.frozen
class Route:
    """A document operation bound to its handler: what the router and the middlewares use.
    `path` is the router's: the document's path with the declared patterns."""

    method: str
    path: str
    operation_id: str
    handler: Handler
    permission: Permission
    cache: CacheCategory

    @classmethod
    def bind(cls, key: OperationKey, binding: Binding) -> Route:
        path = _PARAMETER.sub(lambda m: _with_pattern(m[1], binding.patterns), key.path)
        handler, permission, cache = binding.handler, binding.permission, binding.cache
        return cls(key.method, path, key.operation_id, handler, permission, cache)

    @property
    def key(self) -> OperationKey:
        return OperationKey(self.method, _PATTERN.sub(r"{\1}", self.path), self.operation_id)

    @property
    def cache_control(self) -> str:
        return self.cache.value if self.method == "GET" else "no-store"


_PARAMETER = re.compile(r"\{(\w+)\}")
# `{path:.+}` in a router path is `{path}` in the document (aiohttp's own canonical form).
_PATTERN = re.compile(r"\{(\w+):[^{}]+\}")


def _with_pattern(name: str, patterns: Mapping[str, str]) -> str:
    return f"{{{name}:{patterns[name]}}}" if name in patterns else f"{{{name}}}"


class OperationsMismatch(RuntimeError):
    """The handlers and the document's operations disagree; the message lists every difference."""


def bound_routes(document: OpenApiDocument, sets: Iterable[Operations]) -> list[Route]:
    """The document's operations in its order, each bound to its handler.

    Raises OperationsMismatch naming every operation without a handler, handler without an
    operation, operationId declared twice and pattern for a parameter the path does not have.
    """
    operations = document.operations()
    bindings, problems = _by_operation_id(binding for found in sets for binding in found)
    problems += _document_problems(operations, bindings)
    problems += _pattern_problems(operations, bindings)
    if problems:
        raise OperationsMismatch("; ".join(problems))
    return [Route.bind(op.key, bindings[op.key.operation_id]) for op in operations]


def _by_operation_id(bindings: Iterable[Binding]) -> tuple[dict[str, Binding], list[str]]:
    found: dict[str, Binding] = {}
    problems = []
    for binding in bindings:
        first = found.get(binding.operation_id)
        if first is None:
            found[binding.operation_id] = binding
        else:
            problems.append(
                f"operationId with two handlers: {binding.operation_id} "
                f"({first.describe()}, {binding.describe()})"
            )
    return found, problems


def _document_problems(operations: list[Operation], bindings: Mapping[str, Binding]) -> list[str]:
    counts = Counter(op.key.operation_id for op in operations)
    twice = [f"operationId on several operations: {name}" for name, n in counts.items() if n > 1]
    unbound = [
        f"operation without a handler: {op.key}"
        for op in operations
        if op.key.operation_id not in bindings
    ]
    orphans = [
        f"handler without an operation: {name} ({binding.describe()})"
        for name, binding in bindings.items()
        if name not in counts
    ]
    return twice + unbound + orphans


def _pattern_problems(operations: list[Operation], bindings: Mapping[str, Binding]) -> list[str]:
    problems = []
    for op in operations:
        binding = bindings.get(op.key.operation_id)
        names = set(_PARAMETER.findall(op.key.path))
        problems += [
            f"pattern for a parameter the path lacks: {name} in {op.key}"
            for name in (binding.patterns if binding else ())
            if name not in names
        ]
    return problems


def registered_operations(app: web.Application) -> set[OperationKey]:
    """What the app's router really answers (HEAD is implied by GET and left out)."""
    return {
        OperationKey(route.method, route.resource.canonical, route.name or "")
        for route in app.router.routes()
        if route.resource is not None and route.method != "HEAD"
    }
