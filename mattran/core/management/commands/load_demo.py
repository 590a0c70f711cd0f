"""Load the demo content of every app: each app may have a ``demo.py`` with ``load_demo(*, stdout)``.

Apps run in INSTALLED_APPS order (organisations before news before petitions), and every loader is idempotent,
so the set-up command can run this on each start.
"""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Tải dữ liệu mẫu (tổ chức, cơ quan, tin bài…) — chạy lại nhiều lần không tạo trùng."

    def handle(self, *args, **options):
        for config in apps.get_app_configs():
            if not config.name.startswith("mattran."):
                continue
            try:
                module = import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            self.stdout.write(f"· {config.label}")
            module.load_demo(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Đã tải dữ liệu mẫu."))
