"""Two outbox passes at once (two beat ticks, a button pressed meanwhile) never hand over the same run twice and
never wait for each other: a run another transaction holds is skipped (FOR UPDATE SKIP LOCKED)."""

import threading

import pytest
from django.db import connection, transaction

from placements.figures import services
from placements.models import FigureRun


@pytest.mark.django_db(transaction=True)
def test_a_run_another_pass_holds_is_skipped_not_waited_for(party):
    held, free = services.queue_run(region_id=party.region.pk), services.queue_run(region_id=None)
    locked, release = threading.Event(), threading.Event()

    def other_pass():
        try:
            with transaction.atomic():
                FigureRun.objects.select_for_update().get(pk=held.pk)
                locked.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    thread = threading.Thread(target=other_pass)
    thread.start()
    try:
        assert locked.wait(timeout=30)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '2s'")  # waiting instead of skipping would fail, not hang
        assert services.mark_for_hand_over()[0] == [free.pk]
    finally:
        release.set()
        thread.join(timeout=30)
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
    assert services.mark_for_hand_over()[0] == [held.pk]  # next pass, once the other let go
