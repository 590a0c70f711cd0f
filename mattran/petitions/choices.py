"""The fixed lists of the petitions app: channels, kinds, statuses and their groups, how the submitter was
informed, timeline entry kinds. Importable from ``models`` too."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def choice_label(choices: type[models.TextChoices], value: str) -> str:
    """The label of ``value`` in the current language, or the value itself when it is not a choice: what
    ``get_FOO_display`` prints, without Django's cost of translating every label of the list on each call
    (tables print it per row)."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


class PetitionChannel(models.TextChoices):
    WEB = "web", _("Cổng thông tin (biểu mẫu trực tuyến)")
    IN_PERSON = "in_person", _("Trực tiếp tại trụ sở")
    PHONE = "phone", _("Điện thoại")
    MAIL = "mail", _("Thư gửi qua bưu điện")
    RESIDENTIAL_COMMITTEE = "residential", _("Ban công tác Mặt trận khu dân cư")
    MEMBER_ORGANISATION = "member", _("Tổ chức thành viên")
    VOTER_CONTACT = "voter_contact", _("Tiếp xúc cử tri")
    DIALOGUE = "dialogue", _("Hội nghị đối thoại")
    EXTERNAL = "external", _("Chuyển từ hệ thống khác")
    OPEN311 = "open311", _("Ứng dụng qua giao diện Open311")


class PetitionKind(models.TextChoices):
    PETITION = "kien_nghi", _("Kiến nghị")
    REPORT = "phan_anh", _("Phản ánh")
    COMMENT = "gop_y", _("Góp ý xây dựng Đảng, chính quyền")
    COMPLAINT = "khieu_nai", _("Khiếu nại")
    DENUNCIATION = "to_cao", _("Tố cáo")


# Complaints and denunciations have their own statutory procedure (Luật Khiếu nại, Luật Tố cáo): the Front
# redirects them with an explanation instead of forwarding them as petitions.
STATUTORY_KINDS = (PetitionKind.COMPLAINT, PetitionKind.DENUNCIATION)


class PetitionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Đã gửi, chờ tiếp nhận")
    ACCEPTED = "accepted", _("Đã tiếp nhận")
    REJECTED = "rejected", _("Không tiếp nhận")
    REDIRECTED = "redirected", _("Hướng dẫn theo thủ tục khác")
    FORWARDED = "forwarded", _("Đã chuyển đến cơ quan có thẩm quyền")
    IN_PROGRESS = "in_progress", _("Cơ quan đang giải quyết")
    RETURNED = "returned", _("Cơ quan trả lại (không đúng thẩm quyền)")
    ANSWERED = "answered", _("Cơ quan đã trả lời; Mặt trận đang xem xét")
    ANSWER_ACCEPTED = "answer_accepted", _("Mặt trận đã chấp nhận trả lời, chờ thông tin lại")
    INFORMED = "informed", _("Đã thông tin lại cho người gửi")
    CLOSED = "closed", _("Đã kết thúc")
    REOPENED = "reopened", _("Mở lại (người gửi chưa đồng ý)")
    MERGED = "merged", _("Đã gộp vào kiến nghị trùng")


class StatusGroup(models.TextChoices):
    """The few fixed kinds of status code branches on."""

    NEW = "new", _("Chờ xử lý")
    WITH_BODY = "with_body", _("Đang chờ cơ quan trả lời")
    ANSWERED = "answered", _("Đã có trả lời")
    DONE = "done", _("Đã kết thúc")


STATUS_GROUPS = {
    PetitionStatus.SUBMITTED: StatusGroup.NEW,
    PetitionStatus.ACCEPTED: StatusGroup.NEW,
    PetitionStatus.RETURNED: StatusGroup.NEW,
    PetitionStatus.REOPENED: StatusGroup.NEW,
    PetitionStatus.FORWARDED: StatusGroup.WITH_BODY,
    PetitionStatus.IN_PROGRESS: StatusGroup.WITH_BODY,
    PetitionStatus.ANSWERED: StatusGroup.ANSWERED,
    PetitionStatus.ANSWER_ACCEPTED: StatusGroup.ANSWERED,
    PetitionStatus.INFORMED: StatusGroup.ANSWERED,
    PetitionStatus.CLOSED: StatusGroup.DONE,
    PetitionStatus.REJECTED: StatusGroup.DONE,
    PetitionStatus.REDIRECTED: StatusGroup.DONE,
    PetitionStatus.MERGED: StatusGroup.DONE,
}

# Statuses in which a due date runs: the item waits for the Front or the body to act.
PENDING_STATUSES = (
    PetitionStatus.ACCEPTED,
    PetitionStatus.FORWARDED,
    PetitionStatus.IN_PROGRESS,
    PetitionStatus.RETURNED,
    PetitionStatus.REOPENED,
)


# Statuses in which the body's answer has passed the Front's review (``review.answer_accept``): only then is it
# shown to the submitter and, as the Front's edited ``answer_public_text``, to the public.
ANSWER_PUBLISHED_STATUSES = (PetitionStatus.ANSWER_ACCEPTED, PetitionStatus.INFORMED, PetitionStatus.CLOSED)


class InformMethod(models.TextChoices):
    EMAIL = "email", _("Thư điện tử")
    PHONE = "phone", _("Điện thoại")
    IN_PERSON = "in_person", _("Gặp trực tiếp")
    LETTER = "letter", _("Văn bản gửi qua bưu điện")
    MEETING = "meeting", _("Tại hội nghị, buổi tiếp xúc cử tri")
    RESIDENTIAL_COMMITTEE = "residential", _("Qua Ban công tác Mặt trận khu dân cư")
    TRACKING_PAGE = "tracking_page", _("Trên trang tra cứu (người gửi không để lại liên lạc)")


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("diễn biến", "Gửi kiến nghị")
    ACCEPTED = "accepted", _("Tiếp nhận")
    REJECTED = "rejected", _("Không tiếp nhận")
    REDIRECTED = "redirected", _("Hướng dẫn theo thủ tục khác")
    FORWARDED = "forwarded", _("Chuyển cơ quan có thẩm quyền")
    ACKNOWLEDGED = "acknowledged", _("Cơ quan xác nhận đã nhận")
    RETURNED = "returned", _("Cơ quan trả lại")
    ANSWERED = "answered", _("Cơ quan trả lời")
    ANSWER_ACCEPTED = "answer_accepted", _("Mặt trận chấp nhận trả lời")
    ANSWER_SENT_BACK = "answer_sent_back", _("Mặt trận đề nghị cơ quan trả lời bổ sung")
    INFORMED = "informed", _("Thông tin lại cho người gửi")
    CLOSED = "closed", _("Kết thúc")
    REOPENED = "reopened", _("Mở lại")
    MERGED = "merged", _("Gộp kiến nghị trùng")
    DUPLICATE_ADDED = "duplicate_added", _("Nhận thêm kiến nghị trùng")
    RATED = "rated", _("Người gửi đánh giá")
    REMINDED = "reminded", _("Nhắc hạn")
    ESCALATED = "escalated", _("Đôn đốc")
    CONFIDENTIAL = "confidential", _("Đổi chế độ mật")
    NOTE = "note", _("Ghi chú nội bộ")
    CHASED = "chased", _("Đôn đốc cơ quan")
    ASSIGNED = "assigned", _("Giao cán bộ xử lý")
