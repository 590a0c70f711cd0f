"""What each audit action code means, in words, for the audit log in the admin ("petition.inform" → "Thông tin lại
cho người gửi kiến nghị"). The codes stay as written by ``audit_record`` (they are data, searched and filtered on);
only their display is translated. A code without a label here is shown as itself: a test lists every code the
services write and requires a label for each.
"""

from django.utils.translation import pgettext_lazy

ACTION_LABELS = {
    # accounts
    "user.create": pgettext_lazy("nhật ký thao tác", "Tạo tài khoản"),
    "user.rights_sync": pgettext_lazy("nhật ký thao tác", "Cập nhật quyền của tài khoản theo phân công"),
    "membership.grant": pgettext_lazy("nhật ký thao tác", "Phân công vai trò"),
    "membership.update": pgettext_lazy("nhật ký thao tác", "Sửa phân công"),
    "membership.revoke": pgettext_lazy("nhật ký thao tác", "Thu hồi phân công"),
    "organisation.groups_sync": pgettext_lazy("nhật ký thao tác", "Cập nhật nhóm quyền của tổ chức"),
    "otp_device.start": pgettext_lazy("nhật ký thao tác", "Bắt đầu bật xác thực hai bước"),
    "otp_device.confirm": pgettext_lazy("nhật ký thao tác", "Bật xác thực hai bước"),
    "otp_device.issue": pgettext_lazy("nhật ký thao tác", "Cấp thiết bị xác thực hai bước cho người dùng"),
    "otp_device.remove": pgettext_lazy("nhật ký thao tác", "Tắt xác thực hai bước"),
    # organisations
    "organisation.create": pgettext_lazy("nhật ký thao tác", "Thêm tổ chức"),
    "organisation.archive": pgettext_lazy("nhật ký thao tác", "Ghi nhận tổ chức kết thúc hoạt động"),
    "body.create": pgettext_lazy("nhật ký thao tác", "Thêm cơ quan"),
    "topic.create": pgettext_lazy("nhật ký thao tác", "Thêm lĩnh vực"),
    "routing_rule.set": pgettext_lazy("nhật ký thao tác", "Đặt quy tắc chuyển"),
    # petitions
    "petition.submit": pgettext_lazy("nhật ký thao tác", "Nhận kiến nghị mới"),
    "petition.import_xlsx": pgettext_lazy("nhật ký thao tác", "Nhập kiến nghị từ bảng tính"),
    "petition.accept": pgettext_lazy("nhật ký thao tác", "Tiếp nhận kiến nghị"),
    "petition.reject": pgettext_lazy("nhật ký thao tác", "Không tiếp nhận kiến nghị"),
    "petition.redirect": pgettext_lazy("nhật ký thao tác", "Hướng dẫn người gửi theo thủ tục khác"),
    "petition.forward": pgettext_lazy("nhật ký thao tác", "Chuyển kiến nghị đến cơ quan có thẩm quyền"),
    "petition.acknowledge": pgettext_lazy("nhật ký thao tác", "Cơ quan xác nhận đã nhận kiến nghị"),
    "petition.return": pgettext_lazy("nhật ký thao tác", "Cơ quan trả lại kiến nghị"),
    "petition.answer": pgettext_lazy("nhật ký thao tác", "Cơ quan trả lời kiến nghị"),
    "petition.answer_accept": pgettext_lazy("nhật ký thao tác", "Mặt trận chấp nhận trả lời của cơ quan"),
    "petition.answer_send_back": pgettext_lazy("nhật ký thao tác", "Mặt trận đề nghị cơ quan trả lời bổ sung"),
    "petition.inform": pgettext_lazy("nhật ký thao tác", "Thông tin lại cho người gửi kiến nghị"),
    "petition.close": pgettext_lazy("nhật ký thao tác", "Kết thúc kiến nghị"),
    "petition.reopen": pgettext_lazy("nhật ký thao tác", "Mở lại kiến nghị"),
    "petition.merge": pgettext_lazy("nhật ký thao tác", "Gộp kiến nghị trùng"),
    "petition.rate": pgettext_lazy("nhật ký thao tác", "Người gửi đánh giá trả lời"),
    "petition.remind": pgettext_lazy("nhật ký thao tác", "Nhắc hạn trả lời kiến nghị"),
    "petition.liaison_link_resend": pgettext_lazy("nhật ký thao tác", "Gửi lại đường dẫn trả lời cho cơ quan"),
    "petition.view_personal_data": pgettext_lazy("nhật ký thao tác", "Xem thông tin cá nhân của người gửi"),
    "petition.confidential_set": pgettext_lazy("nhật ký thao tác", "Đổi chế độ mật của kiến nghị"),
    "petition.confidential_readers_refresh": pgettext_lazy("nhật ký thao tác", "Cập nhật cán bộ được xem kiến nghị mật"),
    "petition.confidential_fallback": pgettext_lazy("nhật ký thao tác", "Giao kiến nghị mật cho cán bộ xem thay"),
    "petition.note_add": pgettext_lazy("nhật ký thao tác", "Ghi chú nội bộ vào kiến nghị"),
    "petition.chase": pgettext_lazy("nhật ký thao tác", "Đôn đốc cơ quan trả lời kiến nghị"),
    "petition.assign": pgettext_lazy("nhật ký thao tác", "Giao cán bộ xử lý kiến nghị"),
    # supervision
    "programme.create": pgettext_lazy("nhật ký thao tác", "Lập chương trình giám sát"),
    "programme.agree": pgettext_lazy("nhật ký thao tác", "Ghi nhận thống nhất chương trình giám sát"),
    "activity.create": pgettext_lazy("nhật ký thao tác", "Tạo cuộc giám sát"),
    "activity.notice_send": pgettext_lazy("nhật ký thao tác", "Ghi nhận đã gửi thông báo giám sát"),
    "activity.self_report": pgettext_lazy("nhật ký thao tác", "Nhận báo cáo tự giám sát"),
    "activity.session_add": pgettext_lazy("nhật ký thao tác", "Thêm buổi làm việc giám sát"),
    "activity.document_add": pgettext_lazy("nhật ký thao tác", "Thêm tài liệu của cuộc giám sát"),
    "activity.start": pgettext_lazy("nhật ký thao tác", "Bắt đầu cuộc giám sát"),
    "activity.finish": pgettext_lazy("nhật ký thao tác", "Kết thúc cuộc giám sát"),
    "activity.cancel": pgettext_lazy("nhật ký thao tác", "Hủy cuộc giám sát"),
    "activity.publish": pgettext_lazy("nhật ký thao tác", "Công khai kết quả giám sát"),
    "recommendation.draft": pgettext_lazy("nhật ký thao tác", "Soạn kiến nghị sau giám sát"),
    "recommendation.issue": pgettext_lazy("nhật ký thao tác", "Gửi kiến nghị sau giám sát"),
    "recommendation.acknowledge": pgettext_lazy("nhật ký thao tác", "Cơ quan xác nhận đã nhận kiến nghị sau giám sát"),
    "recommendation.respond": pgettext_lazy("nhật ký thao tác", "Ghi nhận văn bản trả lời kiến nghị sau giám sát"),
    "recommendation.milestone": pgettext_lazy("nhật ký thao tác", "Báo cáo tiến độ thực hiện kiến nghị"),
    "recommendation.implemented": pgettext_lazy("nhật ký thao tác", "Xác nhận kiến nghị đã thực hiện xong"),
    "recommendation.not_accepted": pgettext_lazy("nhật ký thao tác", "Ghi nhận cơ quan không tiếp thu kiến nghị"),
    "recommendation.escalate": pgettext_lazy("nhật ký thao tác", "Báo cáo ủy ban cấp trên về kiến nghị"),
    "recommendation.close": pgettext_lazy("nhật ký thao tác", "Kết thúc theo dõi kiến nghị sau giám sát"),
    "recommendation.link_resend": pgettext_lazy("nhật ký thao tác", "Gửi lại đường dẫn kiến nghị cho cơ quan"),
    # social criticism
    "draft.create": pgettext_lazy("nhật ký thao tác", "Nhận dự thảo cần phản biện"),
    "draft.version_add": pgettext_lazy("nhật ký thao tác", "Thêm phiên bản dự thảo"),
    "draft.open": pgettext_lazy("nhật ký thao tác", "Bắt đầu lấy ý kiến phản biện dự thảo"),
    "draft.public_set": pgettext_lazy("nhật ký thao tác", "Mở hoặc ngừng nhận ý kiến của Nhân dân về dự thảo"),
    "draft.invite": pgettext_lazy("nhật ký thao tác", "Mời chuyên gia góp ý dự thảo"),
    "invitation.revoke": pgettext_lazy("nhật ký thao tác", "Thu hồi lời mời chuyên gia"),
    "comment.submit": pgettext_lazy("nhật ký thao tác", "Nhận ý kiến góp ý dự thảo"),
    "comment.accept": pgettext_lazy("nhật ký thao tác", "Đưa ý kiến góp ý vào văn bản phản biện"),
    "comment.reject": pgettext_lazy("nhật ký thao tác", "Không đưa ý kiến góp ý vào văn bản phản biện"),
    "comment.personal_data_read": pgettext_lazy("nhật ký thao tác", "Xem thông tin cá nhân của người góp ý"),
    "draft.close_period": pgettext_lazy("nhật ký thao tác", "Kết thúc lấy ý kiến phản biện dự thảo"),
    "draft.consolidate": pgettext_lazy("nhật ký thao tác", "Gửi văn bản phản biện cho cơ quan soạn thảo"),
    "draft.reply_link_resend": pgettext_lazy("nhật ký thao tác", "Gửi lại đường dẫn trả lời cho cơ quan soạn thảo"),
    "draft.reply": pgettext_lazy("nhật ký thao tác", "Cơ quan soạn thảo trả lời ý kiến phản biện"),
    "draft.close": pgettext_lazy("nhật ký thao tác", "Kết thúc phản biện dự thảo"),
    # documents, news, API
    "document.create": pgettext_lazy("nhật ký thao tác", "Thêm văn bản"),
    "document.update": pgettext_lazy("nhật ký thao tác", "Sửa văn bản"),
    "document.publish": pgettext_lazy("nhật ký thao tác", "Công bố văn bản"),
    "document.withdraw": pgettext_lazy("nhật ký thao tác", "Ngừng công bố văn bản"),
    "document.delete": pgettext_lazy("nhật ký thao tác", "Xóa văn bản"),
    "news.portal_create": pgettext_lazy("nhật ký thao tác", "Tạo cổng thông tin"),
    "news.category_create": pgettext_lazy("nhật ký thao tác", "Tạo chuyên mục"),
    "news.article_create": pgettext_lazy("nhật ký thao tác", "Tạo bài viết"),
    "news.article_import_legacy": pgettext_lazy("nhật ký thao tác", "Nhập bài viết từ trang cũ"),
    "api_key.create": pgettext_lazy("nhật ký thao tác", "Cấp khóa API"),
    "api_key.deactivate": pgettext_lazy("nhật ký thao tác", "Ngừng dùng khóa API"),
    "open311.request_create": pgettext_lazy("nhật ký thao tác", "Nhận yêu cầu qua Open311"),
    # reports
    "report.request": pgettext_lazy("nhật ký thao tác", "Yêu cầu tạo báo cáo"),
    "report.start": pgettext_lazy("nhật ký thao tác", "Bắt đầu tạo tệp báo cáo"),
    "report.generate": pgettext_lazy("nhật ký thao tác", "Tạo xong tệp báo cáo"),
    "report.fail": pgettext_lazy("nhật ký thao tác", "Tạo tệp báo cáo không thành công"),
    # dialogues
    "petition.answer_on_the_spot": pgettext_lazy("nhật ký thao tác", "Ghi trả lời trực tiếp tại hội nghị cho kiến nghị"),
    "meeting.plan": pgettext_lazy("nhật ký thao tác", "Lên lịch hội nghị đối thoại, tiếp xúc cử tri"),
    "meeting.update": pgettext_lazy("nhật ký thao tác", "Sửa thông tin hội nghị"),
    "meeting.hold": pgettext_lazy("nhật ký thao tác", "Ghi nhận đã tổ chức hội nghị"),
    "meeting.minutes_record": pgettext_lazy("nhật ký thao tác", "Cập nhật biên bản hội nghị"),
    "meeting.close": pgettext_lazy("nhật ký thao tác", "Kết thúc theo dõi hội nghị"),
    "meeting.cancel": pgettext_lazy("nhật ký thao tác", "Hủy hội nghị"),
    "meeting.photo_add": pgettext_lazy("nhật ký thao tác", "Thêm ảnh hội nghị"),
    "meeting.article_link": pgettext_lazy("nhật ký thao tác", "Gắn tin bài về hội nghị"),
    "opinion.record": pgettext_lazy("nhật ký thao tác", "Ghi ý kiến tại hội nghị"),
    "opinion.forward": pgettext_lazy("nhật ký thao tác", "Chuyển ý kiến tại hội nghị đến cơ quan"),
    "opinion.question_submit": pgettext_lazy("nhật ký thao tác", "Nhận câu hỏi gửi trước hội nghị"),
    "opinion.question_answer": pgettext_lazy("nhật ký thao tác", "Ghi trả lời câu hỏi gửi trước tại hội nghị"),
    "commitment.record": pgettext_lazy("nhật ký thao tác", "Ghi nhận cam kết tại hội nghị"),
    "council_session.create": pgettext_lazy("nhật ký thao tác", "Thêm kỳ họp của cơ quan dân cử"),
    "consolidation.run": pgettext_lazy("nhật ký thao tác", "Tổng hợp kiến nghị cử tri"),
    "opinion_group.split": pgettext_lazy("nhật ký thao tác", "Tách nhóm kiến nghị cử tri"),
    "opinion_group.confirm": pgettext_lazy("nhật ký thao tác", "Xác nhận nhóm kiến nghị cử tri"),
    "opinion_group.answer_record": pgettext_lazy("nhật ký thao tác", "Ghi kết quả trả lời kiến nghị cử tri"),
}


def audit_action_label(code: str) -> str:
    """The words for an action code in the active language; an unknown code as itself."""
    label = ACTION_LABELS.get(code)
    return str(label) if label is not None else code


def audit_action_choices() -> list[tuple[str, str]]:
    """(code, label) for every known action, sorted by label in the active language: the audit log's filter."""
    return sorted(((code, str(label)) for code, label in ACTION_LABELS.items()), key=lambda choice: choice[1])
