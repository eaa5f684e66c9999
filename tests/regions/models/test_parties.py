"""Every rule of organisations and memberships (regions/models/parties.py): the friendly message from full_clean(),
and the database constraint that holds even when a bug skips validation."""

import pytest
from django.core.exceptions import ValidationError

from regions.models import Membership, Organisation
from tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
)
from tests.helpers import field_messages, raises_integrity

pytestmark = pytest.mark.django_db


def test_only_a_municipality_organisation_links_to_a_municipality():
    organisation = OrganisationFactory.build(kind=Organisation.Kind.CORPORATION, municipality=MunicipalityFactory())
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "soort gemeente" in " ".join(error.value.messages)
    raises_integrity(organisation.save)


@pytest.mark.parametrize(
    ("role", "kind", "allowed"),
    [
        (Membership.Role.COORDINATOR, Organisation.Kind.MUNICIPALITY, True),
        (Membership.Role.COORDINATOR, Organisation.Kind.CORPORATION, False),
        (Membership.Role.CORPORATION_STAFF, Organisation.Kind.CORPORATION, True),
        (Membership.Role.CORPORATION_STAFF, Organisation.Kind.CARE_PROVIDER, False),
        (Membership.Role.CARE_WORKER, Organisation.Kind.CARE_PROVIDER, True),
        (Membership.Role.CARE_WORKER, Organisation.Kind.MUNICIPALITY, False),
        (Membership.Role.MANAGER, Organisation.Kind.MUNICIPALITY, True),
        (Membership.Role.MANAGER, Organisation.Kind.CORPORATION, True),
        (Membership.Role.MANAGER, Organisation.Kind.CARE_PROVIDER, True),
    ],
)
def test_a_role_fits_only_its_kind_of_organisation(role, kind, allowed):
    membership = MembershipFactory.build(
        role=role, organisation=OrganisationFactory(kind=kind), user=MembershipFactory().user
    )
    if allowed:
        membership.full_clean()
    else:
        with pytest.raises(ValidationError) as error:
            membership.full_clean()
        assert "past niet bij" in field_messages(error.value, "role")


def test_a_user_holds_a_role_once_per_organisation():
    membership = MembershipFactory()
    duplicate = Membership(user=membership.user, organisation=membership.organisation, role=membership.role)
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "heeft deze rol al" in " ".join(error.value.messages)
    raises_integrity(duplicate.save)
