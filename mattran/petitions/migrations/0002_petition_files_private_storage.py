"""Attachments and answer documents (personal data) leave the public MEDIA_ROOT for the private storage under new
random names; answers become .pdf whatever the uploader called them. Safe to run again; reversible."""

import mattran.core.files
import mattran.petitions.models
from django.core.files.storage import storages
from django.db import migrations, models

from mattran.core.files import file_rows_move, private_storage, random_name

ATTACHMENT_EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}


def _answer_name(row, old_name):
    return random_name("petitions/answers", "pdf")  # the upload check only ever let PDFs through


def _attachment_name(row, old_name):
    return random_name("petitions/attachments", ATTACHMENT_EXTENSIONS.get(row.content_type, "bin"))


def _move(apps, *, source, target, forward):
    Petition = apps.get_model("petitions", "Petition")
    PetitionAttachment = apps.get_model("petitions", "PetitionAttachment")
    keep = lambda row, old_name: old_name  # noqa: E731
    file_rows_move(queryset=Petition.objects.all(), field="answer_document", source=source, target=target,
                   name_for=_answer_name if forward else keep)
    file_rows_move(queryset=PetitionAttachment.objects.all(), field="file",
                   source=source, target=target, name_for=_attachment_name if forward else keep)


def files_to_private(apps, schema_editor):
    _move(apps, source=storages["default"], target=private_storage(), forward=True)


def files_to_media(apps, schema_editor):
    _move(apps, source=private_storage(), target=storages["default"], forward=False)


class Migration(migrations.Migration):

    dependencies = [
        ('petitions', '0001_petitions_workflow'),
    ]

    operations = [
        migrations.AlterField(
            model_name='petition',
            name='answer_document',
            field=models.FileField(blank=True, storage=mattran.core.files.private_storage, upload_to=mattran.petitions.models._answer_upload_to, verbose_name='văn bản trả lời'),
        ),
        migrations.AlterField(
            model_name='petitionattachment',
            name='file',
            field=models.FileField(storage=mattran.core.files.private_storage, upload_to=mattran.petitions.models._attachment_upload_to, verbose_name='tệp'),
        ),
        migrations.RunPython(files_to_private, files_to_media),
    ]
