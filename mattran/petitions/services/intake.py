"""Intake from every channel: the web form, staff intake (also of items received on an earlier day), the Open311
POST and the XLSX import all go through ``petition_submit``, so every business rule binds them all."""

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core.services import audit_record
from mattran.organisations.models import Organisation, Topic

from .. import intake_cache
from ..attachments import attachment_clean, max_attachments
from ..choices import STATUS_GROUPS, EventKind, PetitionChannel, PetitionKind, PetitionStatus
from ..codes import tracking_code_new
from ..imports import import_rows_parse
from ..models import Petition, PetitionAttachment, PetitionEvent, reference_allocate
from ._common import _actor_user, _event
from .confidentiality import _confidential_readers_set


def petition_submit(
    *,
    channel: str,
    kind: str,
    topic: Topic,
    title: str,
    content: str,
    organisation: Organisation,
    address: str = "",
    submitter_name: str = "",
    submitter_phone: str = "",
    submitter_email: str = "",
    submitter_address: str = "",
    show_name_publicly: bool = False,
    publish_consent: bool = False,
    confidential: bool = False,
    language: str = "vi",
    attachments: Sequence = (),
    keep_location: bool = False,
    idempotency_key: str | None = None,
    external_reference: str = "",
    latitude=None,
    longitude=None,
    submitted_at: datetime.datetime | None = None,
    actor,
) -> Petition:
    """Create a petition from any channel (web form, staff intake, XLSX import, Open311 POST).

    ``idempotency_key``: a one-time token from the form (or the API client); submitting twice with the same key
    returns the first petition (with ``petition.was_duplicate = True``) and creates nothing. The key's unique
    index decides (no look-up first): a repeated key's insert fails, its transaction rolls back (the reference
    number too) and the first petition is read.
    ``actor``: the staff user for staff intake, else a label such as ``"công dân (web)"`` or ``"open311:<client>"``.
    Raises ValidationError (per field) on bad input; nothing is written then.
    """
    errors = {}
    if channel not in PetitionChannel.values:
        errors["channel"] = _("Kênh tiếp nhận không hợp lệ.")
    if kind not in PetitionKind.values:
        errors["kind"] = _("Loại ý kiến không hợp lệ.")
    if not topic or not topic.is_active:
        errors["topic"] = _("Hãy chọn một lĩnh vực đang dùng.")
    if len(attachments) > max_attachments():
        errors["attachments"] = _("Chỉ được đính kèm tối đa %(n)s tệp.") % {"n": max_attachments()}
    if channel == PetitionChannel.EXTERNAL and not (external_reference or "").strip():
        errors["external_reference"] = _("Hãy ghi số tham chiếu của hệ thống đã chuyển đến.")
    if organisation is not None and not organisation.is_active_on(timezone.localdate()):
        errors["organisation"] = _("Tổ chức này không còn hoạt động; hãy chọn đơn vị kế thừa.")
    # The topic's intake rule binds every channel (web form, staff intake, XLSX import, Open311).
    contact_rule = intake_cache.intake_choices().contact_rules.get(topic.pk) if isinstance(topic, Topic) else None
    if contact_rule is not None and not ((submitter_phone or "").strip() or (submitter_email or "").strip()):
        errors["submitter_phone"] = contact_rule.note or _(
            "Lĩnh vực này cần số điện thoại hoặc thư điện tử để cơ quan liên hệ lại."
        )
    if errors:
        raise ValidationError(errors)
    cleaned_files = [attachment_clean(f, keep_location=keep_location) for f in attachments]

    petition = Petition(
        tracking_code=tracking_code_new(),
        idempotency_key=idempotency_key or None,
        channel=channel,
        kind=kind,
        topic=topic,
        title=(title or "").strip(),
        content=(content or "").strip(),
        organisation=organisation,
        address=(address or "").strip(),
        submitter_name=(submitter_name or "").strip(),
        submitter_phone=(submitter_phone or "").strip(),
        submitter_email=(submitter_email or "").strip(),
        submitter_address=(submitter_address or "").strip(),
        show_name_publicly=show_name_publicly,
        publish_consent=publish_consent and not confidential,
        confidential=confidential,
        language=language if language in ("vi", "en") else "vi",
        external_reference=(external_reference or "").strip(),
        latitude=latitude,
        longitude=longitude,
        received_by=_actor_user(actor),
        status=PetitionStatus.SUBMITTED,
        status_group=STATUS_GROUPS[PetitionStatus.SUBMITTED],
    )
    # The topic and organisation are instances read before (the form's choices, the staff's queryset): their
    # foreign keys are checked by the database, not by two more queries here.
    petition.full_clean(
        exclude=["reference", "tracking_code", "idempotency_key", "answer_document", "topic", "organisation",
                 "received_by"]
    )
    for attempt in range(2):
        try:
            _petition_save(petition, cleaned_files=cleaned_files, submitted_at=submitted_at, actor=actor)
        except IntegrityError:
            # The same one-time key arrived twice (a double click, a retried API call): hand back the first.
            existing = Petition.objects.filter(idempotency_key=idempotency_key).first() if idempotency_key else None
            if existing is not None:
                existing.was_duplicate = True
                return existing
            if attempt:
                raise ValidationError(_("Không lưu được ý kiến; xin gửi lại."), code="not_saved") from None
            # Else a tracking code already taken (1 in 2^49 per petition): again with a new one.
            petition.tracking_code = tracking_code_new()
            petition.pk, petition._state.adding = None, True
        else:
            petition.was_duplicate = False
            return petition


@transaction.atomic
def _petition_save(petition: Petition, *, cleaned_files: list, submitted_at, actor) -> None:
    """The petition's rows in one transaction: reference, petition, attachments, readers, timeline, audit row,
    and the deferred work's task rows (notifications.py)."""
    # Allocated last, just before the save: the year's sequence row stays locked until this transaction ends.
    year = timezone.localtime(submitted_at).year if submitted_at is not None else None
    petition.reference = reference_allocate(year=year)[0]
    petition.save(force_insert=True)
    if submitted_at is not None:
        # Received on an earlier day (a meeting, the post, a spreadsheet): the first due date counts from it.
        received_on = timezone.localtime(submitted_at).date()
        received_on = received_on if received_on < timezone.localdate() else None
        Petition.objects.filter(pk=petition.pk).update(
            created_at=submitted_at, status_changed_at=submitted_at, received_on=received_on
        )
        petition.created_at = petition.status_changed_at = submitted_at
        petition.received_on = received_on
    for clean in cleaned_files:
        PetitionAttachment.objects.create(
            petition=petition,
            file=clean.content,
            original_name=clean.original_name,
            content_type=clean.content_type,
            size=clean.size,
            location_kept=clean.location_kept,
        )
    if petition.confidential:
        _confidential_readers_set(petition, actor=actor)
    event = _event(petition, kind=EventKind.SUBMITTED, actor=actor)
    if submitted_at is not None:
        PetitionEvent.objects.filter(pk=event.pk).update(created_at=submitted_at)
    audit_record(
        actor=actor,
        action="petition.submit",
        target=petition,
        changes={
            "channel": petition.channel,
            "kind": petition.kind,
            "organisation": petition.organisation,
            "attachments": len(cleaned_files),
        },
    )


@transaction.atomic
def petition_import_xlsx(*, file, organisation: Organisation, actor) -> list[Petition]:
    """Import every row of the XLSX template, or none: any bad row raises ValidationError listing each row's
    problems ("Dòng 4: thiếu “Tiêu đề”…") and the whole import is rolled back."""
    rows, errors = import_rows_parse(file, default_organisation=organisation)
    created = []
    for row in rows:
        number = row.pop("row")
        try:
            with transaction.atomic():
                created.append(petition_submit(**row, actor=actor))
        except ValidationError as exc:
            messages = "; ".join(
                f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items()
            ) if hasattr(exc, "error_dict") else " ".join(exc.messages)
            errors.append(_("Dòng %(n)s: %(problems)s.") % {"n": number, "problems": messages})
    if errors:
        raise ValidationError(errors, code="import_rows")
    audit_record(
        actor=actor, action="petition.import_xlsx", target=organisation, changes={"rows": len(created)}
    )
    return created
