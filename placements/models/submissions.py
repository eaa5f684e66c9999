"""Forms handled once: each rendered create or decision form carries a one-time token, and the first request
that brings it stores it here, in the same transaction as the work. The primary key makes a second request with
the same token (a double click, a resubmitted page) wait for the first and then find its result."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Submission(models.Model):
    token = models.UUIDField(_("formuliersleutel"), primary_key=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gebruiker"), on_delete=models.CASCADE, related_name="+"
    )
    at = models.DateTimeField(_("moment"), auto_now_add=True, db_index=True)
    result_url = models.CharField(_("resultaatpagina"), max_length=300)
    path = models.CharField(_("verstuurd naar"), max_length=300, default="")

    class Meta:
        verbose_name = _("verstuurd formulier")
        verbose_name_plural = _("verstuurde formulieren")

    def __str__(self) -> str:
        return f"{self.token} → {self.result_url}"
