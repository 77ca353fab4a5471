"""The whole app over PostgreSQL and Redis with the metadata providers pointed at fake ones."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator

from revenge_app.config import Config
from tests.integration.app_server import Server, app_config, app_server
from tests.integration.metadata.fake_providers import FakeProvider, config_overrides

DOCUMENT = Path(__file__).parents[3] / "src/revenge_app/http/openapi.yaml"


def with_providers(config: Config, *fakes: FakeProvider) -> Config:
    """`config` with the providers of `fakes` configured (the others without API keys)."""
    settings = {name.replace(".", "__"): value for name, value in config_overrides(*fakes).items()}
    return app_config(
        config.database.url,
        config.cache.url,
        config.cache.key_prefix,
        config.data_dir,
        None,
        **settings,
    )


@contextlib.asynccontextmanager
async def metadata_server(config: Config, *fakes: FakeProvider) -> AsyncIterator[Server]:
    """The app with the providers of `fakes` configured; jobs are only recorded."""
    async with app_server(with_providers(config, *fakes), run_jobs=False) as server:
        yield server


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
