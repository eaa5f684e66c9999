"""The filters of the placements list (django-filter)."""

from datetime import timedelta

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from placements.lists.filters import DaysFilter, ListFilterSet, StableOrderingFilter, organisations_in_scope
from placements.lists.widgets import FastSelect
from placements.models import Placement
from regions.models import Organisation


class PlacementFilter(ListFilterSet):
    q = django_filters.CharFilter(label=_("Referentie cliënt"), field_name="case__reference", lookup_expr="icontains")
    status = django_filters.ChoiceFilter(widget=FastSelect, label=_("Status"), choices=Placement.Status.choices)
    corporation = django_filters.ModelChoiceFilter(
        widget=FastSelect,
        label=_("Corporatie"),
        field_name="dwelling__corporation",
        queryset=organisations_in_scope(Organisation.Kind.CORPORATION),
    )
    older_than = DaysFilter(label=_("Voorgedragen langer dan (dagen) geleden"), method="proposed_longer_ago")
    order = StableOrderingFilter(label=_("Sorteren"), fields=[("proposed_at", "proposed_at"), ("status", "status")])

    class Meta:
        model = Placement
        fields: list[str] = []

    def proposed_longer_ago(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(proposed_at__lt=timezone.now() - timedelta(days=int(value)))
