"""The cast of the organisation administrator's tests: an administrator and a member of corporation A, the same of
corporation B (another organisation in the same region)."""

import pytest

from regions.models import Membership

Role = Membership.Role


@pytest.fixture
def admin_a(member):
    return member(Role.ORG_ADMIN, "corporation", username="beheerder-a", first_name="Anna", last_name="Admin")


@pytest.fixture
def staff_a(member):
    return member(Role.CORPORATION_STAFF, "corporation", username="medewerker-a")


@pytest.fixture
def admin_b(member):
    return member(Role.ORG_ADMIN, "other_corporation", username="beheerder-b")


@pytest.fixture
def staff_b(member):
    return member(Role.CORPORATION_STAFF, "other_corporation", username="medewerker-b")
