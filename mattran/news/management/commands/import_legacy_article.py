"""manage.py import_legacy_article PATH... --organisation SLUG

Imports pages captured from the old portal (format: mattran/news/legacy.py). Every file is parsed before
anything is written, and all files are imported in one transaction: a malformed file is reported with its line
and nothing is imported.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from mattran.news.legacy import LegacyFormatError, parse_legacy_file
from mattran.news.services import article_import_legacy
from mattran.organisations.models import Organisation


class Command(BaseCommand):
    help = "Nhập bài viết từ trang của cổng thông tin cũ (tệp văn bản) vào cổng của một tổ chức."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="tệp .txt, hoặc thư mục (mọi tệp .txt trong đó)")
        parser.add_argument("--organisation", required=True, help="đường dẫn (slug) của tổ chức, ví dụ quan-11")

    def handle(self, *args, paths, organisation, **options):
        try:
            org = Organisation.objects.get(slug=organisation)
        except Organisation.DoesNotExist as exc:
            raise CommandError(f"Không có tổ chức '{organisation}' / no such organisation") from exc
        files = []
        for raw in paths:
            path = Path(raw)
            if path.is_dir():
                files.extend(sorted(path.glob("*.txt")))
            else:
                files.append(path)
        try:
            parsed = [parse_legacy_file(path) for path in files]
        except LegacyFormatError as exc:
            raise CommandError(str(exc)) from exc
        try:
            with transaction.atomic():
                results = [
                    article_import_legacy(legacy=item, organisation=org, actor="import_legacy_article")
                    for item in parsed
                ]
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        for item, (article, created) in zip(parsed, results, strict=True):
            verb = "tạo mới" if created else "cập nhật"
            self.stdout.write(f"{item.source}: {verb} «{article.title[:70]}» {article.url}")
        self.stdout.write(self.style.SUCCESS(f"Đã nhập {len(results)} bài."))
