"""The front desk's item models: valid Qt models, right text, paging on demand; no window."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt

from recoverydesk.domain.visits import DeskRow, VisitRow, VisitSource
from recoverydesk.ui.models.desk_results_model import (
    DeskResultsModel,
    full_name,
    last_visit_text,
    short_date,
)
from recoverydesk.ui.models.visits_model import NO_TIME, VisitsTableModel, visitor_name

TODAY = dt.date(2026, 3, 10)
UTC = dt.UTC


def _desk_row(member_id: int, first: str, last: str, **fields: object) -> DeskRow:
    values: dict[str, object] = {
        "member_id": member_id,
        "code": f"M10000{member_id}",
        "name": f"{first} {last}",
        "first_name": first,
        "last_name": last,
        "preferred_name": "",
        "pronouns": "",
        "status_label": "Member",
        "last_visit": None,
        "checked_in_today": False,
        "flags": (),
        "desk_note": "",
    }
    values.update(fields)
    return DeskRow(**values)  # type: ignore[arg-type]


def _visit(visit_id: int, name: str = "Ana Silva", minute: int = 0, **fields: object) -> VisitRow:
    values: dict[str, object] = {
        "visit_id": visit_id,
        "member_id": visit_id,
        "member_code": f"M10000{visit_id}",
        "name": name,
        "pronouns": "",
        "guest_label": "",
        "checked_in_at": dt.datetime(2026, 3, 10, 9, minute, tzinfo=UTC),
        "checked_out_at": None,
        "source": VisitSource.DESK,
        "purposes": (),
    }
    values.update(fields)
    return VisitRow(**values)  # type: ignore[arg-type]


def _local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.timezone(dt.timedelta(hours=1)))


# -- results ---------------------------------------------------------------------------------


def test_results_model_is_a_valid_model(qtmodeltester):
    model = DeskResultsModel(lambda: TODAY)
    model.set_rows(
        [
            _desk_row(
                1,
                "Marcus",
                "Mahlangu",
                preferred_name="Mo",
                pronouns="he/him",
                last_visit=TODAY,
                checked_in_today=True,
                flags=("Peer wants to see you",),
                desk_note="Parcel at the desk",
            ),
            _desk_row(2, "Zoë", "Ng", status_label="Guest", flags=("Guest: 1 visit of 3",)),
        ]
    )
    qtmodeltester.check(model)
    model.set_rows([])
    qtmodeltester.check(model)


def test_results_text(qtmodeltester):
    model = DeskResultsModel(lambda: TODAY)
    model.set_rows(
        [
            _desk_row(
                1,
                "Marcus",
                "Mahlangu",
                preferred_name="Mo",
                pronouns="he/him",
                last_visit=TODAY - dt.timedelta(days=3),
                flags=("Peer wants to see you",),
                desk_note="Parcel",
            )
        ]
    )
    row = [model.index(0, c).data() for c in range(model.columnCount())]
    assert row == [
        "Marcus “Mo” Mahlangu",
        "he/him",
        "M100001",
        "3 days ago",
        "Peer wants to see you · Parcel",
    ]
    assert model.index(0, model.COL_NAME).data(model.IdRole) == 1
    assert model.headerData(model.COL_DESK, Qt.Orientation.Horizontal) == "For the desk"
    assert model.index(0, model.COL_DESK).data(Qt.ItemDataRole.ForegroundRole) is not None


@pytest.mark.parametrize(
    ("days", "text"),
    [
        (0, "today"),
        (1, "yesterday"),
        (2, "2 days ago"),
        (6, "6 days ago"),
        (7, "3 Mar 2026"),
        (400, "3 Feb 2025"),
    ],
)
def test_last_visit_text(days: int, text: str):
    assert last_visit_text(TODAY - dt.timedelta(days=days), TODAY) == text


def test_never_visited_and_dates():
    assert last_visit_text(None, TODAY) == "never"
    assert short_date(dt.date(2026, 3, 9), weekday=True) == "Mon 9 Mar 2026"
    assert full_name(_desk_row(1, "Ana", "Silva", preferred_name="Ana")) == "Ana Silva"


# -- visits ----------------------------------------------------------------------------------


def test_visits_model_is_a_valid_model(qtmodeltester):
    model = VisitsTableModel(_local)
    model.set_rows(
        [
            _visit(1, purposes=("Meal", "Group"), pronouns="she/her"),
            _visit(
                2,
                name="",
                member_id=None,
                member_code="",
                guest_label="J.K.",
                minute=5,
                checked_out_at=dt.datetime(2026, 3, 10, 11, 0, tzinfo=UTC),
            ),
            _visit(3, source=VisitSource.PAPER),
        ]
    )
    qtmodeltester.check(model)


def test_visits_text_in_site_time_and_guests():
    model = VisitsTableModel(_local)
    guest = _visit(
        2,
        name="",
        member_id=None,
        member_code="",
        guest_label="J.K.",
        checked_out_at=dt.datetime(2026, 3, 10, 11, 30, tzinfo=UTC),
    )
    model.set_rows(
        [_visit(1, purposes=("Meal", "Group")), guest, _visit(3, source=VisitSource.PAPER)]
    )
    first = [model.index(0, c).data() for c in range(model.columnCount())]
    assert first == ["10:00", "", "Ana Silva", "M100001", "Meal, Group", "Desk"]
    assert model.index(1, model.COL_NAME).data() == "Guest (J.K.)"
    assert model.index(1, model.COL_OUT).data() == "12:30"
    assert model.index(2, model.COL_IN).data() == NO_TIME  # a paper sheet has no time
    assert model.index(0, 0).data(model.IdRole) == 1
    assert visitor_name(_visit(4, name="", member_id=None, guest_label="")) == "Guest"


def test_day_list_loads_one_page_and_fetches_more_on_demand(qtmodeltester):
    visits = [_visit(i, minute=i % 60) for i in range(1, 12)]
    calls: list[tuple[int, int]] = []

    def loader(limit: int, offset: int) -> list[VisitRow]:
        calls.append((limit, offset))
        return visits[offset : offset + limit]

    model = VisitsTableModel(_local, page_size=5)
    model.set_loader(loader)
    assert model.rowCount() == 5 and calls == [(5, 0)]
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 11
    assert not model.canFetchMore(QModelIndex())
    assert calls == [(5, 0), (5, 5), (5, 10)]
    qtmodeltester.check(model)


def test_day_list_keeps_rows_when_a_page_fails(qtbot):
    from recoverydesk.domain.errors import DatabaseLockedError

    def loader(limit: int, offset: int) -> list[VisitRow]:
        if offset:
            raise DatabaseLockedError("busy")
        return [_visit(i) for i in range(1, limit + 1)]

    model = VisitsTableModel(_local, page_size=3)
    model.set_loader(loader)
    with qtbot.waitSignal(model.load_failed):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 3 and not model.canFetchMore(QModelIndex())
