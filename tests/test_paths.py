"""Folders: --data-dir and RECOVERYDESK_DATA_DIR override the platform defaults."""

from pathlib import Path

import pytest

from recoverydesk.paths import ENV_DATA_DIR, app_paths, resource_path


def test_explicit_data_dir_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path / "from-env"))
    paths = app_paths(tmp_path / "explicit")
    assert paths.data_dir == (tmp_path / "explicit").resolve()
    assert paths.database.name == "recoverydesk.sqlite3"
    assert paths.log_dir.parent == paths.data_dir


def test_environment_overrides_platform_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path / "from-env"))
    assert app_paths().data_dir == (tmp_path / "from-env").resolve()


def test_platform_folders_without_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_DATA_DIR, raising=False)
    paths = app_paths()
    assert "RecoveryDesk" in str(paths.data_dir)
    assert "RecoveryDesk" in str(paths.log_dir)


def test_resource_path_points_into_resources() -> None:
    assert resource_path("fonts").parent.name == "resources"
    assert resource_path().is_dir()
