def test_admin_login_page_opens_in_vietnamese(page, live_server, demo_site):
    response = page.goto(live_server.url + "/quan-tri/login/")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "vi"
