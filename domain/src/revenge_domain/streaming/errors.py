"""What can go wrong while streaming, beyond a name that is not in the session."""

from __future__ import annotations

from revenge_domain.errors import DomainError


class MediaUnreadable(DomainError):
    """The file vanished, or ffmpeg cannot read it."""

    code = "media_unreadable"


class TranscodeLimitReached(DomainError):
    """As many transcodes run as the server allows; try again later."""

    code = "transcode_limit"

    def __init__(self, limit: int, retry_after_s: int) -> None:
        super().__init__(
            "the server is transcoding as much as it can; try again shortly",
            {"limit": limit, "retry_after_seconds": retry_after_s},
        )
        self.retry_after_s = retry_after_s
