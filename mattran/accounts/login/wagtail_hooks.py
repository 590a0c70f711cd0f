"""Imported by AccountsConfig.ready(): the account page's link to the second-factor settings."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    return {
        "url": reverse("accounts_two_factor"),
        "label": _("Xác thực hai bước"),
        "help_text": _("Dùng mã 6 chữ số của ứng dụng xác thực khi đăng nhập."),
    }
