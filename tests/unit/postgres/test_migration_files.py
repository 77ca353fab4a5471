"""Checks on the migration files themselves, made without a database."""

from __future__ import annotations

from pathlib import Path

import pytest

from revenge_adapters.postgres.migrate import (
    MigrationError,
    head,
    locate_migrations,
    migrations_dir,
    scripts,
)


def test_the_migrations_folder_is_found_in_this_checkout() -> None:
    folder = migrations_dir()
    assert (folder / "env.py").is_file()
    assert (folder / "versions").is_dir()


def test_a_packaged_migrations_folder_wins_over_a_checkout(tmp_path: Path) -> None:
    module_dir = tmp_path / "src" / "revenge_adapters" / "postgres"
    for folder in (module_dir / "migrations", tmp_path / "migrations"):
        folder.mkdir(parents=True)
        (folder / "env.py").touch()
    assert locate_migrations(module_dir) == module_dir / "migrations"
    (module_dir / "migrations" / "env.py").unlink()
    assert locate_migrations(module_dir) == tmp_path / "migrations"


def test_a_missing_migrations_folder_is_reported(tmp_path: Path) -> None:
    module_dir = tmp_path / "a" / "b" / "c"
    module_dir.mkdir(parents=True)
    with pytest.raises(MigrationError, match="migrations folder is missing"):
        locate_migrations(module_dir)


def test_revisions_form_one_line_from_a_single_base_to_head() -> None:
    directory = scripts()
    assert directory.get_bases() == ["0001"]
    assert directory.get_heads() == [head()]
    assert all(not script.is_merge_point for script in directory.walk_revisions())


def test_every_migration_defines_upgrade_and_downgrade() -> None:
    for script in scripts().walk_revisions():
        assert callable(getattr(script.module, "upgrade", None)), script.path
        assert callable(getattr(script.module, "downgrade", None)), script.path


def test_no_migration_needs_a_postgresql_extension() -> None:
    # The embedded PostgreSQL ships only plpgsql: CREATE EXTENSION would fail there.
    for script in scripts().walk_revisions():
        text = Path(script.path).read_text(encoding="utf-8").upper()
        assert "CREATE EXTENSION" not in text, script.path
