"""The Plans pane's models on a real SQLite file: paged, filtered, sorted, and valid models."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt

from recoverydesk.domain.barc10 import Barc10
from recoverydesk.domain.members import MemberDraft
from recoverydesk.domain.plan_kinds import StepOwner
from recoverydesk.domain.plans import ReviewInfo, Step, Support
from recoverydesk.services.container import Services
from recoverydesk.services.demo import generate_demo
from recoverydesk.ui.models.plan_history import Barc10HistoryModel, ReviewsModel
from recoverydesk.ui.models.plan_models import PlanListModel
from recoverydesk.ui.models.plan_rows import StepsModel, SupportsModel

M = PlanListModel
TODAY = dt.date(2026, 3, 10)


@pytest.fixture
def demo(services: Services) -> Services:
    generate_demo(services, 80, days=60, seed=2)
    return services


def all_rows(model: PlanListModel) -> list:
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    return [model.plan_row(r) for r in range(model.rowCount())]


def test_list_model_is_valid_while_paging_filtering_and_sorting(qtmodeltester, demo: Services):
    model = M(demo.plans, page_size=7)
    model.refresh()
    assert model.rowCount() == 7 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 14
    qtmodeltester.check(model)  # (it fetches further pages itself)
    # Qt's tester cannot watch a reset of a model that can fetch more: one model per query
    for column in range(M.COLUMN_COUNT):
        model = M(demo.plans, page_size=7)
        model.sort(column, Qt.SortOrder.DescendingOrder)
        qtmodeltester.check(model)
    model = M(demo.plans, page_size=7)
    model.set_filter(peer_id=None, attention_only=True, text="a")
    qtmodeltester.check(model)


def test_list_shows_every_plan_once_and_counts_them(demo: Services):
    model = M(demo.plans, page_size=10)
    model.refresh()
    rows = all_rows(model)
    expected = demo.plans.list_plans(limit=1000).rows
    assert [r.member_id for r in rows] == [r.member_id for r in expected]
    assert model.total == len(expected) > 10
    assert model.headerData(M.COL_REVIEW, Qt.Orientation.Horizontal) == "Review due"


def test_attention_filter_keeps_only_plans_that_need_attention(demo: Services):
    model = M(demo.plans)
    model.set_filter(peer_id=None, attention_only=True)
    rows = all_rows(model)
    assert rows and all(r.needs_attention for r in rows)
    assert all(model.index(i, 0).data(M.AttentionRole) for i in range(model.rowCount()))
    everyone = M(demo.plans)
    everyone.refresh()
    assert model.total < everyone.total


def test_peer_filter_lists_that_peers_caseload(demo: Services):
    peer_id = demo.peers.active_peers()[0][0]
    caseload = {r.member_id for r in demo.plans.list_plans(peer_id=peer_id, limit=1000).rows}
    model = M(demo.plans)
    model.set_filter(peer_id=peer_id, attention_only=False)
    assert {r.member_id for r in all_rows(model)} == caseload


def test_search_matches_names_without_accents_and_codes(demo: Services):
    model = M(demo.plans)
    model.refresh()
    target = all_rows(model)[5]
    model.set_filter(peer_id=None, attention_only=False, text=target.last_name.upper())
    assert target.member_id in [r.member_id for r in all_rows(model)]
    assert all(target.last_name.lower() in r.last_name.lower() for r in all_rows(model))
    model.set_filter(peer_id=None, attention_only=False, text=target.code.lower())
    assert [r.member_id for r in all_rows(model)] == [target.member_id]
    model.set_filter(peer_id=None, attention_only=False, text="zzzz nobody")
    assert model.rowCount() == 0 and model.total == 0


def test_overdue_and_threshold_are_said_in_words(demo: Services):
    model = M(demo.plans)
    model.refresh()
    rows = all_rows(model)
    overdue = next(i for i, r in enumerate(rows) if r.review_overdue)
    assert model.index(overdue, M.COL_REVIEW).data().endswith("· overdue")
    high = next(i for i, r in enumerate(rows) if (r.barc10_total or 0) >= 47)
    assert model.index(high, M.COL_BARC10).data().endswith("✓")
    due = next(i for i, r in enumerate(rows) if r.barc10_due)
    assert "due" in model.index(due, M.COL_BARC10_DUE).data()
    assert model.index(0, 0).data(M.IdRole) == rows[0].member_id


def test_sorting_by_review_due_runs_in_sql(demo: Services):
    model = M(demo.plans)
    model.refresh()
    model.sort(M.COL_REVIEW, Qt.SortOrder.AscendingOrder)
    dates = [r.review_due_on for r in all_rows(model) if r.review_due_on is not None]
    assert dates == sorted(dates)


def _barc(id_: int, day: dt.date, scores: tuple[int, ...]) -> Barc10:
    return Barc10(id=id_, member_id=1, taken_on=day, administered_by="Sam", scores=scores)


def test_history_model_is_newest_first_and_marks_47(qtmodeltester):
    model = Barc10HistoryModel()
    qtmodeltester.check(model)
    model.set_rows(
        [_barc(1, dt.date(2025, 1, 5), (3,) * 10), _barc(2, dt.date(2025, 9, 1), (5,) * 10)]
    )
    qtmodeltester.check(model)
    assert model.index(0, model.COL_DATE).data() == "2025-09-01"
    assert model.index(0, model.COL_TOTAL).data() == "50 ✓"
    assert model.index(1, model.COL_TOTAL).data() == "30"
    assert model.index(1, model.COL_ITEMS).data() == "3 3 3 3 3 3 3 3 3 3"


def test_reviews_model_is_newest_first(qtmodeltester):
    at = dt.datetime(2026, 1, 1, 12, tzinfo=dt.UTC)
    model = ReviewsModel()
    model.set_rows(
        [
            ReviewInfo(1, 1, at, at.date(), "Dee"),
            ReviewInfo(2, 1, at + dt.timedelta(days=30), dt.date(2026, 1, 31), "Sam"),
        ]
    )
    qtmodeltester.check(model)
    assert model.index(0, 0).data() == "2026-01-31"
    assert model.index(0, 1).data() == "Sam"


def test_steps_model_edits_flags_overdue_and_ticks_done_today(qtmodeltester):
    model = StepsModel(lambda: TODAY)
    model.set_steps([Step("Call the clinic", StepOwner.PEER, dt.date(2026, 3, 1), None, 7)])
    qtmodeltester.check(model)
    assert model.index(0, model.COL_DUE).data() == "2026-03-01 · overdue"
    assert model.index(0, model.COL_DUE).data(Qt.ItemDataRole.EditRole) == "2026-03-01"
    assert model.index(0, model.COL_OWNER).data() == "My peer"
    done = model.index(0, model.COL_DONE)
    assert model.setData(done, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.rows()[0].done == "2026-03-10"
    assert model.index(0, model.COL_DUE).data() == "2026-03-01"
    model.set_goal_open(False)
    assert model.overdue_count() == 0
    row = model.add_row()
    assert model.setData(model.index(row, model.COL_OWNER), "other")
    assert model.setData(model.index(row, model.COL_DUE), "soon")  # kept as typed
    assert model.rows()[row].owner is StepOwner.OTHER and model.rows()[row].due == "soon"
    qtmodeltester.check(model)
    model.remove_row(0)
    assert model.rowCount() == 1 and model.rows()[0].id is None


def test_supports_model_edits_and_keeps_ids(qtmodeltester):
    model = SupportsModel()
    model.set_supports([Support("Dana", "sister", "555 0100", 3)])
    qtmodeltester.check(model)
    model.add_row()
    model.setData(model.index(1, model.COL_NAME), "Trần Thị Hoa")
    qtmodeltester.check(model)
    assert model.supports() == (
        Support("Dana", "sister", "555 0100", 3),
        Support("Trần Thị Hoa", "", "", None),
    )


def test_list_model_reports_a_refusal_instead_of_raising(services: Services, qtbot):
    from recoverydesk.domain.accounts import Actor, Role

    services.members.create(MemberDraft("Alex", "Rivera"))
    services.access.act_as(Actor("desk", "Desk", Role.FRONT_DESK))
    model = M(services.plans)
    with qtbot.waitSignal(model.load_failed):
        model.refresh()
    assert model.rowCount() == 0
