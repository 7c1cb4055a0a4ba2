"""One word per concept (GLOSSARY.md): the pause during the term is a suspension (tạm đình chỉ
chấp hành), not a postponement (hoãn chấp hành, which defers the start). The stored kind of the
legal events and of their timeline rows follows; the reverse puts the old words back."""

from django.db import migrations, models

RENAMES = [("LegalEvent", "postponement", "suspension"), ("TimelineEvent", "residents.postponement", "residents.suspension")]


def rename(apps, schema_editor, *, backwards=False):
    for model_name, old, new in RENAMES:
        model = apps.get_model("residents", model_name)
        before, after = (new, old) if backwards else (old, new)
        model.objects.filter(kind=before).update(kind=after)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, backwards=True)


class Migration(migrations.Migration):

    dependencies = [
        ('residents', '0007_namespaced_timeline_kinds'),
    ]

    operations = [
        migrations.AlterField(
            model_name='episode',
            name='status',
            field=models.CharField(choices=[('active', 'In rehab'), ('on_leave', 'On leave'), ('absconded', 'Absconded'), ('in_hospital', 'In hospital'), ('suspended', 'Suspended'), ('closed', 'Closed')], default='active', max_length=20, verbose_name='status'),
        ),
        migrations.AlterField(
            model_name='legalevent',
            name='kind',
            field=models.CharField(choices=[('leave', 'Leave'), ('abscondence', 'Abscondence'), ('return', 'Return'), ('term_reduction', 'Term reduction'), ('suspension', 'Suspension'), ('exemption', 'Exemption'), ('hospital', 'Transfer to hospital'), ('transfer', 'Transfer to another facility'), ('death', 'Death'), ('completion', 'Completion'), ('discharge', 'Discharge')], max_length=20, verbose_name='event'),
        ),
        migrations.RunPython(rename, rename_back),
    ]
