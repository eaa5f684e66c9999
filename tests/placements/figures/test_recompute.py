"""The recompute button (placements/figures/views.py RecomputeView): a run no worker will finish never blocks it,
and a broker that is away never turns the request into an error page; the outbox starts the run later."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from kombu.exceptions import OperationalError

from placements.figures import services, tasks
from placements.models import FigureRun
from tests.helpers import past_hard_limit, run_left_running, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def recompute(client, users, party, django_capture_on_commit_callbacks):
    """POST the button as the region's coordinator, with the after-commit hand-over; returns the response."""
    client.force_login(users["coordinator"])

    def post():
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("placements:dashboard_recompute", args=[party.region.pk]), submitted({}))

    return post


def told(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_button_queues_a_new_run_when_the_last_was_left_running_past_the_hard_limit(recompute, party):
    stuck = run_left_running(region_id=party.region.pk, minutes_ago=past_hard_limit(1))
    response = recompute()
    assert told(response) == ["De herberekening is aangevraagd."]
    assert FigureRun.objects.get(pk=stuck.pk).status == FigureRun.Status.INTERRUPTED
    new = FigureRun.objects.exclude(pk=stuck.pk).get(region=party.region)
    assert new.status == FigureRun.Status.SUCCEEDED  # eager here; a worker in production


def test_the_button_waits_for_a_run_within_the_hard_limit(recompute, party):
    run_left_running(region_id=party.region.pk, minutes_ago=past_hard_limit(-1))
    assert told(recompute()) == ["Er loopt al een herberekening voor deze regio."]
    assert FigureRun.objects.filter(region=party.region).count() == 1


def test_a_run_requested_while_the_broker_is_away_is_recorded_and_started_by_the_outbox(
    recompute, party, monkeypatch, caplog
):
    monkeypatch.setattr(tasks.recompute_figures, "apply_async", broker_away)
    response = recompute()
    assert response.status_code == 302 and told(response) == ["De herberekening is aangevraagd."]
    run = FigureRun.objects.get(region=party.region)
    assert (run.status, run.handed_over_at) == (FigureRun.Status.QUEUED, None)
    assert f"figure run {run.pk} not handed to the broker" in caplog.text
    monkeypatch.undo()  # the broker is back
    assert tasks.hand_over_figure_runs()["handed_over"] == [run.pk]
    assert FigureRun.objects.get(pk=run.pk).status == FigureRun.Status.SUCCEEDED


def test_pressing_again_hands_over_the_regions_run_the_broker_refused(recompute, party):
    run = services.queue_run(region_id=party.region.pk)  # recorded, never handed over
    assert told(recompute()) == ["Er loopt al een herberekening voor deze regio."]
    assert FigureRun.objects.get(pk=run.pk).status == FigureRun.Status.SUCCEEDED


def broker_away(*args, **kwargs):
    raise OperationalError("Error 111 connecting to redis:6379. Connection refused.")
