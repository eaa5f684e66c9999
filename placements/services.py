"""Every change of state of homes and clients. Plain functions with keyword arguments; each runs in one
transaction, checks the transition, writes (history is recorded by the database trigger, attributed to `by`)
and returns the object, or raises a domain error that the views turn into a message."""

from datetime import date

import pghistory
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from placements.models import Dwelling, OutflowCase, Placement, ReferenceCounter
from regions.access import access_for
from regions.models import Membership, Region


class TransitionNotAllowed(Exception):
    pass


def _attributed(by):
    """History context for writes outside a web request (tasks, commands); inside one it adds to the request's."""
    return pghistory.context(user=by.pk if by else None)


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


def register_case(*, case: OutflowCase, preferred_municipalities, by) -> OutflowCase:
    """Save a new client with a fresh pseudonymous reference and its preferred municipalities."""
    with transaction.atomic(), _attributed(by):
        case.reference = next_reference(region=case.region, year=timezone.localdate().year)
        # References imported or seeded outside this counter are skipped, never reused.
        while OutflowCase.objects.filter(reference=case.reference).exists():
            case.reference = next_reference(region=case.region, year=timezone.localdate().year)
        case.status = OutflowCase.Status.WAITING
        case.save()
        case.preferred_municipalities.set(preferred_municipalities)
    return case


def _check(model, current: str, to: str) -> None:
    if to not in model.TRANSITIONS[current]:
        raise TransitionNotAllowed(
            _("Een %(model)s met status '%(current)s' kan niet naar '%(to)s'.")
            % {
                "model": model._meta.verbose_name,
                "current": model.Status(current).label,
                "to": model.Status(to).label,
            }
        )


def change_dwelling_status(*, dwelling_id: int, to: str, by) -> Dwelling:
    """Move a home to status `to` if its transition table allows it; the row is locked meanwhile."""
    with transaction.atomic(), _attributed(by):
        dwelling = Dwelling.objects.select_for_update().get(pk=dwelling_id)
        _check(Dwelling, dwelling.status, to)
        dwelling.status = to
        dwelling.save(update_fields=["status", "updated_at"])
    return dwelling


def withdraw_dwelling(*, dwelling_id: int, by) -> Dwelling:
    """Take a reserved or offered home out of the outflow pool (a let home stays let)."""
    return change_dwelling_status(dwelling_id=dwelling_id, to=Dwelling.Status.WITHDRAWN, by=by)


def reinstate_dwelling(*, dwelling_id: int, by) -> Dwelling:
    """Put a withdrawn home back in the pool, unless its address has been reserved again meanwhile."""
    if Dwelling.objects.filter(pk=dwelling_id).exclude(status=Dwelling.Status.WITHDRAWN).exists():
        return change_dwelling_status(dwelling_id=dwelling_id, to=Dwelling.Status.RESERVED, by=by)
    dwelling = Dwelling.objects.get(pk=dwelling_id)
    clash = (
        Dwelling.objects.filter(
            postcode=dwelling.postcode,
            house_number=dwelling.house_number,
            house_number_addition=dwelling.house_number_addition,
        )
        .exclude(pk=dwelling.pk)
        .exclude(status=Dwelling.Status.WITHDRAWN)
        .exists()
    )
    if clash:
        raise TransitionNotAllowed(_("Dit adres is intussen opnieuw gereserveerd; herstel is niet mogelijk."))
    return change_dwelling_status(dwelling_id=dwelling_id, to=Dwelling.Status.RESERVED, by=by)


def close_case(*, case_id: int, reason: str, on: date, by) -> OutflowCase:
    """Close a client's case with a reason and date (e.g. withdrawn, housed elsewhere)."""
    if reason not in OutflowCase.ClosedReason.values:
        raise TransitionNotAllowed(_("Kies een geldige reden om af te sluiten."))
    with transaction.atomic(), _attributed(by):
        case = OutflowCase.objects.select_for_update().get(pk=case_id)
        _check(OutflowCase, case.status, OutflowCase.Status.CLOSED)
        case.status, case.closed_reason, case.closed_on = OutflowCase.Status.CLOSED, reason, on
        case.save(update_fields=["status", "closed_reason", "closed_on", "updated_at"])
    return case


def reopen_case(*, case_id: int, by) -> OutflowCase:
    """Put a closed client back on the waiting list."""
    with transaction.atomic(), _attributed(by):
        case = OutflowCase.objects.select_for_update().get(pk=case_id)
        _check(OutflowCase, case.status, OutflowCase.Status.WAITING)
        case.status, case.closed_reason, case.closed_on = OutflowCase.Status.WAITING, "", None
        case.save(update_fields=["status", "closed_reason", "closed_on", "updated_at"])
    return case


# --- Placements: proposal, decisions, move-in, aftercare ---------------------------------------------------


DISPERSION_LOCK = 0x5350  # first key of the per-neighbourhood advisory lock taken while checking dispersion


class NotAllowed(Exception):
    """The user's role does not allow this step on this record."""


class AlreadyProposed(Exception):
    """Another proposal for the same home or client won the race."""


class DispersionLimitReached(Exception):
    def __init__(self, figures):
        self.figures = figures
        super().__init__(
            _(
                "Deze voordracht overschrijdt de spreidingsregel. Geef een reden op om er als regisseur van af te wijken."
            )
        )


def _require(by, role: str, *, region_id: int | None = None, organisation_id: int | None = None) -> None:
    access = access_for(by)
    if region_id is not None and region_id in access.region_ids(role):
        return
    if organisation_id is not None and organisation_id in access.organisation_ids(role):
        return
    raise NotAllowed(_("Uw rol staat deze stap niet toe."))


def _move(obj, to: str) -> None:
    """Change the status of a locked home, client or placement, checked against its transition table."""
    _check(type(obj), obj.status, to)
    obj.status = to


def _lock_placement(placement_id: int) -> Placement:
    # One statement locks the placement, its home and its client (FOR UPDATE covers every joined row).
    return (
        Placement.objects.select_for_update()
        .select_related("dwelling__neighbourhood__municipality", "case")
        .get(pk=placement_id)
    )


def propose_placement(*, dwelling_id: int, case_id: int, by, override_reason: str = "") -> Placement:
    """A coordinator proposes a reserved home to a waiting client of the same region.

    Locks the home, then the client; checks both are free and the region's dispersion rule (in block mode a
    breach needs an override reason, which is stored). The home becomes 'offered' and the client 'matched' in
    the same transaction. Two coordinators proposing at once: one wins, the other gets AlreadyProposed or
    TransitionNotAllowed; the conditional unique constraints make a double booking impossible even so."""
    from placements.dispersion import check_dwelling

    try:
        with transaction.atomic(), _attributed(by):
            dwelling = (
                Dwelling.objects.select_for_update(of=("self",))
                .select_related("neighbourhood__municipality")
                .get(pk=dwelling_id)
            )
            case = OutflowCase.objects.select_for_update().get(pk=case_id)
            region_id = dwelling.neighbourhood.municipality.region_id
            _require(by, Membership.Role.COORDINATOR, region_id=region_id)
            if dwelling.status != Dwelling.Status.RESERVED:
                raise TransitionNotAllowed(
                    _("Deze woning is niet beschikbaar om voor te dragen (status: %(status)s).")
                    % {"status": dwelling.get_status_display()}
                )
            if case.status != OutflowCase.Status.WAITING:
                raise TransitionNotAllowed(
                    _("Deze cliënt wacht niet op een woning (status: %(status)s).")
                    % {"status": case.get_status_display()}
                )
            if case.region_id != region_id:
                raise TransitionNotAllowed(_("De woning ligt niet in de regio van de cliënt."))
            # Proposals in the same neighbourhood take turns here, so two of them cannot both pass a limit by one.
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [DISPERSION_LOCK, dwelling.neighbourhood_id])
            figures = check_dwelling(dwelling, year=timezone.localdate().year)
            override_reason = override_reason.strip()
            if figures.blocks and not override_reason:
                raise DispersionLimitReached(figures)
            placement = Placement.objects.create(
                dwelling=dwelling,
                case=case,
                proposed_at=timezone.now(),
                proposed_by=by,
                override_reason=override_reason if figures.breaches else "",
                dispersion_snapshot=figures.snapshot(),
            )
            _move(dwelling, Dwelling.Status.OFFERED)
            dwelling.save(update_fields=["status", "updated_at"])
            _move(case, OutflowCase.Status.MATCHED)
            case.save(update_fields=["status", "updated_at"])
    except IntegrityError as error:
        if "placement_one_active" in str(error):
            raise AlreadyProposed(_("Deze woning of cliënt is zojuist al voorgedragen door iemand anders.")) from error
        raise
    return placement


def accept_placement(*, placement_id: int, by) -> Placement:
    """The corporation accepts a proposal on one of its homes."""
    with transaction.atomic(), _attributed(by):
        placement = _lock_placement(placement_id)
        _require(by, Membership.Role.CORPORATION_STAFF, organisation_id=placement.dwelling.corporation_id)
        _move(placement, Placement.Status.ACCEPTED)
        placement.decided_by, placement.decided_at = by, timezone.now()
        placement.save(update_fields=["status", "decided_by", "decided_at"])
    return placement


def decline_placement(*, placement_id: int, by, reason: str, note: str = "", declined_by: str) -> Placement:
    """The corporation (or, through the coordinator or care worker, the client) declines a proposal.

    The reason comes from the fixed list; 'other' needs a note. Home and client become available again."""
    if reason not in Placement.DeclineReason.values:
        raise TransitionNotAllowed(_("Kies een reden uit de lijst."))
    if reason == Placement.DeclineReason.OTHER and not note.strip():
        raise TransitionNotAllowed(_("Licht de reden 'anders' toe."))
    with transaction.atomic(), _attributed(by):
        placement = _lock_placement(placement_id)
        dwelling, case = placement.dwelling, placement.case
        if declined_by == Placement.DeclinedBy.CORPORATION:
            _require(by, Membership.Role.CORPORATION_STAFF, organisation_id=dwelling.corporation_id)
        elif declined_by == Placement.DeclinedBy.CLIENT:
            try:
                _require(by, Membership.Role.CARE_WORKER, organisation_id=case.care_provider_id)
            except NotAllowed:
                _require(by, Membership.Role.COORDINATOR, region_id=case.region_id)
        else:
            raise TransitionNotAllowed(_("Onbekend wie afwijst."))
        _move(placement, Placement.Status.DECLINED)
        placement.decline_reason, placement.declined_by, placement.decision_note = reason, declined_by, note.strip()
        placement.decided_by, placement.decided_at = by, timezone.now()
        placement.save(
            update_fields=["status", "decline_reason", "declined_by", "decision_note", "decided_by", "decided_at"]
        )
        _release(dwelling, case)
    return placement


def cancel_placement(*, placement_id: int, by, note: str = "") -> Placement:
    """The coordinator withdraws a proposal that was not yet carried out."""
    with transaction.atomic(), _attributed(by):
        placement = _lock_placement(placement_id)
        _require(by, Membership.Role.COORDINATOR, region_id=placement.case.region_id)
        _move(placement, Placement.Status.CANCELLED)
        placement.decision_note, placement.decided_by, placement.decided_at = note.strip(), by, timezone.now()
        placement.save(update_fields=["status", "decision_note", "decided_by", "decided_at"])
        _release(placement.dwelling, placement.case)
    return placement


def _release(dwelling: Dwelling, case: OutflowCase) -> None:
    _move(dwelling, Dwelling.Status.RESERVED)
    dwelling.save(update_fields=["status", "updated_at"])
    _move(case, OutflowCase.Status.WAITING)
    case.save(update_fields=["status", "updated_at"])


def hand_over_keys(*, placement_id: int, by, moved_in_on: date, support_arrangement: str = "") -> Placement:
    """The corporation records the key handover: the client moves in, the home is let, the client housed."""
    with transaction.atomic(), _attributed(by):
        placement = _lock_placement(placement_id)
        _require(by, Membership.Role.CORPORATION_STAFF, organisation_id=placement.dwelling.corporation_id)
        if moved_in_on > timezone.localdate():
            raise TransitionNotAllowed(_("De sleuteloverdracht kan niet in de toekomst liggen."))
        if moved_in_on < timezone.localtime(placement.proposed_at).date():
            raise TransitionNotAllowed(_("De sleuteloverdracht kan niet vóór de voordracht liggen."))
        _move(placement, Placement.Status.MOVED_IN)
        placement.moved_in_on, placement.support_arrangement = moved_in_on, support_arrangement.strip()
        placement.save(update_fields=["status", "moved_in_on", "support_arrangement"])
        _move(placement.dwelling, Dwelling.Status.LET)
        placement.dwelling.save(update_fields=["status", "updated_at"])
        _move(placement.case, OutflowCase.Status.HOUSED)
        placement.case.save(update_fields=["status", "updated_at"])
    return placement


def end_placement(*, placement_id: int, by, on: date, relapse: bool) -> Placement:
    """After the move: aftercare ended, or relapse (the client returned to shelter or sheltered housing).

    Recorded by the client's care worker or the coordinator; closes the client's case with that reason."""
    with transaction.atomic(), _attributed(by):
        placement = _lock_placement(placement_id)
        case = placement.case
        try:
            _require(by, Membership.Role.CARE_WORKER, organisation_id=case.care_provider_id)
        except NotAllowed:
            _require(by, Membership.Role.COORDINATOR, region_id=case.region_id)
        if placement.moved_in_on and on < placement.moved_in_on:
            raise TransitionNotAllowed(_("Deze datum ligt vóór de verhuizing."))
        if on > timezone.localdate():
            raise TransitionNotAllowed(_("Deze datum kan niet in de toekomst liggen."))
        _move(placement, Placement.Status.RELAPSED if relapse else Placement.Status.AFTERCARE_ENDED)
        placement.ended_on = on
        placement.save(update_fields=["status", "ended_on"])
        _move(case, OutflowCase.Status.CLOSED)
        case.closed_reason = OutflowCase.ClosedReason.RELAPSE if relapse else OutflowCase.ClosedReason.AFTERCARE_ENDED
        case.closed_on = on
        case.save(update_fields=["status", "closed_reason", "closed_on", "updated_at"])
    return placement
