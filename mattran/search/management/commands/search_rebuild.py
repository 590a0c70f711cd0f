"""Recreate the search index from every registered provider (after an import, a restore, or a new provider)."""

from django.core.management.base import BaseCommand

from mattran.search.services import search_index_rebuild


class Command(BaseCommand):
    help = "Lập lại toàn bộ chỉ mục tìm kiếm từ các nguồn đã đăng ký (tin bài, văn bản, trả lời kiến nghị…)."

    def handle(self, *args, **options):
        counts = search_index_rebuild()
        for name, count in counts.items():
            self.stdout.write(f"· {name}: {count}")
        self.stdout.write(self.style.SUCCESS(f"Đã lập chỉ mục {sum(counts.values())} mục."))
