"""An organisation administrator manages accounts and reads no record by that role: no home, client or placement of
its own organisation or any other, no note, no dashboard or report (the page matrices give 403 for "org_admin")."""

import pytest
from django.urls import reverse
from django.utils import timezone

from placements.models import Dwelling, OutflowCase, Placement
from regions.access import access_for
from regions.models import Membership
from regions.need_to_know import hidden_fields
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

Role = Membership.Role


@pytest.mark.parametrize("organisation", ["municipality", "corporation", "care_provider"])
def test_org_admin_of_any_kind_sees_no_home_client_or_placement(member, party, dwelling, case, organisation):
    Placement.objects.create(
        dwelling=dwelling, case=case, status="proposed", proposed_by=UserFactory(), proposed_at=timezone.now()
    )
    admin = member(Role.ORG_ADMIN, organisation, username="beheerder")
    assert not Dwelling.objects.visible_to(admin).exists()
    assert not OutflowCase.objects.visible_to(admin).exists()
    assert not Placement.objects.visible_to(admin).exists()
    hidden = hidden_fields(
        access_for(admin), "placements.Placement", care_provider_id=party.care_provider.pk, region_id=party.region.pk
    )
    assert "decision_note" in hidden


@pytest.mark.parametrize(
    "url_name",
    ["placements:dwelling_list", "placements:case_list", "placements:placement_list", "placements:dashboard",
     "placements:report"],
)  # fmt: skip
def test_org_admin_of_the_clients_care_provider_gets_no_list(client, member, case, url_name):
    client.force_login(member(Role.ORG_ADMIN, "care_provider", username="beheerder"))
    response = client.get(reverse(url_name))
    assert response.status_code in {403, 404}
    assert case.reference not in response.content.decode()
