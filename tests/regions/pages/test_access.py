"""Who opens the agreement and rule pages: coordinators of the region read and change them, managers of the region
read them, everyone else gets 403 (anonymous: the login), and another region's record is 404."""

import pytest
from django.urls import reverse

VISITORS = [
    "anonymous",
    "outsider",
    "coordinator",
    "foreign_coordinator",
    "corporation_staff",
    "care_worker",
    "manager",
    "org_admin",
]
READERS = {"coordinator": 200, "foreign_coordinator": 200, "manager": 200}
EDITORS = {"coordinator": 200, "foreign_coordinator": 200}


def status(visitor: str, allowed: dict) -> int:
    return 302 if visitor == "anonymous" else allowed.get(visitor, 403)


def get(client, visitors, visitor, url):
    if visitors[visitor] is not None:
        client.force_login(visitors[visitor])
    return client.get(url)


@pytest.mark.parametrize("visitor", VISITORS)
@pytest.mark.parametrize(
    ("url_name", "allowed"),
    [
        ("regions:agreement_list", READERS),
        ("regions:rule_list", READERS),
        ("regions:agreement_create", EDITORS),
        ("regions:rule_create", EDITORS),
    ],
)
def test_pages_open_for_the_regions_coordinators_and_managers_only(client, visitors, visitor, url_name, allowed):
    assert get(client, visitors, visitor, reverse(url_name)).status_code == status(visitor, allowed)


@pytest.mark.parametrize("visitor", VISITORS)
@pytest.mark.parametrize(
    ("url_name", "record", "allowed"),
    [
        ("regions:agreement_detail", "agreement", {"coordinator": 200, "manager": 200, "foreign_coordinator": 404}),
        ("regions:agreement_update", "agreement", {"coordinator": 200, "foreign_coordinator": 404}),
        ("regions:rule_detail", "rule", {"coordinator": 200, "manager": 200, "foreign_coordinator": 404}),
        ("regions:rule_update", "rule", {"coordinator": 200, "foreign_coordinator": 404}),
    ],
)
def test_a_record_opens_for_its_own_regions_coordinators_only(
    client, visitors, agreement, rule, visitor, url_name, record, allowed
):
    url = reverse(url_name, args=[{"agreement": agreement, "rule": rule}[record].pk])
    assert get(client, visitors, visitor, url).status_code == status(visitor, allowed)


def test_the_list_shows_only_the_coordinators_own_regions(client, visitors, agreement, rule, elsewhere):
    client.force_login(visitors["coordinator"])
    agreements = client.get(reverse("regions:agreement_list"), {"year": 2026}).context["agreements"]
    rules = client.get(reverse("regions:rule_list"), {"year": 2026}).context["rules"]
    assert list(agreements) == [agreement]
    assert list(rules) == [rule]


def test_a_manager_reads_without_the_edit_links(client, visitors, agreement):
    client.force_login(visitors["manager"])
    html = client.get(reverse("regions:agreement_detail", args=[agreement.pk])).content.decode()
    assert reverse("regions:agreement_update", args=[agreement.pk]) not in html


def test_coordinators_and_managers_find_the_pages_in_the_menu(client, visitors):
    for visitor, shown in [("coordinator", True), ("manager", True), ("care_worker", False)]:
        client.force_login(visitors[visitor])
        html = client.get(reverse("home")).content.decode()
        assert (reverse("regions:agreement_list") in html) is shown, visitor
