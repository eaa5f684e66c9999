"""The signed-in person's own account page: who they are here, links to change the password, the second factor
and the sessions, and their recent sign-in events; and allauth's session list, whose "end the other sessions" is
recorded as a sign-in event."""

from typing import cast

from allauth.usersessions.views import ListUserSessionsView
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from weerthuis.accounts.events import record
from weerthuis.accounts.models import SignInEvent
from weerthuis.accounts.second_factor import has_factor

RECENT_EVENTS = 20


@require_safe
@login_required
def my_account(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    context = {
        "memberships": user.memberships.select_related("organisation"),
        "has_factor": has_factor(user),
        "events": SignInEvent.objects.filter(user=user).select_related("by")[:RECENT_EVENTS],
    }
    return render(request, "accounts/my_account.html", context)


class SessionsView(ListUserSessionsView):
    """allauth's list of the person's sessions (served at its own address, /account/sessions/)."""

    def form_valid(self, form):
        response = super().form_valid(form)
        record(SignInEvent.Kind.SESSIONS_ENDED, user=self.request.user, by=self.request.user, request=self.request)
        return response
