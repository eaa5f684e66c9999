"""The split's sum is checked again in the database when saving: a municipality added by someone else after this
form was checked cannot together with this one push the split over the quota."""

import pytest

from regions.forms import AgreementForm, SplitExceeded, save_agreement, split_formset
from regions.models import MunicipalityQuota
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def test_a_split_over_the_quota_after_a_concurrent_addition_saves_nothing(coordinator, agreement, party):
    wormerland = MunicipalityFactory(region=party.region, cbs_code="GM0880", name="Wormerland")
    data = {
        "seen_version": agreement.version, "year": 2026, "quota": 30, "approaching_share": "0.80",
        "note": "Meer voor Zaanstad",
        "verdeling-TOTAL_FORMS": 1, "verdeling-INITIAL_FORMS": 0,
        "verdeling-0-municipality": party.region.centre_municipality.pk, "verdeling-0-quota": 20,
    }  # fmt: skip
    form = AgreementForm(data, instance=agreement, user=coordinator)
    assert form.is_valid(), form.errors
    split = split_formset(user=coordinator, agreement=form.instance, data=data)
    assert split.is_valid(), split.errors
    MunicipalityQuota.objects.create(agreement=agreement, municipality=wormerland, quota=15)  # someone else

    with pytest.raises(SplitExceeded, match=r"\(35\) is groter dan het contingent \(30\)"):
        save_agreement(form, split)

    agreement.refresh_from_db()
    assert agreement.note == ""
    assert list(agreement.municipality_quotas.values_list("quota", flat=True)) == [15]
