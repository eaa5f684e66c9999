"""The recompute status refreshes itself in a real browser: the coordinator who asks for a run sees the status
change until the run is done, then the new figures, with no click. Without JavaScript the page reloads itself (a
<meta> refresh inside <noscript>); with it, static/js/follow.js asks for the page in the background and puts the
new state in place, so nothing reloads under the reader and axe finds no timed reload."""

from placements.figures import services as figure_services
from placements.models import FigureRun
from regions.models import Region
from tests.e2e.conftest import axe_violations


def dashboard_path() -> str:
    return f"/dashboard/{Region.objects.get(code='ZAA').pk}/"


def test_the_dashboard_follows_the_asked_run_in_place_until_it_is_done(visit, monkeypatch):
    monkeypatch.setattr("placements.figures.views.hand_over", lambda **kwargs: None)  # the run waits in the queue
    monkeypatch.setattr("placements.figures.views.REFRESH_SECONDS", 2)
    page = visit("regisseur").go(dashboard_path())
    page.get_by_role("button", name="Nu herberekenen").click()
    page.get_by_text("Deze pagina ververst zich elke 2 seconden").wait_for()
    assert "in de wachtrij" in page.locator(".run-status").inner_text()
    assert axe_violations(page) == []
    onlooker = visit("manager").go(dashboard_path())  # offered to follow, not refreshed
    assert onlooker.get_by_role("link", name="Volg de herberekening").count() and not axe_violations(onlooker)

    page.evaluate("window.notReloaded = true")
    run = FigureRun.objects.get(status=FigureRun.Status.QUEUED)
    figure_services.run_figures(run_id=run.pk)
    page.get_by_text("Stop met verversen").wait_for(state="detached", timeout=15_000)
    assert "in de wachtrij" not in page.locator(".run-status").inner_text()
    assert page.evaluate("window.notReloaded") is True  # put in place, not reloaded
    assert page.locator("#follow-announcement").inner_text().startswith("De herberekening is klaar")
    assert axe_violations(page) == []


def test_without_javascript_the_dashboard_reloads_itself_until_the_run_is_done(visit, monkeypatch):
    monkeypatch.setattr("placements.figures.views.hand_over", lambda **kwargs: None)
    monkeypatch.setattr("placements.figures.views.REFRESH_SECONDS", 1)
    page = visit("regisseur", javascript=False).go(dashboard_path())
    page.get_by_role("button", name="Nu herberekenen").click()
    page.get_by_text("Deze pagina ververst zich elke 1 seconden").wait_for()
    run = FigureRun.objects.get(status=FigureRun.Status.QUEUED)
    figure_services.run_figures(run_id=run.pk)
    # No click, no navigation by the test: the page's own refresh brings the finished state.
    page.get_by_text("Stop met verversen").wait_for(state="detached", timeout=15_000)
    assert "in de wachtrij" not in page.locator(".run-status").inner_text()
