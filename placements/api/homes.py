"""Reserved homes through the API: a corporation lists, creates and updates its own homes and withdraws them. The
writes go through the pages' own form (records.forms.DwellingForm: the same checks, the version check, the same
Dutch messages) and services (records.services), never around them."""

from typing import Any, cast

from django import forms
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from placements.api.base import CursorPage, ETagMixin, etag_of, problems, written_by_token
from placements.api.problems import field_errors, problem
from placements.api.serializers import DwellingSerializer, DwellingUpdateSerializer, DwellingWriteSerializer
from placements.models import Dwelling
from placements.records import services
from placements.records.filters import DwellingFilter
from placements.records.forms import DwellingForm, NeighbourhoodByNameField
from regions.access import access_for
from regions.models import Membership

Role = Membership.Role


class ApiDwellingFilter(DwellingFilter):
    """The homes list's filters; the order is the cursor's (by id), so the list's own sort is left out."""


ApiDwellingFilter.base_filters.pop("order", None)

# The form's names for what the API calls otherwise.
FORM_NAMES = {"seen_version": "version"}


def form_data(values: dict[str, Any]) -> dict[str, Any]:
    data = {key: value for key, value in values.items() if key != "version"}
    for key in ("reserved_on", "available_from"):
        if data.get(key) is not None:
            data[key] = data[key].isoformat()
    if "rent" in data:
        data["rent"] = str(data["rent"])
    if "version" in values:
        data["seen_version"] = values["version"]
    return data


def current_values(dwelling: Dwelling) -> dict[str, Any]:
    """A home's editable values as the API sends them, for a partial update."""
    return {
        "neighbourhood": dwelling.neighbourhood.cbs_code,
        **{
            name: getattr(dwelling, name)
            for name in (
                "postcode",
                "house_number",
                "house_number_addition",
                "street",
                "place",
                "building_code",
                "kind",
                "rooms",
                "ground_floor",
                "accessible",
                "reserved_on",
                "available_from",
            )
        },
        "rent": dwelling.rent_euros,
    }


@extend_schema_view(
    list=extend_schema(summary="List your reserved homes", responses={200: DwellingSerializer, **problems(403, 404)}),
    retrieve=extend_schema(summary="Read one home", responses={200: DwellingSerializer, **problems(403, 404)}),
    create=extend_schema(
        summary="Reserve a home",
        request=DwellingWriteSerializer,
        responses={201: DwellingSerializer, **problems(400, 403, 409, 415)},
    ),
    partial_update=extend_schema(
        summary="Change a home (send the version you read, or its ETag as If-Match)",
        request=DwellingUpdateSerializer(partial=True),
        parameters=[
            OpenApiParameter(
                "If-Match",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description="The ETag of the home as you read it; instead of `version` in the body",
            )
        ],
        responses={200: DwellingSerializer, **problems(400, 403, 404, 409, 412, 415)},
    ),
)
class DwellingViewSet(ETagMixin, viewsets.GenericViewSet):
    """Homes of the token's corporation (Dwelling.objects.visible_to: the same rule as the pages)."""

    roles = (Role.CORPORATION_STAFF,)
    lookup_value_regex = "[0-9]+"
    serializer_class = DwellingSerializer
    pagination_class = CursorPage
    filter_backends = [DjangoFilterBackend]
    filterset_class = ApiDwellingFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    queryset = Dwelling.objects.none()  # the schema's model; get_queryset decides

    def get_queryset(self):
        return Dwelling.objects.visible_to(self.request.user).select_related(
            "corporation", "neighbourhood__municipality"
        )

    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(DwellingSerializer(page, many=True).data)

    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(DwellingSerializer(self.get_object()).data)

    def create(self, request: Request) -> Response:
        incoming = DwellingWriteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        corporation_id = min(access_for(request.user).organisation_ids(Role.CORPORATION_STAFF))
        data = {**form_data(incoming.validated_data), "corporation": corporation_id}
        return self.save(request, DwellingForm(data, user=request.user), status.HTTP_201_CREATED)

    def partial_update(self, request: Request, pk: str) -> Response:
        dwelling = get_object_or_404(Dwelling.objects.editable_by(request.user).select_related("neighbourhood"), pk=pk)
        incoming = DwellingUpdateSerializer(data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        values = {**current_values(dwelling), **incoming.validated_data}
        if if_match := request.headers.get("If-Match"):
            # The ETag of the home as read stands for its version: compared on the locked row, so nobody saves
            # in between (the form locks the same row again in this transaction).
            locked = self.get_queryset().select_for_update(of=("self",)).get(pk=dwelling.pk)
            if etag_of(DwellingSerializer(locked).data) not in {tag.strip() for tag in if_match.split(",")}:
                return problem(412, _("Iemand anders heeft deze woning gewijzigd sinds u haar las."), code="stale")
            values.setdefault("version", locked.version)
        if "version" not in values:
            return problem(400, _("Controleer de velden."), errors={"version": [_("Dit veld is verplicht.")]})
        data = {**form_data(values), "corporation": dwelling.corporation_id}
        return self.save(request, DwellingForm(data, instance=dwelling, user=request.user), status.HTTP_200_OK)

    def save(self, request: Request, form: DwellingForm, answer: int) -> Response:
        # The neighbourhood by its CBS code (or name), as a large region's form asks it.
        field = cast(forms.ModelChoiceField, form.fields["neighbourhood"])
        form.fields["neighbourhood"] = NeighbourhoodByNameField(queryset=field.queryset, label=field.label)
        try:
            with transaction.atomic(), written_by_token(request):
                if not form.is_valid():
                    return self.refused(form)
                dwelling = form.save()
        except IntegrityError:
            return problem(409, _("Dit adres staat al als gereserveerde woning geregistreerd."), code="address-taken")
        dwelling = self.get_queryset().get(pk=dwelling.pk)
        response = Response(DwellingSerializer(dwelling).data, status=answer)
        if answer == status.HTTP_201_CREATED:
            response["Location"] = reverse("api:home-detail", args=[dwelling.pk])
        return response

    def refused(self, form: DwellingForm) -> Response:
        if form.stale:
            return problem(412, " ".join(map(str, form.non_field_errors())), code="stale")
        errors = {FORM_NAMES.get(name, name): messages for name, messages in field_errors(form.errors).items()}
        return problem(400, _("Controleer de velden."), errors=errors)

    @extend_schema(
        operation_id="homes_withdraw",
        summary="Withdraw a home",
        request=None,
        responses={200: DwellingSerializer, **problems(403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str) -> Response:
        dwelling = get_object_or_404(Dwelling.objects.editable_by(request.user), pk=pk)
        try:
            with written_by_token(request):
                services.withdraw_dwelling(dwelling_id=dwelling.pk, by=request.user)
        except services.TransitionNotAllowed as error:
            return problem(409, str(error), code="transition")
        return Response(DwellingSerializer(self.get_queryset().get(pk=dwelling.pk)).data)
