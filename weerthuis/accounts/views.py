"""The organisation administrator's pages (its own organisation's people, invitations and sign-in events) and the
page where an invited person makes their account. Thin: find what the URL names within the administrator's own
organisations (404 outside them, 403 without the role), call a service, show its refusal as a message."""

from datetime import timedelta

from allauth.account.utils import perform_login
from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regions.access import access_for, forget_access
from regions.models import Membership, Organisation
from weerthuis.accounts import invitations as invitation_services
from weerthuis.accounts import services
from weerthuis.accounts.models import Invitation, SignInEvent
from weerthuis.accounts.people_forms import AcceptInvitationForm, InviteForm, RoleForm
from weerthuis.accounts.second_factor import FACTORS

Role = Membership.Role
User = get_user_model()
EVENTS_DAYS = 90


def _administered(request: HttpRequest, organisation_id: int | None = None):
    """The organisations the signed-in person administers (403 without any), or the one named (404 if not theirs)."""
    ids = access_for(request.user).organisation_ids(Role.ORG_ADMIN)
    if not ids:
        raise PermissionDenied
    if organisation_id is None:
        return Organisation.objects.filter(pk__in=ids)
    if organisation_id not in ids:
        raise Http404
    return get_object_or_404(Organisation, pk=organisation_id)


def _member(organisation: Organisation, user_id: int):
    """A person of `organisation` (404 for anyone else), with their roles there."""
    own_roles = Prefetch("memberships", Membership.objects.filter(organisation=organisation), to_attr="own")
    people = User.objects.filter(pk=user_id, memberships__organisation=organisation).prefetch_related(own_roles)
    person = people.distinct().first()
    if person is None:
        raise Http404
    return person


@login_required
def organisations(request):
    """Where "Mensen" leads: the one organisation's people, or a choice between several."""
    administered = list(_administered(request))
    if len(administered) == 1:
        return redirect("accounts:people", administered[0].pk)
    return render(request, "accounts/organisations.html", {"organisations": administered})


@login_required
def people(request, organisation_id: int):
    organisation = _administered(request, organisation_id)
    own_roles = Prefetch("memberships", Membership.objects.filter(organisation=organisation), to_attr="own")
    has_factor = Exists(Authenticator.objects.filter(user=OuterRef("pk"), type__in=FACTORS))
    persons = (
        User.objects.filter(pk__in=Membership.objects.filter(organisation=organisation).values("user_id"))
        .annotate(has_factor=has_factor)
        .prefetch_related(own_roles)
        .order_by("last_name", "first_name", "username")
    )
    pending = Invitation.objects.filter(organisation=organisation).pending().count()
    return render(
        request, "accounts/people.html", {"organisation": organisation, "people": persons, "pending": pending}
    )


@login_required
def person(request, organisation_id: int, user_id: int):
    organisation = _administered(request, organisation_id)
    member = _member(organisation, user_id)
    other_organisations = (
        Organisation.objects.filter(memberships__user=member).exclude(pk=organisation.pk).distinct().order_by("name")
    )
    context = {
        "organisation": organisation,
        "person": member,
        "has_factor": Authenticator.objects.filter(user=member, type__in=FACTORS).exists(),
        "other_organisations": other_organisations,
        "role_form": RoleForm(organisation=organisation),
        "protected": member.is_staff or member.is_superuser,
    }
    return render(request, "accounts/person.html", context)


@require_POST
@login_required
def person_role(request, organisation_id: int, user_id: int):
    organisation = _administered(request, organisation_id)
    member = _member(organisation, user_id)
    form = RoleForm(request.POST, organisation=organisation)
    action = request.POST.get("action")
    if not form.is_valid() or action not in {"grant", "revoke"}:
        messages.error(request, _("Kies een rol die bij deze organisatie past."))
        return redirect("accounts:person", organisation.pk, member.pk)
    role = form.cleaned_data["role"]
    change = services.grant_role if action == "grant" else services.revoke_role
    try:
        changed = change(user=member, organisation=organisation, role=role, by=request.user, request=request)
    except services.AccountChangeRefused as refusal:
        messages.error(request, str(refusal))
    else:
        label = Membership.Role(role).label
        if action == "grant":
            text = _("%(person)s is nu %(role)s.") if changed else _("%(person)s was al %(role)s.")
        else:
            text = _("%(person)s is niet langer %(role)s.") if changed else _("%(person)s was geen %(role)s.")
        messages.success(request, text % {"person": member, "role": label})
    forget_access(request.user)  # they may have given up administering it themselves
    if organisation.pk not in access_for(request.user).organisation_ids(Role.ORG_ADMIN):
        return redirect("home")
    if not Membership.objects.filter(user=member, organisation=organisation).exists():
        return redirect("accounts:people", organisation.pk)
    return redirect("accounts:person", organisation.pk, member.pk)


@require_POST
@login_required
def person_status(request, organisation_id: int, user_id: int):
    organisation = _administered(request, organisation_id)
    member = _member(organisation, user_id)
    action = request.POST.get("action")
    if action == "reset_factor":
        return _reset_factor(request, organisation, member)
    if action not in {"deactivate", "reactivate"}:
        return redirect("accounts:person", organisation.pk, member.pk)
    change = services.deactivate_member if action == "deactivate" else services.reactivate_member
    try:
        changed = change(user=member, by=request.user, request=request)
    except services.AccountChangeRefused as refusal:
        messages.error(request, str(refusal))
    else:
        if action == "deactivate":
            text = _("Het account van %(person)s is gedeactiveerd; alle sessies zijn beëindigd.")
            if not changed:
                text = _("Het account van %(person)s was al gedeactiveerd.")
        else:
            text = _("Het account van %(person)s is weer actief.")
            if not changed:
                text = _("Het account van %(person)s was al actief.")
        messages.success(request, text % {"person": member})
    if member.pk == request.user.pk and action == "deactivate":
        return redirect("login")
    return redirect("accounts:person", organisation.pk, member.pk)


def _reset_factor(request, organisation, member):
    try:
        changed = services.reset_second_factor(user=member, by=request.user, request=request)
    except services.AccountChangeRefused as refusal:
        messages.error(request, str(refusal))
    else:
        text = _(
            "%(person)s stelt bij de volgende keer inloggen een nieuwe tweede stap in; alle sessies zijn beëindigd."
        )
        if not changed:
            text = _("%(person)s had geen tweede stap ingesteld.")
        messages.success(request, text % {"person": member})
    if member.pk == request.user.pk:
        return redirect("login")
    return redirect("accounts:person", organisation.pk, member.pk)


@login_required
def invite(request, organisation_id: int):
    organisation = _administered(request, organisation_id)
    form = InviteForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invitation_services.invite(
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                by=request.user,
                request=request,
            )
        except services.AccountChangeRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request,
                _("Uitnodiging verstuurd naar %(email)s; de link is 7 dagen geldig.") % {"email": invitation.email},
            )
            return redirect("accounts:invitations", organisation.pk)
    return render(request, "accounts/invite.html", {"organisation": organisation, "form": form})


@login_required
def invitations(request, organisation_id: int):
    organisation = _administered(request, organisation_id)
    unused = Invitation.objects.filter(organisation=organisation).unused().select_related("invited_by")
    return render(request, "accounts/invitations.html", {"organisation": organisation, "invitations": unused})


@require_POST
@login_required
def invitation_revoke(request, organisation_id: int, invitation_id: int):
    organisation = _administered(request, organisation_id)
    invitation = get_object_or_404(Invitation, pk=invitation_id, organisation=organisation)
    if invitation_services.revoke_invitation(invitation=invitation, by=request.user, request=request):
        messages.success(request, _("De uitnodiging van %(email)s is ingetrokken.") % {"email": invitation.email})
    else:
        messages.info(request, _("Deze uitnodiging was al gebruikt of ingetrokken."))
    return redirect("accounts:invitations", organisation.pk)


@login_required
def events(request, organisation_id: int):
    """Sign-in events of the organisation's own people, and of what was done in it, of the last 90 days."""
    organisation = _administered(request, organisation_id)
    members = Membership.objects.filter(organisation=organisation).values("user_id")
    since = timezone.now() - timedelta(days=EVENTS_DAYS)
    rows = (
        # A member's events that belong to no organisation (sign-ins, factors) or to this one; not what another
        # organisation's administrator did with that person there.
        SignInEvent.objects.filter(
            Q(user_id__in=members, organisation__isnull=True) | Q(organisation=organisation), at__gte=since
        )
        .select_related("user", "by")
        .order_by("-at", "-id")
    )
    page_obj = Paginator(rows, 50).get_page(request.GET.get("page"))
    context = {
        "organisation": organisation,
        "events": page_obj,
        "page_obj": page_obj,
        "paginator": page_obj.paginator,
        "days": EVENTS_DAYS,
    }
    return render(request, "accounts/events.html", context)


def accept_invitation(request, token: str):
    """For the invited person, not signed in: choose a username and a password, then signed in (and, for a role
    that needs one, sent on to set up a second factor by the middleware)."""
    if request.user.is_authenticated:
        messages.error(request, _("U bent al ingelogd. Log eerst uit om een uitnodiging aan te nemen."))
        return redirect("home")
    try:
        invitation = invitation_services.open_invitation(token)
    except invitation_services.InvitationNotValid as refusal:
        return render(request, "accounts/invitation_invalid.html", {"reason": str(refusal)}, status=410)
    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitation_services.accept_invitation(
                token=token,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"],
                request=request,
            )
        except invitation_services.InvitationNotValid as refusal:
            return render(request, "accounts/invitation_invalid.html", {"reason": str(refusal)}, status=410)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error("username" if field == "username" else "password1", errors)
        else:
            messages.success(request, _("Welkom bij Weer Thuis. Uw account is aangemaakt."))
            user.backend = "allauth.account.auth_backends.AuthenticationBackend"
            return perform_login(request, user, redirect_url=reverse("home"))
    return render(request, "accounts/accept_invitation.html", {"invitation": invitation, "form": form})
