from django.core.management.base import BaseCommand, CommandParser

from hoanhap.core.models import Facility
from hoanhap.workflows.defaults import install_defaults


class Command(BaseCommand):
    help = "Install the default processes in every facility (or the one named by its code); idempotent."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--facility", default="")

    def handle(self, *args: object, **options: object) -> None:
        facilities = Facility.objects.all()
        if options["facility"]:
            facilities = facilities.filter(code=options["facility"])
        for facility in facilities:
            count = install_defaults(facility.pk)
            self.stdout.write(f"{facility.code}: {count}")
