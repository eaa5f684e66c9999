"""Pages for matching: candidates for a home or a client, the proposal with its dispersion check, the
placement list and detail, and the decisions on a placement. Every page that shows a client writes an
access-log line; corporation staff see of a client only the reference, household size and support level."""

from datetime import timedelta

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView
from django_filters.views import FilterView

from placements.audit.access_log import record_access
from placements.audit.history import history_of
from placements.lists.paging import UNSORTABLE, FilterListMixin
from placements.matching import services
from placements.matching.candidates import fitting_cases, fitting_dwellings
from placements.matching.dispersion import check_dwelling, figures_for
from placements.matching.exports import placements_csv
from placements.matching.filters import PlacementFilter
from placements.matching.forms import (
    CancelForm,
    DeclineForm,
    EndForm,
    KeysForm,
    PlanKeysForm,
    ProposeForm,
    RelapseForm,
)
from placements.matching.rows import placement_rows
from placements.models import AccessLogEntry, Dwelling, OutflowCase, Placement
from placements.models.placements import RELAPSE_WINDOW_DAYS
from placements.submitting import confirm, once
from placements.submitting.once import SubmitOnceMixin
from regions.access import RoleRequiredMixin, access_for
from regions.models import Membership
from regions.need_to_know import hidden_fields

Role = Membership.Role
PLACEMENT_ROLES: tuple[str, ...] = (Role.COORDINATOR, Role.CORPORATION_STAFF, Role.CARE_WORKER)
# What the person reads after each decision on a placement.
DONE_MESSAGES = {
    "accept": gettext_lazy(
        "De voordracht is geaccepteerd. Plan de dag van de sleuteloverdracht; leg hem vast zodra de cliënt verhuist."
    ),
    "decline": gettext_lazy("De afwijzing is vastgelegd; woning en cliënt zijn weer beschikbaar."),
    "client_declines": gettext_lazy(
        "De afwijzing door de cliënt is vastgelegd; woning en cliënt zijn weer beschikbaar."
    ),
    "plan_keys": gettext_lazy("De geplande datum van de sleuteloverdracht is vastgelegd en doorgegeven."),
    "keys": gettext_lazy("De sleuteloverdracht is vastgelegd: de woning is verhuurd en de cliënt gehuisvest."),
    "cancel": gettext_lazy("De voordracht is ingetrokken; woning en cliënt zijn weer beschikbaar."),
    "end": gettext_lazy("Vastgelegd; de cliënt is afgesloten."),
    "relapse": gettext_lazy("De terugval is vastgelegd."),
}


# The decisions that cannot be undone: each asks "Weet u het zeker?" first (placements.submitting.confirm).
IRREVERSIBLE = ("decline", "client_declines", "cancel", "end", "relapse")


def confirm_decision(request, placement: Placement, action: str, data: dict):
    """The confirmation page of an irreversible decision on `placement`, saying what it will do."""
    reference = placement.case.reference
    on = date_format(data["on"], "j F Y") if data.get("on") else ""
    released = _(
        "De voordracht wordt afgesloten; de woning en de cliënt komen weer beschikbaar voor een andere voordracht."
    )
    if action in ("decline", "client_declines"):
        reason = Placement.DeclineReason(data["reason"]).label
        who = _("De corporatie") if action == "decline" else _("De cliënt")
        what = _("%(who)s wijst de voordracht voor %(reference)s af") % {"who": who, "reference": reference}
        lines, button = [_("Reden: %(reason)s.") % {"reason": reason}, released], _("Ja, afwijzen")
    elif action == "cancel":
        what = _("De voordracht voor %(reference)s intrekken") % {"reference": reference}
        lines, button = [released], _("Ja, intrekken")
    elif action == "end" and data.get("outcome") == "relapse":
        what = _("Terugval van %(reference)s vastleggen") % {"reference": reference}
        lines = [
            _("Terugval op %(on)s; de plaatsing eindigt.") % {"on": on},
            _("De cliënt wordt afgesloten met reden terugval."),
        ]
        button = _("Ja, terugval vastleggen")
    elif action == "end":
        what = _("Nazorg van %(reference)s afronden") % {"reference": reference}
        lines = [_("Nazorg afgerond op %(on)s; de plaatsing eindigt.") % {"on": on}, _("De cliënt wordt afgesloten.")]
        button = _("Ja, nazorg afronden")
    else:
        what = _("Terugval van %(reference)s vastleggen") % {"reference": reference}
        lines = [_("Terugval op %(on)s, na de afgeronde nazorg; de cijfers tellen deze terugval mee.") % {"on": on}]
        button = _("Ja, terugval vastleggen")
    back = reverse("placements:placement_detail", args=[placement.pk])
    return confirm.confirmation_page(request, what=what, consequences=lines, button=button, back_url=back)


class DwellingCandidatesView(RoleRequiredMixin, View):
    """For a reserved home: the waiting clients that fit, with the home's dispersion figures."""

    roles = (Role.COORDINATOR,)

    def get(self, request, pk):
        dwelling = get_object_or_404(
            Dwelling.objects.coordinated_by(request.user).select_related("corporation", "neighbourhood__municipality"),
            pk=pk,
        )
        cases = list(fitting_cases(dwelling)[:100])
        record_access(request, action=AccessLogEntry.Action.SEARCH, references=[c.reference for c in cases])
        return render(
            request,
            "placements/dwelling_candidates.html",
            {"dwelling": dwelling, "cases": cases, "figures": check_dwelling(dwelling, year=timezone.localdate().year)},
        )


class CaseCandidatesView(RoleRequiredMixin, View):
    """For a waiting client: the reserved homes that fit, each with its neighbourhood's and building's figures."""

    roles = (Role.COORDINATOR,)

    def get(self, request, pk):
        case = get_object_or_404(
            OutflowCase.objects.coordinated_by(request.user).select_related("care_provider"), pk=pk
        )
        record_access(request, action=AccessLogEntry.Action.VIEW, references=[case.reference], case=case)
        dwellings = list(fitting_dwellings(case)[:100])
        figures = figures_for(dwellings, year=timezone.localdate().year)
        rows = [(dwelling, figures[dwelling.pk]) for dwelling in dwellings]
        return render(request, "placements/case_candidates.html", {"case": case, "rows": rows})


class ProposeView(RoleRequiredMixin, SubmitOnceMixin, View):
    """Confirm a proposal: shows the dispersion check; in block mode a breach needs an override reason."""

    roles = (Role.COORDINATOR,)

    def _objects(self, request):
        source = request.POST if request.method == "POST" else request.GET
        try:
            dwelling_id, case_id = int(source.get("dwelling", "")), int(source.get("case", ""))
        except ValueError as error:
            raise Http404 from error
        dwelling = get_object_or_404(
            Dwelling.objects.coordinated_by(request.user).select_related("corporation", "neighbourhood__municipality"),
            pk=dwelling_id,
        )
        case = get_object_or_404(OutflowCase.objects.coordinated_by(request.user), pk=case_id)
        return dwelling, case

    def _render(self, request, dwelling, case, form, status=200):
        record_access(request, action=AccessLogEntry.Action.VIEW, references=[case.reference], case=case)
        figures = check_dwelling(dwelling, year=timezone.localdate().year)
        context = {"dwelling": dwelling, "case": case, "figures": figures, "form": form}
        return render(request, "placements/propose.html", context, status=status)

    def get(self, request):
        dwelling, case = self._objects(request)
        return self._render(request, dwelling, case, ProposeForm())

    def post(self, request):
        dwelling, case = self._objects(request)
        form = ProposeForm(request.POST)
        if not form.is_valid():  # a reason that cannot be stored is refused, not proposed without it
            return self._render(request, dwelling, case, form, status=200)
        try:
            placement = services.propose_placement(
                dwelling_id=dwelling.pk,
                case_id=case.pk,
                by=request.user,
                override_reason=form.cleaned_data.get("override_reason", ""),
            )
        except services.DispersionLimitReached as error:
            form.add_error("override_reason", str(error))
            return self._render(request, dwelling, case, form, status=200)
        except (services.TransitionNotAllowed, services.AlreadyProposed, services.NotAllowed) as error:
            messages.error(request, str(error))
            return self._render(request, dwelling, case, form, status=200)
        record_access(request, action=AccessLogEntry.Action.UPDATE, references=[case.reference], case=case)
        once.done(request)
        messages.success(request, _("De woning is voorgedragen. De corporatie kan nu accepteren of afwijzen."))
        return HttpResponseRedirect(reverse("placements:placement_detail", args=[placement.pk]))


class PlacementQuerysetMixin(RoleRequiredMixin):
    roles = PLACEMENT_ROLES

    def get_queryset(self):
        return Placement.objects.visible_to(self.request.user).select_related(
            "dwelling__corporation", "dwelling__neighbourhood__municipality", "case__care_provider", "proposed_by"
        )


class PlacementListView(PlacementQuerysetMixin, FilterListMixin, FilterView):
    filterset_class = PlacementFilter
    template_name = "placements/placement_list.html"
    paginate_by = 25
    render_rows = staticmethod(placement_rows)
    logged_reference = "case__reference"
    sort_columns = (
        (UNSORTABLE, gettext_lazy("Cliënt")),
        (UNSORTABLE, gettext_lazy("Woning")),
        (UNSORTABLE, gettext_lazy("Corporatie")),
        ("proposed_at", gettext_lazy("Voorgedragen")),
        ("status", gettext_lazy("Status")),
    )

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "csv":
            return self.export()
        return super().get(request, *args, **kwargs)

    def export(self):
        filterset = self.filterset_class(self.request.GET, queryset=self.get_queryset(), request=self.request)
        if refused := self.refused_export(filterset):
            return refused
        placements = list(filterset.qs)
        record_access(
            self.request,
            action=AccessLogEntry.Action.EXPORT,
            references=sorted({p.case.reference for p in placements}),
            query=self.request.GET.urlencode(),
        )
        return placements_csv(placements)


def auto_id_for(action: str) -> str:
    """The ids of the fields of the form for `action`: the detail page shows several forms at once, two of them
    with a "Toelichting", and a label must put the cursor in its own form's field. The field names stay as they
    are (each form posts only its own), so the action view reads them without a prefix."""
    return f"id_{action}_%s"


def keys_form(is_coordinator: bool) -> KeysForm:
    """The key handover form; the reason to move in before the ready date is the coordinator's to give."""
    form = KeysForm(auto_id=auto_id_for("keys"))
    if not is_coordinator:
        del form.fields["early_reason"]
    return form


class PlacementDetailView(PlacementQuerysetMixin, DetailView):
    template_name = "placements/placement_detail.html"
    context_object_name = "placement"

    def get_context_data(self, **kwargs):
        placement = self.object
        record_access(
            self.request, action=AccessLogEntry.Action.VIEW, references=[placement.case.reference], case=placement.case
        )
        access = access_for(self.request.user)
        is_corporation = placement.dwelling.corporation_id in access.organisation_ids(Role.CORPORATION_STAFF)
        is_coordinator = placement.case.region_id in access.region_ids(Role.COORDINATOR)
        is_care_worker = placement.case.care_provider_id in access.organisation_ids(Role.CARE_WORKER)
        status = placement.status
        hidden = hidden_fields(
            access,
            "placements.Placement",
            care_provider_id=placement.case.care_provider_id,
            region_id=placement.case.region_id,
        )
        can = {
            "decide": is_corporation and status in ("proposed", "accepted"),
            "accept": is_corporation and status == "proposed",
            "keys": (is_corporation or is_coordinator) and status == "accepted",
            "cancel": is_coordinator and status in ("proposed", "accepted"),
            "client_declines": (is_coordinator or is_care_worker) and status in ("proposed", "accepted"),
            "end": (is_coordinator or is_care_worker) and status == "moved_in",
            "relapse": (is_coordinator or is_care_worker)
            and status == "aftercare_ended"
            and placement.moved_in_on is not None
            and timezone.localdate() <= placement.moved_in_on + timedelta(days=RELAPSE_WINDOW_DAYS),
        }
        return {
            **super().get_context_data(**kwargs),
            "can": can,
            # A corporation sees the client's pseudonym, household size and support level only.
            "client_details": is_coordinator or is_care_worker,
            "history": history_of(placement, hidden=hidden),
            "reads_notes": not hidden,
            "decline_form": DeclineForm(auto_id=auto_id_for("decline")),
            "client_decline_form": DeclineForm(auto_id=auto_id_for("client_declines")),
            "keys_form": keys_form(is_coordinator),
            "plan_keys_form": PlanKeysForm(
                auto_id=auto_id_for("plan_keys"), initial={"keys_planned_on": placement.keys_planned_on}
            ),
            "cancel_form": CancelForm(auto_id=auto_id_for("cancel")),
            "end_form": EndForm(auto_id=auto_id_for("end")),
            "relapse_form": RelapseForm(auto_id=auto_id_for("relapse")),
        }


class PlacementActionView(RoleRequiredMixin, SubmitOnceMixin, View):
    """POST a decision on a placement: accept, decline, client declines, keys, cancel, end."""

    roles = PLACEMENT_ROLES

    def post(self, request, pk):
        placement = get_object_or_404(Placement.objects.visible_to(request.user), pk=pk)
        action = request.POST.get("action")
        handlers = {
            "accept": (None, lambda data: services.accept_placement(placement_id=pk, by=request.user)),
            "decline": (DeclineForm, lambda data: services.decline_placement(
                placement_id=pk, by=request.user, reason=data["reason"], note=data["note"],
                declined_by=Placement.DeclinedBy.CORPORATION)),
            "client_declines": (DeclineForm, lambda data: services.decline_placement(
                placement_id=pk, by=request.user, reason=data["reason"], note=data["note"],
                declined_by=Placement.DeclinedBy.CLIENT)),
            "plan_keys": (PlanKeysForm, lambda data: services.plan_key_handover(
                placement_id=pk, by=request.user, on=data["keys_planned_on"])),
            "keys": (KeysForm, lambda data: services.hand_over_keys(
                placement_id=pk, by=request.user, moved_in_on=data["moved_in_on"],
                support_arrangement=data["support_arrangement"], early_reason=data["early_reason"])),
            "cancel": (CancelForm, lambda data: services.cancel_placement(placement_id=pk, by=request.user, note=data["note"])),
            "end": (EndForm, lambda data: services.end_placement(
                placement_id=pk, by=request.user, on=data["on"], relapse=data["outcome"] == "relapse")),
            "relapse": (RelapseForm, lambda data: services.record_relapse(
                placement_id=pk, by=request.user, on=data["on"])),
        }  # fmt: skip
        if action not in handlers:
            raise Http404
        form_class, handler = handlers[action]
        form = form_class(request.POST) if form_class else None
        if form is not None and not form.is_valid():
            for errors in form.errors.values():
                for error in errors:  # an ErrorList gives its messages as text
                    messages.error(request, str(error))
        elif action in IRREVERSIBLE and not confirm.is_confirmed(request):
            record_access(
                request, action=AccessLogEntry.Action.VIEW, references=[placement.case.reference], case=placement.case
            )
            return confirm_decision(request, placement, action, form.cleaned_data if form else {})
        else:
            try:
                handler(form.cleaned_data if form else {})
                record_access(
                    request,
                    action=AccessLogEntry.Action.UPDATE,
                    references=[placement.case.reference],
                    case=placement.case,
                )
                once.done(request)
                messages.success(request, DONE_MESSAGES[action])
            except (services.TransitionNotAllowed, services.NotAllowed) as error:
                messages.error(request, str(error))
        return HttpResponseRedirect(reverse("placements:placement_detail", args=[pk]))
