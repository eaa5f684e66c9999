"""The upload form of the import."""

from django import forms
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from placements.imports.reading import MAX_FILE_BYTES, MAX_ROWS


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand"),
        # Formatted when shown, in the reader's language (a % here would format once, at import, in Dutch).
        help_text=lazy(
            lambda: (
                _("CSV (gescheiden door ; of ,) of Excel (.xlsx); hoogstens %(rows)s rijen en %(mb)s MB.")
                % {"rows": number_format(MAX_ROWS, force_grouping=True), "mb": MAX_FILE_BYTES // (1024 * 1024)}
            ),
            str,
        )(),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt"}),
    )
