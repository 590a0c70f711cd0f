import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
application = get_wsgi_application()

# Import the URLconf now, with every view module and Wagtail hook it pulls in, when the worker starts: Django
# does it on a worker's first request, which then costs ~0.9 s of CPU (after each deploy or worker restart, one
# slow request per worker).
from django.urls import get_resolver  # noqa: E402

get_resolver().url_patterns  # noqa: B018

# Everything loaded so far lives as long as the worker: keep it out of the garbage collector's full passes, which
# otherwise walk Django's, Wagtail's and our modules' objects again and again (pauses seen as tail latency).
gc.freeze()
