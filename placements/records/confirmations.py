"""What each step on a home or client that is hard to undo says before it is done ("Weet u het zeker?", see
placements.submitting.confirm): the decision, its consequences, and how to undo it where that is possible."""

from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from placements.models import Dwelling, OutflowCase
from placements.submitting.confirm import confirmation_page


def withdraw_dwelling(request: HttpRequest, dwelling: Dwelling) -> HttpResponse:
    return confirmation_page(
        request,
        what=_("%(address)s intrekken") % {"address": dwelling},
        consequences=[_("De woning is niet meer beschikbaar voor uitstroom en wordt niet meer voorgedragen.")],
        button=_("Ja, intrekken"),
        undo=_("Zolang het adres niet opnieuw is gereserveerd, kunt u de woning weer beschikbaar maken."),
        back_url=reverse("placements:dwelling_detail", args=[dwelling.pk]),
    )


def end_tenancy(request: HttpRequest, dwelling: Dwelling, *, on: date) -> HttpResponse:
    return confirmation_page(
        request,
        what=_("Einde van de huur van %(address)s vastleggen") % {"address": dwelling},
        consequences=[
            _("De huur is beëindigd op %(on)s; de woning blijft als verhuurd meetellen.")
            % {"on": date_format(on, "j F Y")},
            _("Het adres kan daarna opnieuw worden gereserveerd, als nieuwe woning."),
        ],
        button=_("Ja, einde huur vastleggen"),
        back_url=reverse("placements:dwelling_detail", args=[dwelling.pk]),
    )


def close_case(request: HttpRequest, case: OutflowCase, data: dict[str, Any]) -> HttpResponse:
    """For the close form's cleaned `data` (reason, closed_on). The caller logs the read of the client."""
    return confirmation_page(
        request,
        what=_("Cliënt %(reference)s afsluiten") % {"reference": case.reference},
        consequences=[
            _("Reden: %(reason)s, op %(on)s.")
            % {
                "reason": OutflowCase.ClosedReason(data["reason"]).label,
                "on": date_format(data["closed_on"], "j F Y"),
            },
            _("De cliënt staat niet meer op de wachtlijst en krijgt geen voordrachten meer."),
        ],
        button=_("Ja, afsluiten"),
        undo=_("U kunt de cliënt later weer op de wachtlijst zetten."),
        back_url=reverse("placements:case_detail", args=[case.pk]),
    )
