"""Structured logs: JSON lines off a terminal, key=value on one; secrets are masked."""

from __future__ import annotations

import json
import logging

from revenge_app.logging import JsonFormatter, TextFormatter, redact


def record(**fields: object) -> logging.LogRecord:
    made = logging.makeLogRecord(
        {"name": "revenge.test", "levelname": "INFO", "levelno": 20, "msg": "request done"}
    )
    made.fields = fields
    return made


def test_json_lines_carry_the_fields() -> None:
    line = json.loads(JsonFormatter().format(record(route="/readyz", status=200)))
    assert (line["msg"], line["level"], line["logger"]) == ("request done", "info", "revenge.test")
    assert (line["route"], line["status"]) == ("/readyz", 200)
    assert "ts" in line


def test_text_lines_are_key_value() -> None:
    line = TextFormatter().format(record(route="/readyz", duration_ms=1.5, note="two words"))
    assert "info" in line
    assert "request done" in line
    assert 'route=/readyz duration_ms=1.5 note="two words"' in line


def test_secrets_never_appear() -> None:
    line = JsonFormatter().format(record(password="hunter2", api_key="k", refresh_token="t"))
    assert "hunter2" not in line
    assert json.loads(line)["password"] == "***"
    assert redact({"Authorization": "Bearer x", "user": "ann"}) == {
        "Authorization": "***",
        "user": "ann",
    }
