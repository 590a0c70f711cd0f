from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "mattran.news"
    verbose_name = _("Tin tức")

    def ready(self):
        from . import signals  # noqa: F401 — connects the page-cache invalidation
