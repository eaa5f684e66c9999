"""The home page: the user's organisations, roles and regions, and a menu that follows the roles."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regions.models import Membership
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db


def test_home_shows_organisations_roles_and_regions(client, party, member):
    user = member(Membership.Role.CARE_WORKER, "care_provider")
    RegionFactory(name="Andere regio")
    client.force_login(user)
    html = client.get(reverse("home")).content.decode()
    assert "Zorg C" in html
    assert "Begeleider" in html
    assert "Zaanstreek" in html and "centrumgemeente Zaanstad" in html
    assert "Andere regio" not in html


def test_a_user_without_membership_is_told_what_to_do(client, outsider):
    client.force_login(outsider)
    html = client.get(reverse("home")).content.decode()
    assert "nog niet aan een organisatie gekoppeld" in html


def test_home_query_count_does_not_grow_with_memberships(client, party, member):
    user = member(Membership.Role.MANAGER, "municipality")
    client.force_login(user)
    client.get(reverse("home"))  # warm up the session
    with CaptureQueriesContext(connection) as one_membership:
        client.get(reverse("home"))
    for organisation in ("corporation", "other_corporation", "care_provider"):
        Membership.objects.create(user=user, organisation=getattr(party, organisation), role=Membership.Role.MANAGER)
    client.get(reverse("home"))  # warm up the caches scoped by the new grants (the unread count)
    with CaptureQueriesContext(connection) as four_memberships:
        client.get(reverse("home"))
    assert len(four_memberships) == len(one_membership)


@override_settings(ROOT_URLCONF="tests.weerthuis.urls_with_pages")
@pytest.mark.parametrize(
    ("role", "organisation", "expected"),
    [
        (
            Membership.Role.COORDINATOR,
            "municipality",
            ["Woningen", "Cliënten", "Voordrachten", "Dashboard", "Rapportages", "Afspraken"],
        ),
        (Membership.Role.CORPORATION_STAFF, "corporation", ["Woningen", "Voordrachten"]),
        (Membership.Role.CARE_WORKER, "care_provider", ["Cliënten", "Voordrachten"]),
        (Membership.Role.MANAGER, "municipality", ["Dashboard", "Rapportages", "Afspraken"]),
    ],
)
def test_menu_shows_the_pages_of_the_users_roles(client, member, role, organisation, expected):
    client.force_login(member(role, organisation))
    items = client.get(reverse("home")).context["nav_items"]
    assert [str(item["label"]) for item in items] == expected


def test_menu_leaves_out_pages_that_do_not_exist_yet(client, coordinator):
    client.force_login(coordinator)
    labels = [str(item["label"]) for item in client.get(reverse("home")).context["nav_items"]]
    from django.urls import NoReverseMatch

    try:
        reverse("placements:dwelling_list")
    except NoReverseMatch:
        assert "Woningen" not in labels
    else:
        assert "Woningen" in labels
