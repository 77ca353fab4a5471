"""Alembic migrations run from Python: no alembic.ini, the database URL is passed in.

Each migration runs in its own transaction, under a PostgreSQL advisory lock so that two
processes starting together never migrate the same database at once.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext, MigrationInfo
from alembic.script import Script, ScriptDirectory
from alembic.script.revision import RevisionError
from alembic.util import CommandError
from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection

from revenge_adapters.postgres.engine import create_engine

VERSION_TABLE_SCHEMA = "public"
# Any fixed 64-bit number works; this one is "revenge" in ASCII.
ADVISORY_LOCK_KEY = 0x7265_7665_6E67_65


class MigrationError(RuntimeError):
    """A migration command could not run; the message says why."""


@attrs.frozen
class Migration:
    revision: str
    message: str


StepCallback = Callable[[Migration], None]


def migrations_dir() -> Path:
    """The Alembic folder: beside this module in a wheel, at the repo root in a checkout."""
    return locate_migrations(Path(__file__).resolve().parent)


def locate_migrations(module_dir: Path) -> Path:
    for candidate in (module_dir / "migrations", module_dir.parents[2] / "migrations"):
        if (candidate / "env.py").is_file():
            return candidate
    raise MigrationError(f"the migrations folder is missing (looked beside {module_dir})")


def alembic_config(url: str = "") -> AlembicConfig:
    """A config made in code; env.py reads `url` (or an open `connection`) from its attributes."""
    config = AlembicConfig()
    config.set_main_option("script_location", str(migrations_dir()))
    config.attributes["url"] = url
    return config


@functools.cache
def scripts() -> ScriptDirectory:
    """The revision files; read once, since they do not change while the process runs."""
    return ScriptDirectory.from_config(alembic_config())


def head() -> str:
    """The newest revision the code knows."""
    revision = scripts().get_current_head()
    if revision is None:
        raise MigrationError("there are no migrations")
    return revision


async def current(url: str) -> str | None:
    """The database's revision, or None when it was never migrated."""
    async with _connection(url) as conn:
        return await conn.run_sync(_current_revision)


async def is_up_to_date(url: str) -> bool:
    return await current(url) == head()


async def plan_upgrade(url: str, revision: str = "head") -> list[Migration]:
    """The migrations `upgrade(url, revision)` would apply, in order."""
    now = await current(url)
    with _errors():
        steps = scripts().iterate_revisions(revision, now, implicit_base=True)
        return [_migration(script) for script in reversed(list(steps))]


async def plan_downgrade(url: str, revision: str) -> list[Migration]:
    """The migrations `downgrade(url, revision)` would undo, in order."""
    now = await current(url)
    with _errors():
        steps = scripts().iterate_revisions(now, revision, select_for_downgrade=True)
        return [_migration(script) for script in steps]


async def upgrade(url: str, revision: str = "head", on_step: StepCallback | None = None) -> None:
    """Apply migrations up to `revision` (`head`, an id, or `+N`); `on_step` hears each one."""
    await _run(url, lambda config: command.upgrade(config, revision), on_step)


async def downgrade(url: str, revision: str, on_step: StepCallback | None = None) -> None:
    """Undo migrations down to `revision` (an id, `-N`, or `base`); `on_step` hears each one."""
    await _run(url, lambda config: command.downgrade(config, revision), on_step)


async def _run(
    url: str, alembic_command: Callable[[AlembicConfig], None], on_step: StepCallback | None
) -> None:
    config = alembic_config(url)
    if on_step is not None:
        config.attributes["on_version_apply"] = _reporter(on_step)
    async with _connection(url) as conn:
        # A session-level lock: it outlives the commit below and ends with the connection.
        await conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
        await conn.commit()  # Alembic then opens one transaction per migration itself.
        with _errors():
            await conn.run_sync(_with_connection, config, alembic_command)


def _with_connection(
    conn: Connection, config: AlembicConfig, alembic_command: Callable[[AlembicConfig], None]
) -> None:
    config.attributes["connection"] = conn
    alembic_command(config)


def _reporter(on_step: StepCallback) -> Callable[..., None]:
    def report(*, step: MigrationInfo, **_: Any) -> None:
        revision = step.up_revision  # the one applied, or the one undone by a downgrade
        if isinstance(revision, Script):
            on_step(_migration(revision))

    return report


def _current_revision(conn: Connection) -> str | None:
    context = MigrationContext.configure(conn, opts={"version_table_schema": VERSION_TABLE_SCHEMA})
    return context.get_current_revision()


def _migration(script: Script) -> Migration:
    return Migration(script.revision, script.doc or "")


@contextlib.asynccontextmanager
async def _connection(url: str) -> AsyncIterator[AsyncConnection]:
    engine = create_engine(url, pool_size=1, max_overflow=0)
    try:
        with _errors():
            async with engine.connect() as conn:
                yield conn
    finally:
        await engine.dispose()


@contextlib.contextmanager
def _errors() -> Iterator[None]:
    try:
        yield
    except (CommandError, RevisionError) as exc:
        raise MigrationError(str(exc)) from exc
    except DBAPIError as exc:
        raise MigrationError(_describe(exc)) from exc
    except (OSError, SQLAlchemyError) as exc:
        raise MigrationError(f"database error: {exc}") from exc


def _describe(exc: DBAPIError) -> str:
    statement = " ".join((exc.statement or "").split())
    during = f" (while running: {statement[:200]})" if statement else ""
    return f"database error: {exc.orig}{during}"
