"""The columns of an import file and how a cell becomes what the record's form expects: the column names in
Dutch, what each means (the template's explanation sheet), and the checks on the file's header (unknown,
missing, doubled, or a column that looks like a name, BSN or date of birth)."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Column:
    header: "StrOrPromise"  # as in the template and the error messages ("Postcode")
    field: str  # the form field it fills
    explanation: "StrOrPromise"
    example: str
    required: bool = False
    aliases: tuple[str, ...] = ()

    def names(self) -> set[str]:
        """The header in every language of the site (a file made from the Dutch template reads the same for a
        reader of the English pages, and the other way round), and its aliases."""
        return {normalise_header(text) for text in in_every_language(self.header)} | {
            normalise_header(alias) for alias in self.aliases
        }


def in_every_language(text: "StrOrPromise") -> set[str]:
    """A translatable text as each language of the site (settings.LANGUAGES) has it."""
    found = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            found.add(str(text))
    return found


def normalise_header(text: str) -> str:
    """'Postcode *', ' postcode', 'POSTCODE' → 'postcode'; what a header is compared by."""
    return re.sub(r"[\s*]+", " ", text.replace("\ufeff", "")).strip().lower()


# A column with one of these words in its name holds what Weer Thuis never stores (DESIGN.md: no name, BSN or date
# of birth). Refused with the file, before any cell is read.
PERSONAL = re.compile(
    r"\b(naam|voornaam|achternaam|voorletters|tussenvoegsel|roepnaam|name|bsn|burgerservicenummer|sofi|"
    r"geboortedatum|geboren|geb\.? ?datum|date of birth|birth ?date|dob|leeftijd)\b"
)


def looks_personal(header: str) -> bool:
    text = normalise_header(header)
    return bool(PERSONAL.search(text)) or text in {"bsn", "naam", "geboortedatum"}


@dataclass
class HeaderCheck:
    positions: dict[str, int]  # form field → index of its column
    errors: list[str]


def check_header(header: list[str], columns: Iterable[Column], *, required: set[str]) -> HeaderCheck:
    """Match the file's header to `columns`; `required` are the form fields whose column must be there (on top of
    each column's own `required`). Every problem is one Dutch message."""
    columns = list(columns)
    by_name = {name: column for column in columns for name in column.names()}
    positions: dict[str, int] = {}
    errors = []
    for index, text in enumerate(header):
        if not text.strip():
            continue
        if looks_personal(text):
            errors.append(
                _(
                    "Kolom '%(column)s' lijkt een naam, BSN of geboortedatum te bevatten. Weer Thuis bewaart die "
                    "niet: haal de kolom uit het bestand."
                )
                % {"column": text}
            )
            continue
        column = by_name.get(normalise_header(text))
        if column is None:
            errors.append(_("Onbekende kolom '%(column)s'. Gebruik de kolomnamen van het sjabloon.") % {"column": text})
        elif column.field in positions:
            errors.append(_("Kolom '%(column)s' staat twee keer in het bestand.") % {"column": column.header})
        else:
            positions[column.field] = index
    for column in columns:
        if (column.required or column.field in required) and column.field not in positions:
            errors.append(_("De kolom '%(column)s' ontbreekt.") % {"column": column.header})
    return HeaderCheck(positions=positions, errors=errors)


class CellError(Exception):
    """A cell's text is not what its column expects; the message says what is wrong, in Dutch."""


TRUE = {"ja", "j", "yes", "y", "waar", "true", "1", "x"}
FALSE = {"nee", "n", "no", "onwaar", "false", "0", ""}


def boolean(value: str) -> str:
    """'ja'/'nee' (and the like) as a checkbox sends it: 'on' or ''."""
    text = value.strip().lower()
    if text in TRUE:
        return "on"
    if text in FALSE:
        return ""
    raise CellError(_("'%(value)s' is geen ja of nee.") % {"value": value})


def choice(value: str, choices: Iterable[tuple[str, Any]]) -> str:
    """A choice by its label (in any language of the site) or its code, in any case; empty stays empty (the form
    says if it is needed)."""
    text = value.strip().lower()
    if not text:
        return ""
    choices = list(choices)
    for code, label in choices:
        if text == str(code).lower() or text in {name.lower() for name in in_every_language(label)}:
            return str(code)
    raise CellError(
        _("'%(value)s' is geen geldige keuze; kies uit: %(options)s.")
        % {"value": value, "options": ", ".join(str(label) for _code, label in choices)}
    )


def choices(value: str, options: Iterable[tuple[str, Any]]) -> list[str]:
    """Several choices separated by ',' or ';'."""
    options = list(options)
    return [choice(part, options) for part in re.split(r"[,;]", value) if part.strip()]


AMOUNT = re.compile(r"^(?:€\s*)?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$")


def amount(value: str) -> str:
    """A Dutch amount ('€ 725,50', '1.025', '725.50') as the form's decimal field reads it ('725.50')."""
    text = value.strip()
    match = AMOUNT.match(text)
    if match:  # Dutch: '.' groups thousands, ',' separates the cents
        return match.group(1).replace(".", "") + ("." + match.group(2) if match.group(2) else "")
    return text.removeprefix("€").strip()  # '725.50' as a spreadsheet writes it; the form judges the rest


FORMULA_MESSAGE = gettext_lazy(
    "deze cel bevat een formule; Weer Thuis rekent formules niet uit. Zet de waarde zelf in de cel."
)
