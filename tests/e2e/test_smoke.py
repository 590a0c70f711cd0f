def test_home_page_opens_in_the_browser(page, live_server, demo_site):
    response = page.goto(live_server.url + "/")
    assert response.status == 200
    response = page.goto(live_server.url + "/en/")
    assert response.status == 200
