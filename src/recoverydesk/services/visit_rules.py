"""The site's visit rules, stored with the other site settings."""

from __future__ import annotations

from recoverydesk.db.repositories.settings import SettingsRepository
from recoverydesk.db.session import Database
from recoverydesk.domain.accounts import Action
from recoverydesk.domain.errors import FieldError, ValidationError
from recoverydesk.domain.text import clean_text, fold
from recoverydesk.domain.visits import DEFAULT_PURPOSES, PURPOSE_MAX, VisitRules
from recoverydesk.services.access import Access

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

    def __init__(self, db: Database, access: Access | None = None) -> None:
        self._db = db
        self._access = access
        #: bumped on every save, so caches in this process know to re-read
        self.generation = 0

    def forget_cached(self) -> None:
        """Make caches in this process re-read the rules (e.g. after a restore)."""
        self.generation += 1

    def get(self) -> VisitRules:
        with self._db.read() as session:
            return rules_from(SettingsRepository(session).all())

    def save(self, rules: VisitRules) -> VisitRules:
        """Validate and save; refuses blanks, over-long and repeated purposes by name."""
        if self._access is not None:
            self._access.require(Action.SETTINGS)
        purposes = tuple(clean_text(p) for p in rules.purposes)
        errors = _purpose_errors(purposes)
        if not 0 <= rules.guest_limit <= 100:
            errors.append(
                FieldError("guest_limit", "Guest visit limit must be 0 to 100 (0 = no limit)")
            )
        if errors:
            raise ValidationError(errors)
        with self._db.write() as session:
            repo = SettingsRepository(session)
            repo.put(ONCE_A_DAY, "1" if rules.once_a_day else "0")
            repo.put(GUEST_LIMIT, str(rules.guest_limit))
            repo.put(PURPOSES, "\n".join(purposes))
        self.generation += 1
        return VisitRules(rules.once_a_day, rules.guest_limit, purposes)


def _purpose_errors(purposes: tuple[str, ...]) -> list[FieldError]:
    if not purposes:
        return [FieldError("purposes", "At least one visit purpose is needed")]
    errors, seen = [], {}
    for number, purpose in enumerate(purposes, start=1):
        if not purpose:
            errors.append(FieldError("purposes", f"Purpose {number} is blank"))
        elif len(purpose) > PURPOSE_MAX:
            errors.append(
                FieldError("purposes", f"Purpose {number} is longer than {PURPOSE_MAX} characters")
            )
        elif fold(purpose) in seen:
            errors.append(
                FieldError(
                    "purposes",
                    f"“{purpose}” is in the list twice "
                    f"(purposes {seen[fold(purpose)]} and {number})",
                )
            )
        else:
            seen[fold(purpose)] = number
    return errors
