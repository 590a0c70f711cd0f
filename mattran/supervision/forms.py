"""Input parsing for the supervision screens: each form feeds one service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mattran.core.forms import BlankChoiceLabelMixin
from mattran.organisations.models import Body, Topic

from .models import (
    ActivityDocumentKind,
    ResponseKind,
    SupervisionForm,
    TopicSource,
)

DATE = forms.DateInput(attrs={"type": "date"})


class ProgrammeForm(BlankChoiceLabelMixin, forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Ủy ban"))
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Tên chương trình"), max_length=255, required=False)
    agreed_on = forms.DateField(label=_("Ngày thống nhất với cấp ủy, chính quyền"), required=False, widget=DATE)
    agreed_with = forms.CharField(label=_("Thống nhất với"), max_length=255, required=False)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class ActivityForm(BlankChoiceLabelMixin, forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Ủy ban chủ trì"))
    programme = forms.ModelChoiceField(queryset=None, label=_("Thuộc chương trình"), required=False)
    form = forms.ChoiceField(label=_("Hình thức giám sát"), choices=SupervisionForm.choices)
    title = forms.CharField(label=_("Nội dung giám sát"), max_length=255)
    topic = forms.ModelChoiceField(queryset=Topic.objects.all(), label=_("Lĩnh vực"), required=False)
    topic_source = forms.ChoiceField(label=_("Nguồn của nội dung"), choices=TopicSource.choices)
    topic_evidence = forms.CharField(label=_("Căn cứ chọn nội dung"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    subjects = forms.ModelMultipleChoiceField(queryset=Body.objects.none(), label=_("Đối tượng giám sát (cơ quan)"), required=False)
    subject_office_holders = forms.CharField(
        label=_("Đối tượng giám sát (người giữ chức vụ, mỗi người một dòng)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    delegation_head = forms.CharField(label=_("Trưởng đoàn"), max_length=255, required=False)
    delegation_members = forms.CharField(
        label=_("Thành viên đoàn (mỗi người một dòng)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    planned_start = forms.DateField(label=_("Dự kiến bắt đầu"), required=False, widget=DATE)
    planned_end = forms.DateField(label=_("Dự kiến kết thúc"), required=False, widget=DATE)

    def __init__(self, *args, organisations, programmes, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["programme"].queryset = programmes
        self.fields["subjects"].queryset = bodies


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class DateForm(forms.Form):
    on = forms.DateField(label=_("Ngày"), widget=DATE)


class FinishForm(forms.Form):
    findings_summary = forms.CharField(
        label=_("Tóm tắt kết quả giám sát (công khai)"), widget=forms.Textarea(attrs={"rows": 5})
    )
    on = forms.DateField(label=_("Ngày kết thúc"), widget=DATE, required=False)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Lý do không thực hiện"), widget=forms.Textarea(attrs={"rows": 2}))


class SessionForm(BlankChoiceLabelMixin, forms.Form):
    held_on = forms.DateField(label=_("Ngày làm việc"), widget=DATE)
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    body = forms.ModelChoiceField(queryset=Body.objects.none(), label=_("Làm việc với"), required=False)
    participants = forms.CharField(label=_("Thành phần"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    minutes = forms.CharField(label=_("Biên bản (tóm tắt)"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args, bodies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if bodies is not None:
            self.fields["body"].queryset = bodies


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại tài liệu"), choices=ActivityDocumentKind.choices)
    title = forms.CharField(label=_("Tên tài liệu"), max_length=255, required=False)
    file = forms.FileField(label=_("Tệp PDF"))


class RecommendationForm(BlankChoiceLabelMixin, forms.Form):
    addressee = forms.ModelChoiceField(queryset=Body.objects.none(), label=_("Cơ quan nhận kiến nghị"))
    text = forms.CharField(label=_("Nội dung kiến nghị"), widget=forms.Textarea(attrs={"rows": 4}))
    legal_basis = forms.CharField(label=_("Căn cứ pháp lý"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    parent = forms.ModelChoiceField(queryset=None, label=_("Là một phần của kiến nghị"), required=False)

    def __init__(self, *args, bodies, parents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["addressee"].queryset = bodies
        self.fields["parent"].queryset = parents


class IssueForm(forms.Form):
    issued_on = forms.DateField(label=_("Ngày gửi"), widget=DATE, required=False)
    response_due = forms.DateField(
        label=_("Hạn trả lời bằng văn bản"),
        widget=DATE,
        required=False,
        help_text=_("Để trống: theo thời hạn trong cài đặt giám sát."),
    )


class RespondForm(forms.Form):
    response_kind = forms.ChoiceField(label=_("Ý kiến của cơ quan"), choices=ResponseKind.choices)
    text = forms.CharField(label=_("Nội dung văn bản trả lời"), widget=forms.Textarea(attrs={"rows": 4}))
    responded_on = forms.DateField(label=_("Ngày trả lời"), widget=DATE, required=False)
    implementation_due = forms.DateField(label=_("Hạn thực hiện (nếu có)"), widget=DATE, required=False)


class MilestoneForm(forms.Form):
    reached_on = forms.DateField(label=_("Ngày"), widget=DATE)
    description = forms.CharField(label=_("Nội dung đã thực hiện"), widget=forms.Textarea(attrs={"rows": 3}))
    progress = forms.IntegerField(label=_("Tiến độ sau mốc này (%)"), min_value=0, max_value=100)
    evidence = forms.FileField(label=_("Tài liệu minh chứng (PDF)"), required=False)
