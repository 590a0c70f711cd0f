"""The vocabulary of supervision: forms, topic sources, statuses and the kinds of documents and timeline events,
with the few status groups code branches on. Apart from the tables (``models``), which re-export every name, so
``from mattran.supervision.models import RecommendationStatus`` keeps working."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SupervisionForm(models.TextChoices):
    """The forms of supervision by the Front (DESIGN.md §3.3)."""

    DOCUMENT_REVIEW = "document_review", _("Nghiên cứu, xem xét văn bản")
    DELEGATION = "delegation", _("Đoàn giám sát")
    PEOPLES_INSPECTION = "peoples_inspection", _("Thông qua Ban Thanh tra nhân dân")
    COMMUNITY_INVESTMENT = "community_investment", _("Thông qua Ban giám sát đầu tư của cộng đồng")
    RESIDENCE = "residence", _("Giám sát cán bộ, đảng viên nơi cư trú")
    PETITIONS = "petitions", _("Thông qua ý kiến, kiến nghị của Nhân dân")


class TopicSource(models.TextChoices):
    PETITIONS = "petitions", _("Ý kiến, kiến nghị của Nhân dân")
    PUBLIC_OPINION = "public_opinion", _("Dư luận xã hội")
    EARLIER_RECOMMENDATIONS = "earlier", _("Kiến nghị trước đây chưa được thực hiện")
    PROGRAMME = "programme", _("Chương trình phối hợp, kế hoạch năm")
    OTHER = "other", _("Khác")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Theo kế hoạch")
    UNDER_WAY = "under_way", _("Đang giám sát")
    DONE = "done", _("Đã hoàn thành")
    NOT_DONE = "not_done", _("Không thực hiện")


class ActivityDocumentKind(models.TextChoices):
    DECISION = "decision", _("Quyết định thành lập đoàn giám sát")
    PLAN = "plan", _("Kế hoạch giám sát")
    NOTICE = "notice", _("Thông báo cho đối tượng giám sát")
    SELF_REPORT = "self_report", _("Báo cáo tự giám sát của đối tượng")
    MINUTES = "minutes", _("Biên bản làm việc")
    FINDINGS = "findings", _("Báo cáo kết quả giám sát")
    OTHER = "other", _("Tài liệu khác")


class ActivityEventKind(models.TextChoices):
    CREATED = "created", _("Lập cuộc giám sát")
    NOTICE_SENT = "notice_sent", _("Gửi thông báo cho đối tượng")
    SELF_REPORT = "self_report", _("Nhận báo cáo tự giám sát")
    STARTED = "started", _("Bắt đầu giám sát")
    SESSION = "session", _("Buổi làm việc")
    DOCUMENT = "document", _("Thêm tài liệu")
    FINISHED = "finished", _("Kết thúc, có báo cáo kết quả")
    CANCELLED = "cancelled", _("Không thực hiện")
    PUBLISHED = "published", _("Công khai kết quả")


class RecommendationStatus(models.TextChoices):
    DRAFTED = "drafted", _("Dự thảo")
    ISSUED = "issued", _("Đã gửi kiến nghị")
    ACKNOWLEDGED = "acknowledged", _("Cơ quan đã nhận")
    RESPONDED = "responded", _("Cơ quan đã trả lời bằng văn bản")
    IN_IMPLEMENTATION = "in_implementation", _("Đang thực hiện")
    IMPLEMENTED = "implemented", _("Đã thực hiện xong")
    NOT_ACCEPTED = "not_accepted", _("Cơ quan không tiếp thu")
    ESCALATED = "escalated", _("Đã báo cáo ủy ban cấp trên")
    CLOSED = "closed", _("Đã kết thúc theo dõi")


class RecommendationGroup(models.TextChoices):
    """The few fixed kinds of status code and filters branch on."""

    AWAITING_RESPONSE = "awaiting", _("Chờ cơ quan trả lời")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Đã thực hiện")
    PROBLEM = "problem", _("Không tiếp thu, đã báo cáo cấp trên")
    CLOSED = "closed", _("Kết thúc")
    DRAFT = "draft", _("Dự thảo")


RECOMMENDATION_GROUPS = {
    RecommendationStatus.DRAFTED: RecommendationGroup.DRAFT,
    RecommendationStatus.ISSUED: RecommendationGroup.AWAITING_RESPONSE,
    RecommendationStatus.ACKNOWLEDGED: RecommendationGroup.AWAITING_RESPONSE,
    RecommendationStatus.RESPONDED: RecommendationGroup.IN_PROGRESS,
    RecommendationStatus.IN_IMPLEMENTATION: RecommendationGroup.IN_PROGRESS,
    RecommendationStatus.IMPLEMENTED: RecommendationGroup.DONE,
    RecommendationStatus.NOT_ACCEPTED: RecommendationGroup.PROBLEM,
    RecommendationStatus.ESCALATED: RecommendationGroup.PROBLEM,
    RecommendationStatus.CLOSED: RecommendationGroup.CLOSED,
}


# Waiting for the body's written response: the response due date runs and escalation applies.
AWAITING_RESPONSE = (RecommendationStatus.ISSUED, RecommendationStatus.ACKNOWLEDGED)


class ResponseKind(models.TextChoices):
    ACCEPTED = "accepted", _("Tiếp thu")
    PARTLY = "partly", _("Tiếp thu một phần")
    NOT_ACCEPTED = "not_accepted", _("Không tiếp thu")


class RecommendationEventKind(models.TextChoices):
    DRAFTED = "drafted", _("Soạn kiến nghị")
    ISSUED = "issued", _("Gửi kiến nghị")
    ACKNOWLEDGED = "acknowledged", _("Cơ quan xác nhận đã nhận")
    RESPONDED = "responded", _("Cơ quan trả lời bằng văn bản")
    IMPLEMENTATION_STARTED = "started", _("Bắt đầu thực hiện")
    MILESTONE = "milestone", _("Báo cáo tiến độ")
    IMPLEMENTED = "implemented", _("Thực hiện xong")
    NOT_ACCEPTED = "not_accepted", _("Ghi nhận không tiếp thu")
    ESCALATED = "escalated", _("Báo cáo ủy ban cấp trên")
    CLOSED = "closed", _("Kết thúc theo dõi")
    REMINDED = "reminded", _("Nhắc hạn")
    LINK_RESENT = "link_resent", _("Gửi lại đường dẫn cho cơ quan")
