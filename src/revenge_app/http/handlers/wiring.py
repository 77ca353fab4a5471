"""Reaching the use cases from a handler."""

from __future__ import annotations

from typing import TypeVar

from aiohttp import web

from revenge_app.http.errors import ApiError
from revenge_app.http.state import DEPS, UseCases

T = TypeVar("T")


def use_cases(request: web.Request) -> UseCases:
    return request.app[DEPS].use_cases


def wired(use_case: T | None) -> T:
    """The use case, or 501 when this server was built without it."""
    if use_case is None:
        raise ApiError(501, "not_implemented", "this operation is not available on this server")
    return use_case
