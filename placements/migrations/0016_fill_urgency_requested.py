"""Urgency that a care worker set to 'granted' on the client form (possible before 0013) was never a municipal
decision, yet put the client first in every candidate list. Such clients go back to 'requested', with a note, so a
coordinator of their region grants or refuses it. A granted urgency with a recorded decision is left as it is.

Reverse: a no-op. Going back to 0015 leaves the clients 'requested', which that schema allows; which ones were
'granted' before is kept in their history (the update is recorded by the history trigger)."""

from django.db import migrations

NOTE = (
    "Door de zorgaanbieder als 'toegekend' ingevoerd, vóór urgentie een besluit van de regisseur werd. "
    "De regisseur beoordeelt de aanvraag opnieuw."
)


def self_granted_to_requested(apps, schema_editor):
    OutflowCase = apps.get_model("placements", "OutflowCase")
    OutflowCase.objects.filter(urgency="granted", urgency_decided_at__isnull=True, anonymised_at__isnull=True).update(
        urgency="requested", urgency_reason=NOTE
    )


class Migration(migrations.Migration):
    dependencies = [("placements", "0015_dwelling_tenancy_ended")]

    operations = [migrations.RunPython(self_granted_to_requested, migrations.RunPython.noop)]
