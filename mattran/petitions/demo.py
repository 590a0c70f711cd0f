"""Demo petitions for the District 11 successor wards, in every state of the workflow: a few answered, accepted by
the Front and told back (published with the sender's consent), one answered and waiting for the Front's review,
one overdue, a redirected complaint, a merged duplicate and a
confidential report. Written for the project. Idempotent: each is keyed by its one-time key "demo:N"."""

import datetime

from django.db import transaction
from django.utils import timezone

from mattran.accounts.models import User
from mattran.organisations.models import Organisation, Topic

from . import services
from .models import Petition, PetitionChannel, PetitionEvent, PetitionKind

K = PetitionKind

# (key, ward slug, topic, kind, channel, title, content, address, name, email, publish, final state)
DEMO = [
    (1, "phuong-minh-phung", "Môi trường", K.REPORT, PetitionChannel.WEB,
     "Rác tồn đọng ở đầu hẻm 152 Lạc Long Quân",
     "Điểm tập kết rác tự phát ở đầu hẻm đã ba ngày chưa được thu gom, bốc mùi và thu hút chuột. "
     "Đề nghị tăng lượt thu gom và đặt biển cấm đổ rác.", "Đầu hẻm 152 Lạc Long Quân",
     "Lê Thị Mai", "mai.le@example.vn", True, "closed"),
    (2, "phuong-minh-phung", "Giao thông, hạ tầng", K.PETITION, PetitionChannel.VOTER_CONTACT,
     "Ổ gà lớn trên đường Minh Phụng gần chợ",
     "Cử tri phản ánh ổ gà sâu khoảng 20 cm trước cổng chợ, nhiều người đi xe máy đã té ngã khi trời mưa.",
     "Đường Minh Phụng, đoạn trước chợ", "", "", True, "informed"),
    (3, "phuong-binh-thoi", "Trật tự đô thị, an ninh", K.REPORT, PetitionChannel.PHONE,
     "Quán ăn lấn chiếm vỉa hè, gây ồn sau 22 giờ",
     "Quán ăn đặt bàn ghế kín vỉa hè, khách hát karaoke đến khuya, người đi bộ phải xuống lòng đường.",
     "Đường Bình Thới, gần ngã tư Lê Đại Hành", "Phạm Văn Toàn", "", True, "answered"),
    (4, "phuong-binh-thoi", "An sinh xã hội", K.PETITION, PetitionChannel.IN_PERSON,
     "Đề nghị xem xét trợ cấp cho hộ cận nghèo có người khuyết tật",
     "Gia đình có con khuyết tật nặng, thu nhập thấp, đề nghị phường hướng dẫn thủ tục hưởng trợ cấp xã hội.",
     "Khu phố 4", "Nguyễn Thị Hồng", "", False, "in_progress"),
    (5, "phuong-minh-phung", "Trật tự đô thị, an ninh", K.REPORT, PetitionChannel.WEB,
     "Thanh niên tụ tập chạy xe tốc độ cao ban đêm",
     "Khoảng 23 giờ hằng đêm có nhóm thanh niên chạy xe tốc độ cao, nẹt pô trên tuyến đường gần công viên.",
     "Khu vực công viên Phú Thọ", "", "", True, "overdue"),
    (6, "phuong-hoa-binh", "Y tế", K.PETITION, PetitionChannel.RESIDENTIAL_COMMITTEE,
     "Trạm y tế thiếu thuốc điều trị huyết áp cho người cao tuổi",
     "Người cao tuổi có thẻ bảo hiểm y tế phải mua thuốc huyết áp bên ngoài vì trạm y tế hết thuốc nhiều tuần.",
     "Trạm y tế phường Hòa Bình", "", "", False, "forwarded"),
    (7, "phuong-phu-tho", "Giáo dục", K.PETITION, PetitionChannel.MEMBER_ORGANISATION,
     "Bố trí người hướng dẫn giao thông trước trường tiểu học",
     "Giờ tan học xe đón học sinh dừng đỗ lộn xộn, đề nghị bố trí người hướng dẫn giao thông.",
     "Trước cổng trường tiểu học", "", "", False, "accepted"),
    (8, "phuong-minh-phung", "Thủ tục hành chính", K.COMMENT, PetitionChannel.WEB,
     "Thời gian chờ cấp bản sao trích lục khai sinh còn dài",
     "Đề nghị bổ sung quầy tiếp nhận hoặc cho đặt lịch trực tuyến để giảm thời gian chờ.",
     "Bộ phận một cửa phường", "", "", True, "submitted"),
    (9, "phuong-binh-thoi", "Đất đai, nhà ở", K.COMPLAINT, PetitionChannel.WEB,
     "Khiếu nại quyết định xử phạt về xây dựng",
     "Tôi không đồng ý với quyết định xử phạt vi phạm hành chính về xây dựng đối với nhà tôi.",
     "", "", "", False, "redirected"),
    (10, "phuong-minh-phung", "Khác", K.COMMENT, PetitionChannel.WEB,
     "Góp ý", "Cần xem xét.", "", "", "", False, "rejected"),
    (11, "phuong-minh-phung", "Môi trường", K.REPORT, PetitionChannel.WEB,
     "Rác ở hẻm 152 Lạc Long Quân chưa được dọn",
     "Rác để ở đầu hẻm nhiều ngày, đề nghị thu gom.", "Hẻm 152 Lạc Long Quân", "", "", False, "merged"),
    (12, "phuong-binh-thoi", "Môi trường", K.PETITION, PetitionChannel.DIALOGUE,
     "Cống thoát nước bị nghẽn gây ngập khi mưa",
     "Mỗi lần mưa lớn, nước ngập đến nửa bánh xe do cống thoát nước bị rác và bùn lấp.",
     "Đường Ông Ích Khiêm", "", "", True, "reopened"),
    (13, "phuong-minh-phung", "Thủ tục hành chính", K.REPORT, PetitionChannel.IN_PERSON,
     "Phản ánh thái độ của cán bộ tiếp nhận hồ sơ",
     "Cán bộ tiếp nhận hồ sơ không hướng dẫn đầy đủ và có lời lẽ thiếu tôn trọng người dân.",
     "", "Người dân đề nghị giữ kín", "", False, "confidential"),
]
ANSWER = {
    1: "Ủy ban nhân dân phường đã chỉ đạo đơn vị thu gom dọn sạch điểm rác, bố trí thu gom hằng ngày lúc 17 giờ "
       "và lắp biển cấm đổ rác; tổ dân phố sẽ giám sát.",
    2: "Phường đã đề nghị đơn vị quản lý đường vá ổ gà trong tuần và đặt biển cảnh báo tạm thời.",
    3: "Phường đã kiểm tra, lập biên bản và yêu cầu chủ quán thu dọn bàn ghế, chấm dứt hát karaoke sau 22 giờ.",
    12: "Đơn vị thoát nước đã nạo vét đoạn cống 80 m.",
}


def _officer(slug):
    username = {"phuong-minh-phung": "canbo.minhphung", "phuong-binh-thoi": "canbo.binhthoi"}.get(slug)
    return User.objects.filter(username=username).first() or "load_demo"


@transaction.atomic
def load_demo(*, stdout=None):
    made = 0
    for key, slug, topic_name, kind, channel, title, content, address, name, email, publish, final in DEMO:
        idem = f"demo:{key}"
        if Petition.objects.filter(idempotency_key=idem).exists():
            continue
        organisation = Organisation.objects.filter(slug=slug).first()
        topic = Topic.objects.filter(name=topic_name).first()
        if organisation is None or topic is None:
            continue
        officer = _officer(slug)
        petition = services.petition_submit(
            channel=channel, kind=kind, topic=topic, title=title, content=content, organisation=organisation,
            address=address, submitter_name=name, submitter_email=email, show_name_publicly=bool(name) and publish,
            publish_consent=publish, confidential=final == "confidential", idempotency_key=idem,
            actor=officer if channel != PetitionChannel.WEB else "công dân (cổng thông tin)",
        )
        made += 1
        if final == "submitted":
            continue
        if final == "redirected":
            services.petition_redirect(petition=petition, actor=officer)
            continue
        if final == "rejected":
            services.petition_reject(
                petition=petition,
                reason="Nội dung chưa nêu rõ việc gì và ở đâu; mời ông/bà gửi lại kèm địa điểm cụ thể.",
                actor=officer,
            )
            continue
        if final == "merged":
            into = Petition.objects.get(idempotency_key="demo:1")
            services.petition_merge(petition=petition, into=into, actor=officer)
            continue
        services.petition_accept(petition=petition, actor=officer)
        if final in ("accepted", "confidential"):
            continue
        liaison = "Cán bộ đầu mối (đường dẫn được ký)"
        services.petition_forward(petition=petition, actor=officer)
        if final == "overdue":
            # Backdate the forwarding so the demo shows an overdue item (past due, still unanswered).
            past = timezone.now() - datetime.timedelta(days=24)
            Petition.objects.filter(pk=petition.pk).update(
                created_at=past, due_date=timezone.localdate() - datetime.timedelta(days=3)
            )
            PetitionEvent.objects.filter(petition=petition).update(created_at=past)
            continue
        if final == "forwarded":
            continue
        services.petition_acknowledge(petition=petition, actor=liaison)
        if final == "in_progress":
            continue
        petition = services.petition_answer(
            petition=petition, text=ANSWER.get(key, "Đã xem xét và giải quyết."), actor=liaison
        )
        if final == "answered":
            continue  # waits for the Front's review
        services.answer_accept(petition=petition, public_text=petition.answer_text, actor=officer)
        services.petition_inform(petition=petition, method="email" if email else "phone", actor=officer)
        if final == "closed":
            services.petition_rate(petition=petition, rating=5, comment="Cảm ơn phường xử lý nhanh.", actor="người gửi")
            services.petition_close(petition=petition, actor=officer)
        if final == "reopened":
            services.petition_reopen(petition=petition, reason="Đoạn cống phía cuối đường vẫn nghẽn.", actor="người gửi")
            services.petition_forward(petition=petition, actor=officer)
    if stdout:
        stdout.write(f"  {made} kiến nghị mẫu (tổng {Petition.objects.count()})")
    return made
