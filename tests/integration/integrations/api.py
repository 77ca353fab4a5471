"""Calls and database reads the integration tests share."""

from __future__ import annotations

import base64
import secrets
from pathlib import Path
from typing import Any

import asyncpg

from tests.integration.app_server import Account, Server

ADMIN_ARR = "/api/v1/admin/integrations"


def folder(root: Path, name: str) -> Path:
    path = root / name
    path.mkdir(parents=True, exist_ok=True)
    return path


async def library(server: Server, admin: Account, kind: str, folder: Path) -> str:
    body = {"name": f"{kind} {secrets.token_hex(4)}", "type": kind, "paths": [str(folder)]}
    response = await server.client.post("/api/v1/libraries", json=body, headers=admin.headers)
    assert response.status == 201, await response.text()
    library_id: str = (await response.json())["id"]
    return library_id


def basic(password: str, user: str = "radarr") -> dict[str, str]:
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


async def rows(pg_url: str, query: str, *args: Any) -> list[dict[str, Any]]:
    connection = await asyncpg.connect(pg_url)
    try:
        return [dict(row) for row in await connection.fetch(query, *args)]
    finally:
        await connection.close()


async def radarr_movies(pg_url: str, radarr_ids: list[int]) -> list[dict[str, Any]]:
    """Live movies linked to these Radarr ids, with their files (one row per file)."""
    return await rows(
        pg_url,
        """
        SELECT m.id, m.library_id, m.title, m.year, m.tmdb_id, m.imdb_id, m.radarr_id,
            m.deleted_at, f.file_path, f.file_size, f.resolution, f.quality_profile,
            f.radarr_file_id, f.video_codec
        FROM movie.movies m LEFT JOIN movie.movie_files f ON f.movie_id = m.id
        WHERE m.radarr_id = ANY($1::int[]) ORDER BY m.radarr_id, f.file_path
        """,
        radarr_ids,
    )
