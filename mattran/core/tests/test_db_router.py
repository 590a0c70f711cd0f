import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.db import transaction
from django.test import RequestFactory
from django_tasks_db.models import DBTaskResult

from mattran.accounts.models import User
from mattran.core.db_router import ReplicaReadsMiddleware, ReplicaRouter, replica_reads
from mattran.petitions.models import Petition
from mattran.search.models import SearchEntry

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def with_replica():
    # The router only names aliases; no query is sent to "replica" here (the test settings have none).
    return ReplicaRouter()


def test_reads_go_to_default_outside_replica_reads(with_replica):
    assert with_replica.db_for_read(Petition) is None


def test_reads_inside_replica_reads_go_to_the_replica(with_replica):
    with replica_reads():
        assert with_replica.db_for_read(Petition) == "replica"
        assert with_replica.db_for_read(SearchEntry) == "replica"


def test_login_session_and_task_rows_are_always_read_from_default(with_replica):
    with replica_reads():
        assert with_replica.db_for_read(Session) == "default"
        assert with_replica.db_for_read(User) == "default"
        assert with_replica.db_for_read(DBTaskResult) == "default"  # a task enqueued a moment ago


@pytest.mark.django_db
def test_reads_inside_a_transaction_stay_on_default(with_replica):
    with replica_reads(), transaction.atomic():
        assert with_replica.db_for_read(Petition) == "default"


def test_after_a_write_the_rest_of_the_block_reads_default(with_replica):
    with replica_reads():
        assert with_replica.db_for_write(Petition) == "default"
        assert with_replica.db_for_read(Petition) is None
    with replica_reads():  # the next request starts afresh
        assert with_replica.db_for_read(Petition) == "replica"


def test_migrations_run_on_default_only():
    router = ReplicaRouter()
    assert router.allow_migrate("default", "petitions") is True
    assert router.allow_migrate("replica", "petitions") is False


def test_middleware_uses_the_replica_for_dashboard_export_and_search_gets_only(with_replica):
    seen = {}

    def view(request):
        seen[request.method, request.path] = with_replica.db_for_read(Petition)
        return None

    middleware = ReplicaReadsMiddleware(view)
    factory = RequestFactory()
    for request in (
        factory.get("/tim-kiem/?q=giam+sat"),
        factory.get("/en/tim-kiem/"),
        factory.get("/quan-tri/bao-cao/"),
        factory.get("/quan-tri/bao-cao/xlsx/tat-ca/"),
        factory.post("/quan-tri/bao-cao/bao-cao-docx/"),
        factory.get("/quan-tri/bao-cao/bao-cao-docx/7/"),
        factory.get("/kien-nghi/tra-cuu/"),
    ):
        middleware(request)
    assert seen == {
        ("GET", "/tim-kiem/"): "replica",
        ("GET", "/en/tim-kiem/"): "replica",
        ("GET", "/quan-tri/bao-cao/"): "replica",
        ("GET", "/quan-tri/bao-cao/xlsx/tat-ca/"): "replica",
        ("POST", "/quan-tri/bao-cao/bao-cao-docx/"): None,
        ("GET", "/quan-tri/bao-cao/bao-cao-docx/7/"): None,  # follows its own POST: the replica may lag
        ("GET", "/kien-nghi/tra-cuu/"): None,
    }


def _settings_with_env(**env) -> dict:
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'aliases': sorted(s.DATABASES), 'routers': s.DATABASE_ROUTERS, "
        "'mirror': s.DATABASES.get('replica', {}).get('TEST', {}).get('MIRROR'), "
        "'replica_name': s.DATABASES.get('replica', {}).get('NAME'), "
        "'middleware': s.MIDDLEWARE[0]}))"
    )
    clean = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_REPLICA_URL")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean | {"DJANGO_SETTINGS_MODULE": "config.settings.test"} | env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_database_replica_url_adds_the_replica_alias_router_and_middleware():
    loaded = _settings_with_env(
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/mattran",
        DATABASE_REPLICA_URL="postgres://postgres@replica.example:5432/mattran",
    )
    assert loaded["aliases"] == ["default", "replica"]
    assert loaded["routers"] == ["mattran.core.db_router.ReplicaRouter"]
    assert loaded["mirror"] == "default"  # the test database is never created twice
    assert loaded["replica_name"] == "mattran"
    assert loaded["middleware"] == "mattran.core.db_router.ReplicaReadsMiddleware"


def test_without_database_replica_url_there_is_no_replica():
    loaded = _settings_with_env()
    assert loaded["aliases"] == ["default"] and loaded["routers"] == []
    assert loaded["middleware"] != "mattran.core.db_router.ReplicaReadsMiddleware"
