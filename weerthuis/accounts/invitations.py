"""Invitations: an organisation administrator invites a person by e-mail to a role; the person accepts once, within
7 days, by choosing a username and a password. Only a SHA-256 hash of the link's token is stored."""

import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import ASCIIUsernameValidator
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from regions.models import Membership, Organisation
from weerthuis.accounts.events import record
from weerthuis.accounts.models import Invitation, SignInEvent, token_digest
from weerthuis.accounts.services import (
    AccountChangeRefused,
    _lock_organisation,
    _require_admin,
    _require_role_fits,
    _role_detail,
)


class InvitationNotValid(AccountChangeRefused):
    """The link is unknown, expired, used or revoked."""


def invite(*, organisation: Organisation, email: str, role: str, by, request: HttpRequest | None) -> Invitation:
    """Invites `email` to `role` in `organisation`, which `by` administers. Any unused invitation for the same
    address and role is revoked (its link stops working); the e-mail with the new link goes out after the commit.
    Refused when the role does not fit the organisation or the address is already an active member with it."""
    email = email.strip()
    with transaction.atomic():
        organisation = _lock_organisation(organisation)
        _require_admin(by, organisation)
        _require_role_fits(role, organisation)
        known = Membership.objects.filter(organisation=organisation, user__email__iexact=email)
        if known.filter(role=role, user__is_active=True).exists():
            raise AccountChangeRefused(
                _("%(email)s heeft deze rol al bij %(organisation)s.") % {"email": email, "organisation": organisation}
            )
        if known.exists():
            # An invitation would make a second account for the same person (and address).
            raise AccountChangeRefused(
                _(
                    "%(email)s heeft al een account bij %(organisation)s. Geef de rol, of activeer het account, op de "
                    "pagina van die persoon."
                )
                % {"email": email, "organisation": organisation}
            )
        if _address_taken(email):
            # Accepting would be refused: say so now, without telling which organisation has the account.
            raise AccountChangeRefused(
                _(
                    "Er is al een account met %(email)s. De beheerder van de applicatie kan dat account ook aan uw "
                    "organisatie koppelen."
                )
                % {"email": email}
            )
        now = timezone.now()
        Invitation.objects.unused().filter(organisation=organisation, role=role, email__iexact=email).update(
            revoked_at=now
        )
        token = secrets.token_urlsafe(32)
        invitation = Invitation.objects.create(
            organisation=organisation,
            email=email,
            role=role,
            token_hash=token_digest(token),
            invited_by=by,
            created_at=now,
            expires_at=now + Invitation.VALID_FOR,
        )
        record(
            SignInEvent.Kind.INVITED,
            by=by,
            organisation=organisation,
            detail=f"{email}: {_role_detail(role, organisation)}",
            request=request,
        )
        message = _invitation_mail(invitation, token=token, by=by)
        # Robust: a mail server that refuses leaves the invitation in place (it can be sent again), logged.
        transaction.on_commit(message.send, robust=True)
    return invitation


def _address_taken(email: str) -> bool:
    """An account has this address, as its own or among allauth's addresses."""
    return (
        get_user_model().objects.filter(email__iexact=email).exists()
        or EmailAddress.objects.filter(email__iexact=email).exists()
    )


def _invitation_mail(invitation: Invitation, *, token: str, by) -> EmailMessage:
    link = settings.SITE_URL.rstrip("/") + reverse("accounts:accept_invitation", args=[token])
    context = {
        "invitation": invitation,
        "role": invitation.get_role_display(),
        "link": link,
        "inviter": by.get_full_name() or by.get_username(),
    }
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + _("Uitnodiging voor Weer Thuis")
    body = render_to_string("accounts/email/invitation.txt", context)
    return EmailMessage(subject=subject, body=body, to=[invitation.email])


def open_invitation(token: str) -> Invitation:
    """The invitation whose link carries `token`, if it can still be accepted; else InvitationNotValid."""
    invitation = Invitation.objects.select_related("organisation").filter(token_hash=token_digest(token)).first()
    _require_open(invitation)
    assert invitation is not None
    return invitation


def _require_open(invitation: Invitation | None) -> None:
    if invitation is None:
        raise InvitationNotValid(
            _("Deze uitnodiging bestaat niet. Controleer of u de hele link uit de e-mail gebruikt.")
        )
    if invitation.accepted_at is not None:
        raise InvitationNotValid(_("Deze uitnodiging is al gebruikt. U kunt inloggen met uw gebruikersnaam."))
    if invitation.revoked_at is not None:
        raise InvitationNotValid(
            _("Deze uitnodiging is ingetrokken. Vraag de beheerder van uw organisatie om een nieuwe.")
        )
    if invitation.expired:
        raise InvitationNotValid(
            _("Deze uitnodiging is verlopen. Vraag de beheerder van uw organisatie om een nieuwe.")
        )


def accept_invitation(*, token: str, username: str, password: str, request: HttpRequest | None):
    """Makes the account an open invitation asks for: `username`, the invited address, `password` (checked by
    AUTH_PASSWORD_VALIDATORS: ValidationError on "password"), and the invited role. The invitation is used once:
    a second try, or one after it expired or was revoked, raises InvitationNotValid. Returns the new user."""
    User = get_user_model()
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("organisation")
            .filter(token_hash=token_digest(token))
            .first()
        )
        _require_open(invitation)
        assert invitation is not None
        try:
            # Letters of the Latin alphabet only: "beheerdеr" with a Cyrillic е would pass for "beheerder".
            ASCIIUsernameValidator()(username)
        except ValidationError as error:
            raise ValidationError({"username": error.error_list}) from error
        taken = ValidationError({"username": _("Deze gebruikersnaam is al in gebruik. Kies een andere.")})
        if User.objects.filter(username__iexact=username).exists():
            raise taken
        if _address_taken(invitation.email):
            raise InvitationNotValid(
                _("Er is al een account met dit e-mailadres. Vraag de beheerder van uw organisatie om hulp.")
            )
        user = User(username=username, email=invitation.email)
        try:
            validate_password(password, user=user)
        except ValidationError as error:
            raise ValidationError({"password": error.error_list}) from error
        user.set_password(password)
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError as error:  # the same name chosen at the same moment by someone else
            raise taken from error
        EmailAddress.objects.create(user=user, email=invitation.email, verified=True, primary=True)
        Membership.objects.create(user=user, organisation=invitation.organisation, role=invitation.role)
        invitation.accepted_at, invitation.accepted_user = timezone.now(), user
        invitation.save(update_fields=["accepted_at", "accepted_user"])
        record(
            SignInEvent.Kind.INVITATION_ACCEPTED,
            user=user,
            by=user,
            organisation=invitation.organisation,
            detail=_role_detail(invitation.role, invitation.organisation),
            request=request,
        )
    return user


def revoke_invitation(*, invitation: Invitation, by, request: HttpRequest | None) -> bool:
    """Revokes an unused invitation of an organisation `by` administers; its link stops working. False when it
    was already used or revoked (nothing changes)."""
    with transaction.atomic():
        _require_admin(by, invitation.organisation)
        changed = Invitation.objects.unused().filter(pk=invitation.pk).update(revoked_at=timezone.now())
    return bool(changed)
