"""Configuration: defaults give the embedded stack; file and environment override; bad values
stop the start with a message naming the setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from revenge_app.config import ConfigError, env_name, load_config, setting_names


def test_defaults_mean_the_embedded_stack_on_the_usual_ports() -> None:
    config = load_config(environ={})
    assert config.embedded
    assert (config.server.port, config.server.metrics_port) == (8096, 9096)
    assert config.database.url == config.cache.url == config.search.url == ""
    assert [config.jobs.concurrency(q) for q in ("critical", "high", "default", "low", "bulk")] == [
        20,
        15,
        10,
        5,
        3,
    ]


def test_every_setting_has_an_environment_name() -> None:
    names = setting_names()
    assert env_name("server.metrics_port") == "REVENGE_SERVER_METRICS_PORT"
    assert env_name("data_dir") == "REVENGE_DATA_DIR"
    assert "jobs.concurrency_bulk" in names
    assert len({env_name(name) for name in names}) == len(names)


def test_environment_values_are_typed() -> None:
    config = load_config(
        environ={
            "REVENGE_SERVER_PORT": "9000",
            "REVENGE_SEARCH_ENABLED": "false",
            "REVENGE_SERVER_CORS_ALLOWED_ORIGINS": "http://a.example, http://b.example",
            "REVENGE_JOBS_BACKOFF_BASE_S": "2.5",
            "REVENGE_DATA_DIR": "/srv/revenge",
            "UNRELATED": "ignored",
        }
    )
    assert config.server.port == 9000
    assert config.search.enabled is False
    assert config.server.cors_allowed_origins == ("http://a.example", "http://b.example")
    assert config.jobs.backoff_base_s == 2.5
    assert config.data_dir == Path("/srv/revenge")


def test_file_then_environment_then_flags(tmp_path: Path) -> None:
    file = tmp_path / "revenge.toml"
    file.write_text(
        '[server]\nport = 8100\nhost = "127.0.0.1"\n[cache]\nurl = "redis://r:6379/0"\n'
    )
    config = load_config(
        file, environ={"REVENGE_SERVER_HOST": "::1"}, overrides={"server.port": 8200, "x": None}
    )
    assert (config.server.host, config.server.port) == ("::1", 8200)
    assert config.cache.url == "redis://r:6379/0"


def test_configured_urls_replace_the_embedded_pieces() -> None:
    config = load_config(
        environ={
            "REVENGE_DATABASE_URL": "postgresql://u@db/revenge",
            "REVENGE_CACHE_URL": "redis://cache:6379/0",
            "REVENGE_SEARCH_ENABLED": "false",
        }
    )
    assert not config.embedded


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        (
            {"REVENGE_SERVER_PORT": "eighty"},
            "server.port (REVENGE_SERVER_PORT): expected an integer",
        ),
        ({"REVENGE_SERVER_PORT": "70000"}, "server.port (REVENGE_SERVER_PORT): must be a port"),
        (
            {"REVENGE_LOGGING_LEVEL": "loud"},
            "logging.level (REVENGE_LOGGING_LEVEL): must be one of",
        ),
        ({"REVENGE_SEARCH_ENABLED": "maybe"}, "search.enabled (REVENGE_SEARCH_ENABLED): expected"),
        ({"REVENGE_DATABASE_URL": "mysql://x/y"}, "database.url (REVENGE_DATABASE_URL): must be a"),
        ({"REVENGE_JOBS_CONCURRENCY_BULK": "0"}, "jobs.concurrency_bulk"),
    ],
)
def test_bad_values_name_the_setting(environ: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_config(environ=environ)


def test_unknown_keys_in_the_file_are_refused(tmp_path: Path) -> None:
    file = tmp_path / "revenge.toml"
    file.write_text("[server]\nprot = 1\n")
    with pytest.raises(ConfigError, match=r"unknown setting 'server\.prot'"):
        load_config(file, environ={})


def test_a_broken_or_missing_file_is_named(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[server\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(broken, environ={})
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "absent.toml", environ={})


def test_secrets_stay_out_of_the_repr() -> None:
    config = load_config(environ={"REVENGE_SEARCH_API_KEY": "s3cret-key"})
    assert "s3cret-key" not in repr(config)


def test_public_url_defaults_to_localhost_and_the_port() -> None:
    assert load_config(environ={}).server.effective_public_url() == "http://localhost:8096"
    configured = load_config(environ={"REVENGE_SERVER_PUBLIC_URL": "https://media.example/"})
    assert configured.server.effective_public_url() == "https://media.example"
