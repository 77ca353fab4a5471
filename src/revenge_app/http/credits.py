"""The cast and crew routes of a movie or a series: one page of its credits of one kind."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, Protocol
from uuid import UUID

from aiohttp import web

from revenge_app.http.answers import json_response, page_answer
from revenge_app.http.routes import CacheCategory, Operations
from revenge_app.http.state import params_of, principal_of
from revenge_domain import movies, tvshows
from revenge_domain.credits import CreditKind
from revenge_domain.identity.access import Principal


class Credited(Protocol):
    """A catalogue whose titles credit people (movies, series)."""

    async def credits(
        self, principal: Principal, title_id: UUID, kind: CreditKind, limit: int, offset: int, /
    ) -> movies.Page[Any] | tvshows.Page[Any]: ...


Catalogue = Callable[[web.Request], Credited]


def add_routes(operations: Operations, catalogue: Catalogue, *, cast: str, crew: str) -> None:
    """Answer the operations `cast` and `crew` with the credits `catalogue` holds."""
    for operation_id, kind in ((cast, CreditKind.CAST), (crew, CreditKind.CREW)):
        handler = partial(_credits, catalogue, kind)
        operations.add(operation_id, handler, permission="movies:get", cache=CacheCategory.CATALOG)


async def _credits(catalogue: Catalogue, kind: CreditKind, request: web.Request) -> web.Response:
    params = params_of(request)
    limit, offset = params.integer("limit"), params.integer("offset")
    page = await catalogue(request).credits(
        principal_of(request), params.uuid("id"), kind, limit, offset
    )
    return json_response(page_answer(page, limit, offset))
