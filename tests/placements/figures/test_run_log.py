"""The run log on the dashboard (templates/placements/_dashboard_runs.html): the region's runs and the all-regions
runs with their times and Dutch explanation, for the region's coordinators and managers only, fresh after every
run; and a run left running shows as interrupted at the next view."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from placements.figures import services
from placements.models import FigureRun
from tests.helpers import VISITORS, expected_status, past_hard_limit, run_left_running

pytestmark = pytest.mark.django_db

DASHBOARD = {"coordinator": 200, "manager": 200, "foreign_coordinator": 404}
EXPLANATION = "de beheerder vindt de details in het logboek onder nummer"


def failed_run(region_id: int | None) -> FigureRun:
    """A run that failed, recorded as `run_figures` records one."""
    run = services.queue_run(region_id=region_id)
    FigureRun.objects.filter(pk=run.pk).update(
        status=FigureRun.Status.FAILED,
        started_at=datetime(2026, 11, 30, 9, 0, tzinfo=UTC),
        finished_at=datetime(2026, 11, 30, 9, 2, tzinfo=UTC),
        duration_ms=123_400,
        error=f"De berekening is mislukt door een technische fout; {EXPLANATION} {run.pk}.",
    )
    services.bump_figures_version()
    return FigureRun.objects.get(pk=run.pk)


def dashboard(client, party) -> str:
    return client.get(reverse("placements:dashboard_region", args=[party.region.pk])).content.decode()


@pytest.mark.parametrize("visitor", VISITORS)
def test_the_run_log_shows_only_to_coordinators_and_managers_of_the_region(client, users, party, figures, visitor):
    run = failed_run(party.region.pk)
    if users[visitor]:
        client.force_login(users[visitor])
    response = client.get(reverse("placements:dashboard_region", args=[party.region.pk]))
    assert response.status_code == expected_status(visitor, DASHBOARD)
    html = response.content.decode()
    assert ("Logboek van de berekeningen" in html) == (response.status_code == 200)
    assert (f"{EXPLANATION} {run.pk}." in html) == (response.status_code == 200)


def test_the_run_log_lists_the_regions_and_the_all_regions_runs_not_another_regions(client, users, party, figures):
    own, nightly = failed_run(party.region.pk), failed_run(None)
    foreign = failed_run(users["foreign_coordinator"].memberships.get().organisation.regions.get().pk)
    client.force_login(users["manager"])
    html = dashboard(client, party)
    assert f"{EXPLANATION} {own.pk}." in html and f"{EXPLANATION} {nightly.pk}." in html
    assert f"{EXPLANATION} {foreign.pk}." not in html
    assert '<th scope="col">Status</th>' in html and "<caption>" in html
    assert "<td>alle regio's</td>" in html and "Mislukt" in html and "123,4 s" in html and "30-11-2026 10:02" in html


def test_the_run_log_shows_a_new_run_at_the_next_view(client, users, party, figures):
    client.force_login(users["coordinator"])
    assert EXPLANATION not in dashboard(client, party)  # cached now
    run = failed_run(party.region.pk)
    assert f"{EXPLANATION} {run.pk}." in dashboard(client, party)


def test_a_run_left_running_past_the_hard_limit_shows_as_interrupted_at_the_next_view(client, users, party, figures):
    stuck = run_left_running(region_id=party.region.pk, minutes_ago=past_hard_limit(1))
    client.force_login(users["manager"])
    html = dashboard(client, party)
    assert FigureRun.objects.get(pk=stuck.pk).status == FigureRun.Status.INTERRUPTED
    assert "Afgebroken" in html and "niet klaar binnen 15 minuten" in html and "Bezig" not in html


def test_the_dashboard_looks_for_stale_runs_only_when_a_run_is_unfinished_and_old(client, users, party, figures):
    client.force_login(users["manager"])
    run_left_running(region_id=party.region.pk, minutes_ago=past_hard_limit(-1))
    with CaptureQueriesContext(connection) as captured:
        assert '<td class="run-running">Bezig</td>' in dashboard(client, party)
    assert not any("FOR UPDATE" in query["sql"] for query in captured)


def test_the_run_log_reads_in_english_with_the_stored_explanation_in_dutch(client, users, party, figures):
    run = failed_run(party.region.pk)
    client.force_login(users["coordinator"])
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = dashboard(client, party)
    assert "Run log" in html and '<th scope="col">Duration</th>' in html and "<td>all regions</td>" in html
    assert f"{EXPLANATION} {run.pk}." in html  # written in Dutch when the run ended
