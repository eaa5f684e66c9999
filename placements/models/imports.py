"""An upload of homes or clients from a spreadsheet (`placements.imports`): the rows as read, the outcome of each
row at the preview, and how the import went. The confirm step imports exactly these stored rows, never the file
again; the file itself is not kept (only its name, size and SHA-256)."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from regions.access import access_for
from regions.models import Organisation

if TYPE_CHECKING:
    from regions.access import AnyUser


class ImportBatchQuerySet(models.QuerySet["ImportBatch"]):
    def visible_to(self, user: "AnyUser") -> "ImportBatchQuerySet":
        """Batches a user may see and confirm: those uploaded for an organisation in which the user holds the role
        the batch was uploaded in (a care provider's batch for its care workers, a corporation's for its staff, a
        municipality's for its coordinators); nobody else's."""
        grants = access_for(user).grants
        if not grants:
            return self.none()
        allowed = Q()
        for grant in grants:
            allowed |= Q(organisation_id=grant.organisation_id, role=grant.role)
        return self.filter(allowed)


class ImportBatch(models.Model):
    class Kind(models.TextChoices):
        DWELLINGS = "dwellings", _("Gereserveerde woningen")
        CASES = "cases", _("Cliënten")

    class Status(models.TextChoices):
        QUEUED = "queued", _("In de wachtrij")
        CHECKING = "checking", _("Wordt gecontroleerd")
        READY = "ready", _("Klaar om te bevestigen")
        IMPORTING = "importing", _("Wordt ingelezen")
        DONE = "done", _("Ingelezen")
        FAILED = "failed", _("Mislukt")
        # Its worker never finished it (stopped, killed at the hard time limit): marked afterwards.
        INTERRUPTED = "interrupted", _("Afgebroken")

    RUNNING = (Status.QUEUED, Status.CHECKING, Status.IMPORTING)
    FINISHED = (Status.DONE, Status.FAILED, Status.INTERRUPTED)

    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.QUEUED)
    # Whose batch this is: the uploader's organisation and the role they uploaded in. Only members holding that
    # role in that organisation see and confirm it.
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("rol"), max_length=20)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("geüpload door"), on_delete=models.PROTECT, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bevestigd door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    file_name = models.CharField(_("bestandsnaam"), max_length=200)
    file_size = models.PositiveIntegerField(_("grootte (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    header = models.JSONField(_("kolommen"), default=list)
    rows = models.JSONField(_("rijen zoals gelezen"), default=list)
    # Per row: {"row": n, "outcome": new|update|unchanged|error, "key": "...", "errors": [{"column", "message"}]}.
    outcomes = models.JSONField(_("uitkomst per rij"), default=list)
    # Errors of the whole file (unknown columns, too many rows), in Dutch.
    file_errors = models.JSONField(_("fouten in het bestand"), default=list)
    counts = models.JSONField(_("aantallen"), default=dict)
    total_rows = models.PositiveIntegerField(_("aantal rijen"), default=0)
    error = models.TextField(_("fout"), blank=True)
    created_at = models.DateTimeField(_("geüpload op"), auto_now_add=True)
    started_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["organisation", "kind", "-created_at"], name="importbatch_org_kind"),
            models.Index(
                fields=["started_at"],
                name="importbatch_running",
                condition=models.Q(status__in=["queued", "checking", "importing"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def has_errors(self) -> bool:
        return bool(self.file_errors) or bool(self.counts.get("error"))

    @property
    def may_confirm(self) -> bool:
        return self.status == self.Status.READY and not self.has_errors and self.total_rows > 0
