"""Placement lifecycle: every transition, every refused one, and the statuses of home and client that follow."""

from datetime import timedelta

import pytest
from django.utils import timezone

from placements.matching.candidates import fitting_cases, fitting_dwellings
from placements.matching.services import (
    DispersionLimitReached,
    NotAllowed,
    accept_placement,
    cancel_placement,
    decline_placement,
    end_placement,
    hand_over_keys,
    propose_placement,
)
from placements.models import Dwelling, OutflowCase, Placement
from placements.records.services import TransitionNotAllowed, close_case, reinstate_dwelling, withdraw_dwelling
from regions.models import DispersionRule
from tests.factories import DispersionRuleFactory, DwellingFactory, MunicipalityFactory, OutflowCaseFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def proposed(users, dwelling, case):
    return propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=users["coordinator"])


def statuses(placement):
    placement.refresh_from_db()
    placement.dwelling.refresh_from_db()
    placement.case.refresh_from_db()
    return placement.status, placement.dwelling.status, placement.case.status


def test_the_whole_way_from_proposal_to_aftercare(users, proposed):
    assert statuses(proposed) == ("proposed", "offered", "matched")
    accept_placement(placement_id=proposed.pk, by=users["corporation_a"])
    assert statuses(proposed) == ("accepted", "offered", "matched")
    hand_over_keys(
        placement_id=proposed.pk, by=users["corporation_a"], moved_in_on=TODAY, support_arrangement="Wekelijks"
    )
    assert statuses(proposed) == ("moved_in", "let", "housed")
    end_placement(placement_id=proposed.pk, by=users["care_worker_c"], on=TODAY, relapse=False)
    assert statuses(proposed) == ("aftercare_ended", "let", "closed")
    assert proposed.case.closed_reason == OutflowCase.ClosedReason.AFTERCARE_ENDED
    assert proposed.decided_by == users["corporation_a"] and proposed.support_arrangement == "Wekelijks"


def test_relapse_closes_the_client_with_that_reason(users, proposed):
    accept_placement(placement_id=proposed.pk, by=users["corporation_a"])
    hand_over_keys(placement_id=proposed.pk, by=users["corporation_a"], moved_in_on=TODAY)
    end_placement(placement_id=proposed.pk, by=users["coordinator"], on=TODAY, relapse=True)
    assert statuses(proposed) == ("relapsed", "let", "closed")
    assert proposed.case.closed_reason == OutflowCase.ClosedReason.RELAPSE


@pytest.mark.parametrize(
    ("who", "declined_by"), [("corporation_a", "corporation"), ("care_worker_c", "client"), ("coordinator", "client")]
)
def test_a_decline_frees_home_and_client(users, proposed, who, declined_by):
    decline_placement(
        placement_id=proposed.pk, by=users[who], reason="unsuitable_home", note="", declined_by=declined_by
    )
    assert statuses(proposed) == ("declined", "reserved", "waiting")
    assert (proposed.decline_reason, proposed.declined_by) == ("unsuitable_home", declined_by)


def test_cancel_by_the_coordinator_frees_home_and_client(users, proposed):
    accept_placement(placement_id=proposed.pk, by=users["corporation_a"])
    cancel_placement(placement_id=proposed.pk, by=users["coordinator"], note="Cliënt opgenomen")
    assert statuses(proposed) == ("cancelled", "reserved", "waiting")


def test_after_a_decline_the_home_can_be_proposed_again(users, proposed, other_case):
    decline_placement(
        placement_id=proposed.pk, by=users["corporation_a"], reason="nuisance_risk", declined_by="corporation"
    )
    again = propose_placement(dwelling_id=proposed.dwelling_id, case_id=other_case.pk, by=users["coordinator"])
    assert statuses(again) == ("proposed", "offered", "matched")


@pytest.mark.parametrize(
    ("step", "message"),
    [
        (lambda u, p: hand_over_keys(placement_id=p.pk, by=u["corporation_a"], moved_in_on=TODAY), "kan niet naar"),
        (lambda u, p: end_placement(placement_id=p.pk, by=u["care_worker_c"], on=TODAY, relapse=True), "kan niet naar"),
        (lambda u, p: decline_placement(placement_id=p.pk, by=u["corporation_a"], reason="other", declined_by="corporation"), "Licht de reden"),
        (lambda u, p: decline_placement(placement_id=p.pk, by=u["corporation_a"], reason="weet niet", declined_by="corporation"), "Kies een reden"),
    ],
)  # fmt: skip
def test_refused_steps_leave_everything_as_it_was(users, proposed, step, message):
    with pytest.raises(TransitionNotAllowed, match=message):
        step(users, proposed)
    assert statuses(proposed) == ("proposed", "offered", "matched")


def test_accepting_twice_is_refused(users, proposed):
    accept_placement(placement_id=proposed.pk, by=users["corporation_a"])
    with pytest.raises(TransitionNotAllowed):
        accept_placement(placement_id=proposed.pk, by=users["corporation_a"])


def test_keys_cannot_be_handed_over_in_the_future(users, proposed):
    accept_placement(placement_id=proposed.pk, by=users["corporation_a"])
    with pytest.raises(TransitionNotAllowed, match="toekomst"):
        hand_over_keys(placement_id=proposed.pk, by=users["corporation_a"], moved_in_on=TODAY + timedelta(days=1))
    assert statuses(proposed) == ("accepted", "offered", "matched")


@pytest.mark.parametrize(
    ("who", "step"),
    [
        ("corporation_b", lambda u, p: accept_placement(placement_id=p.pk, by=u["corporation_b"])),
        ("coordinator", lambda u, p: accept_placement(placement_id=p.pk, by=u["coordinator"])),
        ("care_worker_d", lambda u, p: decline_placement(placement_id=p.pk, by=u["care_worker_d"], reason="other", note="x", declined_by="client")),
        ("foreign_coordinator", lambda u, p: cancel_placement(placement_id=p.pk, by=u["foreign_coordinator"])),
        ("corporation_a", lambda u, p: cancel_placement(placement_id=p.pk, by=u["corporation_a"])),
    ],
)  # fmt: skip
def test_only_the_right_party_may_take_a_step(users, proposed, who, step):
    with pytest.raises(NotAllowed):
        step(users, proposed)
    assert statuses(proposed) == ("proposed", "offered", "matched")


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
    close_case(case_id=case.pk, reason="withdrawn", on=TODAY, by=users["care_worker_c"])
    with pytest.raises(TransitionNotAllowed, match="wacht niet"):
        propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=users["coordinator"])


def test_an_offered_home_cannot_be_withdrawn_and_a_matched_client_not_closed(users, proposed):
    with pytest.raises(TransitionNotAllowed):
        withdraw_dwelling(dwelling_id=proposed.dwelling_id, by=users["coordinator"])
    with pytest.raises(TransitionNotAllowed):
        close_case(case_id=proposed.case_id, reason="withdrawn", on=TODAY, by=users["care_worker_c"])


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


def test_fitting_clients_for_a_home(party, neighbourhood):
    home = DwellingFactory(
        corporation=party.corporation, neighbourhood=neighbourhood, rooms=2, ground_floor=False, kind="intermediate"
    )

    def make(ref, **kw):
        return OutflowCaseFactory(care_provider=party.care_provider, region=party.region, reference=ref, **kw)

    make("FIT-URGENT", urgency="granted", ready_on=TODAY - timedelta(days=5))
    make("FIT-LONG", ready_on=TODAY - timedelta(days=100))
    make("TOO-BIG", household_size=5)
    make("NEEDS-GROUND", needs_ground_floor=True)
    make("HOUSING-FIRST", support_level="housing_first")
    make("ELSEWHERE").preferred_municipalities.set([MunicipalityFactory(region=party.region, cbs_code="GM0123")])
    make("PREFERS-HERE").preferred_municipalities.set([neighbourhood.municipality])
    make("MATCHED", status="matched")
    assert [c.reference for c in fitting_cases(home)] == ["FIT-URGENT", "FIT-LONG", "PREFERS-HERE"]


def test_fitting_homes_for_a_client(party, neighbourhood):
    client = OutflowCaseFactory(
        care_provider=party.care_provider, region=party.region, household_size=3, needs_ground_floor=True
    )

    def make(street, **kw):
        return DwellingFactory(corporation=party.corporation, neighbourhood=neighbourhood, street=street, **kw)

    make("Fits", rooms=2, ground_floor=True)
    make("TooSmall", rooms=1, ground_floor=True)
    make("Upstairs", rooms=3, ground_floor=False)
    make("Room", rooms=2, ground_floor=True, kind="room")
    make("Taken", rooms=3, ground_floor=True, status="offered")
    assert [d.street for d in fitting_dwellings(client)] == ["Fits"]
