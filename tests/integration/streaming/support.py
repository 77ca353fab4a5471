"""Signing up viewers, shelving a movie on a real file and starting sessions on it."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any
from uuid import UUID

import asyncpg

from tests.integration.app_server import Account, Server, signed_up
from tests.integration.movies.catalog import grant_view, shelf

SESSIONS = "/api/v1/playback/sessions"
CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"


async def movie_on(
    connection: asyncpg.Connection, path: Path, name: str | None = None
) -> tuple[UUID, UUID]:
    """(library, movie) whose one file is a link to `path` (file paths are unique), named
    `name` (else as `path`)."""
    folder = path.parent / secrets.token_hex(4)
    folder.mkdir()
    link = (folder / (name or path.name)).resolve()
    os.link(path, link)
    path = link
    movies = await shelf(connection, 1)
    await connection.execute(
        "UPDATE movie.movie_files SET file_path = $2, file_size = $3 WHERE movie_id = $1",
        movies.movie_ids[0],
        str(path),
        path.stat().st_size,
    )
    return movies.library_id, movies.movie_ids[0]


async def viewers(server: Server, connection: asyncpg.Connection, library: UUID) -> list[Account]:
    await signed_up(server, admin=True)
    accounts = [await signed_up(server), await signed_up(server)]
    for account in accounts:
        await grant_view(connection, library, account.user_id)
    return accounts


async def started(
    server: Server, account: Account, movie: UUID, profile: dict[str, Any] | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {"media_type": "movie", "media_id": str(movie)}
    if profile is not None:
        body["client_profile"] = profile
    headers = {**account.headers, "User-Agent": CHROME}
    response = await server.client.post(SESSIONS, json=body, headers=headers)
    assert response.status == 201, await response.text()
    answer: dict[str, Any] = await response.json()
    return answer
