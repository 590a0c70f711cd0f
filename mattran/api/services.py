"""Writes of the API app: API keys, and creating a petition from an Open311 POST.

A petition is always created by ``mattran.petitions.services.petition_submit`` (the web form's service), inside
the same transaction as the token row, so a client that got a ``service_request_id`` can always find it.
"""

import secrets
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core.services import audit_record
from mattran.organisations.models import Organisation, Topic
from mattran.petitions.models import Petition, PetitionChannel
from mattran.petitions.services import petition_submit

from .models import API_KEY_PREFIX_LENGTH, ApiKey, Open311Request, api_key_hash, api_key_new_raw


@transaction.atomic
def api_key_create(
    *, name: str, organisation: Organisation, posts_per_hour: int = 60, contact: str = "", actor
) -> tuple[ApiKey, str]:
    """A new key for a client application. Returns the key row and the raw key, which is shown once and
    never stored (only its hash is)."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Hãy đặt tên cho ứng dụng dùng khóa.")}, code="required")
    if organisation is None:
        raise ValidationError({"organisation": _("Hãy chọn tổ chức tiếp nhận.")}, code="required")
    if posts_per_hour < 1:
        raise ValidationError({"posts_per_hour": _("Số kiến nghị mỗi giờ phải lớn hơn 0.")}, code="min_value")
    raw = api_key_new_raw()
    api_key = ApiKey.objects.create(
        name=name,
        organisation=organisation,
        posts_per_hour=posts_per_hour,
        contact=(contact or "").strip(),
        prefix=raw[: API_KEY_PREFIX_LENGTH + 3],
        key_hash=api_key_hash(raw),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        action="api_key.create",
        target=api_key,
        changes={"name": name, "organisation": organisation, "posts_per_hour": posts_per_hour},
    )
    return api_key, raw


@transaction.atomic
def api_key_deactivate(*, api_key: ApiKey, actor) -> ApiKey:
    """Stop a key from working (a leaked key, an application withdrawn). Kept for the history of its requests."""
    api_key = ApiKey.objects.select_for_update().get(pk=api_key.pk)
    if not api_key.is_active:
        raise ValidationError(_("Khóa này đã ngừng dùng."), code="already_inactive")
    api_key.is_active = False
    api_key.save(update_fields=["is_active", "updated_at"])
    audit_record(actor=actor, action="api_key.deactivate", target=api_key, changes={"is_active": [True, False]})
    return api_key


def open311_actor(api_key: ApiKey) -> str:
    return f"open311:{api_key.name}"[:255]


@transaction.atomic
def open311_request_create(
    *,
    api_key: ApiKey,
    organisation: Organisation,
    topic: Topic,
    kind: str,
    title: str,
    description: str,
    address: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    phone: str = "",
    publish_consent: bool = False,
    media_url: str = "",
    device_id: str = "",
    account_id: str = "",
    language: str = "vi",
    idempotency_key: str = "",
    actor,
) -> tuple[Petition, Open311Request]:
    """Create the petition of an Open311 POST through ``petition_submit`` and the token that resolves to it.

    ``idempotency_key`` (the client's ``Idempotency-Key`` header): a resent POST returns the first petition and
    its token instead of creating a second one.
    """
    if not api_key.is_active:
        raise ValidationError(_("Khóa API đã ngừng dùng."), code="api_key_inactive")
    if organisation.path and not organisation.path.startswith(api_key.organisation.path):
        raise ValidationError(
            {"jurisdiction_id": _("Khóa API này không được gửi kiến nghị đến tổ chức đã chọn.")},
            code="jurisdiction_forbidden",
        )
    name = " ".join(part for part in ((last_name or "").strip(), (first_name or "").strip()) if part)
    petition = petition_submit(
        channel=PetitionChannel.OPEN311,
        kind=kind,
        topic=topic,
        title=title,
        content=description,
        organisation=organisation,
        address=address,
        latitude=latitude,
        longitude=longitude,
        submitter_name=name,
        submitter_phone=phone,
        submitter_email=email,
        publish_consent=publish_consent,
        language=language,
        idempotency_key=f"open311:{api_key.pk}:{idempotency_key}" if idempotency_key else None,
        actor=actor,
    )
    if getattr(petition, "was_duplicate", False):
        existing = Open311Request.objects.filter(petition=petition).first()
        if existing is not None:
            return petition, existing
    record = Open311Request.objects.create(
        token=secrets.token_urlsafe(24),
        petition=petition,
        api_key=api_key,
        media_url=(media_url or "").strip(),
        device_id=(device_id or "").strip()[:100],
        account_id=(account_id or "").strip()[:100],
    )
    ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=timezone.now())
    audit_record(
        actor=actor,
        action="open311.request_create",
        target=petition,
        changes={"api_key": api_key, "organisation": organisation, "topic": topic},
    )
    return petition, record
