"""Fixtures of the retention tests: clients closed on a given day, with everything the retention removes."""

from datetime import UTC, date, datetime

import pytest

from placements.models import AccessLogEntry, OutflowCase, Placement


@pytest.fixture
def closed_client(party, dwelling, users):
    """Make a client closed on `closed_on` (or still open with `status`), with barriers, a preferred
    municipality, urgency, and a placement whose free text says something about the client."""

    def make(closed_on: date | None, status: str = "closed") -> OutflowCase:
        case = OutflowCase.objects.create(
            reference=f"ZAA-2021-{OutflowCase.objects.count() + 1:04d}",
            care_provider=party.care_provider,
            region=party.region,
            origin="ggz",
            target_group="youth",
            household_size=2,
            support_level="intensive",
            needs_ground_floor=True,
            min_rooms=2,
            ready_on=date(2021, 1, 4),
            urgency="granted",
            urgency_reason="Dakloos na huisuitzetting",
            urgency_decision_note="Toegekend wegens kinderen",
            barriers=["rent_arrears", "nuisance"],
            status=status,
            closed_reason="aftercare_ended" if status == "closed" else "",
            closed_on=closed_on,
        )
        case.preferred_municipalities.add(party.region.centre_municipality)
        Placement.objects.create(
            dwelling=dwelling,
            case=case,
            status="declined",
            decline_reason="other",
            declined_by="client",
            decision_note="Terugval in middelengebruik, opgenomen in de GGZ.",
            override_reason="Spreidingsregel bewust overschreden.",
            support_arrangement="Twee keer per week begeleiding.",
            early_move_reason="Kamer kwam eerder vrij.",
            proposed_at=datetime(2021, 2, 1, 10, tzinfo=UTC),
            proposed_by=users["coordinator"],
        )
        return case

    return make


@pytest.fixture
def logged(users):
    """Make an access-log line about `reference` written at `at`."""

    def make(at: datetime, reference: str = "ZAA-2021-0001") -> AccessLogEntry:
        entry = AccessLogEntry.objects.create(
            user=users["coordinator"], action="view", case_references=[reference], case_count=1, path="/clienten/1/"
        )
        AccessLogEntry.objects.filter(pk=entry.pk).update(at=at)
        return entry

    return make
