"""BARC-10 assessments: record one, read a member's history, say when the next is due.

Scores are restricted data like plans: ``PLANS_VIEW`` / ``PLANS_EDIT`` for the member
(a peer only for their own caseload), reads audited as views, records as creations (the
audit never holds scores). The total is computed from the ten items, here and by a CHECK
constraint in the database, never typed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from recoverydesk.db.repositories.plans import PlanRepository, to_barc10
from recoverydesk.domain.accounts import Action, AuditAction
from recoverydesk.domain.barc10 import Barc10, validate_barc10
from recoverydesk.domain.errors import FieldError, NotFoundError, raise_if
from recoverydesk.domain.text import clean_text
from recoverydesk.services.site_service import SiteService

ENTITY = "barc10"


class Barc10Service(SiteService):
    """Records and reads BARC-10 assessments of members."""

    def validate(
        self, scores: Sequence[int | None], taken_on: dt.date | None = None
    ) -> list[FieldError]:
        """Every problem with a form's answers (``None`` = not answered yet)."""
        today = self._clock.today()
        return validate_barc10(scores, taken_on or today, today)

    def record(
        self,
        member_id: int,
        scores: Sequence[int | None],
        taken_on: dt.date | None = None,
        administered_by: str = "",
    ) -> Barc10:
        """Save an assessment: ten items 1-6 (``item1``..``item10`` name any bad one).

        ``taken_on`` defaults to today and cannot be in the future; a blank
        ``administered_by`` becomes the signed-in person's name.
        """
        actor = self._access.require(Action.PLANS_EDIT, member_id=member_id)
        today = self._clock.today()
        taken_on = taken_on or today
        by = clean_text(administered_by) or actor.display_name
        raise_if(validate_barc10(scores, taken_on, today, by))
        valid = [int(s) for s in scores if s is not None]
        with self._db.write() as session:
            repo = PlanRepository(session)
            if not repo.member_exists(member_id):
                raise NotFoundError(f"Member {member_id} no longer exists.")
            model = repo.add_barc10(member_id, valid, taken_on, by, self._clock.now())
            detail = f"assessment {model.id}"
            self._access.record(session, AuditAction.CREATE, ENTITY, member_id, detail)
            return to_barc10(model)

    def history(self, member_id: int) -> list[Barc10]:
        """The member's assessments, newest first (audited as a view)."""
        self._access.require(Action.PLANS_VIEW, member_id=member_id)
        with self._db.read() as session:
            found = [to_barc10(m) for m in PlanRepository(session).barc10_history(member_id)]
        self._access.log(AuditAction.VIEW, ENTITY, member_id, f"{len(found)} assessments")
        return found

    def latest(self, member_id: int) -> Barc10 | None:
        """The newest assessment, or None (audited as a view when there is one)."""
        self._access.require(Action.PLANS_VIEW, member_id=member_id)
        with self._db.read() as session:
            model = PlanRepository(session).latest_barc10(member_id)
            found = to_barc10(model) if model is not None else None
        if found is not None:
            self._access.log(AuditAction.VIEW, ENTITY, member_id, "latest")
        return found

    def due_on(self, member_id: int) -> dt.date | None:
        """When the next assessment is due: ``barc10_interval_days`` after the latest.

        None when the member has never had one (so one is due now). Only a date: not
        audited.
        """
        self._access.require(Action.PLANS_VIEW, member_id=member_id)
        days = self._settings.get().barc10_interval_days
        with self._db.read() as session:
            model = PlanRepository(session).latest_barc10(member_id)
            taken_on = model.taken_on if model is not None else None
        return taken_on + dt.timedelta(days=days) if taken_on is not None else None
