"""What no request may carry into a handler whatever its schema says: text that PostgreSQL cannot
store (a NUL character, a lone surrogate) and JSON nested deeper than any of our bodies."""

from __future__ import annotations

from typing import Any

from revenge_app.http.problems import Problem

MAX_JSON_DEPTH = 32
NUL = "\x00"


def text_problem(text: str) -> str | None:
    """Why `text` cannot be taken as text, or None when it can."""
    if NUL in text:
        return "must not contain a NUL character"
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return "must be valid Unicode text"
    return None


def json_problem(value: Any) -> Problem | None:
    """The first part of a parsed JSON body that is too deep or holds text we cannot store."""
    pending: list[tuple[Any, list[str]]] = [(value, [])]
    while pending:
        node, path = pending.pop()
        if len(path) > MAX_JSON_DEPTH:
            return Problem(_field(path), f"is nested deeper than {MAX_JSON_DEPTH} levels")
        if isinstance(node, str):
            reason = text_problem(node)
            if reason is not None:
                return Problem(_field(path), reason)
        elif isinstance(node, dict):
            for key, item in node.items():
                reason = text_problem(key)
                if reason is not None:
                    return Problem(_field(path), f"keys {reason}")
                pending.append((item, [*path, key]))
        elif isinstance(node, list):
            pending.extend((item, [*path, str(i)]) for i, item in enumerate(node))
    return None


def _field(path: list[str]) -> str:
    return ".".join(path) if path else "body"
