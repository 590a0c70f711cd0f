from django.core.management.base import BaseCommand

from mattran.petitions.tasks import petitions_daily


class Command(BaseCommand):
    help = "Nhắc hạn, đôn đốc và gửi thư tổng hợp hằng ngày (cho cron: chạy một lần mỗi ngày)."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="Đưa vào hàng đợi tác vụ thay vì chạy ngay.")

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = petitions_daily.enqueue()
            self.stdout.write(f"Đã đưa vào hàng đợi: {result.id}")
            return
        counts = petitions_daily.call()
        self.stdout.write(
            "Nhắc hạn: {reminded}, báo cán bộ: {escalated_officer}, báo cấp trên: {escalated_up}, "
            "thư tổng hợp: {digests}".format(**counts)
        )
