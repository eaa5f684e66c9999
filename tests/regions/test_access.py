"""Access is decided from memberships only, and fails closed."""

import pytest
from django.contrib.auth.models import AnonymousUser

from regions.access import access_for, visible_regions
from regions.models import Membership
from tests.factories import MembershipFactory, OrganisationFactory, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_member_gets_the_regions_its_organisation_works_in(party, coordinator):
    other_region = RegionFactory()
    access = access_for(coordinator)
    assert access.region_ids() == {party.region.pk}
    assert access.organisation_ids() == {party.municipality.pk}
    assert access.has_role(Membership.Role.COORDINATOR)
    assert not access.has_role(Membership.Role.CARE_WORKER)
    assert other_region.pk not in access.region_ids()


def test_roles_are_kept_apart_per_organisation(party, member):
    user = member(Membership.Role.MANAGER, "municipality")
    MembershipFactory(user=user, organisation=party.care_provider, role=Membership.Role.CARE_WORKER)
    access = access_for(user)
    assert access.organisation_ids(Membership.Role.CARE_WORKER) == {party.care_provider.pk}
    assert access.organisation_ids(Membership.Role.MANAGER) == {party.municipality.pk}
    assert access.roles() == {Membership.Role.MANAGER, Membership.Role.CARE_WORKER}


def test_a_superuser_without_membership_sees_no_region(db):
    RegionFactory()
    admin = UserFactory(is_superuser=True, is_staff=True)
    assert access_for(admin).region_ids() == set()
    assert not visible_regions(admin).exists()


def test_anonymous_and_inactive_users_get_nothing(party, member):
    inactive = member(Membership.Role.COORDINATOR, "municipality", is_active=False)
    assert not access_for(AnonymousUser()).has_role()
    assert not access_for(inactive).has_role()
    assert not visible_regions(inactive).exists()


def test_an_organisation_without_regions_grants_none(db):
    membership = MembershipFactory(organisation=OrganisationFactory(), role=Membership.Role.CORPORATION_STAFF)
    assert access_for(membership.user).region_ids() == set()


def test_access_is_read_once_per_user_object(party, coordinator, django_assert_num_queries):
    with django_assert_num_queries(1):
        access_for(coordinator)
        access_for(coordinator)
        access_for(coordinator).region_ids()
