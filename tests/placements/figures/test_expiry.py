"""Runs no worker will finish (placements/figures/services.py expire_stale_runs): closed with a Dutch explanation,
so none blocks a region for ever; a run that may still start or finish is left alone."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from placements.figures import services
from placements.models import FigureRun
from tests.helpers import past_hard_limit, run_left_running

pytestmark = pytest.mark.django_db


def test_a_run_still_running_after_the_hard_time_limit_is_interrupted_with_a_dutch_explanation(party):
    run = run_left_running(region_id=party.region.pk, minutes_ago=past_hard_limit(0.1))
    assert services.expire_stale_runs() == [run.pk]
    run.refresh_from_db()
    assert run.status == FigureRun.Status.INTERRUPTED and run.get_status_display() == "Afgebroken"
    assert run.error == (
        "De berekening is afgebroken: niet klaar binnen 15 minuten. Mogelijk is de werker gestopt of de database "
        "onderbroken. Vraag een nieuwe berekening aan."
    )
    assert run.finished_at is not None


def test_a_run_within_the_hard_time_limit_is_left_running(party):
    run = run_left_running(region_id=party.region.pk, minutes_ago=past_hard_limit(-0.1))
    assert services.expire_stale_runs() == []
    assert FigureRun.objects.get(pk=run.pk).status == FigureRun.Status.RUNNING


def test_a_late_delivery_of_an_interrupted_run_does_nothing(party):
    run = run_left_running(region_id=party.region.pk, minutes_ago=past_hard_limit(1))
    services.expire_stale_runs()
    assert services.run_figures(run_id=run.pk).status == FigureRun.Status.INTERRUPTED  # the broker's redelivery


def test_a_run_waiting_for_the_broker_is_never_expired(party):
    """Nothing lost: a request that no broker took yet (Redis away for hours) stays queued until one does."""
    with time_machine.travel(timezone.now() - timedelta(hours=5), tick=False):
        run = services.queue_run(region_id=party.region.pk)
    assert services.expire_stale_runs() == []
    assert FigureRun.objects.get(pk=run.pk).status == FigureRun.Status.QUEUED


def test_a_run_no_worker_starts_after_the_last_hand_over_fails_with_a_dutch_explanation(party, settings):
    settings.FIGURE_RUN_MAX_HAND_OVERS, settings.FIGURE_RUN_REQUEUE_SECONDS = 3, 300
    start = timezone.now()
    run = services.queue_run(region_id=party.region.pk)
    for minutes in (0, 6, 12):  # three hand-overs whose messages no worker carried out
        assert services.mark_for_hand_over(now=start + timedelta(minutes=minutes))[0] == [run.pk]
    assert services.mark_for_hand_over(now=start + timedelta(minutes=18))[0] == []  # no fourth
    assert services.expire_stale_runs(now=start + timedelta(minutes=16)) == []  # the last one may still start
    assert services.expire_stale_runs(now=start + timedelta(minutes=18)) == [run.pk]
    run.refresh_from_db()
    assert run.status == FigureRun.Status.FAILED
    assert run.error == (
        "De berekening is niet gestart: de aanvraag is 3 keer aan de werker gegeven. Vraag een nieuwe berekening "
        f"aan; gebeurt dit vaker, meld het dan bij de beheerder (nummer {run.pk})."
    )
