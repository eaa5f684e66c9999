"""What each retention run removed (`placements.audit.retention`), for the operator and the privacy officer."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RetentionRun(models.Model):
    """One run of the retention (nightly task or `manage.py apply_retention`): the cut-off dates it applied and
    how many rows of each kind it reduced or deleted. A dry run writes no row."""

    started_at = models.DateTimeField(_("gestart op"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    closed_before = models.DateField(_("cliënten afgesloten vóór"))
    logged_before = models.DateField(_("inzagelog van vóór"))
    cases_reduced = models.PositiveIntegerField(_("cliënten geanonimiseerd"), default=0)
    placements_reduced = models.PositiveIntegerField(_("plaatsingen ontdaan van toelichtingen"), default=0)
    history_deleted = models.PositiveIntegerField(_("historieregels verwijderd"), default=0)
    access_log_deleted = models.PositiveIntegerField(_("inzagelogregels verwijderd"), default=0)
    complete = models.BooleanField(
        _("alles afgehandeld"), default=False, help_text=_("Nee: de tijd was op; de volgende run gaat verder.")
    )

    class Meta:
        verbose_name = _("bewaartermijnrun")
        verbose_name_plural = _("bewaartermijnruns")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M}: {self.cases_reduced} / {self.access_log_deleted}"
