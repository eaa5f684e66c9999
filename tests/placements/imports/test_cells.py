"""Every kind of error in a cell of a homes file: the row is refused with a Dutch message under its column, and
the message is what the home form says for the same input."""

import pytest

from placements.imports.checking import describe
from tests.factories import DwellingFactory
from tests.placements.imports.conftest import csv_bytes, home_row

CASES = [
    ({"Postcode": "1504AB1"}, "Postcode", "Vul een geldige postcode in"),
    ({"Huisnummer": "vier"}, "Huisnummer", "geheel getal"),
    ({"Huisnummer": "0"}, "Huisnummer", "Het huisnummer moet 1 of hoger zijn."),
    ({"Toevoeging": "a b"}, "Toevoeging", "Een toevoeging bestaat alleen uit"),
    ({"Straat": ""}, "Straat", "verplicht"),
    ({"Straat": "Kerk\x07buurt"}, "Straat", "stuurteken"),
    ({"Kale huur per maand": "50"}, "Kale huur per maand", "De huur moet minstens"),
    ({"Kale huur per maand": "veel"}, "Kale huur per maand", "getal"),
    ({"Kamers": "13"}, "Kamers", "Vul maximaal 12 kamers in."),
    ({"Soort woning": "Villa"}, "Soort woning", "'Villa' is geen geldige keuze"),
    ({"Gelijkvloers": "misschien"}, "Gelijkvloers", "'misschien' is geen ja of nee."),
    ({"Gereserveerd op": "31-02-2026"}, "Gereserveerd op", "geldige datum"),
    ({"Beschikbaar vanaf": "01-01-2026"}, "Beschikbaar vanaf", "niet vóór de reserveringsdatum"),
    ({"Wijk of buurt": "Nergenshuizen"}, "Wijk of buurt", "Onbekende wijk of buurt"),
    ({"Corporatie": "Corporatie B"}, "Corporatie", "geen corporatie waarvoor u woningen mag vastleggen"),
    ({"Kamers": "=1+1"}, "Kamers", "formule"),
]


@pytest.mark.parametrize(("changes", "column", "message"), CASES, ids=[c[1] + ":" + c[2][:20] for c in CASES])
def test_a_bad_cell_is_refused_with_its_column_and_a_dutch_message(
    users, neighbourhood, checked, changes, column, message
):
    batch = checked(users["corporation_a"], csv_bytes([home_row(1), home_row(2, **changes)]))
    first, second = batch.outcomes
    assert first["outcome"] == "new"
    assert second["outcome"] == "error"
    assert [e["column"] for e in second["errors"]] == [column], second["errors"]
    assert message in second["errors"][0]["message"]
    assert describe(second["errors"][0], second["row"]).startswith(f"rij 3, kolom {column}: ")
    assert not batch.may_confirm


def test_the_same_address_twice_in_one_file_is_refused_on_the_second_row(users, neighbourhood, checked):
    batch = checked(users["corporation_a"], csv_bytes([home_row(1), home_row(1)]))
    assert batch.outcomes[1]["errors"] == [
        {"column": "Postcode", "message": "dit adres staat ook op rij 2 van dit bestand."}
    ]


def test_an_address_another_corporation_holds_is_refused_as_the_form_does(users, neighbourhood, checked, party):
    DwellingFactory(
        corporation=party.other_corporation, neighbourhood=neighbourhood, postcode="1551 AB", house_number=1
    )
    batch = checked(users["corporation_a"], csv_bytes([home_row(1)]))
    assert batch.outcomes[0]["errors"] == [
        {"column": "Postcode", "message": "Dit adres staat al als gereserveerde woning geregistreerd."}
    ]


def test_a_postcode_is_found_however_it_is_typed(users, neighbourhood, checked):
    batch = checked(users["corporation_a"], csv_bytes([home_row(1, Postcode=" 1551ab ")]))
    assert batch.outcomes[0]["outcome"] == "new", batch.outcomes[0]
    assert batch.outcomes[0]["key"] == "1551 AB 1"


def test_every_bad_cell_of_a_row_is_listed_at_once(users, neighbourhood, checked):
    row = home_row(1, Postcode="1504AB1", Kamers="=1+1", Gelijkvloers="misschien", Corporatie="Onbekend")
    batch = checked(users["corporation_a"], csv_bytes([row]))
    columns = [e["column"] for e in batch.outcomes[0]["errors"]]
    assert columns == ["Corporatie", "Postcode", "Kamers", "Gelijkvloers"]  # each once, as they stand in the file
