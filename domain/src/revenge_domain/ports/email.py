"""Outgoing email: the port every message to a user goes through."""

from __future__ import annotations

from typing import Protocol

import attrs


@attrs.frozen
class EmailMessage:
    to: str
    subject: str
    # The body may carry a secret link (reset, verification): never log it.
    body: str = attrs.field(repr=False)


class EmailSender(Protocol):
    """Delivers email to users."""

    async def send(self, message: EmailMessage) -> None:
        """Hand the message over for delivery; raise OSError when that is not possible."""
        ...
