"""A client moves in before the date they were ready: only the coordinator records it, with a reason that the
corporation does not read; the figures count that wait as 0 days, never negative."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from placements.matching.services import accept_placement, hand_over_keys
from placements.models import FlowFigure
from placements.records.services import TransitionNotAllowed
from tests.helpers import run_figures

pytestmark = pytest.mark.django_db
REASON = "Kamer kwam vrij, begeleiding start al"


@pytest.fixture
def early(users, proposed):
    """An accepted proposal whose client is ready only tomorrow, proposed five days ago."""
    case = proposed.case
    case.ready_on = timezone.localdate() + timedelta(days=1)
    case.save(update_fields=["ready_on"])
    proposed.proposed_at -= timedelta(days=5)
    proposed.save(update_fields=["proposed_at"])
    return accept_placement(placement_id=proposed.pk, by=users["corporation_a"])


@pytest.mark.parametrize(("who", "reason"), [("corporation_a", REASON), ("coordinator", " ")])
def test_a_move_before_the_ready_date_needs_the_coordinator_and_a_reason(users, early, who, reason):
    with pytest.raises(TransitionNotAllowed, match="alleen de regisseur"):
        hand_over_keys(placement_id=early.pk, by=users[who], moved_in_on=timezone.localdate(), early_reason=reason)


def test_the_coordinator_records_it_and_the_corporation_does_not_read_why(client, users, early):
    hand_over_keys(
        placement_id=early.pk, by=users["coordinator"], moved_in_on=timezone.localdate(), early_reason=REASON
    )
    early.refresh_from_db()
    assert (early.status, early.early_move_reason) == ("moved_in", REASON)
    url = reverse("placements:placement_detail", args=[early.pk])
    client.force_login(users["corporation_a"])
    assert REASON not in client.get(url).content.decode()
    client.force_login(users["coordinator"])
    assert REASON in client.get(url).content.decode()


def test_the_figures_count_an_early_move_as_no_waiting(users, early, party):
    today = timezone.localdate()
    hand_over_keys(placement_id=early.pk, by=users["coordinator"], moved_in_on=today, early_reason=REASON)
    run_figures(party.region.pk, as_of=today)
    month = FlowFigure.objects.get(region=party.region, month=today.replace(day=1))
    assert (month.housed, month.median_days) == (1, 0)
