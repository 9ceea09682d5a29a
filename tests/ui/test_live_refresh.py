"""Live refresh: a check-in at another desk shows here within 2 s; a lost server is said."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from tests.pg import PostgresCluster

from recoverydesk.domain.clock import FixedClock
from recoverydesk.domain.errors import DatabaseUnavailableError
from recoverydesk.domain.members import MemberDraft
from recoverydesk.services.changes import Changes
from recoverydesk.services.container import Services, open_services
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.live_refresh import LOST_MESSAGE, LiveRefresh
from recoverydesk.ui.panes.front_desk_pane import FrontDeskPane


def test_a_check_in_at_another_desk_appears_without_touching_anything(
    qtbot,
    desk_pane: FrontDeskPane,
    services: Services,
    events: AppEvents,
    db_path: Path,
    clock: FixedClock,
) -> None:
    live = LiveRefresh(services.changes.poll, events, interval_ms=200)
    live.start()
    qtbot.keyClicks(desk_pane.search, "Mar")  # someone is typing at this desk
    other_desk = open_services(db_path, clock=clock)
    try:
        member = other_desk.members.create(MemberDraft("Mariam", "Yousef"))
        other_desk.visits.check_in(member.id)
    finally:
        other_desk.close()
    qtbot.waitUntil(lambda: desk_pane.count_label.text() == "In the building: 1", timeout=2000)
    building = desk_pane.in_building.model
    assert building.index(0, building.COL_NAME).data() == "Mariam Yousef"
    assert desk_pane.search.text() == "Mar" and desk_pane.search.hasFocus()
    live.stop()


def test_a_lost_server_is_said_once_and_its_return_too(qtbot) -> None:
    answers: list[object] = [DatabaseUnavailableError("gone"), DatabaseUnavailableError("gone")]

    def poll() -> Changes:
        answer = answers.pop(0) if answers else Changes()
        if isinstance(answer, Exception):
            raise answer
        return answer

    live = LiveRefresh(poll, AppEvents(), interval_ms=50)
    lost: list[str] = []
    back: list[bool] = []
    live.connection_lost.connect(lost.append)
    live.connection_back.connect(lambda: back.append(True))
    live.start()
    qtbot.waitUntil(lambda: back == [True], timeout=2000)
    live.stop()
    QApplication.processEvents()
    assert lost == [LOST_MESSAGE]
    assert "keeps trying" in LOST_MESSAGE and "What you type stays" in LOST_MESSAGE


def test_on_postgresql_a_check_in_at_another_station_shows_within_two_seconds(
    qtbot, pg_cluster: PostgresCluster, clock: FixedClock
) -> None:
    url = pg_cluster.url(pg_cluster.new_database())
    back_office, front_door = open_services(url, clock=clock), open_services(url, clock=clock)
    events = AppEvents()
    try:
        pane = FrontDeskPane(back_office, events)
        qtbot.addWidget(pane)
        live = LiveRefresh(back_office.changes.poll, events, interval_ms=200)
        live.start()
        member = front_door.members.create(MemberDraft("Sione", "Tupou"))
        front_door.visits.check_in(member.id)
        qtbot.waitUntil(lambda: pane.count_label.text() == "In the building: 1", timeout=2000)
        live.stop()
    finally:
        front_door.close()
        back_office.close()
