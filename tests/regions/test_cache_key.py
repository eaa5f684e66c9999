"""The cache scope of a user's access: a digest of every grant, equal exactly when the grants are equal."""

import pytest

from regions.access import Access, Grant

BASE = Grant(organisation_id=1, organisation_kind="municipality", role="coordinator", region_ids=frozenset({1, 2}))
OTHER = Grant(organisation_id=2, organisation_kind="corporation", role="corporation_staff", region_ids=frozenset({1}))


@pytest.mark.parametrize(
    "changed",
    [
        Grant(2, BASE.organisation_kind, BASE.role, BASE.region_ids),
        Grant(BASE.organisation_id, "corporation", BASE.role, BASE.region_ids),
        Grant(BASE.organisation_id, BASE.organisation_kind, "manager", BASE.region_ids),
        Grant(BASE.organisation_id, BASE.organisation_kind, BASE.role, frozenset({1})),
        Grant(BASE.organisation_id, BASE.organisation_kind, BASE.role, frozenset({1, 2, 3})),
        Grant(BASE.organisation_id, BASE.organisation_kind, BASE.role, frozenset({12})),
    ],
    ids=["organisation", "kind", "role", "fewer regions", "more regions", "other region"],
)
def test_any_change_to_a_grant_changes_the_scope(changed):
    assert Access(grants=(BASE,)).scope != Access(grants=(changed,)).scope


def test_a_grant_more_or_less_changes_the_scope():
    assert Access(grants=(BASE,)).scope != Access(grants=(BASE, OTHER)).scope
    assert Access(grants=()).scope != Access(grants=(BASE,)).scope


def test_equal_grants_give_the_same_scope():
    again = Grant(1, "municipality", "coordinator", frozenset({2, 1}))
    assert Access(grants=(BASE, OTHER)).scope == Access(grants=(again, OTHER)).scope
