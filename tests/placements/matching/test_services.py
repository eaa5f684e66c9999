"""Placement lifecycle: every transition, every refused one, and the statuses of home and client that follow."""

from datetime import timedelta

import pytest
from django.utils import timezone

from placements.matching.services import (
    NotAllowed,
    accept_placement,
    cancel_placement,
    decline_placement,
    end_placement,
    hand_over_keys,
    plan_key_handover,
    propose_placement,
)
from placements.models import OutflowCase
from placements.records.services import TransitionNotAllowed

pytestmark = pytest.mark.django_db


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
        placement_id=proposed.pk,
        by=users["corporation_a"],
        moved_in_on=timezone.localdate(),
        support_arrangement="Wekelijks",
    )
    assert statuses(proposed) == ("moved_in", "let", "housed")
    end_placement(placement_id=proposed.pk, by=users["care_worker_c"], on=timezone.localdate(), relapse=False)
    assert statuses(proposed) == ("aftercare_ended", "let", "closed")
    assert proposed.case.closed_reason == OutflowCase.ClosedReason.AFTERCARE_ENDED
    assert proposed.decided_by == users["corporation_a"] and proposed.support_arrangement == "Wekelijks"


def test_relapse_closes_the_client_with_that_reason(users, proposed):
    accept_placement(placement_id=proposed.pk, by=users["corporation_a"])
    hand_over_keys(placement_id=proposed.pk, by=users["corporation_a"], moved_in_on=timezone.localdate())
    end_placement(placement_id=proposed.pk, by=users["coordinator"], on=timezone.localdate(), relapse=True)
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
        (lambda u, p: hand_over_keys(placement_id=p.pk, by=u["corporation_a"], moved_in_on=timezone.localdate()), "kan niet naar"),
        (lambda u, p: end_placement(placement_id=p.pk, by=u["care_worker_c"], on=timezone.localdate(), relapse=True), "kan niet naar"),
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
        hand_over_keys(
            placement_id=proposed.pk, by=users["corporation_a"], moved_in_on=timezone.localdate() + timedelta(days=1)
        )
    assert statuses(proposed) == ("accepted", "offered", "matched")


def test_a_key_date_is_planned_after_acceptance_moved_freely_and_kept_after_the_handover(users, proposed):
    today = timezone.localdate()
    with pytest.raises(TransitionNotAllowed, match="geaccepteerd"):
        plan_key_handover(placement_id=proposed.pk, by=users["corporation_a"], on=today)
    accept_placement(placement_id=proposed.pk, by=users["corporation_a"])
    plan_key_handover(placement_id=proposed.pk, by=users["corporation_a"], on=today + timedelta(days=10))
    plan_key_handover(placement_id=proposed.pk, by=users["coordinator"], on=today)
    hand_over_keys(placement_id=proposed.pk, by=users["corporation_a"], moved_in_on=today)
    proposed.refresh_from_db()
    assert (proposed.keys_planned_on, proposed.moved_in_on) == (today, today)
    with pytest.raises(TransitionNotAllowed, match="geaccepteerd"):
        plan_key_handover(placement_id=proposed.pk, by=users["corporation_a"], on=today + timedelta(days=1))


@pytest.mark.parametrize(("days", "message"), [(-1, "verleden"), (366, "binnen een jaar")])
def test_a_key_date_in_the_past_or_over_a_year_ahead_is_refused(users, proposed, days, message):
    accept_placement(placement_id=proposed.pk, by=users["corporation_a"])
    with pytest.raises(TransitionNotAllowed, match=message):
        plan_key_handover(
            placement_id=proposed.pk, by=users["corporation_a"], on=timezone.localdate() + timedelta(days=days)
        )
    proposed.refresh_from_db()
    assert proposed.keys_planned_on is None


@pytest.mark.parametrize("who", ["corporation_b", "care_worker_c", "foreign_coordinator", "manager"])
def test_only_the_homes_corporation_or_the_coordinator_plans_the_keys(users, proposed, who):
    accept_placement(placement_id=proposed.pk, by=users["corporation_a"])
    with pytest.raises(NotAllowed):
        plan_key_handover(placement_id=proposed.pk, by=users[who], on=timezone.localdate())
    proposed.refresh_from_db()
    assert proposed.keys_planned_on is None


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
