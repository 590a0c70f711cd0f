from django.core.management.base import BaseCommand

from mattran.news import counters


class Command(BaseCommand):
    help = "Ghi các bộ đếm đang giữ trong Redis vào cơ sở dữ liệu (chạy trước khi dừng Redis, hoặc theo lịch)."

    def handle(self, *args, **options):
        written = counters.counters_flush()
        self.stdout.write(f"Đã ghi {written} bộ đếm.")
