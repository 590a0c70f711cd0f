"""Every petition gets a public reference ("KN-<year>-<6 digits>", numbered by creation order within each local
year); the tracking code stays the submitter's secret key. Old timeline notes and audit rows that named a
petition by its tracking code (or its title) now name it by its reference."""

from django.db import migrations, models
from django.utils import timezone


def _format(year, number):
    return f"KN-{year:04d}-{number:06d}"


def references_fill(apps, schema_editor):
    Petition = apps.get_model("petitions", "Petition")
    PetitionEvent = apps.get_model("petitions", "PetitionEvent")
    Sequence = apps.get_model("petitions", "PetitionReferenceSequence")
    last_by_year = {}
    by_code = {}
    for petition in Petition.objects.order_by("created_at", "id").only("id", "created_at", "tracking_code"):
        year = timezone.localtime(petition.created_at).year
        last_by_year[year] = last_by_year.get(year, 0) + 1
        petition.reference = _format(year, last_by_year[year])
        petition.save(update_fields=["reference"])
        by_code[petition.tracking_code] = petition.reference
    for year, last in last_by_year.items():
        Sequence.objects.update_or_create(year=year, defaults={"last": last})
    # The "duplicate added" internal note named the duplicate by its secret code.
    for event in PetitionEvent.objects.filter(kind="duplicate_added"):
        if event.internal_note in by_code:
            event.internal_note = by_code[event.internal_note]
            event.save(update_fields=["internal_note"])
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEvent = apps.get_model("core", "AuditEvent")
    content_type = ContentType.objects.filter(app_label="petitions", model="petition").first()
    if content_type is not None:
        references = {str(pk): ref for pk, ref in Petition.objects.values_list("pk", "reference")}
        for audit in AuditEvent.objects.filter(target_type=content_type).only("id", "target_id", "target_repr"):
            if audit.target_id in references:
                audit.target_repr = references[audit.target_id]
                audit.save(update_fields=["target_repr"])


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0002_petition_files_private_storage"),
        ("core", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="PetitionReferenceSequence",
            fields=[
                ("year", models.PositiveSmallIntegerField(primary_key=True, serialize=False, verbose_name="năm")),
                ("last", models.PositiveIntegerField(default=0, verbose_name="số cuối đã cấp")),
            ],
            options={
                "verbose_name": "dãy số tham chiếu kiến nghị",
                "verbose_name_plural": "dãy số tham chiếu kiến nghị",
            },
        ),
        migrations.AddField(
            model_name="petition",
            name="reference",
            field=models.CharField(editable=False, max_length=20, null=True, verbose_name="số tham chiếu"),
        ),
        migrations.AddField(
            model_name="petition",
            name="liaison_nonce",
            field=models.CharField(blank=True, default="", editable=False, max_length=20),
        ),
        migrations.RunPython(references_fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="petition",
            name="reference",
            field=models.CharField(editable=False, max_length=20, unique=True, verbose_name="số tham chiếu"),
        ),
        migrations.AlterField(
            model_name="petition",
            name="tracking_code",
            field=models.CharField(editable=False, max_length=20, unique=True, verbose_name="mã tra cứu bí mật"),
        ),
    ]
