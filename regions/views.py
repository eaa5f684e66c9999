"""The coordinators' pages for their region's agreements and dispersion rules (DESIGN.md, "Working together").

Coordinators of a region read and change its agreements and rules; managers of a region read them (they report on
the figures these set). Anyone else gets 403; another region's record is 404 (`regions.access`). Nothing is deleted
here: an agreement made by mistake is set to 0 homes, so its history stays readable (the administrator can delete).

What an agreement brought about (realised of quota, pro rata) is stored by the figures of the placements app, which
this app does not import: the templates load it by name (`{% load agreement_effects %}`)."""

from typing import TYPE_CHECKING, Any

import django_filters
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DetailView, UpdateView
from django_filters.views import FilterView

from regions.access import AGREEMENT_EDITORS, AGREEMENT_READERS, RoleRequiredMixin, agreement_region_ids
from regions.forms import (
    AgreementForm,
    DispersionRuleForm,
    SplitExceeded,
    save_agreement,
    saved_before,
    split_formset,
)
from regions.history import history_of
from regions.models import Agreement, DispersionRule, Region
from regions.models.common import FIRST_YEAR, LAST_YEAR

if TYPE_CHECKING:
    from django.views.generic.base import TemplateResponseMixin
    from django.views.generic.edit import ModelFormMixin, ProcessFormView
    from django_stubs_ext import StrOrPromise

    # The form mixins below are mixed into CreateView and UpdateView: checked as such, plain classes at run time.
    class _ModelFormView(TemplateResponseMixin, ModelFormMixin[Any, Any], ProcessFormView):
        object: Any  # the object saved (CreateView: None until then)
else:
    _ModelFormView = object

DUPLICATE = gettext_lazy("Er is al een afspraak voor deze corporatie in deze regio en dit jaar.")


def default_years() -> list[int]:
    """The years a list shows when no year is chosen: this year and the next, the ones a coordinator works on."""
    this_year = timezone.localdate().year
    return [this_year, this_year + 1]


class YearFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(
        label=gettext_lazy("Jaar"), min_value=FIRST_YEAR, max_value=LAST_YEAR, decimal_places=0
    )
    region = django_filters.ModelChoiceFilter(label=gettext_lazy("Regio"), queryset=Region.objects.none())

    def __init__(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, request=request, **kwargs)
        regions = self.filters["region"]
        regions.queryset = Region.objects.filter(pk__in=agreement_region_ids(request.user))
        self.form.fields["region"].queryset = regions.queryset

    @property
    def qs(self) -> QuerySet:
        rows = super().qs
        if not self.is_bound or (self.form.is_valid() and self.form.cleaned_data.get("year") is None):
            rows = self.without_year(rows)
        return rows

    def without_year(self, rows: QuerySet) -> QuerySet:
        return rows.filter(year__in=default_years())


class AgreementFilter(YearFilter):
    class Meta:
        model = Agreement
        fields = ["year", "region"]


class RuleFilter(YearFilter):
    class Meta:
        model = DispersionRule
        fields = ["year", "region"]

    def without_year(self, rows: QuerySet) -> QuerySet:
        return rows.filter(Q(year__in=default_years()) | Q(year__isnull=True))  # with the standing rule


def repeated(request: HttpRequest, saved: Model) -> HttpResponseRedirect:
    """The answer to a create form sent again after it was saved: the saved record, and no second one."""
    messages.info(request, _("Dit was al precies zo vastgelegd; er is niets dubbel vastgelegd."))
    name = "regions:agreement_detail" if isinstance(saved, Agreement) else "regions:rule_detail"
    return HttpResponseRedirect(reverse(name, args=[saved.pk]))


# --- Agreements ----------------------------------------------------------------------------------------------


class AgreementReadMixin(RoleRequiredMixin):
    roles = AGREEMENT_READERS

    def get_queryset(self) -> QuerySet[Agreement]:
        return Agreement.objects.filter(region_id__in=agreement_region_ids(self.request.user)).select_related(
            "region", "corporation"
        )


class AgreementListView(AgreementReadMixin, FilterView):
    filterset_class = AgreementFilter
    template_name = "regions/agreement_list.html"
    context_object_name = "agreements"

    def get_queryset(self) -> QuerySet[Agreement]:
        return super().get_queryset().prefetch_related("municipality_quotas__municipality")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "may_edit": bool(agreement_region_ids(self.request.user, edit=True)),
            "default_years": default_years(),
        }


class AgreementDetailView(AgreementReadMixin, DetailView):
    template_name = "regions/agreement_detail.html"
    context_object_name = "agreement"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        agreement = self.object
        return {
            **super().get_context_data(**kwargs),
            "agreements": [agreement],  # for `with_effects`
            "split": list(agreement.municipality_quotas.select_related("municipality")),
            "history": history_of(agreement),
            "may_edit": agreement.region_id in agreement_region_ids(self.request.user, edit=True),
        }


class AgreementFormMixin(RoleRequiredMixin, _ModelFormView):
    """The agreement form with its split over municipalities, both validated and saved in one transaction."""

    roles = AGREEMENT_EDITORS
    form_class = AgreementForm
    template_name = "regions/agreement_form.html"
    success_message: "StrOrPromise" = ""

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if "split" not in context:
            context["split"] = split_formset(user=self.request.user, agreement=context["form"].instance)
        return context

    def form_invalid(self, form: AgreementForm, split: Any = None) -> Any:
        split = split or split_formset(user=self.request.user, agreement=form.instance, data=self.request.POST)
        if (saved := saved_before(form, split)) is not None:
            return repeated(self.request, saved)
        split.is_valid()  # its errors are shown too, whatever the agreement form's own
        return self.render_to_response(self.get_context_data(form=form, split=split))

    def forget_unsaved(self, form: AgreementForm) -> None:
        """After a rolled-back save: a new agreement is new again (its form shows as the create form)."""
        if self.object is None:
            form.instance.pk, form.instance._state.adding = None, True

    def form_valid(self, form: AgreementForm) -> Any:
        # Built after the form's validation: the split is checked against the quota just typed.
        split = split_formset(user=self.request.user, agreement=form.instance, data=self.request.POST)
        if not split.is_valid():
            return self.form_invalid(form, split)
        try:
            with transaction.atomic():
                self.object = save_agreement(form, split)
        except SplitExceeded as exceeded:
            self.forget_unsaved(form)
            split.add_non_form_error(str(exceeded))
            return self.form_invalid(form, split)
        except IntegrityError:  # the same agreement saved by someone else a moment ago
            self.forget_unsaved(form)
            form.add_error(None, str(DUPLICATE))
            return self.form_invalid(form, split)
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(reverse("regions:agreement_detail", args=[self.object.pk]))


class AgreementCreateView(AgreementFormMixin, CreateView):
    success_message = gettext_lazy("De afspraak is vastgelegd.")

    def get_initial(self) -> dict[str, Any]:
        year = self.request.GET.get("jaar", "")
        return {"year": int(year) if year.isdigit() else timezone.localdate().year + 1}


class AgreementUpdateView(AgreementFormMixin, UpdateView):
    context_object_name = "agreement"
    success_message = gettext_lazy("De wijzigingen zijn opgeslagen.")

    def get_queryset(self) -> QuerySet[Agreement]:
        return Agreement.objects.filter(region_id__in=agreement_region_ids(self.request.user, edit=True))


# --- Dispersion rules ----------------------------------------------------------------------------------------


class RuleReadMixin(RoleRequiredMixin):
    roles = AGREEMENT_READERS

    def get_queryset(self) -> QuerySet[DispersionRule]:
        return DispersionRule.objects.filter(region_id__in=agreement_region_ids(self.request.user)).select_related(
            "region"
        )


class RuleListView(RuleReadMixin, FilterView):
    filterset_class = RuleFilter
    template_name = "regions/rule_list.html"
    context_object_name = "rules"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "may_edit": bool(agreement_region_ids(self.request.user, edit=True)),
            "default_years": default_years(),
        }


class RuleDetailView(RuleReadMixin, DetailView):
    template_name = "regions/rule_detail.html"
    context_object_name = "rule"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "history": history_of(self.object),
            "may_edit": self.object.region_id in agreement_region_ids(self.request.user, edit=True),
        }


class RuleFormMixin(RoleRequiredMixin, _ModelFormView):
    roles = AGREEMENT_EDITORS
    form_class = DispersionRuleForm
    template_name = "regions/rule_form.html"
    success_message: "StrOrPromise" = ""

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_invalid(self, form: DispersionRuleForm) -> Any:
        if (saved := saved_before(form)) is not None:
            return repeated(self.request, saved)
        return super().form_invalid(form)

    def form_valid(self, form: DispersionRuleForm) -> Any:
        try:
            with transaction.atomic():
                self.object = form.save()
        except IntegrityError:  # a rule for the same region and year saved by someone else a moment ago
            form.add_error(None, _("Deze regio heeft al een spreidingsregel voor dit jaar."))
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(reverse("regions:rule_detail", args=[self.object.pk]))


class RuleCreateView(RuleFormMixin, CreateView):
    success_message = gettext_lazy("De spreidingsregel is vastgelegd.")


class RuleUpdateView(RuleFormMixin, UpdateView):
    context_object_name = "rule"
    success_message = gettext_lazy("De wijzigingen zijn opgeslagen.")

    def get_queryset(self) -> QuerySet[DispersionRule]:
        return DispersionRule.objects.filter(region_id__in=agreement_region_ids(self.request.user, edit=True))
