"""The rules of peer work: limits, validation, and why a member is on the radar.

What a valid peer, certificate, supervision session, contact or assignment period is.
Every ``validate_*`` takes a cleaned draft (the services clean text first) and returns
every problem at once, each naming its field; an empty list means it can be saved.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from recoverydesk.domain.errors import FieldError
from recoverydesk.domain.peers import (
    CertificationDraft,
    ContactDraft,
    ContactKind,
    PeerDraft,
    PeerRole,
    RadarReason,
    SupervisionDraft,
)
from recoverydesk.domain.validation import (
    EARLIEST_RECORD,
    check_email,
    check_length,
    check_past_date,
    check_phone,
    is_whole_number,
)

PEER_NAME_MAX = 160
CERT_NAME_MAX = 120
CERT_NUMBER_MAX = 60
SUPERVISOR_MAX = 160
TOPICS_MAX = 400
END_REASON_MAX = 200
NOTE_MAX = 20_000
MINUTES_MAX = 24 * 60
CAP_LIMITS = (1, 500)
#: A contact may be logged this far ahead of the clock (two desks' clocks differ a little).
FUTURE_GRACE = dt.timedelta(minutes=5)


def validate_peer(draft: PeerDraft) -> list[FieldError]:
    """Every problem with a (cleaned) peer draft; empty when it can be saved."""
    errors: list[FieldError | None] = []
    if not draft.name:
        errors.append(FieldError("name", "Name is required"))
    errors.append(check_length("name", "Name", draft.name, PEER_NAME_MAX))
    if not isinstance(draft.role, PeerRole):
        errors.append(FieldError("role", f"Role must be one of {_choices(PeerRole)}"))
    errors.append(check_phone("phone", draft.phone))
    errors.append(check_email("email", draft.email))
    low, high = CAP_LIMITS
    cap = draft.caseload_cap
    if cap is not None and not is_whole_number(cap, low, high):
        errors.append(
            FieldError("caseload_cap", f"Caseload cap must be a whole number from {low} to {high}")
        )
    return [e for e in errors if e is not None]


def validate_certification(draft: CertificationDraft, today: dt.date) -> list[FieldError]:
    """Every problem with a (cleaned) certification draft."""
    errors: list[FieldError | None] = []
    if not draft.name:
        errors.append(FieldError("name", "Certification name is required"))
    errors.append(check_length("name", "Certification name", draft.name, CERT_NAME_MAX))
    errors.append(check_length("number", "Number", draft.number, CERT_NUMBER_MAX))
    errors.append(
        check_past_date("issued_on", "Issue date", draft.issued_on, today, EARLIEST_RECORD)
    )
    if draft.expires_on is not None and draft.expires_on < EARLIEST_RECORD:
        errors.append(
            FieldError("expires_on", f"Expiry date cannot be before {EARLIEST_RECORD.year}")
        )
    if draft.issued_on and draft.expires_on and draft.expires_on < draft.issued_on:
        errors.append(FieldError("expires_on", "Expiry date cannot be before the issue date"))
    return [e for e in errors if e is not None]


def validate_supervision(draft: SupervisionDraft, today: dt.date) -> list[FieldError]:
    """Every problem with a (cleaned) supervision draft."""
    errors: list[FieldError | None] = []
    if not isinstance(draft.held_on, dt.date):
        errors.append(FieldError("held_on", "Date of the session is required"))
    else:
        errors.append(
            check_past_date("held_on", "Session date", draft.held_on, today, EARLIEST_RECORD)
        )
    if not draft.supervisor:
        errors.append(FieldError("supervisor", "Supervisor is required"))
    errors.append(check_length("supervisor", "Supervisor", draft.supervisor, SUPERVISOR_MAX))
    errors.append(check_length("topics", "Topics", draft.topics, TOPICS_MAX))
    errors.append(check_length("note", "Note", draft.note, NOTE_MAX))
    return [e for e in errors if e is not None]


def validate_contact(
    draft: ContactDraft, contact_date: dt.date, now: dt.datetime
) -> list[FieldError]:
    """Every problem with a (cleaned) contact whose ``contacted_at`` is filled in.

    ``contact_date`` is the site-local date of ``contacted_at``.
    """
    errors: list[FieldError | None] = []
    if not isinstance(draft.kind, ContactKind):
        errors.append(FieldError("kind", f"Kind must be one of {_choices(ContactKind)}"))
    if draft.contacted_at is not None and draft.contacted_at > now + FUTURE_GRACE:
        errors.append(FieldError("contacted_at", "A contact cannot be in the future"))
    elif contact_date < EARLIEST_RECORD:
        errors.append(
            FieldError("contacted_at", f"A contact before {EARLIEST_RECORD.year} is not plausible")
        )
    minutes = draft.minutes
    if minutes is not None and not is_whole_number(minutes, 0, MINUTES_MAX):
        errors.append(
            FieldError("minutes", f"Minutes must be a whole number from 0 to {MINUTES_MAX}")
        )
    if draft.follow_up_on is not None and draft.follow_up_on < contact_date:
        errors.append(FieldError("follow_up_on", "Follow-up date cannot be before the contact"))
    errors.append(check_length("note", "Note", draft.note, NOTE_MAX))
    return [e for e in errors if e is not None]


def validate_period(
    started_on: dt.date, ended_on: dt.date, today: dt.date, reason: str
) -> list[FieldError]:
    """Problems with ending an assignment that began on ``started_on``."""
    errors: list[FieldError | None] = []
    if ended_on < started_on:
        errors.append(
            FieldError(
                "ended_on", f"End date cannot be before the start ({started_on.isoformat()})"
            )
        )
    elif ended_on > today:
        errors.append(FieldError("ended_on", "End date cannot be in the future"))
    if not reason:
        errors.append(FieldError("reason", "A reason is required"))
    errors.append(check_length("reason", "Reason", reason, END_REASON_MAX))
    return [e for e in errors if e is not None]


def validate_start(started_on: dt.date, today: dt.date) -> list[FieldError]:
    """Problems with the start date of a new assignment."""
    problem = check_past_date("started_on", "Start date", started_on, today, EARLIEST_RECORD)
    return [problem] if problem else []


def _choices(enum_cls: type[StrEnum]) -> str:
    return ", ".join(m.value for m in enum_cls)


# --- the follow-up radar ---------------------------------------------------------------------


def _days(count: int) -> str:
    return f"{count} day{'s' if count != 1 else ''}"


def radar_reasons(
    today: dt.date,
    follow_up_on: dt.date | None,
    last_touch: dt.date | None,
    assigned_on: dt.date | None,
    quiet_days: int,
) -> tuple[tuple[RadarReason, ...], str]:
    """Why a member is on the radar, most overdue first, as reasons and one sentence.

    ``last_touch`` is the later of the last contact and the last visit; without either,
    ``assigned_on`` (when the member was first assigned) is when the quiet began.
    """
    found: list[tuple[dt.date, RadarReason, str]] = []
    if follow_up_on is not None and follow_up_on < today:
        ago = (today - follow_up_on).days
        found.append((follow_up_on, RadarReason.FOLLOW_UP_DUE, f"Follow-up due {_days(ago)} ago"))
    since = last_touch or assigned_on
    if since is not None and (today - since).days > quiet_days:
        quiet = (today - since).days
        text = (
            f"No contact or visit for {_days(quiet)}"
            if last_touch is not None
            else f"No contact or visit since assigned {_days(quiet)} ago"
        )
        found.append((since + dt.timedelta(days=quiet_days), RadarReason.NO_RECENT_CONTACT, text))
    found.sort(key=lambda item: item[0])
    return tuple(r for _, r, _ in found), "; ".join(t for _, _, t in found)
