"""The main navigation. Each item names the roles that use it and the URL name of its page; an item appears
once its page exists (its URL name resolves) and the user holds one of its roles, so later pages fill the menu
by adding their URL, not by editing templates."""

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _

from regions.models import Membership

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

Role = Membership.Role


@dataclass(frozen=True)
class NavItem:
    label: "StrOrPromise"
    url_name: str
    roles: frozenset[str]


NAV_ITEMS = (
    NavItem(_("Woningen"), "placements:dwelling_list", frozenset({Role.COORDINATOR, Role.CORPORATION_STAFF})),
    NavItem(_("Cliënten"), "placements:case_list", frozenset({Role.COORDINATOR, Role.CARE_WORKER})),
    NavItem(
        _("Voordrachten"),
        "placements:placement_list",
        frozenset({Role.COORDINATOR, Role.CORPORATION_STAFF, Role.CARE_WORKER}),
    ),
    NavItem(_("Dashboard"), "placements:dashboard", frozenset({Role.COORDINATOR, Role.MANAGER})),
    NavItem(_("Ons contingent"), "placements:dashboard_corporation", frozenset({Role.CORPORATION_STAFF})),
    NavItem(_("Onze cliënten in cijfers"), "placements:dashboard_care", frozenset({Role.CARE_WORKER})),
    NavItem(_("Rapportages"), "placements:report", frozenset({Role.COORDINATOR, Role.MANAGER})),
    NavItem(_("Afspraken"), "regions:agreement_list", frozenset({Role.COORDINATOR, Role.MANAGER})),
    NavItem(_("Mensen"), "accounts:organisations", frozenset({Role.ORG_ADMIN})),
)


def items_for(roles: set[str]) -> tuple[dict, ...]:
    """The menu entries for a user holding `roles`, in menu order."""
    return _items_for(frozenset(roles), get_script_prefix(), get_urlconf())


@cache
def _items_for(roles: frozenset[str], _script_prefix: str, _urlconf) -> tuple[dict, ...]:
    """Made once per set of roles and URL configuration (labels translate when shown)."""
    items = []
    for item in NAV_ITEMS:
        if not roles & item.roles:
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.append({"label": item.label, "url": url, "url_name": item.url_name})
    return tuple(items)
