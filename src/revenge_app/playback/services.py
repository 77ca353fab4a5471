"""What the playback handlers read from the app."""

from __future__ import annotations

import attrs
from aiohttp import web

from revenge_app.playback.streaming import Streaming
from revenge_domain.live_events import LiveEvents
from revenge_domain.playback import Playback as Sessions


@attrs.frozen
class Playback:
    sessions: Sessions
    # The live event stream (server-sent events), filtered per caller.
    live_events: LiveEvents
    # The streams of the sessions: plans, ffmpeg processes, segments.
    streaming: Streaming


PLAYBACK = web.AppKey("playback", Playback)
