"""The figure runs' outbox (placements/figures/tasks.py): a requested run reaches a worker even when the first
hand-over to the broker failed or its message was lost, and the nightly run goes the same safe way."""

import logging
from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.utils import timezone
from kombu.exceptions import OperationalError

from placements.figures import services, tasks
from placements.models import FigureRun
from tests.helpers import WorkerKilled, past_hard_limit, run_left_running

pytestmark = pytest.mark.django_db


def test_the_outbox_is_handed_over_every_minute(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["placements-hand-over-figure-runs"]
    assert entry["task"] == "placements.tasks.hand_over_figure_runs"
    assert entry["schedule"].minute == set(range(60)) and entry["options"]["expires"] < 60


def test_a_run_the_broker_refused_stays_in_the_outbox_and_the_next_pass_carries_it_out(party, caplog):
    run = services.queue_run(region_id=party.region.pk)
    with mock.patch.object(tasks.recompute_figures, "apply_async", side_effect=OperationalError("Redis is weg")):
        assert tasks.hand_over(run_id=run.pk) == []
    run.refresh_from_db()
    assert (run.status, run.handed_over_at, run.attempts) == (FigureRun.Status.QUEUED, None, 0)
    assert f"figure run {run.pk} not handed to the broker" in caplog.text
    assert tasks.hand_over_figure_runs() == {"expired": [], "handed_over": [run.pk]}  # eager: carried out here
    assert FigureRun.objects.get(pk=run.pk).status == FigureRun.Status.SUCCEEDED


def test_an_unreachable_broker_is_logged_not_raised(party, caplog):
    """The real client against a port nobody listens on: whatever kombu raises, the caller goes on."""
    run = services.queue_run(region_id=party.region.pk)
    task, app = tasks.recompute_figures, tasks.recompute_figures.app
    unreachable = app.connection_for_write("redis://127.0.0.1:1/0")
    send = task.apply_async
    eager = app.conf.task_always_eager
    app.conf.update(task_always_eager=False)
    try:
        with mock.patch.object(task, "apply_async", lambda *a, **kw: send(*a, connection=unreachable, **kw)):
            assert tasks.hand_over(run_id=run.pk) == []
    finally:
        app.conf.update(task_always_eager=eager)
        unreachable.release()
    assert FigureRun.objects.get(pk=run.pk).handed_over_at is None
    assert any(r.levelno == logging.WARNING and str(run.pk) in r.getMessage() for r in caplog.records)


def test_a_queued_run_whose_message_was_lost_is_handed_over_again_after_the_requeue_time(party, settings):
    settings.FIGURE_RUN_REQUEUE_SECONDS = 300
    run = services.queue_run(region_id=party.region.pk)
    with mock.patch.object(tasks.recompute_figures, "apply_async") as lost:  # the broker takes it, then loses it
        assert tasks.hand_over(run_id=run.pk) == [run.pk] and lost.called
    with time_machine.travel(timezone.now() + timedelta(minutes=4)):
        assert tasks.hand_over_figure_runs()["handed_over"] == []  # not yet: a worker may be about to start it
    with time_machine.travel(timezone.now() + timedelta(minutes=5, seconds=1)):
        assert tasks.hand_over_figure_runs()["handed_over"] == [run.pk]
    run.refresh_from_db()
    assert run.status == FigureRun.Status.SUCCEEDED and run.attempts == 2


def test_the_outbox_pass_closes_runs_left_running(party):
    run = run_left_running(region_id=party.region.pk, minutes_ago=past_hard_limit(1))
    assert tasks.hand_over_figure_runs()["expired"] == [run.pk]
    assert FigureRun.objects.get(pk=run.pk).status == FigureRun.Status.INTERRUPTED


def test_the_nightly_task_closes_runs_left_running_before_it_runs(party):
    stuck = run_left_running(region_id=None, minutes_ago=past_hard_limit(1))
    assert tasks.nightly_figures() == FigureRun.Status.SUCCEEDED
    assert FigureRun.objects.get(pk=stuck.pk).status == FigureRun.Status.INTERRUPTED


def test_a_nightly_run_whose_worker_stopped_before_it_started_is_handed_over_again(party, settings):
    settings.FIGURE_RUN_REQUEUE_SECONDS = 300
    # The worker stops right after recording the run.
    with mock.patch.object(tasks, "run_figures", side_effect=WorkerKilled), pytest.raises(WorkerKilled):
        tasks.nightly_figures()
    run = FigureRun.objects.get()
    assert tasks.hand_over_figure_runs()["handed_over"] == []  # this worker was about to start it
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        assert tasks.hand_over_figure_runs()["handed_over"] == [run.pk]
    assert FigureRun.objects.get(pk=run.pk).status == FigureRun.Status.SUCCEEDED
