"""The stored figures behind dashboards and reports, and the record of each run that computed them.

Figures are written only by `placements.figures.services.run_figures` (nightly Celery task, or a coordinator's request),
which replaces the rows of its scope in one transaction: readers see the previous figures until it commits."""

from datetime import date, timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.models import Municipality, Neighbourhood, Organisation, Region

RELAPSE_WINDOWS = (180, 365, 730)  # days after moving in within which a relapse counts (FlowFigure.relapse_N)


class FigureRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("In de wachtrij")
        RUNNING = "running", _("Bezig")
        SUCCEEDED = "succeeded", _("Klaar")
        FAILED = "failed", _("Mislukt")
        # Its worker never finished it (stopped, killed at the hard time limit, database gone): marked afterwards.
        INTERRUPTED = "interrupted", _("Afgebroken")

    UNFINISHED = (Status.QUEUED, Status.RUNNING)

    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.QUEUED)
    region = models.ForeignKey(
        Region, verbose_name=_("regio"), on_delete=models.CASCADE, null=True, blank=True, related_name="+",
        help_text=_("Leeg: alle regio's."),
    )  # fmt: skip
    years = ArrayField(models.PositiveSmallIntegerField(), verbose_name=_("jaren"), default=list)
    as_of = models.DateField(_("peildatum"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("aangevraagd door"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    queued_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    # The row is the request (an outbox): empty until the run is handed to the broker, set again at each hand-over.
    handed_over_at = models.DateTimeField(_("aan de werker gegeven op"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("keren aan de werker gegeven"), default=0)
    started_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("duur (ms)"), null=True, blank=True)
    rows = models.JSONField(_("rijen per tabel"), default=dict, blank=True)
    error = models.TextField(_("fout"), blank=True)
    # Requested by a committed change to the region's records, agreements or rules (placements.figures.live), not
    # by a person or the night: waits FIGURES_LIVE_DELAY_SECONDS for more changes to join it.
    live = models.BooleanField(_("na een wijziging"), default=False)

    class Meta:
        verbose_name = _("berekening cijfers")
        verbose_name_plural = _("berekeningen cijfers")
        ordering = ["-queued_at"]
        indexes = [
            models.Index(fields=["region", "status", "-finished_at"], name="figurerun_region_status"),
            # The few runs the outbox and the expiry look at, every minute: a small index of unfinished runs only.
            models.Index(
                fields=["queued_at"], name="figurerun_unfinished", condition=models.Q(status__in=["queued", "running"])
            ),
        ]
        constraints = [
            # At most one waiting live run per region: changes while it waits join it (debounce), and changes
            # during a running run leave exactly one request that runs after it.
            models.UniqueConstraint(
                fields=["region"], name="figurerun_one_pending_live", condition=models.Q(status="queued", live=True)
            ),
        ]

    def __str__(self) -> str:
        scope = self.region or _("alle regio's")
        return f"{scope} {self.queued_at:%Y-%m-%d %H:%M} ({self.get_status_display()})"

    @property
    def duration_seconds(self) -> float | None:
        return None if self.duration_ms is None else self.duration_ms / 1000


class QuotaFigure(models.Model):
    """Quota realisation per region × corporation × year (docs/figures.md)."""

    class Status(models.TextChoices):
        ON_TRACK = "on_track", _("Op schema")
        APPROACHING = "approaching", _("Bijna op schema")
        BEHIND = "behind", _("Achter")

    run = models.ForeignKey(FigureRun, on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    corporation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    quota = models.PositiveIntegerField()
    realised = models.PositiveIntegerField()
    in_progress = models.PositiveIntegerField()
    reserved_unused = models.PositiveIntegerField()
    # How long the oldest of them has been open at the year's as-of day, in days; empty when there are none.
    in_progress_oldest_days = models.PositiveIntegerField(null=True)
    unused_oldest_days = models.PositiveIntegerField(null=True)
    elapsed_share = models.DecimalField(max_digits=5, decimal_places=4)
    pro_rata_target = models.DecimalField(max_digits=9, decimal_places=1)
    pct_of_quota = models.DecimalField(max_digits=7, decimal_places=1, null=True)
    pct_of_pro_rata = models.DecimalField(max_digits=7, decimal_places=1, null=True)
    status = models.CharField(max_length=12, choices=Status.choices)
    projection = models.DecimalField(max_digits=9, decimal_places=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["region", "corporation", "year"], name="quotafigure_once"),
        ]

    def __str__(self) -> str:
        return f"{self.corporation_id} {self.region_id} {self.year}: {self.realised}/{self.quota}"


class MunicipalityQuotaFigure(models.Model):
    """Quota realisation per corporation × municipality × year, where the agreement is split per municipality
    (regions.MunicipalityQuota; docs/figures.md)."""

    run = models.ForeignKey(FigureRun, on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    corporation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    quota = models.PositiveIntegerField()  # the municipality's share of the agreement
    realised = models.PositiveIntegerField()
    pro_rata_target = models.DecimalField(max_digits=9, decimal_places=1)
    pct_of_quota = models.DecimalField(max_digits=7, decimal_places=1, null=True)
    pct_of_pro_rata = models.DecimalField(max_digits=7, decimal_places=1, null=True)
    status = models.CharField(max_length=12, choices=QuotaFigure.Status.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["corporation", "municipality", "year"], name="municipalityquotafigure_once"
            ),
        ]
        indexes = [models.Index(fields=["region", "year"], name="municipalityquota_region_year")]

    def __str__(self) -> str:
        return f"{self.corporation_id} {self.municipality_id} {self.year}: {self.realised}/{self.quota}"


class DispersionFigure(models.Model):
    """Placements per neighbourhood × year against the region's rule (docs/figures.md)."""

    run = models.ForeignKey(FigureRun, on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    neighbourhood = models.ForeignKey(Neighbourhood, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    placements = models.PositiveIntegerField()
    stock = models.PositiveIntegerField(null=True)
    rate = models.DecimalField(max_digits=9, decimal_places=2, null=True)
    limit_count = models.PositiveIntegerField(null=True)
    limit_rate = models.DecimalField(max_digits=6, decimal_places=2, null=True)
    over = models.BooleanField(default=False)
    approaching = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["neighbourhood", "year"], name="dispersionfigure_once"),
        ]
        indexes = [models.Index(fields=["region", "year"], name="dispersionfigure_region_year")]

    def __str__(self) -> str:
        return f"{self.neighbourhood_id} {self.year}: {self.placements}"


class BuildingFigure(models.Model):
    """Placements per building (*complex*) × year, and its active placements against the rule."""

    run = models.ForeignKey(FigureRun, on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    corporation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    building_code = models.CharField(max_length=30)
    neighbourhood = models.ForeignKey(Neighbourhood, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    placements = models.PositiveIntegerField()
    active = models.PositiveIntegerField()
    limit_active = models.PositiveIntegerField(null=True)
    over = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["corporation", "building_code", "neighbourhood", "year"], name="buildingfigure_once"
            ),
        ]
        indexes = [models.Index(fields=["region", "year"], name="buildingfigure_region_year")]

    def __str__(self) -> str:
        return f"{self.building_code} {self.year}: {self.active}"


class FlowFigure(models.Model):
    """The flow of clients per region × month (docs/figures.md)."""

    run = models.ForeignKey(FigureRun, on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # first day of the month
    newly_ready = models.PositiveIntegerField()
    waiting_end = models.PositiveIntegerField()
    housed = models.PositiveIntegerField()
    median_days = models.DecimalField(max_digits=7, decimal_places=1, null=True)
    p90_days = models.DecimalField(max_digits=7, decimal_places=1, null=True)
    wait_lt_week = models.PositiveIntegerField()
    wait_week_month = models.PositiveIntegerField()
    wait_1_3_months = models.PositiveIntegerField()
    wait_3_6_months = models.PositiveIntegerField()
    wait_gt_6_months = models.PositiveIntegerField()
    relapse_180 = models.PositiveIntegerField()
    relapse_365 = models.PositiveIntegerField()
    relapse_730 = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region", "month"], name="flowfigure_once")]

    def __str__(self) -> str:
        return f"{self.region_id} {self.month:%Y-%m}"

    def open_relapse_windows(self, as_of: date | None) -> list[int]:
        """The relapse windows (180, 365, 730 days) not yet over on `as_of` for every move-in of the month: one
        on its last day relapses within N days up to N days later, so its count can still grow."""
        if as_of is None:
            return []
        last_day = (self.month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        return [days for days in RELAPSE_WINDOWS if last_day + timedelta(days=days) > as_of]


class ForecastFigure(models.Model):
    """The need forecast of a region for next year (`year`), as of a day (docs/figures.md, "Need forecast").

    The inputs (waiting now, housing pace, relapse rate, the expected inflow per month) are kept beside the outcome,
    so the dashboard can work out the outlook for another number of homes without a query. Without enough months
    of data (`months_of_data` < 12) only the inputs are filled and every outcome is empty."""

    class Basis(models.TextChoices):
        AGREEMENTS_NEXT = "agreements_next", _("prestatieafspraken van dat jaar")
        AGREEMENTS_THIS = "agreements_this", _("prestatieafspraken van dit jaar")
        PACE = "pace", _("het verhuurtempo van de laatste 12 maanden")

    run = models.ForeignKey(FigureRun, on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()  # the year forecast: the one after the as-of date's
    as_of = models.DateField()
    months_of_data = models.PositiveSmallIntegerField()
    waiting_now = models.PositiveIntegerField()
    pace = models.DecimalField(max_digits=9, decimal_places=2)  # homes let per month, last 12 months
    relapse_rate = models.DecimalField(max_digits=5, decimal_places=4)
    # Share of those waiting who leave the list without a home in a month (closed: withdrawn, moved elsewhere).
    leave_rate = models.DecimalField(max_digits=5, decimal_places=4, default=0)
    target_days = models.PositiveIntegerField()
    inflow_next_year = models.DecimalField(max_digits=9, decimal_places=1, null=True)
    inflow_bw = models.DecimalField(max_digits=9, decimal_places=1, null=True)
    inflow_mo = models.DecimalField(max_digits=9, decimal_places=1, null=True)
    inflow_ggz = models.DecimalField(max_digits=9, decimal_places=1, null=True)
    inflow_other = models.DecimalField(max_digits=9, decimal_places=1, null=True)
    growth = models.DecimalField(max_digits=6, decimal_places=3, null=True)
    # Next year's inflow at the low and high end of its 80 % range, as a factor of the expected inflow.
    inflow_low_factor = models.DecimalField(max_digits=6, decimal_places=4, null=True)
    inflow_high_factor = models.DecimalField(max_digits=6, decimal_places=4, null=True)
    # Expected inflow per month from the month after `as_of` to December of `year` (the queue's months).
    monthly_inflow = ArrayField(models.DecimalField(max_digits=9, decimal_places=3), default=list)
    homes = models.PositiveIntegerField(null=True)  # the number of homes the outlook is for
    homes_basis = models.CharField(max_length=16, choices=Basis.choices, blank=True)
    waiting_end = models.DecimalField(max_digits=9, decimal_places=1, null=True)
    waiting_end_low = models.DecimalField(max_digits=9, decimal_places=1, null=True)
    waiting_end_high = models.DecimalField(max_digits=9, decimal_places=1, null=True)
    median_days = models.DecimalField(max_digits=9, decimal_places=1, null=True)
    homes_needed = models.PositiveIntegerField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="forecastfigure_once")]

    def __str__(self) -> str:
        return f"{self.region_id} {self.year}: {self.waiting_end}"

    @property
    def enough_data(self) -> bool:
        return self.inflow_next_year is not None
