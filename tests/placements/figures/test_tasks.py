"""The figures tasks on a real worker and Redis: the nightly run (scheduled in Amsterdam time), and a recompute
that the broker refused at first, handed over by the outbox task."""

from unittest import mock

import pytest
from django.utils import timezone
from kombu.exceptions import OperationalError

from placements.figures import services, tasks
from placements.figures.tasks import nightly_figures
from placements.models import FigureRun, QuotaFigure
from tests.factories import AgreementFactory
from tests.helpers import poll

pytestmark = pytest.mark.django_db


def test_the_nightly_task_is_scheduled_at_half_past_two_amsterdam_time(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["placements-nightly-figures"]
    assert entry["task"] == "placements.tasks.nightly_figures"
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({2}, {30})
    assert settings.CELERY_TIMEZONE == "Europe/Amsterdam"


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_worker_on_redis_runs_the_nightly_figures(worker, party):
    AgreementFactory(region=party.region, corporation=party.corporation, quota=40, year=timezone.localdate().year)
    status = nightly_figures.apply_async(queue=worker).get(timeout=120)
    assert status == FigureRun.Status.SUCCEEDED
    run = FigureRun.objects.get(live=False)  # the agreement's commit also requested a live run of the region
    assert run.region is None and run.rows["quota"] >= 1
    assert QuotaFigure.objects.filter(region=party.region, corporation=party.corporation).exists()


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_run_the_broker_refused_is_carried_out_by_a_worker_after_the_outbox_pass(worker, party):
    run = services.queue_run(region_id=party.region.pk)
    with mock.patch.object(tasks.recompute_figures, "apply_async", side_effect=OperationalError("Redis is weg")):
        assert tasks.hand_over(run_id=run.pk) == []
    send = tasks.recompute_figures.apply_async
    # The broker is back; this test's worker listens on a queue of its own.
    with mock.patch.object(tasks.recompute_figures, "apply_async", lambda *a, **kw: send(*a, queue=worker, **kw)):
        assert tasks.hand_over_figure_runs() == {"expired": [], "handed_over": [run.pk]}
    status = poll(lambda: FigureRun.objects.get(pk=run.pk).status, until=lambda s: s not in FigureRun.UNFINISHED)
    assert status == FigureRun.Status.SUCCEEDED
