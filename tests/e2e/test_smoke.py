def test_admin_login_page_opens_in_vietnamese(page, live_server, demo_site):
    response = page.goto(live_server.url + "/quan-tri/login/")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "vi"
    # Wagtail's "Sign in", from the project's admin catalogue (mattran/locale_admin)
    assert page.get_by_role("button", name="Đăng nhập").is_visible()
    assert page.get_by_role("heading", name="Đăng nhập trang quản trị").is_visible()
