"""The regional dashboard: who may see it, that it reads stored figures only, and the recompute button."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from placements.figures import services as reports
from placements.models import FigureRun, QuotaFigure
from regions.models import Agreement
from tests.helpers import VISITORS, expected_status, submitted

pytestmark = pytest.mark.django_db

DASHBOARD = {"coordinator": 200, "manager": 200, "foreign_coordinator": 404}
RECOMPUTE = {"coordinator": 302, "foreign_coordinator": 404}


@pytest.mark.parametrize("visitor", VISITORS)
def test_the_dashboard_shows_only_to_coordinators_and_managers_of_the_region(client, users, party, figures, visitor):
    if users[visitor]:
        client.force_login(users[visitor])
    response = client.get(reverse("placements:dashboard_region", args=[party.region.pk]))
    assert response.status_code == expected_status(visitor, DASHBOARD)
    if response.status_code == 200:
        html = response.content.decode()
        assert "Corporatie A" in html and "Cijfers van" in html
        assert "ZAA-" not in html  # never client-level data


@pytest.mark.parametrize("visitor", VISITORS)
def test_only_a_coordinator_of_the_region_can_recompute_its_figures(
    client, users, party, visitor, django_capture_on_commit_callbacks
):
    if users[visitor]:
        client.force_login(users[visitor])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("placements:dashboard_recompute", args=[party.region.pk]), submitted({}))
    assert response.status_code == expected_status(visitor, RECOMPUTE)
    runs = FigureRun.objects.filter(region=party.region)
    if visitor == "coordinator":
        assert runs.get().status == FigureRun.Status.SUCCEEDED  # eager here; a worker in production
        assert runs.get().requested_by == users["coordinator"]
    else:
        assert not runs.exists()


def test_dashboard_reads_stored_figures_only(client, users, party, figures):
    client.force_login(users["manager"])
    url = reverse("placements:dashboard_region", args=[party.region.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    sql = " ".join(q["sql"] for q in captured)
    assert "placements_placement" not in sql and "INSERT INTO placements_" not in sql
    assert QuotaFigure.objects.count() == 1


def test_the_page_shows_a_run_in_progress(client, users, party, figures):
    reports.queue_run(region_id=party.region.pk, requested_by=users["coordinator"])
    client.force_login(users["coordinator"])
    html = client.get(reverse("placements:dashboard_region", args=[party.region.pk])).content.decode()
    assert "in de wachtrij" in html


def test_a_new_run_shows_new_figures_through_the_cache(client, users, party, figures):
    client.force_login(users["manager"])
    url = reverse("placements:dashboard_region", args=[party.region.pk])
    assert "<td>40</td>" in client.get(url).content.decode()
    Agreement.objects.update(quota=55)
    assert "<td>40</td>" in client.get(url).content.decode()  # still the published figures
    reports.run_figures(run_id=reports.queue_run(region_id=party.region.pk).pk)
    html = client.get(url).content.decode()
    assert "<td>55</td>" in html and "<td>40</td>" not in html


def test_the_status_line_follows_a_run_from_queued_to_running_to_done(client, users, party, figures, monkeypatch):
    """The run status is read from the cache (placements.figures.selectors.published_runs); every step of a run must show
    at the next page view, including the claim, which is an update() that sends no signal."""
    client.force_login(users["coordinator"])
    url = reverse("placements:dashboard_region", args=[party.region.pk])
    assert "in de wachtrij" not in client.get(url).content.decode()
    run = reports.queue_run(region_id=party.region.pk, requested_by=users["coordinator"])
    assert "in de wachtrij" in client.get(url).content.decode()
    seen_while_running = []
    replace = reports._replace_figures

    def replace_and_look(run):
        seen_while_running.append(client.get(url).content.decode())
        return replace(run)

    monkeypatch.setattr(reports, "_replace_figures", replace_and_look)
    reports.run_figures(run_id=run.pk)
    assert "bezig" in seen_while_running[0] and "in de wachtrij" not in seen_while_running[0]
    html = client.get(url).content.decode()
    assert "bezig" not in html and "in de wachtrij" not in html
