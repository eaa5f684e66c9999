"""Geography: regions (*centrumgemeente* regions), municipalities and CBS neighbourhoods with their social-rent
stock."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from regions.models.common import (
    FIRST_YEAR,
    LAST_YEAR,
    MUNICIPALITY_CODE,
    NEIGHBOURHOOD_CODE,
    municipality_code_validator,
    neighbourhood_code_validator,
    year_validators,
)  # fmt: skip


class Region(models.Model):
    """A *centrumgemeente* region (e.g. Zaanstreek) whose parties signed a covenant."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    code = models.CharField(
        _("code"),
        max_length=8,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2,8}$", _("Een regiocode bestaat uit 2 tot 8 hoofdletters, bijv. ZAA."))],
        help_text=_("Korte code in hoofdletters, gebruikt in de pseudoniemen van cliënten (bijv. ZAA)."),
    )
    centre_municipality = models.ForeignKey(
        "Municipality",
        verbose_name=_("centrumgemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    synthetic = models.BooleanField(
        _("synthetische gegevens"),
        default=False,
        editable=False,
        help_text=_("Gemaakt door generate_dataset voor tests en metingen; nooit echte gegevens."),
    )

    class Meta:
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=r"^[A-Z]{2,8}$"), name="region_code_format"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        centre = self.centre_municipality if self.centre_municipality_id and self.pk else None
        if centre is not None and centre.region_id != self.pk:
            raise ValidationError(
                {"centre_municipality": _("De centrumgemeente moet een gemeente van deze regio zijn.")}
            )


class Municipality(models.Model):
    """A municipality, identified by its CBS code (GM + 4 digits), in one region."""

    cbs_code = models.CharField(_("CBS-code"), max_length=6, unique=True, validators=[municipality_code_validator])
    name = models.CharField(_("naam"), max_length=100)
    # Homes and placements keep a copy of their municipality's region; a database trigger moves them along when
    # this changes (placements/models/region_sync.py, MunicipalityMove).
    region = models.ForeignKey(Region, verbose_name=_("regio"), on_delete=models.PROTECT, related_name="municipalities")

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(cbs_code__regex=MUNICIPALITY_CODE), name="municipality_cbs_code_format"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.cbs_code})"


class Neighbourhood(models.Model):
    """A CBS wijk (WK + 6 digits) or buurt (BU + 8 digits) with its social-rent stock, the denominator of every
    dispersion figure. The stock is unknown (empty) rather than zero when no figure was supplied."""

    cbs_code = models.CharField(_("CBS-code"), max_length=10, unique=True, validators=[neighbourhood_code_validator])
    name = models.CharField(_("naam"), max_length=100)
    # Homes keep a copy of their neighbourhood's region; a database trigger moves them along when this changes
    # (placements/models/region_sync.py, NeighbourhoodMove).
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="neighbourhoods"
    )
    social_rent_stock = models.PositiveIntegerField(
        _("sociale huurwoningen"),
        null=True,
        blank=True,
        help_text=_("Aantal sociale huurwoningen in deze wijk of buurt; leeg als het niet bekend is."),
    )
    stock_year = models.PositiveSmallIntegerField(
        _("peiljaar voorraad"),
        null=True,
        blank=True,
        validators=year_validators,
        help_text=_("Het jaar waarop het aantal sociale huurwoningen betrekking heeft."),
    )

    class Meta:
        verbose_name = _("wijk of buurt")
        verbose_name_plural = _("wijken en buurten")
        ordering = ["municipality__name", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cbs_code__regex=NEIGHBOURHOOD_CODE), name="neighbourhood_cbs_code_format"
            ),
            models.CheckConstraint(
                condition=Q(social_rent_stock__isnull=True, stock_year__isnull=True)
                | Q(social_rent_stock__isnull=False, stock_year__isnull=False),
                name="neighbourhood_stock_has_year",
                violation_error_message=_("Geef bij de woningvoorraad ook het peiljaar op (of laat beide leeg)."),
            ),
            models.CheckConstraint(
                condition=Q(stock_year__isnull=True) | Q(stock_year__gte=FIRST_YEAR, stock_year__lte=LAST_YEAR),
                name="neighbourhood_stock_year_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.cbs_code})"

    @property
    def is_buurt(self) -> bool:
        return self.cbs_code.startswith("BU")

    def clean(self) -> None:
        # CBS codes nest: WK0479 01 and BU0479 01 01 both carry the municipality's four digits.
        digits = self.municipality.cbs_code[2:6] if self.municipality_id else None
        if digits and self.cbs_code and len(self.cbs_code) >= 6 and self.cbs_code[2:6] != digits:
            raise ValidationError(
                {
                    "cbs_code": _(
                        "Deze CBS-code hoort niet bij %(municipality)s: de cijfers na WK/BU moeten met %(digits)s beginnen."
                    )
                    % {"municipality": self.municipality.name, "digits": digits}
                }
            )
        if (self.social_rent_stock is None) != (self.stock_year is None):
            raise ValidationError(
                {"stock_year": _("Geef bij de woningvoorraad ook het peiljaar op (of laat beide leeg).")}
            )
