"""The dashboard's "Stand van de cijfers" is the run that published the shown year's figures: after a later run
for an earlier date (which covers other years) it still shows the newest run for the current date."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from placements.figures import services, tasks
from placements.models import FigureRun, QuotaFigure

pytestmark = pytest.mark.django_db


def test_a_run_for_an_earlier_date_does_not_become_the_dashboards_stand(client, users, party, figures):
    earlier = services.run_figures(
        run_id=services.queue_run(region_id=None, as_of=date(timezone.localdate().year - 3, 6, 1)).pk
    )
    assert earlier.finished_at > figures.finished_at
    client.force_login(users["coordinator"])
    response = client.get(reverse("placements:dashboard_region", args=[party.region.pk]))
    assert response.context["last_success"] == figures
    assert f"Peildatum: {timezone.localdate():%-d}" in response.content.decode()
    last_year = client.get(
        reverse("placements:dashboard_region", args=[party.region.pk]), {"jaar": figures.as_of.year - 1}
    )
    assert last_year.context["last_success"] == figures  # the current run covers last year too


def test_after_a_nightly_run_for_an_earlier_date_in_the_current_years_the_dashboard_shows_today(
    client, users, party, figures
):
    """Such a run replaces the current years' figures; the task puts today's back at once, so the dashboard does not
    keep showing the figures of that earlier day."""
    earlier = timezone.localdate() - timedelta(days=40)
    assert tasks.nightly_figures(earlier.isoformat()) == FigureRun.Status.SUCCEEDED
    assert FigureRun.objects.filter(as_of=earlier, status=FigureRun.Status.SUCCEEDED).exists()
    client.force_login(users["coordinator"])
    response = client.get(reverse("placements:dashboard_region", args=[party.region.pk]))
    shown = response.context["last_success"]
    assert shown.as_of == timezone.localdate() and shown.pk != figures.pk
    assert set(QuotaFigure.objects.values_list("run_id", flat=True)) == {shown.pk}


def test_the_dashboard_states_the_as_of_date(client, users, party, figures):
    client.force_login(users["coordinator"])
    html = client.get(reverse("placements:dashboard_region", args=[party.region.pk])).content.decode()
    assert "Cijfers van" in html and "Peildatum:" in html


def test_the_dashboard_gives_the_age_of_the_oldest_open_proposal(client, users, party, figures):
    QuotaFigure.objects.update(in_progress=2, in_progress_oldest_days=103)
    client.force_login(users["coordinator"])
    html = client.get(reverse("placements:dashboard_region", args=[party.region.pk])).content.decode()
    assert "(oudste 103 dagen)" in html
