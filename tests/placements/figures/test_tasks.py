"""The nightly figures task: scheduled in Amsterdam time, and carried out by a real worker on Redis."""

import pytest
from django.utils import timezone

from placements.figures.tasks import nightly_figures
from placements.models import FigureRun, QuotaFigure
from tests.factories import AgreementFactory

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
    run = FigureRun.objects.get()
    assert run.region is None and run.rows["quota"] >= 1
    assert QuotaFigure.objects.filter(region=party.region, corporation=party.corporation).exists()
