"""The unit-of-work port: one transaction per use case."""

from __future__ import annotations

from types import TracebackType
from typing import Protocol, Self


class UnitOfWork(Protocol):
    """`async with uow:` opens a transaction; work is kept only if `commit()` is awaited inside.

    Leaving the block without committing, or with an exception, rolls everything back. One
    instance may be entered again for a new transaction after the previous block has ended.
    """

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Roll back whatever was not committed."""
        ...

    async def commit(self) -> None:
        """Make the work done so far in this block permanent."""
        ...

    async def rollback(self) -> None:
        """Drop the work done since the last commit."""
        ...
