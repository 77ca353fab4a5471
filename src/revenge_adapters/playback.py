"""Playback sessions in Redis.

Why Redis and not PostgreSQL: a session is short-lived state touched by a heartbeat every few
seconds and worthless after it expires; every server instance must see it. Each session is one
JSON value whose TTL is the session's own expiry plus a grace period (so the cleanup job can
still read who it belonged to and announce its end), and a sorted set indexes the sessions by
expiry for that job and for the active-sessions gauge. Nothing needs a migration.
"""

from __future__ import annotations

import json
import math
from datetime import datetime
from typing import Any
from uuid import UUID

from prometheus_client import Gauge
from redis.asyncio import Redis
from redis.exceptions import RedisError

from revenge_adapters.metrics import REGISTRY
from revenge_domain.playback import (
    MediaType,
    PlayableFile,
    PlaybackSession,
    PlaybackUnavailable,
)
from revenge_domain.streaming import ClientProfile

ACTIVE_SESSIONS = Gauge(
    "revenge_playback_active_sessions",
    "Playback sessions alive (heartbeats within their timeout), as last counted",
    registry=REGISTRY,
)
GRACE_S = 3600


def encode_session(session: PlaybackSession) -> str:
    file = session.file
    return json.dumps(
        {
            "id": str(session.id),
            "user_id": str(session.user_id),
            "media_type": session.media_type.value,
            "media_id": str(session.media_id),
            "file": {
                "id": str(file.id),
                "size": file.size,
                "duration_s": file.duration_s,
                "resolution": file.resolution,
                "audio_codec": file.audio_codec,
                "audio_channels": file.audio_channels,
                "audio_languages": list(file.audio_languages),
                "subtitle_languages": list(file.subtitle_languages),
                "path": file.path,
            },
            "position_s": session.position_s,
            "audio_track": session.audio_track,
            "subtitle_track": session.subtitle_track,
            "created_at": session.created_at.isoformat(),
            "expires_at": session.expires_at.isoformat(),
            "client_profile": _profile_doc(session.client_profile),
            "error": session.error,
        }
    )


def decode_session(text: str | bytes) -> PlaybackSession:
    doc: dict[str, Any] = json.loads(text)
    file: dict[str, Any] = doc["file"]
    return PlaybackSession(
        id=UUID(doc["id"]),
        user_id=UUID(doc["user_id"]),
        media_type=MediaType(doc["media_type"]),
        media_id=UUID(doc["media_id"]),
        file=PlayableFile(
            id=UUID(file["id"]),
            size=file["size"],
            duration_s=file["duration_s"],
            resolution=file["resolution"],
            audio_codec=file["audio_codec"],
            audio_channels=file["audio_channels"],
            audio_languages=tuple(file["audio_languages"]),
            subtitle_languages=tuple(file["subtitle_languages"]),
            path=file.get("path"),
        ),
        position_s=doc["position_s"],
        audio_track=doc["audio_track"],
        subtitle_track=doc["subtitle_track"],
        created_at=datetime.fromisoformat(doc["created_at"]),
        expires_at=datetime.fromisoformat(doc["expires_at"]),
        client_profile=_profile(doc.get("client_profile")),
        error=doc.get("error"),
    )


def _profile_doc(profile: ClientProfile | None) -> dict[str, Any] | None:
    """Kept with the names a client sends it by (as sessions stored before kept it)."""
    if profile is None:
        return None
    return {
        "video_codecs": sorted(profile.video_codecs),
        "audio_codecs": sorted(profile.audio_codecs),
        "containers": sorted(profile.containers),
        "max_width": profile.max_width,
        "max_height": profile.max_height,
        "max_bitrate_kbps": profile.max_bitrate_kbps,
        "max_audio_channels": profile.max_audio_channels,
        "supports_hdr10": profile.supports_hdr10,
    }


def _profile(doc: dict[str, Any] | None) -> ClientProfile | None:
    return ClientProfile(**doc) if doc is not None else None


def _unavailable(exc: Exception) -> PlaybackUnavailable:
    return PlaybackUnavailable("playback sessions are unavailable right now", {"reason": str(exc)})


class RedisPlaybackSessions:
    """Implements the `PlaybackSessions` port."""

    def __init__(self, client: Redis, key_prefix: str = "revenge:") -> None:
        self._client = client
        self._prefix = f"{key_prefix}playback:"
        self._index = f"{key_prefix}playback-expiry"

    def _key(self, session_id: UUID) -> str:
        return f"{self._prefix}{session_id}"

    async def save(self, session: PlaybackSession) -> None:
        expires = session.expires_at.timestamp()
        ttl_s = max(1, math.ceil(expires - datetime.now(session.expires_at.tzinfo).timestamp()))
        try:
            async with self._client.pipeline(transaction=True) as pipe:
                pipe.set(self._key(session.id), encode_session(session), ex=ttl_s + GRACE_S)
                pipe.zadd(self._index, {str(session.id): expires})
                await pipe.execute()
        except (RedisError, OSError) as exc:
            raise _unavailable(exc) from exc

    async def get(self, session_id: UUID) -> PlaybackSession | None:
        try:
            text = await self._client.get(self._key(session_id))
        except (RedisError, OSError) as exc:
            raise _unavailable(exc) from exc
        return decode_session(text) if text is not None else None

    async def delete(self, session_id: UUID) -> bool:
        try:
            async with self._client.pipeline(transaction=True) as pipe:
                pipe.delete(self._key(session_id))
                pipe.zrem(self._index, str(session_id))
                deleted, _ = await pipe.execute()
        except (RedisError, OSError) as exc:
            raise _unavailable(exc) from exc
        return bool(deleted)

    async def expired(self, now: datetime) -> list[PlaybackSession]:
        try:
            found = await self._client.zrangebyscore(self._index, "-inf", now.timestamp())
            ids = [_text(value) for value in found]
            texts = await self._client.mget([self._prefix + i for i in ids]) if ids else []
            gone = [i for i, text in zip(ids, texts, strict=True) if text is None]
            if gone:  # outlived even the grace period: nothing left to announce
                await self._client.zrem(self._index, *gone)
        except (RedisError, OSError) as exc:
            raise _unavailable(exc) from exc
        return [decode_session(text) for text in texts if text is not None]

    async def active_count(self, now: datetime) -> int:
        try:
            count = int(await self._client.zcount(self._index, f"({now.timestamp()}", "+inf"))
        except (RedisError, OSError) as exc:
            raise _unavailable(exc) from exc
        ACTIVE_SESSIONS.set(count)
        return count


def _text(value: object) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)
