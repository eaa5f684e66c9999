"""The homes list finds an address typed as "street number[addition]" or as a postcode with or without space."""

import pytest

from placements.models import Dwelling
from placements.records.filters import DwellingFilter
from tests.factories import DwellingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kerkbuurt(party, neighbourhood):
    make = lambda number, addition="", postcode="1501 AB": DwellingFactory(  # noqa: E731
        corporation=party.corporation, neighbourhood=neighbourhood, street="Kerkbuurt", house_number=number,
        house_number_addition=addition, postcode=postcode,
    )  # fmt: skip
    return {"4": make(4), "4A": make(4, "A"), "40": make(40), "12": make(12, postcode="1502 CD")}


def found(value):
    homes = DwellingFilter({"q": value}, queryset=Dwelling.objects.all()).qs
    return sorted(f"{home.house_number}{home.house_number_addition}" for home in homes)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Kerkbuurt", ["12", "4", "40", "4A"]),
        ("Kerkbuurt 4", ["4", "4A"]),
        ("kerkbuurt 4a", ["4A"]),
        ("Kerkbuurt 4-A", ["4A"]),
        ("Kerkbuurt 40", ["40"]),
        ("1501AB", ["4", "40", "4A"]),
        ("1501 ab", ["4", "40", "4A"]),
        ("1502CD 12", ["12"]),
        ("1501 AB 4a", ["4A"]),
        ("1501", ["4", "40", "4A"]),
        ("Kerkbuurt 99999999999", []),
    ],
)
def test_address_search(kerkbuurt, value, expected):
    assert found(value) == expected
