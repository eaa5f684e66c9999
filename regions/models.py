"""Geography, parties and what they agreed: regions, municipalities, neighbourhoods, organisations,
memberships, quota agreements and dispersion rules. This app never imports `placements`."""

from decimal import Decimal
from functools import cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _

MUNICIPALITY_CODE = r"^GM[0-9]{4}$"
NEIGHBOURHOOD_CODE = r"^(WK[0-9]{6}|BU[0-9]{8})$"
FIRST_YEAR, LAST_YEAR = 2000, 2100

municipality_code_validator = RegexValidator(
    MUNICIPALITY_CODE, _("Een CBS-gemeentecode is 'GM' gevolgd door 4 cijfers, bijvoorbeeld GM0479.")
)
neighbourhood_code_validator = RegexValidator(
    NEIGHBOURHOOD_CODE,
    _("Een CBS-code is 'WK' met 6 cijfers (wijk, bijv. WK047901) of 'BU' met 8 cijfers (buurt, bijv. BU04790101)."),
)
year_validators = [
    MinValueValidator(FIRST_YEAR, _("Het jaar moet %(limit_value)s of later zijn.")),
    MaxValueValidator(LAST_YEAR, _("Het jaar moet %(limit_value)s of eerder zijn.")),
]


class ChoiceLabels(dict):
    """A choice field's labels by value; an unknown value shows as itself."""

    def __missing__(self, value):
        return value

    def translated(self) -> "ChoiceLabels":
        """The labels as plain text in the active language: translate once, look up many times."""
        return ChoiceLabels({value: str(label) for value, label in self.items()})


@cache
def _choice_labels(field) -> ChoiceLabels:
    return ChoiceLabels(field.flatchoices)


class ChoiceLabelsMixin(models.Model):
    """`get_<field>_display()` from a dictionary made once per field. Django's own rebuilds it on every call and
    hashes each (lazy, translated) label to do so: with a few labels per row that was the largest cost of the
    clients list (bench/RESULTS.md)."""

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        try:
            label = _choice_labels(field)[value]
        except TypeError:  # an unhashable value (a list): Django's way
            return super()._get_FIELD_display(field)
        return force_str(label, strings_only=True)


def year_range_check(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": FIRST_YEAR, f"{field}__lte": LAST_YEAR}),
        name=name,
        violation_error_message=_("Het jaar moet tussen %(first)s en %(last)s liggen.")
        % {"first": FIRST_YEAR, "last": LAST_YEAR},
    )


class RegionQuerySet(models.QuerySet):
    def visible_to(self, user, *roles: str) -> "RegionQuerySet":
        """The regions in which the user holds any of `roles` (any role when none are named); none for anyone
        else."""
        from regions.access import access_for

        return self.filter(pk__in=access_for(user).region_ids(*roles))


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

    objects = RegionQuerySet.as_manager()

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
        if self.centre_municipality_id and self.pk and self.centre_municipality.region_id != self.pk:
            raise ValidationError(
                {"centre_municipality": _("De centrumgemeente moet een gemeente van deze regio zijn.")}
            )


class Municipality(models.Model):
    """A municipality, identified by its CBS code (GM + 4 digits), in one region."""

    cbs_code = models.CharField(_("CBS-code"), max_length=6, unique=True, validators=[municipality_code_validator])
    name = models.CharField(_("naam"), max_length=100)
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


class Organisation(models.Model):
    """A party in the covenant: a municipality, a housing corporation or a care provider."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Gemeente")
        CORPORATION = "corporation", _("Woningcorporatie")
        CARE_PROVIDER = "care_provider", _("Zorgaanbieder")

    name = models.CharField(_("naam"), max_length=150, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    regions = models.ManyToManyField(Region, verbose_name=_("werkt in regio's"), related_name="organisations")
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Alleen voor een organisatie van de soort gemeente: welke gemeente het is."),
    )
    contact_email = models.EmailField(
        _("contactadres"), blank=True, help_text=_("Algemeen e-mailadres voor meldingen, zoals herinneringen.")
    )

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["municipality", "corporation", "care_provider"]), name="organisation_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(municipality__isnull=True) | Q(kind="municipality"),
                name="organisation_municipality_only_for_municipalities",
                violation_error_message=_(
                    "Alleen een organisatie van de soort gemeente kan aan een gemeente gekoppeld zijn."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's role in an organisation. All access in the application is decided from these rows."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Regisseur")
        CORPORATION_STAFF = "corporation_staff", _("Medewerker woningcorporatie")
        CARE_WORKER = "care_worker", _("Begeleider")
        MANAGER = "manager", _("Manager")

    # Which kind of organisation each role belongs to; a manager can sit in any.
    ROLE_KINDS = {
        Role.COORDINATOR: {Organisation.Kind.MUNICIPALITY},
        Role.CORPORATION_STAFF: {Organisation.Kind.CORPORATION},
        Role.CARE_WORKER: {Organisation.Kind.CARE_PROVIDER},
        Role.MANAGER: set(Organisation.Kind),
    }

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gebruiker"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                name="membership_unique_role",
                violation_error_message=_("Deze gebruiker heeft deze rol al bij deze organisatie."),
            ),
            models.CheckConstraint(
                condition=Q(role__in=["coordinator", "corporation_staff", "care_worker", "manager"]),
                name="membership_role_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} bij {self.organisation}"

    def clean(self) -> None:
        if self.organisation_id and self.role and self.organisation.kind not in self.ROLE_KINDS[self.role]:
            raise ValidationError(
                {
                    "role": _("De rol %(role)s past niet bij een %(kind)s.")
                    % {"role": self.get_role_display(), "kind": self.organisation.get_kind_display().lower()}
                }
            )


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


class MunicipalityQuota(models.Model):
    """The optional split of an agreement's quota over the region's municipalities."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("afspraak"), on_delete=models.CASCADE, related_name="municipality_quotas"
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="+"
    )
    quota = models.PositiveIntegerField(_("contingent (woningen)"))

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


class DispersionRuleQuerySet(models.QuerySet):
    def applicable(self, *, region_id: int, year: int) -> "DispersionRule | None":
        """The rule for that region and year: the one for that year, else the region's standing rule."""
        return (
            self.filter(region_id=region_id)
            .filter(Q(year=year) | Q(year__isnull=True))
            .order_by(F("year").desc(nulls_last=True))
            .first()
        )


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
