"""Timed notifications: situations in which nobody took a step for too long, found once a day.

- stalled: a proposal without the corporation's decision for STALLED_PROPOSAL_DAYS days;
- unused home: a home reserved for UNUSED_HOME_DAYS days that is still reserved (no proposal running, not let);
- keys pending: a proposal accepted KEYS_PENDING_DAYS days ago whose keys were not handed over;
- waiting long: a client ready to move out for WAITING_WITHOUT_PROPOSAL_DAYS days, still waiting without a proposal.

Each situation is found with one query per kind and its recipients with one query for all of them (`AUDIENCES` in
audiences.py: the home's corporation staff, the client's care workers, the region's coordinators, chosen exactly as the
models' `visible_to` would let them see the object), so the number of queries does not grow with the number of
homes, clients or proposals. The event key names the kind, the object, the start of the situation and the number
of days, so a person is told of a situation once: not again the next day, nor when the task runs twice; a new
situation (the home reserved again, the client ready again) or a changed number of days is a new event.

This replaces the daily reminder e-mail of stalled proposals to the corporation's contact address: the stalled
notification reaches the corporation's staff (and the region's coordinators) once, by e-mail as each prefers."""

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from placements.models import Dwelling, Notification, NotificationKind, OutflowCase, Placement
from placements.notifications.audiences import AUDIENCES, CARE, COORDINATION, CORPORATION, unread_cache_key
from placements.notifications.worklist import day_text
from regions.models import Membership

logger = logging.getLogger(__name__)

Kind = NotificationKind
Role = Membership.Role


@dataclass(frozen=True)
class Situation:
    """One overdue situation: what it is about, who may be told (by organisation or region), its text and key."""

    kind: str
    event_key: str
    text: str
    corporation_id: int | None = None
    care_provider_id: int | None = None
    region_id: int | None = None
    placement_id: int | None = None
    case_id: int | None = None
    dwelling_id: int | None = None


def _start_of(day: date) -> datetime:
    """The first moment of `day` in Dutch time: a moment on or before it counts as `day` or earlier."""
    return timezone.make_aware(datetime.combine(day, time.min))


def stalled_proposals(today: date) -> list[Situation]:
    """Proposals without a decision, proposed on or before today − STALLED_PROPOSAL_DAYS."""
    days = settings.STALLED_PROPOSAL_DAYS
    rows = (
        Placement.objects.filter(
            status=Placement.Status.PROPOSED, proposed_at__lt=_start_of(today - timedelta(days=days - 1))
        )
        .select_related("dwelling", "case")
        .order_by("pk")
    )
    return [
        Situation(
            kind=Kind.STALLED,
            event_key=f"{Kind.STALLED}:placement:{p.pk}:{days}d",
            text=f"De voordracht van cliënt {p.case.reference} voor {p.dwelling.street_and_place} wacht sinds "
            f"{day_text(p.proposed_at)} op het besluit van de corporatie.",
            corporation_id=p.dwelling.corporation_id,
            region_id=p.region_id,
            placement_id=p.pk,
            case_id=p.case_id,
            dwelling_id=p.dwelling_id,
        )
        for p in rows
    ]


def unused_homes(today: date) -> list[Situation]:
    """Homes still reserved (no proposal running, neither let nor withdrawn), reserved on or before
    today − UNUSED_HOME_DAYS."""
    days = settings.UNUSED_HOME_DAYS
    rows = Dwelling.objects.filter(
        status=Dwelling.Status.RESERVED, reserved_on__lte=today - timedelta(days=days)
    ).order_by("pk")
    return [
        Situation(
            kind=Kind.UNUSED_HOME,
            event_key=f"{Kind.UNUSED_HOME}:dwelling:{d.pk}:{d.reserved_on.isoformat()}:{days}d",
            text=f"De woning {d.street_and_place} is sinds {day_text(d.reserved_on)} gereserveerd en nog niet voorgedragen.",
            corporation_id=d.corporation_id,
            region_id=d.region_id,
            dwelling_id=d.pk,
        )
        for d in rows
    ]


def keys_pending(today: date) -> list[Situation]:
    """Accepted proposals without a key handover, accepted on or before today − KEYS_PENDING_DAYS, and no handover
    planned for today or later."""
    days = settings.KEYS_PENDING_DAYS
    rows = (
        Placement.objects.filter(
            status=Placement.Status.ACCEPTED, decided_at__lt=_start_of(today - timedelta(days=days - 1))
        )
        # A handover planned for today or later is on its way; a planned day that passed without one is not.
        .exclude(keys_planned_on__gte=today)
        .select_related("dwelling", "case")
        .order_by("pk")
    )
    return [
        Situation(
            kind=Kind.KEYS_PENDING,
            event_key=f"{Kind.KEYS_PENDING}:placement:{p.pk}:{days}d",
            text=f"De voordracht van cliënt {p.case.reference} voor {p.dwelling.street_and_place} is op "
            f"{day_text(p.decided_at)} geaccepteerd; de sleutels zijn nog niet overgedragen.",
            corporation_id=p.dwelling.corporation_id,
            care_provider_id=p.case.care_provider_id,
            placement_id=p.pk,
            case_id=p.case_id,
            dwelling_id=p.dwelling_id,
        )
        for p in rows
        if p.decided_at is not None
    ]


def waiting_long(today: date) -> list[Situation]:
    """Clients waiting without a proposal (status waiting), ready on or before today − WAITING_WITHOUT_PROPOSAL_DAYS.
    The period counts from the ready date, as the client's page and the work list show it."""
    days = settings.WAITING_WITHOUT_PROPOSAL_DAYS
    rows = OutflowCase.objects.filter(
        status=OutflowCase.Status.WAITING, anonymised_at__isnull=True, ready_on__lte=today - timedelta(days=days)
    ).order_by("pk")
    return [
        Situation(
            kind=Kind.WAITING_LONG,
            event_key=f"{Kind.WAITING_LONG}:case:{c.pk}:{c.ready_on.isoformat()}:{days}d",
            text=f"Cliënt {c.reference} is sinds {day_text(c.ready_on)} uitstroomklaar en heeft nog geen voordracht.",
            care_provider_id=c.care_provider_id,
            region_id=c.region_id,
            case_id=c.pk,
        )
        for c in rows
    ]


FINDERS = (stalled_proposals, unused_homes, keys_pending, waiting_long)


def _audience_index(situations: list[Situation]) -> tuple[dict, dict, dict]:
    """Active users per corporation (staff), per care provider (care workers) and per region (coordinators) among
    the organisations and regions of the situations, in one query."""
    corporations = {s.corporation_id for s in situations if s.corporation_id and CORPORATION in AUDIENCES[s.kind]}
    providers = {s.care_provider_id for s in situations if s.care_provider_id and CARE in AUDIENCES[s.kind]}
    regions = {s.region_id for s in situations if s.region_id and COORDINATION in AUDIENCES[s.kind]}
    by_corporation: dict[int, set[int]] = defaultdict(set)
    by_provider: dict[int, set[int]] = defaultdict(set)
    by_region: dict[int, set[int]] = defaultdict(set)
    wanted = (
        Q(role=Role.CORPORATION_STAFF, organisation_id__in=corporations)
        | Q(role=Role.CARE_WORKER, organisation_id__in=providers)
        | Q(role=Role.COORDINATOR, organisation__regions__in=regions)
    )
    rows = Membership.objects.filter(wanted, user__is_active=True).values_list(
        "user_id", "role", "organisation_id", "organisation__regions"
    )
    for user_id, role, organisation_id, region_id in rows:
        if role == Role.CORPORATION_STAFF:
            by_corporation[organisation_id].add(user_id)
        elif role == Role.CARE_WORKER:
            by_provider[organisation_id].add(user_id)
        elif region_id in regions:
            by_region[region_id].add(user_id)
    return by_corporation, by_provider, by_region


def _recipients(situation: Situation, index: tuple[dict, dict, dict]) -> set[int]:
    by_corporation, by_provider, by_region = index
    audiences = AUDIENCES[situation.kind]
    users: set[int] = set()
    if CORPORATION in audiences and situation.corporation_id:
        users |= by_corporation.get(situation.corporation_id, set())
    if CARE in audiences and situation.care_provider_id:
        users |= by_provider.get(situation.care_provider_id, set())
    if COORDINATION in audiences and situation.region_id:
        users |= by_region.get(situation.region_id, set())
    return users


@dataclass
class Outcome:
    """What a run did: how many notifications were new, and those of its situations still to be e-mailed (the
    caller sends them after commit; a notification already sent or left for the digest is skipped there)."""

    created: int = 0
    unsent_ids: list[int] = field(default_factory=list)


def notify_overdue(*, today: date) -> Outcome:
    """Tell the people who act next of every situation that has lasted its number of days on `today`, once per
    situation and person (the unique (event_key, recipient): a second run, or the next day's, adds nothing), in
    one transaction. The caller e-mails `unsent_ids` after commit (tasks.notify_overdue_situations)."""
    situations = [situation for find in FINDERS for situation in find(today)]
    if not situations:
        return Outcome()
    index = _audience_index(situations)
    rows = [
        Notification(
            recipient_id=user_id,
            kind=s.kind,
            placement_id=s.placement_id,
            case_id=s.case_id,
            dwelling_id=s.dwelling_id,
            text=s.text,
            event_key=s.event_key,
        )
        for s in situations
        for user_id in sorted(_recipients(s, index))
    ]
    keys = [s.event_key for s in situations]
    with transaction.atomic():
        before = Notification.objects.filter(event_key__in=keys).count()
        Notification.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
        unsent = list(
            Notification.objects.filter(event_key__in=keys, emailed_at__isnull=True, read_at__isnull=True)
            .order_by("pk")
            .values_list("pk", "recipient_id")
        )
        created = Notification.objects.filter(event_key__in=keys).count() - before
        told = {user for _pk, user in unsent}
        transaction.on_commit(lambda: _forget_unread_counts(told), robust=True)
    logger.info("overdue notifications: %s situations, %s new notifications", len(situations), created)
    return Outcome(created=created, unsent_ids=[pk for pk, _user in unsent])


def _forget_unread_counts(user_ids: set[int]) -> None:
    # One query per person told (not per situation): their unread count's key is derived from their grants.
    users = get_user_model().objects.filter(pk__in=user_ids)
    cache.delete_many([unread_cache_key(user) for user in users])
