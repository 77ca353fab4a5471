"""GET /api/v1/events: live events as server-sent events.

Each client has its own bounded queue on the event bus (a slow client loses its oldest events
and gets a `gap` event instead; nobody waits for it). A comment line every
`playback.events_keepalive_s` keeps proxies from closing a quiet stream and notices clients that
went away.
"""

from __future__ import annotations

import asyncio
import json

from aiohttp import web
from prometheus_client import Gauge

from revenge_adapters.metrics import REGISTRY
from revenge_app.http.routes import Operations
from revenge_app.http.state import CONFIG, params_of, principal_of
from revenge_app.playback.container import PLAYBACK
from revenge_domain.identity.access import Principal
from revenge_domain.live_events import LiveEvents, chosen_categories
from revenge_domain.ports.events import Event, Subscription

OPERATIONS = Operations()
operation = OPERATIONS.operation

EVENT_STREAMS = Gauge("revenge_event_streams", "Open server-sent event streams", registry=REGISTRY)
KEEPALIVE = b": keepalive\n\n"
STREAM_HEADERS = {
    "Content-Type": "text/event-stream",
    "Cache-Control": "no-cache",
    "Connection": "keep-alive",
    "X-Accel-Buffering": "no",
}


def frame(event: Event) -> bytes:
    """One event as `id:`/`event:`/`data:` lines and the blank line that ends it."""
    data = {
        "id": event.id,
        "type": event.type,
        "category": event.category,
        "timestamp": event.timestamp.isoformat(),
        "data": dict(event.data),
    }
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False, default=str)
    return f"id: {event.id}\nevent: {event.type}\ndata: {text}\n\n".encode()


@operation("streamEvents", permission="profile:read")
async def stream_events(request: web.Request) -> web.StreamResponse:
    live = request.app[PLAYBACK].live_events
    principal = principal_of(request)
    requested = params_of(request).get("categories")
    categories = chosen_categories(str(requested).split(",") if requested else ())
    keepalive_s = request.app[CONFIG].playback.events_keepalive_s
    response = web.StreamResponse(headers=STREAM_HEADERS)
    async with live.follow(categories) as subscription:
        await response.prepare(request)
        EVENT_STREAMS.inc()
        try:
            await _relay(live, principal, subscription, response, keepalive_s)
        except ConnectionError:
            pass  # the client went away
        finally:
            EVENT_STREAMS.dec()
    return response


async def _relay(
    live: LiveEvents,
    principal: Principal,
    events: Subscription,
    response: web.StreamResponse,
    keepalive_s: float,
) -> None:
    """Until the bus closes the subscription or a write finds the client gone."""
    pending = events.__aiter__()
    while True:
        try:
            event = await asyncio.wait_for(anext(pending), keepalive_s)
        except TimeoutError:
            await response.write(KEEPALIVE)
            continue
        except StopAsyncIteration:
            return
        if await live.sees(principal, event):
            await response.write(frame(event))
