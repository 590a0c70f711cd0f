"""URLconf of bench/settings_bare.py: a no-middleware Django view (a tiny JSON answer, no query). Also under
/healthz, where the benchmark's start-up check looks."""

from django.http import JsonResponse
from django.urls import path


def no_middleware(request):
    return JsonResponse({"status": "ok"})


urlpatterns = [path("nomw", no_middleware), path("healthz", no_middleware)]
