"""Each request that once answered 500 answers 4xx in our error body, on the real server."""

from __future__ import annotations

import re
import socket
from typing import Any

import pytest

from revenge_app.http.document import bundled_document
from revenge_app.http.headers import SECURITY_HEADERS
from tests.integration.hostile.server import Answer, RunningServer

TOO_BIG_64 = 9223372036854775808
TOO_BIG_32 = 2147483648
SOME_ID = "0b1a3c1e-5f7c-4c55-9e57-3c0a1c2b9d10"
PATH_PARAM = re.compile(r"\{\w+\}")


def refused(answer: Answer, status: int = 400) -> dict[str, Any]:
    """The error body, after checking it is ours and has the expected status."""
    assert answer.status == status, answer.body
    body: dict[str, Any] = answer.json()
    assert body["code"] == status
    assert answer.headers["X-Request-ID"] == body["request_id"]
    return body


def paths_with_offset() -> list[str]:
    document = bundled_document()
    found = []
    for operation in document.operations():
        declared = [*operation.path_parameters, *operation.spec.get("parameters", ())]
        if any(document.resolve(p)["name"] == "offset" for p in declared):
            found.append(PATH_PARAM.sub(SOME_ID, operation.key.path))
    return found


def test_every_list_operation_is_covered() -> None:
    assert len(paths_with_offset()) >= 12


@pytest.mark.parametrize("path", paths_with_offset())
def test_an_offset_past_int64_is_400(server: RunningServer, path: str) -> None:
    answer = server.call("GET", f"{path}?offset={TOO_BIG_64}", headers=server.admin.auth)
    assert "offset" in {e["field"] for e in refused(answer)["details"]["errors"]}


def test_min_votes_past_int32_is_400(server: RunningServer) -> None:
    path = f"/api/v1/movies/top-rated?min_votes={TOO_BIG_32}"
    answer = server.call("GET", path, headers=server.user.auth)
    assert refused(answer)["details"] == {
        "field": "min_votes",
        "reason": "must be <= 2147483647",
        "errors": [{"field": "min_votes", "reason": "must be <= 2147483647"}],
    }


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", f"/api/v1/movies/{SOME_ID}/progress"),
        ("PUT", f"/api/v1/tvshows/episodes/{SOME_ID}/progress"),
    ],
)
def test_progress_past_int32_is_400(server: RunningServer, method: str, path: str) -> None:
    body = {"progress_seconds": TOO_BIG_32, "duration_seconds": TOO_BIG_32}
    answer = server.call(method, path, body, headers=server.user.auth)
    fields = {e["field"] for e in refused(answer)["details"]["errors"]}
    assert fields == {"progress_seconds", "duration_seconds"}


def test_a_nul_in_a_login_is_400_without_credentials(server: RunningServer) -> None:
    answer = server.call("POST", "/api/v1/auth/login", {"username": "ali\x00ce", "password": "x"})
    assert refused(answer)["details"]["reason"] == "must not contain a NUL character"


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        ("PUT", "/api/v1/users/me", {"display_name": "a\x00b"}, "display_name"),
        ("POST", "/api/v1/apikeys", {"name": "k\x00", "scopes": ["read"]}, "name"),
        ("POST", "/api/v1/rbac/roles", {"name": "role-x", "description": "d\x00"}, "description"),
        (
            "PATCH",
            f"/api/v1/admin/oidc/providers/{SOME_ID}",
            {"role_mappings": {"admins\x00": "admin"}},
            "role_mappings",
        ),
    ],
)
def test_a_nul_in_stored_text_is_400(
    server: RunningServer, method: str, path: str, body: Any, field: str
) -> None:
    answer = server.call(method, path, body, headers=server.admin.auth)
    assert refused(answer)["details"]["field"] == field


@pytest.mark.parametrize("path", ["/api/v1/movies/search", "/api/v1/tvshows/search"])
def test_a_nul_in_a_search_query_is_400(server: RunningServer, path: str) -> None:
    answer = server.call("GET", f"{path}?query=%00", headers=server.user.auth)
    assert refused(answer)["details"]["field"] == "query"


def test_deeply_nested_json_is_400_without_credentials(server: RunningServer) -> None:
    raw = b"[" * 100_000 + b"]" * 100_000
    answer = server.call("POST", "/api/v1/auth/login", raw=raw)
    assert refused(answer)["error"] == "invalid_body"


@pytest.mark.parametrize(
    "part_headers",
    [
        b'Content-Disposition: form-data; name="fi\x01\x7fle"; filename="a.png"\r\n',
        b'Content-Disposition: form-data; name="file"\r\nX-Bad\x01: y\r\n',
    ],
)
def test_control_bytes_in_an_avatar_part_are_400(
    server: RunningServer, part_headers: bytes
) -> None:
    raw = b"--XX\r\n" + part_headers + b"\r\nabc\r\n--XX--\r\n"
    headers = {**server.user.auth, "Content-Type": "multipart/form-data; boundary=XX"}
    answer = server.call("POST", "/api/v1/users/me/avatar", headers=headers, raw=raw)
    assert refused(answer)["details"]["field"] == "body"


def test_an_over_long_request_line_gets_our_error_body_and_headers(
    server: RunningServer,
) -> None:
    port = int(server.base_url.rsplit(":", 1)[1])
    request = b"GET /api/v1/movies?x=" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    assert lines[0].split(" ")[1] == "400"
    assert refused(Answer(400, headers, body))["error"] == "bad_request"
    assert {name: headers.get(name) for name in SECURITY_HEADERS} == SECURITY_HEADERS


def test_no_answer_names_the_server_software(server: RunningServer) -> None:
    answers = [
        server.call("GET", "/healthz"),
        server.call("GET", "/api/v1/movies", headers=server.user.auth),
        server.call("GET", "/api/v1/nothing-here"),
    ]
    assert {answer.headers["Server"] for answer in answers} == {"Revenge"}
