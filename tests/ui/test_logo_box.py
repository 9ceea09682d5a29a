"""Admin → Settings → Logo: choose a picture, see it, remove it; a non-picture is refused."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from recoverydesk.services.container import Services
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.widgets.logo_box import NO_LOGO, LogoBox


def test_choose_shows_and_saves_the_logo_then_remove(
    qtbot, services: Services, events: AppEvents, tmp_path: Path, dialogs
) -> None:
    picture = tmp_path / "logo.png"
    buffer = io.BytesIO()
    Image.new("RGB", (300, 100), (20, 90, 160)).save(buffer, format="PNG")
    picture.write_bytes(buffer.getvalue())
    box = LogoBox(services, events)
    qtbot.addWidget(box)
    assert box.preview.text() == NO_LOGO and not box.remove_button.isEnabled()

    box.ask_path = lambda: picture  # type: ignore[method-assign]
    with qtbot.waitSignal(events.settings_changed):
        assert box.choose()
    assert services.settings.logo() == picture.read_bytes()
    assert box.preview.pixmap().height() == 48 and box.remove_button.isEnabled()

    assert box.remove()
    assert services.settings.logo() is None and box.preview.text() == NO_LOGO


def test_a_file_that_is_not_a_picture_is_refused_plainly(
    qtbot, services: Services, events: AppEvents, tmp_path: Path, dialogs
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a picture")
    box = LogoBox(services, events)
    qtbot.addWidget(box)
    box.ask_path = lambda: notes  # type: ignore[method-assign]
    assert not box.choose()
    assert services.settings.logo() is None
    assert any("PNG or JPEG" in text for _kind, _title, text in dialogs)
