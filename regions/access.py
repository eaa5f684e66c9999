"""Who may see what: the one place where access is decided from memberships (docs/architecture.md, "Where access is decided").

Every view, export, admin queryset and task that reads on behalf of a person asks `access_for(user)`. It fails
closed: an anonymous or inactive user, or one without memberships, gets empty sets, whatever flags
(`is_staff`, `is_superuser`) the account carries. The Django admin is the administrator's tool and is not
governed by this module.
"""

from dataclasses import dataclass
from functools import cached_property
from hashlib import sha256
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseBase

from regions.models import Membership, Organisation, Region

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from django.views import View

    # Whom a request or a task acts for: a signed-in user, the anonymous visitor, or nobody.
    AnyUser = User | AnonymousUser | None

    # RoleRequiredMixin is mixed into class-based views: checked as one, a plain class at run time.
    _ViewBase = View
else:
    _ViewBase = object

Role = Membership.Role


@dataclass(frozen=True)
class Grant:
    """One membership, with the regions its organisation works in."""

    organisation_id: int
    organisation_kind: str
    role: str
    region_ids: frozenset[int]


@dataclass(frozen=True)
class Access:
    grants: tuple[Grant, ...]

    @cached_property
    def scope(self) -> str:
        """A digest of every grant (organisation, its kind, role, regions): equal for two users exactly when
        their access is equal. Every cache key for something access decides is made from it (`cache_key`)."""
        described = ";".join(
            f"{g.organisation_id}/{g.organisation_kind}/{g.role}/{','.join(map(str, sorted(g.region_ids)))}"
            for g in self.grants
        )
        return sha256(described.encode()).hexdigest()[:32]

    def _matching(self, roles: tuple[str, ...]) -> list[Grant]:
        return [g for g in self.grants if not roles or g.role in roles]

    def has_role(self, *roles: str) -> bool:
        """True when the user holds any of `roles` (any role at all when none are named)."""
        return bool(self._matching(roles))

    def roles(self) -> set[str]:
        return {g.role for g in self.grants}

    def region_ids(self, *roles: str) -> set[int]:
        """Regions in which the user holds any of `roles` (any role when none are named)."""
        return {region_id for g in self._matching(roles) for region_id in g.region_ids}

    def organisation_ids(self, *roles: str) -> set[int]:
        """Organisations in which the user holds any of `roles` (any role when none are named)."""
        return {g.organisation_id for g in self._matching(roles)}


NO_ACCESS = Access(grants=())


def cache_key(user: "AnyUser", *parts: object) -> str:
    """The cache key for something made for `user` under their access: a count of a list, a filter form, a
    figure fragment. Derived from the grants themselves, so that two users whose access differs in any way never
    share an entry, whatever rule decides what each sees; `parts` say what else the entry depends on (page,
    query, language, version)."""
    return ":".join(["scoped", access_for(user).scope, *map(str, parts)])


def visible_regions(user: "AnyUser", *roles: str) -> QuerySet[Region]:
    """The regions in which the user holds any of `roles` (any role when none are named); none for anyone else."""
    return Region.objects.filter(pk__in=access_for(user).region_ids(*roles))


_CACHE_ATTR = "_weerthuis_access"


def access_for(user: "AnyUser") -> Access:
    """The user's grants, read with one query and remembered on the user object for the rest of the request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NO_ACCESS
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    rows = Membership.objects.filter(user=user).values_list(
        "organisation_id", "organisation__kind", "role", "organisation__regions"
    )
    grants: dict[tuple[int, str], tuple[str, set[int]]] = {}
    for organisation_id, kind, role, region_id in rows:
        _kind, regions = grants.setdefault((organisation_id, role), (kind, set()))
        if region_id is not None:
            regions.add(region_id)
    access = Access(
        grants=tuple(
            Grant(organisation_id=org_id, organisation_kind=kind, role=role, region_ids=frozenset(regions))
            for (org_id, role), (kind, regions) in sorted(grants.items())
        )
    )
    setattr(user, _CACHE_ATTR, access)
    return access


def organisation_ids_now(user: "AnyUser", role: str) -> set[int]:
    """Organisations in which the user holds `role`, read from the database now rather than from the grants
    remembered for the request: for a service that changes memberships, inside its transaction, after its locks."""
    if user is None or not user.is_authenticated:
        return set()
    rows = Membership.objects.filter(user_id=user.pk, user__is_active=True, role=role)
    return set(rows.values_list("organisation_id", flat=True))


def forget_access(user: "AnyUser") -> None:
    """Drops the grants remembered on `user`: after their memberships changed, the next `access_for` reads anew."""
    if user is not None and hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)  # not via __dict__: request.user is a lazy object that passes this on


class RoleRequiredMixin(_ViewBase):
    """For class-based views: signed in and holding one of `roles`, else 403 (managers on client pages, say).

    Which *records* the user may see is decided by the view's queryset (`visible_to`), which answers 404 for
    another organisation's record."""

    roles: tuple[str, ...] = ()

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # Imported here: auth's views import its forms, which need the user model, and this module is imported
        # while models load.
        from django.contrib.auth.views import redirect_to_login

        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not access_for(request.user).has_role(*self.roles):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


# --- The region's agreements and dispersion rules (regions.views) ---------------------------------------------

# Coordinators keep their region's agreements and rules; managers read them beside the figures they report on.
AGREEMENT_READERS: tuple[str, ...] = (Role.COORDINATOR, Role.MANAGER)
AGREEMENT_EDITORS: tuple[str, ...] = (Role.COORDINATOR,)


def agreement_region_ids(user: "AnyUser", *, edit: bool = False) -> set[int]:
    """The regions whose agreements and dispersion rules the user reads (coordinators and managers) or, with
    `edit`, changes (coordinators only)."""
    return access_for(user).region_ids(*(AGREEMENT_EDITORS if edit else AGREEMENT_READERS))


# --- An organisation's API tokens (placements.api) ------------------------------------------------------------

# The roles a token acts in, by its organisation's kind: what the API offers each (DESIGN.md, "API"). Corporations
# keep their homes and decide the proposals on them; every organisation's token reads its regions' stored figures,
# as its managers do. No token holds a role that reads client files (coordinator, care worker).
TOKEN_ROLES: dict[str, tuple[str, ...]] = {
    Organisation.Kind.CORPORATION: (Role.CORPORATION_STAFF, Role.MANAGER),
    Organisation.Kind.MUNICIPALITY: (Role.MANAGER,),
    Organisation.Kind.CARE_PROVIDER: (Role.MANAGER,),
}


def organisation_access(organisation_id: int) -> Access:
    """The grants an API token of the organisation acts with: one per role of TOKEN_ROLES for its kind, in the
    regions the organisation works in. Read with one query; none for an unknown organisation."""
    rows = list(Organisation.objects.filter(pk=organisation_id).values_list("kind", "regions"))
    if not rows:
        return NO_ACCESS
    kind = rows[0][0]
    regions = frozenset(region_id for _kind, region_id in rows if region_id is not None)
    return Access(
        grants=tuple(
            Grant(organisation_id=organisation_id, organisation_kind=kind, role=role, region_ids=regions)
            for role in sorted(TOKEN_ROLES.get(kind, ()))
        )
    )


def act_for_organisation(user: "User", organisation_id: int) -> "User":
    """Makes `user` (the token's creator, to whom history and the access log attribute the calls) act with the
    organisation's token grants instead of their own for the rest of the request: every `access_for(user)` —
    querysets, services, the access log — then answers with `organisation_access`. Fails closed like
    `access_for`: an inactive user still gets no access."""
    setattr(user, _CACHE_ATTR, organisation_access(organisation_id))
    return user
