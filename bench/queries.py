"""The Django-shell snippets the benchmarks run in their deployment (each prints one JSON line last), and the
reads built on them: the article to load, the counters, the web-form petitions and whether every acknowledged
tracking code was stored."""

import json
import tempfile

ARTICLE_QUERY = """
import json
from mattran.news.models import ArticlePage, HomePage
article = ArticlePage.objects.live().public().filter(depth__gt=3).order_by("-first_published_at").first()
print(json.dumps({"id": article.pk, "url": article.get_url(), "title": article.title}))
"""

COUNTS_QUERY = """
import json
from mattran.news.models import Counter, CounterKind
def value(pid, kind):
    return Counter.objects.filter(page_id=pid, kind=kind).values_list("value", flat=True).first() or 0
print(json.dumps({"views": value(%(article)d, CounterKind.VIEWS), "visits": value(%(portal)d, CounterKind.VISITS)}))
"""

TRACKING_CODES = """
import json
from mattran.petitions.models import Petition
print(json.dumps({"codes": list(Petition.objects.values_list("tracking_code", flat=True)[:50])}))
"""

WEB_ROWS = """
import json
from mattran.petitions.models import Petition
print(json.dumps({"rows": Petition.objects.filter(idempotency_key__startswith="web:").count()}))
"""

VERIFY_CODES = """
import json
from mattran.petitions.models import Petition
acknowledged = set(json.load(open(%(path)r)))
found = set(Petition.objects.filter(tracking_code__in=acknowledged).values_list("tracking_code", flat=True))
missing = sorted(acknowledged - found)
print(json.dumps({"found": len(found), "missing": missing[:20], "missing_count": len(missing)}))
"""

LOOKUP_DATA = """
import json, random
from django.db.models import Count
from mattran.accounts.models import User
from mattran.organisations.models import Organisation
from mattran.petitions.models import Petition
officer = User.objects.get(username=%(officer)r)
officer.set_password(%(password)r)
officer.save(update_fields=["password"])
from mattran.accounts.login.services import totp_device_issue
totp_key = totp_device_issue(actor="bench", user=officer).key  # officers log in with a second factor
total = Petition.objects.count()
ids = list(Petition.objects.values_list("pk", flat=True))
rng = random.Random(7)
codes = list(Petition.objects.filter(pk__in=rng.sample(ids, min(len(ids), %(codes)d))).values_list("tracking_code", flat=True))
topic = Petition.objects.values("topic").annotate(n=Count("pk")).order_by("-n")[0]["topic"]
ward = Petition.objects.values("organisation").annotate(n=Count("pk")).order_by("-n")[0]["organisation"]
body = Petition.objects.exclude(body=None).values("body").annotate(n=Count("pk")).order_by("-n")[0]["body"]
print(json.dumps({"totp_key": totp_key, "total": total, "codes": codes, "topic": topic, "ward": ward, "body": body}))
"""

TOPIC_CODE = """
import json
from django.db.models import Count
from mattran.petitions.models import Petition
from mattran.organisations.models import Topic
top = Petition.objects.values("topic").annotate(n=Count("pk")).order_by("-n")[0]["topic"]
print(json.dumps({"topic_code": Topic.objects.get(pk=top).code}))
"""


def counts_read(deployment, *, article: int, portal: int) -> dict:
    """The article's views and the portal's visits as the database holds them."""
    return deployment.django_json(COUNTS_QUERY % {"article": article, "portal": portal})


def web_rows(deployment) -> int:
    """How many petitions came through the web form."""
    return deployment.django_json(WEB_ROWS)["rows"]


def codes_verify(deployment, codes: list[str]) -> dict:
    """Which acknowledged tracking codes the database holds: {found, missing (the first 20), missing_count}."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, dir=deployment.var_dir) as f:
        json.dump(sorted(set(codes)), f)
    return deployment.django_json(VERIFY_CODES % {"path": f.name})
