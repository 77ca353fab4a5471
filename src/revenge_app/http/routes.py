"""Route declarations: method, path, operationId, handler, permission and cache category, once.

`permission` has no default, so a route cannot be declared without saying who may call it
(a `resource:action` string, or PUBLIC). Enforcement arrives with the access-control feature.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Awaitable, Callable, Iterable

import attrs
from aiohttp import web

from revenge_app.http.document import OpenApiDocument, OperationKey

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class Public(enum.Enum):
    PUBLIC = "public"


PUBLIC = Public.PUBLIC
"""Anyone may call the route, without credentials."""

Permission = str | Public
PERMISSION_PATTERN = re.compile(r"[a-z][a-z_]*:([a-z][a-z_]*|\*)")
# `{path:.+}` in a route path is `{path}` in the document (aiohttp's own canonical form).
_PARAMETER_PATTERN = re.compile(r"\{(\w+):[^{}]+\}")


class CacheCategory(enum.Enum):
    """The Cache-Control a successful GET gets; every other method is `no-store`."""

    CATALOG = "private, max-age=60"
    USER = "private, no-store"
    PROBE = "no-cache"
    DOCUMENT = "public, max-age=3600"
    # The same URL always names the same bytes (a provider file, sized once).
    IMAGE = "public, max-age=31536000, immutable"


def _check_permission(route: object, attr: attrs.Attribute[Permission], value: object) -> None:
    if value is PUBLIC:
        return
    if not isinstance(value, str) or not PERMISSION_PATTERN.fullmatch(value):
        raise ValueError(f"permission must be PUBLIC or 'resource:action', got {value!r}")


def _upper(method: str) -> str:
    return method.upper()


@attrs.frozen
class Route:
    """`Route("GET", "/healthz", "getLiveness", get_liveness, permission=PUBLIC, cache=PROBE)`"""

    method: str = attrs.field(converter=_upper)
    path: str
    operation_id: str
    handler: Handler
    permission: Permission = attrs.field(kw_only=True, validator=_check_permission)
    cache: CacheCategory = attrs.field(kw_only=True, default=CacheCategory.USER)

    @property
    def key(self) -> OperationKey:
        path = _PARAMETER_PATTERN.sub(r"{\1}", self.path)
        return OperationKey(self.method, path, self.operation_id)

    @property
    def cache_control(self) -> str:
        return self.cache.value if self.method == "GET" else "no-store"


class RouteTableMismatch(RuntimeError):
    """The route table and the OpenAPI document disagree; the message lists every difference."""


def mismatches(routes: Iterable[OperationKey], document: OpenApiDocument) -> list[str]:
    """Differences between routes (method, path, operationId) and the document's operations."""
    declared, documented = set(routes), document.operation_keys()
    return [f"route missing from the document: {key}" for key in sorted(declared - documented)] + [
        f"document operation without a route: {key}" for key in sorted(documented - declared)
    ]


def registered_operations(app: web.Application) -> set[OperationKey]:
    """What the app's router really answers (HEAD is implied by GET and left out)."""
    return {
        OperationKey(route.method, route.resource.canonical, route.name or "")
        for route in app.router.routes()
        if route.resource is not None and route.method != "HEAD"
    }
