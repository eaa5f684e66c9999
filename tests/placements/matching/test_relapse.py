"""A relapse is recorded up to 730 days after moving in, also after aftercare ended, and the figures count it."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from placements.matching.services import (
    accept_placement,
    end_placement,
    hand_over_keys,
    propose_placement,
    record_relapse,
)
from placements.models import FlowFigure, OutflowCase, Placement
from placements.records.services import TransitionNotAllowed
from tests.helpers import run_figures, submitted

pytestmark = pytest.mark.django_db
MOVED_IN = date(2025, 5, 1)


@pytest.fixture
def aftercare_ended(users, dwelling, case):
    """Moved in on 1 May 2025, aftercare ended on 1 November 2025."""
    OutflowCase.objects.filter(pk=case.pk).update(ready_on=date(2025, 3, 1))
    with time_machine.travel(date(2025, 4, 20), tick=False):
        placement = propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=users["coordinator"])
        accept_placement(placement_id=placement.pk, by=users["corporation_a"])
    with time_machine.travel(MOVED_IN, tick=False):
        hand_over_keys(placement_id=placement.pk, by=users["corporation_a"], moved_in_on=MOVED_IN)
    with time_machine.travel(date(2025, 11, 1), tick=False):
        end_placement(placement_id=placement.pk, by=users["care_worker_c"], on=date(2025, 11, 1), relapse=False)
    return placement


@time_machine.travel(date(2026, 6, 1), tick=False)
def test_a_relapse_after_aftercare_ended_is_recorded_and_counted(users, aftercare_ended):
    record_relapse(placement_id=aftercare_ended.pk, by=users["care_worker_c"], on=date(2026, 5, 20))

    placement = Placement.objects.select_related("case").get(pk=aftercare_ended.pk)
    assert (placement.status, placement.ended_on, placement.aftercare_ended_on) == (
        "relapsed", date(2026, 5, 20), date(2025, 11, 1)
    )  # fmt: skip
    assert (placement.case.status, placement.case.closed_reason) == ("closed", "relapse")
    assert placement.case.closed_on == date(2025, 11, 1)
    run_figures(as_of=date(2026, 6, 1))
    may = FlowFigure.objects.get(month=MOVED_IN, region=placement.case.region)
    assert (may.relapse_180, may.relapse_365, may.relapse_730) == (0, 0, 1)


@time_machine.travel(date(2027, 5, 2), tick=False)
def test_a_relapse_after_730_days_is_refused_in_dutch(users, aftercare_ended):
    with pytest.raises(TransitionNotAllowed, match="tot 730 dagen na de verhuizing"):
        record_relapse(placement_id=aftercare_ended.pk, by=users["care_worker_c"], on=date(2027, 5, 2))

    aftercare_ended.refresh_from_db()
    assert aftercare_ended.status == "aftercare_ended"


@time_machine.travel(date(2027, 5, 2), tick=False)
def test_day_730_itself_still_counts(users, aftercare_ended):
    record_relapse(placement_id=aftercare_ended.pk, by=users["coordinator"], on=MOVED_IN + timedelta(days=730))

    aftercare_ended.refresh_from_db()
    assert aftercare_ended.status == "relapsed"


def test_a_relapse_straight_after_moving_in_is_also_bounded(users, dwelling, case):
    OutflowCase.objects.filter(pk=case.pk).update(ready_on=date(2020, 1, 1))
    placement = propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=users["coordinator"])
    accept_placement(placement_id=placement.pk, by=users["corporation_a"])
    hand_over_keys(placement_id=placement.pk, by=users["corporation_a"], moved_in_on=timezone.localdate())
    Placement.objects.filter(pk=placement.pk).update(moved_in_on=timezone.localdate() - timedelta(days=800))

    with pytest.raises(TransitionNotAllowed, match="730 dagen"):
        end_placement(placement_id=placement.pk, by=users["care_worker_c"], on=timezone.localdate(), relapse=True)


@pytest.mark.parametrize(("visitor", "recorded"), [("care_worker_c", True), ("corporation_a", False)])
@time_machine.travel(date(2026, 6, 1), tick=False)
def test_the_placement_page_records_a_later_relapse(client, users, aftercare_ended, visitor, recorded):
    client.force_login(users[visitor])
    url = reverse("placements:placement_action", args=[aftercare_ended.pk])
    client.post(url, submitted({"action": "relapse", "on": "2026-05-20", "confirmed": "1"}))

    aftercare_ended.refresh_from_db()
    assert (aftercare_ended.status == "relapsed") is recorded


@time_machine.travel(date(2026, 6, 1), tick=False)
def test_the_placement_page_offers_the_later_relapse_within_the_window(client, users, aftercare_ended):
    client.force_login(users["care_worker_c"])
    page = client.get(reverse("placements:placement_detail", args=[aftercare_ended.pk])).content.decode()
    assert "Terugval vastleggen" in page

    with time_machine.travel(date(2027, 5, 2), tick=False):
        page = client.get(reverse("placements:placement_detail", args=[aftercare_ended.pk])).content.decode()
    assert "Terugval vastleggen" not in page
