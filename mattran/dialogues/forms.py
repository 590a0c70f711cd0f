"""Input parsing for the dialogues screens: each form feeds one service."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminPageChooser
from wagtail.images import get_image_model
from wagtail.images.widgets import AdminImageChooser

from mattran.core.forms import BlankChoiceLabelMixin, BoundedDateField

from .models import ElectedBody, MeetingKind, SessionTiming
from .services.opinions import MAX_CONTENT

DATE = forms.DateInput(attrs={"type": "date"})
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


def _lines(label, help_text=""):
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=help_text, max_length=10_000)


class MeetingForm(BlankChoiceLabelMixin, forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Ủy ban tổ chức"))
    kind = forms.ChoiceField(label=_("Loại"), choices=MeetingKind.choices)
    title = forms.CharField(label=_("Tên hội nghị"), max_length=255)
    starts_at = forms.DateTimeField(label=_("Bắt đầu lúc"), widget=DATETIME, input_formats=DATETIME_FORMATS)
    ends_at = forms.DateTimeField(label=_("Kết thúc lúc"), widget=DATETIME, input_formats=DATETIME_FORMATS,
                                  required=False)
    place = forms.CharField(label=_("Địa điểm"), max_length=255)
    topic = forms.ModelChoiceField(queryset=None, label=_("Lĩnh vực chính (mặc định cho các ý kiến)"))
    subject = forms.CharField(label=_("Chủ đề"), max_length=255, required=False)
    agenda = _lines(_("Chương trình"))
    hosts = _lines(_("Chủ trì (họ tên — chức vụ)"), _("Mỗi người một dòng."))
    leader_body = forms.ModelChoiceField(queryset=None, label=_("Cơ quan của người chủ trì"), required=False)
    invited_groups = _lines(_("Thành phần mời"), _("Mỗi nhóm một dòng."))
    elected_body = forms.ChoiceField(label=_("Cơ quan dân cử (tiếp xúc cử tri)"), required=False,
                                     choices=[("", "—"), *ElectedBody.choices])
    delegates = _lines(_("Đại biểu tiếp xúc"), _("Mỗi người một dòng."))
    session = forms.ModelChoiceField(queryset=None, label=_("Kỳ họp"), required=False)
    session_timing = forms.ChoiceField(label=_("Trước/sau kỳ họp"), required=False,
                                       choices=[("", "—"), *SessionTiming.choices])

    def __init__(self, *args, organisations, topics, bodies, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["topic"].queryset = topics
        self.fields["leader_body"].queryset = bodies
        self.fields["session"].queryset = sessions


class OpinionForm(BlankChoiceLabelMixin, forms.Form):
    """One opinion in the room: the recording screen posts it (by script, or as a plain form)."""

    client_key = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    speaker_name = forms.CharField(label=_("Người phát biểu (không bắt buộc)"), max_length=150, required=False)
    neighbourhood = forms.CharField(label=_("Khu phố, tổ dân phố"), max_length=150, required=False)
    content = forms.CharField(label=_("Nội dung ý kiến"), max_length=MAX_CONTENT,
                              widget=forms.Textarea(attrs={"rows": 3}))
    spot_answer = forms.CharField(label=_("Trả lời tại hội nghị (nếu có)"), required=False, max_length=MAX_CONTENT,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    spot_answered_by = forms.CharField(label=_("Người trả lời"), max_length=255, required=False)


class QuestionAnswerForm(BlankChoiceLabelMixin, forms.Form):
    """The hosts' answer, in the room, to a question sent in advance."""

    answer = forms.CharField(label=_("Trả lời tại hội nghị"), max_length=MAX_CONTENT,
                             widget=forms.Textarea(attrs={"rows": 2}))
    answered_by = forms.CharField(label=_("Người trả lời"), max_length=255, required=False)


class NoteForm(BlankChoiceLabelMixin, forms.Form):
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class HoldForm(NoteForm):
    attendance = forms.IntegerField(label=_("Số người dự"), min_value=0, max_value=1_000_000, required=False)


class CancelForm(BlankChoiceLabelMixin, forms.Form):
    reason = forms.CharField(label=_("Lý do hủy (công khai)"), widget=forms.Textarea(attrs={"rows": 2}))


class MinutesForm(BlankChoiceLabelMixin, forms.Form):
    text = forms.CharField(label=_("Biên bản"), required=False, widget=forms.Textarea(attrs={"rows": 6}),
                           max_length=500_000)
    file = forms.FileField(label=_("Tệp biên bản đã ký (PDF)"), required=False)
    attendance = forms.IntegerField(label=_("Số người dự"), min_value=0, max_value=1_000_000, required=False)


class CommitmentForm(BlankChoiceLabelMixin, forms.Form):
    leader = forms.CharField(label=_("Người cam kết (họ tên — chức vụ)"), max_length=255)
    text = forms.CharField(label=_("Nội dung cam kết"), widget=forms.Textarea(attrs={"rows": 2}), max_length=10_000)
    due_date = BoundedDateField(label=_("Hạn thực hiện"), widget=DATE)


class PhotoForm(BlankChoiceLabelMixin, forms.Form):
    image = forms.ModelChoiceField(queryset=None, label=_("Ảnh"), widget=AdminImageChooser)
    caption = forms.CharField(label=_("Chú thích"), max_length=255, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["image"].queryset = get_image_model().objects.all()


class ArticleForm(BlankChoiceLabelMixin, forms.Form):
    article = forms.ModelChoiceField(queryset=None, label=_("Tin bài về hội nghị"),
                                     widget=AdminPageChooser(target_models=["news.ArticlePage"]))

    def __init__(self, *args, **kwargs):
        from mattran.news.models import ArticlePage

        super().__init__(*args, **kwargs)
        self.fields["article"].queryset = ArticlePage.objects.live()


class ForwardForm(BlankChoiceLabelMixin, forms.Form):
    body = forms.ModelChoiceField(queryset=None, label=_("Chuyển đến cơ quan"), required=False,
                                  help_text=_("Để trống: theo quy tắc chuyển của từng lĩnh vực."))

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies


class QuestionForm(BlankChoiceLabelMixin, forms.Form):
    """A citizen's question before the meeting, from the public page (``website`` is the honeypot)."""

    content = forms.CharField(label=_("Câu hỏi, ý kiến của ông/bà"), max_length=MAX_CONTENT,
                              widget=forms.Textarea(attrs={"rows": 4}))
    name = forms.CharField(label=_("Họ và tên (không công khai)"), max_length=150, required=False)
    neighbourhood = forms.CharField(label=_("Khu phố, tổ dân phố"), max_length=150, required=False)
    phone = forms.CharField(label=_("Điện thoại (không công khai)"), max_length=30, required=False)
    email = forms.EmailField(label=_("Thư điện tử (không công khai)"), required=False)
    website = forms.CharField(required=False, label=_("Để trống ô này"))

    def clean(self):
        data = super().clean()
        data.pop("website", None)
        return data


class SessionForm(BlankChoiceLabelMixin, forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Ủy ban tổng hợp kiến nghị"))
    elected_body = forms.ChoiceField(label=_("Cơ quan dân cử"), choices=ElectedBody.choices)
    name = forms.CharField(label=_("Kỳ họp"), max_length=255)
    starts_on = BoundedDateField(label=_("Ngày khai mạc"), widget=DATE)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class GroupConfirmForm(BlankChoiceLabelMixin, forms.Form):
    title = forms.CharField(label=_("Nội dung kiến nghị tổng hợp"), widget=forms.Textarea(attrs={"rows": 2}),
                            max_length=10_000)


class GroupSplitForm(BlankChoiceLabelMixin, forms.Form):
    opinions = forms.ModelMultipleChoiceField(queryset=None, label=_("Tách các ý kiến"),
                                              widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opinions"].queryset = group.opinions.select_related("meeting").order_by("meeting__starts_at",
                                                                                           "number")
        self.fields["opinions"].label_from_instance = lambda o: f"{o.meeting.title} · {o.number}: {o.content[:200]}"


class GroupAnswerForm(BlankChoiceLabelMixin, forms.Form):
    text = forms.CharField(label=_("Kết quả trả lời"), widget=forms.Textarea(attrs={"rows": 3}), max_length=50_000)
    answered_by = forms.CharField(label=_("Cơ quan trả lời"), max_length=255)
    answered_on = BoundedDateField(label=_("Ngày trả lời"), widget=DATE)
