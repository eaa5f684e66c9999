"""Proposals and decisions: a coordinator proposes a reserved home to a waiting client, the corporation accepts
or declines and hands over the keys, the care worker follows the aftercare. Each step is one service: it locks the
rows it changes, checks the user's role and the status transition, writes the placement, the home and the client
together, and returns the placement or raises a domain error that the views turn into a message."""

from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from placements.audit.history import attributed
from placements.matching.dispersion import DispersionFigures, check_dwelling
from placements.models import Dwelling, OutflowCase, Placement
from placements.models.placements import RELAPSE_WINDOW_DAYS
from placements.notifications.services import Kind, notify
from placements.records.services import NotAllowed, TransitionNotAllowed, check_transition
from regions.access import access_for
from regions.models import Membership

if TYPE_CHECKING:
    from django.contrib.auth.models import User

DISPERSION_LOCK = 0x5350  # first key of the per-neighbourhood advisory lock taken while checking dispersion


class AlreadyProposed(Exception):
    """Another proposal for the same home or client won the race."""


class DispersionLimitReached(Exception):
    def __init__(self, figures: DispersionFigures) -> None:
        self.figures = figures
        super().__init__(
            _(
                "Deze voordracht overschrijdt de spreidingsregel. Geef een reden op om er als regisseur van af te wijken."
            )
        )


def _require(by: "User", role: str, *, region_id: int | None = None, organisation_id: int | None = None) -> None:
    access = access_for(by)
    if region_id is not None and region_id in access.region_ids(role):
        return
    if organisation_id is not None and organisation_id in access.organisation_ids(role):
        return
    raise NotAllowed(_("Uw rol staat deze stap niet toe."))


def _move(obj: Dwelling | OutflowCase | Placement, to: str) -> None:
    """Change the status of a locked home, client or placement, checked against its transition table."""
    check_transition(type(obj), obj.status, to)
    obj.status = to


def _lock_placement(placement_id: int) -> Placement:
    # One statement locks the placement, its home and its client (FOR UPDATE covers every joined row).
    return (
        Placement.objects.select_for_update()
        .select_related("dwelling__neighbourhood__municipality", "case")
        .get(pk=placement_id)
    )


def propose_placement(*, dwelling_id: int, case_id: int, by: "User", override_reason: str = "") -> Placement:
    """A coordinator proposes a reserved home to a waiting client of the same region.

    Locks the home, then the client; checks both are free and the region's dispersion rule (in block mode a
    breach needs an override reason, which is stored). The home becomes 'offered' and the client 'matched' in
    the same transaction. Two coordinators proposing at once: one wins, the other gets AlreadyProposed or
    TransitionNotAllowed; the conditional unique constraints make a double booking impossible even so."""

    try:
        with transaction.atomic(), attributed(by):
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
            notify(kind=Kind.PROPOSED, placement=placement, by=by)
    except IntegrityError as error:
        if "placement_one_active" in str(error):
            raise AlreadyProposed(_("Deze woning of cliënt is zojuist al voorgedragen door iemand anders.")) from error
        raise
    return placement


def accept_placement(*, placement_id: int, by: "User") -> Placement:
    """The corporation accepts a proposal on one of its homes."""
    with transaction.atomic(), attributed(by):
        placement = _lock_placement(placement_id)
        _require(by, Membership.Role.CORPORATION_STAFF, organisation_id=placement.dwelling.corporation_id)
        _move(placement, Placement.Status.ACCEPTED)
        placement.decided_by, placement.decided_at = by, timezone.now()
        placement.save(update_fields=["status", "decided_by", "decided_at"])
        notify(kind=Kind.ACCEPTED, placement=placement, by=by)
    return placement


def decline_placement(*, placement_id: int, by: "User", reason: str, note: str = "", declined_by: str) -> Placement:
    """The corporation (or, through the coordinator or care worker, the client) declines a proposal.

    The reason comes from the fixed list; 'other' needs a note. Home and client become available again."""
    if reason not in Placement.DeclineReason.values:
        raise TransitionNotAllowed(_("Kies een reden uit de lijst."))
    if reason == Placement.DeclineReason.OTHER and not note.strip():
        raise TransitionNotAllowed(_("Licht de reden 'anders' toe."))
    with transaction.atomic(), attributed(by):
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
        client = declined_by == Placement.DeclinedBy.CLIENT
        notify(kind=Kind.CLIENT_DECLINED if client else Kind.DECLINED, placement=placement, by=by)
    return placement


def cancel_placement(*, placement_id: int, by: "User", note: str = "") -> Placement:
    """The coordinator withdraws a proposal that was not yet carried out."""
    with transaction.atomic(), attributed(by):
        placement = _lock_placement(placement_id)
        _require(by, Membership.Role.COORDINATOR, region_id=placement.case.region_id)
        _move(placement, Placement.Status.CANCELLED)
        placement.decision_note, placement.decided_by, placement.decided_at = note.strip(), by, timezone.now()
        placement.save(update_fields=["status", "decision_note", "decided_by", "decided_at"])
        _release(placement.dwelling, placement.case)
        notify(kind=Kind.CANCELLED, placement=placement, by=by)
    return placement


def _release(dwelling: Dwelling, case: OutflowCase) -> None:
    _move(dwelling, Dwelling.Status.RESERVED)
    dwelling.save(update_fields=["status", "updated_at"])
    _move(case, OutflowCase.Status.WAITING)
    case.save(update_fields=["status", "updated_at"])


# How far ahead a key handover can be planned: a date further away is most likely a typing error.
KEYS_PLANNED_MAX_DAYS = 365


def plan_key_handover(*, placement_id: int, by: "User", on: date) -> Placement:
    """The corporation (or the region's coordinator) sets or moves the day of the key handover of an accepted
    proposal; the care worker and the coordinator are told. Setting the date it already has changes nothing."""
    today = timezone.localdate()
    if on < today:
        raise TransitionNotAllowed(_("Een geplande sleuteloverdracht kan niet in het verleden liggen."))
    if on > today + timedelta(days=KEYS_PLANNED_MAX_DAYS):
        raise TransitionNotAllowed(_("Plan de sleuteloverdracht binnen een jaar vanaf vandaag."))
    with transaction.atomic(), attributed(by):
        placement = _lock_placement(placement_id)
        try:
            _require(by, Membership.Role.CORPORATION_STAFF, organisation_id=placement.dwelling.corporation_id)
        except NotAllowed:
            _require(by, Membership.Role.COORDINATOR, region_id=placement.case.region_id)
        if placement.status != Placement.Status.ACCEPTED:
            raise TransitionNotAllowed(_("Een sleuteloverdracht wordt gepland nadat de voordracht is geaccepteerd."))
        if placement.keys_planned_on == on:
            return placement
        placement.keys_planned_on = on
        placement.save(update_fields=["keys_planned_on"])
        notify(kind=Kind.KEYS_PLANNED, placement=placement, by=by)
    return placement


def hand_over_keys(
    *, placement_id: int, by: "User", moved_in_on: date, support_arrangement: str = "", early_reason: str = ""
) -> Placement:
    """The corporation (or the region's coordinator) records the key handover: the client moves in, the home is
    let, the client housed. A handover before the client's ready date only by the coordinator, with a reason."""
    with transaction.atomic(), attributed(by):
        placement = _lock_placement(placement_id)
        try:
            _require(by, Membership.Role.CORPORATION_STAFF, organisation_id=placement.dwelling.corporation_id)
            coordinator = False
        except NotAllowed:
            _require(by, Membership.Role.COORDINATOR, region_id=placement.case.region_id)
            coordinator = True
        if moved_in_on > timezone.localdate():
            raise TransitionNotAllowed(_("De sleuteloverdracht kan niet in de toekomst liggen."))
        if moved_in_on < timezone.localtime(placement.proposed_at).date():
            raise TransitionNotAllowed(_("De sleuteloverdracht kan niet vóór de voordracht liggen."))
        early = moved_in_on < placement.case.ready_on
        if early and not (coordinator and early_reason.strip()):
            # An exception the coordinator answers for; the figures count its waiting time as 0 days.
            raise TransitionNotAllowed(
                _(
                    "De sleuteloverdracht ligt vóór de datum waarop de cliënt uitstroomklaar is (%(date)s). Dat kan "
                    "alleen de regisseur vastleggen, met een reden."
                )
                % {"date": date_format(placement.case.ready_on, "j F Y")}
            )
        _move(placement, Placement.Status.MOVED_IN)
        placement.moved_in_on, placement.support_arrangement = moved_in_on, support_arrangement.strip()
        placement.early_move_reason = early_reason.strip() if early else ""
        placement.save(update_fields=["status", "moved_in_on", "support_arrangement", "early_move_reason"])
        _move(placement.dwelling, Dwelling.Status.LET)
        placement.dwelling.save(update_fields=["status", "updated_at"])
        _move(placement.case, OutflowCase.Status.HOUSED)
        placement.case.save(update_fields=["status", "updated_at"])
        notify(kind=Kind.MOVED_IN, placement=placement, by=by)
    return placement


def end_placement(*, placement_id: int, by: "User", on: date, relapse: bool) -> Placement:
    """After the move: aftercare ended, or relapse (the client returned to shelter or sheltered housing).

    Recorded by the client's care worker or the coordinator; closes the client's case with that reason."""
    with transaction.atomic(), attributed(by):
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
        if relapse:
            _check_relapse_window(placement, on)
        placement.ended_on = on
        placement.save(update_fields=["status", "ended_on"])
        _move(case, OutflowCase.Status.CLOSED)
        case.closed_reason = OutflowCase.ClosedReason.RELAPSE if relapse else OutflowCase.ClosedReason.AFTERCARE_ENDED
        case.closed_on = on
        case.save(update_fields=["status", "closed_reason", "closed_on", "updated_at"])
        notify(kind=Kind.RELAPSE if relapse else Kind.AFTERCARE_ENDED, placement=placement, by=by)
    return placement


def _check_relapse_window(placement: Placement, on: date) -> None:
    moved_in_on = placement.moved_in_on
    if moved_in_on is None or on < moved_in_on:
        raise TransitionNotAllowed(_("Deze datum ligt vóór de verhuizing."))
    if on > moved_in_on + timedelta(days=RELAPSE_WINDOW_DAYS):
        raise TransitionNotAllowed(
            _("Een terugval wordt vastgelegd tot %(days)s dagen na de verhuizing (tot en met %(date)s).")
            % {
                "days": RELAPSE_WINDOW_DAYS,
                "date": date_format(moved_in_on + timedelta(days=RELAPSE_WINDOW_DAYS), "j F Y"),
            }
        )


def record_relapse(*, placement_id: int, by: "User", on: date) -> Placement:
    """A relapse after aftercare ended (the client returned to shelter or sheltered housing), up to
    RELAPSE_WINDOW_DAYS after moving in, recorded by the client's care worker or the coordinator.

    The placement becomes 'relapsed' with `ended_on` the relapse date, so the flow figures count it in their
    180/365/730-day windows; the date aftercare ended stays in `aftercare_ended_on`. A client still closed for
    'aftercare ended' is closed for relapse instead (same closing date); a reopened client is left as it is."""
    with transaction.atomic(), attributed(by):
        placement = _lock_placement(placement_id)
        case = placement.case
        try:
            _require(by, Membership.Role.CARE_WORKER, organisation_id=case.care_provider_id)
        except NotAllowed:
            _require(by, Membership.Role.COORDINATOR, region_id=case.region_id)
        if on > timezone.localdate():
            raise TransitionNotAllowed(_("Deze datum kan niet in de toekomst liggen."))
        _move(placement, Placement.Status.RELAPSED)
        _check_relapse_window(placement, on)
        placement.aftercare_ended_on, placement.ended_on = placement.ended_on, on
        placement.save(update_fields=["status", "aftercare_ended_on", "ended_on"])
        if case.status == OutflowCase.Status.CLOSED and case.closed_reason == OutflowCase.ClosedReason.AFTERCARE_ENDED:
            case.closed_reason = OutflowCase.ClosedReason.RELAPSE
            case.save(update_fields=["closed_reason", "updated_at"])
        notify(kind=Kind.RELAPSE, placement=placement, by=by)
    return placement
