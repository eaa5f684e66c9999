"""The Django admin: every regions page opens for the administrator, with search and filters, and the quota
split is checked against the agreement."""

import pytest
from django.urls import reverse

from regions.models import Agreement, DispersionRule, Membership, Municipality, Neighbourhood, Organisation, Region
from tests.factories import AgreementFactory, DispersionRuleFactory, MunicipalityFactory, NeighbourhoodFactory

pytestmark = pytest.mark.django_db

MODELS = [Region, Municipality, Neighbourhood, Organisation, Membership, Agreement, DispersionRule]


@pytest.fixture
def filled(party, coordinator):
    NeighbourhoodFactory(municipality=party.region.centre_municipality, cbs_code="WK047901")
    AgreementFactory(region=party.region, corporation=party.corporation)
    DispersionRuleFactory(region=party.region)
    return party


def admin_url(model, action, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_administrator_opens_list_search_add_and_change_pages(admin_client, filled, model):
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    assert admin_client.get(admin_url(model, "changelist"), {"q": "Zaan"}).status_code == 200
    assert admin_client.get(admin_url(model, "add")).status_code == 200
    assert admin_client.get(admin_url(model, "change", model.objects.first().pk)).status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_app_users_cannot_open_the_admin(client, filled, coordinator, model):
    client.force_login(coordinator)
    response = client.get(admin_url(model, "changelist"))
    assert response.status_code == 302
    assert "/beheer/login/" in response.url


def test_user_admin_shows_the_users_memberships(admin_client, coordinator):
    html = admin_client.get(reverse("admin:auth_user_change", args=[coordinator.pk])).content.decode()
    assert "Gemeente Zaanstad" in html


def test_neighbourhood_list_filters_by_region(admin_client, filled):
    NeighbourhoodFactory(name="Elders", municipality=MunicipalityFactory())
    response = admin_client.get(
        admin_url(Neighbourhood, "changelist"), {"municipality__region__id__exact": filled.region.pk}
    )
    names = [n.name for n in response.context["cl"].result_list]
    assert "Elders" not in names and len(names) == 1


def agreement_post(party, quota, splits):
    data = {
        "region": party.region.pk,
        "corporation": party.corporation.pk,
        "year": 2027,
        "quota": quota,
        "approaching_share": "0.80",
        "note": "",
        "municipality_quotas-TOTAL_FORMS": len(splits),
        "municipality_quotas-INITIAL_FORMS": 0,
        "municipality_quotas-MIN_NUM_FORMS": 0,
        "municipality_quotas-MAX_NUM_FORMS": 1000,
    }
    for i, (municipality, value) in enumerate(splits):
        data[f"municipality_quotas-{i}-municipality"] = municipality.pk
        data[f"municipality_quotas-{i}-quota"] = value
    return data


def test_quota_split_may_not_exceed_the_quota(admin_client, party):
    second = MunicipalityFactory(region=party.region)
    data = agreement_post(party, 10, [(party.region.centre_municipality, 8), (second, 5)])
    response = admin_client.post(admin_url(Agreement, "add"), data)
    assert response.status_code == 200
    assert "groter dan het contingent" in response.content.decode()
    assert not Agreement.objects.filter(year=2027).exists()


def test_quota_split_refuses_a_municipality_of_another_region(admin_client, party):
    data = agreement_post(party, 10, [(MunicipalityFactory(), 5)])
    response = admin_client.post(admin_url(Agreement, "add"), data)
    assert "niet in de regio van de afspraak" in response.content.decode()
    assert not Agreement.objects.filter(year=2027).exists()


def test_valid_agreement_with_split_is_saved(admin_client, party):
    data = agreement_post(party, 10, [(party.region.centre_municipality, 10)])
    response = admin_client.post(admin_url(Agreement, "add"), data)
    assert response.status_code == 302
    agreement = Agreement.objects.get(year=2027)
    assert [(s.municipality, s.quota) for s in agreement.municipality_quotas.all()] == [
        (party.region.centre_municipality, 10)
    ]


def test_region_centre_can_only_be_chosen_from_its_municipalities(admin_client, party):
    MunicipalityFactory(name="Verweggistan")
    response = admin_client.get(admin_url(Region, "change", party.region.pk))
    choices = response.context["adminform"].form.fields["centre_municipality"].queryset
    assert [m.name for m in choices] == ["Zaanstad"]


@pytest.mark.parametrize("model", [Region, Municipality, Organisation, Agreement], ids=lambda m: m.__name__)
def test_every_field_of_a_table_of_rows_in_the_admin_has_a_name(admin_client, filled, model):
    """Django's tabular inlines name a field in the column header only; each field carries its label itself."""
    import re

    html = admin_client.get(admin_url(model, "change", model.objects.first().pk)).content.decode()
    inline_rows = re.findall(r'<tr class="form-row[^"]*"[^>]*>.*?</tr>', html, flags=re.S)
    assert inline_rows
    controls = [c for row in inline_rows for c in re.findall(r"<(?:input|select|textarea)\b[^>]*>", row)]
    unnamed = [c for c in controls if 'type="hidden"' not in c and "aria-label=" not in c]
    assert controls and not unnamed
