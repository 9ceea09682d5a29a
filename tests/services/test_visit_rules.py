"""Visit rules: saved for every desk; blank, over-long and repeated purposes refused."""

import pytest

from recoverydesk.domain.errors import ValidationError
from recoverydesk.domain.visits import DEFAULT_PURPOSES, VisitRules
from recoverydesk.services.container import Services


def test_defaults_then_saved_rules(services: Services) -> None:
    assert services.visit_rules.get() == VisitRules(True, 3, DEFAULT_PURPOSES)
    saved = services.visit_rules.save(VisitRules(False, 0, (" Café ", "Group")))
    assert saved == services.visit_rules.get() == VisitRules(False, 0, ("Café", "Group"))


@pytest.mark.parametrize(
    ("purposes", "message"),
    [
        ((), "At least one visit purpose is needed"),
        (("Meal", "  "), "Purpose 2 is blank"),
        (("x" * 41,), "Purpose 1 is longer than 40 characters"),
        (("Meal", "Café", "MEAL"), "“MEAL” is in the list twice (purposes 1 and 3)"),
        (("Cafe", "café"), "“café” is in the list twice (purposes 1 and 2)"),
    ],
)
def test_bad_purposes_are_refused_and_nothing_saved(services: Services, purposes, message) -> None:
    with pytest.raises(ValidationError) as caught:
        services.visit_rules.save(VisitRules(True, 3, purposes))
    assert caught.value.for_field("purposes") == message
    assert services.visit_rules.get().purposes == DEFAULT_PURPOSES


def test_guest_limit_range(services: Services) -> None:
    with pytest.raises(ValidationError, match="0 to 100"):
        services.visit_rules.save(VisitRules(True, 101, DEFAULT_PURPOSES))
