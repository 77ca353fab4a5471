"""A real app over PostgreSQL and Redis with the metadata endpoints answered by fake providers."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from sqlalchemy.ext.asyncio import AsyncEngine

from revenge_app.config import load_config
from revenge_app.wiring_metadata import build_metadata_providers, with_metadata_reads
from tests.integration.catalog_server import catalog_server
from tests.integration.metadata.fake_providers import FakeProvider, config_overrides
from tests.integration.app_server import Server

DOCUMENT = Path(__file__).parents[3] / "src/revenge_app/http/openapi.yaml"


@contextlib.asynccontextmanager
async def metadata_server(
    engine: AsyncEngine, pg_url: str, redis_url: str, key_prefix: str, *fakes: FakeProvider
) -> AsyncIterator[Server]:
    """The app with the providers of `fakes` configured (the others without API keys)."""
    config = load_config(environ={}, overrides=config_overrides(*fakes))
    built = build_metadata_providers(config)
    try:
        async with catalog_server(
            engine,
            pg_url,
            redis_url,
            key_prefix,
            lambda use_cases, _sessions, _access, cache: with_metadata_reads(
                use_cases, config, built, cache
            ),
        ) as server:
            yield server
    finally:
        await built.close()


@lru_cache(maxsize=1)
def _document() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(DOCUMENT.read_text(encoding="utf-8"))
    return loaded


def schema_problems(body: Any, schema: str) -> list[str]:
    """How `body` breaks the document's schema `schema` (empty when it conforms)."""
    validator = Draft202012Validator({**_document(), "$ref": f"#/components/schemas/{schema}"})
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(body)]


def schema_fields(schema: str) -> set[str]:
    return set(_document()["components"]["schemas"][schema]["properties"])
