"""Enums whose values read as words once the dashes are spaces."""

from __future__ import annotations

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A string enum labelled from its value: "peer-supporter" reads "Peer supporter"."""

    @property
    def label(self) -> str:
        return self.value.replace("-", " ").capitalize()
