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


# The care provider's own file reference of a client (dossiernummer): the import's key to find the client again.
# Letters, digits and . _ / - only: no spaces, so no name fits in it by accident.
PROVIDER_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}\Z")


def looks_like_bsn(value: str) -> bool:
    """Nine digits (or eight, written without the leading zero) that pass the eleven test of a BSN."""
    digits = value.strip()
    if not digits.isdigit() or len(digits) not in (8, 9):
        return False
    digits = digits.zfill(9)
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


# Digits as a BSN is written in files: 123456782, 1234.56.782, 123-456-782, BSN123456782.
DIGIT_GROUPS = re.compile(r"\d[\d.\- ]{6,12}\d|\d+")
# A whole date, as a date of birth would be written (2026-01-15, 15-01-2026, 15.01.2026).
WHOLE_DATE = re.compile(r"(?<!\d)(\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4})(?!\d)")


def holds_a_bsn(value: str) -> bool:
    """Whether any group of digits in `value` (separators within it left out) passes as a BSN."""
    groups = [*DIGIT_GROUPS.findall(value), *re.findall(r"\d+", value)]
    return any(looks_like_bsn(re.sub(r"\D", "", group)) for group in groups)


def validate_provider_reference(value: str) -> None:
    """A provider's file reference: at most 40 letters, digits or . _ / -, and never something that is a BSN."""
    if not PROVIDER_REFERENCE.match(value):
        raise ValidationError(
            _("Een dossiernummer bestaat uit hoogstens 40 letters, cijfers en . _ / -, zonder spaties."),
            code="provider_reference",
        )
    if holds_a_bsn(value):
        raise ValidationError(
            _("Dit lijkt een BSN. Gebruik uw eigen dossiernummer; een BSN wordt hier niet bewaard."),
            code="provider_reference_bsn",
        )
    if WHOLE_DATE.search(value):
        raise ValidationError(
            _("Een dossiernummer bevat geen datum: het lijkt dan op een geboortedatum, die hier niet wordt bewaard."),
            code="provider_reference_date",
        )
