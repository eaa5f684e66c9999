"""What the pages read of the stored figures (placements/figures/selectors.py), cached: a year shows as soon as a run
stored figures for it."""

from datetime import date

import pytest
from django.urls import reverse

from placements.figures import services as reports
from placements.models import FigureRun, FlowFigure

pytestmark = pytest.mark.django_db


def test_the_report_form_offers_a_year_as_soon_as_a_run_stored_its_figures(client, users, party, figures):
    client.force_login(users["manager"])
    url = reverse("placements:report")
    assert 2021 not in dict(client.get(url).context["form"].fields["year"].choices)
    # What a run leaves behind: figures for a year, then the run's own save when it finishes.
    stored = FlowFigure.objects.filter(region=party.region).first()
    stored.pk, stored.month = None, date(2021, 5, 1)
    stored.save()
    run = reports.queue_run(region_id=party.region.pk)
    assert 2021 in dict(client.get(url).context["form"].fields["year"].choices)
    assert run.status == FigureRun.Status.QUEUED
