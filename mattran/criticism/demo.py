"""Demo social criticism for a ward, written for the project: a draft regulation already criticised (two
versions, accepted and rejected comments, the consolidated document, the drafting body's replies and the revised
version), and a second draft open for public comment now. Idempotent: nothing is added once the first exists."""

import datetime

from django.db import transaction
from django.utils import timezone

from mattran.accounts.models import User
from mattran.organisations.models import Body, Organisation

from . import services
from .models import AuthorKind, Draft, ReplyKind

TITLE = "Dự thảo Quy định về giữ gìn vệ sinh, trật tự hẻm phố trên địa bàn phường Minh Phụng"
V1 = """Điều 1. Phạm vi áp dụng: Quy định này áp dụng đối với hộ gia đình, cá nhân, cơ sở kinh doanh trên các hẻm của phường.

Điều 2. Rác thải sinh hoạt được để tại điểm tập kết từ 17 giờ đến 19 giờ hằng ngày.

Điều 3. Không để xe, bàn ghế, hàng hóa chiếm quá một phần ba chiều rộng hẻm.

Điều 4. Tổ dân phố kiểm tra việc thực hiện mỗi tháng một lần và báo cáo Ủy ban nhân dân phường."""
V2 = """Điều 1. Phạm vi áp dụng: Quy định này áp dụng đối với hộ gia đình, cá nhân, cơ sở kinh doanh trên các hẻm của phường.

Điều 2. Rác thải sinh hoạt được để tại điểm tập kết từ 17 giờ đến 21 giờ hằng ngày; hẻm dưới 3 mét được thu gom tại nhà.

Điều 3. Không để xe, bàn ghế, hàng hóa chiếm quá một phần ba chiều rộng hẻm; hẻm dưới 3 mét không được để.

Điều 4. Tổ dân phố kiểm tra việc thực hiện mỗi tháng một lần, công khai kết quả tại bảng tin khu phố và báo cáo Ủy ban nhân dân phường."""
OPEN_TITLE = "Dự thảo Kế hoạch trồng cây xanh trên các tuyến hẻm năm 2027"
OPEN_TEXT = """Mục 1. Mục tiêu: trồng mới 300 cây xanh trên các tuyến hẻm rộng từ 4 mét trở lên.

Mục 2. Người dân đăng ký vị trí trồng cây trước cửa nhà với tổ dân phố.

Mục 3. Kinh phí từ ngân sách phường và vận động xã hội hóa."""


def _actor(username: str):
    return User.objects.filter(username=username).first() or "load_demo"


@transaction.atomic
def load_demo(*, stdout=None):
    ward = Organisation.objects.filter(slug="phuong-minh-phung").first()
    body = Body.objects.filter(slug="ubnd-phuong-minh-phung").first()
    if ward is None or body is None or Draft.objects.filter(title=TITLE).exists():
        return 0
    today = timezone.localdate()
    days = datetime.timedelta
    officer = _actor("canbo.minhphung")
    liaison = "Cán bộ Ủy ban nhân dân phường Minh Phụng (đường dẫn được ký)"

    draft = services.draft_create(
        organisation=ward, drafting_body=body, title=TITLE, text=V1, received_on=today - days(60), actor=officer,
        summary="Ủy ban nhân dân phường đề nghị Ủy ban MTTQ phường phản biện trước khi ban hành.",
    )
    draft = services.draft_comment_period_open(
        draft=draft, opens_on=today - days(55), closes_on=today - days(35), public_comments_open=True,
        actor=officer,
    )
    expert = services.invitation_create(draft=draft, name="ThS. Phạm Minh Tâm", position="Luật sư, Đoàn Luật sư TP",
                                        actor=officer)
    during = today - days(45)
    p = {n: draft.commented_version.paragraphs.get(number=n) for n in (1, 2, 3, 4)}
    comments = [
        (p[2], AuthorKind.PUBLIC, "Nhiều người đi làm về sau 19 giờ; đề nghị kéo dài giờ để rác đến 21 giờ.",
         "accept", ReplyKind.ADOPTED, "Tiếp thu: kéo dài đến 21 giờ (Điều 2, phiên bản 2)."),
        (p[2], AuthorKind.EXPERT, "Hẻm nhỏ dưới 3 mét không có chỗ tập kết; nên thu gom tại nhà.",
         "accept", ReplyKind.ADOPTED, "Tiếp thu: thu gom tại nhà ở hẻm dưới 3 mét."),
        (p[3], AuthorKind.EXPERT, "Mức một phần ba chiều rộng hẻm chưa có căn cứ; cần dẫn quy định của Thành phố.",
         "accept", ReplyKind.EXPLAINED, "Mức này theo hướng dẫn của Sở Xây dựng về sử dụng tạm thời vỉa hè, hẻm."),
        (p[4], AuthorKind.PUBLIC, "Đề nghị công khai kết quả kiểm tra để người dân cùng giám sát.",
         "accept", ReplyKind.ADOPTED, "Tiếp thu: công khai tại bảng tin khu phố."),
        (p[4], AuthorKind.PUBLIC, "Đề nghị kiểm tra hằng tuần thay vì hằng tháng.",
         "accept", ReplyKind.NOT_ADOPTED, "Tổ dân phố không đủ người để kiểm tra hằng tuần; giữ mỗi tháng một lần."),
        (p[1], AuthorKind.PUBLIC, "Bán đất nền giá rẻ, liên hệ 09xx.", "reject", None, ""),
    ]
    made = []
    for paragraph, kind, text, decision, reply_kind, reply_text in comments:
        comment = services.comment_submit(
            draft=draft, paragraph=paragraph, text=text, author_kind=kind, today=during,
            invitation=expert if kind == AuthorKind.EXPERT else None,
            author_name="" if kind == AuthorKind.EXPERT else "Người dân khu phố 3",
            actor="ThS. Phạm Minh Tâm (đường dẫn được ký)" if kind == AuthorKind.EXPERT else "người dân (cổng thông tin)",
        )
        if decision == "accept":
            services.comment_accept(comment=comment, actor=officer)
        else:
            services.comment_reject(comment=comment, actor=officer, note="Quảng cáo, không liên quan dự thảo.")
        made.append((comment, reply_kind, reply_text))
    services.draft_comment_period_close(draft=draft, actor=officer)
    services.draft_consolidate(draft=draft, on=today - days(30), signer_name="Nguyễn Thị Lan", actor=officer)
    for comment, reply_kind, reply_text in made:
        if reply_kind:
            services.draft_reply_record(comment=comment, kind=reply_kind, text=reply_text, actor=liaison)
    services.draft_version_add(draft=draft, text=V2, note="Tiếp thu ý kiến phản biện của Ủy ban MTTQ phường.",
                               received_on=today - days(15), actor=officer)
    services.draft_close(draft=draft, actor=officer, note="Cơ quan soạn thảo đã trả lời đủ các ý kiến.")

    open_draft = services.draft_create(
        organisation=ward, drafting_body=body, title=OPEN_TITLE, text=OPEN_TEXT, received_on=today - days(5),
        actor=officer,
    )
    services.draft_comment_period_open(draft=open_draft, opens_on=today - days(2), closes_on=today + days(28),
                                       public_comments_open=True, actor=officer)
    if stdout:
        stdout.write("  2 dự thảo lấy ý kiến phản biện")
    return 2
