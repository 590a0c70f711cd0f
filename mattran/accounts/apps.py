from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "mattran.accounts"
    verbose_name = _("Tài khoản")

    def ready(self):
        from .login import wagtail_hooks  # noqa: F401  (Wagtail only autoloads <app>.wagtail_hooks)
