"""`manage.py apply_retention [--dry-run] [--today YYYY-MM-DD]`: the nightly retention by hand, or what it would do."""

from datetime import date

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.utils import formats, timezone

from placements.audit.retention import apply_retention, preview


def _day(value: date | None) -> str:
    return formats.date_format(value, "j F Y") if value else "–"


class Command(BaseCommand):
    help = (
        "Anonimiseert cliënten waarvan de bewaartermijn na afsluiten om is en verwijdert inzagelogregels ouder dan "
        "de bewaartermijn van het inzagelog. Met --dry-run: alleen laten zien wat zou verdwijnen."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Niets wijzigen; tellen wat zou verdwijnen.")
        parser.add_argument("--today", type=date.fromisoformat, help="Peildatum (JJJJ-MM-DD); standaard vandaag.")

    def handle(self, *args, dry_run: bool, today: date | None, **options):
        today = today or timezone.localdate()
        try:
            if dry_run:
                self._show_preview(today)
            else:
                self._apply(today)
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error

    def _show_preview(self, today: date) -> None:
        found = preview(today=today)
        self.stdout.write(f"Proefdraaien op {_day(today)}; er wordt niets gewijzigd.")
        self.stdout.write(
            f"Cliënten afgesloten vóór {_day(found.cutoffs.closed_before)}: {found.cases} te anonimiseren "
            f"(oudste afgesloten op {_day(found.oldest_closed_on)}), met {found.placements} plaatsingen "
            f"en {found.history_events} historieregels."
        )
        oldest = timezone.localtime(found.oldest_logged_at).date() if found.oldest_logged_at else None
        self.stdout.write(
            f"Inzagelogregels van vóór {_day(found.cutoffs.logged_before)}: {found.access_log_lines} te verwijderen "
            f"(oudste van {_day(oldest)})."
        )

    def _apply(self, today: date) -> None:
        run = apply_retention(today=today)
        self.stdout.write(
            self.style.SUCCESS(
                f"Bewaartermijnrun {run.pk}: {run.cases_reduced} cliënten geanonimiseerd, {run.placements_reduced} "
                f"plaatsingen ontdaan van toelichtingen, {run.history_deleted} historieregels en "
                f"{run.access_log_deleted} inzagelogregels verwijderd."
            )
        )
