"""An organisation administrator gives and takes roles of their own people: only roles that fit the organisation,
never the administrator's powers, never to an administrator's account, and never leaving it without an
administrator by their own hand."""

import pytest
from django.urls import reverse

from regions.models import Membership
from tests.factories import MembershipFactory, UserFactory
from weerthuis.accounts import services
from weerthuis.accounts.models import SignInEvent

pytestmark = pytest.mark.django_db

Role = Membership.Role


def roles_of(user, organisation):
    return set(Membership.objects.filter(user=user, organisation=organisation).values_list("role", flat=True))


def post_role(client, party, person, action, role):
    url = reverse("accounts:person_role", args=[party.corporation.pk, person.pk])
    return client.post(url, {"action": action, "role": role}, follow=True)


def test_admin_grants_and_revokes_a_role_and_both_are_recorded(client, party, admin_a, staff_a):
    client.force_login(admin_a)
    response = post_role(client, party, staff_a, "grant", Role.MANAGER)
    assert "is nu Manager" in response.content.decode()
    assert roles_of(staff_a, party.corporation) == {Role.CORPORATION_STAFF, Role.MANAGER}
    post_role(client, party, staff_a, "revoke", Role.MANAGER)
    assert roles_of(staff_a, party.corporation) == {Role.CORPORATION_STAFF}
    events = SignInEvent.objects.filter(user=staff_a, by=admin_a, organisation=party.corporation)
    assert sorted(events.values_list("kind", "detail")) == [
        (SignInEvent.Kind.ROLE_GRANTED, "Manager – Corporatie A"),
        (SignInEvent.Kind.ROLE_REVOKED, "Manager – Corporatie A"),
    ]


def test_granting_a_role_held_already_changes_nothing(client, party, admin_a, staff_a):
    client.force_login(admin_a)
    response = post_role(client, party, staff_a, "grant", Role.CORPORATION_STAFF)
    assert "was al Medewerker woningcorporatie" in response.content.decode()
    assert not SignInEvent.objects.filter(kind=SignInEvent.Kind.ROLE_GRANTED).exists()


@pytest.mark.parametrize(
    "data",
    [
        {"action": "grant", "role": Role.COORDINATOR},  # a municipality's role
        {"action": "grant", "role": Role.CARE_WORKER},  # a care provider's role
        {"action": "grant", "role": "is_staff"},
        {"action": "grant", "role": "is_superuser"},
        {"action": "grant", "role": Role.MANAGER, "is_staff": "on", "is_superuser": "on"},
    ],
)
def test_posting_admin_powers_or_an_unfitting_role_grants_no_power(client, party, admin_a, staff_a, data):
    client.force_login(admin_a)
    url = reverse("accounts:person_role", args=[party.corporation.pk, staff_a.pk])
    client.post(url, data)
    staff_a.refresh_from_db()
    assert not staff_a.is_staff and not staff_a.is_superuser
    assert roles_of(staff_a, party.corporation) <= {Role.CORPORATION_STAFF, Role.MANAGER}
    assert Role.COORDINATOR not in roles_of(staff_a, party.corporation)


def test_a_role_that_does_not_fit_is_refused_by_the_service_too(party, admin_a, staff_a):
    with pytest.raises(services.AccountChangeRefused, match="past niet bij een woningcorporatie"):
        services.grant_role(
            user=staff_a, organisation=party.corporation, role=Role.COORDINATOR, by=admin_a, request=None
        )


@pytest.mark.parametrize("flag", ["is_staff", "is_superuser"])
def test_nobody_touches_an_administrators_account(party, admin_a, flag):
    admin_account = MembershipFactory(
        user=UserFactory(username="root", **{flag: True}), organisation=party.corporation, role=Role.MANAGER
    ).user
    attempts = [
        lambda: services.grant_role(user=admin_account, organisation=party.corporation, role=Role.ORG_ADMIN, by=admin_a, request=None),
        lambda: services.revoke_role(user=admin_account, organisation=party.corporation, role=Role.MANAGER, by=admin_a, request=None),
        lambda: services.deactivate_member(user=admin_account, by=admin_a, request=None),
    ]  # fmt: skip
    for attempt in attempts:
        with pytest.raises(services.AccountChangeRefused, match="beheerder van de applicatie"):
            attempt()
    admin_account.refresh_from_db()
    assert admin_account.is_active and roles_of(admin_account, party.corporation) == {Role.MANAGER}


def test_the_last_admin_cannot_remove_their_own_admin_role_or_deactivate_themselves(party, admin_a, staff_a):
    with pytest.raises(services.AccountChangeRefused, match="laatste beheerder"):
        services.revoke_role(
            user=admin_a, organisation=party.corporation, role=Role.ORG_ADMIN, by=admin_a, request=None
        )
    with pytest.raises(services.AccountChangeRefused, match="laatste beheerder"):
        services.deactivate_member(user=admin_a, by=admin_a, request=None)
    admin_a.refresh_from_db()
    assert admin_a.is_active and Role.ORG_ADMIN in roles_of(admin_a, party.corporation)


def test_with_a_second_admin_the_first_may_step_down(party, admin_a, staff_a):
    Membership.objects.create(user=admin_a, organisation=party.corporation, role=Role.MANAGER)
    services.grant_role(user=staff_a, organisation=party.corporation, role=Role.ORG_ADMIN, by=admin_a, request=None)
    services.revoke_role(user=admin_a, organisation=party.corporation, role=Role.ORG_ADMIN, by=admin_a, request=None)
    assert roles_of(admin_a, party.corporation) == {Role.MANAGER}
    with pytest.raises(services.AccountChangeRefused, match="geen beheerder"):
        services.grant_role(user=admin_a, organisation=party.corporation, role=Role.ORG_ADMIN, by=admin_a, request=None)


def test_a_persons_last_role_is_not_taken_they_are_deactivated_instead(party, admin_a, staff_a):
    with pytest.raises(services.AccountChangeRefused, match="laatste rol"):
        services.revoke_role(
            user=staff_a, organisation=party.corporation, role=Role.CORPORATION_STAFF, by=admin_a, request=None
        )
    assert roles_of(staff_a, party.corporation) == {Role.CORPORATION_STAFF}


def test_a_person_who_also_works_elsewhere_can_leave_the_organisation(client, party, admin_a, staff_a):
    Membership.objects.create(user=staff_a, organisation=party.other_corporation, role=Role.CORPORATION_STAFF)
    client.force_login(admin_a)
    response = post_role(client, party, staff_a, "revoke", Role.CORPORATION_STAFF)
    assert response.redirect_chain[-1][0] == reverse("accounts:people", args=[party.corporation.pk])
    assert roles_of(staff_a, party.corporation) == set()
    assert roles_of(staff_a, party.other_corporation) == {Role.CORPORATION_STAFF}
