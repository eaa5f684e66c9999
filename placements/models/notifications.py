"""Notifications: what a person is told when a step in the chain is theirs to act on, in the in-app inbox and
by e-mail, and how each person wants to receive each kind (immediately, in a daily digest, or not by e-mail).

A notification is written by `placements.notifications.services.notify` in the transaction of the step itself;
its text names the client by the pseudonymous reference only, never a note (regions.need_to_know)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from placements.models.cases import OutflowCase
from placements.models.dwellings import Dwelling
from placements.models.placements import Placement


class NotificationKind(models.TextChoices):
    PROPOSED = "proposed", _("Voordracht gedaan")
    ACCEPTED = "accepted", _("Voordracht geaccepteerd")
    DECLINED = "declined", _("Voordracht afgewezen door de corporatie")
    CLIENT_DECLINED = "client_declined", _("Voordracht afgewezen door de cliënt")
    CANCELLED = "cancelled", _("Voordracht ingetrokken")
    KEYS_PLANNED = "keys_planned", _("Datum sleuteloverdracht gepland")
    MOVED_IN = "moved_in", _("Sleutels overgedragen (verhuisd)")
    AFTERCARE_ENDED = "aftercare_ended", _("Nazorg afgerond")
    RELAPSE = "relapse", _("Terugval")
    URGENCY_REQUESTED = "urgency_requested", _("Urgentie aangevraagd")
    URGENCY_DECIDED = "urgency_decided", _("Besluit over urgentie")
    # Timed: found by the daily task (placements.notifications.overdue) once a situation lasts its number of days.
    STALLED = "stalled", _("Voordracht zonder besluit")
    UNUSED_HOME = "unused_home", _("Gereserveerde woning ongebruikt")
    KEYS_PENDING = "keys_pending", _("Geaccepteerd, sleutels nog niet overgedragen")
    WAITING_LONG = "waiting_long", _("Cliënt wacht lang zonder voordracht")


class NotificationQuerySet(models.QuerySet["Notification"]):
    def for_user(self, user) -> "NotificationQuerySet":
        """A person's own notifications: nobody reads another's inbox, whatever their role."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(recipient_id=user.pk)

    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One event, told to one person. (event_key, recipient) is unique: an event reaches a person once."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ontvanger"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("soort"), max_length=24, choices=NotificationKind.choices)
    # What the event is about; a notification goes with its object when that is ever deleted.
    placement = models.ForeignKey(
        Placement, verbose_name=_("plaatsing"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    case = models.ForeignKey(
        OutflowCase, verbose_name=_("cliënt"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    dwelling = models.ForeignKey(
        Dwelling, verbose_name=_("woning"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # Dutch, short, with the client's reference at most: shown in the inbox and used as the e-mail's body.
    text = models.CharField(_("tekst"), max_length=300)
    # Names the event (kind, object, occurrence): the same event never notifies the same person twice.
    event_key = models.CharField(_("gebeurtenis"), max_length=120)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    # Claimed by the task that sends it (or the digest) before sending: at most one e-mail per notification.
    emailed_at = models.DateTimeField(_("gemaild op"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["event_key", "recipient"], name="notification_once_per_event"),
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"),
            models.Index(fields=["created_at"], condition=Q(emailed_at__isnull=True), name="notification_unsent"),
        ]

    def __str__(self) -> str:
        return self.text

    def get_absolute_url(self) -> str:
        """The page where the step this notification asks for is taken (or its result is read)."""
        if self.placement_id is not None:
            return reverse("placements:placement_detail", args=[self.placement_id])
        if self.case_id is not None:
            return reverse("placements:case_detail", args=[self.case_id])  # the urgency form is on that page
        return reverse("placements:dwelling_detail", args=[self.dwelling_id])


class NotificationPreference(models.Model):
    """How a person receives e-mail about one kind of notification. No row: immediately. The inbox shows every
    notification whatever the preference."""

    class Delivery(models.TextChoices):
        IMMEDIATELY = "immediately", _("Direct")
        DIGEST = "digest", _("Dagelijks overzicht")
        OFF = "off", _("Geen e-mail")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gebruiker"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("soort"), max_length=24, choices=NotificationKind.choices)
    delivery = models.CharField(_("e-mail"), max_length=12, choices=Delivery.choices, default=Delivery.IMMEDIATELY)

    class Meta:
        verbose_name = _("voorkeur voor meldingen")
        verbose_name_plural = _("voorkeuren voor meldingen")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.delivery}"
