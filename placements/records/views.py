"""Pages for reserved homes and clients. Thin: parse, call a service or form, render. Every queryset goes
through `visible_to`/`editable_by`; every page that shows client records writes an access-log line."""

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import CreateView, DetailView, UpdateView
from django_filters.views import FilterView

from placements.audit.access_log import record_access
from placements.audit.history import history_of
from placements.lists.paging import UNSORTABLE, FilterListMixin
from placements.models import AccessLogEntry, Dwelling, OutflowCase
from placements.records import confirmations, services
from placements.records.exports import cases_csv, dwellings_csv
from placements.records.filters import DwellingFilter, OutflowCaseFilter
from placements.records.forms import CloseCaseForm, DwellingForm, OutflowCaseForm, TenancyEndForm, UrgencyForm
from placements.records.rows import case_rows, dwelling_rows
from placements.submitting import confirm, once
from placements.submitting.once import SubmitOnceMixin
from regions.access import RoleRequiredMixin, access_for
from regions.models import Membership

if TYPE_CHECKING:
    from django.views.generic.base import TemplateResponseMixin
    from django.views.generic.edit import ModelFormMixin, ProcessFormView
    from django_stubs_ext import StrOrPromise

    # The form mixins below are mixed into CreateView and UpdateView: checked as such, plain classes at run time.
    class _ModelFormView(TemplateResponseMixin, ModelFormMixin[Any, Any], ProcessFormView):
        object: Any  # the object saved (CreateView: None until then)
else:
    _ModelFormView = object

Role = Membership.Role
DWELLING_ROLES: tuple[str, ...] = (Role.COORDINATOR, Role.CORPORATION_STAFF)
CASE_ROLES: tuple[str, ...] = (Role.COORDINATOR, Role.CARE_WORKER)


class FormUserMixin(_ModelFormView):
    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}


# --- Reserved homes ---------------------------------------------------------------------------------------


class DwellingQuerysetMixin(RoleRequiredMixin):
    roles = DWELLING_ROLES

    def get_queryset(self):
        return Dwelling.objects.visible_to(self.request.user).select_related(
            "corporation", "neighbourhood__municipality"
        )


# Outside the request transaction (ATOMIC_REQUESTS): the most visited page shows no client and writes nothing, and
# a transaction costs it two round trips to PostgreSQL (BEGIN, COMMIT). record_access refuses to run outside one.
@method_decorator(transaction.non_atomic_requests, name="dispatch")
class DwellingListView(DwellingQuerysetMixin, FilterListMixin, FilterView):
    filterset_class = DwellingFilter
    template_name = "placements/dwelling_list.html"
    paginate_by = 25
    render_rows = staticmethod(dwelling_rows)
    sort_columns = (
        ("postcode", gettext_lazy("Postcode")),
        (UNSORTABLE, gettext_lazy("Adres")),
        ("neighbourhood", gettext_lazy("Wijk")),
        ("corporation", gettext_lazy("Corporatie")),
        (UNSORTABLE, gettext_lazy("Soort")),
        ("rooms", gettext_lazy("Kamers")),
        ("rent", gettext_lazy("Huur")),
        ("available_from", gettext_lazy("Beschikbaar vanaf")),
        ("status", gettext_lazy("Status")),
    )

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "csv":
            return self.export()
        return super().get(request, *args, **kwargs)

    def export(self):
        filterset = self.filterset_class(self.request.GET, queryset=self.get_queryset(), request=self.request)
        return self.refused_export(filterset) or dwellings_csv(filterset.qs)


class DwellingDetailView(DwellingQuerysetMixin, DetailView):
    template_name = "placements/dwelling_detail.html"
    context_object_name = "dwelling"

    def get_context_data(self, **kwargs):
        is_coordinator = self.object.neighbourhood.municipality.region_id in access_for(self.request.user).region_ids(
            Role.COORDINATOR
        )
        placements = list(self.object.placements.select_related("case").order_by("-proposed_at"))
        if placements:  # the page ties these clients to the address
            record_access(
                self.request,
                action=AccessLogEntry.Action.VIEW,
                references=[placement.case.reference for placement in placements],
            )
        # The same address reserved before or after this record (a withdrawn home, an ended tenancy).
        same_address = (
            Dwelling.objects.visible_to(self.request.user)
            .at_address_of(self.object)
            .exclude(pk=self.object.pk)
            .order_by("reserved_on", "pk")
        )
        return {
            **super().get_context_data(**kwargs),
            "history": history_of(self.object),
            "placements": placements,
            "is_coordinator": is_coordinator,
            "same_address": list(same_address),
            "tenancy_form": TenancyEndForm(auto_id="id_tenancy_%s"),
        }


class DwellingSaveMixin(FormUserMixin):
    """Save the form; an address that is already reserved (the database's unique constraint, also when two
    people save at once) becomes a message on the form instead of an error page."""

    form_class = DwellingForm
    template_name = "placements/dwelling_form.html"
    success_message: "StrOrPromise" = ""

    def form_valid(self, form):
        try:
            with transaction.atomic():
                response = super().form_valid(form)
        except IntegrityError:
            form.add_error(None, _("Dit adres staat al als gereserveerde woning geregistreerd."))
            return self.form_invalid(form)
        once.done(self.request)
        messages.success(self.request, self.success_message)
        return response

    def get_success_url(self):
        return reverse("placements:dwelling_detail", args=[self.object.pk])


class DwellingCreateView(RoleRequiredMixin, SubmitOnceMixin, DwellingSaveMixin, CreateView):
    roles = DWELLING_ROLES
    model = Dwelling
    success_message = gettext_lazy("De woning is vastgelegd.")


class DwellingUpdateView(DwellingQuerysetMixin, SubmitOnceMixin, DwellingSaveMixin, UpdateView):
    context_object_name = "dwelling"
    success_message = gettext_lazy("De wijzigingen zijn opgeslagen.")

    def get_queryset(self):
        return super().get_queryset().editable_by(self.request.user)


class DwellingStatusView(RoleRequiredMixin, SubmitOnceMixin, View):
    """POST: withdraw a home from the pool, or put a withdrawn home back."""

    roles = DWELLING_ROLES
    actions = {"withdraw": services.withdraw_dwelling, "reinstate": services.reinstate_dwelling}

    def post(self, request, pk):
        dwelling = get_object_or_404(Dwelling.objects.editable_by(request.user), pk=pk)
        name = request.POST.get("action")
        if name == "end_tenancy":
            return self.end_tenancy(request, dwelling)
        action = self.actions.get(name)
        if action is None:
            raise Http404
        if name == "withdraw" and not confirm.is_confirmed(request):
            return confirmations.withdraw_dwelling(request, dwelling)
        try:
            action(dwelling_id=dwelling.pk, by=request.user)
            once.done(request)
            messages.success(request, _("De status van de woning is gewijzigd."))
        except services.TransitionNotAllowed as error:
            messages.error(request, str(error))
        return HttpResponseRedirect(reverse("placements:dwelling_detail", args=[dwelling.pk]))

    def end_tenancy(self, request, dwelling):
        form = TenancyEndForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:  # an ErrorList gives its messages as text
                    messages.error(request, str(error))
            return HttpResponseRedirect(reverse("placements:dwelling_detail", args=[dwelling.pk]))
        if not confirm.is_confirmed(request):
            return confirmations.end_tenancy(request, dwelling, on=form.cleaned_data["on"])
        try:
            services.end_tenancy(dwelling_id=dwelling.pk, on=form.cleaned_data["on"], by=request.user)
            once.done(request)
            messages.success(
                request, _("Het einde van de huur is vastgelegd; het adres kan opnieuw worden gereserveerd.")
            )
        except (services.TransitionNotAllowed, services.NotAllowed) as error:
            messages.error(request, str(error))
        return HttpResponseRedirect(reverse("placements:dwelling_detail", args=[dwelling.pk]))


# --- Clients ready for outflow ----------------------------------------------------------------------------


class CaseQuerysetMixin(RoleRequiredMixin):
    roles = CASE_ROLES

    def get_queryset(self):
        return OutflowCase.objects.visible_to(self.request.user).select_related("care_provider", "region")


class CaseListView(CaseQuerysetMixin, FilterListMixin, FilterView):
    filterset_class = OutflowCaseFilter
    template_name = "placements/case_list.html"
    paginate_by = 25
    render_rows = staticmethod(case_rows)
    logged_reference = "reference"
    sort_columns = (
        ("reference", gettext_lazy("Referentie")),
        (UNSORTABLE, gettext_lazy("Zorgaanbieder")),
        (UNSORTABLE, gettext_lazy("Herkomst")),
        (UNSORTABLE, gettext_lazy("Doelgroep")),
        ("household_size", gettext_lazy("Huishouden")),
        (UNSORTABLE, gettext_lazy("Begeleiding")),
        ("ready_on", gettext_lazy("Uitstroomklaar sinds")),
        ("urgency", gettext_lazy("Urgentie")),
        ("status", gettext_lazy("Status")),
    )

    def get_context_data(self, **kwargs):
        can_register = access_for(self.request.user).has_role(Role.CARE_WORKER)
        return {**super().get_context_data(**kwargs), "can_register": can_register}

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "csv":
            return self.export()
        return super().get(request, *args, **kwargs)

    def export(self):
        filterset = self.filterset_class(self.request.GET, queryset=self.get_queryset(), request=self.request)
        if refused := self.refused_export(filterset):
            return refused
        cases = list(filterset.qs.prefetch_related("preferred_municipalities"))
        record_access(
            self.request,
            action=AccessLogEntry.Action.EXPORT,
            references=[c.reference for c in cases],
            query=self.request.GET.urlencode(),
        )
        return cases_csv(cases)


class CaseDetailView(CaseQuerysetMixin, DetailView):
    template_name = "placements/case_detail.html"
    context_object_name = "case"

    def get_queryset(self):
        return super().get_queryset().prefetch_related("preferred_municipalities").select_related("urgency_decided_by")

    def get_context_data(self, **kwargs):
        record_access(
            self.request, action=AccessLogEntry.Action.VIEW, references=[self.object.reference], case=self.object
        )
        case = self.object
        return {
            **super().get_context_data(**kwargs),
            "history": history_of(case),
            "can_edit": OutflowCase.objects.editable_by(self.request.user).filter(pk=case.pk).exists(),
            "close_form": CloseCaseForm(case=case, auto_id="id_close_%s"),
            "urgency_form": UrgencyForm(auto_id="id_urgency_%s"),
            "barrier_labels": [OutflowCase.Barrier(b).label for b in case.barriers],
            "placements": case.placements.select_related("dwelling").order_by("-proposed_at"),
            "is_coordinator": case.region_id in access_for(self.request.user).region_ids(Role.COORDINATOR),
        }


class CaseCreateView(RoleRequiredMixin, SubmitOnceMixin, FormUserMixin, CreateView):
    roles = (Role.CARE_WORKER,)
    model = OutflowCase
    form_class = OutflowCaseForm
    template_name = "placements/case_form.html"

    def form_valid(self, form):
        case, user = form.save(commit=False), self.request.user
        if not user.is_authenticated:  # RoleRequiredMixin lets only signed-in users this far
            raise PermissionDenied
        self.object = services.register_case(
            case=case, preferred_municipalities=form.cleaned_data["preferred_municipalities"], by=user
        )
        record_access(
            self.request, action=AccessLogEntry.Action.CREATE, references=[self.object.reference], case=self.object
        )
        once.done(self.request)
        messages.success(
            self.request, _("Cliënt aangemeld met referentie %(reference)s.") % {"reference": self.object.reference}
        )
        return HttpResponseRedirect(reverse("placements:case_detail", args=[self.object.pk]))


class CaseUpdateView(CaseQuerysetMixin, SubmitOnceMixin, FormUserMixin, UpdateView):
    roles = (Role.CARE_WORKER,)
    form_class = OutflowCaseForm
    template_name = "placements/case_form.html"
    context_object_name = "case"

    def get_queryset(self):
        return OutflowCase.objects.editable_by(self.request.user).select_related("care_provider", "region")

    def get_context_data(self, **kwargs):
        # The form shows the client's record (on GET, and again with errors): a read like the detail page.
        record_access(
            self.request, action=AccessLogEntry.Action.VIEW, references=[self.object.reference], case=self.object
        )
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        record_access(
            self.request, action=AccessLogEntry.Action.UPDATE, references=[self.object.reference], case=self.object
        )
        once.done(self.request)
        messages.success(self.request, _("De wijzigingen zijn opgeslagen."))
        return response

    def get_success_url(self):
        return reverse("placements:case_detail", args=[self.object.pk])


class CaseStatusView(RoleRequiredMixin, SubmitOnceMixin, View):
    """POST: close a client's case (withdrawn, housed elsewhere) or reopen it."""

    roles = (Role.CARE_WORKER,)

    def post(self, request, pk):
        case = get_object_or_404(OutflowCase.objects.editable_by(request.user), pk=pk)
        try:
            if request.POST.get("action") == "reopen":
                services.reopen_case(case_id=case.pk, by=request.user)
            else:
                form = CloseCaseForm(request.POST, case=case)
                if not form.is_valid():
                    for errors in form.errors.values():
                        for error in errors:  # an ErrorList gives its messages as text
                            messages.error(request, str(error))
                    return HttpResponseRedirect(reverse("placements:case_detail", args=[case.pk]))
                if not confirm.is_confirmed(request):
                    record_access(request, action=AccessLogEntry.Action.VIEW, references=[case.reference], case=case)
                    return confirmations.close_case(request, case, form.cleaned_data)
                services.close_case(
                    case_id=case.pk,
                    reason=form.cleaned_data["reason"],
                    on=form.cleaned_data["closed_on"],
                    by=request.user,
                )
            record_access(request, action=AccessLogEntry.Action.UPDATE, references=[case.reference], case=case)
            once.done(request)
            messages.success(request, _("De status van de cliënt is gewijzigd."))
        except services.TransitionNotAllowed as error:
            messages.error(request, str(error))
        return HttpResponseRedirect(reverse("placements:case_detail", args=[case.pk]))
