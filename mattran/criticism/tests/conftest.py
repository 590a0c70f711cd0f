import datetime

import pytest

from mattran.accounts.models import Role
from mattran.criticism import services
from mattran.criticism.models import AuthorKind
from mattran.organisations.models import OrganisationKind
from mattran.organisations.tests.factories import BodyFactory, OrganisationFactory
from mattran.petitions.tests.conftest import grant

D = datetime.date
TEXT = (
    "Điều 1. Phạm vi điều chỉnh: quy định về thu gom rác thải sinh hoạt trên địa bàn phường.\n\n"
    "Điều 2. Giờ thu gom rác từ 17 giờ đến 19 giờ hằng ngày.\n\n"
    "Điều 3. Mức phí thu gom là 30.000 đồng một hộ mỗi tháng."
)
OPENS, CLOSES, DURING = D(2026, 10, 1), D(2026, 10, 31), D(2026, 10, 15)


class CriticismWorld:
    """A city committee with two wards, a drafting body per ward, an officer per ward and one for the city."""

    def __init__(self):
        self.city = OrganisationFactory(name="Ủy ban MTTQ Việt Nam Thành phố", kind=OrganisationKind.PROVINCE_COMMITTEE)
        self.ward_a = OrganisationFactory(name="Ủy ban MTTQ Việt Nam phường A", parent=self.city)
        self.ward_b = OrganisationFactory(name="Ủy ban MTTQ Việt Nam phường B", parent=self.city)
        self.body_a = BodyFactory(name="Ủy ban nhân dân phường A", area=self.ward_a)
        self.body_b = BodyFactory(name="Ủy ban nhân dân phường B", area=self.ward_b)
        self.officer_city = grant(self.city, Role.OFFICER)
        self.officer_a = grant(self.ward_a, Role.OFFICER)
        self.officer_b = grant(self.ward_b, Role.OFFICER)

    def draft(self, organisation=None, **overrides):
        fields = {
            "organisation": organisation or self.ward_a,
            "drafting_body": self.body_a if (organisation or self.ward_a) == self.ward_a else self.body_b,
            "title": "Dự thảo quy định về thu gom rác thải sinh hoạt",
            "text": TEXT,
            "received_on": D(2026, 9, 20),
            "actor": self.officer_a,
        }
        fields.update(overrides)
        return services.draft_create(**fields)

    def open_draft(self, public=True, opens_on=OPENS, closes_on=CLOSES, **overrides):
        draft = self.draft(**overrides)
        return services.draft_comment_period_open(
            draft=draft, opens_on=opens_on, closes_on=closes_on, public_comments_open=public,
            actor=overrides.get("actor", self.officer_a),
        )

    def paragraph(self, draft, number):
        return draft.commented_version.paragraphs.get(number=number)

    def comment(self, draft, number=2, text="Đề nghị thu gom muộn hơn, đến 21 giờ.", **overrides):
        fields = {
            "draft": draft, "paragraph": self.paragraph(draft, number), "text": text,
            "author_kind": AuthorKind.PUBLIC, "author_name": "Nguyễn Văn Bình",
            "author_contact": "0903123456", "actor": "người dân", "today": DURING,
        }
        fields.update(overrides)
        return services.comment_submit(**fields)

    def consolidated(self):
        """A draft with one accepted and one rejected comment, its period closed and the criticism sent."""
        draft = self.open_draft()
        accepted = self.comment(draft, 2)
        rejected = self.comment(draft, 3, text="Quảng cáo bán hàng.")
        services.comment_accept(comment=accepted, actor=self.officer_a)
        services.comment_reject(comment=rejected, actor=self.officer_a, note="Không liên quan")
        services.draft_comment_period_close(draft=draft, actor=self.officer_a)
        draft = services.draft_consolidate(draft=draft, on=D(2026, 11, 5), actor=self.officer_a)
        return draft, accepted, rejected


@pytest.fixture
def world(db):
    return CriticismWorld()


def illegal_transition(exc) -> bool:
    """Whether a refused step (``pytest.raises`` info) was refused as a step outside the diagram."""
    return exc.value.code == "illegal_transition" and "Không thể thực hiện bước này" in exc.value.messages[0]
