"""Demo supervision for the city and a ward: programmes, activities in three forms, and recommendations in every
state, including an escalated one. Written for the project. Idempotent: nothing is added once the city's
programme for the year exists."""

import datetime

from django.db import transaction
from django.utils import timezone

from mattran.accounts.models import User
from mattran.organisations.models import Body, Organisation, Topic

from . import services
from .models import Programme, ResponseKind, SupervisionForm, TopicSource


def _actor(username: str):
    return User.objects.filter(username=username).first() or "load_demo"


@transaction.atomic
def load_demo(*, stdout=None):
    city = Organisation.objects.filter(slug="tp-ho-chi-minh").first()
    ward = Organisation.objects.filter(slug="phuong-minh-phung").first()
    ward_body = Body.objects.filter(slug="ubnd-phuong-minh-phung").first()
    city_body = Body.objects.filter(slug="ubnd-tp-ho-chi-minh").first()
    police = Body.objects.filter(slug="cong-an-phuong-minh-phung").first()
    if not all((city, ward, ward_body, city_body, police)):
        return 0
    today = timezone.localdate()
    year = today.year
    if Programme.objects.filter(organisation=city, year=year).exists():
        return 0
    days = datetime.timedelta
    officer_city, officer_ward = _actor("canbo.thanhpho"), _actor("canbo.minhphung")
    environment = Topic.objects.filter(name="Môi trường").first()
    order = Topic.objects.filter(name="Trật tự đô thị, an ninh").first()

    city_programme = services.programme_create(
        organisation=city, year=year, title=f"Chương trình giám sát năm {year}", actor=officer_city,
        agreed_on=datetime.date(year, 1, 15), agreed_with="Thành ủy, Ủy ban nhân dân Thành phố",
    )
    ward_programme = services.programme_create(
        organisation=ward, year=year, title=f"Chương trình giám sát năm {year} của phường Minh Phụng",
        actor=officer_ward, agreed_on=datetime.date(year, 1, 20), agreed_with="Đảng ủy, Ủy ban nhân dân phường",
    )

    # 1. A delegation supervision of the ward, finished and published, with recommendations in several states.
    delegation = services.activity_create(
        organisation=ward, programme=ward_programme, form=SupervisionForm.DELEGATION,
        title="Giám sát việc thu gom, xử lý rác thải sinh hoạt trên địa bàn phường",
        topic=environment, topic_source=TopicSource.PETITIONS,
        topic_evidence="12 ý kiến, kiến nghị về rác thải trong 12 tháng; 3 quá hạn; 2 bị mở lại.",
        subjects=[ward_body], delegation_head="Phó Chủ tịch Ủy ban MTTQ phường",
        delegation_members="Đại diện Hội Liên hiệp Phụ nữ phường\nĐại diện Đoàn Thanh niên phường",
        planned_start=today - days(90), planned_end=today - days(75), actor=officer_ward,
    )
    services.activity_notice_send(activity=delegation, sent_on=today - days(110), actor=officer_ward)
    services.activity_self_report_receive(activity=delegation, received_on=today - days(95), actor=officer_ward)
    services.activity_start(activity=delegation, started_on=today - days(90), actor=officer_ward)
    services.activity_session_add(
        activity=delegation, held_on=today - days(85), body=ward_body, place="Hội trường UBND phường",
        participants="Đoàn giám sát; lãnh đạo UBND phường; tổ thu gom rác",
        minutes="UBND phường báo cáo lịch thu gom; đoàn ghi nhận 12 điểm tập kết rác tự phát.", actor=officer_ward,
    )
    services.activity_finish(
        activity=delegation, finished_on=today - days(75), actor=officer_ward,
        findings_summary="Lịch thu gom chưa phù hợp ở các hẻm nhỏ; còn 12 điểm tập kết rác tự phát; việc xử lý vi "
        "phạm đổ rác không đúng nơi quy định chưa nghiêm.",
    )
    parent = services.recommendation_draft(
        activity=delegation, addressee=ward_body, actor=officer_ward,
        text="Tổ chức lại việc thu gom rác sinh hoạt ở các hẻm nhỏ và xóa các điểm tập kết tự phát.",
        legal_basis="Luật Bảo vệ môi trường năm 2020; Quy chế giám sát của MTTQ Việt Nam",
    )
    first = services.recommendation_draft(
        activity=delegation, addressee=ward_body, parent=parent, actor=officer_ward,
        text="Bố trí thu gom hằng ngày lúc 17 giờ tại 12 hẻm nhỏ.",
    )
    second = services.recommendation_draft(
        activity=delegation, addressee=ward_body, parent=parent, actor=officer_ward,
        text="Xóa 12 điểm tập kết rác tự phát, đặt biển cấm và camera tại 3 điểm phức tạp.",
    )
    for recommendation in (parent, first, second):
        services.recommendation_issue(recommendation=recommendation, issued_on=today - days(70), actor=officer_ward)
    for recommendation, progress in ((first, 100), (second, 50)):
        services.recommendation_acknowledge(recommendation=recommendation, actor="Cán bộ đầu mối UBND phường")
        services.recommendation_respond(
            recommendation=recommendation, response_kind=ResponseKind.ACCEPTED, responded_on=today - days(60),
            text="UBND phường tiếp thu và giao Tổ thu gom rác thực hiện.", actor="Cán bộ đầu mối UBND phường",
        )
        services.recommendation_milestone_report(
            recommendation=recommendation, reached_on=today - days(30), progress=progress,
            description="Đã thực hiện tại 6/12 hẻm." if progress < 100 else "Đã thu gom hằng ngày tại 12/12 hẻm.",
            actor="Cán bộ đầu mối UBND phường",
        )
    services.recommendation_mark_implemented(recommendation=first, actor=officer_ward)
    services.recommendation_respond(
        recommendation=parent, response_kind=ResponseKind.ACCEPTED, responded_on=today - days(60),
        text="Tiếp thu toàn bộ; thực hiện theo hai nội dung cụ thể.", actor="Cán bộ đầu mối UBND phường",
    )
    not_accepted = services.recommendation_draft(
        activity=delegation, addressee=ward_body, actor=officer_ward,
        text="Bố trí kinh phí mua thêm 20 thùng rác công cộng trong năm.",
    )
    services.recommendation_issue(recommendation=not_accepted, issued_on=today - days(70), actor=officer_ward)
    services.recommendation_respond(
        recommendation=not_accepted, response_kind=ResponseKind.NOT_ACCEPTED, responded_on=today - days(50),
        text="Ngân sách năm nay đã phân bổ hết; sẽ xem xét vào năm sau.", actor="Cán bộ đầu mối UBND phường",
    )
    services.recommendation_record_not_accepted(recommendation=not_accepted, actor=officer_ward)
    services.recommendation_close(
        recommendation=not_accepted, actor=officer_ward, note="Đưa vào nội dung giám sát năm sau."
    )
    services.activity_publish(activity=delegation, actor=officer_ward)

    # 2. Supervision through petitions of the ward police, finished: one recommendation overdue and escalated.
    via_petitions = services.activity_create(
        organisation=ward, programme=ward_programme, form=SupervisionForm.PETITIONS,
        title="Giám sát việc giải quyết phản ánh về tụ tập, đua xe ban đêm", topic=order,
        topic_source=TopicSource.PETITIONS, topic_evidence="5 phản ánh trong 6 tháng; 1 quá hạn.",
        subjects=[police], planned_start=today - days(60), planned_end=today - days(50), actor=officer_ward,
    )
    services.activity_start(activity=via_petitions, started_on=today - days(60), actor=officer_ward)
    services.activity_finish(
        activity=via_petitions, finished_on=today - days(50), actor=officer_ward,
        findings_summary="Phản ánh được tiếp nhận nhưng chưa có kế hoạch tuần tra cụ thể vào khung giờ 22–24 giờ.",
    )
    escalated = services.recommendation_draft(
        activity=via_petitions, addressee=police, actor=officer_ward,
        text="Xây dựng kế hoạch tuần tra khung giờ 22–24 giờ quanh công viên Phú Thọ và thông báo cho người dân.",
    )
    services.recommendation_issue(recommendation=escalated, issued_on=today - days(45), actor=officer_ward)
    services.recommendation_escalate(
        recommendation=escalated, actor="hệ thống (nhắc hạn hằng ngày)", escalated_on=today - days(24),
        note="Quá hạn trả lời bằng văn bản.",
    )
    waiting = services.recommendation_draft(
        activity=via_petitions, addressee=police, actor=officer_ward,
        text="Công khai số điện thoại đường dây nóng tiếp nhận phản ánh về trật tự.",
    )
    services.recommendation_issue(recommendation=waiting, issued_on=today - days(5), actor=officer_ward)
    acknowledged = services.recommendation_draft(
        activity=via_petitions, addressee=police, actor=officer_ward,
        text="Phối hợp Ban công tác Mặt trận khu dân cư thông tin kết quả xử lý cho người phản ánh.",
    )
    services.recommendation_issue(recommendation=acknowledged, issued_on=today - days(5), actor=officer_ward)
    services.recommendation_acknowledge(recommendation=acknowledged, actor="Cán bộ đầu mối Công an phường")
    refused = services.recommendation_draft(
        activity=via_petitions, addressee=police, actor=officer_ward,
        text="Lắp đèn chiếu sáng bổ sung trên lối đi bộ trong công viên.",
    )
    services.recommendation_issue(recommendation=refused, issued_on=today - days(45), actor=officer_ward)
    services.recommendation_respond(
        recommendation=refused, response_kind=ResponseKind.NOT_ACCEPTED, responded_on=today - days(30),
        text="Việc chiếu sáng công viên thuộc thẩm quyền Ủy ban nhân dân phường.", actor="Cán bộ đầu mối Công an phường",
    )
    services.recommendation_record_not_accepted(recommendation=refused, actor=officer_ward)
    services.activity_publish(activity=via_petitions, actor=officer_ward)

    # 3. The city: a document review under way, and a planned community-investment supervision.
    review = services.activity_create(
        organisation=city, programme=city_programme, form=SupervisionForm.DOCUMENT_REVIEW,
        title="Xem xét văn bản về hỗ trợ người dân bị ảnh hưởng bởi dự án chống ngập", subjects=[city_body],
        planned_start=today - days(10), planned_end=today + days(20), actor=officer_city,
    )
    services.activity_notice_send(activity=review, sent_on=today - days(30), actor=officer_city)
    services.activity_start(activity=review, started_on=today - days(10), actor=officer_city)
    services.activity_create(
        organisation=city, programme=city_programme, form=SupervisionForm.COMMUNITY_INVESTMENT,
        title="Giám sát đầu tư của cộng đồng đối với dự án cải tạo kênh", subjects=[city_body],
        planned_start=today + days(40), planned_end=today + days(60), actor=officer_city,
    )
    drafted = services.recommendation_draft(
        activity=review, addressee=city_body, actor=officer_city,
        text="Công khai danh sách hộ được hỗ trợ và mức hỗ trợ tại trụ sở UBND các phường.",
    )
    if stdout:
        stdout.write(f"  2 chương trình, 4 cuộc giám sát, kiến nghị đến {drafted.reference}")
    return 4
