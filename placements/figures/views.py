"""The regional dashboard: stored figures only (never recomputed on a page view), for coordinators and
managers of the region; coordinators can ask for a recompute, which a worker carries out."""

from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from placements import versions
from placements.figures.selectors import (
    MAX_HOMES,
    RUNS_SECONDS,
    care_provider_flow,
    corporation_quota,
    figure_context,
    forecast_context,
    published_runs,
    run_log,
)
from placements.figures.services import expire_stale_runs, may_be_stale, queue_run
from placements.figures.tasks import hand_over
from placements.models import FigureRun
from placements.submitting import once
from placements.submitting.once import SubmitOnceMixin
from regions.access import RoleRequiredMixin, access_for, cache_key, visible_regions
from regions.models import Membership

Role = Membership.Role


class DashboardIndexView(RoleRequiredMixin, View):
    roles = (Role.COORDINATOR, Role.MANAGER)

    def get(self, request):
        regions = list(visible_regions(request.user, *self.roles))
        if len(regions) == 1:
            return HttpResponseRedirect(reverse("placements:dashboard_region", args=[regions[0].pk]))
        return render(request, "placements/dashboard_index.html", {"regions": regions})


def run_log_html(region, runs, latest) -> str:
    """The run log's table, rendered once per figures version, region and language (every request rendered it:
    about 2 ms of the dashboard's 8). It holds nothing of the user; the region was checked before."""
    version = versions.read(versions.FIGURES)[versions.FIGURES]
    context = {"region": region, "run_log": runs, "latest_run": latest}
    return mark_safe(  # noqa: S308 - HTML this view rendered
        versions.cached(
            f"figure-run-log-html:{version}:{region.pk}:{get_language()}",
            lambda: render_to_string("placements/_dashboard_runs.html", context),
            timeout=RUNS_SECONDS,
        )
    )


# How often the dashboard reloads itself while the person follows a run (a run takes seconds to a minute).
REFRESH_SECONDS = 15


# Outside the request transaction, like the homes list: figures only, no client; closing stale runs is a service
# with its own transaction.
@method_decorator(transaction.non_atomic_requests, name="dispatch")
class DashboardView(RoleRequiredMixin, View):
    roles = (Role.COORDINATOR, Role.MANAGER)

    def get(self, request, region_id):
        region = get_object_or_404(visible_regions(request.user, *self.roles), pk=region_id)
        today = timezone.localdate()
        years = [today.year, today.year - 1]
        try:
            year = int(request.GET.get("jaar", today.year))
        except ValueError:
            year = today.year
        year = year if year in years else today.year
        last_success, latest = published_runs(region.pk, year)
        runs = run_log(region.pk)
        if any(may_be_stale(run) for run in runs):  # rare: only then a query; a run no worker finishes shows so
            expire_stale_runs()
            (last_success, latest), runs = published_runs(region.pk, year), run_log(region.pk)
        show_all = request.GET.get("alle") == "1"
        unfinished = latest is not None and latest.status in FigureRun.UNFINISHED
        # The page reloads itself while a run is queued or running, without JavaScript (a meta refresh), but only
        # for whoever follows the run: the coordinator who asked for it (RecomputeView) or who chose to. A refresh
        # nobody asked for is a WCAG failure (F41, 2.2.1), so the page offers the choice and a way to stop.
        following = unfinished and request.GET.get("volgen") == "1"
        # The figures only change with a run: their HTML is rendered once per run, year, language and access.
        key = cache_key(
            request.user, "dashboard", region.pk, year, show_all, last_success.pk if last_success else 0, get_language()
        )
        figures_html = cache.get(key)
        if figures_html is not None:
            figures_html = mark_safe(figures_html)  # noqa: S308 - HTML this view rendered and cached
        else:
            figures_html = render_to_string(
                "placements/_dashboard_figures.html", figure_context(region, year, show_all), request=request
            )
            cache.set(key, figures_html, timeout=24 * 60 * 60)
        # The forecast for the year after the one shown, for the stored number of homes or the one asked for
        # (?woningen=): worked out from the stored inputs, so not cached with the figures.
        homes, homes_error = _homes(request)
        forecast_html = render_to_string(
            "placements/_dashboard_forecast.html",
            {**forecast_context(region, year + 1, homes), "year": year, "homes_error": homes_error},
            request=request,
        )
        return render(
            request,
            "placements/dashboard.html",
            {
                "forecast_html": forecast_html,
                "region": region,
                "year": year,
                "years": years,
                "figures_html": figures_html,
                "last_success": last_success,
                "latest_run": latest,
                "unfinished": unfinished,
                "following": following,
                "refresh_seconds": REFRESH_SECONDS if following else None,
                "run_log_html": run_log_html(region, runs, latest),
                "can_recompute": region.pk in access_for(request.user).region_ids(Role.COORDINATOR),
            },
        )


def _homes(request) -> tuple[int | None, str]:
    """The number of homes a reader asked the forecast for (`?woningen=`), or None; and a Dutch message if it is
    not a whole number from 0 to MAX_HOMES."""
    text = request.GET.get("woningen", "").strip()
    if not text:
        return None, ""
    if not (text.isascii() and text.isdecimal()) or int(text) > MAX_HOMES:  # '²' and '٣' are digits, not numbers
        return None, _("Vul een heel aantal woningen in, van 0 tot en met %(max)s.") % {
            "max": f"{MAX_HOMES:,}".replace(",", ".")
        }
    return int(text), ""


def _year(request) -> tuple[int, list[int]]:
    """The year asked for (`?jaar=`): this year or the last, else this year; and the years to choose from."""
    today = timezone.localdate()
    years = [today.year, today.year - 1]
    try:
        year = int(request.GET.get("jaar", today.year))
    except ValueError:
        year = today.year
    return (year if year in years else today.year), years


class CorporationDashboardView(RoleRequiredMixin, View):
    """A corporation's own quota progress in every region it works in, from the stored figures: its staff only;
    another corporation's figures never (selectors.corporation_quota)."""

    roles = (Role.CORPORATION_STAFF,)

    def get(self, request):
        year, years = _year(request)
        figures = corporation_quota(request.user, year=year)
        finished = [f.run.finished_at for f in figures if f.run.finished_at is not None]
        return render(
            request,
            "placements/dashboard_corporation.html",
            {"figures": figures, "year": year, "years": years, "as_of": max(finished, default=None)},
        )


class CareProviderDashboardView(RoleRequiredMixin, View):
    """A care provider's own clients' flow, counted now over its own clients: its care workers only. Aggregates
    only, no client reference, so nothing is written to the access log."""

    roles = (Role.CARE_WORKER,)

    def get(self, request):
        year, years = _year(request)
        return render(
            request,
            "placements/dashboard_care.html",
            {"providers": care_provider_flow(request.user, year=year), "year": year, "years": years},
        )


class RecomputeView(RoleRequiredMixin, SubmitOnceMixin, View):
    """POST: a coordinator asks for fresh figures for the region; a worker computes them. The request is the run's
    row; handing it to the broker is tried at once and otherwise left to the outbox (`hand_over_figure_runs`)."""

    roles = (Role.COORDINATOR,)

    def post(self, request, region_id):
        region = get_object_or_404(visible_regions(request.user, Role.COORDINATOR), pk=region_id)
        expire_stale_runs()  # a run no worker will finish no longer blocks the button
        busy = FigureRun.objects.filter(region=region, status__in=FigureRun.UNFINISHED).exists()
        if busy:
            # The region's queued run may be due for a hand-over (its message lost, the broker back): try it now.
            transaction.on_commit(lambda: hand_over(region_id=region.pk), robust=True)
            messages.info(request, _("Er loopt al een herberekening voor deze regio."))
        else:
            run = queue_run(region_id=region.pk, requested_by=request.user)
            # robust: the run is recorded; whatever goes wrong handing it over is logged, not an error page.
            transaction.on_commit(lambda: hand_over(run_id=run.pk), robust=True)
            once.done(request)
            messages.success(request, _("De herberekening is aangevraagd."))
        # The coordinator who asked follows the run: the page refreshes itself until it is done.
        return HttpResponseRedirect(f"{reverse('placements:dashboard_region', args=[region.pk])}?volgen=1")
