"""SettingsService: shared site settings saved and read back; bad values refused."""

import pytest

from recoverydesk.domain.errors import ValidationError
from recoverydesk.domain.settings import PaperSize, SiteSettings
from recoverydesk.services.container import Services, open_services


def test_defaults_before_anything_is_saved(services: Services) -> None:
    assert services.settings.get() == SiteSettings()


def test_saved_settings_are_seen_by_another_desk(services: Services, db_path) -> None:
    saved = services.settings.save(
        SiteSettings(
            centre_name="  Café Esperanza ",
            time_zone="America/New_York",
            paper_size=PaperSize.LETTER,
            crisis_numbers="988 Suicide & Crisis Lifeline\n",
        )
    )
    other_desk = open_services(db_path)
    try:
        assert other_desk.settings.get() == saved
        assert saved.centre_name == "Café Esperanza"
        assert other_desk.clock.time_zone == "America/New_York"
    finally:
        other_desk.close()


def test_invalid_settings_are_refused_whole(services: Services) -> None:
    with pytest.raises(ValidationError) as caught:
        services.settings.save(SiteSettings(centre_name="Ok", time_zone="Nowhere/Land"))
    assert "time zone" in caught.value.for_field("time_zone")
    assert services.settings.get() == SiteSettings()
