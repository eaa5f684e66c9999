"""The regional progress report (*voortgangsrapportage*): what goes to the aldermen and the corporations' boards.

Built only from the stored figures (`placements.figures`), never from client records. `build_report` assembles
the tables once; `xlsx`, `csv` and `pdf` beside it write them as files. With `suppress=True`,
`disclosure.suppress_report` hides every count of 1 to 4 people and whatever would give it away."""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import F
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from placements.figures.selectors import last_successful_run
from placements.models import (
    BuildingFigure,
    DispersionFigure,
    FlowFigure,
    ForecastFigure,
    MunicipalityQuotaFigure,
    QuotaFigure,
)
from placements.reporting.definitions import DEFINITIONS
from placements.reporting.disclosure import suppress_report
from regions.models import Region

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass
class Column:
    key: str
    label: "StrOrPromise"
    kind: str = "int"  # int | count (people: suppressible) | pct | decimal | text | month | row (the row's "kind")
    depends_on: str | None = None  # hidden when that count is suppressed
    width: int = 12
    decimals: int = 1  # of a decimal: the same number in every format (the stored scale of the figure)


def cell_kind(column: Column, row: dict) -> str:
    """The kind of a cell: the column's, or for a column of kind "row" (the forecast's item–value table) the row's."""
    return row.get("kind", "text") if column.kind == "row" else column.kind


@dataclass
class Table:
    name: str  # sheet and file name
    title: str
    columns: list[Column]
    rows: list[dict]
    totals: dict | None = None
    note: str = ""


@dataclass
class ProgressReport:
    region: Region
    year: int
    first_month: int
    last_month: int
    suppress: bool
    figures_at: datetime | None  # when the run that published the year's figures finished
    figures_as_of: date | None  # the day that run computed for (its peildatum)
    summary: list[tuple[str, object, str]]
    tables: list[Table] = field(default_factory=list)
    definitions: list[tuple[str, str]] = field(default_factory=list)

    @property
    def period(self) -> str:
        """As a reader reads it: "2024", "maart 2024", "januari–maart 2024" (in the reader's language)."""
        if (self.first_month, self.last_month) == (1, 12):
            return str(self.year)
        if self.first_month == self.last_month:
            return f"{MONTHS[self.first_month]} {self.year}"
        return f"{MONTHS[self.first_month]}–{MONTHS[self.last_month]} {self.year}"

    @property
    def period_in_file_name(self) -> str:
        """ "2024", or "2024-01-2024-03" for a run of months: sorts well and needs no translation."""
        if (self.first_month, self.last_month) == (1, 12):
            return str(self.year)
        return f"{self.year}-{self.first_month:02d}-{self.year}-{self.last_month:02d}"

    @property
    def stamp(self) -> list[tuple[str, str]]:
        """The as-of date and the time of the run, as every file states them (label, Dutch date text)."""
        at = timezone.localtime(self.figures_at).strftime("%d-%m-%Y %H:%M") if self.figures_at else None
        return [
            (str(_("Peildatum")), f"{self.figures_as_of:%d-%m-%Y}" if self.figures_as_of else "–"),
            (str(_("Stand van de cijfers")), at or str(_("nog niet berekend"))),
        ]

    def table(self, name: str) -> Table:
        return next(t for t in self.tables if t.name == name)


QUOTA_COLUMNS = [
    Column("corporation", _("Corporatie"), "text", width=32),
    Column("quota", _("Contingent")),
    Column("realised", _("Gerealiseerd"), "count"),
    Column("in_progress", _("Lopend"), "count"),
    Column("reserved_unused", _("Gereserveerd, ongebruikt")),
    # xgettext:no-python-format ("% c" would read as a conversion: makemessages would mark the entry fuzzy)
    Column("pct_of_quota", _("% contingent"), "pct", depends_on="realised"),
    Column("pro_rata_target", _("Naar rato doel"), "decimal"),
    Column("pct_of_pro_rata", _("% naar rato"), "pct", depends_on="realised"),
    Column("status", _("Status"), "text", width=18),
    Column("projection", _("Prognose jaareinde"), "decimal", depends_on="realised"),
    # At the end, so the columns the summary chart reads keep their place.
    Column("in_progress_oldest_days", _("Lopend: oudste (dagen)"), depends_on="in_progress"),
    Column("unused_oldest_days", _("Ongebruikt: oudste (dagen)")),
]
MUNICIPALITY_COLUMNS = [
    Column("corporation", _("Corporatie"), "text", width=32),
    Column("municipality", _("Gemeente"), "text", width=18),
    Column("quota", _("Contingent")),
    Column("realised", _("Gerealiseerd"), "count"),
    # xgettext:no-python-format
    Column("pct_of_quota", _("% contingent"), "pct", depends_on="realised"),
    Column("pro_rata_target", _("Naar rato doel"), "decimal"),
    Column("pct_of_pro_rata", _("% naar rato"), "pct", depends_on="realised"),
    Column("status", _("Status"), "text", width=18),
]
DISPERSION_COLUMNS = [
    Column("neighbourhood", _("Wijk of buurt"), "text", width=28),
    Column("code", _("CBS-code"), "text"),
    Column("municipality", _("Gemeente"), "text", width=18),
    Column("placements", _("Plaatsingen"), "count"),
    Column("stock", _("Sociale huurwoningen")),
    Column("rate", _("Per 1.000"), "decimal", depends_on="placements", decimals=2),
    Column("limit", _("Norm"), "text", width=22),
    Column("signal", _("Signaal"), "text", width=18),
]
BUILDING_COLUMNS = [
    Column("building", _("Complex"), "text"),
    Column("corporation", _("Corporatie"), "text", width=32),
    Column("neighbourhood", _("Wijk"), "text", width=24),
    Column("placements", _("Plaatsingen in het jaar"), "count"),
    Column("active", _("Lopend nu"), "count"),
    Column("limit_active", _("Max. lopend")),
    # The dashboard colours these rows; the files say it in words, so the flag survives printing and sorting.
    Column("signal", _("Boven de norm"), "text", depends_on="active"),
]
FORECAST_COLUMNS = [
    Column("item", _("Onderdeel"), "text", width=60),
    Column("value", _("Waarde"), "row", width=18),
]
FLOW_COLUMNS = [
    Column("month", _("Maand"), "month"),
    Column("newly_ready", _("Nieuw uitstroomklaar"), "count"),
    Column("waiting_end", _("Wachtend eind maand"), "count"),
    Column("housed", _("Gehuisvest"), "count"),
    Column("median_days", _("Mediaan dagen"), "decimal", depends_on="housed"),
    Column("p90_days", _("90e percentiel dagen"), "decimal", depends_on="housed"),
    Column("wait_lt_week", _("< 1 week"), "count"),
    Column("wait_week_month", _("1 week–1 maand"), "count"),
    Column("wait_1_3_months", _("1–3 maanden"), "count"),
    Column("wait_3_6_months", _("3–6 maanden"), "count"),
    Column("wait_gt_6_months", _("> 6 maanden"), "count"),
    Column("relapse_180", _("Terugval ≤ 180 d"), "count"),
    Column("relapse_365", _("Terugval ≤ 365 d"), "count"),
    Column("relapse_730", _("Terugval ≤ 730 d"), "count"),
    # Recent months' relapse counts can still grow: which windows had not passed for all move-ins on the as-of date.
    Column("relapse_open", _("Terugvalvenster nog open"), "text", width=18),
]


def build_report(
    *, region: Region, year: int, first_month: int = 1, last_month: int = 12, suppress: bool = False
) -> ProgressReport:
    """The report's tables from the stored figures: five queries, whatever the region's size."""
    quota = [
        {
            "corporation": f.corporation.name,
            "quota": f.quota,
            "realised": f.realised,
            "in_progress": f.in_progress,
            "reserved_unused": f.reserved_unused,
            "pct_of_quota": _fraction(f.pct_of_quota),
            "pro_rata_target": f.pro_rata_target,
            "pct_of_pro_rata": _fraction(f.pct_of_pro_rata),
            "status": str(QuotaFigure.Status(f.status).label),
            "projection": f.projection,
            "in_progress_oldest_days": f.in_progress_oldest_days,
            "unused_oldest_days": f.unused_oldest_days,
        }  # fmt: skip
        for f in QuotaFigure.objects.filter(region=region, year=year)
        .select_related("corporation")
        .order_by("corporation__name")
    ]
    # Per municipality only where an agreement is split. Left out of a report with small numbers hidden: its
    # counts add up to the corporation's realised, a relation the suppression does not cover (docs/figures.md).
    municipalities = (
        []
        if suppress
        else [
            {
                "corporation": f.corporation.name,
                "municipality": f.municipality.name,
                "quota": f.quota,
                "realised": f.realised,
                "pct_of_quota": _fraction(f.pct_of_quota),
                "pro_rata_target": f.pro_rata_target,
                "pct_of_pro_rata": _fraction(f.pct_of_pro_rata),
                "status": str(QuotaFigure.Status(f.status).label),
            }
            for f in MunicipalityQuotaFigure.objects.filter(region=region, year=year)
            .select_related("corporation", "municipality")
            .order_by("corporation__name", "municipality__name")
        ]
    )
    dispersion = [
        {
            "neighbourhood": f.neighbourhood.name,
            "code": f.neighbourhood.cbs_code,
            "municipality": f.neighbourhood.municipality.name,
            "placements": f.placements,
            "stock": f.stock,
            "rate": f.rate,
            "limit": _limit(f),
            "limit_rate": f.limit_rate,  # for the chart's norm line
            "over": f.over,
            "signal": str(_("boven de norm")) if f.over else (str(_("nadert de norm")) if f.approaching else ""),
        }  # fmt: skip
        for f in DispersionFigure.objects.filter(region=region, year=year)
        .select_related("neighbourhood__municipality")
        .order_by(F("rate").desc(nulls_last=True), "-placements", "neighbourhood__name")
    ]
    buildings = [
        {
            "building": f.building_code,
            "corporation": f.corporation.name,
            "neighbourhood": f.neighbourhood.name,
            "placements": f.placements,
            "active": f.active,
            "limit_active": f.limit_active,
            "over": f.over,
            "signal": str(_("ja")) if f.over else str(_("nee")),
        }  # fmt: skip
        for f in BuildingFigure.objects.filter(region=region, year=year)
        .select_related("corporation", "neighbourhood")
        .order_by("-over", "-active", "building_code")
    ]
    run = last_successful_run(region.pk, year)
    as_of = run.as_of if run else None
    flow = [
        {
            **{column.key: getattr(f, column.key) for column in FLOW_COLUMNS if column.key != "relapse_open"},
            "relapse_open": _open_windows(f.open_relapse_windows(as_of)),
        }
        for f in FlowFigure.objects.filter(
            region=region, month__gte=date(year, first_month, 1), month__lte=date(year, last_month, 1)
        ).order_by("month")
    ]
    report = ProgressReport(
        region=region, year=year, first_month=first_month, last_month=last_month, suppress=suppress,
        figures_at=run.finished_at if run else None, figures_as_of=run.as_of if run else None, summary=[],
        definitions=[(str(term), str(text)) for term, text in DEFINITIONS],
    )  # fmt: skip
    report.tables = [
        Table("Contingent", str(_("Contingent per corporatie")), QUOTA_COLUMNS, quota,
              totals=_totals(quota, ["quota", "realised", "in_progress", "reserved_unused"], "corporation")),
        Table("Gemeenten", str(_("Contingent per gemeente")), MUNICIPALITY_COLUMNS, municipalities,
              note=str(_("Niet opgenomen bij afgeschermde kleine aantallen.")) if suppress else ""),
        Table("Spreiding", str(_("Spreiding per wijk")), DISPERSION_COLUMNS, dispersion),
        Table("Complexen", str(_("Spreiding per complex")), BUILDING_COLUMNS, buildings),
        Table("Doorstroom", str(_("Doorstroom per maand")), FLOW_COLUMNS, flow,
              totals=_totals(flow, ["newly_ready", "housed", "relapse_180", "relapse_365", "relapse_730"], "month")),
    ]  # fmt: skip
    report.tables.append(_forecast_table(region, year + 1, suppress=suppress))
    report.summary = _summary(quota, dispersion, flow)
    if suppress:
        year_housed = dict(
            FlowFigure.objects.filter(region=region, month__year=year).values_list("month", "housed")
        )  # the relation with realised spans the whole year, whatever months the report shows
        suppress_report(report, year_housed=year_housed)
    return report


NO_FORECAST = _("te weinig gegevens voor een prognose")


def _forecast_table(region: Region, year: int, *, suppress: bool) -> Table:
    """The need forecast for `year` (the report's next year) as item–value rows (docs/figures.md, "Need forecast");
    none in a report with small numbers hidden."""
    title = str(_("Prognose %(year)s") % {"year": year})
    if suppress:
        # Left out of a report with small numbers hidden: its rates times the waiting list now (counted on the
        # run's day, not per quarter) give single people away, also by differencing two reports.
        return Table(
            "Prognose", title, FORECAST_COLUMNS, [], note=str(_("Niet opgenomen bij afgeschermde kleine aantallen."))
        )
    figure = ForecastFigure.objects.filter(region=region, year=year).first()
    if figure is None:
        missing = [{"item": str(_("Prognose")), "value": str(_("nog niet berekend")), "kind": "text"}]
        return Table("Prognose", title, FORECAST_COLUMNS, missing)
    rows: list[dict[str, Any]] = [
        {"item": str(_("Prognosejaar")), "value": year, "kind": "int"},
        {"item": str(_("Peildatum van de prognose")), "value": f"{figure.as_of:%d-%m-%Y}", "kind": "text"},
        {"item": str(_("Maanden met gegevens (van de laatste 24)")), "value": figure.months_of_data, "kind": "int"},
    ]
    if not figure.enough_data:
        rows.append({"item": str(_("Prognose")), "value": str(NO_FORECAST), "kind": "text"})
        return Table("Prognose", title, FORECAST_COLUMNS, rows)

    def whole(value: Decimal | None) -> int | None:
        return None if value is None else int(value.quantize(Decimal(1)))

    basis = ForecastFigure.Basis(figure.homes_basis).label if figure.homes_basis else ""
    target = figure.target_days
    people = [
        ("waiting_now", _("Wachtend op de peildatum"), figure.waiting_now, "count"),
        ("inflow", _("Verwachte nieuwe uitstroomklare cliënten in %(year)s"), figure.inflow_next_year, "decimal"),
        ("inflow_bw", _("waarvan uit Beschermd Wonen (BW)"), figure.inflow_bw, "decimal"),
        ("inflow_mo", _("waarvan uit Maatschappelijke Opvang (MO)"), figure.inflow_mo, "decimal"),
        ("inflow_ggz", _("waarvan uit de GGZ"), figure.inflow_ggz, "decimal"),
        ("inflow_other", _("waarvan anders"), figure.inflow_other, "decimal"),
    ]
    for key, label, value, kind in people:
        rows.append({"key": key, "item": str(label) % {"year": year}, "value": value, "kind": kind})
    rows += [
        {"item": str(_("Groei van de instroom per jaar")), "value": (figure.growth or 1) - 1, "kind": "pct"},
        {"item": str(_("Woningen verhuurd per maand (laatste 12 maanden)")), "value": figure.pace.quantize(Decimal("0.1")), "kind": "decimal"},
        {"item": str(_("Terugval binnen 365 dagen")), "value": figure.relapse_rate, "kind": "pct"},
        {"item": str(_("Per maand van de wachtlijst af zonder woning")), "value": figure.leave_rate, "kind": "pct"},
        {"item": str(_("Woningen in %(year)s (%(basis)s)") % {"year": year, "basis": basis}), "value": figure.homes, "kind": "int"},
        {"key": "waiting_end", "item": str(_("Verwachte wachtlijst eind %(year)s") % {"year": year}), "value": whole(figure.waiting_end), "kind": "int"},
        {"key": "waiting_end_low", "item": str(_("80%-band: ondergrens")), "value": whole(figure.waiting_end_low), "kind": "int"},
        {"key": "waiting_end_high", "item": str(_("80%-band: bovengrens")), "value": whole(figure.waiting_end_high), "kind": "int"},
        {"key": "median_days", "item": str(_("Verwachte mediane wachttijd eind %(year)s (dagen)") % {"year": year}), "value": whole(figure.median_days), "kind": "int"},
        {"key": "homes_needed", "item": str(_("Benodigde woningen in %(year)s voor een mediane wachttijd van %(days)s dagen") % {"year": year, "days": target}), "value": figure.homes_needed, "kind": "int"},
    ]  # fmt: skip
    note = str(
        _(
            "Een verwachting, geen belofte: met 8 van de 10 kansen ligt de wachtlijst eind %(year)s tussen de onder- en bovengrens. Zonder woningen is er geen wachttijd te berekenen (–): de wachtlijst groeit dan alleen."
        )
        % {"year": year}
    )
    return Table("Prognose", title, FORECAST_COLUMNS, rows, note=note)


def _open_windows(days: list[int]) -> str:
    """ "≤ 365 d, ≤ 730 d nog open", or empty when every window has passed."""
    if not days:
        return ""
    return str(_("%(windows)s nog open") % {"windows": ", ".join(f"≤ {n} d" for n in days)})


def _fraction(pct: Decimal | None) -> Decimal | None:
    return None if pct is None else pct / 100


def _limit(figure: DispersionFigure) -> str:
    parts = []
    if figure.limit_count is not None:
        parts.append(f"max. {figure.limit_count}")
    if figure.limit_rate is not None:
        parts.append(f"{str(figure.limit_rate).replace('.', ',')} per 1.000")
    return "; ".join(parts)


def _totals(rows: list[dict], keys: list[str], label_key: str) -> dict | None:
    if not rows:
        return None
    totals = {key: sum(row[key] or 0 for row in rows) for key in keys}
    totals[label_key] = str(_("Totaal"))
    return totals


def _summary(quota, dispersion, flow) -> list[tuple[str, object, str]]:
    total_quota = sum(row["quota"] for row in quota)
    realised = sum(row["realised"] for row in quota)
    return [
        (str(_("Contingent (alle corporaties)")), total_quota, "int"),
        (str(_("Gerealiseerd")), realised, "count"),
        (str(_("Gerealiseerd als deel van het contingent")), Decimal(realised) / total_quota if total_quota else None, "pct"),
        (str(_("Lopende voordrachten")), sum(row["in_progress"] for row in quota), "count"),
        (str(_("Corporaties achter op schema")), sum(1 for row in quota if row["status"] == str(QuotaFigure.Status.BEHIND.label)), "int"),
        (str(_("Wijken boven de spreidingsnorm")), sum(1 for row in dispersion if row["over"]), "int"),
        (str(_("Nieuw uitstroomklaar in de periode")), sum(row["newly_ready"] for row in flow), "count"),
        (str(_("Gehuisvest in de periode")), sum(row["housed"] for row in flow), "count"),
        (str(_("Wachtend aan het eind van de periode")), flow[-1]["waiting_end"] if flow else None, "count"),
    ]  # fmt: skip
