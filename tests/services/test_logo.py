"""The centre's logo: stored once for every desk, printed in handout headers, never on cards."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from recoverydesk.domain.accounts import Actor, PermissionDeniedError, Role
from recoverydesk.domain.errors import ValidationError
from recoverydesk.domain.members import MemberDraft
from recoverydesk.domain.settings import LOGO_MAX_BYTES
from recoverydesk.services.container import Services


def png(width: int = 240, height: int = 80) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (20, 90, 160)).save(out, format="PNG")
    return out.getvalue()


def images_on_first_page(pdf: Path) -> int:
    resources = PdfReader(pdf).pages[0]["/Resources"]
    xobjects = resources.get("/XObject") if resources else None
    return len(xobjects) if xobjects else 0


def test_the_logo_is_kept_printed_on_sheets_and_removed(services: Services, tmp_path: Path):
    assert services.settings.logo() is None
    logo = png()
    services.settings.save_logo(logo)
    assert services.settings.logo() == logo
    member = services.members.create(MemberDraft("Aroha", "Ngata"))
    services.visits.check_in(member.id)
    services.settings.save(services.settings.get().replace(centre_name="Harbour Light"))
    sheet = services.handouts.signin_sheet(None, tmp_path / "sheet.pdf")
    assert images_on_first_page(sheet) == 1
    card = services.handouts.member_card(member.code, tmp_path / "card.pdf")
    assert images_on_first_page(card) == 0  # a card names the centre only, no picture

    services.settings.save_logo(None)
    assert services.settings.logo() is None
    again = services.handouts.signin_sheet(None, tmp_path / "sheet2.pdf")
    assert images_on_first_page(again) == 0


def test_not_a_picture_or_too_large_is_refused_by_name(services: Services) -> None:
    with pytest.raises(ValidationError, match="PNG or JPEG") as refused:
        services.settings.save_logo(b"GIF89a not ours")
    assert refused.value.for_field("logo")
    with pytest.raises(ValidationError, match="too large"):
        services.settings.save_logo(b"\x89PNG\r\n\x1a\n" + b"0" * LOGO_MAX_BYTES)
    assert services.settings.logo() is None


def test_only_settings_managers_set_the_logo(services: Services) -> None:
    services.access.act_as(Actor("desk1", "Desk One", Role.FRONT_DESK, user_id=1))
    with pytest.raises(PermissionDeniedError):
        services.settings.save_logo(png())
    assert services.settings.logo() is None
