"""`manage.py seed_demo`: fill a database with demo data (hoanhap.demo) and print the demo logins.

`make run` calls it with --if-empty on every start: it seeds only a database without any facility,
so never twice and never over real data.
"""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import IntegrityError, transaction

from hoanhap.accounts.models import User
from hoanhap.core.models import Facility
from hoanhap.demo.generator import DEMO_PASSWORD, DemoSummary, demo_accounts, demo_logins, generate


class Command(BaseCommand):
    help = (
        "Create demo data: the Lào Cai province's rehab facilities, a staff account for every role "
        "and residents with two years of rehab history. Prints the demo logins."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (but print the demo logins) if the database holds any facility.",
        )
        parser.add_argument("--seed", type=int, default=2026, help="The same seed gives the same data (default 2026).")
        parser.add_argument(
            "--residents",
            type=int,
            default=400,
            help="People in rehab today at the main facility; each other facility holds a fifth as many (default 400).",
        )
        parser.add_argument("--facilities", type=int, default=2, help="Facilities in the province (default 2).")
        parser.add_argument("--years", type=float, default=2.0, help="Years of admissions (default 2).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["residents"] < 0 or not 1 <= options["facilities"] <= 99 or options["years"] <= 0:
            raise CommandError("Give --residents of 0 or more, --facilities from 1 to 99 and --years above 0.")
        started = time.monotonic()
        summary: DemoSummary | None = None
        try:
            with transaction.atomic():
                if not (options["if_empty"] and Facility.objects.exists()):
                    self._refuse_if_present(options["facilities"])
                    summary = generate(
                        seed=options["seed"],
                        residents=options["residents"],
                        facilities=options["facilities"],
                        years=options["years"],
                    )
        except IntegrityError as error:
            if not options["if_empty"]:
                raise CommandError(f"The demo data could not be created: {error}") from error
            # Another process seeded the empty database at the same moment: its data stands.
        if summary is None:
            self.stdout.write("The database already holds facilities: no demo data was added.")
        else:
            in_rehab = ", ".join(f"{code}: {count}" for code, count in summary.in_rehab.items())
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo data created in {time.monotonic() - started:.1f} s: {summary.facilities} facilities, "
                    f"{summary.users} staff accounts, {summary.residents} residents with {summary.episodes} "
                    f"episodes ({summary.rows} rows); in rehab today: {in_rehab}."
                )
            )
        self._print_logins()

    def _refuse_if_present(self, facilities: int) -> None:
        usernames = [account.username for account in demo_accounts(facilities)]
        if (
            User.objects.filter(username__in=usernames).exists()
            or Facility.objects.filter(code__startswith="cscn-lao-cai").exists()
        ):
            raise CommandError("The demo data is already in this database.")

    def _print_logins(self) -> None:
        logins = demo_logins()
        if not logins:
            return
        header = ("Username", "Role", "Facility", "Password")
        rows = [(login.username, login.roles, login.facilities, DEMO_PASSWORD) for login in logins]
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

        def line(cells: tuple[str, ...]) -> str:
            return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()

        self.stdout.write("")
        self.stdout.write("Demo logins (the demo password works until an account changes it):")
        self.stdout.write(line(header))
        self.stdout.write(line(tuple("-" * width for width in widths)))
        for login, row in zip(logins, rows, strict=True):
            note = "  ← sets up a two-factor app (TOTP) at first sign-in" if login.needs_two_factor else ""
            self.stdout.write(line(row) + note)
        self.stdout.write("")
