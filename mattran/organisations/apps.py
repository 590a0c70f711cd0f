from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class OrganisationsConfig(AppConfig):
    name = "mattran.organisations"
    verbose_name = pgettext_lazy("trình đơn", "Tổ chức")
