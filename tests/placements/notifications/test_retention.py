"""A client reduced by the retention keeps no notification: their text names the old reference."""

from datetime import date

import pytest

from placements.audit.retention import apply_retention
from placements.models import Notification, NotificationKind
from tests.factories import OutflowCaseFactory

pytestmark = pytest.mark.django_db


def test_the_retention_deletes_the_notifications_of_a_reduced_client(party, users):
    def told(case):
        return Notification.objects.create(
            recipient=users["coordinator"], kind=NotificationKind.URGENCY_REQUESTED, case=case,
            text=f"Urgentie voor {case.reference}", event_key=f"test:{case.pk}",
        )  # fmt: skip

    closed = dict(status="closed", closed_reason="withdrawn", ready_on=date(2019, 1, 1), region=party.region)
    due = told(OutflowCaseFactory(**closed, closed_on=date(2020, 1, 1)))
    kept = told(OutflowCaseFactory(**closed, closed_on=date(2023, 6, 1)))
    apply_retention(today=date(2024, 3, 1))
    assert list(Notification.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not Notification.objects.filter(pk=due.pk).exists()
