"""The form of the progress report page."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dates import MONTHS as MONTH_NAMES
from django.utils.translation import gettext_lazy as _

from regions.models import Region

MONTHS = list(MONTH_NAMES.items())  # 1 → januari … 12 → december (translated lazily)


class ReportForm(forms.Form):
    """Which progress report to download: region, year, an optional period of months, and suppression."""

    FORMATS = [
        ("xlsx", _("Excel (XLSX)")),
        ("pdf", _("PDF")),
        ("html", _("Toegankelijke webpagina (HTML)")),
        ("csv-Contingent", _("CSV contingent")),
        ("csv-Gemeenten", _("CSV contingent per gemeente")),
        ("csv-Spreiding", _("CSV spreiding per wijk")),
        ("csv-Complexen", _("CSV spreiding per complex")),
        ("csv-Doorstroom", _("CSV doorstroom")),
        ("csv-Prognose", _("CSV prognose")),
    ]

    region = forms.ModelChoiceField(label=_("Regio"), queryset=Region.objects.none(), empty_label=None)
    year = forms.TypedChoiceField(label=_("Jaar"), coerce=int)
    first_month = forms.TypedChoiceField(label=_("Vanaf maand"), choices=MONTHS, coerce=int, initial=1)
    last_month = forms.TypedChoiceField(label=_("Tot en met maand"), choices=MONTHS, coerce=int, initial=12)
    suppress = forms.BooleanField(
        label=_("Kleine aantallen afschermen (<5), voor rapportages buiten de regio"), required=False
    )
    separator = forms.ChoiceField(
        label=_("Scheidingsteken CSV"),
        choices=[(";", _("puntkomma (Nederlandse Excel)")), (",", _("komma"))],
        initial=";",
    )
    format = forms.ChoiceField(choices=FORMATS, required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, regions: QuerySet[Region], stored_years: set[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["region"]).queryset = regions
        this_year = timezone.localdate().year
        # This year and last (the nightly scope), and any earlier year whose figures are still stored.
        years = sorted(set(stored_years) | {this_year, this_year - 1}, reverse=True)
        cast(forms.ChoiceField, self.fields["year"]).choices = [(year, year) for year in years]
        self.fields["year"].initial = this_year

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        first, last = cleaned.get("first_month"), cleaned.get("last_month")
        if first and last and first > last:
            self.add_error("last_month", _("De laatste maand ligt vóór de eerste maand."))
        elif first and last and cleaned.get("suppress") and (first % 3 != 1 or last % 3 != 0):
            # Two reports over runs of months that differ by one month would give that month's hidden counts.
            self.add_error(
                "first_month",
                _(
                    "Met afgeschermde kleine aantallen gaat een rapportage over hele kwartalen: kies als eerste maand "
                    "januari, april, juli of oktober en als laatste maand maart, juni, september of december."
                ),
            )
        return cleaned
