"""`manage.py generate_dataset --scale national|regional|small --seed N`: synthetic data for benchmarks."""

import time

from django.core.management.base import BaseCommand, CommandError

from placements.devdata.synthetic import SCALES, RealDataPresent, generate


class Command(BaseCommand):
    help = "Vervangt de inhoud van een (synthetische) database door een synthetische dataset op de gekozen schaal."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, scale, seed, **options):
        started = time.monotonic()
        try:
            generate(scale_name=scale, seed=seed, log=self.stdout.write)
        except RealDataPresent as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(f"Synthetische dataset '{scale}' (seed {seed}) in {time.monotonic() - started:.1f} s.")
        )
