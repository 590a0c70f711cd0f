"""Input parsing for the criticism screens: each form feeds one service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mattran.core.forms import BlankChoiceLabelMixin, BoundedDateField

from .models import ReplyKind
from .services.comments import MAX_COMMENT_CHARS

DATE = forms.DateInput(attrs={"type": "date"})
TEXT_MAX = 500_000


class DraftForm(BlankChoiceLabelMixin, forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Ủy ban phản biện"))
    drafting_body = forms.ModelChoiceField(queryset=None, label=_("Cơ quan soạn thảo"))
    title = forms.CharField(label=_("Tên dự thảo"), max_length=255)
    summary = forms.CharField(label=_("Tóm tắt"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    text = forms.CharField(
        label=_("Nội dung dự thảo"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Mỗi đoạn cách nhau một dòng trống; các đoạn được đánh số để góp ý."),
    )
    file = forms.FileField(label=_("Tệp dự thảo (PDF hoặc DOCX)"), required=False)
    received_on = BoundedDateField(label=_("Ngày nhận"), required=False, widget=DATE)

    def __init__(self, *args, organisations, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["drafting_body"].queryset = bodies


class VersionForm(forms.Form):
    text = forms.CharField(label=_("Nội dung phiên bản mới"), max_length=TEXT_MAX,
                           widget=forms.Textarea(attrs={"rows": 10}))
    note = forms.CharField(label=_("Những điểm thay đổi"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    file = forms.FileField(label=_("Tệp dự thảo (PDF hoặc DOCX)"), required=False)
    received_on = BoundedDateField(label=_("Ngày nhận"), required=False, widget=DATE)


class PeriodForm(forms.Form):
    opens_on = BoundedDateField(label=_("Bắt đầu nhận ý kiến"), widget=DATE)
    closes_on = BoundedDateField(label=_("Hết hạn nhận ý kiến"), widget=DATE)
    public_comments_open = forms.BooleanField(label=_("Nhận cả ý kiến của Nhân dân"), required=False)


class PublicSetForm(forms.Form):
    """One button: open public comments when they are closed, stop them when open (the value is hidden)."""

    open = forms.TypedChoiceField(
        label=_("Ý kiến của Nhân dân"), coerce=lambda v: v == "1", widget=forms.HiddenInput,
        choices=[("1", _("Mở nhận ý kiến")), ("0", _("Ngừng nhận ý kiến"))],
    )


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ConsolidateForm(forms.Form):
    on = BoundedDateField(label=_("Ngày văn bản"), required=False, widget=DATE)
    number = forms.CharField(label=_("Số văn bản"), max_length=60, required=False,
                             help_text=_("Để trống nếu văn bản được đánh số khi vào sổ."))
    signer_name = forms.CharField(label=_("Người ký"), max_length=255, required=False)


class InvitationForm(forms.Form):
    name = forms.CharField(label=_("Họ và tên chuyên gia"), max_length=255)
    position = forms.CharField(label=_("Chức danh, đơn vị"), max_length=255, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)


class ReplyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Ý kiến của cơ quan soạn thảo"), choices=ReplyKind.choices)
    text = forms.CharField(label=_("Nội dung trả lời"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 3}))


class CommentForm(forms.Form):
    """A comment on one paragraph: from the public form (with name and contact, both optional and private) or
    from an invited expert's link (the name comes from the invitation)."""

    paragraph = forms.TypedChoiceField(label=_("Góp ý cho đoạn"), coerce=int, choices=())
    text = forms.CharField(label=_("Ý kiến của ông/bà"), max_length=MAX_COMMENT_CHARS,
                           widget=forms.Textarea(attrs={"rows": 5}))
    author_name = forms.CharField(label=_("Họ và tên (không công khai)"), max_length=255, required=False)
    author_contact = forms.CharField(
        label=_("Điện thoại hoặc thư điện tử (không công khai)"), max_length=255, required=False,
        help_text=_("Không bắt buộc; chỉ cán bộ Mặt trận được xem, để liên hệ lại khi cần."),
    )
    website = forms.CharField(required=False, label=_("Để trống ô này"))

    def __init__(self, *args, paragraphs, expert: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paragraph"].choices = [
            (p.number, _("Đoạn %(n)s") % {"n": p.number}) for p in paragraphs
        ]
        if expert:
            del self.fields["author_name"]
            del self.fields["author_contact"]
