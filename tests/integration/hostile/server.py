"""`revenge serve` as a process of its own on the machine's PostgreSQL and Redis and the session's
Typesense, with an administrator and a plain user signed in: what an attacker or a fuzzer meets."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from revenge_app.embedded.process import free_port
from revenge_app.embedded.typesense import TypesenseServer

REVENGE = str(Path(sys.executable).with_name("revenge"))
PASSWORD = "correct horse battery"


@attrs.frozen
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@attrs.frozen
class Account:
    id: str
    username: str
    email: str
    token: str

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@attrs.define
class RunningServer:
    base_url: str
    process: subprocess.Popen[str]
    admin: Account = attrs.field(init=False)
    user: Account = attrs.field(init=False)

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        headers: dict[str, str] | None = None,
        raw: bytes | None = None,
    ) -> Answer:
        data = raw if raw is not None else None if body is None else json.dumps(body).encode()
        sent = {"Content-Type": "application/json"} if data is not None else {}
        request = urllib.request.Request(
            self.base_url + path, data=data, method=method, headers={**sent, **(headers or {})}
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return Answer(answer.status, dict(answer.headers), answer.read())
        except urllib.error.HTTPError as error:
            return Answer(error.code, dict(error.headers), error.read())

    def account(self, username: str) -> Account:
        email = f"{username}@example.com"
        body = {"username": username, "email": email, "password": PASSWORD}
        registered = self.call("POST", "/api/v1/auth/register", body)
        assert registered.status == 201, registered.body
        login = self.call(
            "POST", "/api/v1/auth/login", {"username": username, "password": PASSWORD}
        )
        assert login.status == 200, login.body
        return Account(registered.json()["id"], username, email, login.json()["access_token"])


@contextlib.contextmanager
def database_url(admin_dsn: str) -> Iterator[str]:
    """A fresh database on the machine's PostgreSQL, dropped afterwards."""
    name = f"revenge_hostile_{secrets.token_hex(4)}"
    subprocess.run(
        ["psql", admin_dsn, "-q", "-c", f'CREATE DATABASE "{name}"'], check=True, timeout=60
    )
    try:
        yield admin_dsn.rsplit("/", 1)[0] + f"/{name}"
    finally:
        drop = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
        subprocess.run(["psql", admin_dsn, "-q", "-c", drop], check=False, timeout=60)


@contextlib.contextmanager
def running_server(
    data_dir: Path, pg_url: str, redis_url: str, typesense: TypesenseServer
) -> Iterator[RunningServer]:
    port, metrics_port = free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("REVENGE_")}
    env |= {
        "REVENGE_LOGGING_FORMAT": "json",
        "REVENGE_DATABASE_URL": pg_url,
        "REVENGE_CACHE_URL": redis_url,
        "REVENGE_CACHE_KEY_PREFIX": f"revenge-hostile-{secrets.token_hex(4)}:",
        "REVENGE_SEARCH_URL": typesense.url,
        "REVENGE_SEARCH_API_KEY": typesense.api_key,
        "REVENGE_SEARCH_COLLECTION_PREFIX": f"hostile_{secrets.token_hex(3)}_",
        # These tests send many requests on purpose (timing samples, the fuzzer); the rate
        # limits have tests of their own.
        "REVENGE_RATE_LIMITS_ENABLED": "false",
    }
    command = [REVENGE, "serve", "--data-dir", str(data_dir), "--host", "127.0.0.1"]
    command += ["--port", str(port), "--metrics-port", str(metrics_port)]
    log = data_dir.with_name(data_dir.name + ".log").open("w")
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log, text=True, env=env)
    try:
        _wait_ready(process)
        server = RunningServer(f"http://127.0.0.1:{port}", process)
        server.admin = server.account(f"admin{secrets.token_hex(3)}")  # the first is an admin
        server.user = server.account(f"user{secrets.token_hex(3)}")
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _wait_ready(process: subprocess.Popen[str]) -> None:
    """The ready line (pytest's timeout bounds the wait)."""
    assert process.stdout is not None
    assert process.stdout.readline(), f"serve exited with {process.wait()} before it was ready"
