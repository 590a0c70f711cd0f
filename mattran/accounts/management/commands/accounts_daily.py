from django.core.management.base import BaseCommand

from mattran.accounts.tasks import accounts_daily


class Command(BaseCommand):
    help = "Thu hồi quyền của các phân công đã hết hiệu lực (cho cron: chạy một lần mỗi ngày)."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="Đưa vào hàng đợi tác vụ thay vì chạy ngay.")

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = accounts_daily.enqueue()
            self.stdout.write(f"Đã đưa vào hàng đợi: {result.id}")
            return
        counts = accounts_daily.call()
        self.stdout.write("Người dùng được cập nhật quyền: {users_changed}".format(**counts))
