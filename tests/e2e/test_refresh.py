"""The recompute status refreshes itself in a real browser, without JavaScript: the coordinator who asks for a
run sees the page reload until the run is done, then the new figures and no more reloading."""

from placements.figures import services as figure_services
from placements.models import FigureRun
from regions.models import Region
from tests.e2e.conftest import axe_violations


def test_the_dashboard_reloads_itself_until_the_asked_run_is_done(visit, monkeypatch):
    monkeypatch.setattr("placements.figures.views.hand_over", lambda **kwargs: None)  # the run waits in the queue
    monkeypatch.setattr("placements.figures.views.REFRESH_SECONDS", 600)  # still while axe reads the page
    visitor = visit("regisseur")
    dashboard = f"/dashboard/{Region.objects.get(code='ZAA').pk}/"
    page = visitor.go(dashboard)
    page.get_by_role("button", name="Nu herberekenen").click()
    page.get_by_text("Deze pagina ververst zich elke 600 seconden").wait_for()
    assert "in de wachtrij" in page.locator(".run-status").inner_text()
    # The one exception to "no axe violation": axe's meta-refresh rule flags any timed reload. This one only the
    # person who asked for it (or chose "Volg de herberekening") gets, with "Stop met verversen" on the page: the
    # turn-off of WCAG 2.2.1, which the rule cannot see. Every other rule holds on this state.
    assert [violation["id"] for violation in axe_violations(page)] == ["meta-refresh"]
    onlooker = visit("manager").go(dashboard)  # offered to follow, not reloaded
    assert onlooker.get_by_role("link", name="Volg de herberekening").count() and not axe_violations(onlooker)

    monkeypatch.setattr("placements.figures.views.REFRESH_SECONDS", 1)
    page.reload()
    page.get_by_text("Deze pagina ververst zich elke 1 seconden").wait_for()
    run = FigureRun.objects.get(status=FigureRun.Status.QUEUED)
    figure_services.run_figures(run_id=run.pk)
    # No click, no navigation by the test: the page's own refresh brings the finished state.
    page.get_by_text("Stop met verversen").wait_for(state="detached", timeout=15_000)
    assert page.locator("meta[http-equiv=refresh]").count() == 0
    assert "in de wachtrij" not in page.locator(".run-status").inner_text()
