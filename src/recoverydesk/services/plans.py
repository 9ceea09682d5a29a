"""Recovery plans: start, edit, activate, review, compare, suggest, list. Restricted data.

Every method checks access first (``PLANS_VIEW`` / ``PLANS_EDIT`` for one member, so a
peer works only on their own caseload; ``PEERS_VIEW`` for the list; the front desk has
none of these) and audits what it shows or changes, never with plan text or names.

The editor's loop: ``get`` (or ``start``) → ``plan.to_draft()`` → edit → ``save(member_id,
draft, expected_version=plan.version)`` → the saved ``Plan`` (use its new ``version`` for
the next save). A stale version raises ``ConflictError`` and saves nothing, so the editor
keeps the typed text. ``activate`` and ``mark_reviewed`` change the plan too: take the
version from what they return (or ``get`` again) before the next ``save``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from recoverydesk.db.models_plans import PlanModel
from recoverydesk.db.repositories.plan_list import PlanQuery, count_plans, plan_list_rows
from recoverydesk.db.repositories.plans import (
    PlanRepository,
    plan_from_snapshot,
    to_barc10,
    to_plan,
)
from recoverydesk.db.session import Session
from recoverydesk.domain.accounts import Action, AuditAction, Role
from recoverydesk.domain.barc10 import Suggestion
from recoverydesk.domain.errors import ConflictError, FieldError, NotFoundError, raise_if, refuse
from recoverydesk.domain.plan_changes import compare_plans
from recoverydesk.domain.plan_kinds import PlanStatus
from recoverydesk.domain.plans import (
    Plan,
    PlanDraft,
    PlanListRow,
    PlanPage,
    PlanSort,
    ReviewInfo,
    clean_plan,
    compact_plan,
    validate_plan,
)
from recoverydesk.services.site_service import SiteService

ENTITY = "plan"
BY_MAX = 80  # updated_by / reviewed_by columns


class PlanService(SiteService):
    """Everything the app does with members' recovery plans (not BARC-10: ``Barc10Service``)."""

    # --- reading ----------------------------------------------------------------------------

    def get(self, member_id: int) -> Plan | None:
        """The member's current plan, or None when they have none yet (audited as a view)."""
        self._access.require(Action.PLANS_VIEW, member_id=member_id)
        with self._db.read() as session:
            model = PlanRepository(session).get(member_id)
            plan = to_plan(model) if model is not None else None
        if plan is not None:
            self._access.log(AuditAction.VIEW, ENTITY, member_id)
        return plan

    def reviews(self, member_id: int) -> list[ReviewInfo]:
        """The plan's reviews, newest first (empty when no plan or never reviewed)."""
        self._access.require(Action.PLANS_VIEW, member_id=member_id)
        with self._db.read() as session:
            repo = PlanRepository(session)
            model = repo.get(member_id)
            rows = repo.reviews(model.id) if model is not None else []
        self._access.log(AuditAction.VIEW, ENTITY, member_id, "reviews")
        return [self._review_info(member_id, *row) for row in rows]

    def review(self, review_id: int) -> Plan:
        """The plan as it was when reviewed (an immutable snapshot)."""
        with self._db.read() as session:
            member_id = PlanRepository(session).member_of_review(review_id)
        if member_id is None:
            raise NotFoundError(f"Plan review {review_id} does not exist.")
        self._access.require(Action.PLANS_VIEW, member_id=member_id)
        with self._db.read() as session:
            review = PlanRepository(session).review(review_id)
            assert review is not None  # reviews are never deleted (append-only table)
            plan = plan_from_snapshot(review.snapshot)
        self._access.log(AuditAction.VIEW, ENTITY, member_id, f"review {review_id}")
        return plan

    @staticmethod
    def compare(old: Plan | PlanDraft, new: Plan | PlanDraft) -> list[str]:
        """What changed from ``old`` to ``new``, as readable lines (no database access).

        Compare two reviews, a review with the current plan, or the plan with unsaved
        edits: "Goal added (Home): …", "Triggers changed", "Step done (Health): …".
        """
        return compare_plans(old, new)

    def suggestions(self, member_id: int) -> list[Suggestion]:
        """Gentle prompts from the latest BARC-10: items scored 1-3 → a domain for a goal."""
        self._access.require(Action.PLANS_VIEW, member_id=member_id)
        with self._db.read() as session:
            latest = PlanRepository(session).latest_barc10(member_id)
            barc = to_barc10(latest) if latest is not None else None
        if barc is None:
            return []
        self._access.log(AuditAction.VIEW, "barc10", member_id, "suggestions")
        return barc.suggestions()

    def list_plans(
        self,
        peer_id: int | None = None,
        attention_only: bool = False,
        sort: PlanSort | str = PlanSort.NAME,
        *,
        descending: bool = False,
        limit: int = 100,
        offset: int = 0,
        include_archived: bool = False,
        with_total: bool = False,
        text: str = "",
    ) -> PlanPage:
        """One page of members with plans, filtered and sorted in SQL.

        ``text``: words that must start the member's name words or code (indexed terms).
        A signed-in peer sees only their own caseload, whatever ``peer_id`` says.

        ``peer_id``: only members with an open assignment to that peer. ``attention_only``:
        review overdue, a goal past its target date, or a BARC-10 due (or never done).
        ``sort``: a ``PlanSort``; overdue counts sort most-first, BARC-10 due never-done
        first; ``descending`` reverses. Archived members are left out unless asked for.
        """
        actor = self._access.require(Action.PEERS_VIEW)
        if actor.role is Role.PEER:
            peer_id = actor.peer_id if actor.peer_id is not None else -1
        settings = self._settings.get()
        query = PlanQuery(
            today=self._clock.today(),
            barc10_days=settings.barc10_interval_days,
            peer_id=peer_id,
            attention_only=attention_only,
            include_archived=include_archived,
            sort=PlanSort(sort),
            descending=descending,
            text=text,
        )
        with self._db.read() as session:
            rows = plan_list_rows(session, query, limit=limit + 1, offset=offset)
            total = count_plans(session, query) if with_total else None
        page = tuple(_list_row(row, query) for row in rows[:limit])
        return PlanPage(rows=page, has_more=len(rows) > limit, total=total)

    # --- changing ---------------------------------------------------------------------------

    def validate(self, draft: PlanDraft) -> list[FieldError]:
        """Every problem with ``draft`` (for an editor that checks as the person types)."""
        return validate_plan(clean_plan(draft), self._clock.today())

    def start(self, member_id: int) -> Plan:
        """A new draft plan for the member (or their existing plan, if they have one)."""
        actor = self._access.require(Action.PLANS_EDIT, member_id=member_id)
        with self._db.write() as session:
            repo = PlanRepository(session)
            existing = repo.get(member_id)
            if existing is not None:
                return to_plan(existing)
            if not repo.member_exists(member_id):
                raise NotFoundError(f"Member {member_id} no longer exists.")
            model = repo.create(member_id, self._clock.now(), actor.display_name[:BY_MAX])
            session.flush()
            self._access.record(session, AuditAction.CREATE, ENTITY, member_id)
            return to_plan(model)

    def save(self, member_id: int, draft: PlanDraft, expected_version: int) -> Plan:
        """Replace sections, supports, goals and steps in one transaction.

        Rows that carry an id keep it (so reviews can be compared); rows without one are
        added; rows left out are removed; blank rows are ignored. Raises
        ``ValidationError`` (fields named as in the module docs of ``domain.plans``) or
        ``ConflictError`` when someone saved the plan since ``expected_version``.
        """
        actor = self._access.require(Action.PLANS_EDIT, member_id=member_id)
        cleaned = clean_plan(draft)
        raise_if(validate_plan(cleaned, self._clock.today()))
        cleaned = compact_plan(cleaned)
        try:
            with self._db.write() as session:
                model = self._current(session, member_id, expected_version)
                repo = PlanRepository(session)
                repo.apply(model, cleaned, self._clock.now(), actor.display_name[:BY_MAX])
                session.flush()
                steps = sum(len(g.steps) for g in cleaned.goals)
                detail = f"version {model.version}; {len(cleaned.goals)} goals, {steps} steps"
                self._access.record(session, AuditAction.UPDATE, ENTITY, member_id, detail)
                return to_plan(model)
        except ConflictError as error:
            raise _conflict() from error

    def activate(self, member_id: int, expected_version: int | None = None) -> Plan:
        """Draft → active; the first review is due ``plan_review_days`` from today.

        An active plan is returned unchanged.
        """
        actor = self._access.require(Action.PLANS_EDIT, member_id=member_id)
        days = self._settings.get().plan_review_days
        try:
            with self._db.write() as session:
                model = self._current(session, member_id, expected_version)
                if model.status is PlanStatus.ACTIVE:
                    return to_plan(model)
                model.status = PlanStatus.ACTIVE
                model.review_due_on = self._clock.today() + dt.timedelta(days=days)
                self._touch(model, actor.display_name)
                session.flush()
                self._access.record(session, AuditAction.UPDATE, ENTITY, member_id, "activated")
                return to_plan(model)
        except ConflictError as error:
            raise _conflict() from error

    def mark_reviewed(self, member_id: int, expected_version: int | None = None) -> ReviewInfo:
        """Keep an immutable snapshot of the active plan (who, when); it stays editable.

        The next review is due ``plan_review_days`` from today. Pass the editor's
        ``expected_version`` so the snapshot is what the person sees (save first). A draft
        plan cannot be marked reviewed (activate it first).
        """
        actor = self._access.require(Action.PLANS_EDIT, member_id=member_id)
        days = self._settings.get().plan_review_days
        try:
            with self._db.write() as session:
                model = self._current(session, member_id, expected_version)
                if model.status is not PlanStatus.ACTIVE:
                    message = "Activate the plan (agree it with the member) before reviewing it"
                    refuse("status", message)
                model.review_due_on = self._clock.today() + dt.timedelta(days=days)
                self._touch(model, actor.display_name)
                session.flush()
                now, by = self._clock.now(), actor.display_name[:BY_MAX]
                review = PlanRepository(session).add_review(to_plan(model), now, by)
                detail = f"reviewed; review {review.id}"
                self._access.record(session, AuditAction.UPDATE, ENTITY, member_id, detail)
                return self._review_info(member_id, review.id, now, by)
        except ConflictError as error:
            raise _conflict() from error

    # --- helpers ----------------------------------------------------------------------------

    def _current(self, session: Session, member_id: int, expected: int | None) -> PlanModel:
        model = PlanRepository(session).get(member_id)
        if model is None:
            raise NotFoundError("This member has no plan yet; start one first.")
        if expected is not None and model.version != expected:
            raise _conflict()
        return model

    def _touch(self, model: PlanModel, by: str) -> None:
        PlanRepository.touch(model, self._clock.now(), by[:BY_MAX])

    def _review_info(self, member_id: int, review_id: int, at: dt.datetime, by: str) -> ReviewInfo:
        return ReviewInfo(
            id=review_id,
            member_id=member_id,
            reviewed_at=at,
            reviewed_on=self._clock.local(at).date(),
            reviewed_by=by,
        )


def _conflict() -> ConflictError:
    return ConflictError(
        "Someone else saved this plan while you were editing. Your changes were not saved "
        "but are still in the editor; reopen the plan to see theirs."
    )


def _list_row(row: object, query: PlanQuery) -> PlanListRow:
    values = {f.name: getattr(row, f.name, None) for f in dataclasses.fields(PlanListRow)}
    taken_on = values["barc10_taken_on"]
    due_on = taken_on + dt.timedelta(days=query.barc10_days) if taken_on else None
    review_due = values["review_due_on"]
    values.update(
        review_overdue=review_due is not None and review_due < query.today,
        barc10_due_on=due_on,
        barc10_due=due_on is None or due_on <= query.today,
    )
    return PlanListRow(**values)
