"""Site settings validation."""

from recoverydesk.domain.settings import SiteSettings, validate_settings


def test_defaults_are_valid() -> None:
    assert validate_settings(SiteSettings()) == []


def test_each_bad_field_is_named() -> None:
    bad = SiteSettings(centre_name=" ", time_zone="Mars/Olympus", email="nope", phone="x")
    fields = {e.field for e in validate_settings(bad)}
    assert fields == {"centre_name", "time_zone", "email", "phone"}


def test_time_zone_folder_or_garbage_is_refused_not_a_crash() -> None:
    for name in ("Europe", "America/", "../etc/passwd", "", " UTC"):
        fields = {e.field for e in validate_settings(SiteSettings(time_zone=name))}
        assert fields == {"time_zone"}, name
