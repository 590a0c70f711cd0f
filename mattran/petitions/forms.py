"""Input parsing for the public form, the staff intake and the workflow actions."""

import datetime
import re
import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from mattran.accounts.models import User
from mattran.core.forms import BlankChoiceLabelMixin, BoundedDateField, BoundedDateTimeField
from mattran.organisations.models import Body, Organisation, OrganisationKind, Topic

from . import intake_cache
from .attachments import answer_document_clean, max_attachments
from .models import InformMethod, PetitionChannel, PetitionKind
from .throttle import Challenge, ChallengeResult, challenge_check

PUBLIC_KINDS = [
    (PetitionKind.PETITION, _("Kiến nghị (đề nghị cơ quan xem xét, giải quyết)")),
    (PetitionKind.REPORT, _("Phản ánh (báo tin một việc đang xảy ra)")),
    (PetitionKind.COMMENT, _("Góp ý xây dựng Đảng, chính quyền")),
    (PetitionKind.COMPLAINT, _("Khiếu nại (về quyết định, hành vi hành chính)")),
    (PetitionKind.DENUNCIATION, _("Tố cáo (hành vi vi phạm pháp luật)")),
]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > max_attachments():
            raise ValidationError(_("Chỉ được đính kèm tối đa %(n)s tệp.") % {"n": max_attachments()})
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class UnfilledTextInput(forms.TextInput):
    """A text box that never shows the submitted value: each page asks a new question."""

    def format_value(self, value):
        return None


CHALLENGE_MESSAGES = {
    ChallengeResult.WRONG: _("Câu trả lời chưa đúng. Xin trả lời câu hỏi mới dưới đây."),
    ChallengeResult.TOO_FAST: _("Biểu mẫu được gửi quá nhanh sau khi mở. Xin đọc và trả lời câu hỏi mới dưới đây."),
    ChallengeResult.USED: _("Câu hỏi này đã được trả lời một lần. Xin trả lời câu hỏi mới dưới đây."),
    ChallengeResult.INVALID: _("Câu hỏi kiểm tra đã hết hạn. Xin trả lời câu hỏi mới dưới đây."),
}


def ward_choices_queryset():
    """The places a citizen can address: active commune and ward committees (residential-area committees are
    part of their ward, not a place of their own)."""
    return (
        Organisation.objects.active_on(timezone.localdate())
        .filter(kind=OrganisationKind.COMMUNE_COMMITTEE)
        .order_by("name")
    )


def ward_label(ward: Organisation, language: str = "vi") -> str:
    """ "Phường Minh Phụng" rather than "Ủy ban MTTQ Việt Nam phường Minh Phụng": the short name when there is one."""
    if language == "en" and ward.name_en:
        return ward.name_en
    return ward.short_name or ward.name


def _place_name(committee_name: str) -> str:
    """ "Ủy ban MTTQ Việt Nam Thành phố Hồ Chí Minh" → "Thành phố Hồ Chí Minh": the place, as citizens name it."""
    return re.sub(r"^Ủy ban (MTTQ|Mặt trận Tổ quốc) Việt Nam\s+", "", committee_name)


def ward_choices_grouped(wards, empty_label) -> list:
    """The ward select's choices, grouped by province (``<optgroup>``), provinces and wards by name."""
    wards = list(wards)
    language = translation.get_language() or "vi"
    province_ids = {ancestor for ward in wards for ancestor in ward.path_ids()[:-1]}
    provinces = {
        o.pk: o for o in Organisation.objects.filter(pk__in=province_ids, kind=OrganisationKind.PROVINCE_COMMITTEE)
    }
    groups: dict[str, list] = {}
    for ward in wards:
        province = next((provinces[i] for i in ward.path_ids() if i in provinces), None)
        title = _place_name(province.display_name(language)) if province else str(_("Khác"))
        groups.setdefault(title, []).append((ward.pk, ward_label(ward, language)))
    return [("", empty_label)] + [
        (title, sorted(options, key=lambda option: option[1])) for title, options in sorted(groups.items())
    ]


class CachedModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField whose options and look-ups come from ``intake_cache`` (set by the form): no query per
    request. A value that is not among the cached options is an invalid choice, as with the queryset."""

    instances: dict = {}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return self.instances[int(value)]
        except (KeyError, TypeError, ValueError):
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            ) from None


class PetitionPublicForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại ý kiến"), choices=PUBLIC_KINDS, widget=forms.RadioSelect,
                             initial=PetitionKind.PETITION)
    topic = CachedModelChoiceField(label=_("Lĩnh vực"), queryset=Topic.objects.none(),
                                   empty_label=_("— Chọn lĩnh vực —"))
    title = forms.CharField(label=_("Tiêu đề"), max_length=200,
                            help_text=_("Một câu ngắn, ví dụ: Đèn đường hẻm 12 bị hỏng."))
    content = forms.CharField(label=_("Nội dung"), max_length=10000, widget=forms.Textarea(attrs={"rows": 6}))
    organisation = CachedModelChoiceField(label=_("Phường, xã nơi xảy ra"), queryset=Organisation.objects.none(),
                                          empty_label=_("— Chọn phường, xã —"))
    address = forms.CharField(label=_("Địa chỉ cụ thể"), max_length=255, required=False)
    attachments = MultipleFileField(label=_("Ảnh hoặc tệp PDF (tối đa 5 tệp)"), required=False)
    keep_location = forms.BooleanField(label=_("Giữ vị trí chụp trong ảnh (giúp cơ quan tìm đúng nơi)"),
                                       required=False)
    submitter_name = forms.CharField(label=_("Họ và tên"), max_length=150, required=False)
    submitter_phone = forms.CharField(label=_("Số điện thoại"), max_length=30, required=False,
                                      widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))
    submitter_email = forms.EmailField(label=_("Thư điện tử"), required=False,
                                       help_text=_("Nếu có, chúng tôi gửi biên nhận và mọi cập nhật qua thư."))
    submitter_address = forms.CharField(label=_("Địa chỉ liên lạc"), max_length=255, required=False)
    show_name_publicly = forms.BooleanField(label=_("Cho phép hiện tên tôi khi công khai trả lời"), required=False)
    publish_consent = forms.BooleanField(
        label=_("Đồng ý công khai nội dung và trả lời (không kèm thông tin cá nhân) trên danh sách đã trả lời"),
        required=False)
    about_officials = forms.BooleanField(
        label=_("Nội dung phản ánh về cán bộ, công chức (được giữ mật, không công khai)"), required=False)
    # Honeypot: hidden from people by CSS and aria-hidden; bots that fill every field give themselves away.
    website = forms.CharField(required=False, label=_("Để trống ô này"))
    form_token = forms.CharField(widget=forms.HiddenInput)
    # The anti-bot question (throttle.py), asked only when `challenge` is given. The page renders the token of
    # the question it shows (form.challenge.token), never the submitted one, and never the submitted answer.
    challenge_token = forms.CharField(widget=forms.HiddenInput, required=False)
    challenge_answer = forms.CharField(
        label=_("Câu hỏi kiểm tra"), max_length=40, required=False, widget=UnfilledTextInput(attrs={"autocomplete": "off"}),
        help_text=_("Trả lời bằng chữ hoặc bằng số; viết có dấu hay không dấu đều được."),
    )

    def __init__(self, *args, challenge: Challenge | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # Active topics and choosable wards from the intake cache (built once, invalidated on save).
        choices = intake_cache.intake_choices()
        self.fields["topic"].instances = choices.topics
        self.fields["topic"].widget.choices = choices.topic_choices
        self.fields["organisation"].instances = choices.wards
        self.fields["organisation"].widget.choices = choices.ward_choices
        if not self.is_bound:
            self.initial.setdefault("form_token", secrets.token_urlsafe(24))
        # The question this page shows: always a fresh one, so after a failed submit the citizen gets a real new
        # question (the one they answered is used up) and keeps everything else they typed.
        self.challenge = challenge
        self.challenge_result: ChallengeResult | None = None
        if challenge is not None:
            self.fields["challenge_answer"].required = True
            self.fields["challenge_answer"].label = challenge.question

    def clean_form_token(self):
        token = self.cleaned_data["form_token"].strip()
        if not 16 <= len(token) <= 64:
            raise ValidationError(_("Biểu mẫu không hợp lệ; hãy tải lại trang."))
        return token

    def clean(self):
        data = super().clean()
        if self.challenge is not None:
            # Judged (and the submitted token used up) on every attempt, even when other fields are wrong.
            self.challenge_result = challenge_check(data.get("challenge_token", ""), data.get("challenge_answer", ""))
            if self.challenge_result is not ChallengeResult.OK and not self.has_error("challenge_answer"):
                self.add_error("challenge_answer", CHALLENGE_MESSAGES[self.challenge_result])
        return data

    @property
    def challenge_failed(self) -> bool:
        return self.challenge_result not in (None, ChallengeResult.OK)


class PetitionStaffForm(BlankChoiceLabelMixin, forms.Form):
    """Staff intake of the other channels (in person, phone, mail, meetings, other systems), with the day it
    was received when that was not today."""

    field_order = ["channel", "external_reference", "received_on"]

    channel = forms.ChoiceField(label=_("Kênh tiếp nhận"),
                                choices=[c for c in PetitionChannel.choices if c[0] not in ("web", "open311")])
    external_reference = forms.CharField(label=_("Số tham chiếu ở hệ thống khác"), max_length=100, required=False)
    kind = forms.ChoiceField(label=_("Loại ý kiến"), choices=PetitionKind.choices)
    topic = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Topic.objects.filter(is_active=True))
    title = forms.CharField(label=_("Tiêu đề"), max_length=200)
    content = forms.CharField(label=_("Nội dung"), widget=forms.Textarea)
    organisation = forms.ModelChoiceField(label=_("Tổ chức tiếp nhận"), queryset=Organisation.objects.none())
    address = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    attachments = MultipleFileField(label=_("Tệp đính kèm"), required=False)
    submitter_name = forms.CharField(label=_("Họ tên người gửi"), max_length=150, required=False)
    submitter_phone = forms.CharField(label=_("Điện thoại"), max_length=30, required=False)
    submitter_email = forms.EmailField(label=_("Thư điện tử"), required=False)
    submitter_address = forms.CharField(label=_("Địa chỉ liên lạc"), max_length=255, required=False)
    show_name_publicly = forms.BooleanField(label=_("Người gửi đồng ý công khai tên"), required=False)
    publish_consent = forms.BooleanField(label=_("Người gửi đồng ý công khai nội dung và trả lời"), required=False)
    confidential = forms.BooleanField(label=_("Mật (phản ánh về cán bộ, công chức)"), required=False)
    received_on = BoundedDateField(
        label=_("Ngày nhận"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Để trống nếu nhận hôm nay. Hạn trả lời được tính từ ngày nhận (ví dụ: nhận tại hội nghị)."))
    form_token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations if organisations is not None else Organisation.objects.none()
        if not self.is_bound:
            self.initial.setdefault("form_token", secrets.token_urlsafe(24))

    def clean_received_on(self):
        day = self.cleaned_data.get("received_on")
        if day is not None and day > timezone.localdate():
            raise ValidationError(_("Ngày nhận không thể ở tương lai."), code="future")
        if day is not None and day < timezone.localdate() - datetime.timedelta(days=366):
            raise ValidationError(_("Ngày nhận quá xa (hơn một năm trước)."), code="too_old")
        return day

    @property
    def submitted_at(self) -> datetime.datetime | None:
        """When it was received, for ``petition_submit``: None when that is today."""
        day = self.cleaned_data.get("received_on")
        if day is None or day == timezone.localdate():
            return None
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12, 0)))


class TrackForm(forms.Form):
    ma = forms.CharField(label=_("Mã tra cứu hoặc số tham chiếu"), max_length=30,
                         widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off",
                                                       "placeholder": "KN-XXXXX-XXXXX"}))


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(label=_("Mức hài lòng"), coerce=int, widget=forms.RadioSelect,
                                    choices=[(i, str(i)) for i in range(1, 6)])
    comment = forms.CharField(label=_("Nhận xét (không bắt buộc)"), max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Vì sao ông/bà chưa đồng ý với trả lời?"), max_length=4000,
                             widget=forms.Textarea(attrs={"rows": 3}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Ghi chú nội bộ"), max_length=4000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class RedirectForm(forms.Form):
    explanation = forms.CharField(
        label=_("Giải thích cho người gửi (để trống để dùng nội dung hướng dẫn mặc định)"), max_length=4000,
        required=False, widget=forms.Textarea(attrs={"rows": 4}))


class ForwardForm(BlankChoiceLabelMixin, forms.Form):
    body = forms.ModelChoiceField(label=_("Cơ quan có thẩm quyền"), queryset=Body.objects.none(), required=False,
                                  help_text=_("Để trống để dùng quy tắc chuyển."))
    cooperating_bodies = forms.ModelMultipleChoiceField(label=_("Cơ quan phối hợp"), queryset=Body.objects.none(),
                                                        required=False)
    due_date = BoundedDateField(label=_("Hạn trả lời"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}),
                               help_text=_("Để trống để tính theo thời hạn quy định (ngày làm việc)."))
    note = forms.CharField(label=_("Ghi chú nội bộ"), max_length=4000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        active = Body.objects.active_on(timezone.localdate())
        self.fields["body"].queryset = active
        self.fields["cooperating_bodies"].queryset = active


class AnswerForm(forms.Form):
    text = forms.CharField(label=_("Nội dung trả lời"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8}))
    document = forms.FileField(label=_("Văn bản trả lời (PDF, không bắt buộc)"), required=False,
                               widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}))

    def clean_document(self):
        document = self.cleaned_data.get("document")
        return answer_document_clean(document) if document else document


class AnswerAcceptForm(forms.Form):
    public_text = forms.CharField(
        label=_("Nội dung trả lời công khai"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Nội dung người gửi nhận được, hiện trên trang tra cứu và trên danh sách kiến nghị đã trả lời "
                    "(nếu người gửi đồng ý công khai). Hãy bỏ họ tên, số điện thoại, địa chỉ và mọi thông tin cá "
                    "nhân khác."))
    note = forms.CharField(label=_("Ghi chú nội bộ"), max_length=4000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class AnswerSendBackForm(forms.Form):
    reason = forms.CharField(label=_("Lý do, nội dung cần trả lời bổ sung (gửi cơ quan)"), max_length=4000,
                             widget=forms.Textarea(attrs={"rows": 4}))
    due_date = BoundedDateField(label=_("Hạn trả lời mới"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}),
                               help_text=_("Để trống để tính theo thời hạn quy định (ngày làm việc, từ hôm nay)."))


class InformForm(forms.Form):
    method = forms.ChoiceField(label=_("Hình thức thông tin lại"), choices=InformMethod.choices)
    informed_at = BoundedDateTimeField(label=_("Thời điểm"), required=False,
                                      widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                                      input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
                                      help_text=_("Để trống nếu là lúc này."))
    informed_by = forms.CharField(label=_("Người thông tin lại"), max_length=255, required=False,
                                  help_text=_("Để trống nếu là ông/bà."))
    informed_to = forms.CharField(label=_("Người được thông tin"), max_length=255, required=False,
                                  help_text=_("Để trống nếu là chính người gửi."))
    note = forms.CharField(label=_("Ghi chú nội bộ"), max_length=4000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class MergeForm(forms.Form):
    into_code = forms.CharField(label=_("Số tham chiếu của kiến nghị gốc (gộp vào)"), max_length=30)


class ImportForm(BlankChoiceLabelMixin, forms.Form):
    file = forms.FileField(label=_("Tệp XLSX theo mẫu"))
    organisation = forms.ModelChoiceField(label=_("Tổ chức tiếp nhận mặc định"), queryset=Organisation.objects.none())

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations if organisations is not None else Organisation.objects.none()


class ConfidentialForm(forms.Form):
    confidential = forms.BooleanField(label=_("Mật (phản ánh về cán bộ, công chức)"), required=False)
    officers = forms.ModelMultipleChoiceField(label=_("Cán bộ được xem"), queryset=None, required=False,
                                              help_text=_(
                                                  "Luôn được xem: thành viên vai trò Quản trị (lãnh đạo) của ủy ban "
                                                  "tiếp nhận và các cấp trên; nếu không có ai, cán bộ Mặt trận của "
                                                  "ủy ban gần nhất có cán bộ, và quản trị hệ thống được báo. Người "
                                                  "lưu cũng được xem."))

    def __init__(self, *args, officers_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officers"].queryset = officers_queryset if officers_queryset is not None else User.objects.none()


class NoteAddForm(forms.Form):
    text = forms.CharField(label=_("Ghi chú nội bộ"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Chỉ cán bộ và cơ quan được chuyển xem; người gửi không thấy."))


class ChaseForm(forms.Form):
    message = forms.CharField(label=_("Lời nhắn gửi cơ quan (không bắt buộc)"), max_length=5000, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}),
                              help_text=_("Cơ quan nhận thư nhắc kèm đường dẫn trả lời; trạng thái không đổi."))


class AssignForm(BlankChoiceLabelMixin, forms.Form):
    assignee = forms.ModelChoiceField(label=_("Cán bộ xử lý"), queryset=None, required=False,
                                      empty_label=_("— Chưa giao —"))

    def __init__(self, *args, officers_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = officers_queryset if officers_queryset is not None else User.objects.none()
        self.fields["assignee"].label_from_instance = lambda user: user.get_full_name() or user.get_username()
