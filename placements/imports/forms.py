"""The upload form of the import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from placements.imports.reading import MAX_FILE_BYTES, MAX_ROWS


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_("CSV (gescheiden door ; of ,) of Excel (.xlsx); hoogstens %(rows)s rijen en %(mb)s MB.")
        % {"rows": f"{MAX_ROWS:,}".replace(",", "."), "mb": MAX_FILE_BYTES // (1024 * 1024)},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt"}),
    )
