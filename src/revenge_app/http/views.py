"""The answer to a completed sign-in, which several features give."""

from __future__ import annotations

from aiohttp import web

from revenge_app.http.answers import json_response, unstructured
from revenge_app.http.cookies import set_sign_in_cookies
from revenge_domain.identity import SignedIn


def signed_in_response(request: web.Request, signed_in: SignedIn) -> web.Response:
    """The answer to a completed sign-in: user and tokens, and the sign-in cookies."""
    response = json_response({"user": signed_in.user, **unstructured(signed_in.tokens)})
    set_sign_in_cookies(response, request, signed_in.tokens)
    return response
