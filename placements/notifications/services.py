"""Notifications: tell the people who act next that a step was taken. `notify` is called by the services that take
the step, inside their transaction, so a notification exists exactly when the step was committed.

Who is told is decided per kind (`AUDIENCES`) from memberships, and each candidate is kept only while their access
(the `visible_to` querysets of regions.access) still covers the object; never the person who took the step,
never an inactive account. The text names the client by reference only: notes about a client never leave the
pages that may show them (regions.need_to_know)."""

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.formats import date_format

from placements.models import (
    Dwelling,
    Notification,
    NotificationKind,
    NotificationPreference,
    OutflowCase,
    Placement,
)
from placements.notifications.audiences import AUDIENCES, CARE, COORDINATION, CORPORATION, unread_cache_key
from regions.models import Membership

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)

Kind = NotificationKind
Role = Membership.Role


def notify(
    *,
    kind: str,
    placement: Placement | None = None,
    case: OutflowCase | None = None,
    dwelling: Dwelling | None = None,
    by: "User",
) -> list[int]:
    """Record that `by` took step `kind` on the object, for each person who acts next, and send their e-mails
    after commit. Call inside the step's transaction, after its writes. At most one notification per event and
    person (the database's unique (event_key, recipient)), so calling it twice for one event changes nothing.
    Returns the ids of the event's notifications."""
    if placement is not None:
        case, dwelling = placement.case, placement.dwelling
    if case is None and dwelling is None:
        raise ValueError("notify needs the placement, client or home the event is about")
    recipients = _recipients(kind, placement=placement, case=case, dwelling=dwelling, by=by)
    if not recipients:
        return []
    key = _event_key(kind, placement=placement, case=case, dwelling=dwelling)
    with translation.override(settings.LANGUAGE_CODE):  # the text is stored and mailed in Dutch
        text = _text(kind, placement=placement, case=case, dwelling=dwelling)
    Notification.objects.bulk_create(
        [
            Notification(
                recipient=user, kind=kind, placement=placement, case=case, dwelling=dwelling, text=text, event_key=key
            )
            for user in recipients
        ],
        ignore_conflicts=True,
    )
    ids = list(
        Notification.objects.filter(event_key=key, recipient__in=recipients, emailed_at__isnull=True).values_list(
            "pk", flat=True
        )
    )
    keys = [unread_cache_key(user) for user in recipients]
    transaction.on_commit(lambda: _after_commit(ids, keys), robust=True)
    return ids


def _after_commit(ids: list[int], keys: list[str]) -> None:
    from placements.notifications.tasks import send_notification_emails

    cache.delete_many(keys)
    if ids:
        send_notification_emails.delay(ids=ids)


def _recipients(
    kind: str, *, placement: Placement | None, case: OutflowCase | None, dwelling: Dwelling | None, by: "User"
) -> list["User"]:
    audiences = AUDIENCES[kind]
    wanted = Q()
    if CORPORATION in audiences and dwelling is not None:
        wanted |= Q(memberships__role=Role.CORPORATION_STAFF, memberships__organisation_id=dwelling.corporation_id)
    if CARE in audiences and case is not None:
        wanted |= Q(memberships__role=Role.CARE_WORKER, memberships__organisation_id=case.care_provider_id)
    region_id = case.region_id if case is not None else dwelling.region_id if dwelling is not None else None
    if COORDINATION in audiences and region_id is not None:
        wanted |= Q(memberships__role=Role.COORDINATOR, memberships__organisation__regions=region_id)
    if not wanted:
        return []
    candidates = get_user_model().objects.filter(wanted, is_active=True).exclude(pk=by.pk).distinct().order_by("pk")
    return [user for user in candidates if _still_covers(user, placement=placement, case=case, dwelling=dwelling)]


def _still_covers(
    user: "User", *, placement: Placement | None, case: OutflowCase | None, dwelling: Dwelling | None
) -> bool:
    """Whether the user's access (regions.access, through the models' `visible_to`) covers the object now."""
    if placement is not None:
        return Placement.objects.visible_to(user).filter(pk=placement.pk).exists()
    if case is not None:
        return OutflowCase.objects.visible_to(user).filter(pk=case.pk).exists()
    assert dwelling is not None
    return Dwelling.objects.visible_to(user).filter(pk=dwelling.pk).exists()


def _event_key(kind: str, *, placement: Placement | None, case: OutflowCase | None, dwelling: Dwelling | None) -> str:
    # A placement passes each step at most once; a client's urgency can be requested and decided again after a
    # refusal, so those events are told apart by the moment of the change the service just saved.
    if kind == Kind.KEYS_PLANNED and placement is not None:
        # The key date can be moved, also back to an earlier choice: each move is an event of its own.
        return f"{kind}:placement:{placement.pk}:{placement.keys_planned_on}:{timezone.now().isoformat()}"
    if placement is not None:
        return f"{kind}:placement:{placement.pk}"
    if case is not None:
        return f"{kind}:case:{case.pk}:{case.updated_at.isoformat()}"
    assert dwelling is not None
    return f"{kind}:dwelling:{dwelling.pk}:{dwelling.updated_at.isoformat()}"


def _text(kind: str, *, placement: Placement | None, case: OutflowCase | None, dwelling: Dwelling | None) -> str:
    """The notification's Dutch text: what happened, the client's reference and the home's address, and for a
    decline the fixed reason; never a note. Stored in Dutch, the source language, as the e-mail is sent."""
    reference = case.reference if case is not None else ""
    home = dwelling.street_and_place if dwelling is not None else ""
    if kind == Kind.PROPOSED:
        return f"Nieuwe voordracht: cliënt {reference} voor {home}. De corporatie besluit erover."
    if kind == Kind.ACCEPTED:
        return f"De corporatie heeft de voordracht van cliënt {reference} voor {home} geaccepteerd."
    if kind in (Kind.DECLINED, Kind.CLIENT_DECLINED):
        assert placement is not None
        who = "de corporatie" if kind == Kind.DECLINED else "de cliënt"
        reason = Placement.DeclineReason(placement.decline_reason).label
        return f"De voordracht van cliënt {reference} voor {home} is afgewezen door {who}. Reden: {reason}."
    if kind == Kind.CANCELLED:
        return f"De regisseur heeft de voordracht van cliënt {reference} voor {home} ingetrokken."
    if kind == Kind.KEYS_PLANNED:
        assert placement is not None and placement.keys_planned_on is not None
        on = date_format(placement.keys_planned_on, "j F Y")
        return f"Sleuteloverdracht gepland op {on}: cliënt {reference}, {home}."
    if kind == Kind.MOVED_IN:
        assert placement is not None and placement.moved_in_on is not None
        on = date_format(placement.moved_in_on, "j F Y")
        return f"Sleuteloverdracht op {on}: cliënt {reference} is verhuisd naar {home}."
    if kind == Kind.AFTERCARE_ENDED:
        return f"De nazorg van cliënt {reference} ({home}) is afgerond."
    if kind == Kind.RELAPSE:
        return f"Voor cliënt {reference} ({home}) is een terugval vastgelegd."
    if kind == Kind.URGENCY_REQUESTED:
        return f"De begeleider vraagt urgentie aan voor cliënt {reference}. Graag uw besluit."
    if kind == Kind.URGENCY_DECIDED:
        assert case is not None
        outcome = "toegekend" if case.urgency == OutflowCase.Urgency.GRANTED else "afgewezen"
        return f"De regisseur heeft de urgentie van cliënt {reference} {outcome}."
    raise ValueError(f"unknown notification kind {kind!r}")


def mark_read(*, user: "User", ids: Iterable[int] | None = None) -> int:
    """Mark the user's own notifications read (all unread ones when `ids` is None); returns how many changed."""
    with transaction.atomic():
        unread = Notification.objects.for_user(user).unread()
        if ids is not None:
            unread = unread.filter(pk__in=list(ids))
        changed = unread.update(read_at=timezone.now())
        key = unread_cache_key(user)
        transaction.on_commit(lambda: cache.delete(key), robust=True)
    return changed


def set_preferences(*, user: "User", deliveries: dict[str, str]) -> None:
    """Store how `user` wants e-mail per kind (kind → immediately / digest / off); kinds left out keep theirs."""
    Delivery = NotificationPreference.Delivery
    for kind, delivery in deliveries.items():
        if kind not in Kind.values or delivery not in Delivery.values:
            raise ValueError(f"unknown kind or delivery: {kind!r}, {delivery!r}")
    with transaction.atomic():
        for kind, delivery in deliveries.items():
            NotificationPreference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})
