"""An organisation administrator deactivates one of their people: every session of that person ends at once, and
reactivating the account does not bring an old session back."""

import pytest
from django.test import Client
from django.urls import reverse

from regions.models import Membership
from weerthuis.accounts import services
from weerthuis.accounts.models import SignInEvent

pytestmark = pytest.mark.django_db

Role = Membership.Role


def post_status(client, party, person, action):
    return client.post(reverse("accounts:person_status", args=[party.corporation.pk, person.pk]), {"action": action})


def test_deactivation_ends_the_persons_sessions_and_reactivation_does_not_revive_them(client, party, admin_a, staff_a):
    theirs = Client()
    theirs.force_login(staff_a)
    assert theirs.get(reverse("placements:dwelling_list")).status_code == 200  # the session is now listed
    client.force_login(admin_a)
    post_status(client, party, staff_a, "deactivate")
    staff_a.refresh_from_db()
    assert not staff_a.is_active
    response = theirs.get(reverse("placements:dwelling_list"))
    assert response.status_code == 302 and reverse("login") in response.url
    post_status(client, party, staff_a, "reactivate")
    staff_a.refresh_from_db()
    assert staff_a.is_active
    response = theirs.get(reverse("placements:dwelling_list"))
    assert response.status_code == 302 and reverse("login") in response.url
    kinds = list(SignInEvent.objects.filter(user=staff_a, by=admin_a).values_list("kind", flat=True))
    assert sorted(kinds) == sorted([SignInEvent.Kind.DEACTIVATED, SignInEvent.Kind.REACTIVATED])


def test_a_person_who_also_works_for_another_organisation_is_not_deactivated(client, party, admin_a, staff_a):
    Membership.objects.create(user=staff_a, organisation=party.other_corporation, role=Role.MANAGER)
    client.force_login(admin_a)
    response = client.post(
        reverse("accounts:person_status", args=[party.corporation.pk, staff_a.pk]),
        {"action": "deactivate"},
        follow=True,
    )
    assert "werkt ook voor Corporatie B" in response.content.decode()
    staff_a.refresh_from_db()
    assert staff_a.is_active


def test_deactivating_twice_changes_nothing_the_second_time(party, admin_a, staff_a):
    assert services.deactivate_member(user=staff_a, by=admin_a, request=None) is True
    assert services.deactivate_member(user=staff_a, by=admin_a, request=None) is False
    assert SignInEvent.objects.filter(kind=SignInEvent.Kind.DEACTIVATED).count() == 1


def test_an_admin_may_deactivate_themselves_while_another_admin_remains(party, admin_a, member):
    member(Role.ORG_ADMIN, "corporation", username="tweede-beheerder")
    assert services.deactivate_member(user=admin_a, by=admin_a, request=None) is True


def test_a_lost_phone_the_administrator_lets_the_person_set_up_a_new_second_factor(client, party, admin_a, staff_a):
    from allauth.mfa.models import Authenticator

    from tests.helpers import enrol_totp, sign_in

    enrol_totp(staff_a)
    theirs = Client()
    theirs.force_login(staff_a)
    theirs.get(reverse("home"))
    client.force_login(admin_a)
    post_status(client, party, staff_a, "reset_factor")
    assert not Authenticator.objects.filter(user=staff_a).exists()
    assert theirs.get(reverse("home")).status_code == 302  # signed out everywhere
    response = sign_in(Client(), "medewerker-a")
    assert response.url == reverse("home")  # no code asked: the password, then enrolment
    event = SignInEvent.objects.get(user=staff_a, kind=SignInEvent.Kind.FACTOR_REMOVED)
    assert event.by == admin_a
