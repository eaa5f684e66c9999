"""What the parties agreed: quota per corporation and year (optionally per municipality) and dispersion rules.

History: every insert and update (and the removal of a municipality from a split) is copied by a PostgreSQL
trigger (django-pghistory) into an event table, with the acting user from the request; the coordinators' pages
show it (`regions.history`)."""

from decimal import Decimal

import pghistory
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from regions.models.common import FIRST_YEAR, LAST_YEAR, version_field, year_range_check, year_validators
from regions.models.geography import Municipality, Region
from regions.models.parties import Organisation


@pghistory.track(pghistory.InsertEvent("created"), pghistory.UpdateEvent("changed"))
class Agreement(models.Model):
    """A corporation's quota: how many homes it makes available for outflow in a region in a year."""

    region = models.ForeignKey(Region, verbose_name=_("regio"), on_delete=models.PROTECT, related_name="agreements")
    corporation = models.ForeignKey(
        Organisation,
        verbose_name=_("woningcorporatie"),
        on_delete=models.PROTECT,
        related_name="agreements",
        limit_choices_to={"kind": Organisation.Kind.CORPORATION},
    )
    year = models.PositiveSmallIntegerField(_("jaar"), validators=year_validators)
    quota = models.PositiveIntegerField(_("contingent (woningen)"))
    approaching_share = models.DecimalField(
        _("drempel 'bijna op schema'"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.80"),
        validators=[
            MinValueValidator(Decimal("0.01"), _("De drempel moet groter zijn dan 0.")),
            MaxValueValidator(Decimal("1.00"), _("De drempel mag niet groter zijn dan 1 (100%%).")),
        ],
        help_text=_("Aandeel van het naar rato doel vanaf waar de realisatie 'bijna op schema' heet (0,80 = 80%)."),
    )
    note = models.TextField(_("toelichting"), blank=True)
    version = version_field()

    class Meta:
        verbose_name = _("prestatieafspraak")
        verbose_name_plural = _("prestatieafspraken")
        ordering = ["-year", "region__name", "corporation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "corporation", "year"],
                name="agreement_one_per_region_corporation_year",
                violation_error_message=_("Er is al een afspraak voor deze corporatie in deze regio en dit jaar."),
            ),
            year_range_check("year", "agreement_year_range"),
            models.CheckConstraint(
                condition=Q(approaching_share__gt=0, approaching_share__lte=1),
                name="agreement_approaching_share_range",
                violation_error_message=_("De drempel moet tussen 0 en 1 liggen."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.corporation} – {self.region} {self.year}: {self.quota}"

    def clean(self) -> None:
        errors = {}
        if self.corporation_id:
            if self.corporation.kind != Organisation.Kind.CORPORATION:
                errors["corporation"] = _("Een contingent wordt afgesproken met een woningcorporatie.")
            elif self.region_id and not self.corporation.regions.filter(pk=self.region_id).exists():
                errors["corporation"] = _("Deze corporatie werkt niet in de gekozen regio.")
        if errors:
            raise ValidationError(errors)


@pghistory.track(pghistory.InsertEvent("created"), pghistory.UpdateEvent("changed"), pghistory.DeleteEvent("deleted"))
class MunicipalityQuota(models.Model):
    """The optional split of an agreement's quota over the region's municipalities."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("afspraak"), on_delete=models.CASCADE, related_name="municipality_quotas"
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="+"
    )
    quota = models.PositiveIntegerField(_("contingent (woningen)"))
    version = version_field()

    class Meta:
        verbose_name = _("verdeling over gemeente")
        verbose_name_plural = _("verdeling over gemeenten")
        ordering = ["municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "municipality"],
                name="municipality_quota_once_per_agreement",
                violation_error_message=_("Deze gemeente staat al in de verdeling van deze afspraak."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality.name}: {self.quota}"

    def clean(self) -> None:
        if self.agreement_id and self.municipality_id and self.municipality.region_id != self.agreement.region_id:
            raise ValidationError({"municipality": _("Deze gemeente ligt niet in de regio van de afspraak.")})


class DispersionRuleQuerySet(models.QuerySet["DispersionRule"]):
    def applicable(self, *, region_id: int, year: int) -> "DispersionRule | None":
        """The rule for that region and year: the one for that year, else the region's standing rule."""
        return (
            self.filter(region_id=region_id)
            .filter(Q(year=year) | Q(year__isnull=True))
            .order_by(F("year").desc(nulls_last=True))
            .first()
        )


@pghistory.track(pghistory.InsertEvent("created"), pghistory.UpdateEvent("changed"))
class DispersionRule(models.Model):
    """How a region spreads placements: limits per neighbourhood and per building (*complex*)."""

    class Mode(models.TextChoices):
        WARN = "warn", _("Waarschuwen")
        BLOCK = "block", _("Blokkeren (tenzij regisseur met reden afwijkt)")

    region = models.ForeignKey(
        Region, verbose_name=_("regio"), on_delete=models.CASCADE, related_name="dispersion_rules"
    )
    year = models.PositiveSmallIntegerField(
        _("jaar"),
        null=True,
        blank=True,
        validators=year_validators,
        help_text=_("Leeg: geldt voor elk jaar waarvoor geen eigen regel is."),
    )
    max_new_per_neighbourhood = models.PositiveIntegerField(
        _("max. nieuwe plaatsingen per wijk per jaar"), null=True, blank=True
    )
    max_per_thousand_stock = models.DecimalField(
        _("max. plaatsingen per 1.000 sociale huurwoningen"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"), _("Het maximum per 1.000 woningen moet groter zijn dan 0."))],
    )
    max_active_per_building = models.PositiveSmallIntegerField(
        _("max. actieve plaatsingen per complex"), null=True, blank=True
    )
    mode = models.CharField(_("werking"), max_length=10, choices=Mode.choices, default=Mode.WARN)
    version = version_field()

    objects = DispersionRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("spreidingsregel")
        verbose_name_plural = _("spreidingsregels")
        ordering = ["region__name", F("year").desc(nulls_last=True)]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year"],
                condition=Q(year__isnull=False),
                name="dispersion_rule_one_per_region_year",
                violation_error_message=_("Deze regio heeft al een spreidingsregel voor dit jaar."),
            ),
            models.UniqueConstraint(
                fields=["region"],
                condition=Q(year__isnull=True),
                name="dispersion_rule_one_standing_per_region",
                violation_error_message=_("Deze regio heeft al een spreidingsregel voor elk jaar."),
            ),
            models.CheckConstraint(
                condition=Q(max_new_per_neighbourhood__isnull=False)
                | Q(max_per_thousand_stock__isnull=False)
                | Q(max_active_per_building__isnull=False),
                name="dispersion_rule_has_a_limit",
                violation_error_message=_("Vul minstens één grens in."),
            ),
            models.CheckConstraint(
                condition=Q(max_per_thousand_stock__isnull=True) | Q(max_per_thousand_stock__gt=0),
                name="dispersion_rule_rate_positive",
                violation_error_message=_("Het maximum per 1.000 woningen moet groter zijn dan 0."),
            ),
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR),
                name="dispersion_rule_year_range",
            ),
            models.CheckConstraint(condition=Q(mode__in=["warn", "block"]), name="dispersion_rule_mode_valid"),
        ]

    def __str__(self) -> str:
        period = self.year or _("elk jaar")
        return f"{self.region} – {period} ({self.get_mode_display().split(' ')[0].lower()})"
