"""The site's visit rules, stored with the other site settings."""

from __future__ import annotations

from recoverydesk.db.repositories.settings import SettingsRepository
from recoverydesk.db.session import Database
from recoverydesk.domain.errors import FieldError, ValidationError
from recoverydesk.domain.text import clean_text
from recoverydesk.domain.visits import DEFAULT_PURPOSES, VisitRules

ONCE_A_DAY = "visits.once_a_day"
GUEST_LIMIT = "visits.guest_limit"
PURPOSES = "visits.purposes"


def rules_from(stored: dict[str, str]) -> VisitRules:
    """Visit rules from stored settings rows (defaults where absent or unreadable)."""
    defaults = VisitRules()
    limit = stored.get(GUEST_LIMIT, "")
    purposes = tuple(p for p in stored.get(PURPOSES, "").split("\n") if p.strip())
    return VisitRules(
        once_a_day=stored.get(ONCE_A_DAY, "1") != "0",
        guest_limit=int(limit) if limit.isdigit() else defaults.guest_limit,
        purposes=purposes or DEFAULT_PURPOSES,
    )


class VisitRulesService:
    """Read and save the once-a-day rule, the guest-visit limit and the purposes list."""

    def __init__(self, db: Database) -> None:
        self._db = db
        #: bumped on every save, so caches in this process know to re-read
        self.generation = 0

    def get(self) -> VisitRules:
        with self._db.read() as session:
            return rules_from(SettingsRepository(session).all())

    def save(self, rules: VisitRules) -> VisitRules:
        purposes = tuple(dict.fromkeys(clean_text(p) for p in rules.purposes if clean_text(p)))
        errors = []
        if not 0 <= rules.guest_limit <= 100:
            errors.append(
                FieldError("guest_limit", "Guest visit limit must be 0 to 100 (0 = no limit)")
            )
        if not purposes:
            errors.append(FieldError("purposes", "At least one visit purpose is needed"))
        if any(len(p) > 40 for p in purposes):
            errors.append(FieldError("purposes", "A purpose is at most 40 characters"))
        if errors:
            raise ValidationError(errors)
        with self._db.write() as session:
            repo = SettingsRepository(session)
            repo.put(ONCE_A_DAY, "1" if rules.once_a_day else "0")
            repo.put(GUEST_LIMIT, str(rules.guest_limit))
            repo.put(PURPOSES, "\n".join(purposes))
        self.generation += 1
        return VisitRules(rules.once_a_day, rules.guest_limit, purposes)
