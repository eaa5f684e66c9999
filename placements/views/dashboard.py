"""The regional dashboard: stored figures only (never recomputed on a page view), for coordinators and
managers of the region; coordinators can ask for a recompute, which a worker carries out."""

from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from placements.charts import flow_chart, quota_bars
from placements.models import BuildingFigure, DispersionFigure, FigureRun, FlowFigure, QuotaFigure
from placements.reports import published_runs, queue_run
from placements.tasks import recompute_figures
from regions.access import RoleRequiredMixin, access_for
from regions.models import Membership, Region

Role = Membership.Role
TOP_ROWS = 50  # neighbourhoods and buildings shown: those over or near the norm first; ?alle=1 shows all


class DashboardIndexView(RoleRequiredMixin, View):
    roles = (Role.COORDINATOR, Role.MANAGER)

    def get(self, request):
        regions = list(Region.objects.visible_to(request.user, *self.roles))
        if len(regions) == 1:
            return HttpResponseRedirect(reverse("placements:dashboard_region", args=[regions[0].pk]))
        return render(request, "placements/dashboard_index.html", {"regions": regions})


class DashboardView(RoleRequiredMixin, View):
    roles = (Role.COORDINATOR, Role.MANAGER)

    def get(self, request, region_id):
        region = get_object_or_404(Region.objects.visible_to(request.user, *self.roles), pk=region_id)
        today = timezone.localdate()
        years = [today.year, today.year - 1]
        try:
            year = int(request.GET.get("jaar", today.year))
        except ValueError:
            year = today.year
        year = year if year in years else today.year
        last_success, latest = published_runs(region.pk)
        show_all = request.GET.get("alle") == "1"
        # The figures only change with a run: their HTML is rendered once per run, year and language.
        key = f"dashboard:{region.pk}:{year}:{show_all}:{last_success.pk if last_success else 0}:{get_language()}"
        figures_html = cache.get(key)
        if figures_html is not None:
            figures_html = mark_safe(figures_html)  # noqa: S308 - HTML this view rendered and cached
        else:
            figures_html = render_to_string(
                "placements/_dashboard_figures.html", figure_context(region, year, show_all), request=request
            )
            cache.set(key, figures_html, timeout=24 * 60 * 60)
        return render(
            request,
            "placements/dashboard.html",
            {
                "region": region,
                "year": year,
                "years": years,
                "figures_html": figures_html,
                "last_success": last_success,
                "latest_run": latest,
                "can_recompute": region.pk in access_for(request.user).region_ids(Role.COORDINATOR),
            },
        )


class RecomputeView(RoleRequiredMixin, View):
    """POST: a coordinator asks for fresh figures for the region; a worker computes them."""

    roles = (Role.COORDINATOR,)

    def post(self, request, region_id):
        region = get_object_or_404(Region.objects.visible_to(request.user, Role.COORDINATOR), pk=region_id)
        busy = FigureRun.objects.filter(
            region=region, status__in=[FigureRun.Status.QUEUED, FigureRun.Status.RUNNING]
        ).exists()
        if busy:
            messages.info(request, _("Er loopt al een herberekening voor deze regio."))
        else:
            run = queue_run(region_id=region.pk, requested_by=request.user)
            transaction.on_commit(lambda: recompute_figures.delay(run.pk))
            messages.success(request, _("De herberekening is aangevraagd."))
        return HttpResponseRedirect(reverse("placements:dashboard_region", args=[region.pk]))


def figure_context(region, year: int, show_all: bool) -> dict:
    """The stored figures of a region and year, as the dashboard shows them."""
    quota = list(
        QuotaFigure.objects.filter(region=region, year=year).select_related("corporation").order_by("corporation__name")
    )
    dispersion_rows = DispersionFigure.objects.filter(region=region, year=year)
    dispersion = list(
        dispersion_rows.select_related("neighbourhood__municipality").order_by(
            "-over", "-approaching", F("rate").desc(nulls_last=True), "-placements", "neighbourhood__name"
        )[: None if show_all else TOP_ROWS]
    )
    building_rows = BuildingFigure.objects.filter(region=region, year=year).filter(
        Q(placements__gt=0) | Q(active__gt=0)
    )
    buildings = list(
        building_rows.select_related("corporation", "neighbourhood").order_by("-over", "-active", "building_code")[
            : None if show_all else TOP_ROWS
        ]
    )
    flow = list(FlowFigure.objects.filter(region=region, month__year=year).order_by("month"))
    return {
        "region": region,
        "year": year,
        "quota": quota,
        "quota_chart": quota_bars(quota),
        "dispersion": dispersion,
        "dispersion_total": len(dispersion) if show_all else dispersion_rows.count(),
        "buildings": buildings,
        "buildings_total": len(buildings) if show_all else building_rows.count(),
        "flow": flow,
        "flow_chart": flow_chart(flow),
        "totals": {
            "quota": sum(f.quota for f in quota),
            "realised": sum(f.realised for f in quota),
            "in_progress": sum(f.in_progress for f in quota),
        },
    }
