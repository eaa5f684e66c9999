"""The coordinators' forms for their region's agreements (with the split over municipalities) and dispersion rules.

Edits go through `VersionedModelForm` (a stale form is refused with what changed meanwhile); the choices offered
are those of the regions the user coordinates (`regions.access.agreement_region_ids`), and the models' own
`clean` and constraints give the Dutch messages."""

from collections.abc import Collection
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Sum
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext as _

from regions.access import agreement_region_ids
from regions.editing import VersionedModelForm
from regions.models import Agreement, DispersionRule, Municipality, MunicipalityQuota, Organisation, Region

if TYPE_CHECKING:
    from regions.access import AnyUser


class AgreementForm(VersionedModelForm):
    """A corporation's quota in a region and year. Region and corporation are chosen once: a correction of either
    is a new agreement (the old one set to 0 homes keeps its history)."""

    class Meta:
        model = Agreement
        fields = ["region", "corporation", "year", "quota", "approaching_share", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, user: "AnyUser", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        region_ids = agreement_region_ids(user, edit=True)
        region_field = self.fields["region"]
        corporation_field = self.fields["corporation"]
        assert isinstance(region_field, forms.ModelChoiceField)
        assert isinstance(corporation_field, forms.ModelChoiceField)
        region_field.queryset = Region.objects.filter(pk__in=region_ids)
        # Corporations of any of the user's regions; whether it works in the chosen one is the model's check.
        corporation_field.queryset = Organisation.objects.filter(
            kind=Organisation.Kind.CORPORATION, regions__in=region_ids
        ).distinct()
        if self.instance.pk:
            region_field.disabled = corporation_field.disabled = True
        elif len(region_ids) == 1:
            self.initial.setdefault("region", next(iter(region_ids)))

    def editable(self) -> models.QuerySet:
        return Agreement.objects.filter(region_id__in=agreement_region_ids(self.user, edit=True))


class MunicipalityQuotaForm(VersionedModelForm):
    class Meta:
        model = MunicipalityQuota
        fields = ["municipality", "quota"]

    def __init__(self, *args: Any, user: "AnyUser", region_ids: Collection[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        field = self.fields["municipality"]
        assert isinstance(field, forms.ModelChoiceField)
        # Of the user's regions, so that a municipality of the wrong one is named as such (SplitFormSet.clean).
        field.queryset = Municipality.objects.filter(region_id__in=region_ids).select_related("region")
        self.fields["quota"].required = False  # an empty row is no row; a row with a municipality needs a number

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("municipality") and cleaned.get("quota") is None:
            self.add_error("quota", _("Vul het aantal woningen voor deze gemeente in."))
        return cleaned

    def editable(self) -> models.QuerySet:
        return MunicipalityQuota.objects.filter(agreement__region_id__in=agreement_region_ids(self.user, edit=True))


class SplitFormSet(BaseInlineFormSet):
    """The split over municipalities stays inside the agreement's region and never exceeds its quota."""

    _non_form_errors: Any  # BaseFormSet's, set by full_clean

    def add_non_form_error(self, message: str) -> None:
        """An error about the whole split found after validation (the database's check when saving)."""
        self._non_form_errors = self.error_class([*self.non_form_errors(), message])

    def clean(self) -> None:
        super().clean()
        agreement = self.instance
        total = 0
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            municipality = form.cleaned_data.get("municipality")
            if municipality and agreement.region_id and municipality.region_id != agreement.region_id:
                form.add_error("municipality", _("Deze gemeente ligt niet in de regio van de afspraak."))
            total += form.cleaned_data.get("quota") or 0
        if agreement.quota is not None and total > agreement.quota:
            raise ValidationError(split_too_large(total, agreement.quota), code="split_too_large")


def split_too_large(total: int, quota: int) -> str:
    return _("De verdeling over gemeenten (%(total)s) is groter dan het contingent (%(quota)s).") % {
        "total": total,
        "quota": quota,
    }


SplitFormSetFactory = inlineformset_factory(
    Agreement,
    MunicipalityQuota,
    form=MunicipalityQuotaForm,
    formset=SplitFormSet,
    fields=["municipality", "quota"],
    extra=2,
    can_delete=True,
)


def split_formset(
    *, user: "AnyUser", agreement: Agreement, data: Any = None, region_ids: Collection[int] | None = None
) -> SplitFormSet:
    """The split of `agreement` as a formset; its municipalities are those of the agreement's region, or of the
    user's regions while the agreement has none yet."""
    if region_ids is None:
        region_ids = [agreement.region_id] if agreement.pk else agreement_region_ids(user, edit=True)
    formset = SplitFormSetFactory(
        data, instance=agreement, prefix="verdeling", form_kwargs={"user": user, "region_ids": region_ids}
    )
    return cast(SplitFormSet, formset)


class SplitExceeded(Exception):
    pass


def save_agreement(form: AgreementForm, split: SplitFormSet) -> Agreement:
    """Save an agreement and its split in one transaction. The sum is checked again in the database after the
    write, under the agreement's row lock: two people who each add a municipality at once cannot together push
    the split over the quota (the later one gets `SplitExceeded`, and nothing of theirs is saved)."""
    with transaction.atomic():
        agreement = form.save()
        Agreement.objects.select_for_update().filter(pk=agreement.pk).first()
        split.instance = agreement
        split.save()
        total = MunicipalityQuota.objects.filter(agreement=agreement).aggregate(total=Sum("quota"))["total"] or 0
        if total > agreement.quota:
            raise SplitExceeded(split_too_large(total, agreement.quota))
    return agreement


def saved_before(form: VersionedModelForm, split: SplitFormSet | None = None) -> models.Model | None:
    """The record exactly as this refused create form describes it, when one is saved already: the form was sent
    twice (a double click, the back button), which is no second record and no error. None when the form has an
    error of a field, or any value (the split included) differs from the saved record's."""
    if form.instance.pk or any(name in form.errors for name in form.fields):
        return None
    values = {name: form.cleaned_data.get(name) for name in form.editable_names()}
    saved = form.editable().filter(**values).first()
    if saved is None or split is None:
        return saved
    if not split.is_valid():
        return None
    typed = {
        (row.cleaned_data["municipality"].pk, row.cleaned_data["quota"])
        for row in split.forms
        if row.cleaned_data.get("municipality") and not row.cleaned_data.get("DELETE")
    }
    return saved if typed == set(saved.municipality_quotas.values_list("municipality_id", "quota")) else None


class DispersionRuleForm(VersionedModelForm):
    class Meta:
        model = DispersionRule
        fields = [
            "region",
            "year",
            "max_new_per_neighbourhood",
            "max_per_thousand_stock",
            "max_active_per_building",
            "mode",
        ]

    def __init__(self, *args: Any, user: "AnyUser", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        region_ids = agreement_region_ids(user, edit=True)
        region_field = self.fields["region"]
        assert isinstance(region_field, forms.ModelChoiceField)
        region_field.queryset = Region.objects.filter(pk__in=region_ids)
        region_field.empty_label = None if len(region_ids) == 1 else region_field.empty_label
        if self.instance.pk:
            region_field.disabled = True
        else:
            self.initial.setdefault("year", timezone.localdate().year + 1)

    def editable(self) -> models.QuerySet:
        return DispersionRule.objects.filter(region_id__in=agreement_region_ids(self.user, edit=True))
