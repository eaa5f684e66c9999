"""E-mail for notifications: one message per notification for those who want it immediately, one digest a day for
those who want a daily overview, none for those who turned a kind off (the inbox shows every notification).

At most one e-mail per notification: each row is claimed (`emailed_at` set where it is still empty) before its
message is sent, so a task that runs twice, or two workers at once, send it once. A message that fails to send
gives its claim back, so a retry sends it. The message holds the notification's text (the client's reference at
most, never a note) and a link to the page of its object."""

import logging
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from placements.models import Notification, NotificationKind, NotificationPreference

logger = logging.getLogger(__name__)

Delivery = NotificationPreference.Delivery
MISSED_GRACE = timedelta(minutes=15)


def _url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _footer() -> list[str]:
    return [
        "",
        "U ontvangt dit bericht omdat u in Weer Thuis bij deze stap betrokken bent. Hoe en of u e-mail over "
        f"meldingen ontvangt, stelt u in op {_url(reverse('placements:notification_preferences'))}.",
        "",
        "Weer Thuis",
    ]


def deliveries(user_ids: Iterable[int]) -> dict[tuple[int, str], str]:
    """The chosen delivery per (user, kind) of these users; a pair without a row means immediately."""
    rows = NotificationPreference.objects.filter(user_id__in=set(user_ids)).values_list("user_id", "kind", "delivery")
    return {(user_id, kind): delivery for user_id, kind, delivery in rows}


def send_immediately(*, ids: Iterable[int]) -> int:
    """Send the e-mail of each notification in `ids` whose recipient wants it immediately and that was not sent
    yet; returns how many were sent."""
    pending = list(
        Notification.objects.filter(pk__in=list(ids), emailed_at__isnull=True)
        .select_related("recipient")
        .order_by("pk")
    )
    chosen = deliveries(n.recipient_id for n in pending)
    sent = 0
    for notification in pending:
        recipient = notification.recipient
        if chosen.get((recipient.pk, notification.kind), Delivery.IMMEDIATELY) != Delivery.IMMEDIATELY:
            continue
        if not recipient.is_active or not recipient.email:
            continue
        claimed = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        )
        if not claimed:  # another run sent it meanwhile
            continue
        try:
            with translation.override(settings.LANGUAGE_CODE):
                send_mail(
                    subject=f"Weer Thuis: {NotificationKind(notification.kind).label}",
                    message="\n".join(
                        ["Goedendag,", "", notification.text, "", _url(notification.get_absolute_url()), *_footer()]
                    ),
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    recipient_list=[recipient.email],
                )
        except Exception:
            Notification.objects.filter(pk=notification.pk).update(emailed_at=None)  # let a retry send it
            raise
        sent += 1
    return sent


def send_missed(*, until: datetime) -> int:
    """Send the immediate e-mails of the day before `until` that never went out (the broker was down when their
    step committed); younger than MISSED_GRACE they may still be on their way. Returns how many were sent."""
    ids = Notification.objects.filter(
        emailed_at__isnull=True, created_at__gte=until - timedelta(days=1), created_at__lt=until - MISSED_GRACE
    ).values_list("pk", flat=True)
    return send_immediately(ids=list(ids))


def send_digests(*, until: datetime) -> int:
    """Send each person who chose a daily overview for some kinds one e-mail with their notifications of those
    kinds created before `until` and not sent yet; returns how many notifications went out. Rows are locked
    (skipping those another run holds) and marked in the transaction that sends, so a second run sends nothing
    again and a failed send leaves them for the next run."""
    kinds_per_user: dict[int, list[str]] = defaultdict(list)
    for user_id, kind in NotificationPreference.objects.filter(delivery=Delivery.DIGEST).values_list("user_id", "kind"):
        kinds_per_user[user_id].append(kind)
    sent = 0
    for user_id, kinds in sorted(kinds_per_user.items()):
        with transaction.atomic():
            rows = list(
                Notification.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(recipient_id=user_id, kind__in=kinds, emailed_at__isnull=True, created_at__lt=until)
                .select_related("recipient")
                .order_by("created_at", "pk")
            )
            if not rows:
                continue
            recipient = rows[0].recipient
            if not recipient.is_active or not recipient.email:
                continue
            lines = ["Goedemorgen,", "", "Dit zijn uw meldingen in Weer Thuis sinds het vorige overzicht:", ""]
            lines += [f"- {n.text} {_url(n.get_absolute_url())}" for n in rows]
            lines += ["", f"Al uw meldingen: {_url(reverse('placements:notifications'))}", *_footer()]
            with translation.override(settings.LANGUAGE_CODE):
                send_mail(
                    subject=f"Weer Thuis: dagelijks overzicht, {len(rows)} melding(en)",
                    message="\n".join(lines),
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    recipient_list=[recipient.email],
                )
            Notification.objects.filter(pk__in=[n.pk for n in rows]).update(emailed_at=timezone.now())
            sent += len(rows)
    return sent
