"""Reserved homes (`Dwelling`) and clients ready for outflow (`OutflowCase`), with their history and the access
log. A client is known only by a pseudonymous reference: there is no field for a name, BSN or date of birth.

History: every insert and update of a home or a client is copied by a PostgreSQL trigger (django-pghistory)
into an event table, with the acting user from the request or service context. Because it is a trigger, bulk
updates and raw SQL are recorded too. Status fields change only through `placements.services`.
"""

from decimal import Decimal

import pghistory
import pgtrigger
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from regions.access import access_for
from regions.models import ChoiceLabelsMixin, Membership, Municipality, Neighbourhood, Organisation, Region

Role = Membership.Role
POSTCODE = r"^[1-9][0-9]{3} [A-Z]{2}$"
HOUSEHOLD_MAX = 12
RENT_MAX_CENTS = 500_000  # database bound only; forms ask for a sane monthly rent (see forms.RENT_RANGE)


def waiting_time(ready_on, today) -> str:
    """How long a client has been ready to move out, counted in days as on the client's page and in the CSV
    ("Wachtdagen"): "1 dag", "253 dagen"; "nog niet uitstroomklaar" for a date still to come. `ready_on` is a
    day, so there are no hours to show."""
    days = (today - ready_on).days
    if days < 0:
        return gettext("nog niet uitstroomklaar")
    return ngettext("%(days)s dag", "%(days)s dagen", days) % {"days": days}


def after_change_of(column: str, *, name: str, sql: str) -> pgtrigger.Trigger:
    """A trigger that runs `sql` after an update that changed `column` of the row (`NEW` in `sql`). Any update,
    compared, rather than UPDATE OF: a column set by a BEFORE trigger does not count for UPDATE OF."""
    return pgtrigger.Trigger(
        name=name,
        when=pgtrigger.After,
        operation=pgtrigger.Update,
        condition=pgtrigger.Condition(f"OLD.{column} IS DISTINCT FROM NEW.{column}"),
        func=f"{sql.strip()}\nRETURN NULL;",
    )


class DwellingQuerySet(models.QuerySet):
    def visible_to(self, user) -> "DwellingQuerySet":
        """Homes a user may see: coordinators all homes in their regions, corporation staff their own
        corporation's homes; nobody else (care workers and managers see no home records here)."""
        access = access_for(user)
        return self.filter(
            Q(region_id__in=access.region_ids(Role.COORDINATOR))
            | Q(corporation_id__in=access.organisation_ids(Role.CORPORATION_STAFF))
        )

    def editable_by(self, user) -> "DwellingQuerySet":
        """Homes a user may change: the same as visible (coordinators log homes; corporations keep theirs)."""
        return self.visible_to(user)

    def coordinated_by(self, user) -> "DwellingQuerySet":
        """Homes in the regions where the user is coordinator: the homes they may propose."""
        return self.filter(region_id__in=access_for(user).region_ids(Role.COORDINATOR))

    def in_region(self, region: Region) -> "DwellingQuerySet":
        return self.filter(region=region)


@pghistory.track(pghistory.InsertEvent("created"), pghistory.UpdateEvent("changed"))
class Dwelling(ChoiceLabelsMixin, models.Model):
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

    # The moves a home's status can make; placements.services checks every change against this.
    # An offered home follows its placement (back to reserved, or let); withdraw it by cancelling that first.
    TRANSITIONS = {
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
    house_number_addition = models.CharField(_("toevoeging"), max_length=10, blank=True)
    street = models.CharField(_("straat"), max_length=120)
    place = models.CharField(_("plaats"), max_length=80)
    building_code = models.CharField(
        _("complexcode"),
        max_length=30,
        blank=True,
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
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = DwellingQuerySet.as_manager()

    class Meta:
        verbose_name = _("gereserveerde woning")
        verbose_name_plural = _("gereserveerde woningen")
        ordering = ["available_from", "postcode", "house_number"]
        constraints = [
            models.CheckConstraint(condition=Q(postcode__regex=POSTCODE), name="dwelling_postcode_format"),
            models.CheckConstraint(condition=Q(rooms__gte=1, rooms__lte=12), name="dwelling_rooms_range"),
            models.CheckConstraint(
                condition=Q(rent_cents__gt=0, rent_cents__lte=RENT_MAX_CENTS), name="dwelling_rent_range"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["reserved", "offered", "let", "withdrawn"]), name="dwelling_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["independent", "room", "intermediate", "housing_first", "skaeve_huse"]),
                name="dwelling_kind_valid",
            ),
            # One live reservation per address; a withdrawn one may be reserved again as a new record.
            models.UniqueConstraint(
                fields=["postcode", "house_number", "house_number_addition"],
                condition=~Q(status="withdrawn"),
                name="dwelling_one_live_reservation_per_address",
                violation_error_message=_("Dit adres staat al als gereserveerde woning geregistreerd."),
            ),
        ]
        indexes = [
            models.Index(fields=["corporation", "status"], name="dwelling_corporation_status"),
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
    def rent_euros(self) -> Decimal:
        return Decimal(self.rent_cents) / 100


class NeighbourhoodMove(Neighbourhood):
    """Carries the trigger that moves a neighbourhood's homes along when it gets another municipality (a proxy:
    pgtrigger installs it on regions' table, and the regions app need not know the placements tables)."""

    class Meta:
        proxy = True
        triggers = [
            after_change_of(
                "municipality_id",
                name="neighbourhood_region_to_dwellings",
                sql="""
                    UPDATE placements_dwelling
                    SET region_id = (SELECT region_id FROM regions_municipality WHERE id = NEW.municipality_id)
                    WHERE neighbourhood_id = NEW.id;
                """,
            ),
        ]


class MunicipalityMove(Municipality):
    """Carries the trigger that moves a municipality's homes along when it joins another region (see
    NeighbourhoodMove); the homes' trigger then moves their placements."""

    class Meta:
        proxy = True
        triggers = [
            after_change_of(
                "region_id",
                name="municipality_region_to_dwellings",
                sql="""
                    UPDATE placements_dwelling d SET region_id = NEW.region_id
                    FROM regions_neighbourhood n
                    WHERE n.id = d.neighbourhood_id AND n.municipality_id = NEW.id;
                """,
            ),
        ]


class OutflowCaseQuerySet(models.QuerySet):
    def visible_to(self, user) -> "OutflowCaseQuerySet":
        """Clients a user may see: coordinators all clients in their regions, care workers their own
        organisation's clients. Corporation staff and managers see no client records here."""
        access = access_for(user)
        return self.filter(
            Q(region_id__in=access.region_ids(Role.COORDINATOR))
            | Q(care_provider_id__in=access.organisation_ids(Role.CARE_WORKER))
        )

    def editable_by(self, user) -> "OutflowCaseQuerySet":
        """Clients a user may change: only the care workers of the client's own care provider."""
        return self.filter(care_provider_id__in=access_for(user).organisation_ids(Role.CARE_WORKER))

    def coordinated_by(self, user) -> "OutflowCaseQuerySet":
        """Clients in the regions where the user is coordinator: the clients they may propose a home to."""
        return self.filter(region_id__in=access_for(user).region_ids(Role.COORDINATOR))


@pghistory.track(pghistory.InsertEvent("created"), pghistory.UpdateEvent("changed"))
class OutflowCase(ChoiceLabelsMixin, models.Model):
    """A client whom the care provider judges ready to live on their own with support (*uitstroomklaar*).

    Identified only by `reference`, generated by the system (region code, year, sequence)."""

    class Origin(models.TextChoices):
        BW = "bw", _("Beschermd Wonen (BW)")
        MO = "mo", _("Maatschappelijke Opvang (MO)")
        GGZ = "ggz", _("GGZ")
        OTHER = "other", _("Anders")

    class TargetGroup(models.TextChoices):
        YOUTH = "youth", _("Jongere 18–27 (incl. zwerfjongeren)")
        ADULT = "adult", _("Volwassene")
        FAMILY = "family", _("Gezin")
        SENIOR = "senior", _("Oudere")

    class SupportLevel(models.TextChoices):
        NONE = "none", _("Geen")
        LIGHT = "light", _("Licht")
        INTENSIVE = "intensive", _("Intensief")
        HOUSING_FIRST = "housing_first", _("Housing First")

    class Urgency(models.TextChoices):
        NONE = "none", _("Geen")
        REQUESTED = "requested", _("Aangevraagd")
        GRANTED = "granted", _("Toegekend")
        REFUSED = "refused", _("Afgewezen")

    class Barrier(models.TextChoices):
        RENT_ARREARS = "rent_arrears", _("Oude huurschuld")
        OTHER_DEBTS = "other_debts", _("Andere schulden")
        NUISANCE = "nuisance", _("Overlast in het verleden")
        EVICTION = "eviction", _("Eerdere huisuitzetting")
        NO_INCOME = "no_income", _("Geen vast inkomen")
        OTHER = "other", _("Anders")

    class Status(models.TextChoices):
        WAITING = "waiting", _("Wachtend")
        MATCHED = "matched", _("Gekoppeld")
        HOUSED = "housed", _("Gehuisvest")
        CLOSED = "closed", _("Afgesloten")

    class ClosedReason(models.TextChoices):
        AFTERCARE_ENDED = "aftercare_ended", _("Nazorg afgerond")
        RELAPSE = "relapse", _("Terugval")
        WITHDRAWN = "withdrawn", _("Teruggetrokken")
        HOUSED_ELSEWHERE = "housed_elsewhere", _("Elders gehuisvest")

    # A matched client follows the placement; close it only while waiting, or after the move.
    TRANSITIONS = {
        Status.WAITING: {Status.MATCHED, Status.CLOSED},
        Status.MATCHED: {Status.WAITING, Status.HOUSED},
        Status.HOUSED: {Status.CLOSED},
        Status.CLOSED: {Status.WAITING},
    }

    reference = models.CharField(_("referentie"), max_length=20, unique=True, editable=False)
    care_provider = models.ForeignKey(
        Organisation,
        verbose_name=_("zorgaanbieder"),
        on_delete=models.PROTECT,
        related_name="outflow_cases",
        limit_choices_to={"kind": Organisation.Kind.CARE_PROVIDER},
    )
    region = models.ForeignKey(Region, verbose_name=_("regio"), on_delete=models.PROTECT, related_name="outflow_cases")
    origin = models.CharField(_("herkomst"), max_length=10, choices=Origin.choices)
    target_group = models.CharField(_("doelgroep"), max_length=10, choices=TargetGroup.choices)
    household_size = models.PositiveSmallIntegerField(
        _("grootte huishouden"), validators=[MinValueValidator(1), MaxValueValidator(HOUSEHOLD_MAX)]
    )
    support_level = models.CharField(_("begeleiding"), max_length=15, choices=SupportLevel.choices)
    needs_ground_floor = models.BooleanField(_("heeft gelijkvloers nodig"), default=False)
    needs_accessible = models.BooleanField(_("heeft toegankelijke woning nodig"), default=False)
    min_rooms = models.PositiveSmallIntegerField(
        _("minimaal aantal kamers"), default=1, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    preferred_municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("voorkeursgemeenten"), blank=True, related_name="+"
    )
    ready_on = models.DateField(_("uitstroomklaar sinds"))
    urgency = models.CharField(_("urgentie"), max_length=10, choices=Urgency.choices, default=Urgency.NONE)
    barriers = ArrayField(
        models.CharField(max_length=20, choices=Barrier.choices),
        verbose_name=_("bekende belemmeringen"),
        default=list,
        blank=True,
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.WAITING)
    closed_reason = models.CharField(_("reden afsluiting"), max_length=20, choices=ClosedReason.choices, blank=True)
    closed_on = models.DateField(_("afgesloten op"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = OutflowCaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("cliënt")
        verbose_name_plural = _("cliënten")
        ordering = ["ready_on", "reference"]
        constraints = [
            models.CheckConstraint(
                condition=Q(household_size__gte=1, household_size__lte=HOUSEHOLD_MAX), name="case_household_range"
            ),
            models.CheckConstraint(condition=Q(min_rooms__gte=1, min_rooms__lte=12), name="case_min_rooms_range"),
            models.CheckConstraint(
                condition=Q(status__in=["waiting", "matched", "housed", "closed"]), name="case_status_valid"
            ),
            # A closed case says why and when; an open one carries neither.
            models.CheckConstraint(
                condition=Q(status="closed", closed_on__isnull=False) & ~Q(closed_reason="")
                | ~Q(status="closed") & Q(closed_on__isnull=True, closed_reason=""),
                name="case_closed_has_reason_and_date",
            ),
        ]
        indexes = [
            models.Index(fields=["care_provider", "status"], name="case_provider_status"),
            models.Index(fields=["region", "status", "ready_on"], name="case_region_status_ready"),
            models.Index(fields=["region", "ready_on"], name="case_region_ready"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def waiting_time(self) -> str:
        """As `waiting_time`, counted to today in Dutch time."""
        return waiting_time(self.ready_on, timezone.localdate())


class ReferenceCounter(models.Model):
    """The last sequence number handed out per region and year, for the pseudonymous client references."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="reference_counter_once")]

    def __str__(self) -> str:
        return f"{self.region_id}-{self.year}: {self.last}"


class AccessLogEntry(models.Model):
    """One line per time a person opens, searches or exports client records (in the spirit of NEN 7513).

    Written by the views, never changed afterwards; the admin shows it read-only."""

    class Action(models.TextChoices):
        VIEW = "view", _("Ingezien")
        SEARCH = "search", _("Gezocht/lijst bekeken")
        EXPORT = "export", _("Geëxporteerd")
        CREATE = "create", _("Aangemaakt")
        UPDATE = "update", _("Gewijzigd")

    at = models.DateTimeField(_("moment"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gebruiker"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("namens organisatie"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    action = models.CharField(_("handeling"), max_length=10, choices=Action.choices)
    case_references = ArrayField(models.CharField(max_length=20), verbose_name=_("cliënten"), default=list)
    case_count = models.PositiveIntegerField(_("aantal cliënten"), default=0)
    path = models.CharField(_("pagina"), max_length=300)
    query = models.CharField(_("zoekopdracht"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("inzage")
        verbose_name_plural = _("inzagelog")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.get_action_display()} ({self.case_count})"
