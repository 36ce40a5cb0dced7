"""Gives a fresh `make run` a way in without a password written anywhere in the code."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Skapar en lokal administratör med genererat lösenord om ingen finns."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument(
            "--credentials-file",
            default="",
            help="Skriv användarnamn och lösenord hit (för utveckling), läsbart bara för ägaren.",
        )

    def handle(self, *args, username, credentials_file, **options):
        User = get_user_model()
        existing = User.objects.filter(is_superuser=True).order_by("pk").first()
        if existing:
            self.stdout.write(
                f"Administratören finns redan: {existing.get_username()} "
                f"(lösenordet skrevs ut första gången; byt det med "
                f"'manage.py changepassword {existing.get_username()}')."
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        if credentials_file:
            import os

            fd = os.open(credentials_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w") as fh:
                fh.write(f"användarnamn: {username}\nlösenord: {password}\n")
        self.stdout.write(
            self.style.SUCCESS(
                "Lokal administratör skapad.\n"
                f"  användarnamn: {username}\n"
                f"  lösenord:     {password}"
            )
        )
