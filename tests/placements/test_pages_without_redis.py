"""Redis is an accelerator: with it down, the lists, a client's page and a proposal still work (a little slower)."""

import pytest
from django.urls import reverse

from placements.models import Placement
from tests.helpers import enrol_totp, sign_in, submitted

pytestmark = pytest.mark.django_db


def test_lists_a_clients_page_and_a_proposal_work_while_redis_is_down(client, redis_down, users, dwelling, case):
    coordinator = users["coordinator"]
    assert sign_in(client, coordinator.username, secret=enrol_totp(coordinator)).url == reverse("home")
    assert client.get(reverse("placements:dwelling_list")).status_code == 200
    assert client.get(reverse("placements:case_list")).status_code == 200
    assert client.get(reverse("placements:case_detail", args=[case.pk])).status_code == 200
    response = client.post(reverse("placements:propose"), submitted({"dwelling": dwelling.pk, "case": case.pk}))
    placement = Placement.objects.get()
    assert response.url == reverse("placements:placement_detail", args=[placement.pk])
    assert client.get(response.url).status_code == 200
