"""The care provider's own file reference of a client (dossiernummer): how an import finds the client again. Never
a BSN or a name, once per provider, and shown to the provider's care workers only."""

import pytest

from placements.records.forms import OutflowCaseForm
from tests.factories import OutflowCaseFactory


def case_data(party, reference):
    return {
        "care_provider": party.care_provider.pk, "region": party.region.pk, "provider_reference": reference,
        "origin": "bw", "target_group": "adult", "household_size": 1, "support_level": "light", "min_rooms": 1,
        "ready_on": "2026-01-15",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("123456782", "Dit lijkt een BSN"),
        # As a BSN is written in files (the attacker's probe got these past the bare-digits check).
        ("1234.56.782", "Dit lijkt een BSN"),
        ("123-456-782", "Dit lijkt een BSN"),
        ("BSN123456782", "Dit lijkt een BSN"),
        ("123456782-1", "Dit lijkt een BSN"),
        ("Jansen_Piet_1980-05-12", "geboortedatum"),
        ("Jan Jansen", "zonder spaties"),
        ("DOS-1", "Deze zorgaanbieder heeft al een cliënt met dit dossiernummer."),
    ],
)
def test_the_client_form_refuses_a_bsn_a_name_or_a_used_file_reference(users, party, reference, message):
    OutflowCaseFactory(care_provider=party.care_provider, region=party.region, provider_reference="DOS-1")
    form = OutflowCaseForm(data=case_data(party, reference), user=users["care_worker_c"])
    assert not form.is_valid()
    assert message in str(form.errors)


def test_another_provider_may_use_the_same_file_reference(users, party):
    OutflowCaseFactory(care_provider=party.other_care_provider, region=party.region, provider_reference="DOS-1")
    assert OutflowCaseForm(data=case_data(party, "DOS-1"), user=users["care_worker_c"]).is_valid()


def test_only_the_providers_care_workers_see_the_file_reference(client, users, party):
    case = OutflowCaseFactory(care_provider=party.care_provider, region=party.region, provider_reference="DOS-77")
    for visitor, shown in (("care_worker_c", True), ("coordinator", False)):
        client.force_login(users[visitor])
        assert ("DOS-77" in client.get(f"/clienten/{case.pk}/").content.decode()) == shown


@pytest.mark.parametrize("reference", ["DOS-1", "2024-001", "ZA/2026/0042", "12345678"])
def test_ordinary_file_references_pass(reference):
    from placements.validators import validate_provider_reference

    validate_provider_reference(reference)  # raises ValidationError when refused
