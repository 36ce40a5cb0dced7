"""Everything `make run` needs before serving, safe to repeat: each step is idempotent."""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand

# Demo data commands that apps provide for a local demo; run only where the app has one.
DEMO_COMMANDS = [
    ("seed_demo_units", ["--dev"]),
    ("seed_demo_cases", ["--dev"]),
    ("seed_demo_training", ["--dev"]),  # after the units: sessions for the demo units
]


def fixture_files() -> list[str]:
    """All seed content, in name order so that files with a lower prefix load first."""
    return [str(p) for p in sorted(Path(settings.BASE_DIR, "fixtures").glob("*.json"))]


class Command(BaseCommand):
    help = "Migrerar, läser in innehållet från fixtures/, skapar administratör och demodata."

    def add_arguments(self, parser):
        parser.add_argument("--credentials-file", default="")
        parser.add_argument("--no-demo", action="store_true")

    def handle(self, *args, credentials_file, no_demo, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        files = fixture_files()
        if files:
            call_command("loaddata", *files, verbosity=1)
        call_command("ensure_admin", credentials_file=credentials_file)
        if no_demo:
            return
        available = get_commands()
        for name, args in DEMO_COMMANDS:
            if name in available:
                call_command(name, *args)
