"""Timeline kinds are namespaced by the app that writes them ("admitted" → "residents.admitted"),
so that every module registers its own kinds (hoanhap.core.registry.timeline_kinds) without
clashing. Rows written before get the residents' prefix; the reverse strips it."""

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Concat, Substr

PREFIX = "residents."


def add_prefix(apps, schema_editor):
    TimelineEvent = apps.get_model("residents", "TimelineEvent")
    TimelineEvent.objects.exclude(kind__contains=".").update(kind=Concat(Value(PREFIX), "kind"))


def remove_prefix(apps, schema_editor):
    TimelineEvent = apps.get_model("residents", "TimelineEvent")
    TimelineEvent.objects.filter(kind__startswith=PREFIX).update(kind=Substr("kind", len(PREFIX) + 1))


class Migration(migrations.Migration):
    dependencies = [("residents", "0006_certificate_recorded_by")]

    operations = [migrations.RunPython(add_prefix, remove_prefix, elidable=False)]
