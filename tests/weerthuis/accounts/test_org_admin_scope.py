"""An organisation administrator reaches its own organisation's people only: every page and action on another
organisation, or on a person of another organisation, answers 404; a person without the role gets 403."""

import pytest
from django.urls import reverse

from regions.models import Membership
from tests.helpers import sign_in
from weerthuis.accounts import invitations
from weerthuis.accounts.models import Invitation

pytestmark = pytest.mark.django_db

Role = Membership.Role


@pytest.fixture
def invitation_b(party, admin_b):
    return invitations.invite(
        organisation=party.other_corporation, email="nieuw@example.invalid", role=Role.MANAGER, by=admin_b, request=None
    )


def pages(party, person, invitation):
    """Every page and action of the administrator's pages: (method, url, data)."""
    org = party.other_corporation.pk
    return {
        "people": ("get", reverse("accounts:people", args=[org]), None),
        "invite_get": ("get", reverse("accounts:invite", args=[org]), None),
        "invite_post": (
            "post", reverse("accounts:invite", args=[org]), {"email": "x@example.invalid", "role": Role.MANAGER},
        ),
        "invitations": ("get", reverse("accounts:invitations", args=[org]), None),
        "invitation_revoke": ("post", reverse("accounts:invitation_revoke", args=[org, invitation.pk]), {}),
        "events": ("get", reverse("accounts:events", args=[org]), None),
        "person": ("get", reverse("accounts:person", args=[org, person.pk]), None),
        "grant": (
            "post", reverse("accounts:person_role", args=[org, person.pk]), {"action": "grant", "role": Role.MANAGER},
        ),
        "revoke": (
            "post", reverse("accounts:person_role", args=[org, person.pk]),
            {"action": "revoke", "role": Role.CORPORATION_STAFF},
        ),
        "deactivate": ("post", reverse("accounts:person_status", args=[org, person.pk]), {"action": "deactivate"}),
        "reset_factor": (
            "post", reverse("accounts:person_status", args=[org, person.pk]), {"action": "reset_factor"},
        ),
    }  # fmt: skip


PAGES = ["people", "invite_get", "invite_post", "invitations", "invitation_revoke", "events", "person", "grant",
         "revoke", "deactivate", "reset_factor"]  # fmt: skip


def snapshot(party):
    return (
        sorted(Membership.objects.values_list("user__username", "organisation_id", "role")),
        sorted(Invitation.objects.values_list("email", "revoked_at")),
        sorted(party.other_corporation.memberships.values_list("user__is_active", flat=True)),
    )


@pytest.mark.parametrize("page", PAGES)
def test_admin_of_a_gets_404_for_everything_of_organisation_b(
    client, party, admin_a, admin_b, staff_b, invitation_b, page
):
    method, url, data = pages(party, staff_b, invitation_b)[page]
    client.force_login(admin_a)
    before = snapshot(party)
    assert getattr(client, method)(url, data).status_code == 404
    assert snapshot(party) == before


@pytest.mark.parametrize("page", ["person", "grant", "revoke", "deactivate"])
def test_admin_of_a_gets_404_for_a_person_of_b_under_their_own_organisation(
    client, party, admin_a, staff_b, invitation_b, page
):
    method, url, data = pages(party, staff_b, invitation_b)[page]
    url = url.replace(f"/{party.other_corporation.pk}/", f"/{party.corporation.pk}/")
    client.force_login(admin_a)
    before = snapshot(party)
    assert getattr(client, method)(url, data).status_code == 404
    assert snapshot(party) == before


@pytest.mark.parametrize(
    ("role", "organisation"),
    [
        (Role.COORDINATOR, "municipality"),
        (Role.CORPORATION_STAFF, "other_corporation"),
        (Role.CARE_WORKER, "care_provider"),
        (Role.MANAGER, "other_corporation"),
    ],
)
@pytest.mark.parametrize("page", PAGES)
def test_other_roles_get_403_even_in_their_own_organisation(
    client, party, member, admin_b, staff_b, invitation_b, role, organisation, page
):
    method, url, data = pages(party, staff_b, invitation_b)[page]
    client.force_login(member(role, organisation, username="iemand"))
    before = snapshot(party)
    assert getattr(client, method)(url, data).status_code == 403
    assert snapshot(party) == before


def test_anonymous_visitor_goes_to_the_login(client, party, staff_b):
    response = client.get(reverse("accounts:people", args=[party.other_corporation.pk]))
    assert response.status_code == 302 and reverse("login") in response.url


def test_admin_of_two_organisations_picks_one(client, party, admin_a):
    Membership.objects.create(user=admin_a, organisation=party.other_corporation, role=Role.ORG_ADMIN)
    client.force_login(admin_a)
    page = client.get(reverse("accounts:organisations")).content.decode()
    assert "Corporatie A" in page and "Corporatie B" in page
    assert client.get(reverse("accounts:people", args=[party.other_corporation.pk])).status_code == 200


def test_admin_of_one_organisation_goes_straight_to_its_people(client, party, admin_a, staff_a):
    client.force_login(admin_a)
    response = client.get(reverse("accounts:organisations"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:people", args=[party.corporation.pk])
    assert "medewerker-a" in response.content.decode()
    assert "Mensen" in [item["label"] for item in response.context["nav_items"]]


def test_an_org_admin_without_a_second_factor_is_sent_to_set_one_up(client, party, admin_a):
    sign_in(client, "beheerder-a")
    response = client.get(reverse("accounts:people", args=[party.corporation.pk]))
    assert response.status_code == 302 and response.url == reverse("mfa_activate_totp")


@pytest.mark.parametrize("page", ["people", "invite_get", "invitations", "events", "person"])
def test_admin_opens_every_page_of_their_own_organisation(client, party, admin_a, staff_a, page):
    invitation = invitations.invite(
        organisation=party.corporation, email="nieuw@example.invalid", role=Role.MANAGER, by=admin_a, request=None
    )
    method, url, _data = pages(party, staff_a, invitation)[page]
    url = url.replace(f"/{party.other_corporation.pk}/", f"/{party.corporation.pk}/")
    client.force_login(admin_a)
    response = client.get(url)
    assert response.status_code == 200


def test_admin_who_steps_down_goes_to_the_start_page(client, party, admin_a, member):
    member(Role.ORG_ADMIN, "corporation", username="tweede-beheerder")
    Membership.objects.create(user=admin_a, organisation=party.corporation, role=Role.MANAGER)
    client.force_login(admin_a)
    url = reverse("accounts:person_role", args=[party.corporation.pk, admin_a.pk])
    response = client.post(url, {"action": "revoke", "role": Role.ORG_ADMIN})
    assert response.status_code == 302 and response.url == reverse("home")
