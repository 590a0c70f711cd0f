from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "mattran.search"
    verbose_name = _("Tìm kiếm")

    def ready(self):
        # Each app that feeds the index has a ``search_indexes.py`` that registers its provider and connects
        # its own signals (index maintenance is derived data, see docs/architecture.md).
        autodiscover_modules("search_indexes")
