"""Proposing a home to a client: only by a coordinator of the region, only a free home to a waiting client (neither can
then be withdrawn or closed), and a dispersion rule that blocks (unless a reason is given) or warns."""

import pytest
from django.utils import timezone

from placements.matching.services import (
    DispersionLimitReached,
    NotAllowed,
    propose_placement,
)
from placements.models import Dwelling, Placement
from placements.records.services import TransitionNotAllowed, close_case, reinstate_dwelling, withdraw_dwelling
from regions.models import DispersionRule
from tests.factories import DispersionRuleFactory

pytestmark = pytest.mark.django_db


def test_only_a_coordinator_of_the_region_may_propose(users, dwelling, case):
    for who in ("care_worker_c", "corporation_a", "foreign_coordinator", "manager"):
        with pytest.raises(NotAllowed):
            propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=users[who])
    assert not Placement.objects.exists()


def test_a_withdrawn_home_or_a_closed_client_cannot_be_proposed(users, dwelling, case, other_case):
    withdraw_dwelling(dwelling_id=dwelling.pk, by=users["coordinator"])
    with pytest.raises(TransitionNotAllowed, match="niet beschikbaar"):
        propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=users["coordinator"])
    reinstate_dwelling(dwelling_id=dwelling.pk, by=users["coordinator"])
    close_case(case_id=case.pk, reason="withdrawn", on=timezone.localdate(), by=users["care_worker_c"])
    with pytest.raises(TransitionNotAllowed, match="wacht niet"):
        propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=users["coordinator"])


def test_an_offered_home_cannot_be_withdrawn_and_a_matched_client_not_closed(users, proposed):
    with pytest.raises(TransitionNotAllowed):
        withdraw_dwelling(dwelling_id=proposed.dwelling_id, by=users["coordinator"])
    with pytest.raises(TransitionNotAllowed):
        close_case(case_id=proposed.case_id, reason="withdrawn", on=timezone.localdate(), by=users["care_worker_c"])


def test_a_blocking_rule_refuses_without_reason_and_accepts_with_one(users, party, dwelling, case):
    DispersionRuleFactory(region=party.region, max_new_per_neighbourhood=None, max_active_per_building=None,
                          max_per_thousand_stock="0.5", mode=DispersionRule.Mode.BLOCK)  # fmt: skip
    with pytest.raises(DispersionLimitReached) as refused:
        propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=users["coordinator"])
    assert refused.value.figures.breaches
    assert not Placement.objects.exists()
    assert Dwelling.objects.get(pk=dwelling.pk).status == "reserved"
    placement = propose_placement(
        dwelling_id=dwelling.pk,
        case_id=case.pk,
        by=users["coordinator"],
        override_reason="Enige passende woning; buurtteam betrokken",
    )
    assert placement.override_reason == "Enige passende woning; buurtteam betrokken"
    assert placement.dispersion_snapshot["breaches"]


def test_a_warning_rule_lets_the_proposal_through_and_keeps_the_figures(users, party, dwelling, case):
    DispersionRuleFactory(
        region=party.region, max_new_per_neighbourhood=None, max_per_thousand_stock="0.5", mode=DispersionRule.Mode.WARN
    )
    placement = propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=users["coordinator"])
    assert placement.dispersion_snapshot["mode"] == "warn" and placement.dispersion_snapshot["breaches"]
