"""Reads of the stored figures and their runs, for the dashboard and the progress report. Never computes a figure:
the figures are what the last successful run published."""

from collections.abc import Collection
from typing import TYPE_CHECKING, Any, cast

from django.db.models import (
    Aggregate,
    Count,
    DateField,
    F,
    FloatField,
    Func,
    IntegerField,
    Min,
    OuterRef,
    Q,
    Subquery,
)

from placements import versions
from placements.figures.charts import flow_chart, forecast_band, quota_bars
from placements.figures.forecast import outlook_with_band
from placements.models import (
    BuildingFigure,
    CaseEpisode,
    DispersionFigure,
    FigureRun,
    FlowFigure,
    ForecastFigure,
    MunicipalityQuotaFigure,
    OutflowCase,
    Placement,
    QuotaFigure,
)
from regions.access import access_for
from regions.models import Membership, Organisation, Region

if TYPE_CHECKING:
    from regions.access import AnyUser

Role = Membership.Role

TOP_ROWS = 50  # neighbourhoods and buildings shown: those over or near the norm first; ?alle=1 shows all
RUNS_SECONDS = 60  # without a shared cache (no REDIS_URL) a process sees another's new run at most this late


def published_runs(region_id: int, year: int | None = None) -> tuple[FigureRun | None, FigureRun | None]:
    """The newest successful run covering the region (and `year`, when given) and the newest run in any state (the
    dashboard's status line), from the cache under the figures version, which queueing, claiming and finishing a
    run move."""
    key = f"figure-runs:{versions.read(versions.FIGURES)[versions.FIGURES]}:{region_id}:{year}"
    # versions.cached returns what the function made, or the cached copy of it (typed Any).
    return cast(
        tuple[FigureRun | None, FigureRun | None],
        versions.cached(
            key,
            lambda: (
                last_successful_run(region_id, year),
                FigureRun.objects.filter(Q(region_id=region_id) | Q(region__isnull=True)).first(),
            ),
            timeout=RUNS_SECONDS,
        ),
    )


RUN_LOG_ROWS = 10


def run_log(region_id: int) -> list[FigureRun]:
    """The newest runs that covered the region (its own and those over all regions), newest request first, for the
    dashboard's run log; cached under the figures version like `published_runs`, so a change shows at once."""
    key = f"figure-run-log:{versions.read(versions.FIGURES)[versions.FIGURES]}:{region_id}"
    return cast(
        list[FigureRun],
        versions.cached(
            key,
            lambda: list(
                FigureRun.objects.filter(Q(region_id=region_id) | Q(region__isnull=True)).select_related("region")[
                    :RUN_LOG_ROWS
                ]
            ),
            timeout=RUNS_SECONDS,
        ),
    )


def stored_years(region_ids: Collection[int]) -> set[int]:
    """The years with stored figures in any of the regions, read from the flow figures (a row per region and
    month, not the thousands of neighbourhood rows); cached under the figures version (a run replaces them)."""
    scope = ",".join(str(region_id) for region_id in sorted(region_ids))
    key = f"figure-years:{versions.read(versions.FIGURES)[versions.FIGURES]}:{scope}"
    return cast(
        set[int],
        versions.cached(
            key,
            lambda: {
                month.year for month in FlowFigure.objects.filter(region_id__in=region_ids).dates("month", "year")
            },
            timeout=RUNS_SECONDS,
        ),
    )


def last_successful_run(region_id: int, year: int | None = None) -> FigureRun | None:
    """The newest finished run that covered the region (its own, or one over all regions) and, given a year, that
    year: the run whose figures of that year are stored. A run for an earlier date (other years) published other
    rows, so it does not stand for this year's figures."""
    runs = FigureRun.objects.filter(status=FigureRun.Status.SUCCEEDED).filter(
        Q(region_id=region_id) | Q(region__isnull=True)
    )
    if year is not None:
        runs = runs.filter(years__contains=[year])
    return runs.order_by("-finished_at").first()


def figure_context(region: Region, year: int, show_all: bool) -> dict[str, Any]:
    """The stored figures of a region and year, as the dashboard shows them."""
    quota = list(
        QuotaFigure.objects.filter(region=region, year=year).select_related("corporation").order_by("corporation__name")
    )
    municipality_quota = list(
        MunicipalityQuotaFigure.objects.filter(region=region, year=year)
        .select_related("corporation", "municipality")
        .order_by("corporation__name", "municipality__name")
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
    flow = list(FlowFigure.objects.filter(region=region, month__year=year).select_related("run").order_by("month"))
    for figure in flow:  # recent months' relapse counts can still grow: marked "nog open"
        figure.open_windows = figure.open_relapse_windows(figure.run.as_of)  # type: ignore[attr-defined]
    return {
        "region": region,
        "year": year,
        "quota": quota,
        "quota_chart": quota_bars(quota),
        "municipality_quota": municipality_quota,
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


MAX_HOMES = 100_000  # a number of homes a reader may try on the dashboard


def forecast_context(region: Region, year: int, homes: int | None = None) -> dict[str, Any]:
    """The stored need forecast of the region for `year`, and its outlook for `homes` next year when a reader asks
    for another number than the stored one (worked out from the stored inputs: no further query)."""
    figure = ForecastFigure.objects.filter(region=region, year=year).first()
    context: dict[str, Any] = {"forecast": figure, "forecast_year": year, "homes": homes}
    if figure is None or not figure.enough_data:
        return context
    chosen = (figure.homes or 0) if homes is None else homes
    expected, low, high = outlook_with_band(figure, chosen)
    context["outlook"] = {
        "homes": chosen,
        "waiting_end": round(expected.waiting_end),
        "low": round(low.waiting_end),
        "high": round(high.waiting_end),
        "median_days": None if expected.median_days is None else round(expected.median_days),
    }
    context["relapse_pct"] = figure.relapse_rate * 100
    context["leave_pct"] = figure.leave_rate * 100
    context["forecast_chart"] = forecast_band(
        now=figure.waiting_now, expected=expected.waiting_end, low=low.waiting_end, high=high.waiting_end
    )
    return context


# --- The own figures of corporations and care providers (/dashboard/corporatie/, /dashboard/zorgaanbieder/) ------


def corporation_quota(user: "AnyUser", *, year: int) -> list[QuotaFigure]:
    """The stored quota figures of the year of the corporations where the user is staff, in the regions those
    corporations work in; one query. Another corporation's figures never."""
    access = access_for(user)
    return list(
        QuotaFigure.objects.filter(
            corporation_id__in=access.organisation_ids(Role.CORPORATION_STAFF),
            region_id__in=access.region_ids(Role.CORPORATION_STAFF),
            year=year,
        )
        .select_related("corporation", "region", "run")
        .order_by("corporation__name", "region__name")
    )


class Median(Aggregate):
    """PostgreSQL's percentile_cont(0.5): the median, interpolated between the two middle values (as figures/sql.py)."""

    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


# The start of the episode a move-in belongs to: the client's ready date, or a later reopening on or before the
# move-in (a re-housing's wait runs from the reopening), as the flow figures count it (sql.py, FLOW_SQL).
EPISODE_START = Func(
    F("case__ready_on"),
    Subquery(
        CaseEpisode.objects.filter(case_id=OuterRef("case_id"), reopened_on__lte=OuterRef("moved_in_on"))
        .order_by("-reopened_on")
        .values("reopened_on")[:1]
    ),
    function="GREATEST",
    output_field=DateField(),
)
# Days from the episode's start to the key handover, never negative: as the flow figures count the wait.
WAIT_DAYS = Func(
    F("moved_in_on"), EPISODE_START, template="GREATEST(%(expressions)s, 0)", arg_joiner=" - ",
    output_field=IntegerField(),
)  # fmt: skip


def care_provider_flow(user: "AnyUser", *, year: int) -> list[dict[str, Any]]:
    """Per care provider where the user is care worker: its clients waiting now (without and with a running
    proposal, and the earliest ready date among them), housed in `year` (key handover in that year) and the median
    wait of those housed in days. Three queries, whatever the number of clients; aggregates only, no client rows.
    Computed live over the provider's own clients (the stored flow figures have no provider dimension)."""
    providers = access_for(user).organisation_ids(Role.CARE_WORKER)
    if not providers:
        return []
    Status = OutflowCase.Status
    open_now = Q(status__in=[Status.WAITING, Status.MATCHED])
    waiting = {
        row["care_provider_id"]: row
        for row in OutflowCase.objects.visible_to(user)
        .filter(care_provider_id__in=providers)
        .values("care_provider_id")
        .annotate(
            waiting=Count("pk", filter=Q(status=Status.WAITING)),
            matched=Count("pk", filter=Q(status=Status.MATCHED)),
            ready_since=Min("ready_on", filter=open_now),
        )
        .order_by()
    }
    housed = {
        row["case__care_provider_id"]: row
        for row in Placement.objects.visible_to(user)
        .filter(case__care_provider_id__in=providers, moved_in_on__year=year)
        .values("case__care_provider_id")
        .annotate(housed=Count("pk"), median_days=Median(WAIT_DAYS))
        .order_by()
    }
    rows = []
    for pk, name in Organisation.objects.filter(pk__in=providers).order_by("name").values_list("pk", "name"):
        now, moved = waiting.get(pk, {}), housed.get(pk, {})
        rows.append(
            {
                "name": name,
                "waiting": now.get("waiting", 0),
                "matched": now.get("matched", 0),
                "ready_since": now.get("ready_since"),
                "housed": moved.get("housed", 0),
                "median_days": moved.get("median_days"),
            }
        )
    return rows
