"""PostgreSQL from the `pgserver` package, reachable only over a unix socket.

We run the binaries that `pgserver` ships rather than `pgserver.get_server`, because its lifecycle
does not fit a server process: it caches one handle per data dir for the whole Python process (a
stopped server cannot be started again in the same process), it stops the server at exit only when
an on-disk list of process ids says this is the last user (a killed process leaves its id behind
and the server then runs forever), and as root it makes every parent directory world-readable.
Nor do we let `pg_ctl` daemonize the postmaster: it runs as our child, which the kernel sends
SIGQUIT (immediate shutdown) when we die, so a killed Revenge leaves no PostgreSQL behind.

Layout under `<data_dir>/postgres/`: `data/` (the cluster), `postgresql.log`, and the socket
`.s.PGSQL.5432` (5432 is only the socket's name: no TCP port is opened); when that path is too long
for a unix socket, the socket goes to a private `/tmp/revenge-<hash>/` instead.

PostgreSQL refuses to run as root. As root we run it as the system user `pgserver`, which owns
`<data_dir>/postgres`; the parent directories get search permission for others (x, never r) so that
user can reach it.
"""

from __future__ import annotations

import importlib.util
import os
import pwd
import signal
import stat
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import attrs

from revenge_app.embedded.process import PieceFailed, remove_socket_dir, socket_dir_for, spawn

PIECE = "PostgreSQL"
DATABASE = "revenge"
SUPERUSER = "postgres"
SOCKET_NAME = ".s.PGSQL.5432"
# PostgreSQL refuses to run as root; as root we run it as this system user (made if missing).
SYSTEM_USER = "pgserver"
START_TIMEOUT_S = 60
STOP_TIMEOUT_S = 30
# postmaster.pid: pid, data dir, start time, port, socket dir, listen address, shared memory
# key, then the status (`starting`, `stopping`, `ready`, `standby`).
PM_STATUS_LINE = 7


@attrs.define
class PostgresServer:
    piece_dir: Path
    socket_dir: Path
    run_as: str | None
    # The postmaster, our child; None for a server we did not start (a leftover).
    process: subprocess.Popen[bytes] | None = None

    @property
    def cluster(self) -> Path:
        return self.piece_dir / "data"

    @property
    def log_path(self) -> Path:
        return self.piece_dir / "postgresql.log"

    @property
    def dsn(self) -> str:
        """`postgresql://postgres@/revenge?host=/socket/dir`, for asyncpg and SQLAlchemy."""
        return f"postgresql://{SUPERUSER}@/{DATABASE}?host={quote(str(self.socket_dir))}"

    def stop(self) -> None:
        if self.process is not None:
            _stop_postmaster(self.process)
        else:
            _shut_down(self)
        if self.socket_dir != self.piece_dir:
            remove_socket_dir(self.socket_dir)

    def is_running(self) -> bool:
        if self.process is not None:
            return self.process.poll() is None
        return _pg_ctl(self, "status") == 0


def start_postgres(data_dir: Path) -> PostgresServer:
    """Start PostgreSQL with its data under `data_dir/postgres`; blocks until it takes connections.

    Makes the cluster and the `revenge` database on first start and reuses them after."""
    run_as = SYSTEM_USER if os.geteuid() == 0 else None
    piece_dir = data_dir.absolute() / "postgres"
    uid = _prepare_piece_dir(piece_dir, run_as)
    server = PostgresServer(piece_dir, socket_dir_for(piece_dir, SOCKET_NAME, uid), run_as)
    if not (server.cluster / "PG_VERSION").exists():
        _initdb(server)
    _write_settings(server)
    # We hold the data dir lock, so a server still running here was left by a killed process.
    _shut_down(server)
    try:
        server.process = _run_postmaster(server)
        _wait_ready(server, server.process)
        _ensure_database(server)
    except BaseException:
        server.stop()
        raise
    return server


def _run_postmaster(server: PostgresServer) -> subprocess.Popen[bytes]:
    """The postmaster as our own child (not daemonized by `pg_ctl`), so it dies with us."""
    with server.log_path.open("ab") as log:
        return spawn(
            [str(_binary_dir() / "postgres"), "-D", str(server.cluster)],
            signal.SIGQUIT,  # when we die: immediate shutdown; the next start recovers
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=_clean_env(),
            user=server.run_as,
            group=_system_user(server.run_as).pw_gid if server.run_as else None,
            cwd=server.piece_dir,
            start_new_session=True,  # Ctrl-C reaches us, not the server: we stop it in order
        )


def _wait_ready(server: PostgresServer, process: subprocess.Popen[bytes]) -> None:
    """Until the postmaster writes `ready` in its lock file, as `pg_ctl start -w` waits."""
    deadline = time.monotonic() + START_TIMEOUT_S
    lock_file = server.cluster / "postmaster.pid"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise PieceFailed(PIECE, f"exited with {process.returncode}", server.log_path)
        if _lock_file_status(lock_file, process.pid) == "ready":
            return
        time.sleep(0.05)
    raise PieceFailed(PIECE, f"not ready in {START_TIMEOUT_S} s", server.log_path)


def _lock_file_status(lock_file: Path, pid: int) -> str:
    try:
        lines = lock_file.read_text(encoding="utf-8").splitlines()
    except OSError:
        return ""
    if len(lines) > PM_STATUS_LINE and lines[0] == str(pid):
        return lines[PM_STATUS_LINE].strip()
    return ""


def _stop_postmaster(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGINT)  # fast shutdown: running transactions are rolled back
    try:
        process.wait(STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _shut_down(server: PostgresServer) -> None:
    if server.is_running():
        _pg_ctl(server, "stop", "-m", "fast", "-w", "-t", str(STOP_TIMEOUT_S))


def _prepare_piece_dir(piece_dir: Path, run_as: str | None) -> int | None:
    piece_dir.mkdir(mode=0o700, exist_ok=True)
    if run_as is None:
        return None
    user = _system_user(run_as)
    os.chown(piece_dir, user.pw_uid, user.pw_gid)
    for parent in (*piece_dir.parents, *_binary_dir().parents):
        _let_others_traverse(parent)
    return user.pw_uid


def _system_user(name: str) -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(name)
    except KeyError:
        subprocess.run(  # noqa: S603
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name],  # noqa: S607
            check=True,
            capture_output=True,
        )
        return pwd.getpwnam(name)


def _let_others_traverse(directory: Path) -> None:
    # Search (x) only, never read: the unprivileged server must reach its own folder.
    mode = directory.stat().st_mode
    if not mode & stat.S_IXOTH:
        directory.chmod(stat.S_IMODE(mode) | stat.S_IXOTH)


def _write_settings(server: PostgresServer) -> None:
    """Written at every start: the socket dir may change (long paths) and no TCP port is opened."""
    settings = server.cluster / "revenge.conf"
    settings.write_text(
        "listen_addresses = ''\n"
        "port = 5432\n"  # names the socket file only; fixed so a PGPORT variable cannot move it
        f"unix_socket_directories = '{_quoted(server.socket_dir)}'\n"
        "unix_socket_permissions = 0700\n",
        encoding="utf-8",
    )
    main = server.cluster / "postgresql.conf"
    include = "include_if_exists = 'revenge.conf'\n"
    if include not in main.read_text(encoding="utf-8"):
        with main.open("a", encoding="utf-8") as conf:
            conf.write(include)


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def _ensure_database(server: PostgresServer) -> None:
    query = f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'"  # noqa: S608 - a constant
    if _psql(server, query) != "1":
        _psql(server, f'CREATE DATABASE "{DATABASE}"')


def _psql(server: PostgresServer, sql: str) -> str:
    command = [str(_binary_dir() / "psql"), "-h", str(server.socket_dir), "-U", SUPERUSER]
    done = subprocess.run(  # noqa: S603
        [*command, "-d", "postgres", "-tAc", sql],
        capture_output=True,
        text=True,
        env=_clean_env(),
        check=False,
    )
    if done.returncode != 0:
        raise PieceFailed(PIECE, f"{sql!r} failed: {done.stderr.strip()}", server.log_path)
    return done.stdout.strip()


def _pg_ctl(server: PostgresServer, action: str, *options: str) -> int:
    command = [str(_binary_dir() / "pg_ctl"), "-D", str(server.cluster), *options, action]
    return _run_as_owner(server, command, f"pg_ctl {action}", check=action != "status")


def _initdb(server: PostgresServer) -> None:
    command = [str(_binary_dir() / "initdb"), "-D", str(server.cluster), "-U", SUPERUSER]
    _run_as_owner(server, [*command, "--auth=trust", "--encoding=UTF8", "--no-locale"], "initdb")


def _run_as_owner(server: PostgresServer, command: list[str], what: str, check: bool = True) -> int:
    # stderr goes to a file, not a pipe: the server that `pg_ctl start` leaves running could
    # otherwise keep the pipe open and block us.
    with tempfile.TemporaryFile() as errors:
        done = subprocess.run(  # noqa: S603
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            env=_clean_env(),
            check=False,
            user=server.run_as,
            group=_system_user(server.run_as).pw_gid if server.run_as else None,
            cwd=server.piece_dir,
            start_new_session=True,  # Ctrl-C reaches us, not the server: we stop it in order
        )
        errors.seek(0)
        detail = errors.read().decode("utf-8", "replace").strip().splitlines()
    if check and done.returncode != 0:
        reason = detail[-1] if detail else f"exit status {done.returncode}"
        raise PieceFailed(PIECE, f"{what}: {reason}", server.log_path)
    return done.returncode


def _clean_env() -> dict[str, str]:
    # PG* variables (PGHOST, PGPORT, PGDATA...) would point the tools at another server.
    return {key: value for key, value in os.environ.items() if not key.startswith("PG")}


def _binary_dir() -> Path:
    # Found without importing `pgserver`: its import sets up a lock under the runtime dir and
    # warns when XDG_RUNTIME_DIR is unset.
    spec = importlib.util.find_spec("pgserver")
    if spec is None or not spec.submodule_search_locations:
        raise PieceFailed(PIECE, "the pgserver package is not installed")
    return Path(spec.submodule_search_locations[0]) / "pginstall" / "bin"
