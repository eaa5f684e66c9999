"""Reminders for stalled proposals: a proposal without a decision for STALLED_PROPOSAL_DAYS days sends the
corporation's contacts at most one e-mail a day (all its stalled proposals in one message).

Idempotent: each proposal is claimed for the day (row lock, skipping rows another run holds, then
`last_reminder_on = today`) in the same transaction that sends; a second run the same day finds nothing. If
sending fails the transaction rolls back, so the next run tries again."""

import logging
from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from placements.models import Placement
from regions.models import Membership, Organisation

logger = logging.getLogger(__name__)


def corporation_contacts(corporation_ids: set[int]) -> dict[int, list[str]]:
    """The general contact address plus every active corporation staff member's address, per corporation."""
    contacts: dict[int, set[str]] = defaultdict(set)
    for org_id, email in (
        Organisation.objects.filter(pk__in=corporation_ids).exclude(contact_email="").values_list("pk", "contact_email")
    ):
        contacts[org_id].add(email)
    staff = (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__organisation_id__in=corporation_ids,
            memberships__role=Membership.Role.CORPORATION_STAFF,
        )
        .exclude(email="")
        .values_list("memberships__organisation_id", "email")
    )
    for org_id, email in staff:
        contacts[org_id].add(email)
    return {org_id: sorted(emails) for org_id, emails in contacts.items()}


def send_stalled_proposal_reminders(*, today: date) -> int:
    """Send today's reminders; returns how many proposals were reminded of."""
    cutoff = timezone.now() - timedelta(days=settings.STALLED_PROPOSAL_DAYS)
    with transaction.atomic():
        stalled = list(
            Placement.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(status=Placement.Status.PROPOSED, proposed_at__lte=cutoff)
            .filter(Q(last_reminder_on__isnull=True) | Q(last_reminder_on__lt=today))
            .select_related("dwelling__corporation", "case")
            .order_by("proposed_at")
        )
        per_corporation: dict[int, list[Placement]] = defaultdict(list)
        for placement in stalled:
            per_corporation[placement.dwelling.corporation_id].append(placement)
        contacts = corporation_contacts(set(per_corporation))
        reminded = []
        for corporation_id, placements in per_corporation.items():
            recipients = contacts.get(corporation_id)
            if not recipients:
                logger.warning(
                    "no contact address for corporation %s: %s stalled proposals", corporation_id, len(placements)
                )
                continue
            send_mail(
                subject=f"Weer Thuis: {len(placements)} voordracht(en) wachten op uw besluit",
                message=_message(placements, today),
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=recipients,
            )
            reminded += [p.pk for p in placements]
        Placement.objects.filter(pk__in=reminded).update(last_reminder_on=today)
    return len(reminded)


def _message(placements: list[Placement], today: date) -> str:
    lines = [
        "Goedemorgen,",
        "",
        "De volgende voordrachten op woningen van uw corporatie wachten op een besluit (accepteren of afwijzen):",
        "",
    ]
    for placement in placements:
        days = (today - timezone.localtime(placement.proposed_at).date()).days
        url = settings.SITE_URL.rstrip("/") + reverse("placements:placement_detail", args=[placement.pk])
        lines.append(
            f"- {placement.dwelling.street} {placement.dwelling.house_number}{placement.dwelling.house_number_addition}, "
            f"{placement.dwelling.place}: cliënt {placement.case.reference} "
            f"(huishouden {placement.case.household_size}), {days} dagen geleden voorgedragen. {url}"
        )
    lines += ["", "U ontvangt hooguit één herinnering per dag.", "", "Weer Thuis"]
    return "\n".join(lines)
