"""API keys of the applications that post petitions through Open311, and the tokens handed back to them.

The API itself only reads; these two tables are what it owns. Petitions are created by
``mattran.petitions.services.petition_submit``, the same service as the web form.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mattran.core.models import TimeStampedModel
from mattran.organisations.models import Organisation

API_KEY_PREFIX_LENGTH = 8


def api_key_hash(raw_key: str) -> str:
    """SHA-256 of the key. Keys are 256-bit random strings, so a fast hash is enough (no dictionary to try)."""
    return hashlib.sha256(raw_key.encode()).hexdigest()


def api_key_new_raw() -> str:
    """ "mt_" + 43 URL-safe characters (256 random bits)."""
    return "mt_" + secrets.token_urlsafe(32)


class ApiKey(TimeStampedModel):
    """The key of one client application (a ward's mobile app, a partner's 1022 portal) allowed to POST
    petitions through Open311 on behalf of ``organisation`` and the organisations below it.

    Only a hash is stored: the raw key is shown once, when it is created, and cannot be read back.
    """

    name = models.CharField(_("tên ứng dụng"), max_length=150)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("tổ chức tiếp nhận"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Ứng dụng được gửi kiến nghị đến tổ chức này và các tổ chức trực thuộc."),
    )
    prefix = models.CharField(_("tiền tố khóa"), max_length=API_KEY_PREFIX_LENGTH + 3, editable=False, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    posts_per_hour = models.PositiveIntegerField(
        _("số kiến nghị tối đa mỗi giờ"),
        default=60,
        help_text=_("Vượt quá thì ứng dụng nhận lỗi 429 đến hết giờ."),
    )
    contact = models.CharField(_("người phụ trách ứng dụng (liên hệ kỹ thuật)"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)

    class Meta:
        verbose_name = _("khóa API")
        verbose_name_plural = _("khóa API")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"


class Open311Request(models.Model):
    """What an Open311 POST left besides the petition: the token answered to the client (resolved by
    ``tokens/{token}``) and the fields a petition has no place for (``media_url``, ``device_id``,
    ``account_id``), kept for staff and never served back."""

    token = models.CharField(max_length=64, unique=True, editable=False)
    petition = models.OneToOneField(
        "petitions.Petition", on_delete=models.CASCADE, related_name="open311_request", editable=False
    )
    api_key = models.ForeignKey(
        ApiKey, verbose_name=_("khóa API"), on_delete=models.PROTECT, related_name="requests", editable=False
    )
    media_url = models.URLField(_("đường dẫn ảnh do ứng dụng gửi"), max_length=500, blank=True)
    device_id = models.CharField(_("mã thiết bị"), max_length=100, blank=True)
    account_id = models.CharField(_("mã tài khoản trên ứng dụng"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("yêu cầu Open311")
        verbose_name_plural = _("yêu cầu Open311")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.token
