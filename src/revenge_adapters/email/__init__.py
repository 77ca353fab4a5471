"""Email senders: the default one only writes a log line per message."""

from revenge_adapters.email.logging_sender import LoggingEmailSender

__all__ = ["LoggingEmailSender"]
