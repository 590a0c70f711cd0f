"""List confidential petitions that no active user may read; exit with status 1 when there is any (for cron or
monitoring). Names petitions by reference and organisation only, never by title."""

from django.core.management.base import BaseCommand, CommandError

from mattran.petitions.confidential import petition_list_confidential_unread
from mattran.petitions.services import petition_confidential_readers_refresh


class Command(BaseCommand):
    help = "Liệt kê kiến nghị mật không có cán bộ nào được xem (mã thoát 1 nếu có)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--fix", action="store_true", help="Chỉ định lại người được xem mặc định (lãnh đạo, hoặc vai trò dự phòng)."
        )

    def handle(self, *args, **options):
        if options["fix"]:
            for petition in petition_list_confidential_unread():
                petition_confidential_readers_refresh(petition=petition, actor="petitions_check_confidential --fix")
        orphans = list(petition_list_confidential_unread().select_related("organisation"))
        for petition in orphans:
            self.stdout.write(f"{petition.reference}\t{petition.organisation.name}\t{petition.get_status_display()}")
        if orphans:
            raise CommandError(
                f"{len(orphans)} kiến nghị mật không có cán bộ nào được xem: hãy phân công lãnh đạo (vai trò Quản "
                "trị) cho ủy ban hoặc chỉ định cán bộ được xem."
            )
        self.stdout.write("Mọi kiến nghị mật đều có cán bộ được xem.")
