from django.core.management.base import BaseCommand

from mattran.supervision.tasks import supervision_daily


class Command(BaseCommand):
    help = "Báo cáo ủy ban cấp trên các kiến nghị sau giám sát quá hạn trả lời (cho cron: chạy một lần mỗi ngày)."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="Đưa vào hàng đợi tác vụ thay vì chạy ngay.")

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            self.stdout.write(f"Đã đưa vào hàng đợi: {supervision_daily.enqueue().id}")
            return
        counts = supervision_daily.call()
        self.stdout.write("Đã báo cáo cấp trên: {escalated}".format(**counts))
