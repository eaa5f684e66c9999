"""Every change of state of homes and clients outside a placement. Plain functions with keyword arguments; each runs in one
transaction, checks the transition, writes (history is recorded by the database trigger, attributed to `by`)
and returns the object, or raises a domain error that the views turn into a message."""

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from placements.audit.history import attributed
from placements.models import CaseEpisode, Dwelling, OutflowCase, Placement, ReferenceCounter
from placements.notifications.services import Kind, notify
from regions.access import access_for
from regions.models import Membership, Municipality, Region

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class TransitionNotAllowed(Exception):
    """The record's status does not allow this step (its model's TRANSITIONS table)."""


class NotAllowed(Exception):
    """The user's role does not allow this step on this record."""


def next_reference(*, region: Region, year: int) -> str:
    """The next pseudonymous client reference for the region and year, e.g. ZAA-2026-0042.

    One statement claims the number (insert or increment, row-locked by PostgreSQL), so concurrent
    registrations never get the same one. Nothing in it derives from the person."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {ReferenceCounter._meta.db_table} (region_id, year, last) VALUES (%s, %s, 1)
            ON CONFLICT (region_id, year) DO UPDATE SET last = {ReferenceCounter._meta.db_table}.last + 1
            RETURNING last
            """,  # noqa: S608 - table name from the model, values as parameters
            [region.pk, year],
        )
        (number,) = cursor.fetchone()
    return f"{region.code}-{year}-{number:04d}"


def register_case(*, case: OutflowCase, preferred_municipalities: Iterable[Municipality], by: "User") -> OutflowCase:
    """Save a new client with a fresh pseudonymous reference and its preferred municipalities."""
    with transaction.atomic(), attributed(by):
        case.reference = next_reference(region=case.region, year=timezone.localdate().year)
        # References imported or seeded outside this counter are skipped, never reused.
        while OutflowCase.objects.filter(reference=case.reference).exists():
            case.reference = next_reference(region=case.region, year=timezone.localdate().year)
        case.status = OutflowCase.Status.WAITING
        case.save()
        case.preferred_municipalities.set(preferred_municipalities)
    return case


def check_transition(model: "type[Dwelling | OutflowCase | Placement]", current: str, to: str) -> None:
    """Raise TransitionNotAllowed unless `model.TRANSITIONS` allows `current` → `to`."""
    if to not in model.TRANSITIONS[current]:
        raise TransitionNotAllowed(
            _("Een %(model)s met status '%(current)s' kan niet naar '%(to)s'.")
            % {
                "model": model._meta.verbose_name,
                "current": model.Status(current).label,
                "to": model.Status(to).label,
            }
        )


def change_dwelling_status(*, dwelling_id: int, to: str, by: "User") -> Dwelling:
    """Move a home to status `to` if its transition table allows it; the row is locked meanwhile."""
    with transaction.atomic(), attributed(by):
        dwelling = Dwelling.objects.select_for_update().get(pk=dwelling_id)
        check_transition(Dwelling, dwelling.status, to)
        dwelling.status = to
        dwelling.save(update_fields=["status", "updated_at"])
    return dwelling


def withdraw_dwelling(*, dwelling_id: int, by: "User") -> Dwelling:
    """Take a reserved or offered home out of the outflow pool (a let home stays let)."""
    return change_dwelling_status(dwelling_id=dwelling_id, to=Dwelling.Status.WITHDRAWN, by=by)


def reinstate_dwelling(*, dwelling_id: int, by: "User") -> Dwelling:
    """Put a withdrawn home back in the pool, unless its address has been reserved again meanwhile."""
    if Dwelling.objects.filter(pk=dwelling_id).exclude(status=Dwelling.Status.WITHDRAWN).exists():
        return change_dwelling_status(dwelling_id=dwelling_id, to=Dwelling.Status.RESERVED, by=by)
    dwelling = Dwelling.objects.get(pk=dwelling_id)
    clash = Dwelling.objects.at_address_of(dwelling).holding_address().exclude(pk=dwelling.pk).exists()
    if clash:
        raise TransitionNotAllowed(_("Dit adres is intussen opnieuw gereserveerd; herstel is niet mogelijk."))
    return change_dwelling_status(dwelling_id=dwelling_id, to=Dwelling.Status.RESERVED, by=by)


def end_tenancy(*, dwelling_id: int, on: date, by: "User") -> Dwelling:
    """The corporation or the region's coordinator records that the tenancy of a let home ended. The home stays
    let (it was realised for the year it was let); its address is free for a new reservation, which the database
    allows from now on. Only after the placement itself has ended (aftercare ended or relapse), so no moved-in
    placement keeps counting in the building's dispersion figures for a home the client left."""
    with transaction.atomic(), attributed(by):
        dwelling = Dwelling.objects.select_for_update().get(pk=dwelling_id)
        if not Dwelling.objects.editable_by(by).filter(pk=dwelling.pk).exists():
            raise NotAllowed(_("Uw rol staat deze stap niet toe."))
        if dwelling.status != Dwelling.Status.LET or dwelling.tenancy_ended_on is not None:
            raise TransitionNotAllowed(
                _("Alleen van een verhuurde woning kan het einde van de huur worden vastgelegd.")
            )
        placements = dwelling.placements.filter(moved_in_on__isnull=False)
        if placements.filter(status=Placement.Status.MOVED_IN).exists():
            raise TransitionNotAllowed(
                _(
                    "De cliënt woont hier nog volgens de voordracht. Laat de begeleider of regisseur eerst vastleggen "
                    "hoe de plaatsing afliep (nazorg afgerond of terugval)."
                )
            )
        moved_in_on = max((p.moved_in_on for p in placements if p.moved_in_on), default=None)
        if on > timezone.localdate():
            raise TransitionNotAllowed(_("Deze datum kan niet in de toekomst liggen."))
        if moved_in_on and on < moved_in_on:
            raise TransitionNotAllowed(_("Het einde van de huur kan niet vóór de sleuteloverdracht liggen."))
        dwelling.tenancy_ended_on = on
        dwelling.save(update_fields=["tenancy_ended_on", "updated_at"])
    return dwelling


def close_case(*, case_id: int, reason: str, on: date, by: "User") -> OutflowCase:
    """Close a client's case with a reason (e.g. withdrawn, housed elsewhere) and a date from the registration to
    today."""
    if reason not in OutflowCase.ClosedReason.values:
        raise TransitionNotAllowed(_("Kies een geldige reden om af te sluiten."))
    with transaction.atomic(), attributed(by):
        case = OutflowCase.objects.select_for_update().get(pk=case_id)
        check_transition(OutflowCase, case.status, OutflowCase.Status.CLOSED)
        if not timezone.localdate(case.created_at) <= on <= timezone.localdate():
            raise TransitionNotAllowed(_("Een cliënt wordt afgesloten tussen de registratie en vandaag."))
        case.status, case.closed_reason, case.closed_on = OutflowCase.Status.CLOSED, reason, on
        case.save(update_fields=["status", "closed_reason", "closed_on", "updated_at"])
    return case


def reopen_case(*, case_id: int, by: "User") -> OutflowCase:
    """Put a closed client back on the waiting list (also after a relapse: the client waits again), as a new
    episode from today, keeping the closed one (`CaseEpisode`); never one the retention has anonymised."""
    with transaction.atomic(), attributed(by):
        case = OutflowCase.objects.select_for_update().get(pk=case_id)
        if case.anonymised_at is not None:  # the retention kept only the figures' facts: nobody to put back
            raise TransitionNotAllowed(_("Deze cliënt is na de bewaartermijn geanonimiseerd en kan niet terug."))
        check_transition(OutflowCase, case.status, OutflowCase.Status.WAITING)
        # The closed episode is kept, so the figures never count its closed months as waiting; the new episode
        # starts today (or at a later ready date the care worker gives).
        assert case.closed_on is not None  # a closed case has its date (case_closed_has_reason_and_date)
        today = timezone.localdate()
        CaseEpisode.objects.create(
            case=case, ready_on=case.ready_on, closed_on=min(case.closed_on, today), reopened_on=today
        )
        case.status, case.closed_reason, case.closed_on = OutflowCase.Status.WAITING, "", None
        case.save(update_fields=["status", "closed_reason", "closed_on", "updated_at"])
    return case


# --- Urgency: requested by the care worker, decided by a coordinator of the client's region ----------------

Urgency = OutflowCase.Urgency


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise TransitionNotAllowed(_("Geef een reden op."))
    return reason


def request_urgency(*, case_id: int, reason: str, by: "User") -> OutflowCase:
    """The client's care worker asks the municipality for urgency, with a reason (also again after a refusal).
    Only a coordinator's decision (`decide_urgency`) makes it granted."""
    reason = _reason(reason)
    with transaction.atomic(), attributed(by):
        case = OutflowCase.objects.select_for_update().get(pk=case_id)
        if case.care_provider_id not in access_for(by).organisation_ids(Membership.Role.CARE_WORKER):
            raise NotAllowed(_("Alleen de begeleider van de cliënt kan urgentie aanvragen."))
        if case.anonymised_at is not None or case.status == OutflowCase.Status.CLOSED:
            raise TransitionNotAllowed(_("Voor een afgesloten cliënt kan geen urgentie worden aangevraagd."))
        if case.urgency not in (Urgency.NONE, Urgency.REFUSED):
            raise TransitionNotAllowed(
                _("Urgentie kan niet worden aangevraagd (status: %(status)s).") % {"status": case.get_urgency_display()}
            )
        case.urgency, case.urgency_reason = Urgency.REQUESTED, reason
        case.urgency_decision_note, case.urgency_decided_by, case.urgency_decided_at = "", None, None
        case.save(
            update_fields=[
                "urgency",
                "urgency_reason",
                "urgency_decision_note",
                "urgency_decided_by",
                "urgency_decided_at",
                "updated_at",
            ]
        )
        notify(kind=Kind.URGENCY_REQUESTED, case=case, by=by)
    return case


def withdraw_urgency_request(*, case_id: int, by: "User") -> OutflowCase:
    """The client's care worker withdraws a request that has not been decided yet."""
    with transaction.atomic(), attributed(by):
        case = OutflowCase.objects.select_for_update().get(pk=case_id)
        if case.care_provider_id not in access_for(by).organisation_ids(Membership.Role.CARE_WORKER):
            raise NotAllowed(_("Alleen de begeleider van de cliënt kan een aanvraag intrekken."))
        if case.urgency != Urgency.REQUESTED:
            raise TransitionNotAllowed(_("Er is geen openstaande aanvraag voor urgentie."))
        case.urgency = Urgency.NONE
        case.save(update_fields=["urgency", "updated_at"])
    return case


def decide_urgency(*, case_id: int, grant: bool, reason: str, by: "User") -> OutflowCase:
    """A coordinator of the client's region grants or refuses a requested urgency, with a reason. The row is
    locked, so two coordinators deciding at once: the second finds it decided and is refused."""
    reason = _reason(reason)
    with transaction.atomic(), attributed(by):
        case = OutflowCase.objects.select_for_update().get(pk=case_id)
        if case.region_id not in access_for(by).region_ids(Membership.Role.COORDINATOR):
            raise NotAllowed(_("Alleen een regisseur van de regio van de cliënt besluit over urgentie."))
        if case.urgency != Urgency.REQUESTED:
            raise TransitionNotAllowed(
                _("Er is geen openstaande aanvraag voor urgentie (status: %(status)s).")
                % {"status": case.get_urgency_display()}
            )
        case.urgency = Urgency.GRANTED if grant else Urgency.REFUSED
        case.urgency_decision_note, case.urgency_decided_by, case.urgency_decided_at = reason, by, timezone.now()
        case.save(
            update_fields=["urgency", "urgency_decision_note", "urgency_decided_by", "urgency_decided_at", "updated_at"]
        )
        notify(kind=Kind.URGENCY_DECIDED, case=case, by=by)
    return case
