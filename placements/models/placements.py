"""Placements: the proposal of one reserved home to one client, and what became of it."""

from functools import reduce
from operator import or_
from typing import TYPE_CHECKING

import pghistory
import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from placements.models.cases import OutflowCase
from placements.models.dwellings import Dwelling
from regions.access import access_for
from regions.models import Membership, Region

if TYPE_CHECKING:
    from regions.access import AnyUser

Role = Membership.Role


ACTIVE_PLACEMENT_STATUSES = ("proposed", "accepted", "moved_in")
# A relapse is recorded up to this many days after moving in: the longest window of the flow figures.
RELAPSE_WINDOW_DAYS = 730


class PlacementQuerySet(models.QuerySet["Placement"]):
    def visible_to(self, user: "AnyUser") -> "PlacementQuerySet":
        """Placements a user may see: coordinators all in their regions, corporation staff those on their own
        homes, care workers those of their own clients. Managers none."""
        access = access_for(user)
        scope = {
            "region_id__in": access.region_ids(Role.COORDINATOR),
            "dwelling__corporation_id__in": access.organisation_ids(Role.CORPORATION_STAFF),
            "case__care_provider_id__in": access.organisation_ids(Role.CARE_WORKER),
        }
        # Only the branches the user holds: an empty one would still join its table for every placement read.
        branches = [Q(**{lookup: ids}) for lookup, ids in scope.items() if ids]
        return self.filter(reduce(or_, branches)) if branches else self.none()

    def active(self) -> "PlacementQuerySet":
        return self.filter(status__in=ACTIVE_PLACEMENT_STATUSES)


@pghistory.track(pghistory.InsertEvent("created"), pghistory.UpdateEvent("changed"))
class Placement(models.Model):
    """A proposal of one reserved home to one client, and what became of it."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Voorgedragen")
        ACCEPTED = "accepted", _("Geaccepteerd")
        MOVED_IN = "moved_in", _("Verhuisd (sleutels overgedragen)")
        DECLINED = "declined", _("Afgewezen")
        CANCELLED = "cancelled", _("Ingetrokken door regisseur")
        AFTERCARE_ENDED = "aftercare_ended", _("Nazorg afgerond")
        RELAPSED = "relapsed", _("Terugval")

    class DeclineReason(models.TextChoices):
        UNSUITABLE_HOME = "unsuitable_home", _("Woning past niet")
        CLIENT_NOT_READY = "client_not_ready", _("Cliënt nog niet klaar")
        NUISANCE_RISK = "nuisance_risk", _("Risico op overlast")
        RENT_NOT_AFFORDABLE = "rent_not_affordable", _("Huur niet betaalbaar")
        OTHER = "other", _("Anders")

    class DeclinedBy(models.TextChoices):
        CORPORATION = "corporation", _("Woningcorporatie")
        CLIENT = "client", _("Cliënt")

    TRANSITIONS: dict[str, set[str]] = {
        Status.PROPOSED: {Status.ACCEPTED, Status.DECLINED, Status.CANCELLED},
        Status.ACCEPTED: {Status.MOVED_IN, Status.DECLINED, Status.CANCELLED},
        Status.MOVED_IN: {Status.AFTERCARE_ENDED, Status.RELAPSED},
        Status.DECLINED: set(),
        Status.CANCELLED: set(),
        # A relapse within RELAPSE_WINDOW_DAYS of moving in counts, also when it comes after aftercare ended.
        Status.AFTERCARE_ENDED: {Status.RELAPSED},
        Status.RELAPSED: set(),
    }

    dwelling = models.ForeignKey(
        Dwelling, verbose_name=_("woning"), on_delete=models.PROTECT, related_name="placements"
    )
    case = models.ForeignKey(OutflowCase, verbose_name=_("cliënt"), on_delete=models.PROTECT, related_name="placements")
    # The home's region, set by the database (trigger below): a coordinator's list reads the region's placements
    # newest first from one index instead of joining every home of the region and sorting (bench/RESULTS.md).
    region = models.ForeignKey(
        Region, verbose_name=_("regio"), on_delete=models.PROTECT, null=True, editable=False, related_name="+"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PROPOSED)
    proposed_at = models.DateTimeField(_("voorgedragen op"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("voorgedragen door"), on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("besloten door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decline_reason = models.CharField(_("reden afwijzing"), max_length=24, choices=DeclineReason.choices, blank=True)
    declined_by = models.CharField(_("afgewezen door"), max_length=12, choices=DeclinedBy.choices, blank=True)
    decision_note = models.TextField(_("toelichting"), blank=True)
    # The day corporation and care worker agree on for the key handover, set (and moved) while accepted; the
    # handover itself is `moved_in_on`.
    keys_planned_on = models.DateField(_("sleuteloverdracht gepland op"), null=True, blank=True)
    moved_in_on = models.DateField(_("sleuteloverdracht op"), null=True, blank=True)
    support_arrangement = models.TextField(_("afspraken over begeleiding na de verhuizing"), blank=True)
    ended_on = models.DateField(_("nazorg afgerond / terugval op"), null=True, blank=True)
    # When a relapse follows the end of aftercare, `ended_on` becomes the relapse date (what the figures count)
    # and the date aftercare ended is kept here.
    aftercare_ended_on = models.DateField(_("nazorg afgerond op (vóór de terugval)"), null=True, blank=True)
    early_move_reason = models.TextField(
        _("reden verhuizing vóór uitstroomklaar"),
        blank=True,
        db_default="",  # bulk loads (COPY in devdata) leave it out
        help_text=_("Door de regisseur, als de sleuteloverdracht vóór de datum uitstroomklaar ligt."),
    )
    override_reason = models.TextField(
        _("reden afwijking spreidingsregel"),
        blank=True,
        help_text=_("Verplicht als een blokkerende spreidingsregel wordt overschreden."),
    )
    dispersion_snapshot = models.JSONField(_("spreidingscijfers bij voordracht"), default=dict, blank=True)
    last_reminder_on = models.DateField(_("laatste herinnering"), null=True, blank=True)

    objects = PlacementQuerySet.as_manager()

    class Meta:
        verbose_name = _("plaatsing")
        verbose_name_plural = _("plaatsingen")
        ordering = ["-proposed_at"]
        constraints = [
            # No double booking, guaranteed by the database: one active placement per home and per client.
            models.UniqueConstraint(
                fields=["dwelling"],
                condition=Q(status__in=ACTIVE_PLACEMENT_STATUSES),
                name="placement_one_active_per_dwelling",
                violation_error_message=_("Deze woning is al aan een cliënt voorgedragen."),
            ),
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status__in=ACTIVE_PLACEMENT_STATUSES),
                name="placement_one_active_per_case",
                violation_error_message=_("Deze cliënt heeft al een lopende voordracht."),
            ),
            models.CheckConstraint(
                condition=Q(
                    status__in=[
                        "proposed",
                        "accepted",
                        "moved_in",
                        "declined",
                        "cancelled",
                        "aftercare_ended",
                        "relapsed",
                    ]
                ),
                name="placement_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason="") & ~Q(declined_by=""),
                name="placement_declined_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["moved_in", "aftercare_ended", "relapsed"]) | Q(moved_in_on__isnull=False),
                name="placement_moved_in_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["aftercare_ended", "relapsed"]) | Q(ended_on__isnull=False),
                name="placement_ended_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "proposed_at"], name="placement_status_proposed"),
            models.Index(fields=["region", "-proposed_at"], name="placement_region_proposed"),
        ]
        triggers = [
            pgtrigger.Trigger(
                name="placement_region_from_dwelling",
                when=pgtrigger.Before,
                operation=pgtrigger.Insert | pgtrigger.UpdateOf("dwelling_id"),
                func="""
                    NEW.region_id := (SELECT region_id FROM placements_dwelling WHERE id = NEW.dwelling_id);
                    RETURN NEW;
                """,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case.reference} → {self.dwelling}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_PLACEMENT_STATUSES
