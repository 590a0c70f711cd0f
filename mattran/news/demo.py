"""Demo portals: the city committee's portal at the site root, the archived District 11 portal and two ward
portals below it, three categories each, and about twenty articles written for this project (with drawn
pictures and captions), so that the newer/older lists and the category pagination show on a fresh set-up.

Idempotent: portals are found by organisation, categories and articles by slug. Works on a flushed database
(core's demo loader recreates Wagtail's root rows first).
"""

import datetime

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site
from wagtail.rich_text import RichText

from mattran.accounts.services import organisation_collection_get, organisation_groups_sync
from mattran.core.text import vi_slugify
from mattran.organisations.models import Organisation

from . import demo_images
from .models import ArticlePage, CategoryPage, HomePage
from .services import article_create, category_create, portal_create

ACTOR = "load_demo"
CATEGORIES = [  # title, English title, intro
    ("Tin tức sự kiện", "News and events", "Tin về hoạt động của Ủy ban và các sự kiện trên địa bàn."),
    ("Hoạt động", "Activities", "Hoạt động của Mặt trận và các tổ chức thành viên ở cơ sở."),
    ("Thông báo", "Announcements", "Thông báo, lịch tiếp dân và lịch làm việc."),
]
PORTALS = [
    # organisation slug, portal title, English title, intro
    (
        "tp-ho-chi-minh",
        "Cổng thông tin Ủy ban MTTQ Việt Nam TP. Hồ Chí Minh",
        "Portal of the Vietnam Fatherland Front Committee of Ho Chi Minh City",
        "Tin tức, hoạt động và thông báo của Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố Hồ Chí Minh.",
    ),
    (
        "quan-11",
        "Ủy ban MTTQ Việt Nam Quận 11 (lưu trữ)",
        "Vietnam Fatherland Front Committee of District 11 (archive)",
        "Cổng thông tin lưu trữ của Ủy ban MTTQ Việt Nam Quận 11 đến ngày 30/6/2025.",
    ),
    (
        "phuong-minh-phung",
        "Ủy ban MTTQ Việt Nam phường Minh Phụng",
        "Vietnam Fatherland Front Committee of Minh Phụng Ward",
        "Tin tức và thông báo của Ủy ban MTTQ Việt Nam phường Minh Phụng.",
    ),
    (
        "phuong-binh-thoi",
        "Ủy ban MTTQ Việt Nam phường Bình Thới",
        "Vietnam Fatherland Front Committee of Bình Thới Ward",
        "Tin tức và thông báo của Ủy ban MTTQ Việt Nam phường Bình Thới.",
    ),
]


def _at(day: str, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(day).replace(hour=hour, minute=minute))


# (portal organisation, category, published, title, lead, paragraphs, caption, picture, tags)
ARTICLES = [
    (
        "tp-ho-chi-minh", "Tin tức sự kiện", _at("2026-03-02", 8, 30),
        "Hội nghị tổng kết công tác Mặt trận năm 2025 và triển khai nhiệm vụ năm 2026",
        "Ủy ban MTTQ Việt Nam Thành phố tổ chức hội nghị tổng kết công tác năm 2025, năm đầu tiên vận hành mô "
        "hình chính quyền địa phương hai cấp.",
        [
            "Báo cáo tại hội nghị nêu rõ các Ủy ban MTTQ phường, xã, đặc khu đã nhanh chóng ổn định tổ chức sau sắp "
            "xếp, duy trì sinh hoạt của Ban công tác Mặt trận ở khu dân cư.",
            "Năm 2026, Mặt trận các cấp tập trung vào giám sát việc giải quyết kiến nghị của cử tri và thông tin lại "
            "kết quả cho người dân đúng hạn.",
        ],
        "Quang cảnh hội nghị tổng kết", "hall", ["tổng kết", "công tác Mặt trận"],
    ),
    (
        "tp-ho-chi-minh", "Tin tức sự kiện", _at("2026-03-09", 14, 0),
        "Đoàn đại biểu Mặt trận thăm và chúc mừng các cơ sở tôn giáo",
        "Nhân dịp lễ lớn của các tôn giáo, đoàn đại biểu Ủy ban MTTQ Việt Nam Thành phố đã đến thăm, chúc mừng "
        "chức sắc và tín đồ.",
        [
            "Đoàn ghi nhận những đóng góp của đồng bào các tôn giáo trong công tác an sinh xã hội và xây dựng khối "
            "đại đoàn kết toàn dân tộc.",
            "Các chức sắc bày tỏ mong muốn tiếp tục đồng hành với Mặt trận trong các chương trình chăm lo người nghèo.",
        ],
        "Đoàn đại biểu trao quà chúc mừng", "hall", ["tôn giáo", "đại đoàn kết"],
    ),
    (
        "tp-ho-chi-minh", "Tin tức sự kiện", _at("2026-03-16", 9, 15),
        "Giám sát việc giải quyết kiến nghị của cử tri về chống ngập",
        "Đoàn giám sát của Ủy ban MTTQ Việt Nam Thành phố làm việc với các đơn vị về tiến độ các công trình "
        "chống ngập mà cử tri đã kiến nghị.",
        [
            "Các đơn vị báo cáo đã hoàn thành một phần tuyến cống thoát nước; một số hạng mục chậm do vướng mặt bằng.",
            "Đoàn đề nghị công khai lộ trình thi công để người dân theo dõi và phản ánh khi có phát sinh.",
        ],
        "Đoàn giám sát khảo sát tuyến cống", "outdoor", ["giám sát", "chống ngập"],
    ),
    (
        "tp-ho-chi-minh", "Tin tức sự kiện", _at("2026-03-23", 10, 0),
        "Hội nghị phản biện xã hội dự thảo quy định về chỉnh trang đô thị",
        "Các chuyên gia, nhà khoa học và đại diện người dân góp ý vào dự thảo quy định về chỉnh trang đô thị.",
        [
            "Nhiều ý kiến đề nghị làm rõ cơ chế bồi thường, hỗ trợ và thời gian thông báo trước cho các hộ dân.",
            "Ủy ban MTTQ Việt Nam Thành phố sẽ tổng hợp ý kiến thành văn bản phản biện gửi cơ quan soạn thảo.",
        ],
        "Chuyên gia phát biểu tại hội nghị phản biện", "hall", ["phản biện xã hội"],
    ),
    (
        "tp-ho-chi-minh", "Tin tức sự kiện", _at("2026-03-30", 8, 0),
        "Tiếp xúc cử tri trước kỳ họp Hội đồng nhân dân Thành phố",
        "Các đại biểu Hội đồng nhân dân Thành phố tiếp xúc cử tri, lắng nghe ý kiến về giao thông, y tế và giáo "
        "dục.",
        [
            "Cử tri đề nghị tăng tuyến xe buýt đến các khu dân cư mới và bố trí thêm điểm trông giữ trẻ.",
            "Các ý kiến được ghi nhận, chuyển đến cơ quan có thẩm quyền và sẽ được thông tin lại cho cử tri.",
        ],
        "Cử tri phát biểu ý kiến", "hall", ["tiếp xúc cử tri"],
    ),
    (
        "tp-ho-chi-minh", "Tin tức sự kiện", _at("2026-04-06", 15, 30),
        "Ra mắt chuyên trang tiếp nhận ý kiến, kiến nghị của Nhân dân",
        "Người dân có thể gửi ý kiến, kiến nghị và theo dõi kết quả giải quyết bằng mã tra cứu trên cổng thông "
        "tin.",
        [
            "Mỗi ý kiến được chuyển đến đúng cơ quan có thẩm quyền và có hạn trả lời rõ ràng.",
            "Khi có kết quả, Mặt trận thông tin lại cho người gửi, kể cả khi người gửi không để lại thư điện tử.",
        ],
        "Cán bộ hướng dẫn người dân gửi ý kiến", "hall", ["kiến nghị", "chuyển đổi số"],
    ),
    (
        "tp-ho-chi-minh", "Tin tức sự kiện", _at("2026-04-13", 9, 0),
        "Trao nhà Đại đoàn kết cho hộ gia đình khó khăn",
        "Từ nguồn Quỹ Vì người nghèo, Mặt trận Thành phố phối hợp các nhà hảo tâm bàn giao nhà Đại đoàn kết.",
        [
            "Những căn nhà được xây dựng kiên cố, có khu vệ sinh riêng, giúp các gia đình ổn định cuộc sống.",
            "Ban công tác Mặt trận khu dân cư tiếp tục theo dõi, hỗ trợ các hộ sinh kế sau khi nhận nhà.",
        ],
        "Bàn giao nhà Đại đoàn kết", "outdoor", ["Quỹ Vì người nghèo", "an sinh xã hội"],
    ),
    (
        "tp-ho-chi-minh", "Tin tức sự kiện", _at("2026-04-20", 16, 0),
        "Đối thoại giữa người đứng đầu chính quyền với Nhân dân về thủ tục hành chính",
        "Hội nghị đối thoại giúp người dân nêu trực tiếp những vướng mắc khi làm thủ tục hành chính trực tuyến.",
        [
            "Lãnh đạo chính quyền trả lời tại chỗ phần lớn ý kiến; các ý kiến còn lại được giao cơ quan chuyên môn "
            "trả lời bằng văn bản.",
            "Mặt trận sẽ theo dõi việc thực hiện các cam kết được nêu tại hội nghị.",
        ],
        "Quang cảnh hội nghị đối thoại", "hall", ["đối thoại", "thủ tục hành chính"],
    ),
    (
        "tp-ho-chi-minh", "Tin tức sự kiện", _at("2026-04-27", 8, 45),
        "Tập huấn kỹ năng giám sát cho cán bộ Mặt trận cơ sở",
        "Hơn hai trăm cán bộ Mặt trận phường, xã tham gia lớp tập huấn kỹ năng giám sát và phản biện xã hội.",
        [
            "Học viên được hướng dẫn lựa chọn nội dung giám sát từ chính các ý kiến, kiến nghị của người dân.",
            "Lớp học dành thời gian thực hành lập kế hoạch giám sát và theo dõi kiến nghị sau giám sát.",
        ],
        "Học viên thảo luận nhóm", "hall", ["giám sát", "tập huấn"],
    ),
    (
        "tp-ho-chi-minh", "Tin tức sự kiện", _at("2026-05-04", 9, 30),
        "Ngày hội hiến máu tình nguyện do các tổ chức thành viên phối hợp tổ chức",
        "Đoàn viên, hội viên và người dân tham gia hiến máu, góp phần bổ sung nguồn máu cho các bệnh viện.",
        [
            "Ban tổ chức bố trí khu vực đăng ký, khám sàng lọc và nghỉ ngơi thuận tiện cho người tham gia.",
            "Nhiều gia đình cùng đăng ký hiến máu, lan tỏa tinh thần tương thân tương ái.",
        ],
        "Người dân đăng ký hiến máu", "outdoor", ["hiến máu", "tình nguyện"],
    ),
    (
        "tp-ho-chi-minh", "Tin tức sự kiện", _at("2026-05-11", 14, 15),
        "Lấy ý kiến Nhân dân về chương trình cải tạo kênh rạch",
        "Ủy ban MTTQ Việt Nam Thành phố tổ chức lấy ý kiến người dân sống ven kênh về phương án cải tạo.",
        [
            "Người dân quan tâm đến thời gian thi công, phương án tái định cư và việc giữ lại hàng cây ven kênh.",
            "Toàn bộ ý kiến được tổng hợp và công khai trên cổng thông tin.",
        ],
        "Người dân góp ý tại khu phố", "outdoor", ["lấy ý kiến", "môi trường"],
    ),
    (
        "tp-ho-chi-minh", "Tin tức sự kiện", _at("2026-05-18", 10, 30),
        "Sơ kết sáu tháng thực hiện quy chế giám sát và phản biện xã hội",
        "Hội nghị đánh giá việc thực hiện quy chế giám sát, phản biện xã hội của Mặt trận các cấp trong sáu tháng "
        "đầu năm.",
        [
            "Số kiến nghị sau giám sát được cơ quan chức năng trả lời đúng hạn tăng so với cùng kỳ.",
            "Hội nghị thống nhất công khai tiến độ thực hiện kiến nghị sau giám sát trên cổng thông tin.",
        ],
        "Đại biểu dự hội nghị sơ kết", "hall", ["giám sát", "sơ kết"],
    ),
    (
        "tp-ho-chi-minh", "Hoạt động", _at("2026-03-12", 7, 30),
        "Ngày Chủ nhật xanh tại các khu dân cư",
        "Ban công tác Mặt trận các khu phố cùng người dân dọn vệ sinh đường phố, khơi thông cống rãnh.",
        [
            "Các tổ dân phố phân công từng đoạn đường, thu gom rác thải và phân loại tại nguồn.",
            "Hoạt động được duy trì vào sáng Chủ nhật cuối tháng.",
        ],
        "Người dân dọn vệ sinh đường phố", "outdoor", ["môi trường"],
    ),
    (
        "tp-ho-chi-minh", "Hoạt động", _at("2026-04-02", 8, 0),
        "Trao học bổng cho học sinh vượt khó học tốt",
        "Học sinh có hoàn cảnh khó khăn được trao học bổng và dụng cụ học tập trước năm học mới.",
        [
            "Nguồn học bổng do các doanh nghiệp và nhà hảo tâm đóng góp qua Mặt trận.",
            "Các em được giới thiệu đến các câu lạc bộ học tập miễn phí tại địa phương.",
        ],
        "Học sinh nhận học bổng", "hall", ["khuyến học"],
    ),
    (
        "tp-ho-chi-minh", "Hoạt động", _at("2026-04-24", 18, 0),
        "Tổ tự quản đảm bảo an ninh trật tự ở khu dân cư",
        "Các tổ tự quản do Ban công tác Mặt trận vận động thành lập góp phần giữ gìn an ninh trật tự khu phố.",
        [
            "Người dân thay phiên tuần tra buổi tối, phối hợp công an phường xử lý các vụ việc phát sinh.",
            "Mô hình được đề xuất nhân rộng ra các khu phố khác.",
        ],
        "Tổ tự quản tuần tra buổi tối", "outdoor", ["an ninh trật tự"],
    ),
    (
        "tp-ho-chi-minh", "Thông báo", _at("2026-03-05", 11, 0),
        "Thông báo lịch tiếp công dân tháng 3 năm 2026",
        "Thường trực Ủy ban MTTQ Việt Nam Thành phố tiếp công dân vào sáng thứ Năm hằng tuần.",
        [
            "Địa điểm: trụ sở Ủy ban MTTQ Việt Nam Thành phố. Người dân mang theo giấy tờ tùy thân và tài liệu liên "
            "quan.",
            "Người dân cũng có thể gửi ý kiến, kiến nghị trực tuyến trên cổng thông tin.",
        ],
        "Nơi tiếp công dân", "hall", ["tiếp công dân"],
    ),
    (
        "tp-ho-chi-minh", "Thông báo", _at("2026-04-01", 11, 0),
        "Thông báo lịch tiếp công dân tháng 4 năm 2026",
        "Lịch tiếp công dân tháng 4 giữ nguyên vào sáng thứ Năm hằng tuần, trừ ngày nghỉ lễ.",
        [
            "Trong tuần nghỉ lễ, người dân vẫn gửi ý kiến trực tuyến và nhận mã tra cứu như thường lệ.",
            "Mọi thắc mắc xin liên hệ số điện thoại của Văn phòng.",
        ],
        "Bảng lịch tiếp công dân", "hall", ["tiếp công dân"],
    ),
    (
        "quan-11", "Tin tức sự kiện", _at("2024-11-18", 8, 0),
        "Ngày hội Đại đoàn kết toàn dân tộc tại các khu phố",
        "Các khu phố trên địa bàn quận tổ chức Ngày hội Đại đoàn kết toàn dân tộc với nhiều hoạt động văn hóa, "
        "thể thao.",
        [
            "Ngày hội là dịp tuyên dương các gia đình văn hóa tiêu biểu và những cá nhân có nhiều đóng góp cho khu phố.",
            "Nhiều phần quà được trao cho các hộ có hoàn cảnh khó khăn.",
        ],
        "Ngày hội tại khu phố", "outdoor", ["đại đoàn kết"],
    ),
    (
        "quan-11", "Tin tức sự kiện", _at("2025-06-20", 15, 0),
        "Hội nghị bàn giao hồ sơ, tài liệu cho các phường kế thừa",
        "Ủy ban MTTQ Việt Nam Quận 11 bàn giao hồ sơ, tài liệu cho Ủy ban MTTQ Việt Nam các phường kế thừa.",
        [
            "Các hồ sơ về kiến nghị của cử tri đang theo dõi được bàn giao đầy đủ để tiếp tục giải quyết.",
            "Cổng thông tin của Quận 11 được giữ lại để tra cứu các bài viết đã đăng.",
        ],
        "Ký biên bản bàn giao", "hall", ["sắp xếp đơn vị hành chính"],
    ),
    (
        "phuong-minh-phung", "Tin tức sự kiện", _at("2026-04-15", 9, 0),
        "Ra mắt Ban công tác Mặt trận khu phố 1",
        "Ban công tác Mặt trận khu phố 1, phường Minh Phụng ra mắt sau khi kiện toàn tổ chức.",
        [
            "Ban công tác Mặt trận gồm các trưởng chi hội đoàn thể và đại diện người dân tiêu biểu trong khu phố.",
            "Ban sẽ là đầu mối tiếp nhận ý kiến của bà con và chuyển đến Ủy ban MTTQ phường.",
        ],
        "Ra mắt Ban công tác Mặt trận khu phố", "hall", ["khu dân cư"],
    ),
    (
        "phuong-minh-phung", "Tin tức sự kiện", _at("2026-05-06", 19, 0),
        "Đối thoại về trật tự lòng lề đường tại phường Minh Phụng",
        "Người dân và hộ kinh doanh trao đổi với chính quyền phường về sắp xếp trật tự lòng lề đường.",
        [
            "Phường cam kết bố trí khu vực kinh doanh tạm và thông báo trước khi ra quân lập lại trật tự.",
            "Mặt trận phường theo dõi việc thực hiện cam kết và thông tin lại cho người dân.",
        ],
        "Hộ kinh doanh phát biểu tại buổi đối thoại", "hall", ["đối thoại", "trật tự đô thị"],
    ),
    (
        "phuong-minh-phung", "Thông báo", _at("2026-05-10", 8, 0),
        "Thông báo tiếp nhận ý kiến của người dân qua mã tra cứu",
        "Từ tháng 5, người dân phường Minh Phụng gửi ý kiến trực tuyến sẽ nhận mã tra cứu để theo dõi kết quả.",
        [
            "Mã tra cứu ngắn, có thể đọc qua điện thoại cho cán bộ Mặt trận khi cần hỗ trợ.",
            "Người dân không rành công nghệ có thể đến trụ sở hoặc nhờ Ban công tác Mặt trận khu phố gửi giúp.",
        ],
        "Cán bộ hướng dẫn tra cứu", "hall", ["kiến nghị"],
    ),
]


def _site_root_portal(hcmc: Organisation, root: Page) -> HomePage:
    portal = HomePage.objects.filter(organisation=hcmc, depth=2).first()
    if portal is None:
        _, title, title_en, intro = PORTALS[0]
        portal = portal_create(parent=root, organisation=hcmc, title=title, title_en=title_en, intro=intro, actor=ACTOR)
    default_site = Site.objects.filter(is_default_site=True).first()
    old_root = default_site.root_page if default_site else None
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "site_name": "Mặt trận", "root_page": portal},
    )
    # Wagtail's migration leaves a "Welcome" page as the site root; the portal replaces it.
    if old_root is not None and old_root.pk != portal.pk and old_root.specific_class is Page:
        if not old_root.get_children().exists():
            old_root.delete()
    return portal


def _english_title_fill(page, title_en: str):
    """Give a page made by an older loader (no English title yet) its English title, as a published revision."""
    if not page.title_en:
        page.title_en = title_en
        page.save_revision().publish()
    return page


def _image(title: str, seed: int, kind: str, collection: Collection):
    """The article's picture, in its organisation's collection (where only that organisation's editors and
    those above it may replace it)."""
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        data = demo_images.draw_scene(seed, kind)
        image = Image(title=title, collection=collection)
        image.file.save(f"{vi_slugify(title, max_length=60)}.png", ImageFile(_bytes(data)), save=False)
        image.save()
    elif image.collection_id != collection.pk:
        image.collection = collection
        image.save(update_fields=["collection"])
    return image


def _rich(text: str) -> RichText:
    return RichText(f"<p>{escape(text)}</p>")


def _bytes(data: bytes):
    import io

    stream = io.BytesIO(data)
    stream.name = "demo.png"
    return stream


@transaction.atomic
def load_demo(*, stdout=None):
    root = Page.get_first_root_node()
    organisations = {o.slug: o for o in Organisation.objects.filter(slug__in=[p[0] for p in PORTALS])}
    portals: dict[str, HomePage] = {}
    site_portal = _site_root_portal(organisations["tp-ho-chi-minh"], root)
    portals["tp-ho-chi-minh"] = site_portal
    for slug, title, title_en, intro in PORTALS[1:]:
        portal = HomePage.objects.filter(organisation=organisations[slug]).first()
        portals[slug] = portal or portal_create(
            parent=site_portal, organisation=organisations[slug], title=title, title_en=title_en, intro=intro, actor=ACTOR
        )
    for slug, _, title_en, _ in PORTALS:
        portals[slug] = _english_title_fill(portals[slug], title_en)
    categories: dict[tuple[str, str], CategoryPage] = {}
    for slug, portal in portals.items():
        for name, name_en, intro in CATEGORIES:
            category = CategoryPage.objects.child_of(portal).filter(slug=vi_slugify(name)).first()
            category = category or category_create(portal=portal, title=name, title_en=name_en, intro=intro, actor=ACTOR)
            categories[slug, name] = _english_title_fill(category, name_en)
    created = 0
    for seed, (slug, category_name, when, title, lead, paragraphs, caption, kind, tags) in enumerate(ARTICLES):
        category = categories[slug, category_name]
        if ArticlePage.objects.child_of(category).filter(slug=vi_slugify(title)).exists():
            continue
        image = _image(caption, seed, kind, organisation_collection_get(organisation=organisations[slug]))
        body = [("paragraph", _rich(paragraphs[0])), ("image", {"image": image, "caption": caption, "alt": ""})]
        body += [("paragraph", _rich(text)) for text in paragraphs[1:]]
        article_create(
            category=category,
            title=title,
            published_at=when,
            lead=lead,
            body=body,
            author="Ban Tuyên giáo",
            source=organisations[slug].short_name or organisations[slug].name,
            tags=tags,
            actor=ACTOR,
        )
        created += 1
    for slug in portals:  # portals made by an older version of this loader get their groups too
        organisation_groups_sync(organisation=organisations[slug], actor=ACTOR)
    if stdout:
        stdout.write(f"  {len(portals)} cổng thông tin, {len(categories)} chuyên mục, {created} bài mới")
