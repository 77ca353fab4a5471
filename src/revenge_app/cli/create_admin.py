"""`revenge create-admin`: create an administrator account, migrating the database first."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from collections.abc import Callable
from typing import TextIO

from sqlalchemy.exc import SQLAlchemyError

from revenge_adapters.postgres.migrate import MigrationError, upgrade
from revenge_app.cli import add_data_dir_flag
from revenge_app.config import Config
from revenge_app.container import Container
from revenge_app.embedded.lock import DataDirInUse
from revenge_app.embedded.process import PieceFailed
from revenge_app.embedded.stack import ServiceUrls
from revenge_app.features import settled
from revenge_app.registry import resolved
from revenge_app.services import DATABASE_ONLY, service_urls
from revenge_domain.errors import DomainError
from revenge_domain.identity import CreateAdmin, User, check_email, check_password, check_username

PROG = "revenge create-admin"

Prompt = Callable[[str], str]


class PasswordEntryError(Exception):
    """The password could not be read (no terminal, empty, or the two entries differ)."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "create-admin",
        help="create an administrator account",
        description=(
            "Create an active administrator account in the database at REVENGE_DATABASE_URL "
            "(or the embedded one under the data dir), applying any pending migrations first. "
            "The password is asked twice on the "
            "terminal, or read from the first line of standard input with --password-stdin."
        ),
    )
    add_data_dir_flag(parser)
    parser.add_argument("--username", required=True, help="3-30 letters, digits, '_' or '-'")
    parser.add_argument("--email", required=True, help="the administrator's email address")
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        dest="password_stdin",
        help="read the password from standard input instead of prompting",
    )
    parser.set_defaults(run=run)


def run(
    args: argparse.Namespace,
    config: Config,
    stdin: TextIO | None = None,
    prompt: Prompt = getpass.getpass,
) -> int:
    """`stdin` and `prompt` are seams for tests; the password is never printed or logged."""
    try:
        check_username(args.username)
        check_email(args.email)
        password = read_password(args.password_stdin, stdin or sys.stdin, prompt)
        check_password(password)
        user = asyncio.run(_create_with_services(config, args.username, args.email, password))
    except (DomainError, PasswordEntryError, MigrationError, PieceFailed, DataDirInUse) as exc:
        _fail(str(exc))
        return 1
    except (OSError, SQLAlchemyError) as exc:
        _fail(f"database error: {exc}")
        return 1
    print(f"created administrator {user.username!r} <{user.email}> (id {user.id})")
    return 0


def read_password(from_stdin: bool, stdin: TextIO, prompt: Prompt) -> str:
    """The first line of `stdin` when asked to, else typed twice on a terminal without echo."""
    if from_stdin:
        password = stdin.readline().rstrip("\r\n")
        if not password:
            raise PasswordEntryError("no password on standard input")
        return password
    if not stdin.isatty():
        raise PasswordEntryError("no terminal to ask for the password: use --password-stdin")
    try:
        password = prompt("Password: ")
        again = prompt("Password (again): ")
    except EOFError:
        raise PasswordEntryError("no password entered") from None
    if again != password:
        raise PasswordEntryError("the two passwords differ")
    return password


async def _create_with_services(config: Config, username: str, email: str, password: str) -> User:
    async with service_urls(config, needs=DATABASE_ONLY) as urls:
        return await create_admin(config, urls, username, email, password)


async def create_admin(
    config: Config, urls: ServiceUrls, username: str, email: str, password: str
) -> User:
    """Bring the schema up to date, then create the account in one transaction (only the
    database is opened)."""
    await upgrade(urls.database_url)
    container = Container(config=config, urls=urls)
    try:
        use_case: CreateAdmin = await resolved(container.identity.create_admin())
        return await use_case(username, email, password)
    finally:
        await settled(container.shutdown_resources())


def _fail(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)
