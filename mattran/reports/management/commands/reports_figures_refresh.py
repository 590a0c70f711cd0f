"""Refresh the precomputed petition figures (``reports.figures``) for cron: every few minutes the recent days,
nightly ``--all``. Idempotent: a day is recomputed whole, so running twice changes nothing."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from mattran.reports.dashboard import dashboards_warm
from mattran.reports.figures import daily_figures_refresh, daily_figures_refresh_recent


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--since: ngày không hợp lệ (dạng YYYY-MM-DD): {value}") from exc


class Command(BaseCommand):
    help = (
        "Tính lại số liệu kiến nghị theo ngày cho báo cáo: mặc định hôm nay, hôm qua và các ngày có kiến nghị "
        "thay đổi từ lần trước; --all tính lại toàn bộ; --since YYYY-MM-DD từ ngày đó đến hôm nay."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--all", action="store_true", help="Tính lại toàn bộ (hằng đêm).")
        which.add_argument("--since", type=_date, metavar="YYYY-MM-DD", help="Tính lại từ ngày này đến hôm nay.")

    def handle(self, *args, all=False, since=None, **options):
        today = timezone.localdate()
        if since is not None and since > today:
            raise CommandError(f"--since: {since:%d/%m/%Y} ở sau hôm nay ({today:%d/%m/%Y}).")
        if all:
            refresh = daily_figures_refresh(today=today)
        elif since is not None:
            days = [since + datetime.timedelta(days=n) for n in range((today - since).days + 1)]
            refresh = daily_figures_refresh(days=days, today=today)
        else:
            refresh = daily_figures_refresh_recent(today=today)
        seconds = (refresh.finished_at - refresh.started_at).total_seconds()
        what = "toàn bộ" if refresh.full else f"{refresh.days} ngày"
        as_of = timezone.localtime(refresh.started_at)
        self.stdout.write(f"Đã tính lại số liệu {what} trong {seconds:.1f} s; số liệu tính đến {as_of:%H:%M %d/%m/%Y}.")
        warmed = dashboards_warm(today=today)
        self.stdout.write(f"Đã tính sẵn {warmed} trang tổng quan được xem trong 24 giờ qua.")
