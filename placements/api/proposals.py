"""Proposals on a corporation's homes through the API: read them, and decide (accept, decline with a reason from
the fixed list, record the key handover). Each decision is the pages' form and service (matching.forms,
matching.services), with the same locks and checks; every read and decision writes an access-log line, as the
pages do. A new step is one more entry in DECISIONS."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from placements.api.base import CursorPage, ETagMixin, problems, written_by_token
from placements.api.problems import field_errors, problem
from placements.api.serializers import DecisionSerializer, ProposalSerializer
from placements.audit.access_log import record_access
from placements.matching import services
from placements.matching.filters import PlacementFilter
from placements.matching.forms import DeclineForm, KeysForm, PlanKeysForm
from placements.models import AccessLogEntry, Placement
from regions.models import Membership

Role = Membership.Role


class ApiPlacementFilter(PlacementFilter):
    """The proposals list's filters; the order is the cursor's (by id)."""


ApiPlacementFilter.base_filters.pop("order", None)


class NoFields(forms.Form):
    pass


Handler = Callable[[Request, int, dict[str, Any]], Placement]

# decision → (the page's form that checks its fields, the service that takes it)
DECISIONS: dict[str, tuple[type[forms.Form], Handler]] = {
    "accept": (NoFields, lambda request, pk, data: services.accept_placement(placement_id=pk, by=request.user)),
    "decline": (
        DeclineForm,
        lambda request, pk, data: services.decline_placement(
            placement_id=pk,
            by=request.user,
            reason=data["reason"],
            note=data["note"],
            declined_by=Placement.DeclinedBy.CORPORATION,
        ),
    ),
    "plan_keys": (
        PlanKeysForm,
        lambda request, pk, data: services.plan_key_handover(
            placement_id=pk, by=request.user, on=data["keys_planned_on"]
        ),
    ),
    "keys": (
        KeysForm,
        lambda request, pk, data: services.hand_over_keys(
            placement_id=pk,
            by=request.user,
            moved_in_on=data["moved_in_on"],
            support_arrangement=data["support_arrangement"],
            early_reason="",  # a handover before the ready date is the coordinator's, on the pages
        ),
    ),
}


@extend_schema_view(
    list=extend_schema(
        summary="List proposals on your homes", responses={200: ProposalSerializer, **problems(403, 404)}
    ),
    retrieve=extend_schema(summary="Read one proposal", responses={200: ProposalSerializer, **problems(403, 404)}),
)
class ProposalViewSet(ETagMixin, viewsets.ReadOnlyModelViewSet):
    roles = (Role.CORPORATION_STAFF,)
    lookup_value_regex = "[0-9]+"
    serializer_class = ProposalSerializer
    pagination_class = CursorPage
    filter_backends = [DjangoFilterBackend]
    filterset_class = ApiPlacementFilter
    queryset = Placement.objects.none()

    def get_queryset(self):
        return Placement.objects.visible_to(self.request.user).select_related("dwelling", "case")

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        record_access(
            request,
            action=AccessLogEntry.Action.SEARCH,
            references=[placement.case.reference for placement in page],
            query=request.META.get("QUERY_STRING", ""),
        )
        return self.get_paginated_response(ProposalSerializer(page, many=True).data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        placement = self.get_object()
        record_access(
            request, action=AccessLogEntry.Action.VIEW, references=[placement.case.reference], case=placement.case
        )
        return Response(ProposalSerializer(placement).data)

    @extend_schema(
        operation_id="proposals_decide",
        summary="Decide on a proposal: accept, decline (reason from the list; 'other' needs a note), keys",
        request=DecisionSerializer,
        responses={200: ProposalSerializer, **problems(400, 403, 404, 409, 415)},
    )
    @action(detail=True, methods=["post"])
    def decision(self, request: Request, pk: str) -> Response:
        placement = get_object_or_404(self.get_queryset(), pk=pk)
        incoming = DecisionSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        form_class, handler = DECISIONS[incoming.validated_data["decision"]]
        values = {key: value for key, value in request.data.items() if key != "decision"}
        form = form_class(values)
        if not form.is_valid():
            return problem(400, _("Controleer de velden."), errors=field_errors(form.errors))
        try:
            with written_by_token(request):
                handler(request, placement.pk, form.cleaned_data)
        except services.NotAllowed as error:
            return problem(403, str(error))
        except services.TransitionNotAllowed as error:
            return problem(409, str(error), code="transition")
        record_access(
            request, action=AccessLogEntry.Action.UPDATE, references=[placement.case.reference], case=placement.case
        )
        return Response(ProposalSerializer(self.get_queryset().get(pk=placement.pk)).data)
