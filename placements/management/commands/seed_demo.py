"""`manage.py seed_demo`: the Zaanstreek demo region, its parties, one demo user per role, and demo homes and
clients. Idempotent. Refuses to run outside demo mode (DEBUG or WEERTHUIS_DEMO): the passwords are published
in README."""

import pghistory
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from placements.devdata.demo import seed_cases, seed_dwellings, seed_placement
from placements.figures.services import queue_run, run_figures
from regions.demo import DEMO_PASSWORD, USERS, seed_regions
from regions.models import Membership


class Command(BaseCommand):
    help = "Maakt of ververst de demoregio Zaanstreek met demogebruikers, woningen en cliënten (alleen in demomodus)."

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError(
                "seed_demo draait alleen in demomodus (DEBUG=true of WEERTHUIS_DEMO=true): "
                "de demowachtwoorden zijn openbaar."
            )
        with transaction.atomic(), pghistory.context(source="seed_demo"):
            region, _organisations = seed_regions()
            seed_dwellings()
            seed_cases(region)
            seed_placement(region)
        # Fill the dashboard straight away (the nightly task keeps it current afterwards).
        run = run_figures(run_id=queue_run(region_id=region.pk).pk)
        self.stdout.write(f"Cijfers berekend in {run.duration_ms} ms ({run.get_status_display().lower()}).")
        self.stdout.write(self.style.SUCCESS("Demogegevens voor de Zaanstreek staan klaar."))
        self.stdout.write(f"Demogebruikers (wachtwoord voor allemaal: {DEMO_PASSWORD}):")
        roles = dict(Membership.Role.choices)
        for username, _name, organisation, role in USERS:
            label = roles[role] if role else "beheerder (Django-admin op /beheer/)"
            self.stdout.write(f"  {username:<17} {label}{' – ' + organisation if organisation else ''}")
