"""Every validation message of the home form, in Dutch, next to the field, keeping the input."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from placements.models import Dwelling
from placements.records import forms as placement_forms
from tests.factories import MunicipalityFactory, NeighbourhoodFactory, RegionFactory
from tests.helpers import dwelling_post, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def corporation_user(users):
    return users["corporation_a"]


def post_dwelling(client, user, data):
    client.force_login(user)
    return client.post(reverse("placements:dwelling_create"), submitted(data))


@pytest.fixture
def new_home(dwelling):
    data = dwelling_post(dwelling)
    data.update(postcode="1521ab", house_number=7, street="Zuiddijk")
    return data


def test_postcode_is_normalised(client, corporation_user, new_home):
    response = post_dwelling(client, corporation_user, new_home)
    assert response.status_code == 302
    assert Dwelling.objects.get(street="Zuiddijk").postcode == "1521 AB"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("postcode", "123 AB", "Vul een geldige postcode in, zoals 1234 AB."),
        ("postcode", "0123 AB", "Vul een geldige postcode in, zoals 1234 AB."),
        ("postcode", "1234 SS", "Vul een geldige postcode in, zoals 1234 AB."),
        ("rent", "80", "De huur moet minstens € 150 per maand zijn."),
        ("rent", "2500", "De huur mag niet hoger zijn dan € 1.300 per maand."),
        ("rooms", "0", "Een woning heeft minstens 1 kamer."),
        ("rooms", "13", "Vul maximaal 12 kamers in."),
        ("house_number", "0", "Het huisnummer moet 1 of hoger zijn."),
        ("street", "", "Dit veld is verplicht."),
    ],
)
def test_an_invalid_home_value_is_refused_next_to_its_field_in_dutch(
    client, corporation_user, new_home, field, value, message
):
    new_home[field] = value
    response = post_dwelling(client, corporation_user, new_home)
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert 'value="Zuiddijk"' in response.content.decode() or field == "street"  # what was typed stays
    assert not Dwelling.objects.filter(street="Zuiddijk").exists()


def test_available_from_cannot_precede_the_reservation(client, corporation_user, new_home):
    new_home["available_from"] = (date.fromisoformat(new_home["reserved_on"]) - timedelta(days=1)).isoformat()
    response = post_dwelling(client, corporation_user, new_home)
    assert "vóór de reserveringsdatum" in response.context["form"].errors["available_from"][0]


def test_neighbourhood_must_lie_in_a_region_of_the_corporation(client, users, party, new_home):
    # The coordinator's municipality works in a second region, where corporation B does not work.
    second_region = RegionFactory(name="Tweede regio")
    party.municipality.regions.add(second_region)
    elsewhere = NeighbourhoodFactory(municipality=MunicipalityFactory(region=second_region, cbs_code="GM0777"))
    new_home.update(corporation=party.other_corporation.pk, neighbourhood=elsewhere.pk)
    client.force_login(users["coordinator"])
    response = client.post(reverse("placements:dwelling_create"), submitted(new_home))
    assert response.status_code == 200
    assert response.context["form"].errors["neighbourhood"] == [
        "Deze wijk ligt niet in een regio waarin de gekozen corporatie werkt."
    ]


def test_a_corporation_cannot_log_a_home_for_another_corporation(client, corporation_user, party, new_home):
    new_home["corporation"] = party.other_corporation.pk
    response = post_dwelling(client, corporation_user, new_home)
    assert "corporation" in response.context["form"].errors
    assert not Dwelling.objects.filter(street="Zuiddijk").exists()


def test_the_same_address_twice_gets_a_clear_message(client, corporation_user, dwelling):
    data = dwelling_post(dwelling)
    response = post_dwelling(client, corporation_user, data)
    assert response.status_code == 200
    assert "Dit adres staat al als gereserveerde woning geregistreerd." in response.content.decode()
    assert Dwelling.objects.filter(postcode=dwelling.postcode, house_number=dwelling.house_number).count() == 1


def test_in_a_large_region_the_neighbourhood_is_typed_by_name_or_code(
    client, corporation_user, new_home, neighbourhood, monkeypatch
):
    monkeypatch.setattr(placement_forms, "NEIGHBOURHOOD_SELECT_MAX", 0)
    client.force_login(corporation_user)
    html = client.get(reverse("placements:dwelling_create")).content.decode()
    assert '<input type="text" name="neighbourhood"' in html
    new_home["neighbourhood"] = "onbekend"
    response = client.post(reverse("placements:dwelling_create"), submitted(new_home))
    assert "Onbekende wijk of buurt" in response.context["form"].errors["neighbourhood"][0]
    new_home["neighbourhood"] = neighbourhood.name.upper()
    assert client.post(reverse("placements:dwelling_create"), submitted(new_home)).status_code == 302
    assert Dwelling.objects.get(street="Zuiddijk").neighbourhood == neighbourhood
