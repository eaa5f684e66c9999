"""Accounts nobody uses are closed: a warning e-mail when an account has not been used for INACTIVE_ACCOUNT_DAYS
minus INACTIVE_ACCOUNT_WARNING_DAYS, deactivation when it has not been used for INACTIVE_ACCOUNT_DAYS and the
warning went out at least INACTIVE_ACCOUNT_WARNING_DAYS before. Sign-in events older than
SIGN_IN_EVENT_RETENTION_DAYS are deleted. Run nightly (weerthuis.accounts.tasks)."""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from weerthuis.accounts import services
from weerthuis.accounts.events import record
from weerthuis.accounts.models import SignInEvent, UsedCode

Kind = SignInEvent.Kind
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class HygieneRun:
    warned: int
    deactivated: int
    events_deleted: int


def close_unused_accounts(*, now: datetime | None = None) -> HygieneRun:
    """Warns and deactivates unused accounts and forgets old sign-in events. Safe to run twice: a warning is sent
    once per period of disuse (a later sign-in starts a new one), a deactivated account is left alone.

    "Used" is the last sign-in (or, never signed in, the moment the account was made). Superusers are left out:
    deactivating the last one locks everyone out of the administration; they are few and sign in with a second
    factor. Their disuse shows in the admin's user list."""
    now = now or timezone.now()
    days, notice = settings.INACTIVE_ACCOUNT_DAYS, settings.INACTIVE_ACCOUNT_WARNING_DAYS
    # A reactivation counts as use: the old warning and the old disuse are over (GREATEST skips a missing one).
    reactivated = (
        SignInEvent.objects.filter(user=OuterRef("pk"), kind=Kind.REACTIVATED).order_by("-at").values("at")[:1]
    )
    accounts = (
        get_user_model()
        .objects.filter(is_active=True, is_superuser=False)
        .annotate(last_use=Greatest(Coalesce("last_login", "date_joined"), Subquery(reactivated)))
    )
    warned_since_use = SignInEvent.objects.filter(
        user=OuterRef("pk"), kind=Kind.INACTIVITY_WARNED, at__gt=OuterRef("last_use")
    )
    to_warn = accounts.filter(last_use__lt=now - timedelta(days=days - notice)).exclude(Exists(warned_since_use))
    warned = 0
    for user in to_warn:
        warned += _warn(user, deactivation_on=(user.last_use + timedelta(days=days)).date())
    to_deactivate = accounts.filter(last_use__lt=now - timedelta(days=days)).filter(
        Exists(warned_since_use.filter(at__lte=now - timedelta(days=notice)))
    )
    deactivated = 0
    for user in to_deactivate:
        services.deactivate(user=user, by=None, reason=_("%(days)d dagen niet gebruikt") % {"days": days})
        deactivated += 1
    old = Q(at__lt=now - timedelta(days=settings.SIGN_IN_EVENT_RETENTION_DAYS))
    events_deleted, _detail = SignInEvent.objects.filter(old).delete()
    UsedCode.objects.filter(used_at__lt=now - timedelta(hours=1)).delete()
    return HygieneRun(warned=warned, deactivated=deactivated, events_deleted=events_deleted)


def _warn(user, *, deactivation_on) -> bool:
    """Sends the warning, then records it: a warning that did not go out (the mail server refused) is not recorded,
    so the next night tries again and the account is not deactivated on a warning nobody received."""
    if user.email:
        try:
            _send_warning(user, deactivation_on)
        except Exception:  # one unreachable mail server must not stop the night's run for everyone else
            logger.warning("inactivity warning to user %s not sent; tried again next night", user.pk, exc_info=True)
            return False
    record(Kind.INACTIVITY_WARNED, user=user, detail="" if user.email else _("geen e-mailadres"))
    return True


def _send_warning(user, deactivation_on) -> None:
    with override(settings.LANGUAGE_CODE):
        login_url = settings.SITE_URL.rstrip("/") + reverse("login")
        message = _(
            "Beste gebruiker van Weer Thuis,\n\n"
            "Uw account %(username)s is lange tijd niet gebruikt. Gegevens over cliënten horen alleen open te staan "
            "voor wie ze nodig heeft, daarom wordt een account dat %(days)d dagen niet is gebruikt gedeactiveerd.\n\n"
            "Logt u niet in vóór %(date)s, dan wordt uw account gedeactiveerd. Wilt u het houden, log dan in via "
            "%(url)s. Is het niet meer nodig, dan hoeft u niets te doen.\n\n"
            "Met vriendelijke groet,\nWeer Thuis"
        ) % {
            "username": user.get_username(),
            "days": settings.INACTIVE_ACCOUNT_DAYS,
            "date": deactivation_on.strftime("%d-%m-%Y"),
            "url": login_url,
        }
        send_mail(_("[Weer Thuis] Uw account wordt binnenkort gedeactiveerd"), message, None, [user.email])
