from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from regions.editing import VersionedAdminMixin, VersionedModelForm
from regions.forms import SplitFormSet
from regions.models import (
    Agreement,
    DispersionRule,
    Membership,
    Municipality,
    MunicipalityQuota,
    Neighbourhood,
    Organisation,
    Region,
)


class LabelledTabularInline(admin.TabularInline):
    """A tabular inline whose fields have an accessible name: Django's table puts the label in the column header
    only, so a screen reader in a cell hears an unnamed field (axe: label, select-name). Each widget gets its
    field's label as aria-label."""

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None:
            widget: Any = getattr(formfield.widget, "widget", formfield.widget)  # inside the related-object wrapper
            widget.attrs.setdefault("aria-label", str(formfield.label))
        return formfield

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        formset = super().get_formset(request, obj, **kwargs)

        class Labelled(formset):  # type: ignore[misc, valid-type]
            def add_fields(self, form: forms.Form, index: int | None) -> None:
                super().add_fields(form, index)
                if "DELETE" in form.fields:  # the formset's own box, not a model field
                    form.fields["DELETE"].widget.attrs.setdefault("aria-label", str(form.fields["DELETE"].label))

        return Labelled


class MunicipalityInline(LabelledTabularInline):
    model = Municipality
    fields = ["cbs_code", "name"]
    extra = 0
    show_change_link = True


class DispersionRuleInline(LabelledTabularInline):
    model = DispersionRule
    form = VersionedModelForm
    extra = 0


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "centre_municipality"]
    list_select_related = ["centre_municipality"]
    search_fields = ["name", "code"]
    inlines = [MunicipalityInline, DispersionRuleInline]

    def get_form(
        self, request: HttpRequest, obj: Region | None = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm]:
        form = super().get_form(request, obj, change=change, **kwargs)
        field = form.base_fields.get("centre_municipality")
        if isinstance(field, forms.ModelChoiceField):
            # Only a municipality of this region can be its centre; a new region has none yet.
            field.queryset = Municipality.objects.filter(region=obj) if obj else Municipality.objects.none()
        return form


class NeighbourhoodInline(LabelledTabularInline):
    model = Neighbourhood
    fields = ["cbs_code", "name", "social_rent_stock", "stock_year"]
    extra = 0
    show_change_link = True


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "cbs_code", "region"]
    list_select_related = ["region"]
    list_filter = ["region"]
    search_fields = ["name", "cbs_code"]
    inlines = [NeighbourhoodInline]


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(admin.ModelAdmin):
    list_display = ["name", "cbs_code", "municipality", "social_rent_stock", "stock_year"]
    list_select_related = ["municipality"]
    list_filter = ["municipality__region", "municipality"]
    search_fields = ["name", "cbs_code", "municipality__name"]
    autocomplete_fields = ["municipality"]


class MembershipInline(LabelledTabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user", "organisation"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region_names"]
    list_filter = ["kind", "regions"]
    search_fields = ["name"]
    filter_horizontal = ["regions"]
    autocomplete_fields = ["municipality"]
    inlines = [MembershipInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("regions")

    @admin.display(description=_("regio's"))
    def region_names(self, obj: Organisation) -> str:
        return ", ".join(region.name for region in obj.regions.all())


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "created_at"]
    list_select_related = ["user", "organisation"]
    list_filter = ["role", "organisation__kind", "organisation"]
    search_fields = ["user__username", "user__email", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


class MunicipalityQuotaInline(LabelledTabularInline):
    model = MunicipalityQuota
    form = VersionedModelForm
    formset = SplitFormSet
    extra = 0
    autocomplete_fields = ["municipality"]


@admin.register(Agreement)
class AgreementAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = ["corporation", "region", "year", "quota", "approaching_share"]
    list_select_related = ["corporation", "region"]
    list_filter = ["year", "region", "corporation"]
    search_fields = ["corporation__name", "region__name"]
    autocomplete_fields = ["corporation"]
    inlines = [MunicipalityQuotaInline]


@admin.register(DispersionRule)
class DispersionRuleAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = [
        "region",
        "year",
        "max_new_per_neighbourhood",
        "max_per_thousand_stock",
        "max_active_per_building",
        "mode",
    ]
    list_select_related = ["region"]
    list_filter = ["region", "mode"]


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class WeerThuisUserAdmin(UserAdmin):
    """Django's user admin, with the user's memberships on the same page."""

    inlines = [MembershipInline]
