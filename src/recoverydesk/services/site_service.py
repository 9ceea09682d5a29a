"""The common base of the services of peer work and plans.

``SiteService`` holds what each of them is built from: the database, the clock, the
site's settings and the signed-in person's access.
"""

from __future__ import annotations

from recoverydesk.db.session import Database
from recoverydesk.domain.clock import Clock
from recoverydesk.services.access import Access
from recoverydesk.services.settings import SettingsService


class SiteService:
    """A service that reads the site's settings and acts as the signed-in person.

    Peers, assignments, contacts, plans and BARC-10 all take the same four parts.
    """

    def __init__(
        self, db: Database, clock: Clock, settings: SettingsService, access: Access
    ) -> None:
        self._db = db
        self._clock = clock
        self._settings = settings
        self._access = access
