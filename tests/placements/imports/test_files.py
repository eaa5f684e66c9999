"""Reading the files a region has: CSV with ; or , in UTF-8 (with or without BOM) or Windows-1252, and XLSX, where
a formula is never evaluated; and the file's limits and columns."""

import io
import zipfile

import pytest
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import Workbook, load_workbook

from placements.imports import reading, services
from placements.imports.reading import FileRefused, read_table
from placements.models import Dwelling, ImportBatch
from tests.placements.imports.conftest import HOME_HEADER, csv_bytes, home_row


def xlsx_bytes(rows: list[list[object]], header: list[str] = HOME_HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("sep", "encoding", "bom"),
    [(";", "utf-8", False), (",", "utf-8", False), (";", "utf-8", True), (";", "cp1252", False)],
)
def test_csv_in_each_encoding_and_separator_reads_the_same(users, neighbourhood, imported, sep, encoding, bom):
    data = csv_bytes([home_row(1, Straat="Überweg", Plaats="Zaandijk é")], sep=sep, encoding=encoding)
    batch = imported(users["corporation_a"], (b"\xef\xbb\xbf" if bom else b"") + data)
    assert batch.status == ImportBatch.Status.DONE, batch.error
    assert Dwelling.objects.get().street == "Überweg"
    assert Dwelling.objects.get().place == "Zaandijk é"


def test_a_file_reads_the_same_whatever_language_its_header_or_the_reader_uses(users, neighbourhood, imported):
    """The Dutch template under the English pages, and a file made from the English template under the Dutch ones
    (headers and choice labels in either language)."""
    with translation.override("en"):
        english = [gettext(name) for name in HOME_HEADER]
        dutch_file = imported(users["corporation_a"], csv_bytes([home_row(1)]))
    assert english[2:4] == ["Street", "House number"]  # the English catalogue is there
    row = home_row(2, Soort_woning="Independent home", Gelijkvloers="no")
    english_file = imported(users["corporation_a"], csv_bytes([row], header=english))
    assert (dutch_file.status, english_file.status) == (ImportBatch.Status.DONE, ImportBatch.Status.DONE)
    assert sorted(Dwelling.objects.values_list("house_number", "kind")) == [(1, "independent"), (2, "independent")]


def test_xlsx_with_real_numbers_and_dates_is_read(users, neighbourhood, imported):
    from datetime import datetime

    row = home_row(1)
    row[HOME_HEADER.index("Huisnummer")] = 1
    row[HOME_HEADER.index("Kale huur per maand")] = 725.5
    row[HOME_HEADER.index("Gereserveerd op")] = datetime(2026, 1, 15)  # noqa: DTZ001 - a spreadsheet's date
    batch = imported(users["corporation_a"], xlsx_bytes([row]), name="woningen.xlsx")
    assert batch.status == ImportBatch.Status.DONE, (batch.error, batch.outcomes)
    home = Dwelling.objects.get()
    assert (home.rent_cents, home.reserved_on.isoformat()) == (72550, "2026-01-15")


def test_a_formula_in_xlsx_is_refused_and_never_evaluated(users, neighbourhood, checked):
    row = home_row(1)
    row[HOME_HEADER.index("Kamers")] = "=1+1"
    batch = checked(users["corporation_a"], xlsx_bytes([row]), name="woningen.xlsx")
    assert batch.outcomes[0]["errors"][0]["column"] == "Kamers"
    assert "formule" in batch.outcomes[0]["errors"][0]["message"]
    assert batch.rows[0][1 + HOME_HEADER.index("Kamers")] == "=1+1"  # stored as typed, not as 2


@pytest.mark.parametrize("column", ["Naam", "Achternaam cliënt", "BSN", "Geboortedatum", "geb. datum"])
def test_a_column_that_looks_like_a_name_bsn_or_birth_date_refuses_the_file_before_it_is_stored(
    users, neighbourhood, column
):
    header = [*HOME_HEADER, column]
    with pytest.raises(FileRefused) as refused:
        services.create_batch(
            kind="dwellings", file_name="w.csv", data=csv_bytes([[*home_row(1), "Jan Jansen"]], header=header),
            by=users["corporation_a"],
        )  # fmt: skip
    assert str(refused.value) == (
        f"Kolom '{column}' lijkt een naam, BSN of geboortedatum te bevatten. Weer Thuis bewaart die niet: haal de "
        "kolom uit het bestand."
    )
    assert not ImportBatch.objects.exists()  # not a cell of it kept


def test_unknown_and_missing_columns_are_named_at_the_upload(users, neighbourhood):
    header = [h for h in HOME_HEADER if h != "Postcode"] + ["Kleur"]
    rows = [[c for h, c in zip(HOME_HEADER, home_row(1), strict=True) if h != "Postcode"] + ["rood"]]
    with pytest.raises(FileRefused) as refused:
        services.create_batch(
            kind="dwellings", file_name="w.csv", data=csv_bytes(rows, header=header), by=users["corporation_a"]
        )
    assert str(refused.value) == (
        "Onbekende kolom 'Kleur'. Gebruik de kolomnamen van het sjabloon. De kolom 'Postcode' ontbreekt."
    )
    assert not ImportBatch.objects.exists()


def test_too_many_rows_is_refused(monkeypatch):
    monkeypatch.setattr(reading, "MAX_ROWS", 3)
    with pytest.raises(FileRefused, match="hoogstens 3 rijen"):
        read_table(name="a.csv", data=csv_bytes([home_row(n) for n in range(1, 5)]))


def test_too_large_a_file_and_another_kind_of_file_are_refused():
    with pytest.raises(FileRefused, match="groter dan 5 MB"):
        read_table(name="a.csv", data=b"x" * (reading.MAX_FILE_BYTES + 1))
    with pytest.raises(FileRefused, match="CSV-bestand"):
        read_table(name="a.pdf", data=b"%PDF-1.4")
    with pytest.raises(FileRefused, match="niet te openen"):
        read_table(name="a.xlsx", data=b"PK\x03\x04 broken")


def test_the_template_has_the_columns_an_example_row_and_an_explanation(client, users, neighbourhood):
    client.force_login(users["corporation_a"])
    response = client.get("/import/sjabloon/dwellings/")
    workbook = load_workbook(io.BytesIO(response.content))
    data, notes = workbook.worksheets
    assert [c.value for c in data[1]][:3] == ["Corporatie", "Wijk of buurt", "Straat"]
    assert data[2][2].value == "Kerkbuurt"
    assert notes["A5"].value == "Corporatie" and "Naam van de woningcorporatie" in notes["C5"].value
    assert read_table(name="sjabloon.xlsx", data=response.content).header[:2] == ["Corporatie", "Wijk of buurt"]


def test_the_clients_template_asks_for_the_file_reference_and_no_name(client, users):
    client.force_login(users["care_worker_c"])
    workbook = load_workbook(io.BytesIO(client.get("/import/sjabloon/cases/").content))
    header = [c.value for c in workbook.worksheets[0][1]]
    assert header[0] == "Dossiernummer"
    assert not any(word in " ".join(header).lower() for word in ("naam", "bsn", "geboorte"))


def test_a_small_xlsx_that_unpacks_to_a_huge_sheet_is_refused_before_it_is_read():
    """An attacker's 1.5 kB file with one cell at XFD15000 took a worker to 3.7 GB; a 52 kB one held a 50 MB
    string. Both are refused from what the file claims, quickly and with a message."""
    workbook = Workbook()
    workbook.active.append(HOME_HEADER)
    workbook.active["XFD15000"] = "x"
    far = io.BytesIO()
    workbook.save(far)
    with pytest.raises(FileRefused, match="meer dan 10000 rijen"):
        read_table(name="ver.xlsx", data=far.getvalue())
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b"a" * (reading.MAX_UNPACKED_BYTES + 1))
    with pytest.raises(FileRefused, match="uitgepakt te groot"):
        read_table(name="bom.xlsx", data=bomb.getvalue())
    with pytest.raises(FileRefused, match="niet te openen"):
        read_table(name="kapot.xlsx", data=b"PK\x03\x04" + b"\x00" * 100)


def test_utf16_csv_is_read_and_control_characters_or_huge_cells_are_refused(users, neighbourhood, imported):
    text = "\n".join(";".join(line) for line in [HOME_HEADER, home_row(1)])
    batch = imported(users["corporation_a"], text.encode("utf-16"))  # Excel's "Unicode-tekst", with its BOM
    assert batch.status == ImportBatch.Status.DONE, batch.error
    with pytest.raises(FileRefused, match="Rij 2 bevat een stuurteken"):  # a NUL; others are the cell's error
        read_table(name="w.csv", data=csv_bytes([home_row(2, Straat="Kerk\x00buurt")]))
    with pytest.raises(FileRefused, match="Rij 2 heeft een cel van meer dan 2000 tekens"):
        read_table(name="w.csv", data=csv_bytes([home_row(2, Straat="k" * 2001)]))
