"""Fixtures of the notification tests: the access cast (tests/placements/conftest.py) plus a second coordinator of
the region (a colleague of the actor, who is told) and an inactive member of corporation A (who is not)."""

import pytest

from placements.models import Notification
from regions.models import Membership
from tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def cast(users, party):
    users = dict(users)
    users["coordinator_2"] = MembershipFactory(
        user=UserFactory(username="regisseur-2"), organisation=party.municipality, role=Membership.Role.COORDINATOR
    ).user
    users["inactive_corporation_a"] = MembershipFactory(
        user=UserFactory(username="corporatie-a-weg", is_active=False),
        organisation=party.corporation,
        role=Membership.Role.CORPORATION_STAFF,
    ).user
    return users


@pytest.fixture
def told():
    """The usernames told of `kind`, as a set."""

    def names(kind: str) -> set[str]:
        return set(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))

    return names
