from django.core.management.base import BaseCommand

from mattran.criticism.tasks import criticism_daily


class Command(BaseCommand):
    help = "Kết thúc lấy ý kiến các dự thảo đã quá hạn nhận ý kiến (cho cron: chạy một lần mỗi ngày)."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="Đưa vào hàng đợi tác vụ thay vì chạy ngay.")

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            self.stdout.write(f"Đã đưa vào hàng đợi: {criticism_daily.enqueue().id}")
            return
        counts = criticism_daily.call()
        self.stdout.write("Đã kết thúc lấy ý kiến: {closed}".format(**counts))
