"""Contacts: the log of a peer's encounters with a member, and the follow-up radar.

Contact notes are restricted: only ``ContactService.contacts`` (and an export that asks
for them) returns them, each read written to the audit trail. A peer may read and log
contacts only of members assigned to them (``Access.require`` with the member id).

The follow-up radar lists members with an open assignment whose latest contact set a
follow-up date that has passed, or who have had neither a contact nor a visit for more
than ``SiteSettings.follow_up_days`` days; the most overdue come first and each row says
why in words. It carries no notes. Exports go through ``csv_files.write_csv``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from recoverydesk.db.models import MemberModel
from recoverydesk.db.models_peers import ContactModel, PeerModel
from recoverydesk.db.repositories.contacts import ContactRepository, to_contact
from recoverydesk.domain.accounts import Action, AuditAction, Role
from recoverydesk.domain.errors import FieldError, NotFoundError, raise_if, refuse
from recoverydesk.domain.peer_rules import validate_contact
from recoverydesk.domain.peers import (
    Contact,
    ContactDraft,
    ContactKind,
    ContactSummary,
    Page,
    PageRequest,
    RadarReason,
    RadarRow,
)
from recoverydesk.domain.text import clean_multiline
from recoverydesk.services.csv_files import EXPORT_PAGE, every_row, write_csv
from recoverydesk.services.site_service import SiteService

RADAR_COLUMNS = (
    "member_code", "name", "peer", "why", "days_overdue", "due_on", "follow_up_on",
    "last_contact", "last_visit",
)  # fmt: skip
_KINDS = {k.value for k in ContactKind}
CONTACT_COLUMNS = ("date", "time", "kind", "minutes", "peer", "follow_up_on", "recorded_by")


class ContactService(SiteService):
    """Logs contacts, reads a member's contact log, and finds who needs a follow-up."""

    def validate(self, draft: ContactDraft) -> list[FieldError]:
        """Every problem with ``draft`` (for a form that checks as the person types)."""
        draft = self._cleaned(draft)
        return validate_contact(draft, self._local_date(draft), self._clock.now())

    def log_contact(self, draft: ContactDraft) -> Contact:
        """Save a contact (``contacted_at`` None: now); the signed-in peer by default."""
        actor = self._access.require(Action.CONTACTS_LOG, member_id=draft.member_id)
        draft = self._cleaned(draft)
        contact_date = self._local_date(draft)
        raise_if(validate_contact(draft, contact_date, self._clock.now()))
        assert draft.contacted_at is not None
        peer_id = draft.peer_id if draft.peer_id is not None else actor.peer_id
        with self._db.write() as session:
            if session.get(MemberModel, draft.member_id) is None:
                raise NotFoundError(f"Member {draft.member_id} no longer exists.")
            peer = session.get(PeerModel, peer_id) if peer_id is not None else None
            if peer_id is not None and peer is None:
                refuse("peer_id", f"Peer {peer_id} does not exist")
            model = ContactModel(
                member_id=draft.member_id,
                peer_id=peer_id,
                contacted_at=draft.contacted_at,
                contact_date=contact_date,
                kind=draft.kind,
                minutes=draft.minutes,
                note=draft.note,
                follow_up_on=draft.follow_up_on,
                recorded_by=actor.username[:80],
                created_at=self._clock.now(),
            )
            ContactRepository(session).add(model)
            self._access.record(
                session, AuditAction.CREATE, "contacts", draft.member_id, f"contact {model.id}"
            )
            return to_contact(model, peer.name if peer else "")

    def contacts(
        self,
        member_id: int,
        *,
        kind: ContactKind | None = None,
        peer_id: int | None = None,
        limit: int = 50,
        offset: int = 0,
        with_total: bool = False,
    ) -> Page[Contact]:
        """One page of a member's contacts, newest first, notes included (audited)."""
        self._access.require(Action.CONTACTS_VIEW, member_id=member_id)
        with self._db.read() as session:
            rows, more, total = ContactRepository(session).contacts(
                member_id,
                kind=kind,
                peer_id=peer_id,
                limit=limit,
                offset=offset,
                with_total=with_total,
            )
        self._access.log(AuditAction.VIEW, "contacts", member_id, f"{len(rows)} contacts")
        return Page(tuple(rows), more, total)

    def summary(self, member_id: int) -> ContactSummary:
        """How many contacts a member has had, the latest and its follow-up (no notes)."""
        self._access.require(Action.PEERS_VIEW)
        with self._db.read() as session:
            return ContactRepository(session).summary(member_id)

    def radar(
        self,
        *,
        peer_id: int | None = None,
        reason: RadarReason | None = None,
        text: str = "",
        sort: str = "overdue",
        descending: bool = False,
        limit: int = 100,
        offset: int = 0,
        with_total: bool = False,
    ) -> Page[RadarRow]:
        """Members who need a follow-up, most overdue first; each row says why.

        ``peer_id`` limits the radar to one peer's members (primary or secondary); a
        signed-in peer sees their own unless they name another. ``reason`` keeps only one
        kind of row. Sorts: overdue, name, peer, last_contact.
        """
        actor = self._access.require(Action.PEERS_VIEW)
        if peer_id is None and actor.role is Role.PEER:
            peer_id = actor.peer_id
        quiet = self._settings.get().follow_up_days
        page = PageRequest(sort, descending, limit, offset, with_total)
        with self._db.read() as session:
            return ContactRepository(session).radar(
                today=self._clock.today(),
                quiet_days=quiet,
                peer_id=peer_id,
                reason=reason,
                text=text,
                page=page,
            )

    def export_radar(
        self,
        path: str | Path,
        *,
        peer_id: int | None = None,
        reason: RadarReason | None = None,
        text: str = "",
        sort: str = "overdue",
        descending: bool = False,
    ) -> int:
        """Write the whole radar (as filtered and sorted) to a CSV file; how many rows."""
        self._access.require(Action.PEERS_VIEW)
        rows = (
            (
                r.code,
                r.name,
                r.peer_name,
                r.why,
                r.days_overdue,
                r.due_on,
                r.follow_up_on,
                r.last_contact,
                r.last_visit,
            )  # fmt: skip
            for r in every_row(
                lambda offset: self.radar(
                    peer_id=peer_id,
                    reason=reason,
                    text=text,
                    sort=sort,
                    descending=descending,
                    limit=EXPORT_PAGE,
                    offset=offset,
                )
            )
        )
        count = write_csv(path, RADAR_COLUMNS, rows)
        self._access.log(AuditAction.EXPORT, "radar", peer_id or "", f"{count} rows")
        return count

    def export_contacts(
        self, path: str | Path, member_id: int, *, include_notes: bool = False
    ) -> int:
        """Write a member's contacts to a CSV file, notes only when asked (audited)."""
        self._access.require(Action.CONTACTS_VIEW, member_id=member_id)
        header = CONTACT_COLUMNS + (("note",) if include_notes else ())
        with self._db.read() as session:
            found, _, _ = ContactRepository(session).contacts(member_id, limit=1_000_000)
        zone = self._clock.zone
        rows = (
            (
                c.contact_date,
                c.contacted_at.astimezone(zone).strftime("%H:%M"),
                c.kind,
                c.minutes,
                c.peer_name,
                c.follow_up_on,
                c.recorded_by,
                *((c.note,) if include_notes else ()),
            )  # fmt: skip
            for c in found
        )
        count = write_csv(path, header, rows)
        detail = f"{count} contacts{' with notes' if include_notes else ''}"
        self._access.log(AuditAction.EXPORT, "contacts", member_id, detail)
        return count

    def _cleaned(self, draft: ContactDraft) -> ContactDraft:
        return ContactDraft(
            member_id=draft.member_id,
            kind=ContactKind(draft.kind) if draft.kind in _KINDS else draft.kind,
            contacted_at=self._moment(draft).astimezone(dt.UTC),
            minutes=draft.minutes,
            note=clean_multiline(draft.note),
            follow_up_on=draft.follow_up_on,
            peer_id=draft.peer_id,
        )

    def _local_date(self, draft: ContactDraft) -> dt.date:
        return self._clock.local(self._moment(draft)).date()

    def _moment(self, draft: ContactDraft) -> dt.datetime:
        """When the contact was: now if not given; a naive time is the site's local time."""
        at = draft.contacted_at or self._clock.now()
        return at.replace(tzinfo=self._clock.zone) if at.tzinfo is None else at
