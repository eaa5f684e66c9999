"""Access matrix of the matching pages: every visitor × list, detail, decision, candidates and proposal."""

import pytest
from django.urls import reverse

from placements.matching.services import propose_placement
from placements.models import Placement
from tests.helpers import VISITORS, expected_status, submitted

pytestmark = pytest.mark.django_db

PLACEMENT_LISTERS = {
    v: 200
    for v in ["coordinator", "foreign_coordinator", "corporation_a", "corporation_b", "care_worker_c", "care_worker_d"]
}
PLACEMENT_READERS = {
    "coordinator": 200,
    "corporation_a": 200,
    "care_worker_c": 200,
    "foreign_coordinator": 404,
    "corporation_b": 404,
    "care_worker_d": 404,
}
PLACEMENT_ACTORS = {
    "coordinator": 302,
    "corporation_a": 302,
    "care_worker_c": 302,
    "foreign_coordinator": 404,
    "corporation_b": 404,
    "care_worker_d": 404,
}
COORDINATOR_ONLY_GET = {"coordinator": 200, "foreign_coordinator": 404}
COORDINATOR_ONLY_POST = {"coordinator": 302, "foreign_coordinator": 404}

ENDPOINTS = {
    "placement_list": ("get", lambda r: reverse("placements:placement_list"), None, PLACEMENT_LISTERS),
    "placement_detail": ("get", lambda r: reverse("placements:placement_detail", args=[r["placement"].pk]), None, PLACEMENT_READERS),
    "placement_accept": ("post", lambda r: reverse("placements:placement_action", args=[r["placement"].pk]), {"action": "accept"}, PLACEMENT_ACTORS),
    "dwelling_candidates": ("get", lambda r: reverse("placements:dwelling_candidates", args=[r["free_dwelling"].pk]), None, COORDINATOR_ONLY_GET),
    "case_candidates": ("get", lambda r: reverse("placements:case_candidates", args=[r["free_case"].pk]), None, COORDINATOR_ONLY_GET),
    "propose_get": ("get", lambda r: reverse("placements:propose") + f"?dwelling={r['free_dwelling'].pk}&case={r['free_case'].pk}", None, COORDINATOR_ONLY_GET),
    "propose_post": ("post", lambda r: reverse("placements:propose"), "propose", COORDINATOR_ONLY_POST),
}  # fmt: skip


@pytest.fixture
def records(users, dwelling, case, other_dwelling, other_case):
    placement = propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=users["coordinator"])
    return {"placement": placement, "free_dwelling": other_dwelling, "free_case": other_case}


@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
@pytest.mark.parametrize("visitor", VISITORS)
def test_matching_pages_answer_each_visitor_by_role_and_organisation(client, users, records, endpoint, visitor):
    method, url, data, allowed = ENDPOINTS[endpoint]
    if data == "propose":
        data = {"dwelling": records["free_dwelling"].pk, "case": records["free_case"].pk}
    if method == "post":
        data = submitted(data)
    if users[visitor] is not None:
        client.force_login(users[visitor])
    response = getattr(client, method)(url(records), data)
    assert response.status_code == expected_status(visitor, allowed), f"{visitor} {endpoint}"
    placements = dict(Placement.objects.values_list("pk", "status"))
    # Only the owning corporation's accept and the coordinator's proposal change anything.
    expected = {
        records["placement"].pk: "accepted"
        if (endpoint, visitor) == ("placement_accept", "corporation_a")
        else "proposed"
    }
    if (endpoint, visitor) == ("propose_post", "coordinator"):
        assert len(placements) == 2
        placements.pop(max(placements))
    assert placements == expected


@pytest.mark.parametrize(
    ("visitor", "shown"),
    [
        ("coordinator", True),
        ("corporation_a", True),
        ("care_worker_c", True),
        ("corporation_b", False),
        ("care_worker_d", False),
        ("foreign_coordinator", False),
    ],
)
def test_placement_list_shows_only_visible_placements(client, users, records, visitor, shown):
    client.force_login(users[visitor])
    response = client.get(reverse("placements:placement_list"))
    assert (records["placement"].case.reference in response.content.decode()) is shown
    assert response.context["paginator"].count == (1 if shown else 0)


def test_a_corporation_sees_only_pseudonym_household_and_support(client, users, records, party):
    client.force_login(users["corporation_a"])
    html = client.get(reverse("placements:placement_detail", args=[records["placement"].pk])).content.decode()
    assert records["placement"].case.reference in html
    assert "huishouden 1, begeleiding Licht" in html
    assert party.care_provider.name not in html
    assert reverse("placements:case_detail", args=[records["placement"].case.pk]) not in html
    client.force_login(users["coordinator"])
    assert (
        party.care_provider.name
        in client.get(reverse("placements:placement_detail", args=[records["placement"].pk])).content.decode()
    )
