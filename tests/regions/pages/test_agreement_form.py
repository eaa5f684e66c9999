"""Creating and changing an agreement with its split over municipalities: what is saved, and the Dutch message
for each thing the form refuses."""

import pytest
from django.urls import reverse

from regions.models import Agreement, Organisation
from tests.factories import AgreementFactory, MunicipalityFactory, OrganisationFactory, RegionFactory

pytestmark = pytest.mark.django_db


def new_agreement(party, *, split=(), **fields) -> dict:
    data = {
        "region": party.region.pk,
        "corporation": party.corporation.pk,
        "year": 2027,
        "quota": 30,
        "approaching_share": "0.80",
        "note": "",
        "verdeling-TOTAL_FORMS": len(split),
        "verdeling-INITIAL_FORMS": 0,
        "verdeling-MIN_NUM_FORMS": 0,
        "verdeling-MAX_NUM_FORMS": 1000,
    }
    for index, (municipality, quota) in enumerate(split):
        data[f"verdeling-{index}-municipality"] = municipality.pk
        data[f"verdeling-{index}-quota"] = quota
    return {**data, **fields}


@pytest.fixture
def signed_in(client, coordinator):
    client.force_login(coordinator)
    return client


def post(client, data):
    return client.post(reverse("regions:agreement_create"), data)


def test_a_coordinator_sets_next_years_agreement_with_its_split(signed_in, party):
    wormerland = MunicipalityFactory(region=party.region, cbs_code="GM0880", name="Wormerland")
    response = post(signed_in, new_agreement(party, split=[(party.region.centre_municipality, 20), (wormerland, 10)]))

    agreement = Agreement.objects.get(year=2027)
    assert response.status_code == 302
    assert response.url == reverse("regions:agreement_detail", args=[agreement.pk])
    assert {(q.municipality.name, q.quota) for q in agreement.municipality_quotas.all()} == {
        ("Zaanstad", 20),
        ("Wormerland", 10),
    }


def test_a_split_over_the_quota_is_refused(signed_in, party):
    response = post(signed_in, new_agreement(party, quota=10, split=[(party.region.centre_municipality, 12)]))

    assert response.status_code == 200
    assert "De verdeling over gemeenten (12) is groter dan het contingent (10)." in response.content.decode()
    assert not Agreement.objects.exists()


def test_a_municipality_of_another_region_is_refused(signed_in, party):
    other = RegionFactory(name="Waterland", code="WAT")
    purmerend = MunicipalityFactory(region=other, cbs_code="GM0439", name="Purmerend")
    party.municipality.regions.add(other)  # the coordinator's organisation works in both

    response = post(signed_in, new_agreement(party, split=[(purmerend, 5)]))

    assert "Deze gemeente ligt niet in de regio van de afspraak." in response.content.decode()
    assert not Agreement.objects.exists()


def test_a_corporation_that_does_not_work_in_the_region_is_refused(signed_in, party):
    other = RegionFactory(name="Waterland", code="WAT")
    party.municipality.regions.add(other)
    elsewhere = OrganisationFactory(name="Corporatie W", kind=Organisation.Kind.CORPORATION, regions=[other])

    response = post(signed_in, new_agreement(party, corporation=elsewhere.pk))

    assert "Deze corporatie werkt niet in de gekozen regio." in response.content.decode()
    assert not Agreement.objects.exists()


def test_a_second_agreement_for_the_same_corporation_and_year_is_refused(signed_in, party):
    AgreementFactory(region=party.region, corporation=party.corporation, year=2027, quota=12)

    response = post(signed_in, new_agreement(party))

    assert "Er is al een afspraak voor deze corporatie in deze regio en dit jaar." in response.content.decode()
    assert Agreement.objects.get().quota == 12


def test_a_negative_number_of_homes_is_refused(signed_in, party):
    response = post(signed_in, new_agreement(party, quota=-1))

    assert response.status_code == 200
    assert response.context["form"].errors["quota"]
    assert not Agreement.objects.exists()


def test_a_region_the_user_does_not_coordinate_cannot_be_chosen(signed_in, party):
    other = RegionFactory(name="Waterland", code="WAT")
    corporation = OrganisationFactory(name="Corporatie W", kind=Organisation.Kind.CORPORATION, regions=[other])

    response = post(signed_in, new_agreement(party, region=other.pk, corporation=corporation.pk))

    assert response.context["form"].errors["region"]
    assert not Agreement.objects.exists()


def test_a_create_form_sent_twice_saves_one_agreement_and_shows_it(signed_in, party):
    data = new_agreement(party, split=[(party.region.centre_municipality, 20)])
    first = post(signed_in, data)

    second = post(signed_in, data)  # a double click, or back and send again

    assert second.status_code == 302
    assert second.url == first.url
    assert Agreement.objects.count() == 1
    page = signed_in.get(second.url).content.decode()
    assert "Dit was al precies zo vastgelegd; er is niets dubbel vastgelegd." in page


def test_a_create_form_sent_again_with_another_split_is_refused(signed_in, party):
    post(signed_in, new_agreement(party, split=[(party.region.centre_municipality, 20)]))

    response = post(signed_in, new_agreement(party, split=[(party.region.centre_municipality, 21)]))

    assert "Er is al een afspraak voor deze corporatie in deze regio en dit jaar." in response.content.decode()


def test_the_hint_of_a_field_is_linked_to_its_input(signed_in):
    html = signed_in.get(reverse("regions:agreement_create")).content.decode()
    assert 'aria-describedby="id_approaching_share_helptext"' in html
    assert 'id="id_approaching_share_helptext"' in html
