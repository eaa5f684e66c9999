"""Forms of the proposal and decision steps."""

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from placements.lists.widgets import DateInput
from placements.matching.services import KEYS_PLANNED_MAX_DAYS
from placements.models import Placement
from placements.validators import refuse_control_characters

# Every free text of these forms is a note of one or more lines: line breaks and tabs stay, control characters
# (NUL among them) are refused with a message instead of being dropped.
NOTE: dict[str, Any] = {"required": False, "validators": [refuse_control_characters]}
# Who reads a note about the client (regions.need_to_know): said where it is written.
READ_BY = _("Alleen de regisseur en de zorgaanbieder van de cliënt lezen deze toelichting.")


class ProposeForm(forms.Form):
    override_reason = forms.CharField(
        label=_("Reden om van de spreidingsregel af te wijken"),
        **NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=format_lazy(
            "{} {}", _("Alleen nodig als de voordracht een blokkerende spreidingsregel overschrijdt."), READ_BY
        ),
    )


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reden"), choices=Placement.DeclineReason.choices)
    note = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 3}), help_text=READ_BY, **NOTE)

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("reason") == Placement.DeclineReason.OTHER and not (cleaned.get("note") or "").strip():
            self.add_error("note", _("Licht de reden 'anders' toe."))
        return cleaned


class PlanKeysForm(forms.Form):
    keys_planned_on = forms.DateField(label=_("Geplande datum sleuteloverdracht"), widget=DateInput())

    def clean_keys_planned_on(self) -> date:
        """The service's bounds, checked here too so that a page and the API name the field (400, not 409)."""
        on = self.cleaned_data["keys_planned_on"]
        today = timezone.localdate()
        if on < today:
            raise forms.ValidationError(_("Een geplande sleuteloverdracht kan niet in het verleden liggen."))
        if on > today + timedelta(days=KEYS_PLANNED_MAX_DAYS):
            raise forms.ValidationError(_("Plan de sleuteloverdracht binnen een jaar vanaf vandaag."))
        return on


class KeysForm(forms.Form):
    moved_in_on = forms.DateField(label=_("Datum sleuteloverdracht"), widget=DateInput(), initial=timezone.localdate)
    support_arrangement = forms.CharField(
        label=_("Afspraken over begeleiding na de verhuizing"),
        **NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    early_reason = forms.CharField(
        label=_("Reden om vóór de datum uitstroomklaar te verhuizen (alleen de regisseur)"),
        **NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=READ_BY,
    )


class CancelForm(forms.Form):
    note = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 2}), help_text=READ_BY, **NOTE)


class EndForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=[("aftercare_ended", _("Nazorg afgerond")), ("relapse", _("Terugval naar opvang of beschermd wonen"))],
    )
    on = forms.DateField(label=_("Datum"), widget=DateInput(), initial=timezone.localdate)


class RelapseForm(forms.Form):
    on = forms.DateField(label=_("Datum terugval"), widget=DateInput(), initial=timezone.localdate)
