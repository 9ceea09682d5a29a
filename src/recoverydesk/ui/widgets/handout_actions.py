"""Make a handout PDF in this run's temp folder and show it in a ``HandoutPreview``.

The panes call ``preview_member_card``, ``preview_signin_sheet`` (and, for a plan,
``plan_print.preview_plan``, through ``preview_handout``); a refused handout
(the centre still has its placeholder name, an archived member, an unwritable temp
folder) goes to the pane's own ``on_error`` in plain words, and no preview opens.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from recoverydesk.domain.errors import RecoveryDeskError
from recoverydesk.domain.handouts import HandoutError
from recoverydesk.services.handouts import HandoutService
from recoverydesk.ui.printing import HandoutPreview, TempHandouts, session_temps

ErrorHandler = Callable[[RecoveryDeskError], None]


def preview_member_card(
    parent: QWidget,
    handouts: HandoutService,
    code: str,
    on_error: ErrorHandler,
    temps: TempHandouts | None = None,
) -> HandoutPreview | None:
    """The wallet card of the member with ``code``, in a preview; None if refused."""
    return preview_handout(
        parent,
        lambda out: handouts.member_card(code, out),
        ("card", "Member card", f"Member card {code}.pdf"),
        on_error,
        temps,
    )


def preview_signin_sheet(
    parent: QWidget,
    handouts: HandoutService,
    on_error: ErrorHandler,
    temps: TempHandouts | None = None,
) -> HandoutPreview | None:
    """Today's sign-in sheet, in a preview; None if it could not be made."""
    today = handouts.site().printed_on
    return preview_handout(
        parent,
        lambda out: handouts.signin_sheet(None, out),
        ("sign-in", "Sign-in sheet", f"Sign-in sheet {today}.pdf"),
        on_error,
        temps,
    )


def preview_handout(
    parent: QWidget,
    make: Callable[[Path], Path],
    names: tuple[str, str, str],
    on_error: ErrorHandler,
    temps: TempHandouts | None,
    what: str = "handout",
) -> HandoutPreview | None:
    """``make(path)`` a PDF in the temp folder and open it in a preview; None if refused.

    ``names``: the temp file's stem, the preview's title and the file name it saves as;
    ``what`` names the file in the message when the temp folder cannot be written.
    """
    stem, title, file_name = names
    try:
        pdf = make((temps or session_temps()).new_path(stem))
        preview = HandoutPreview(pdf, title, file_name, parent)
    except RecoveryDeskError as error:
        on_error(error)
        return None
    except OSError as error:  # the temp folder itself could not be made
        on_error(HandoutError(f"Could not make the {what} file: {error.strerror}."))
        return None
    preview.open()
    return preview
