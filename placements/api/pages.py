"""The organisation administrator's pages for the organisation's API tokens: list them, make one (its secret shown
once, on the answer to the form), revoke one. Beside the "Mensen" pages, with the same role check."""

from datetime import datetime, time, timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from placements.api import services
from placements.lists.widgets import DateInput
from placements.models import ApiToken
from placements.models.api_tokens import MAX_LIFETIME
from placements.submitting import once
from regions.access import access_for
from regions.models import Membership, Organisation


def _administered(request: HttpRequest, organisation_id: int) -> Organisation:
    """The organisation, if the signed-in person administers it (403 without that role anywhere, else 404)."""
    ids = access_for(request.user).organisation_ids(Membership.Role.ORG_ADMIN)
    if not ids:
        raise PermissionDenied
    if organisation_id not in ids:
        raise Http404
    return get_object_or_404(Organisation, pk=organisation_id)


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Naam"), max_length=80, help_text=gettext_lazy("Bijv. 'ERP-koppeling'."))
    scope = forms.ChoiceField(
        label=gettext_lazy("Rechten"), choices=ApiToken.Scope.choices, initial=ApiToken.Scope.READ
    )
    expires_on = forms.DateField(
        label=gettext_lazy("Geldig tot en met"),
        widget=DateInput(),
        help_text=gettext_lazy("Uiterlijk een jaar vanaf vandaag."),
    )

    def clean_expires_on(self) -> Any:
        expires_on = self.cleaned_data["expires_on"]
        today = timezone.localdate()
        if not today <= expires_on < today + MAX_LIFETIME:
            raise forms.ValidationError(_("Kies een datum vanaf vandaag en binnen een jaar."))
        return expires_on

    def expires_at(self) -> datetime:
        day = self.cleaned_data["expires_on"] + timedelta(days=1)  # through the end of the chosen day
        return timezone.make_aware(datetime.combine(day, time.min))


@login_required
def tokens(request: HttpRequest, organisation_id: int) -> HttpResponseBase:
    """The organisation's tokens, and the form to make one; a made token's secret is shown on this answer only.
    The form is handled once (placements.submitting.once): a double click or a reload of the answer sends the
    person to the list instead of making a second token whose secret nobody saw."""
    if request.method == "POST":
        return once.handle_once(request, lambda: _tokens(request, organisation_id))
    return _tokens(request, organisation_id)


def _tokens(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = _administered(request, organisation_id)
    secret = None
    initial = {"expires_on": timezone.localdate() + timedelta(days=90)}
    form = TokenForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = services.create_token(
                organisation_id=organisation.pk,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                expires_at=form.expires_at(),
                by=request.user,  # type: ignore[arg-type]  # signed in (login_required)
            )
        except (services.InvalidToken, services.NotAllowed) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("De API-sleutel '%(name)s' is gemaakt.") % {"name": token.name})
            once.done(request, result_url=request.path)
            form = TokenForm(initial=initial)
    rows = ApiToken.objects.filter(organisation=organisation).select_related("created_by", "revoked_by")
    return render(
        request,
        "placements/api_tokens.html",
        {"organisation": organisation, "tokens": rows, "form": form, "secret": secret, "now": timezone.now()},
    )


@require_POST
@login_required
def revoke(request: HttpRequest, organisation_id: int, token_id: int) -> HttpResponse:
    organisation = _administered(request, organisation_id)
    token = get_object_or_404(ApiToken, pk=token_id, organisation=organisation)
    services.revoke_token(token_id=token.pk, by=request.user)  # type: ignore[arg-type]  # signed in
    messages.success(request, _("De API-sleutel '%(name)s' is ingetrokken.") % {"name": token.name})
    return redirect("accounts:api_tokens", organisation.pk)
