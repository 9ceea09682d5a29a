"""The server goes away mid-session: plain refusals, nothing half-done, and a safe retry."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator

import pytest
from tests.pg import PostgresCluster, start_cluster

from recoverydesk.domain.clock import FixedClock
from recoverydesk.domain.errors import DatabaseUnavailableError
from recoverydesk.domain.members import MemberDraft
from recoverydesk.services.container import Services, open_services

pytestmark = pytest.mark.sqlite_only  # about PostgreSQL itself: one run

NOW = dt.datetime(2026, 3, 10, 15, 0, tzinfo=dt.UTC)


@pytest.fixture
def own_cluster() -> Iterator[PostgresCluster]:
    """A cluster of this test's own, so stopping it disturbs no other test."""
    cluster = start_cluster()
    try:
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(cluster.folder, ignore_errors=True)


@pytest.fixture
def desk(own_cluster: PostgresCluster) -> Iterator[Services]:
    services = open_services(
        own_cluster.url(own_cluster.new_database()), clock=FixedClock(moment=NOW)
    )
    yield services
    services.close()


def test_a_lost_server_is_plain_and_the_desk_carries_on_when_it_is_back(
    desk: Services, own_cluster: PostgresCluster
) -> None:
    member = desk.members.create(MemberDraft("Tomás", "Ruiz"))
    desk.changes.poll()

    own_cluster.stop()  # the server PC is switched off
    with pytest.raises(DatabaseUnavailableError) as refused:
        desk.visits.check_in(member.id)
    assert "\n" not in str(refused.value) and "Traceback" not in str(refused.value)
    with pytest.raises(DatabaseUnavailableError):
        desk.changes.poll()  # live refresh says "cannot reach the database"

    own_cluster.start()  # back: the same services reconnect by themselves
    retried = desk.visits.check_in(member.id)
    assert retried.created
    assert not desk.visits.check_in(member.id).created  # a second retry records nothing
    assert desk.visits.day_counts().visits == 1
    assert not desk.changes.poll()
