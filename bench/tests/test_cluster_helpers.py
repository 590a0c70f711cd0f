"""The pure helpers of bench/cluster.py (``.venv/bin/python -m pytest bench/tests``; no cluster is started here)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cluster_nginx import nginx_config  # noqa: E402
from cluster_traffic import PostForm, citizen_address, counter_attributes, instance_of, rss_growth, rss_kib  # noqa: E402


def test_each_citizen_has_its_own_stable_address():
    assert citizen_address(1) == "10.0.0.1"
    assert citizen_address(4_000_001) == "10.61.9.1"
    assert len({citizen_address(n) for n in range(70_000)}) == 70_000


def test_the_answering_instance_is_the_last_upstream_nginx_tried():
    assert instance_of("127.0.0.1:8142") == "127.0.0.1:8142"
    assert instance_of("127.0.0.1:8143, 127.0.0.1:8142") == "127.0.0.1:8142"
    assert instance_of(None) == "?"


def test_counter_attributes_are_read_as_counter_js_reads_them():
    page = '<body><div id="news-counter" hidden data-url="/dem/" data-portal="3" data-article="30"></div>'
    assert counter_attributes(page) == {"url": "/dem/", "portal": "3", "article": "30"}
    assert counter_attributes("<body></body>") == {}


def test_post_form_reads_tokens_radios_and_select_options_of_the_post_form_only():
    page = """
    <form method="get"><input name="q" value="search"></form>
    <form method="post">
      <input type="hidden" name="csrfmiddlewaretoken" value="tok">
      <input type="radio" name="kind" value="kien_nghi"><input type="radio" name="kind" value="phan_anh" checked>
      <select name="topic"><option value="">---</option><option value="4">a</option><option value="7">b</option></select>
      <textarea name="content"></textarea>
    </form>"""
    form = PostForm(page)
    assert form.pick("csrfmiddlewaretoken") == "tok"
    assert form.pick("kind") == "phan_anh"
    assert [form.pick("topic", n) for n in range(3)] == ["4", "7", "4"]
    assert "q" not in form.values


def test_rss_growth_compares_the_middle_of_the_soak_with_its_end():
    flat = [{"rss_kib": {"1": 100_000}}, {"rss_kib": {"1": 120_000}}, {"rss_kib": {"1": 121_000}}]
    assert rss_growth(flat)["grew"] is False  # warm-up before the middle does not count
    growing = [*flat[:2], {"rss_kib": {"1": 140_000}}]
    assert rss_growth(growing)["grew"] is True
    restarted = [*flat[:2], {"rss_kib": {"2": 90_000}}]  # a worker replaced meanwhile is not compared
    assert rss_growth(restarted)["compared"] == 0


def test_rss_of_this_process_is_read_from_proc():
    assert rss_kib(os.getpid()) > 1000
    assert rss_kib(2**22 + 12345) is None


@pytest.mark.skipif(shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists(), reason="no nginx")
def test_the_generated_nginx_config_is_accepted_by_nginx(tmp_path):
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        nginx_config(
            directory=tmp_path,
            port=18141,
            upstreams=[18142, 18143],
            static_root=tmp_path / "static",
            media_root=tmp_path / "media",
            bench_root=tmp_path / "bench",
            user="root" if os.geteuid() == 0 else os.environ.get("USER", "nobody"),
        )
    )
    result = subprocess.run(["/usr/sbin/nginx", "-t", "-c", str(conf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "server 127.0.0.1:18142" in conf.read_text() and "server 127.0.0.1:18143" in conf.read_text()


@pytest.mark.skipif(
    not Path("/usr/sbin/nginx").exists() or shutil.which("openssl") is None, reason="no nginx"
)
def test_deploy_nginx_conf_is_accepted_by_nginx(tmp_path):
    # deploy/nginx.conf is a site file (inside http {}); its certificate and cache paths point into tmp_path.
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=mattran.example.vn",
         "-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    site = (Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf").read_text()
    site = site.replace("/etc/ssl/mattran/fullchain.pem", str(tmp_path / "cert.pem"))
    site = site.replace("/etc/ssl/mattran/privkey.pem", str(tmp_path / "key.pem"))
    site = site.replace("/var/cache/nginx-mattran", str(tmp_path / "cache"))
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log; events {{}}\n"
        f"http {{ include /etc/nginx/mime.types;\n{site}\n}}\n"
    )
    result = subprocess.run(["/usr/sbin/nginx", "-t", "-c", str(conf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
