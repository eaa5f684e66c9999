"""The access log: one line per time a person opens, searches or exports client records (NEN 7513)."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.models import Organisation


class AccessLogEntry(models.Model):
    """One line per time a person opens, searches or exports client records (in the spirit of NEN 7513).

    Written by the views, never changed afterwards; the admin shows it read-only."""

    class Action(models.TextChoices):
        VIEW = "view", _("Ingezien")
        SEARCH = "search", _("Gezocht/lijst bekeken")
        EXPORT = "export", _("Geëxporteerd")
        CREATE = "create", _("Aangemaakt")
        UPDATE = "update", _("Gewijzigd")

    at = models.DateTimeField(_("moment"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gebruiker"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("namens organisatie"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    action = models.CharField(_("handeling"), max_length=10, choices=Action.choices)
    case_references = ArrayField(models.CharField(max_length=20), verbose_name=_("cliënten"), default=list)
    case_count = models.PositiveIntegerField(_("aantal cliënten"), default=0)
    path = models.CharField(_("pagina"), max_length=300)
    query = models.CharField(_("zoekopdracht"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("inzage")
        verbose_name_plural = _("inzagelog")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.get_action_display()} ({self.case_count})"
