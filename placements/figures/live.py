"""Live figures: every committed change that affects a region's figures requests a recompute of that region.

Receivers of the save and delete signals of the records the figure statements read (homes, clients, placements)
and of the regions' agreements, municipality splits, dispersion rules and neighbourhoods (registered by
placements, since regions never imports placements) note which regions a change touches. After the commit one
callback per transaction writes one waiting request per region (`services.queue_live_run`, the outbox) and hands
it to the broker with a countdown (`tasks.hand_over`): changes in the meantime join the same request; a change
while the region's run is running leaves one request that runs after it. Without a broker the run happens at once,
in the process that committed. The receivers only note ids: no query inside the writer's transaction.

A home's or placement's region is kept by a database trigger and is not on a newly saved instance, so homes,
agreements and neighbourhoods are noted by id and their regions read after the commit, in one query each.
Writes that send no signal (a queryset's update(), the retention's reduction, raw SQL) request nothing; an import
notes the homes it bulk-creates itself (`note_created`). The nightly run stays the full, authoritative one."""

import threading
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Model

from placements.models import Dwelling, OutflowCase, Placement
from regions.models import Agreement, DispersionRule, Municipality, MunicipalityQuota, Neighbourhood, Region


@dataclass
class Pending:
    """What this thread's committed changes touch, until the after-commit callback takes it."""

    regions: set[int] = field(default_factory=set)
    dwellings: set[int] = field(default_factory=set)
    cases: set[int] = field(default_factory=set)
    agreements: set[int] = field(default_factory=set)
    neighbourhoods: set[int] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.regions or self.dwellings or self.cases or self.agreements or self.neighbourhoods)


# Per thread, as Django's database connection is: what this thread's transaction noted.
_local = threading.local()


def _pending() -> Pending:
    pending: Pending | None = getattr(_local, "pending", None)
    if pending is None:
        pending = _local.pending = Pending()
    return pending


def _note(instance: Model) -> None:
    """Note the regions `instance`'s change affects. What a rolled-back transaction noted is taken by the next
    commit's callback (at worst one recompute too many; regions that no longer exist are left out)."""
    pending = _pending()
    if isinstance(instance, Dwelling):
        pending.dwellings.add(instance.pk)
        if instance.region_id:  # the region it had when read: a home moved to another region changes both
            pending.regions.add(instance.region_id)
    elif isinstance(instance, Placement):
        pending.dwellings.add(instance.dwelling_id)  # quota and dispersion: the home's region
        if instance.region_id:
            pending.regions.add(instance.region_id)
        pending.cases.add(instance.case_id)  # flow: the client's region
    elif isinstance(instance, (OutflowCase, Agreement, DispersionRule, Municipality)):
        pending.regions.add(instance.region_id)  # a municipality moved to another region: its new region
    elif isinstance(instance, MunicipalityQuota):
        pending.agreements.add(instance.agreement_id)
    elif isinstance(instance, Neighbourhood):
        pending.neighbourhoods.add(instance.pk)
    transaction.on_commit(request_runs, robust=True)


def note_created(model: type[Dwelling] | type[OutflowCase], pks: list[int]) -> None:
    """For writes that send no signal (an import's bulk_create): note the new homes or clients by id, as the
    receivers do, so the commit requests their regions' recompute once."""
    if not pks:
        return
    pending = _pending()
    (pending.dwellings if model is Dwelling else pending.cases).update(pks)
    transaction.on_commit(request_runs, robust=True)


def changed(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    """Receiver for post_save and post_delete of the models in LIVE_MODELS."""
    if kwargs.get("raw"):  # loading fixtures
        return
    _note(instance)


LIVE_MODELS: tuple[type[Model], ...] = (
    Dwelling,
    OutflowCase,
    Placement,
    Agreement,
    MunicipalityQuota,
    DispersionRule,
    Neighbourhood,
    Municipality,
)


def regions_to_recompute(pending: Pending) -> set[int]:
    """The existing regions the noted changes touch: a query per kind of noted id, whatever their number."""
    regions = set(pending.regions)
    if pending.dwellings:
        regions.update(Dwelling.objects.filter(pk__in=pending.dwellings).values_list("region_id", flat=True))
    if pending.cases:
        regions.update(OutflowCase.objects.filter(pk__in=pending.cases).values_list("region_id", flat=True))
    if pending.agreements:
        regions.update(Agreement.objects.filter(pk__in=pending.agreements).values_list("region_id", flat=True))
    if pending.neighbourhoods:
        regions.update(
            Municipality.objects.filter(neighbourhoods__in=pending.neighbourhoods).values_list("region_id", flat=True)
        )
    regions.discard(None)  # type: ignore[arg-type]
    return set(Region.objects.filter(pk__in=regions).values_list("pk", flat=True)) if regions else set()


def request_runs() -> None:
    """After a commit: one waiting request per touched region, handed to the broker (best effort: the outbox
    pass hands over what the broker did not take). The first callback of a commit takes all that was noted;
    the others find nothing."""
    from placements.figures.services import queue_live_run
    from placements.figures.tasks import hand_over

    pending = _pending()
    if not pending:
        return
    _local.pending = Pending()
    for region_id in sorted(regions_to_recompute(pending)):
        queue_live_run(region_id=region_id)
        hand_over(region_id=region_id)
