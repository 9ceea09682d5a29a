"""SettingsService: shared site settings saved and read back; bad values refused."""

import pytest

from recoverydesk.domain.clock import detect_local_zone
from recoverydesk.domain.errors import ValidationError
from recoverydesk.domain.settings import PaperSize, SiteSettings
from recoverydesk.services.container import Services, open_services


def test_defaults_before_anything_is_saved(services: Services) -> None:
    assert services.settings.get() == SiteSettings(time_zone=detect_local_zone())


def test_time_zone_change_applies_at_once_here_and_soon_at_other_desks(
    services: Services, db_url
) -> None:
    other_desk = open_services(db_url)
    try:
        services.settings.save(SiteSettings(time_zone="Pacific/Pago_Pago"))
        assert services.clock.time_zone == "Pacific/Pago_Pago"
        other_desk.settings.sync_clock()
        assert other_desk.clock.time_zone == "Pacific/Pago_Pago"
    finally:
        other_desk.close()


def test_local_zone_detection(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("TZ", raising=False)
    zoneinfo_dir = tmp_path / "usr" / "share" / "zoneinfo" / "Europe"
    zoneinfo_dir.mkdir(parents=True)
    (zoneinfo_dir / "Dublin").write_text("x")
    link = tmp_path / "localtime"
    link.symlink_to(zoneinfo_dir / "Dublin")
    assert detect_local_zone(link) == "Europe/Dublin"
    monkeypatch.setenv("TZ", "America/Chicago")
    assert detect_local_zone(link) == "America/Chicago"
    monkeypatch.setenv("TZ", "Nowhere/Special")
    assert detect_local_zone(tmp_path / "missing") == "UTC"


def test_saved_settings_are_seen_by_another_desk(services: Services, db_url) -> None:
    saved = services.settings.save(
        SiteSettings(
            centre_name="  Café Esperanza ",
            time_zone="America/New_York",
            paper_size=PaperSize.LETTER,
            crisis_numbers="988 Suicide & Crisis Lifeline\n",
        )
    )
    other_desk = open_services(db_url)
    try:
        assert other_desk.settings.get() == saved
        assert saved.centre_name == "Café Esperanza"
        assert other_desk.clock.time_zone == "America/New_York"
    finally:
        other_desk.close()


def test_invalid_settings_are_refused_whole(services: Services) -> None:
    before = services.settings.get()
    with pytest.raises(ValidationError) as caught:
        services.settings.save(SiteSettings(centre_name="Ok", time_zone="Nowhere/Land"))
    assert "time zone" in caught.value.for_field("time_zone")
    assert services.settings.get() == before
