"""django-filter filtersets for the homes and clients lists. Choice lists are scoped to what the user may see."""

import copy
from datetime import timedelta

import django_filters
from django import forms
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from placements.forms import DateInput
from placements.models import Dwelling, OutflowCase, Placement
from placements.widgets import FastSelect
from regions.access import access_for
from regions.models import Municipality, Organisation


def _region_ids(request) -> set[int]:
    return access_for(request.user if request else None).region_ids()


def _municipalities(request):
    return Municipality.objects.filter(region_id__in=_region_ids(request)).order_by("name")


def _organisations(kind):
    def queryset(request):
        return Organisation.objects.filter(kind=kind, regions__in=_region_ids(request)).distinct().order_by("name")

    return queryset


class DateRangeWidget(django_filters.widgets.DateRangeWidget):
    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.widgets = (DateInput(), DateInput())


class ListFilterSet(django_filters.FilterSet):
    """Validates and applies only the filters the query names (`status`, or `available_from_after` for a range).
    Most list views ask for one or two, or none (a page number, a sort order), and building and validating a form
    of all fields was ≈ 8 % of a list page (`bench/cpu.py --profile`). Filters not named would not filter anyway;
    a value that does not validate is refused as before. `form`, the full form, is still what the page shows."""

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        # django-filter's own __init__, except that the filters are copied one level deep instead of deep-copied
        # (the deep copy of every filter's choices and labels was 4 % of a list page). What a filter changes while
        # serving a request is made the copy's own: `extra` (ModelChoiceFilter puts the request's queryset there),
        # the method binding (a FilterMethod points at its filter), the cached form field, model and parent.
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {}
        for name, original in self.base_filters.items():
            filter_ = copy.copy(original)
            filter_.__dict__.pop("_field", None)
            filter_.extra = dict(original.extra)
            if original.method is not None:
                filter_.method = original.method  # binds a FilterMethod to this copy
            filter_.model, filter_.parent = queryset.model, self
            self.filters[name] = filter_

    def _named(self) -> dict:
        keys = list(self.data)
        return {
            name: filter_
            for name, filter_ in self.filters.items()
            if any(key == name or key.startswith(f"{name}_") for key in keys)
        }

    @property
    def checked_form(self):
        if not hasattr(self, "_checked_form"):
            fields = {name: filter_.field for name, filter_ in self._named().items()}
            form_class = type(f"{type(self).__name__}CheckForm", (self._meta.form,), fields)
            self._checked_form = form_class(self.data, prefix=self.form_prefix)
        return self._checked_form

    def is_valid(self):
        return self.is_bound and self.checked_form.is_valid()

    @property
    def errors(self):
        return self.checked_form.errors

    def filter_queryset(self, queryset):
        for name, value in self.checked_form.cleaned_data.items():
            queryset = self.filters[name].filter(queryset, value)
        return queryset


class DwellingFilter(ListFilterSet):
    q = django_filters.CharFilter(label=_("Zoeken (adres, postcode, complex)"), method="search")
    municipality = django_filters.ModelChoiceFilter(
        widget=FastSelect, label=_("Gemeente"), field_name="neighbourhood__municipality", queryset=_municipalities
    )
    # A text filter, not a list: a large region has thousands of neighbourhoods.
    neighbourhood = django_filters.CharFilter(label=_("Wijk of buurt (naam of CBS-code)"), method="in_neighbourhood")
    corporation = django_filters.ModelChoiceFilter(
        widget=FastSelect, label=_("Corporatie"), queryset=_organisations(Organisation.Kind.CORPORATION)
    )
    status = django_filters.ChoiceFilter(widget=FastSelect, label=_("Status"), choices=Dwelling.Status.choices)
    kind = django_filters.ChoiceFilter(widget=FastSelect, label=_("Soort woning"), choices=Dwelling.Kind.choices)
    rooms = django_filters.NumberFilter(label=_("Minimaal aantal kamers"), field_name="rooms", lookup_expr="gte")
    available_from = django_filters.DateFromToRangeFilter(
        label=_("Beschikbaar vanaf (van – tot)"), widget=DateRangeWidget
    )
    order = django_filters.OrderingFilter(
        label=_("Sorteren"),
        fields=[
            ("available_from", "available_from"),
            ("postcode", "postcode"),
            ("neighbourhood__name", "neighbourhood"),
            ("corporation__name", "corporation"),
            ("rooms", "rooms"),
            ("rent_cents", "rent"),
            ("status", "status"),
        ],
    )

    class Meta:
        model = Dwelling
        fields = []

    def in_neighbourhood(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(neighbourhood__name__icontains=value) | Q(neighbourhood__cbs_code__iexact=value))

    def search(self, queryset, name, value):
        value = value.strip()
        compact = value.replace(" ", "").upper()
        postcode = f"{compact[:4]} {compact[4:]}" if len(compact) == 6 else compact
        return queryset.filter(
            Q(street__icontains=value)
            | Q(postcode__startswith=postcode)
            | Q(building_code__icontains=value)
            | Q(place__icontains=value)
        )


class OutflowCaseFilter(ListFilterSet):
    q = django_filters.CharFilter(label=_("Referentie"), field_name="reference", lookup_expr="icontains")
    care_provider = django_filters.ModelChoiceFilter(
        widget=FastSelect, label=_("Zorgaanbieder"), queryset=_organisations(Organisation.Kind.CARE_PROVIDER)
    )
    status = django_filters.ChoiceFilter(widget=FastSelect, label=_("Status"), choices=OutflowCase.Status.choices)
    origin = django_filters.ChoiceFilter(widget=FastSelect, label=_("Herkomst"), choices=OutflowCase.Origin.choices)
    target_group = django_filters.ChoiceFilter(
        widget=FastSelect, label=_("Doelgroep"), choices=OutflowCase.TargetGroup.choices
    )
    support_level = django_filters.ChoiceFilter(
        widget=FastSelect, label=_("Begeleiding"), choices=OutflowCase.SupportLevel.choices
    )
    urgency = django_filters.ChoiceFilter(widget=FastSelect, label=_("Urgentie"), choices=OutflowCase.Urgency.choices)
    ready_on = django_filters.DateFromToRangeFilter(label=_("Uitstroomklaar sinds (van – tot)"), widget=DateRangeWidget)
    waiting_days = django_filters.NumberFilter(
        label=_("Wacht langer dan (dagen)"),
        method="waiting_longer_than",
        widget=forms.NumberInput(attrs={"min": 0}),
    )
    order = django_filters.OrderingFilter(
        label=_("Sorteren"),
        fields=[
            ("ready_on", "ready_on"),
            ("reference", "reference"),
            ("household_size", "household_size"),
            ("status", "status"),
            ("urgency", "urgency"),
        ],
    )

    class Meta:
        model = OutflowCase
        fields = []

    def waiting_longer_than(self, queryset, name, value):
        if value is None or value < 0:
            return queryset
        return queryset.filter(
            status__in=[OutflowCase.Status.WAITING, OutflowCase.Status.MATCHED],
            ready_on__lt=timezone.localdate() - timedelta(days=int(value)),
        )


class PlacementFilter(ListFilterSet):
    q = django_filters.CharFilter(label=_("Referentie cliënt"), field_name="case__reference", lookup_expr="icontains")
    status = django_filters.ChoiceFilter(widget=FastSelect, label=_("Status"), choices=Placement.Status.choices)
    corporation = django_filters.ModelChoiceFilter(
        widget=FastSelect,
        label=_("Corporatie"),
        field_name="dwelling__corporation",
        queryset=_organisations(Organisation.Kind.CORPORATION),
    )
    older_than = django_filters.NumberFilter(
        label=_("Voorgedragen langer dan (dagen) geleden"),
        method="proposed_longer_ago",
        widget=forms.NumberInput(attrs={"min": 0}),
    )
    order = django_filters.OrderingFilter(
        label=_("Sorteren"), fields=[("proposed_at", "proposed_at"), ("status", "status")]
    )

    class Meta:
        model = Placement
        fields = []

    def proposed_longer_ago(self, queryset, name, value):
        if value is None or value < 0:
            return queryset
        return queryset.filter(proposed_at__lt=timezone.now() - timedelta(days=int(value)))
