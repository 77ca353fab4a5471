"""An in-memory unit of work: records whether the last block committed or rolled back."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from tests.unit.fakes.activity import KeptActivity, UnitActivity


class FakeUnitOfWork:
    """Events added to `activity` reach `kept` (a new log unless given) when the unit commits."""

    def __init__(self, kept: KeptActivity | None = None) -> None:
        self.activity = UnitActivity(kept or KeptActivity())
        self.open = False
        self.committed = False
        self.rolled_back = False
        self.commits = 0
        self.rollbacks = 0

    async def __aenter__(self) -> Self:
        if self.open:
            raise RuntimeError("the unit of work is already open")
        self.open, self.committed, self.rolled_back = True, False, False
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.open = False
        if exc_type is not None or not self.committed:
            await self.rollback()

    async def commit(self) -> None:
        if not self.open:
            raise RuntimeError("the unit of work is used outside its `async with` block")
        self.committed = True
        self.commits += 1
        self.activity.commit()

    async def rollback(self) -> None:
        self.activity.drop()
        self.rolled_back = True
        self.rollbacks += 1
