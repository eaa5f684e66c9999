"""The parties: organisations (municipality, corporation, care provider) and the memberships that give a user a
role in one. All access is decided from memberships (`regions.access`)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from regions.models.geography import Municipality, Region


class Organisation(models.Model):
    """A party in the covenant: a municipality, a housing corporation or a care provider."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Gemeente")
        CORPORATION = "corporation", _("Woningcorporatie")
        CARE_PROVIDER = "care_provider", _("Zorgaanbieder")

    name = models.CharField(_("naam"), max_length=150, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    regions = models.ManyToManyField(Region, verbose_name=_("werkt in regio's"), related_name="organisations")
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Alleen voor een organisatie van de soort gemeente: welke gemeente het is."),
    )
    contact_email = models.EmailField(
        _("contactadres"), blank=True, help_text=_("Algemeen e-mailadres voor meldingen, zoals herinneringen.")
    )

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["municipality", "corporation", "care_provider"]), name="organisation_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(municipality__isnull=True) | Q(kind="municipality"),
                name="organisation_municipality_only_for_municipalities",
                violation_error_message=_(
                    "Alleen een organisatie van de soort gemeente kan aan een gemeente gekoppeld zijn."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's role in an organisation. All access in the application is decided from these rows."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Regisseur")
        CORPORATION_STAFF = "corporation_staff", _("Medewerker woningcorporatie")
        CARE_WORKER = "care_worker", _("Begeleider")
        MANAGER = "manager", _("Manager")
        ORG_ADMIN = "org_admin", _("Beheerder van de organisatie")

    # Which kind of organisation each role belongs to; a manager and an organisation administrator can sit in any.
    ROLE_KINDS: dict[str, set[str]] = {
        Role.COORDINATOR: {Organisation.Kind.MUNICIPALITY},
        Role.CORPORATION_STAFF: {Organisation.Kind.CORPORATION},
        Role.CARE_WORKER: {Organisation.Kind.CARE_PROVIDER},
        Role.MANAGER: set(Organisation.Kind),
        Role.ORG_ADMIN: set(Organisation.Kind),
    }

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gebruiker"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                name="membership_unique_role",
                violation_error_message=_("Deze gebruiker heeft deze rol al bij deze organisatie."),
            ),
            models.CheckConstraint(
                condition=Q(role__in=["coordinator", "corporation_staff", "care_worker", "manager", "org_admin"]),
                name="membership_role_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} bij {self.organisation}"

    def clean(self) -> None:
        if self.organisation_id and self.role and self.organisation.kind not in self.ROLE_KINDS[self.role]:
            raise ValidationError(
                {
                    "role": _("De rol %(role)s past niet bij een %(kind)s.")
                    % {"role": self.get_role_display(), "kind": self.organisation.get_kind_display().lower()}
                }
            )
