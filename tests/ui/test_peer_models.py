"""The peer-work table models on a real SQLite file: valid models, paging, SQL sort, no notes."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt

from recoverydesk.domain.accounts import Actor, Role
from recoverydesk.domain.members import Member, MemberDraft
from recoverydesk.domain.peers import (
    AssignmentKind,
    ContactDraft,
    ContactKind,
    PeerDraft,
    RadarReason,
    SupervisionDraft,
)
from recoverydesk.services.container import Services
from recoverydesk.services.demo import generate_demo
from recoverydesk.ui.models.paged_model import PagedRowsModel
from recoverydesk.ui.models.peer_contact_models import (
    AssignmentHistoryModel,
    ContactsModel,
    RadarModel,
    SupervisionModel,
)
from recoverydesk.ui.models.peer_models import (
    CaseloadModel,
    NeedsPeerModel,
    PeerRosterModel,
)

TODAY = dt.date(2026, 3, 10)
MARKER = "ZQX-private-marker-7731"
ROLES_TO_PROBE = list(range(0, 40)) + [Qt.ItemDataRole.UserRole + n for n in range(0, 8)]


def member(services: Services, first: str, last: str) -> Member:
    return services.members.create(MemberDraft(first_name=first, last_name=last))


def cells(model: PagedRowsModel | AssignmentHistoryModel) -> list[object]:
    """Every value the model gives for every cell and every role a view might ask for."""
    found: list[object] = []
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            found.extend(model.data(index, role) for role in ROLES_TO_PROBE)
    return found


def column(model: PagedRowsModel, col: int) -> list[str]:
    return [model.index(r, col).data() for r in range(model.rowCount())]


@pytest.fixture
def demo(services: Services) -> Services:
    generate_demo(services, 60, days=60, seed=2)
    return services


@pytest.fixture
def small(services: Services) -> dict[str, int]:
    """Two peers (one with a cap of 1), three members, one over the cap, one overdue."""
    kim = services.peers.create(PeerDraft("Kim Example", caseload_cap=1)).id
    lee = services.peers.create(PeerDraft("Lee Sample")).id
    ana = member(services, "Ana", "Alpha").id
    ben = member(services, "Ben", "Beta").id
    cai = member(services, "Cai", "Gamma").id
    services.peers.assign(ana, kim, started_on=TODAY - dt.timedelta(days=40))
    services.peers.assign(ben, kim, started_on=TODAY - dt.timedelta(days=3))
    services.contacts.log_contact(
        ContactDraft(
            ana,
            ContactKind.PHONE,
            contacted_at=dt.datetime(2026, 3, 1, 9, 0),
            note=f"Talked about housing {MARKER}",
            follow_up_on=dt.date(2026, 3, 5),
            peer_id=kim,
        )
    )
    return {"kim": kim, "lee": lee, "ana": ana, "ben": ben, "cai": cai}


def test_every_model_passes_the_qt_model_tester_on_demo_data(demo: Services, qtmodeltester) -> None:
    roster = PeerRosterModel(demo.peers)
    roster.refresh()
    qtmodeltester.check(roster)
    busiest = max(
        (roster.peer_row(r) for r in range(roster.rowCount())), key=lambda p: p.caseload.count
    )
    caseload = CaseloadModel(demo.peers)
    caseload.set_peer(busiest.id)
    assert caseload.rowCount() > 0
    qtmodeltester.check(caseload)
    radar = RadarModel(demo.contacts)
    radar.refresh()
    assert radar.rowCount() > 0
    qtmodeltester.check(radar)
    needs = NeedsPeerModel(demo.peers)
    needs.refresh()
    qtmodeltester.check(needs)
    supervision = SupervisionModel(demo.peers)
    supervision.set_peer(busiest.id)
    qtmodeltester.check(supervision)
    contacts = ContactsModel(demo.contacts, demo.clock)
    contacts.set_member(caseload.caseload_row(0).member_id)
    qtmodeltester.check(contacts)
    history = AssignmentHistoryModel()
    history.set_rows(demo.peers.member_peers(caseload.caseload_row(0).member_id).history)
    assert history.rowCount() >= 1
    qtmodeltester.check(history)


def test_models_without_a_peer_or_member_are_empty_and_valid(
    services: Services, qtmodeltester
) -> None:
    for model in (
        CaseloadModel(services.peers),
        SupervisionModel(services.peers),
        ContactsModel(services.contacts, services.clock),
    ):
        model.refresh()
        assert model.rowCount() == 0
        assert not model.canFetchMore(QModelIndex())
        qtmodeltester.check(model)


def test_roster_shows_caseload_against_cap_in_words(
    services: Services, small: dict[str, int]
) -> None:
    roster = PeerRosterModel(services.peers)
    roster.refresh()
    m = PeerRosterModel
    row = roster.row_of(small["kim"])
    assert row is not None
    cell = roster.index(row, m.COL_CASELOAD)
    assert cell.data() == "2 / 1 over cap"
    assert cell.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "2 members of a cap of 1" in cell.data(Qt.ItemDataRole.ToolTipRole)
    other = roster.index(roster.row_of(small["lee"]), m.COL_CASELOAD)
    assert other.data() == "0 / 15"
    assert other.data(Qt.ItemDataRole.ForegroundRole) is None


def test_roster_sorts_in_sql_both_ways_and_filters(
    services: Services, small: dict[str, int]
) -> None:
    roster = PeerRosterModel(services.peers)
    roster.refresh()
    m = PeerRosterModel
    assert column(roster, m.COL_NAME) == ["Kim Example", "Lee Sample"]
    roster.sort(m.COL_CASELOAD, Qt.SortOrder.AscendingOrder)
    assert column(roster, m.COL_NAME) == ["Lee Sample", "Kim Example"]
    roster.sort(m.COL_CASELOAD, Qt.SortOrder.DescendingOrder)
    assert column(roster, m.COL_NAME) == ["Kim Example", "Lee Sample"]
    assert roster.sort_key == "caseload" and roster.descending
    roster.sort(m.COL_CERTS, Qt.SortOrder.AscendingOrder)  # no SQL order: ignored
    assert roster.sort_key == "caseload"
    roster.set_query("lee")
    assert column(roster, m.COL_NAME) == ["Lee Sample"]
    assert roster.total == 1


def test_roster_hides_inactive_peers_unless_asked(services: Services) -> None:
    services.peers.create(PeerDraft("Old Timer", active=False))
    roster = PeerRosterModel(services.peers)
    roster.refresh()
    assert roster.rowCount() == 0
    roster.set_include_inactive(True)
    assert column(roster, PeerRosterModel.COL_NAME) == ["Old Timer (inactive)"]


def test_caseload_says_overdue_in_words_and_bold(services: Services, small: dict[str, int]) -> None:
    caseload = CaseloadModel(services.peers)
    statuses: list[object] = []
    caseload.status_changed.connect(statuses.append)
    caseload.set_peer(small["kim"])
    m = CaseloadModel
    assert column(caseload, m.COL_NAME) == ["Ana Alpha", "Ben Beta"]
    follow = caseload.index(0, m.COL_NEXT_FOLLOW_UP)
    assert follow.data() == "2026-03-05 overdue"
    assert follow.data(Qt.ItemDataRole.FontRole).bold()
    assert caseload.index(0, m.COL_LAST_CONTACT).data() == "2026-03-01"
    assert caseload.index(1, m.COL_LAST_CONTACT).data() == "never"
    assert caseload.index(1, m.COL_NEXT_FOLLOW_UP).data() == "—"
    assert statuses and statuses[-1].warning == "Over cap: 2 of 1"  # type: ignore[attr-defined]
    caseload.sort(m.COL_SINCE, Qt.SortOrder.DescendingOrder)
    assert column(caseload, m.COL_NAME) == ["Ben Beta", "Ana Alpha"]
    caseload.set_query("ana")
    assert column(caseload, m.COL_NAME) == ["Ana Alpha"]
    caseload.set_query("")
    caseload.set_kind(AssignmentKind.SECONDARY)
    assert caseload.rowCount() == 0


def test_models_page_lazily(demo: Services) -> None:
    needs = NeedsPeerModel(demo.peers, page_size=3)
    needs.refresh()
    assert needs.total > 3
    assert needs.rowCount() == 3
    assert needs.canFetchMore(QModelIndex())
    needs.fetchMore(QModelIndex())
    assert needs.rowCount() == 6
    while needs.canFetchMore(QModelIndex()):
        needs.fetchMore(QModelIndex())
    assert needs.rowCount() == needs.total
    assert len({needs.key_at(r) for r in range(needs.rowCount())}) == needs.total
    radar = RadarModel(demo.contacts, page_size=2)
    radar.refresh()
    last = radar.radar_row(radar.rowCount() - 1).member_id
    radar2 = RadarModel(demo.contacts, page_size=2)
    radar2.refresh()
    assert radar2.find_row((last, radar.radar_row(radar.rowCount() - 1).peer_id)) is not None


def test_radar_lists_the_most_overdue_first_with_why(
    services: Services, small: dict[str, int]
) -> None:
    radar = RadarModel(services.contacts)
    radar.refresh()
    m = RadarModel
    assert column(radar, m.COL_NAME) == ["Ana Alpha"]
    assert radar.index(0, m.COL_WHY).data() == "Follow-up due 5 days ago"
    assert radar.index(0, m.COL_OVERDUE).data() == "5 days"
    assert radar.index(0, m.COL_PEER).data() == "Kim Example"
    radar.set_reason(RadarReason.NO_RECENT_CONTACT)
    assert radar.rowCount() == 0
    radar.set_reason(None)
    radar.set_peer(small["lee"])
    assert radar.rowCount() == 0


def test_supervision_and_contacts_models_show_their_notes(
    services: Services, small: dict[str, int]
) -> None:
    services.peers.add_supervision(
        small["kim"], SupervisionDraft(TODAY, "Sam Supervisor", "Boundaries", "A long note\nmore")
    )
    supervision = SupervisionModel(services.peers)
    supervision.set_peer(small["kim"])
    m = SupervisionModel
    assert supervision.index(0, m.COL_NOTE).data() == "A long note…"
    assert supervision.index(0, m.COL_NOTE).data(Qt.ItemDataRole.ToolTipRole) == "A long note\nmore"
    contacts = ContactsModel(services.contacts, services.clock)
    contacts.set_member(small["ana"])
    assert MARKER in contacts.index(0, ContactsModel.COL_NOTE).data()
    assert contacts.index(0, ContactsModel.COL_WHEN).data() == "2026-03-01 09:00"


@pytest.mark.parametrize("role", [Role.ADMIN, Role.COORDINATOR, Role.PEER])
def test_caseload_radar_and_waiting_lists_never_carry_a_contact_note(
    services: Services, small: dict[str, int], role: Role
) -> None:
    peer_id = small["kim"] if role is Role.PEER else None
    services.access.act_as(Actor("someone", "Someone", role, peer_id=peer_id))
    roster = PeerRosterModel(services.peers)
    caseload = CaseloadModel(services.peers)
    radar = RadarModel(services.contacts)
    needs = NeedsPeerModel(services.peers)
    roster.refresh()
    caseload.set_peer(small["kim"])
    radar.refresh()
    needs.refresh()
    assert caseload.rowCount() == 2 and radar.rowCount() == 1 and needs.rowCount() == 1
    for model in (roster, caseload, radar, needs):
        texts = " ".join(str(value) for value in cells(model))
        assert MARKER not in texts, type(model).__name__
        assert "housing" not in texts
    for model in (caseload, radar, needs):
        assert not any(MARKER in str(r) for r in model._rows)  # not even in the row values


def test_a_refused_load_keeps_the_rows_and_says_why(
    services: Services, small: dict[str, int]
) -> None:
    roster = PeerRosterModel(services.peers)
    roster.refresh()
    failures: list[object] = []
    roster.load_failed.connect(failures.append)
    services.access.act_as(Actor("desk", "Desk", Role.FRONT_DESK))
    roster.refresh()
    assert roster.rowCount() == 2
    assert failures and "cannot do this" in str(failures[0])
