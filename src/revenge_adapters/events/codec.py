"""Events as JSON text on the wire."""

from __future__ import annotations

import json
from datetime import datetime

from revenge_domain.ports.events import Event


def encode_event(event: Event) -> str:
    return json.dumps(
        {
            "id": event.id,
            "category": event.category,
            "type": event.type,
            "timestamp": event.timestamp.isoformat(),
            "data": dict(event.data),
        },
        separators=(",", ":"),
        ensure_ascii=False,
    )


def decode_event(text: str | bytes) -> Event:
    """The event in `text`; ValueError (or KeyError/TypeError) when it is not one."""
    doc = json.loads(text)
    if not isinstance(doc, dict) or not isinstance(doc.get("data", {}), dict):
        raise ValueError("an event is a JSON object with an object `data`")
    return Event(
        category=str(doc["category"]),
        type=str(doc["type"]),
        data=doc.get("data", {}),
        id=str(doc["id"]),
        timestamp=datetime.fromisoformat(doc["timestamp"]),
    )
