"""The benchmarks' hand-built request bodies must reach Django exactly as a browser's do (run with
``.venv/bin/python -m pytest bench/tests``; not part of the main suite, and no benchmark runs here)."""

import sys
from pathlib import Path

from django.test import RequestFactory

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import multipart_body, multipart_form  # noqa: E402


def test_beacon_and_petition_bodies_parse_as_browser_form_data():
    body, content_type = multipart_body([("p", "3"), ("a", "30")])
    beacon = RequestFactory().generic("POST", "/dem/", data=body, content_type=content_type)
    assert beacon.POST.dict() == {"p": "3", "a": "30"}

    body, content_type = multipart_form(
        [("title", "Đèn đường hẻm 12 bị hỏng"), ("attachments", ""), ("website", "")], ["attachments"]
    )
    form = RequestFactory().generic("POST", "/kien-nghi/gui/", data=body, content_type=content_type)
    assert form.POST["title"] == "Đèn đường hẻm 12 bị hỏng" and form.POST["website"] == ""
    assert not form.FILES  # an empty file input (filename="", as Chrome sends it) carries no file
