"""Site settings: read and save the settings every desk of a centre shares."""

from __future__ import annotations

import base64
import dataclasses

from recoverydesk.db.repositories.settings import SettingsRepository
from recoverydesk.db.session import Database
from recoverydesk.domain.accounts import Action, AuditAction
from recoverydesk.domain.clock import Clock, detect_local_zone
from recoverydesk.domain.errors import FieldError, ValidationError
from recoverydesk.domain.settings import (
    NUMBER_LIMITS,
    PaperSize,
    SiteSettings,
    logo_problem,
    valid_time_zone,
    validate_settings,
)
from recoverydesk.domain.text import clean_multiline, clean_text
from recoverydesk.services.access import Access

_MULTILINE = {"address", "crisis_numbers"}
#: The logo is stored apart from ``SiteSettings`` (base64 text), so forms never carry it.
LOGO_KEY = "logo"


class SettingsService:
    """Reads and writes ``SiteSettings`` as key/value rows."""

    def __init__(
        self, db: Database, clock: Clock | None = None, access: Access | None = None
    ) -> None:
        self._access = access
        self._db = db
        self._clock = clock

    def get(self) -> SiteSettings:
        with self._db.read() as session:
            stored = SettingsRepository(session).all()
        return _from_rows(stored)

    def save(self, settings: SiteSettings) -> SiteSettings:
        """Validate and save; raises ``ValidationError`` naming each bad field."""
        if self._access is not None:
            self._access.require(Action.SETTINGS)
        settings = _cleaned(settings)
        errors = validate_settings(settings)
        if errors:
            raise ValidationError(errors)
        with self._db.write() as session:
            repo = SettingsRepository(session)
            for field in dataclasses.fields(SiteSettings):
                repo.put(field.name, str(getattr(settings, field.name)))
            if self._access is not None:
                self._access.record(session, AuditAction.UPDATE, "settings")
        if self._clock is not None:
            self._clock.set_time_zone(settings.time_zone)
        return settings

    def logo(self) -> bytes | None:
        """The centre's logo for handout headers, or None when none is set."""
        with self._db.read() as session:
            stored = SettingsRepository(session).all().get(LOGO_KEY, "")
        try:
            return base64.b64decode(stored, validate=True) or None
        except ValueError:
            return None

    def save_logo(self, data: bytes | None) -> None:
        """Set (or with None, remove) the logo; ``ValidationError`` names "logo"."""
        if data is not None and (problem := logo_problem(data)):
            raise ValidationError([FieldError("logo", problem)])
        if self._access is not None:
            self._access.require(Action.SETTINGS)
        with self._db.write() as session:
            encoded = base64.b64encode(data).decode("ascii") if data else ""
            SettingsRepository(session).put(LOGO_KEY, encoded)
            if self._access is not None:
                detail = "logo set" if data else "logo removed"
                self._access.record(session, AuditAction.UPDATE, "settings", "", detail)

    def sync_clock(self) -> None:
        """Follow a time zone another desk saved (cheap: one small read)."""
        if self._clock is None:
            return
        zone = self.get().time_zone
        if zone != self._clock.time_zone and valid_time_zone(zone):
            self._clock.set_time_zone(zone)


def _cleaned(settings: SiteSettings) -> SiteSettings:
    changes = {}
    for field in dataclasses.fields(SiteSettings):
        value = getattr(settings, field.name)
        if isinstance(value, str) and not isinstance(value, PaperSize):
            cleaner = clean_multiline if field.name in _MULTILINE else clean_text
            changes[field.name] = cleaner(value)
    return dataclasses.replace(settings, **changes)


def _from_rows(stored: dict[str, str]) -> SiteSettings:
    # until a coordinator saves settings, "today" is this computer's own time zone
    defaults = SiteSettings(time_zone=detect_local_zone())
    values: dict[str, object] = {}
    for field in dataclasses.fields(SiteSettings):
        if field.name not in stored:
            continue
        raw = stored[field.name]
        if field.name == "paper_size":
            values[field.name] = (
                PaperSize(raw) if raw in PaperSize._value2member_map_ else defaults.paper_size
            )
        elif field.name in NUMBER_LIMITS:
            values[field.name] = _whole_number(raw, getattr(defaults, field.name))
        else:
            values[field.name] = raw
    return dataclasses.replace(defaults, **values)


def _whole_number(raw: str, default: int) -> int:
    try:
        return int(raw)
    except ValueError:
        return default
