"""The work list on the start page: per role, what waits for this person, each item linking to where the step is
taken. Every section is one query (a slice of at most LIMIT rows, one more to know whether the list goes on), so
the page's query count does not grow with the number of items; every query starts from the models' access
querysets (`visible_to`, `coordinated_by`), so another organisation's or region's work never shows."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from placements.models import Dwelling, OutflowCase, Placement, QuotaFigure
from regions.access import access_for
from regions.models import Membership

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from regions.access import AnyUser

Role = Membership.Role
Status = Placement.Status
LIMIT = 10
# A care worker sees the decisions on their clients of this many days.
RECENT_DECISION_DAYS = 14


@dataclass(frozen=True)
class WorkItem:
    text: str
    url: str
    detail: str = ""
    reference: str = ""  # the client's, when the item shows one (the start page logs it: NEN 7513)


@dataclass
class WorkSection:
    key: str
    title: str
    empty: str
    items: list[WorkItem] = field(default_factory=list)
    more_url: str = ""  # set when there are more than LIMIT items: the list page where all are


def day_text(moment: datetime | date) -> str:
    """A date, or a moment as its date in Dutch time, as "3 maart 2026"."""
    if isinstance(moment, datetime):
        moment = timezone.localtime(moment).date()
    return date_format(moment, "j F Y")


def _section(key: str, title: str, empty: str, rows: list, item, more_url: str) -> WorkSection:
    return WorkSection(
        key=key,
        title=title,
        empty=empty,
        items=[item(row) for row in rows[:LIMIT]],
        more_url=more_url if len(rows) > LIMIT else "",
    )


def _placement_item(placement: Placement, detail: str) -> WorkItem:
    return WorkItem(
        text=_("Cliënt %(reference)s – %(home)s")
        % {"reference": placement.case.reference, "home": placement.dwelling.street_and_place},
        url=reverse("placements:placement_detail", args=[placement.pk]),
        detail=detail,
        reference=placement.case.reference,
    )


def _placements(user: "AnyUser") -> "QuerySet[Placement]":
    return Placement.objects.visible_to(user).select_related("dwelling", "case")


def _accepted_detail(placement: Placement) -> str:
    if placement.keys_planned_on is not None:
        return _("sleuteloverdracht gepland op %(day)s") % {"day": date_format(placement.keys_planned_on, "j F Y")}
    assert placement.decided_at is not None  # an accepted placement was decided
    return _("geaccepteerd op %(day)s, nog geen datum voor de sleutels") % {"day": day_text(placement.decided_at)}


def for_corporation(user: "AnyUser") -> list[WorkSection]:
    corporations = access_for(user).organisation_ids(Role.CORPORATION_STAFF)
    own = _placements(user).filter(dwelling__corporation_id__in=corporations)
    list_url = reverse("placements:placement_list")
    awaiting = list(own.filter(status=Status.PROPOSED).order_by("proposed_at")[: LIMIT + 1])
    no_keys = list(own.filter(status=Status.ACCEPTED).order_by("decided_at")[: LIMIT + 1])
    return [
        _section(
            "awaiting_decision",
            _("Voordrachten die wachten op uw besluit"),
            _("Geen voordrachten die op uw besluit wachten."),
            awaiting,
            lambda p: _placement_item(p, _("voorgedragen op %(day)s") % {"day": day_text(p.proposed_at)}),
            list_url,
        ),
        _section(
            "accepted_without_keys",
            _("Geaccepteerd, sleutels nog niet overgedragen"),
            _("Geen geaccepteerde woningen zonder sleuteloverdracht."),
            no_keys,
            lambda p: _placement_item(p, _accepted_detail(p)),
            list_url,
        ),
    ]


def for_care_worker(user: "AnyUser") -> list[WorkSection]:
    providers = access_for(user).organisation_ids(Role.CARE_WORKER)
    since = timezone.now() - timedelta(days=RECENT_DECISION_DAYS)
    decisions = list(
        _placements(user)
        .filter(
            case__care_provider_id__in=providers,
            status__in=[Status.ACCEPTED, Status.DECLINED, Status.CANCELLED],
            decided_at__gte=since,
        )
        .exclude(decided_by_id=getattr(user, "pk", None))
        .order_by("-decided_at")[: LIMIT + 1]
    )
    waiting = list(
        OutflowCase.objects.visible_to(user)
        .filter(care_provider_id__in=providers, status=OutflowCase.Status.WAITING)
        .order_by("ready_on", "reference")[: LIMIT + 1]
    )
    return [
        _section(
            "decisions",
            _("Besluiten over uw cliënten"),
            _("Geen nieuwe besluiten over uw cliënten."),
            decisions,
            lambda p: _placement_item(
                p, _("%(status)s op %(day)s") % {"status": p.get_status_display(), "day": day_text(p.decided_at)}
            ),
            reverse("placements:placement_list"),
        ),
        _section(
            "waiting_longest",
            _("Uw cliënten die het langst wachten zonder voordracht"),
            _("Geen wachtende cliënten zonder voordracht."),
            waiting,
            lambda c: WorkItem(
                text=_("Cliënt %(reference)s") % {"reference": c.reference},
                url=reverse("placements:case_detail", args=[c.pk]),
                detail=_("wacht %(time)s") % {"time": c.waiting_time},
                reference=c.reference,
            ),
            reverse("placements:case_list"),
        ),
    ]


def for_coordinator(user: "AnyUser") -> list[WorkSection]:
    regions = access_for(user).region_ids(Role.COORDINATOR)
    in_region = _placements(user).filter(region_id__in=regions)
    stalled_before = timezone.now() - timedelta(days=settings.STALLED_PROPOSAL_DAYS)
    homes = list(
        Dwelling.objects.coordinated_by(user)
        .filter(status=Dwelling.Status.RESERVED)
        .order_by("reserved_on", "pk")[: LIMIT + 1]
    )
    stalled = list(
        in_region.filter(status=Status.PROPOSED, proposed_at__lte=stalled_before).order_by("proposed_at")[: LIMIT + 1]
    )
    urgency = list(
        OutflowCase.objects.coordinated_by(user)
        .filter(urgency=OutflowCase.Urgency.REQUESTED)
        .order_by("updated_at", "pk")[: LIMIT + 1]
    )
    overrides = list(
        in_region.filter(status__in=[Status.PROPOSED, Status.ACCEPTED])
        .exclude(override_reason="")
        .order_by("-proposed_at")[: LIMIT + 1]
    )
    placements_url = reverse("placements:placement_list")
    return [
        _section(
            "homes_without_proposal",
            _("Gereserveerde woningen zonder voordracht"),
            _("Alle gereserveerde woningen zijn voorgedragen."),
            homes,
            lambda d: WorkItem(
                text=d.street_and_place,
                url=reverse("placements:dwelling_candidates", args=[d.pk]),
                detail=_("gereserveerd op %(day)s") % {"day": day_text(d.reserved_on)},
            ),
            reverse("placements:dwelling_list"),
        ),
        _section(
            "stalled",
            _("Voordrachten zonder besluit na %(days)s dagen") % {"days": settings.STALLED_PROPOSAL_DAYS},
            _("Geen vastgelopen voordrachten."),
            stalled,
            lambda p: _placement_item(p, _("voorgedragen op %(day)s") % {"day": day_text(p.proposed_at)}),
            placements_url,
        ),
        _section(
            "urgency_requests",
            _("Aanvragen voor urgentie"),
            _("Geen openstaande aanvragen voor urgentie."),
            urgency,
            lambda c: WorkItem(
                text=_("Cliënt %(reference)s") % {"reference": c.reference},
                url=reverse("placements:case_detail", args=[c.pk]),
                detail=_("aangevraagd op %(day)s") % {"day": day_text(c.updated_at)},
                reference=c.reference,
            ),
            reverse("placements:case_list"),
        ),
        _section(
            "dispersion_overrides",
            _("Lopende voordrachten met afwijking van de spreidingsregel"),
            _("Geen lopende voordrachten met een afwijking."),
            overrides,
            lambda p: _placement_item(p, _("voorgedragen op %(day)s") % {"day": day_text(p.proposed_at)}),
            placements_url,
        ),
    ]


def headline_figures(user: "AnyUser", *, year: int) -> list[dict]:
    """Per region where the user is manager: the published quota, realised and in-progress totals of the year, in
    one aggregate query over the stored figures (no client-level data)."""
    regions = access_for(user).region_ids(Role.MANAGER)
    rows = (
        QuotaFigure.objects.filter(region_id__in=regions, year=year)
        .values("region_id", "region__name")
        .annotate(quota=Sum("quota"), realised=Sum("realised"), in_progress=Sum("in_progress"))
        .order_by("region__name")
    )
    return [{**row, "url": reverse("placements:dashboard_region", args=[row["region_id"]])} for row in rows]


def worklist(user: "AnyUser", *, today: date) -> dict:
    """The start page's work per role the user holds: sections of items, and for managers the headline figures."""
    access = access_for(user)
    sections: list[WorkSection] = []
    if access.has_role(Role.COORDINATOR):
        sections += for_coordinator(user)
    if access.has_role(Role.CORPORATION_STAFF):
        sections += for_corporation(user)
    if access.has_role(Role.CARE_WORKER):
        sections += for_care_worker(user)
    figures = headline_figures(user, year=today.year) if access.has_role(Role.MANAGER) else []
    references = sorted({item.reference for section in sections for item in section.items if item.reference})
    return {
        "sections": sections,
        "figures": figures,
        "is_manager": access.has_role(Role.MANAGER),
        "references": references,
    }
