"""The signed-in person's own account page: who they are here, links to change the password, the second factor
and the sessions, and their recent sign-in events."""

from typing import cast

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

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
