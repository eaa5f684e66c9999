"""Reserved homes (`Dwelling`): a social-rent home a corporation reserved for outflow, and who may see it.

History: every insert and update is copied by a PostgreSQL trigger (django-pghistory) into an event table, with
the acting user from the request or service context; bulk updates and raw SQL are recorded too. The status
changes only through `placements.records.services` and `placements.matching.services`."""

from decimal import Decimal
from typing import TYPE_CHECKING

import pghistory
import pgtrigger
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from placements.models.region_sync import after_change_of
from placements.validators import refuse_control_characters_in_line, validate_house_number_addition
from regions.access import access_for
from regions.models import Membership, Neighbourhood, Organisation, Region
from regions.models.common import version_field

if TYPE_CHECKING:
    from regions.access import AnyUser

Role = Membership.Role
POSTCODE = r"^[1-9][0-9]{3} [A-Z]{2}$"
# A reservation holds its address until it is withdrawn or, once let, its tenancy ended; then the corporation can
# reserve the same address again as a new record (the earlier ones stay as the address's history).
ADDRESS_HELD = ~Q(status="withdrawn") & Q(tenancy_ended_on__isnull=True)
RENT_MAX_CENTS = 500_000  # database bound only; forms ask for a sane monthly rent (see records.forms.RENT_RANGE)


class DwellingQuerySet(models.QuerySet["Dwelling"]):
    def visible_to(self, user: "AnyUser") -> "DwellingQuerySet":
        """Homes a user may see: coordinators all homes in their regions, corporation staff their own
        corporation's homes; nobody else (care workers and managers see no home records here)."""
        access = access_for(user)
        return self.filter(
            Q(region_id__in=access.region_ids(Role.COORDINATOR))
            | Q(corporation_id__in=access.organisation_ids(Role.CORPORATION_STAFF))
        )

    def editable_by(self, user: "AnyUser") -> "DwellingQuerySet":
        """Homes a user may change: the same as visible (coordinators log homes; corporations keep theirs)."""
        return self.visible_to(user)

    def coordinated_by(self, user: "AnyUser") -> "DwellingQuerySet":
        """Homes in the regions where the user is coordinator: the homes they may propose."""
        return self.filter(region_id__in=access_for(user).region_ids(Role.COORDINATOR))

    def in_region(self, region: Region) -> "DwellingQuerySet":
        return self.filter(region=region)

    def holding_address(self) -> "DwellingQuerySet":
        """The reservations that hold their address (at most one per address, by the database): neither
        withdrawn nor let with an ended tenancy."""
        return self.filter(ADDRESS_HELD)

    def at_address_of(self, dwelling: "Dwelling") -> "DwellingQuerySet":
        return self.filter(
            postcode=dwelling.postcode,
            house_number=dwelling.house_number,
            house_number_addition=dwelling.house_number_addition,
        )


@pghistory.track(pghistory.InsertEvent("created"), pghistory.UpdateEvent("changed"))
class Dwelling(models.Model):
    """A social-rent home a corporation reserved for outflow."""

    class Kind(models.TextChoices):
        INDEPENDENT = "independent", _("Zelfstandige woning")
        ROOM = "room", _("Kamer")
        INTERMEDIATE = "intermediate", _("Tussenvoorziening")
        HOUSING_FIRST = "housing_first", _("Housing First")
        SKAEVE_HUSE = "skaeve_huse", _("Skaeve huse")

    class Status(models.TextChoices):
        RESERVED = "reserved", _("Gereserveerd")
        OFFERED = "offered", _("Aangeboden")
        LET = "let", _("Verhuurd")
        WITHDRAWN = "withdrawn", _("Ingetrokken")

    HISTORY_HIDDEN = {"region_id"}  # derived from the neighbourhood, not a change anyone made

    # The moves a home's status can make; records.services and matching.services check every change against this.
    # An offered home follows its placement (back to reserved, or let); withdraw it by cancelling that first.
    TRANSITIONS: dict[str, set[str]] = {
        Status.RESERVED: {Status.OFFERED, Status.WITHDRAWN},
        Status.OFFERED: {Status.RESERVED, Status.LET},
        Status.LET: set(),
        Status.WITHDRAWN: {Status.RESERVED},
    }

    corporation = models.ForeignKey(
        Organisation,
        verbose_name=_("woningcorporatie"),
        on_delete=models.PROTECT,
        related_name="dwellings",
        limit_choices_to={"kind": Organisation.Kind.CORPORATION},
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood, verbose_name=_("wijk of buurt"), on_delete=models.PROTECT, related_name="dwellings"
    )
    # The neighbourhood's region, kept by a database trigger (never set by code), so region lists and counts
    # use one index instead of joining neighbourhood and municipality.
    region = models.ForeignKey(
        Region, verbose_name=_("regio"), on_delete=models.PROTECT, related_name="+", editable=False, null=True
    )
    postcode = models.CharField(_("postcode"), max_length=7)
    house_number = models.PositiveIntegerField(_("huisnummer"), validators=[MinValueValidator(1)])
    house_number_addition = models.CharField(
        _("toevoeging"), max_length=10, blank=True, validators=[validate_house_number_addition]
    )
    street = models.CharField(_("straat"), max_length=120, validators=[refuse_control_characters_in_line])
    place = models.CharField(_("plaats"), max_length=80, validators=[refuse_control_characters_in_line])
    building_code = models.CharField(
        _("complexcode"),
        max_length=30,
        blank=True,
        validators=[refuse_control_characters_in_line],
        help_text=_("Code van het complex (portiek, blok) bij de corporatie."),
    )
    kind = models.CharField(_("soort woning"), max_length=20, choices=Kind.choices, default=Kind.INDEPENDENT)
    rooms = models.PositiveSmallIntegerField(_("kamers"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    rent_cents = models.PositiveIntegerField(_("kale huur (centen per maand)"))
    ground_floor = models.BooleanField(_("gelijkvloers"), default=False)
    accessible = models.BooleanField(_("toegankelijk (rolstoel/rollator)"), default=False)
    reserved_on = models.DateField(_("gereserveerd op"))
    available_from = models.DateField(_("beschikbaar vanaf"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.RESERVED)
    # Set by records.services.end_tenancy on a let home: the tenancy ended, the address is free again.
    tenancy_ended_on = models.DateField(_("huur beëindigd op"), null=True, blank=True, editable=False)
    version = version_field()
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = DwellingQuerySet.as_manager()

    class Meta:
        verbose_name = _("gereserveerde woning")
        verbose_name_plural = _("gereserveerde woningen")
        ordering = ["available_from", "postcode", "house_number"]
        constraints = [
            models.CheckConstraint(condition=Q(postcode__regex=POSTCODE), name="dwelling_postcode_format"),
            # PostgreSQL's `$` is the end of the text, where Python's validator needs `\Z`.
            models.CheckConstraint(
                condition=Q(house_number_addition__regex=r"^[A-Za-z0-9-]*$"), name="dwelling_addition_format"
            ),
            models.CheckConstraint(condition=Q(rooms__gte=1, rooms__lte=12), name="dwelling_rooms_range"),
            models.CheckConstraint(
                condition=Q(rent_cents__gt=0, rent_cents__lte=RENT_MAX_CENTS), name="dwelling_rent_range"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["reserved", "offered", "let", "withdrawn"]), name="dwelling_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(tenancy_ended_on__isnull=True) | Q(status="let"), name="dwelling_tenancy_end_only_let"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["independent", "room", "intermediate", "housing_first", "skaeve_huse"]),
                name="dwelling_kind_valid",
            ),
            # One live reservation per address; a withdrawn one, or a let one whose tenancy ended, may be
            # reserved again as a new record.
            models.UniqueConstraint(
                fields=["postcode", "house_number", "house_number_addition"],
                condition=ADDRESS_HELD,
                name="dwelling_one_live_reservation_per_address",
                violation_error_message=_("Dit adres staat al als gereserveerde woning geregistreerd."),
            ),
        ]
        indexes = [
            models.Index(fields=["corporation", "status"], name="dwelling_corporation_status"),
            # The API's pages of a corporation's homes, by id (its cursor): read in order instead of filtering the
            # whole table's primary key for one corporation's rows (bench/api.py).
            models.Index(fields=["corporation", "id"], name="dwelling_corporation_by_id"),
            models.Index(fields=["neighbourhood", "status"], name="dwelling_neighbourhood_status"),
            models.Index(fields=["region", "available_from", "postcode", "house_number"], name="dwelling_region_list"),
        ]
        triggers = [
            pgtrigger.Trigger(
                name="dwelling_region_from_neighbourhood",
                when=pgtrigger.Before,
                operation=pgtrigger.Insert | pgtrigger.UpdateOf("neighbourhood_id"),
                func="""
                    NEW.region_id := (
                        SELECT m.region_id FROM regions_neighbourhood n
                        JOIN regions_municipality m ON m.id = n.municipality_id
                        WHERE n.id = NEW.neighbourhood_id
                    );
                    RETURN NEW;
                """,
            ),
            after_change_of(
                "region_id",
                name="dwelling_region_to_placements",
                sql="UPDATE placements_placement SET region_id = NEW.region_id WHERE dwelling_id = NEW.id;",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.address}, {self.place}"

    @property
    def address(self) -> str:
        addition = f"-{self.house_number_addition}" if self.house_number_addition else ""
        return f"{self.street} {self.house_number}{addition} ({self.postcode})"

    @property
    def street_and_place(self) -> str:
        """ "Kerkbuurt 4-a, Westzaan": how notifications, e-mails and work lists name the home."""
        addition = f"-{self.house_number_addition}" if self.house_number_addition else ""
        return f"{self.street} {self.house_number}{addition}, {self.place}"

    @property
    def rent_euros(self) -> Decimal:
        return Decimal(self.rent_cents) / 100
