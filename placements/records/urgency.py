"""The urgency steps on a client's page: the care worker requests urgency (or withdraws the request), a coordinator
of the client's region grants or refuses it, each with a reason (placements.records.services). Kept apart from
views.py, which holds the pages of homes and clients themselves."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views import View

from placements.audit.access_log import record_access
from placements.models import AccessLogEntry, OutflowCase
from placements.records import services
from placements.records.forms import UrgencyForm
from placements.submitting import once
from placements.submitting.once import SubmitOnceMixin
from regions.access import RoleRequiredMixin
from regions.models import Membership

Role = Membership.Role


class CaseUrgencyView(RoleRequiredMixin, SubmitOnceMixin, View):
    """POST: the care worker requests urgency or withdraws the request; a coordinator of the client's region grants
    or refuses it. Another organisation's or region's client is not found (404)."""

    roles = (Role.COORDINATOR, Role.CARE_WORKER)

    def post(self, request, pk):
        case = get_object_or_404(OutflowCase.objects.visible_to(request.user), pk=pk)
        action = request.POST.get("action")
        if action not in ("request", "withdraw", "grant", "refuse"):
            raise Http404
        form = UrgencyForm(request.POST)
        try:
            if action == "withdraw":
                services.withdraw_urgency_request(case_id=case.pk, by=request.user)
            elif not form.is_valid():
                for errors in form.errors.values():
                    for error in errors:  # an ErrorList gives its messages as text
                        messages.error(request, str(error))
                return HttpResponseRedirect(reverse("placements:case_detail", args=[case.pk]))
            elif action == "request":
                services.request_urgency(case_id=case.pk, reason=form.cleaned_data["reason"], by=request.user)
            else:
                services.decide_urgency(
                    case_id=case.pk, grant=action == "grant", reason=form.cleaned_data["reason"], by=request.user
                )
        except (services.TransitionNotAllowed, services.NotAllowed) as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(reverse("placements:case_detail", args=[case.pk]))
        record_access(request, action=AccessLogEntry.Action.UPDATE, references=[case.reference], case=case)
        once.done(request)
        messages.success(request, URGENCY_DONE[action])
        return HttpResponseRedirect(reverse("placements:case_detail", args=[case.pk]))


URGENCY_DONE = {
    "request": gettext_lazy("De aanvraag voor urgentie is verstuurd naar de regisseur."),
    "withdraw": gettext_lazy("De aanvraag voor urgentie is ingetrokken."),
    "grant": gettext_lazy("Urgentie is toegekend."),
    "refuse": gettext_lazy("Urgentie is afgewezen."),
}
