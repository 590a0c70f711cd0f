"""Register files leave the public MEDIA_ROOT (van-ban/<year>/<number>.<ext>, a guessable URL) for the private
storage under random names. Safe to run again; reversing moves them back (under their random names)."""

import mattran.core.files
import mattran.documents.files
import mattran.documents.models
from django.core.files.storage import storages
from django.db import migrations, models

from mattran.core.files import file_rows_move, private_storage, random_name

EXTENSIONS = ("pdf", "doc", "docx")  # the register's types; the old upload check made the name agree with the bytes


def _new_name(row, old_name):
    extension = old_name.rsplit(".", 1)[-1].lower() if "." in old_name else ""
    return random_name("van-ban", extension if extension in EXTENSIONS else "bin")


def files_to_private(apps, schema_editor):
    Document = apps.get_model("documents", "Document")
    file_rows_move(queryset=Document.objects.all(), field="file", source=storages["default"],
                   target=private_storage(), name_for=_new_name)


def files_to_media(apps, schema_editor):
    Document = apps.get_model("documents", "Document")
    file_rows_move(queryset=Document.objects.all(), field="file", source=private_storage(),
                   target=storages["default"], name_for=lambda row, old_name: old_name)


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0001_document_register'),
    ]

    operations = [
        migrations.AlterField(
            model_name='document',
            name='file',
            field=models.FileField(blank=True, help_text='PDF, DOC hoặc DOCX.', max_length=255, storage=mattran.core.files.private_storage, upload_to=mattran.documents.models._upload_to, validators=[mattran.documents.files.validate_document_file], verbose_name='tệp văn bản'),
        ),
        migrations.RunPython(files_to_private, files_to_media),
    ]
