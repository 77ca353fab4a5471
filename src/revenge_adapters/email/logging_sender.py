"""An email sender for servers without mail delivery: a log line per message, no content."""

from __future__ import annotations

import logging

from revenge_domain.ports.email import EmailMessage

log = logging.getLogger("revenge.email")


class LoggingEmailSender:
    """Logs who would get which subject. The body is left out: it may hold a secret link."""

    async def send(self, message: EmailMessage) -> None:
        log.info(
            f"email to {message.to}: {message.subject}",
            extra={"fields": {"to": message.to, "subject": message.subject}},
        )
