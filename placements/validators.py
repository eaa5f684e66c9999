"""Checks on what people type, shared by the models and forms of placements: each refuses with a Dutch message,
never drops a character silently."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

# A house-number addition as the BAG writes it: "A", "2", "bis", "3-hoog". No spaces, punctuation or line
# breaks, which would end up in letters and CSV exports (a leading "@" or "=" is a formula in a spreadsheet).
HOUSE_NUMBER_ADDITION = r"^[A-Za-z0-9-]*\Z"
validate_house_number_addition = RegexValidator(
    HOUSE_NUMBER_ADDITION,
    _("Een toevoeging bestaat alleen uit letters, cijfers en '-', zoals A, 2 of 3-hoog."),
    code="house_number_addition",
)

# NUL (which PostgreSQL cannot store) and the other control characters; a note of several lines keeps its
# tabs and line breaks.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_OR_LINE_BREAK = re.compile(r"[\x00-\x1f\x7f]")


def refuse_control_characters(value: str) -> None:
    """For a text of several lines (a note, a reason): tab and line breaks allowed, other control characters not."""
    if CONTROL_CHARACTERS.search(value):
        raise ValidationError(
            _("De tekst bevat een onzichtbaar stuurteken (bijvoorbeeld een nul-teken); haal het weg."),
            code="control_character",
        )


def refuse_control_characters_in_line(value: str) -> None:
    """For a text of one line (a street, a place): no control characters at all, no line breaks either."""
    if _CONTROL_OR_LINE_BREAK.search(value):
        raise ValidationError(
            _("Dit veld is één regel tekst, zonder regeleinden of onzichtbare stuurtekens."),
            code="control_character",
        )
