"""The filters of the homes and clients lists (django-filter); choice lists are scoped to what the user may see."""

import re
from datetime import timedelta

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from placements.lists.filters import (
    DateRangeWidget,
    DaysFilter,
    ListFilterSet,
    StableOrderingFilter,
    municipalities_in_scope,
    organisations_in_scope,
)
from placements.lists.widgets import FastSelect
from placements.models import Dwelling, OutflowCase
from regions.models import Organisation


class DwellingFilter(ListFilterSet):
    q = django_filters.CharFilter(label=_("Zoeken (adres, postcode, complex)"), method="search")
    municipality = django_filters.ModelChoiceFilter(
        widget=FastSelect,
        label=_("Gemeente"),
        field_name="neighbourhood__municipality",
        queryset=municipalities_in_scope,
    )
    # A text filter, not a list: a large region has thousands of neighbourhoods.
    neighbourhood = django_filters.CharFilter(label=_("Wijk of buurt (naam of CBS-code)"), method="in_neighbourhood")
    corporation = django_filters.ModelChoiceFilter(
        widget=FastSelect, label=_("Corporatie"), queryset=organisations_in_scope(Organisation.Kind.CORPORATION)
    )
    status = django_filters.ChoiceFilter(widget=FastSelect, label=_("Status"), choices=Dwelling.Status.choices)
    kind = django_filters.ChoiceFilter(widget=FastSelect, label=_("Soort woning"), choices=Dwelling.Kind.choices)
    rooms = django_filters.NumberFilter(
        label=_("Minimaal aantal kamers"), field_name="rooms", lookup_expr="gte", min_value=0, max_value=12
    )
    available_from = django_filters.DateFromToRangeFilter(
        label=_("Beschikbaar vanaf (van – tot)"), widget=DateRangeWidget
    )
    order = StableOrderingFilter(
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
        fields: list[str] = []

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
            | address_search(value)
        )


# "1234AB", "1234 ab 4a" and "Kerkbuurt 4", "Kerkbuurt 4a", "Kerkbuurt 4-A": a postcode or a street, then a house
# number (at most 6 digits: the column is an integer) with an optional addition.
POSTCODE_SEARCH = re.compile(r"^([1-9][0-9]{3})\s*([A-Za-z]{2})(?:[\s,]+([0-9]{1,6})\s*-?\s*([A-Za-z0-9]{0,10}))?$")
STREET_SEARCH = re.compile(r"^(.*?[^\d\s,])[\s,]+([0-9]{1,6})\s*-?\s*([A-Za-z0-9]{0,10})$")


def address_search(value: str) -> Q:
    """The homes at the address typed as postcode [number[addition]] or street number[addition]; without an
    addition every addition of that number. Matches nothing (an always-false Q) when `value` is neither."""
    if match := POSTCODE_SEARCH.match(value):
        where = Q(postcode=f"{match.group(1)} {match.group(2).upper()}")
        number, addition = match.group(3), match.group(4)
    elif match := STREET_SEARCH.match(value):
        where = Q(street__icontains=match.group(1).strip())
        number, addition = match.group(2), match.group(3)
    else:
        return Q(pk__in=[])
    if number:
        where &= Q(house_number=int(number))
    if addition:
        where &= Q(house_number_addition__iexact=addition)
    return where


class OutflowCaseFilter(ListFilterSet):
    q = django_filters.CharFilter(label=_("Referentie"), field_name="reference", lookup_expr="icontains")
    care_provider = django_filters.ModelChoiceFilter(
        widget=FastSelect, label=_("Zorgaanbieder"), queryset=organisations_in_scope(Organisation.Kind.CARE_PROVIDER)
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
    waiting_days = DaysFilter(label=_("Wacht langer dan (dagen)"), method="waiting_longer_than")
    order = StableOrderingFilter(
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
        fields: list[str] = []

    def waiting_longer_than(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(
            status__in=[OutflowCase.Status.WAITING, OutflowCase.Status.MATCHED],
            ready_on__lt=timezone.localdate() - timedelta(days=int(value)),
        )
