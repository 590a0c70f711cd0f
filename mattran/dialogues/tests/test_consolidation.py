"""Consolidating voters' petitions before a session: near-duplicates from two sessions grouped despite diacritics
and wording, split and confirm, answers per group, DOCX and XLSX."""

import io

from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from mattran.dialogues import selectors, services
from mattran.dialogues.grouping import cluster, similarity

from .conftest import D

FLOOD_A = "Đề nghị nâng cấp đường Lê Văn Lương vì thường xuyên ngập nước khi mưa."
FLOOD_B = "de nghi nang cap duong Le Van Luong, mua xuong la ngap nuoc"
FLOOD_C = "Đường Lê Văn Lương ngập nước mỗi khi mưa, đề nghị sớm nâng cấp."
SCHOOL_A = "Đề nghị xây thêm trường mầm non cho khu dân cư mới."
SCHOOL_B = "Khu dân cư mới thiếu trường mầm non, đề nghị xây thêm."
FEE = "Phí giữ xe ở chợ Bến Thành quá cao."


def test_similarity_ignores_diacritics_and_word_order():
    assert similarity(FLOOD_A, FLOOD_B) >= 0.6
    assert similarity(FLOOD_A, FLOOD_C) >= 0.6
    assert similarity(FLOOD_A, SCHOOL_A) < 0.6


def test_cluster_groups_near_duplicates():
    assert cluster([FLOOD_A, SCHOOL_A, FLOOD_B, FEE, SCHOOL_B, FLOOD_C]) == [[0, 2, 5], [1, 4], [3]]


def _two_sessions(world):
    session = world.session()
    one = world.voter_contact(session, starts=D(2026, 11, 25))
    two = world.voter_contact(session, organisation=world.ward_b, starts=D(2026, 11, 26))
    for content in (FLOOD_A, SCHOOL_A, FEE):
        world.record(one, content=content)
    for content in (FLOOD_B, SCHOOL_B, FLOOD_C):
        world.record(two, content=content)
    return session, one, two


def test_consolidation_groups_opinions_of_two_sessions_with_their_wards(world):
    session, one, two = _two_sessions(world)
    groups = services.consolidation_run(session=session, actor=world.officer_city)
    assert len(groups) == 3
    rows = selectors.group_rows(session=session)
    flood = rows[0]
    assert flood.count == 3 and {m.pk for m in flood.meetings} == {one.pk, two.pk}
    assert flood.wards == sorted([world.ward_a.name, world.ward_b.name])


def test_opinions_after_the_session_or_of_other_sessions_are_left_out(world):
    session = world.session()
    after = world.voter_contact(session, session_timing="after")
    world.record(after, content=FLOOD_A)
    assert services.consolidation_run(session=session, actor=world.officer_city) == []


def test_split_and_confirmed_groups_survive_regrouping(world):
    session, _one, _two = _two_sessions(world)
    services.consolidation_run(session=session, actor=world.officer_city)
    flood = selectors.group_rows(session=session)[0]
    moved = flood.opinions[-1]
    new = services.group_split(group=flood.group, opinions=[moved], actor=world.officer_city)
    services.group_confirm(group=new, title="Nâng cấp đường Lê Văn Lương (ý kiến riêng)", actor=world.officer_city)
    services.consolidation_run(session=session, actor=world.officer_city)
    new.refresh_from_db()
    assert list(new.opinions.all()) == [moved]


def test_answers_are_recorded_and_exported_in_docx_and_xlsx(client, world):
    session, _one, _two = _two_sessions(world)
    services.consolidation_run(session=session, actor=world.officer_city)
    rows = selectors.group_rows(session=session)
    services.group_answer_record(group=rows[0].group, text="Sở Xây dựng bố trí vốn năm 2027.",
                                 answered_by="UBND Thành phố", answered_on=D(2026, 12, 20), actor=world.officer_city)
    client.force_login(world.officer_city)
    docx = client.get(reverse("dialogues_admin:session_docx", args=[session.pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "3 lượt ý kiến" in text and "2 lượt ý kiến" in text and "Sở Xây dựng bố trí vốn năm 2027." in text
    xlsx = client.get(reverse("dialogues_admin:session_xlsx", args=[session.pk]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 1 + len(rows)
    assert [sheet.cell(row=r, column=3).value for r in range(2, 5)] == [3, 2, 1]


def test_a_ward_officer_cannot_open_the_citys_session(client, world):
    session, _one, _two = _two_sessions(world)
    client.force_login(world.officer_a)
    assert client.get(reverse("dialogues_admin:session", args=[session.pk])).status_code == 404
    assert client.get(reverse("dialogues_admin:session_docx", args=[session.pk])).status_code == 404


def test_the_officer_splits_confirms_and_answers_groups_on_the_session_page(client, world):
    session, _one, _two = _two_sessions(world)
    client.force_login(world.officer_city)
    assert client.post(reverse("dialogues_admin:consolidation_run", args=[session.pk])).status_code == 302
    flood = selectors.group_rows(session=session)[0]
    page = reverse("dialogues_admin:session", args=[session.pk])
    assert client.get(page).status_code == 200
    g = flood.group.pk
    url = reverse("dialogues_admin:group_action", args=[session.pk, g, "split"])
    assert client.post(url, {f"s{g}-opinions": [flood.opinions[0].pk]}).status_code == 302
    assert client.post(url, {}).status_code == 400
    url = reverse("dialogues_admin:group_action", args=[session.pk, g, "confirm"])
    assert client.post(url, {f"c{g}-title": "Chống ngập đường Lê Văn Lương"}).status_code == 302
    url = reverse("dialogues_admin:group_action", args=[session.pk, g, "answer"])
    response = client.post(url, {f"a{g}-text": "Đã có dự án.", f"a{g}-answered_by": "UBND Thành phố",
                                 f"a{g}-answered_on": "2026-12-20"})
    assert response.status_code == 302
    flood.group.refresh_from_db()
    assert flood.group.confirmed and flood.group.answer_text == "Đã có dự án."


def test_the_public_session_page_shows_confirmed_groups_and_answers_without_speakers(client, world):
    session, _one, _two = _two_sessions(world)
    services.consolidation_run(session=session, actor=world.officer_city)
    rows = selectors.group_rows(session=session)
    services.group_confirm(group=rows[0].group, title="Chống ngập đường Lê Văn Lương", actor=world.officer_city)
    services.group_answer_record(group=rows[0].group, text="Đã bố trí vốn năm 2027.", answered_by="UBND Thành phố",
                                 answered_on=D(2026, 12, 20), actor=world.officer_city)
    page = client.get(reverse("dialogues:session", args=[session.pk])).text
    assert "Chống ngập đường Lê Văn Lương" in page and "Đã bố trí vốn năm 2027." in page
    assert SCHOOL_A not in page  # not confirmed yet
    assert "Võ Văn Tám" not in page
    assert client.get(reverse("dialogues:session", args=[999999])).status_code == 404


def test_the_answers_of_the_previous_session_are_reported_back_at_the_next_round(client, world):
    session, _one, _two = _two_sessions(world)
    services.consolidation_run(session=session, actor=world.officer_city)
    rows = selectors.group_rows(session=session)
    services.group_confirm(group=rows[0].group, title="Chống ngập đường Lê Văn Lương", actor=world.officer_city)
    services.group_confirm(group=rows[1].group, title="Xây thêm phòng học", actor=world.officer_city)
    services.group_answer_record(group=rows[0].group, text="Đã bố trí vốn năm 2027.", answered_by="UBND Thành phố",
                                 answered_on=D(2026, 12, 20), actor=world.officer_city)
    later = world.session(name="Kỳ họp thứ 11, HĐND Thành phố khóa X", starts_on=D(2027, 6, 10))
    next_round = world.voter_contact(later, starts=D(2027, 5, 20))
    report = selectors.report_back_for(session=later)
    assert report.session == session and report.answered == 1 and len(report.rows) == 2
    assert selectors.report_back_for(session=session) is None
    page = client.get(reverse("dialogues:detail", args=[next_round.slug])).text
    assert "Kết quả trả lời kiến nghị cử tri trước" in page and "1/2 kiến nghị đã được trả lời" in page
    assert "Đã bố trí vốn năm 2027." in page and "Võ Văn Tám" not in page
    client.force_login(world.officer_city)
    admin_page = client.get(reverse("dialogues_admin:session", args=[later.pk])).text
    assert reverse("dialogues_admin:session_docx", args=[session.pk]) in admin_page
