"""Retention (placements/audit/retention.py): a client closed past the period is reduced to the anonymous facts
the figures need and its history deleted; one just inside and open clients are untouched; access-log lines past
their period are deleted and younger ones kept; the work goes in batches and is the same when run twice."""

import time
from datetime import UTC, date, datetime

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from placements.audit.retention import apply_retention, years_before
from placements.models import AccessLogEntry, OutflowCase, Placement, RetentionRun
from placements.records.services import TransitionNotAllowed, reopen_case

pytestmark = pytest.mark.django_db
CaseEvent = apps.get_model("placements", "OutflowCaseEvent")
PlacementEvent = apps.get_model("placements", "PlacementEvent")
TODAY = date(2024, 3, 1)  # clients closed before 1 March 2022 are due, access-log lines from before 1 March 2019


def history_of(case: OutflowCase) -> int:
    placements = Placement.objects.filter(case=case).values("pk")
    return (
        CaseEvent.objects.filter(pgh_obj_id=case.pk).count()
        + PlacementEvent.objects.filter(pgh_obj_id__in=placements).count()
    )


CASE_FACTS = ["region_id", "care_provider_id", "origin", "target_group", "household_size", "support_level",
              "ready_on", "status", "closed_reason", "closed_on"]  # fmt: skip
PLACEMENT_FACTS = ["dwelling_id", "status", "decline_reason", "declined_by", "proposed_at", "moved_in_on", "ended_on"]


def test_a_client_closed_past_the_period_keeps_only_what_the_figures_need(closed_client, users):
    case = closed_client(date(2022, 2, 28))
    OutflowCase.objects.filter(pk=case.pk).update(provider_reference="DOS-2019-0042")
    facts = OutflowCase.objects.filter(pk=case.pk).values(*CASE_FACTS).get()
    placement_facts = Placement.objects.filter(case=case).values(*PLACEMENT_FACTS).get()
    assert history_of(case) > 0

    run = apply_retention(today=TODAY)

    case.refresh_from_db()
    assert case.reference == f"anon-{case.pk}" and case.anonymised_at is not None
    assert (case.barriers, case.urgency, case.needs_ground_floor, case.min_rooms) == ([], "none", False, 1)
    assert (case.urgency_reason, case.urgency_decision_note) == ("", "")
    assert case.provider_reference == ""  # the provider's file reference leads back to the person
    assert not case.preferred_municipalities.exists()
    placement = case.placements.get()
    assert (placement.decision_note, placement.override_reason, placement.support_arrangement) == ("", "", "")
    assert placement.early_move_reason == ""  # every note about the client, also one added after the retention
    # What the figures count stays.
    assert OutflowCase.objects.filter(pk=case.pk).values(*CASE_FACTS).get() == facts
    assert Placement.objects.filter(case=case).values(*PLACEMENT_FACTS).get() == placement_facts
    assert history_of(case) == 0
    assert (run.cases_reduced, run.placements_reduced, run.complete) == (1, 1, True)
    assert run.history_deleted >= 2
    assert not OutflowCase.objects.visible_to(users["coordinator"]).filter(pk=case.pk).exists()


def test_a_client_closed_just_inside_the_period_is_untouched(closed_client):
    case = closed_client(years_before(TODAY, 2))  # closed exactly two years ago: the period has not passed
    events = history_of(case)

    apply_retention(today=TODAY)

    case.refresh_from_db()
    assert case.anonymised_at is None and case.reference.startswith("ZAA-")
    assert case.placements.get().decision_note and history_of(case) == events


@pytest.mark.parametrize("status", ["waiting", "matched", "housed"])
def test_an_open_client_is_never_reduced_however_old(closed_client, status):
    case = closed_client(None, status=status)

    assert apply_retention(today=date(2040, 1, 1)).cases_reduced == 0

    case.refresh_from_db()
    assert case.anonymised_at is None and case.barriers


def test_access_log_lines_past_the_period_go_and_younger_ones_stay(logged):
    old = logged(datetime(2019, 2, 28, 22, 59, tzinfo=UTC))  # 23:59 on 28 February in Amsterdam
    young = logged(datetime(2019, 2, 28, 23, 0, tzinfo=UTC))  # 00:00 on 1 March: exactly five years ago

    assert apply_retention(today=TODAY).access_log_deleted == 1

    assert list(AccessLogEntry.objects.values_list("pk", flat=True)) == [young.pk]
    assert not AccessLogEntry.objects.filter(pk=old.pk).exists()


@override_settings(RETENTION_BATCH_SIZE=2)
def test_it_works_in_batches_until_nothing_is_left(closed_client, logged):
    for _ in range(5):
        closed_client(date(2021, 6, 1))
    for _ in range(3):
        logged(datetime(2018, 1, 1, tzinfo=UTC))

    run = apply_retention(today=TODAY)

    assert (run.cases_reduced, run.access_log_deleted, run.complete) == (5, 3, True)
    assert not OutflowCase.objects.filter(anonymised_at__isnull=True).exists()


def test_a_run_past_its_deadline_stops_and_the_next_goes_on(closed_client, logged):
    closed_client(date(2021, 6, 1))
    logged(datetime(2018, 1, 1, tzinfo=UTC))

    stopped = apply_retention(today=TODAY, deadline=time.monotonic() - 1)
    assert (stopped.cases_reduced, stopped.access_log_deleted, stopped.complete) == (0, 0, False)

    again = apply_retention(today=TODAY)
    assert (again.cases_reduced, again.access_log_deleted, again.complete) == (1, 1, True)


@override_settings(ACCESS_LOG_RETENTION_YEARS=4)
def test_an_access_log_period_under_five_years_is_refused(logged):
    line = logged(datetime(2019, 6, 1, tzinfo=UTC))  # four and a half years old

    with pytest.raises(ImproperlyConfigured, match="NEN 7513"):
        apply_retention(today=TODAY)

    assert AccessLogEntry.objects.filter(pk=line.pk).exists() and not RetentionRun.objects.exists()


def test_leap_day_counts_back_to_28_february():
    assert years_before(date(2024, 2, 29), 2) == date(2022, 2, 28)


def test_an_anonymised_client_cannot_be_reopened(closed_client, users):
    case = closed_client(date(2021, 6, 1))
    apply_retention(today=TODAY)

    with pytest.raises(TransitionNotAllowed, match="geanonimiseerd"):
        reopen_case(case_id=case.pk, by=users["care_worker_c"])

    case.refresh_from_db()
    assert case.status == "closed"
