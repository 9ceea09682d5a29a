"""Site settings validation."""

from recoverydesk.domain.settings import SiteSettings, validate_settings


def test_defaults_are_valid() -> None:
    assert validate_settings(SiteSettings()) == []


def test_each_bad_field_is_named() -> None:
    bad = SiteSettings(centre_name=" ", time_zone="Mars/Olympus", email="nope", phone="x")
    fields = {e.field for e in validate_settings(bad)}
    assert fields == {"centre_name", "time_zone", "email", "phone"}
