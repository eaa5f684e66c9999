"""Fixtures of the import tests: files as a region would upload them, and a helper that uploads and checks one."""

import csv
import io

import pytest

from placements.imports import services
from placements.models import ImportBatch

HOME_HEADER = [
    "Corporatie", "Wijk of buurt", "Straat", "Huisnummer", "Toevoeging", "Postcode", "Plaats", "Soort woning",
    "Kamers", "Kale huur per maand", "Gelijkvloers", "Reserveerd op", "Beschikbaar vanaf",
]  # fmt: skip
HOME_HEADER[11] = "Gereserveerd op"


def home_row(number: int = 1, **changes: str) -> list[str]:
    row = {
        "Corporatie": "Corporatie A", "Wijk of buurt": "WK047901", "Straat": "Kerkbuurt", "Huisnummer": str(number),
        "Toevoeging": "", "Postcode": "1551 AB", "Plaats": "Westzaan", "Soort woning": "Zelfstandige woning",
        "Kamers": "2", "Kale huur per maand": "725,50", "Gelijkvloers": "nee", "Gereserveerd op": "15-01-2026",
        "Beschikbaar vanaf": "01-03-2026",
    }  # fmt: skip
    row.update({k.replace("_", " "): v for k, v in changes.items()})
    return [row[h] for h in HOME_HEADER]


def csv_bytes(
    rows: list[list[str]], *, header: list[str] = HOME_HEADER, sep: str = ";", encoding: str = "utf-8"
) -> bytes:
    """The rows as a spreadsheet saves them as CSV (a cell with the separator in it between quotes)."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=sep).writerows([header, *rows])
    return buffer.getvalue().encode(encoding)


@pytest.fixture
def checked():
    """Upload `data` as `user` and check it (the task, called directly): the batch with its preview."""

    def make(user, data: bytes, *, kind: str = ImportBatch.Kind.DWELLINGS, name: str = "woningen.csv") -> ImportBatch:
        batch = services.create_batch(kind=kind, file_name=name, data=data, by=user)
        return services.check_batch(batch_id=batch.pk)

    return make


@pytest.fixture
def imported(checked):
    """Upload, check, confirm and import as `user`: the finished batch."""

    def make(user, data: bytes, **kwargs) -> ImportBatch:
        batch = checked(user, data, **kwargs)
        assert services.confirm_batch(batch_id=batch.pk, by=user), (batch.file_errors, batch.outcomes[:3])
        return services.import_batch(batch_id=batch.pk)

    return make
