"""Demo dialogues, written for the project: the city People's Council's year-end session, two voter-contact
sessions held before it (wards Minh Phụng and Bình Thới) whose opinions are in every state (answered on the spot,
forwarded, answered later and told, overdue, waiting), a leader's commitment, the consolidated groups, and an
upcoming dialogue conference in Minh Phụng with a question sent in advance. Idempotent."""

import datetime

from django.db import transaction
from django.utils import timezone

from mattran.accounts.models import User
from mattran.organisations.models import Body, Organisation, Topic
from mattran.petitions import services as petitions
from mattran.petitions.models import InformMethod, Petition, PetitionEvent

from . import services
from .models import ElectedBody, Meeting, MeetingKind, SessionTiming

SESSION = "Kỳ họp cuối năm, Hội đồng nhân dân Thành phố (demo)"
CONFERENCE = "Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền phường Minh Phụng với Nhân dân"
OPINIONS = {
    "phuong-minh-phung": [
        ("Đề nghị nâng cấp, chống ngập tuyến đường Minh Phụng đoạn gần chợ, mưa lớn là ngập sâu.", "spot",
         "Thành phố đã duyệt dự án chống ngập; phường sẽ thông tin tiến độ tại bảng tin khu phố."),
        ("Đề nghị xây thêm trường mầm non công lập, khu dân cư mới thiếu chỗ học cho trẻ.", "later",
         "Quận đã bố trí quỹ đất và vốn xây trường mầm non năm 2027."),
        ("Hẻm 12 thiếu đèn chiếu sáng, đề nghị lắp thêm.", "forwarded", ""),
        ("Đề nghị xử lý quán karaoke gây ồn sau 22 giờ ở khu phố 4.", "overdue", ""),
    ],
    "phuong-binh-thoi": [
        ("duong Minh Phung gan cho ngap nuoc moi khi mua, de nghi som nang cap chong ngap", "forwarded", ""),
        ("Khu dân cư mới thiếu trường mầm non, đề nghị Thành phố đầu tư xây thêm.", "spot",
         "Sở Giáo dục đã đưa trường mầm non vào kế hoạch đầu tư công trung hạn."),
        ("Đề nghị rút ngắn thời gian cấp giấy chứng nhận quyền sử dụng đất.", "waiting", ""),
    ],
}


def _actor(username: str):
    return User.objects.filter(username=username).first() or "load_demo"


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour, 0))


def _follow_through(opinion, state: str, officer, today):
    body = opinion.meeting.leader_body
    if state in ("waiting", "spot"):
        return
    petition = petitions.petition_forward(petition=opinion.petition, body=body, actor=officer)
    if state == "overdue":
        Petition.objects.filter(pk=petition.pk).update(due_date=today - datetime.timedelta(days=3))
    if state != "later":
        return
    liaison = f"Cán bộ {body.name} (đường dẫn được ký)"
    petition = petitions.petition_acknowledge(petition=petition, actor=liaison)
    petition = petitions.petition_answer(petition=petition, text=OPINION_ANSWERS[opinion.content], actor=liaison)
    petition = petitions.answer_accept(petition=petition, public_text=OPINION_ANSWERS[opinion.content], actor=officer)
    petitions.petition_inform(petition=petition, method=InformMethod.RESIDENTIAL_COMMITTEE, actor=officer)


OPINION_ANSWERS = {text: answer for rows in OPINIONS.values() for text, state, answer in rows if state == "later"}


@transaction.atomic
def _article_link(meeting, officer):
    """The demo's news article about voters or a meeting (else the newest) is linked to the meeting, as an editor
    links the article written after it."""
    from mattran.news.models import ArticlePage

    articles = ArticlePage.objects.live().order_by("-first_published_at")
    article = articles.filter(title__icontains="cử tri").first() or articles.filter(
        title__icontains="hội nghị").first() or articles.first()
    if article is not None:
        services.meeting_article_link(meeting=meeting, article=article, actor=officer)


def load_demo(*, stdout=None):
    city = Organisation.objects.filter(slug="tp-ho-chi-minh").first()
    wards = {slug: Organisation.objects.filter(slug=slug).first() for slug in OPINIONS}
    topic = Topic.objects.filter(name="Giao thông, hạ tầng").first() or Topic.objects.first()
    if city is None or None in wards.values() or topic is None or Meeting.objects.filter(title=CONFERENCE).exists():
        return 0
    today = timezone.localdate()
    days = datetime.timedelta
    city_officer = _actor("canbo.thanhpho")
    session = services.council_session_create(organisation=city, elected_body=ElectedBody.CITY_COUNCIL, name=SESSION,
                                              starts_on=today + days(20), actor=city_officer)
    for offset, (slug, rows) in zip((40, 33), OPINIONS.items(), strict=True):
        ward = wards[slug]
        officer = _actor("canbo.minhphung" if slug == "phuong-minh-phung" else "canbo.binhthoi")
        body = Body.objects.get(slug=f"ubnd-{slug}")
        held_on = today - days(offset)
        meeting = services.meeting_plan(
            organisation=ward, kind=MeetingKind.VOTER_CONTACT, topic=topic, actor=officer,
            title=f"Tiếp xúc cử tri {ward.short_name or ward.name} trước {SESSION}",
            starts_at=_at(held_on, 8), ends_at=_at(held_on, 11), place=f"Hội trường Ủy ban nhân dân {ward.short_name}",
            elected_body=ElectedBody.CITY_COUNCIL, session=session, session_timing=SessionTiming.BEFORE,
            delegates="Đại biểu HĐND Thành phố Nguyễn Minh Quân\nĐại biểu HĐND Thành phố Trương Thị Ngọc",
            hosts="Đại biểu HĐND Thành phố Nguyễn Minh Quân — Tổ trưởng tổ đại biểu",
            leader_body=body, invited_groups="Cử tri các khu phố\nBan công tác Mặt trận khu phố",
        )
        for number, (content, state, answer) in enumerate(rows, start=1):
            opinion = services.opinion_record(
                meeting=meeting, content=content, neighbourhood=f"Khu phố {number}", actor=officer,
                spot_answer=answer if state == "spot" else "", answered_at=_at(held_on, 10) if state == "spot" else None,
                spot_answered_by="Đại biểu HĐND Thành phố Nguyễn Minh Quân" if state == "spot" else "",
            )
            _follow_through(opinion, state, officer, today)
        services.meeting_hold(meeting=meeting, attendance=85 + offset, actor=officer)
        services.meeting_minutes_record(meeting=meeting, actor=officer,
                                        text="Hội nghị ghi nhận các ý kiến của cử tri; các đại biểu trả lời tại chỗ "
                                             "một số ý kiến, các ý kiến còn lại chuyển cơ quan có thẩm quyền.")
        petition_ids = list(meeting.opinions.values_list("petition_id", flat=True))
        PetitionEvent.objects.filter(petition_id__in=petition_ids, kind="submitted").update(
            created_at=_at(held_on, 9))
        Petition.objects.filter(pk__in=petition_ids).update(created_at=_at(held_on, 9))
        if slug == "phuong-minh-phung":
            _article_link(meeting, officer)
            services.commitment_record(meeting=meeting, leader="Đại biểu HĐND Thành phố Nguyễn Minh Quân",
                                       text="Theo dõi, báo cáo tiến độ dự án chống ngập đường Minh Phụng",
                                       due_date=today + days(30), addressee=body, actor=officer)
    services.consolidation_run(session=session, actor=city_officer)

    officer = _actor("canbo.minhphung")
    ward = wards["phuong-minh-phung"]
    conference = services.meeting_plan(
        organisation=ward, kind=MeetingKind.DIALOGUE, topic=topic, actor=officer, title=CONFERENCE,
        starts_at=_at(today + days(7), 8), ends_at=_at(today + days(7), 11), place="Hội trường Ủy ban nhân dân phường Minh Phụng",
        subject="Trật tự đô thị, chống ngập và chăm lo an sinh trên địa bàn phường",
        hosts="Bí thư Đảng ủy phường Minh Phụng\nChủ tịch Ủy ban nhân dân phường Minh Phụng",
        leader_body=Body.objects.get(slug="ubnd-phuong-minh-phung"),
        agenda="1. Khai mạc, giới thiệu đại biểu\n2. Báo cáo tình hình kinh tế - xã hội của phường\n"
               "3. Nhân dân phát biểu ý kiến, người đứng đầu trả lời\n4. Kết luận hội nghị",
        invited_groups="Đại diện các khu phố\nBan công tác Mặt trận khu phố\nĐoàn viên, hội viên các đoàn thể",
    )
    services.question_submit(meeting=conference, content="Bao giờ phường hoàn thành lắp camera an ninh ở các hẻm?",
                             actor="người dân (cổng thông tin)")
    if stdout:
        stdout.write("  1 kỳ họp, 2 buổi tiếp xúc cử tri, 1 hội nghị đối thoại sắp tới")
    return 3
