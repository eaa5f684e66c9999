"""Changes to accounts: deactivating and reactivating (each ends every session of the account, so that a session
of before can never come back to life), and what an organisation administrator does for their own organisation's
people: invite them, give and take their roles, deactivate and reactivate them. Never beyond that organisation,
never to an administrator's account (is_staff/is_superuser), and never leaving an organisation without an active
administrator by their own hand."""

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from regions.access import forget_access, organisation_ids_now
from regions.models import Membership, Organisation
from weerthuis.accounts.events import record
from weerthuis.accounts.models import SignInEvent
from weerthuis.accounts.sessions import end_sessions_of

Role = Membership.Role


def deactivate(*, user, by, request: HttpRequest | None = None, reason: str = "") -> None:
    """Deactivates `user` and ends all their sessions; recorded as a sign-in event."""
    with transaction.atomic():
        type(user).objects.filter(pk=user.pk).update(is_active=False)
        user.is_active = False
        end_sessions_of(user)
        record(SignInEvent.Kind.DEACTIVATED, user=user, by=by, detail=reason, request=request)


def reactivate(*, user, by, request: HttpRequest | None = None) -> None:
    """Reactivates `user`. Sessions are ended again: one that escaped the deactivation (made while it ran) must not
    open now. The person signs in afresh, second factor included."""
    with transaction.atomic():
        type(user).objects.filter(pk=user.pk).update(is_active=True)
        user.is_active = True
        end_sessions_of(user)
        record(SignInEvent.Kind.REACTIVATED, user=user, by=by, request=request)


# --- Organisation administrators: invitations, roles and (de)activation of their own organisation's people.


class AccountChangeRefused(Exception):
    """A change an organisation administrator may not make (outside their organisation, an administrator's account,
    the last administrator). The message is Dutch and shown to the person as it is."""


def _lock_organisation(organisation: Organisation) -> Organisation:
    # Every change to who administers an organisation takes this lock first, so that two administrators removing
    # each other at the same moment cannot leave it with none.
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


def _require_admin(by, organisation: Organisation) -> None:
    if organisation.pk not in organisation_ids_now(by, Role.ORG_ADMIN):
        raise AccountChangeRefused(_("U bent geen beheerder van %(organisation)s.") % {"organisation": organisation})


def _require_ordinary_account(user) -> None:
    if user.is_staff or user.is_superuser:
        raise AccountChangeRefused(
            _("Dit is een account van een beheerder van de applicatie; alleen die beheerder kan het wijzigen.")
        )


def _require_member(user, organisation: Organisation) -> None:
    if not Membership.objects.filter(user=user, organisation=organisation).exists():
        raise AccountChangeRefused(
            _("%(person)s hoort niet bij %(organisation)s.") % {"person": user, "organisation": organisation}
        )


def _require_role_fits(role: str, organisation: Organisation) -> None:
    if role not in Membership.ROLE_KINDS or organisation.kind not in Membership.ROLE_KINDS[role]:
        raise AccountChangeRefused(
            _("Deze rol past niet bij een %(kind)s.") % {"kind": organisation.get_kind_display().lower()}
        )


def _other_active_admins(organisation: Organisation, *, besides) -> bool:
    return (
        Membership.objects.filter(organisation=organisation, role=Role.ORG_ADMIN, user__is_active=True)
        .exclude(user=besides)
        .exists()
    )


def _role_detail(role: str, organisation: Organisation) -> str:
    return f"{Membership.Role(role).label} – {organisation}"


def grant_role(*, user, organisation: Organisation, role: str, by, request: HttpRequest | None) -> bool:
    """Gives `user`, a member of `organisation`, `role` there; `by` administers it. The role must fit the kind of
    organisation. False when they already hold it (nothing changes)."""
    with transaction.atomic():
        organisation = _lock_organisation(organisation)
        _require_admin(by, organisation)
        _require_ordinary_account(user)
        _require_member(user, organisation)
        _require_role_fits(role, organisation)
        _membership, created = Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
        if created:
            record(
                SignInEvent.Kind.ROLE_GRANTED,
                user=user,
                by=by,
                organisation=organisation,
                detail=_role_detail(role, organisation),
                request=request,
            )
    forget_access(user)
    return created


def revoke_role(*, user, organisation: Organisation, role: str, by, request: HttpRequest | None) -> bool:
    """Takes `role` in `organisation` from `user`; `by` administers it. Refused for the last active administrator
    removing that role from themselves, and for a person's last role when they belong to no other organisation
    (deactivate them instead, so that no account without an administrator stays open). False when they do not
    hold the role."""
    with transaction.atomic():
        organisation = _lock_organisation(organisation)
        _require_admin(by, organisation)
        _require_ordinary_account(user)
        _require_member(user, organisation)
        membership = Membership.objects.filter(user=user, organisation=organisation, role=role).first()
        if membership is None:
            return False
        if role == Role.ORG_ADMIN and user.pk == by.pk and not _other_active_admins(organisation, besides=user):
            raise AccountChangeRefused(
                _("U bent de laatste beheerder van %(organisation)s. Maak eerst iemand anders beheerder.")
                % {"organisation": organisation}
            )
        others = Membership.objects.filter(user=user).exclude(pk=membership.pk)
        if not others.exists():
            raise AccountChangeRefused(
                _(
                    "Dit is de laatste rol van %(person)s. Deactiveer het account als deze persoon niet meer bij uw "
                    "organisatie werkt."
                )
                % {"person": user}
            )
        membership.delete()
        record(
            SignInEvent.Kind.ROLE_REVOKED,
            user=user,
            by=by,
            organisation=organisation,
            detail=_role_detail(role, organisation),
            request=request,
        )
    forget_access(user)
    return True


def _require_whole_scope(user, by) -> list[Organisation]:
    """`user`'s organisations, each administered by `by`; refused when any is not (or there are none)."""
    member_of = Membership.objects.filter(user=user).values("organisation_id")
    organisations = list(Organisation.objects.filter(pk__in=member_of).order_by("pk").select_for_update())
    administered = organisation_ids_now(by, Role.ORG_ADMIN)
    if not organisations:
        raise AccountChangeRefused(_("%(person)s hoort niet bij uw organisatie.") % {"person": user})
    outside = [organisation for organisation in organisations if organisation.pk not in administered]
    if outside:
        raise AccountChangeRefused(
            _(
                "%(person)s werkt ook voor %(organisations)s, waarvan u geen beheerder bent. Vraag de beheerder van "
                "die organisatie om de rol daar af te nemen, of de beheerder van de applicatie om het account te "
                "deactiveren."
            )
            % {"person": user, "organisations": ", ".join(str(o) for o in outside)}
        )
    return organisations


def deactivate_member(*, user, by, request: HttpRequest | None) -> bool:
    """Deactivates `user` and ends all their sessions (`deactivate`), when every organisation they belong to is one
    `by` administers. The last active administrator of an organisation cannot deactivate themselves. False when
    already inactive."""
    with transaction.atomic():
        organisations = _require_whole_scope(user, by)
        _require_ordinary_account(user)
        if not user.is_active:
            return False
        if user.pk == by.pk:
            for organisation in organisations:
                if not _other_active_admins(organisation, besides=user):
                    raise AccountChangeRefused(
                        _("U bent de laatste beheerder van %(organisation)s. Maak eerst iemand anders beheerder.")
                        % {"organisation": organisation}
                    )
        deactivate(user=user, by=by, request=request)
    forget_access(user)
    return True


def reactivate_member(*, user, by, request: HttpRequest | None) -> bool:
    """Reactivates `user` (`reactivate`: sessions of before stay ended), when every organisation they belong to is
    one `by` administers. False when already active."""
    with transaction.atomic():
        _require_whole_scope(user, by)
        _require_ordinary_account(user)
        if user.is_active:
            return False
        reactivate(user=user, by=by, request=request)
    forget_access(user)
    return True


def reset_second_factor(*, user, by, request: HttpRequest | None) -> bool:
    """Removes every authenticator of `user` (app, security keys, recovery codes) and ends their sessions, so that
    they set up a second factor again at their next sign-in (a lost phone without recovery codes). Same reach as
    deactivating. False when they had none."""
    from allauth.mfa.models import Authenticator

    with transaction.atomic():
        _require_whole_scope(user, by)
        _require_ordinary_account(user)
        removed, _detail = Authenticator.objects.filter(user=user).delete()
        if not removed:
            return False
        end_sessions_of(user)
        record(SignInEvent.Kind.FACTOR_REMOVED, user=user, by=by, detail=_("opnieuw in te stellen"), request=request)
    return True
