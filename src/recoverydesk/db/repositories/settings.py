"""Key/value rows of the site settings."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from recoverydesk.db.models import SettingModel


class SettingsRepository:
    """Reads and writes settings rows inside a caller's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def all(self) -> dict[str, str]:
        rows = self.session.execute(select(SettingModel.key, SettingModel.value))
        return {key: value for key, value in rows}

    def put(self, key: str, value: str) -> None:
        row = self.session.get(SettingModel, key)
        if row is None:
            self.session.add(SettingModel(key=key, value=value))
        else:
            row.value = value
