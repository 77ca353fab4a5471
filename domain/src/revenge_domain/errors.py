"""Domain errors. The HTTP layer maps each to a status code in one place."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class DomainError(Exception):
    """Base of every error the domain raises on purpose."""

    code = "domain_error"

    def __init__(self, message: str, details: Mapping[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details: dict[str, Any] = dict(details or {})


class NotFound(DomainError):
    code = "not_found"


class Conflict(DomainError):
    code = "conflict"


class InvalidInput(DomainError):
    code = "invalid_input"


class Unauthenticated(DomainError):
    code = "unauthenticated"


class PermissionDenied(DomainError):
    code = "forbidden"


class TooManyRequests(DomainError):
    code = "too_many_requests"

    def __init__(self, message: str, retry_after_s: int) -> None:
        super().__init__(message, {"retry_after_seconds": retry_after_s})
        self.retry_after_s = retry_after_s


class DependencyUnavailable(DomainError):
    """A service the work needs (database, job queue, search) cannot be reached now; asking
    again after `retry_after_s` may succeed."""

    code = "unavailable"
    retry_after_s = 5

    def __init__(self, message: str, details: Mapping[str, Any] | None = None) -> None:
        super().__init__(message, {"retry_after_seconds": self.retry_after_s, **(details or {})})
