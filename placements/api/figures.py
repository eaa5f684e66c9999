"""The stored figures of a region through the API, for the organisations whose managers read them on the dashboard
(regions.access.visible_regions with the coordinator's and manager's roles): quota, dispersion, buildings and flow
as the last successful run published them. Never computes a figure."""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, serializers

from placements.api.base import CursorPage, ETagMixin, problems
from placements.api.serializers import (
    ApiSerializer,
    BuildingFigureSerializer,
    DispersionFigureSerializer,
    FlowFigureSerializer,
    QuotaFigureSerializer,
    RegionSerializer,
)
from placements.models import BuildingFigure, DispersionFigure, FlowFigure, QuotaFigure
from regions.access import visible_regions
from regions.models import Membership, Region

Role = Membership.Role
FIGURE_ROLES: tuple[str, ...] = (Role.COORDINATOR, Role.MANAGER)


class YearSerializer(ApiSerializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100, required=False)


@extend_schema_view(
    get=extend_schema(summary="Regions whose figures you read", responses={200: RegionSerializer, **problems(403, 404)})
)
class RegionList(ETagMixin, generics.ListAPIView):
    roles = FIGURE_ROLES
    serializer_class = RegionSerializer
    pagination_class = CursorPage
    queryset = Region.objects.none()

    def get_queryset(self) -> QuerySet[Region]:
        return visible_regions(self.request.user, *FIGURE_ROLES)


class FigureList(ETagMixin, generics.ListAPIView):
    """Rows of one stored figure of a region and year (default: this year)."""

    roles = FIGURE_ROLES
    pagination_class = CursorPage
    related: tuple[str, ...] = ()

    def get_queryset(self) -> QuerySet[Any]:
        region = get_object_or_404(visible_regions(self.request.user, *FIGURE_ROLES), pk=self.kwargs["region_id"])
        query = YearSerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        year = query.validated_data.get("year") or timezone.localdate().year
        model = self.get_serializer_class().Meta.model
        rows = model.objects.filter(region=region).select_related(*self.related)
        return rows.filter(month__year=year) if model is FlowFigure else rows.filter(year=year)


def figure_schema(summary: str, serializer: type) -> Any:
    year = OpenApiParameter("year", OpenApiTypes.INT, description="Year (default: this year)", required=False)
    return extend_schema_view(
        get=extend_schema(summary=summary, parameters=[year], responses={200: serializer, **problems(400, 403, 404)})
    )


@figure_schema("Quota realisation per corporation", QuotaFigureSerializer)
class QuotaFigures(FigureList):
    serializer_class = QuotaFigureSerializer
    queryset = QuotaFigure.objects.none()
    related = ("corporation",)


@figure_schema("Dispersion per neighbourhood", DispersionFigureSerializer)
class DispersionFigures(FigureList):
    serializer_class = DispersionFigureSerializer
    queryset = DispersionFigure.objects.none()
    related = ("neighbourhood",)


@figure_schema("Active placements per building", BuildingFigureSerializer)
class BuildingFigures(FigureList):
    serializer_class = BuildingFigureSerializer
    queryset = BuildingFigure.objects.none()
    related = ("neighbourhood",)


@figure_schema("Flow per month", FlowFigureSerializer)
class FlowFigures(FigureList):
    serializer_class = FlowFigureSerializer
    queryset = FlowFigure.objects.none()
