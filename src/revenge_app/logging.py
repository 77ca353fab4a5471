"""Structured logs: JSON lines when not on a terminal, readable key=value on one.

Log with `log.info("message", extra={"fields": {...}})`; known secret-bearing keys are masked.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

SECRET_WORDS = ("password", "secret", "token", "api_key", "apikey", "authorization", "cookie")
_STANDARD = set(vars(logging.makeLogRecord({})))


def redact(fields: Mapping[str, Any]) -> dict[str, Any]:
    return {
        key: "***" if any(word in key.lower() for word in SECRET_WORDS) else value
        for key, value in fields.items()
    }


def _fields(record: logging.LogRecord) -> dict[str, Any]:
    extra = getattr(record, "fields", None) or {}
    loose = {k: v for k, v in vars(record).items() if k not in _STANDARD and k != "fields"}
    return redact({**loose, **extra})


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
            **_fields(record),
        }
        if record.exc_info:
            line["exc"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        ts = datetime.fromtimestamp(record.created).strftime("%H:%M:%S")
        pairs = " ".join(f"{k}={_text(v)}" for k, v in _fields(record).items())
        line = f"{ts} {record.levelname.lower():<7} {record.getMessage()}"
        line = f"{line}  {pairs}" if pairs else line
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


def _text(value: object) -> str:
    text = str(value)
    return json.dumps(text) if (" " in text or not text) else text


def configure_logging(level: str = "info", fmt: str = "auto") -> None:
    """Route every logger to stderr in the chosen format (auto: text on a terminal, else JSON)."""
    use_json = fmt == "json" or (fmt == "auto" and not sys.stderr.isatty())
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if use_json else TextFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("aiohttp.access", "asyncio", "taskiq", "httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
