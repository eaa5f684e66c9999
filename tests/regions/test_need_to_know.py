"""Who reads free text about a client: the client's own care provider and the region's coordinators; nobody else
(a corporation, another care provider, a manager, an outsider)."""

import pytest

from regions.access import access_for
from regions.models import Membership
from regions.need_to_know import hidden_fields

pytestmark = pytest.mark.django_db

Role = Membership.Role
NOTES = frozenset({"decision_note", "override_reason", "early_move_reason"})
VISITORS = {  # name: (role, organisation of `party`), and whether they read the notes
    "coordinator": (Role.COORDINATOR, "municipality", True),
    "care worker of the client's provider": (Role.CARE_WORKER, "care_provider", True),
    "care worker of another provider": (Role.CARE_WORKER, "other_care_provider", False),
    "corporation staff": (Role.CORPORATION_STAFF, "corporation", False),
    "manager": (Role.MANAGER, "municipality", False),
    "administrator of the client's provider": (Role.ORG_ADMIN, "care_provider", False),
}


@pytest.mark.parametrize("visitor", list(VISITORS))
def test_only_the_clients_care_provider_and_coordinator_read_notes_about_the_client(member, party, visitor):
    role, organisation, reads = VISITORS[visitor]
    access = access_for(member(role, organisation))
    hidden = hidden_fields(
        access, "placements.Placement", care_provider_id=party.care_provider.pk, region_id=party.region.pk
    )
    assert hidden == (frozenset() if reads else NOTES)


def test_an_outsider_reads_no_notes(outsider, party):
    hidden = hidden_fields(
        access_for(outsider), "placements.Placement", care_provider_id=party.care_provider.pk, region_id=party.region.pk
    )
    assert hidden == NOTES
