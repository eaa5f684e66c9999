"""The dashboard follows a recompute: without JavaScript a meta refresh while the run is queued or running, for
the person who follows it only, with a way to stop (a refresh nobody asked for fails WCAG 2.2.1, F41)."""

import pytest
from django.urls import reverse

from placements.figures import services as reports
from placements.models import FigureRun
from tests.helpers import submitted

pytestmark = pytest.mark.django_db
# Without JavaScript the page reloads itself; with it static/js/follow.js puts the new state in place.
REFRESH = '<noscript><meta http-equiv="refresh" content="15"></noscript>'


def test_asking_for_a_recompute_follows_the_run_until_it_is_done(client, users, party, figures, monkeypatch):
    monkeypatch.setattr("placements.figures.views.hand_over", lambda **kwargs: None)  # stays queued
    client.force_login(users["coordinator"])
    response = client.post(reverse("placements:dashboard_recompute", args=[party.region.pk]), submitted({}))
    html = client.get(response["Location"]).content.decode()
    assert REFRESH in html and "in de wachtrij" in html and "Stop met verversen" in html
    reports.run_figures(run_id=FigureRun.objects.get(region=party.region).pk)
    assert REFRESH not in client.get(response["Location"]).content.decode()


def test_a_visitor_of_a_queued_run_is_offered_to_follow_it_but_not_refreshed(client, users, party, figures):
    reports.queue_run(region_id=party.region.pk, requested_by=users["coordinator"])
    client.force_login(users["manager"])
    html = client.get(reverse("placements:dashboard_region", args=[party.region.pk])).content.decode()
    assert REFRESH not in html and "Volg de herberekening" in html


def test_no_refresh_without_a_run_in_progress(client, users, party, figures):
    client.force_login(users["coordinator"])
    url = reverse("placements:dashboard_region", args=[party.region.pk])
    html = client.get(f"{url}?volgen=1").content.decode()
    assert REFRESH not in html
    assert "Volg de herberekening" not in html and "Stop met verversen" not in html
