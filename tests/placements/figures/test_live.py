"""Live figures (placements/figures/live.py): a committed change requests a recompute of its region only, changes
in a burst share one request, a change during a running run leaves exactly one follow-up, and a request the broker
did not take waits in the outbox. Real commits (transaction=True), so the after-commit hooks run as in production;
without a broker (the tests' eager mode) the run happens at once."""

from unittest import mock

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from placements.figures import tasks
from placements.matching.services import propose_placement
from placements.models import DispersionFigure, FigureRun, QuotaFigure
from regions.models import Region
from tests.factories import AgreementFactory, DispersionRuleFactory, DwellingFactory, NeighbourhoodFactory
from tests.helpers import form_values, poll

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def since(party, users, dwelling, case):
    """Everything set up (and each setup's live runs done): the runs after this are the test's."""
    AgreementFactory(region=party.region, corporation=party.corporation, quota=30, year=timezone.localdate().year)
    return FigureRun.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def new_runs(since):
    return list(FigureRun.objects.filter(pk__gt=since).order_by("pk"))


def test_a_proposal_recomputes_its_region_only_at_once_without_a_broker(party, users, dwelling, case, since):
    propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=users["coordinator"])
    (run,) = new_runs(since)
    assert (run.region_id, run.live, run.status) == (party.region.pk, True, FigureRun.Status.SUCCEEDED)
    assert run.as_of == timezone.localdate()
    assert QuotaFigure.objects.get(region=party.region, year=run.as_of.year).in_progress == 1
    assert not FigureRun.objects.filter(pk__gt=since).exclude(region=party.region).exists()  # not "Elders"


def test_ten_changes_in_a_burst_leave_one_request_handed_over_once_with_a_countdown(party, dwelling, since, settings):
    settings.FIGURES_LIVE_DELAY_SECONDS = 30
    with mock.patch.object(tasks.recompute_figures, "apply_async") as broker:
        for number in range(10):  # ten forms saved one after another, each its own commit
            dwelling.rooms = number + 1
            dwelling.save(update_fields=["rooms"])
    (run,) = new_runs(since)
    assert (run.region_id, run.status, run.live, run.attempts) == (party.region.pk, FigureRun.Status.QUEUED, True, 1)
    assert broker.call_count == 1
    assert broker.call_args.kwargs["args"] == [run.pk] and 20 < broker.call_args.kwargs["countdown"] <= 30


def test_a_change_during_a_running_run_leaves_exactly_one_follow_up(party, users, dwelling, case, since):
    first = FigureRun.objects.create(region=party.region)
    FigureRun.objects.filter(pk=first.pk).update(status=FigureRun.Status.RUNNING, started_at=timezone.now())
    propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=users["coordinator"])
    dwelling.refresh_from_db()
    dwelling.rooms = 5
    dwelling.save(update_fields=["rooms"])
    follow_ups = [run for run in new_runs(since) if run.pk != first.pk]
    assert [(run.live, run.status) for run in follow_ups] == [(True, FigureRun.Status.QUEUED)]  # it waits its turn
    # The first run ends (here: carried out by the task, which hands over what waited); the follow-up runs after it.
    FigureRun.objects.filter(pk=first.pk).update(status=FigureRun.Status.QUEUED, started_at=None)
    tasks.recompute_figures(first.pk)
    first.refresh_from_db()
    (follow_up,) = FigureRun.objects.filter(pk__in=[run.pk for run in follow_ups])
    assert (first.status, follow_up.status) == (FigureRun.Status.SUCCEEDED, FigureRun.Status.SUCCEEDED)
    assert follow_up.started_at >= first.finished_at
    assert len(new_runs(since)) == 2


def test_an_agreement_or_rule_change_recomputes_the_region(party, since):
    agreement = party.region.agreements.get()
    agreement.quota = 50
    agreement.save()
    assert QuotaFigure.objects.get(region=party.region, corporation=party.corporation).quota == 50
    DispersionRuleFactory(region=party.region, year=None, max_new_per_neighbourhood=7)
    assert set(DispersionFigure.objects.filter(region=party.region).values_list("limit_count", flat=True)) == {7}
    assert [run.region_id for run in new_runs(since)] == [party.region.pk, party.region.pk]


def test_an_agreement_saved_on_its_page_recomputes_the_region(client, party, users, since):
    agreement = party.region.agreements.get()
    client.force_login(users["coordinator"])
    url = reverse("regions:agreement_update", args=[agreement.pk])
    context = client.get(url).context
    data = form_values(context["form"], context["split"].management_form, *context["split"].forms)
    assert client.post(url, {**data, "quota": 45}).status_code == 302
    assert QuotaFigure.objects.get(region=party.region, corporation=party.corporation).quota == 45
    assert [(run.region_id, run.live) for run in new_runs(since)] == [(party.region.pk, True)]


def test_a_neighbourhoods_stock_recomputes_its_region(party, neighbourhood, since):
    neighbourhood.social_rent_stock = 1234
    neighbourhood.save()
    assert DispersionFigure.objects.filter(neighbourhood=neighbourhood, stock=1234).exists()
    assert [run.region_id for run in new_runs(since)] == [party.region.pk]


def test_a_change_in_another_region_does_not_recompute_this_one(party, users, since):
    elders = Region.objects.get(code="ELD")
    DwellingFactory(corporation=party.corporation, neighbourhood=NeighbourhoodFactory(municipality__region=elders))
    assert {run.region_id for run in new_runs(since)} == {elders.pk}  # the new neighbourhood's, the new home's


def test_the_task_delivered_twice_and_a_second_run_give_the_same_rows(party, dwelling, since):
    def rows():
        return sorted(
            tuple(sorted((k, v) for k, v in model_to_dict(f, exclude=["id", "run"]).items()))
            for f in QuotaFigure.objects.filter(region=party.region)
        )

    with mock.patch.object(tasks.recompute_figures, "apply_async"):
        dwelling.rooms = 4
        dwelling.save(update_fields=["rooms"])
    (run,) = new_runs(since)
    assert tasks.recompute_figures(run.pk) == FigureRun.Status.SUCCEEDED
    first = rows()
    assert tasks.recompute_figures(run.pk) == FigureRun.Status.SUCCEEDED  # the second delivery does nothing
    assert FigureRun.objects.get(pk=run.pk).finished_at is not None and rows() == first
    dwelling.save(update_fields=["rooms"])  # a second live run over the same data
    assert rows() == first and len(new_runs(since)) == 2


def test_a_request_the_broker_did_not_take_waits_in_the_outbox(party, dwelling, since, caplog):
    with mock.patch.object(tasks.recompute_figures, "apply_async", side_effect=OperationalError("Redis is weg")):
        dwelling.rooms = 3
        dwelling.save(update_fields=["rooms"])
    (run,) = new_runs(since)
    assert (run.status, run.handed_over_at, run.attempts) == (FigureRun.Status.QUEUED, None, 0)
    assert f"figure run {run.pk} not handed to the broker" in caplog.text
    assert tasks.hand_over_figure_runs()["handed_over"] == [run.pk]  # the broker is back (eager here)
    assert FigureRun.objects.get(pk=run.pk).status == FigureRun.Status.SUCCEEDED


@pytest.mark.redis
def test_a_worker_on_redis_carries_out_the_request_after_the_countdown(since, worker, party, dwelling, settings):
    settings.FIGURES_LIVE_DELAY_SECONDS = 1
    send = tasks.recompute_figures.apply_async
    # This test's worker listens on a queue of its own.
    with mock.patch.object(tasks.recompute_figures, "apply_async", lambda *a, **kw: send(*a, queue=worker, **kw)):
        dwelling.rooms = 2
        dwelling.save(update_fields=["rooms"])
    (run,) = new_runs(since)
    status = poll(lambda: FigureRun.objects.get(pk=run.pk).status, until=lambda s: s not in FigureRun.UNFINISHED)
    run.refresh_from_db()
    assert (status, run.live, run.region_id) == (FigureRun.Status.SUCCEEDED, True, party.region.pk)
    assert (run.started_at - run.queued_at).total_seconds() >= 1  # the countdown let further changes join it


def test_an_import_of_new_homes_recomputes_their_region_once(party, users, neighbourhood, since):
    from placements.imports import services as imports
    from tests.placements.imports.conftest import csv_bytes, home_row

    batch = imports.create_batch(
        kind="dwellings", file_name="w.csv", data=csv_bytes([home_row(n) for n in (1, 2, 3)]), by=users["corporation_a"]
    )
    imports.check_batch(batch_id=batch.pk)
    assert imports.confirm_batch(batch_id=batch.pk, by=users["corporation_a"])
    imports.import_batch(batch_id=batch.pk)
    (run,) = new_runs(since)  # the homes are bulk-created: no save signal, noted by the import itself
    assert (run.region_id, run.live, run.status) == (party.region.pk, True, FigureRun.Status.SUCCEEDED)
