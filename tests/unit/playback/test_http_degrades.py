"""An unreachable session store answers 503 in the project's error body, nothing worse."""

from __future__ import annotations

import pytest
from aiohttp import web
from aiohttp.test_utils import make_mocked_request

from revenge_app.http.errors import ApiError
from revenge_app.playback.handlers import _degrades
from revenge_domain.playback import PlaybackUnavailable


async def test_an_unavailable_store_is_a_503() -> None:
    @_degrades
    async def failing(request: web.Request) -> web.Response:
        raise PlaybackUnavailable("playback sessions are unavailable right now")

    with pytest.raises(ApiError) as raised:
        await failing(make_mocked_request("GET", "/"))
    assert (raised.value.status, raised.value.error) == (503, "playback_unavailable")
