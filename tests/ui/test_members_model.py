"""The member list model: pages from a real SQLite file, SQL search and sort, no private text."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt

from recoverydesk.domain.members import Member, MemberDraft, MemberStatus
from recoverydesk.services.container import Services
from recoverydesk.ui.models.members_model import PAGE, MembersTableModel

M = MembersTableModel


def add(services: Services, first: str, last: str, **fields: object) -> Member:
    return services.members.create(MemberDraft(first, last, **fields))  # type: ignore[arg-type]


def make_model(services: Services, text: str = "") -> MembersTableModel:
    model = MembersTableModel(services.members, services.clock.today)
    model.set_query(text)
    return model


def column(model: MembersTableModel, col: int) -> list[str]:
    return [model.index(row, col).data() for row in range(model.rowCount())]


@pytest.fixture
def many(services: Services) -> Services:
    """250 synthetic members, joined on different days."""
    start = dt.date(2024, 1, 1)
    for n in range(250):
        add(services, f"Person{n:03d}", "Example", joined_on=start + dt.timedelta(days=n))
    return services


def test_passes_the_qt_model_tester_with_real_rows(services: Services, qtmodeltester, qapp) -> None:
    add(
        services,
        "José",
        "García",
        preferred_name="Pepe",
        pronouns="he/him",
        phone="+1 555 0100 1234",
        recovery_start=dt.date(2023, 12, 1),
    )
    add(services, "Zoë", "Nguyễn", status=MemberStatus.GUEST)
    add(services, "Мария", "Иванова")
    model = make_model(services)
    qtmodeltester.check(model)
    model.set_query("nguyen")
    qtmodeltester.check(model)


def test_holds_one_page_and_fetches_more_on_demand(many: Services, qtbot) -> None:
    model = make_model(many)

    assert model.rowCount() == PAGE
    assert model.canFetchMore(QModelIndex())
    assert model.total == 250

    with qtbot.waitSignal(model.rowsInserted):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * PAGE
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 250
    assert not model.canFetchMore(QModelIndex())
    ids = [model.index(r, 0).data(M.IdRole) for r in range(model.rowCount())]
    assert len(set(ids)) == 250


def test_new_search_starts_again_from_one_page(many: Services, qtbot) -> None:
    model = make_model(many)
    model.fetchMore(QModelIndex())

    assert model.rowCount() == 2 * PAGE

    with qtbot.waitSignal(model.total_changed) as total:
        model.set_query("EXAMPLE")

    assert total.args == [250]
    assert model.rowCount() == PAGE
    assert model.canFetchMore(QModelIndex())
    model.set_query("person2")
    assert (model.rowCount(), model.total) == (50, 50)
    assert not model.canFetchMore(QModelIndex())


def test_header_sort_orders_every_page_in_sql(many: Services) -> None:
    model = make_model(many)

    model.sort(M.COL_JOINED, Qt.SortOrder.DescendingOrder)
    joined = column(model, M.COL_JOINED)
    assert joined[0] == "2024-09-06"  # the newest of all 250, not of one page
    assert joined == sorted(joined, reverse=True)

    model.sort(M.COL_CODE)
    codes = column(model, M.COL_CODE)
    assert codes == sorted(codes)
    assert model.sort_key == "code"

    model.sort(M.COL_PRONOUNS)  # no indexed order for it: nothing changes
    assert model.sort_key == "code"
    assert column(model, M.COL_CODE) == codes


def test_columns_show_list_values_never_notes(services: Services) -> None:
    member = add(
        services,
        "Alex",
        "Rivera",
        preferred_name="Lex",
        pronouns="they/them",
        phone="555 010 4321",
        recovery_start=dt.date(2023, 12, 1),
        joined_on=dt.date(2025, 2, 3),
        desk_note="Synthetic private desk note",
    )
    model = make_model(services)

    cells = [model.index(0, c).data() for c in range(model.columnCount())]
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(M.COLUMN_COUNT)]

    assert cells == [
        member.code,
        "Rivera, Alex",
        "Lex",
        "they/them",
        "4321",
        "Member",
        "2025-02-03",
        "2 years 3 months",
    ]
    assert headers == [
        "Code",
        "Name",
        "Preferred",
        "Pronouns",
        "Phone",
        "Status",
        "Joined",
        "In recovery",
    ]
    assert not any("note" in str(text).lower() for text in cells + headers)
    assert model.index(0, M.COL_JOINED).data(M.SortRole) == dt.date(2025, 2, 3)


def test_search_is_accent_and_case_insensitive_and_ranks_exact_code_first(
    services: Services,
) -> None:
    jose = add(services, "José", "García")
    add(services, "Zoë", "Nguyễn")
    add(services, "Alex", "Rivera")

    assert column(make_model(services, "jose"), M.COL_NAME) == ["García, José"]
    assert column(make_model(services, "ZOE"), M.COL_NAME) == ["Nguyễn, Zoë"]
    assert column(make_model(services, "nguyen"), M.COL_NAME) == ["Nguyễn, Zoë"]
    assert column(make_model(services, jose.code.lower()), M.COL_CODE)[0] == jose.code


def test_archived_members_listed_only_when_asked(services: Services) -> None:
    gone = add(services, "Sam", "Archer")
    add(services, "Kim", "Baker")
    services.members.archive(gone.id, "Moved away")
    model = make_model(services)

    assert column(model, M.COL_NAME) == ["Baker, Kim"]
    model.set_include_archived(True)
    assert column(model, M.COL_NAME) == ["Archer, Sam", "Baker, Kim"]
    assert model.index(0, M.COL_STATUS).data() == "Archived"
    assert model.total == 2
