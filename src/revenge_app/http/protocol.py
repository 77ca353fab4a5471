"""What aiohttp answers itself, before any app code runs (a malformed request, a request line or
header past its limits), gets our error body and headers like every other answer.

aiohttp offers no public hook for these answers: they come from `RequestHandler.handle_error`,
so the runner makes its protocol objects from a subclass that overrides it.
"""

from __future__ import annotations

import logging

from aiohttp import web
from aiohttp.web_request import BaseRequest

from revenge_app.http.errors import ApiError, error_response, status_error
from revenge_app.http.headers import SECURITY_HEADERS, SERVER_NAME
from revenge_app.http.middleware import accepted_request_id

log = logging.getLogger("revenge.http")


class ApiRequestHandler(web.RequestHandler):
    def handle_error(
        self,
        request: BaseRequest,
        status: int = 500,
        exc: BaseException | None = None,
        message: str | None = None,
    ) -> web.StreamResponse:
        if request.writer.output_size > 0:
            raise ConnectionError("an answer was sent already; the connection is dropped")
        log.info("refused a request aiohttp could not read", extra={"fields": {"status": status}})
        return protocol_error_response(status_error(status))


def protocol_error_response(error: ApiError) -> web.Response:
    request_id = accepted_request_id(None)
    response = error_response(error, request_id)
    response.headers["X-Request-ID"] = request_id
    response.headers.update(SECURITY_HEADERS)
    response.headers["Server"] = SERVER_NAME
    response.headers["Cache-Control"] = "no-store"
    response.force_close()
    return response


class ApiServer(web.Server):
    def __call__(self) -> web.RequestHandler:
        return ApiRequestHandler(self, loop=self._loop, **self._kwargs)


class ApiRunner(web.AppRunner):
    """An AppRunner whose connections answer protocol errors with ApiRequestHandler."""

    async def _make_server(self) -> web.Server:
        made = await super()._make_server()
        return ApiServer(
            made.request_handler,
            request_factory=made.request_factory,
            handler_cancellation=made.handler_cancellation,
            loop=made._loop,
            **made._kwargs,
        )
