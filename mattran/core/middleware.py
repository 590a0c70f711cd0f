"""Response headers that protect every page: the Content-Security-Policy (with the admin's relaxed policy) and
Permissions-Policy.

Both are listed in ``MIDDLEWARE`` before the news page cache, so a page served from the cache gets them too.
"""

from dataclasses import asdict

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject as _NonceAfterResponse
from csp.middleware import CSPMiddleware as _CSPMiddleware
from csp.utils import build_policy
from django.conf import settings

_VIEW_OVERRIDES = ("_csp_config", "_csp_update", "_csp_replace", "_csp_config_ro", "_csp_update_ro", "_csp_replace_ro")


def _admin_prefixes() -> tuple[str, ...]:
    return tuple(getattr(settings, "ADMIN_CSP_URL_PREFIXES", ()))


class CSPMiddleware(_CSPMiddleware):
    """django-csp's middleware, answering the paths in ``ADMIN_CSP_URL_PREFIXES`` (the Wagtail admin) with
    ``ADMIN_CONTENT_SECURITY_POLICY`` instead of the strict public ``CONTENT_SECURITY_POLICY``.

    The admin's own templates and JavaScript (Wagtail's, not ours) use inline ``<script>`` blocks and ``style``
    attributes; giving the admin its own policy keeps the public pages strict without exempting the admin from
    CSP altogether (it keeps ``frame-ancestors``, ``object-src``, ``base-uri`` and ``form-action``). A view's own
    ``@csp``/``@csp_update`` decorators still win.

    Building the header string from the settings cost about a third of a cached page hit, every time, to produce
    the same string: a response with no per-view override and no nonce gets the policy built once per settings
    object (the public or the admin one); anything else goes through django-csp unchanged.
    """

    _built: dict = {}

    def process_response(self, request, response):
        if (
            getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, a) for a in _VIEW_OVERRIDES)
            or (settings.DEBUG and response.status_code in (404, 500))
        ):
            return super().process_response(request, response)
        is_admin = bool(_admin_prefixes()) and request.path_info.startswith(_admin_prefixes())
        for header, setting, report_only in (
            (HEADER, "CONTENT_SECURITY_POLICY", False),
            (HEADER_REPORT_ONLY, "CONTENT_SECURITY_POLICY_REPORT_ONLY", True),
        ):
            if header in response or getattr(response, "_csp_exempt_ro" if report_only else "_csp_exempt", False):
                continue
            policy = getattr(settings, setting, None) or {}
            if request.path_info.startswith(tuple(policy.get("EXCLUDE_URL_PREFIXES", None) or ())):
                continue
            value = self._policy_for(request, response, report_only=report_only, is_admin=is_admin, policy=policy)
            if value:
                response[header] = value
        if getattr(request, "_csp_nonce", None) is None:
            request.csp_nonce = _NonceAfterResponse(self._csp_nonce_post_response)
        return response

    def _policy_for(self, request, response, *, report_only, is_admin, policy) -> str:
        # Keyed by the settings dicts themselves (held, compared by identity), so override_settings is honoured.
        key = (report_only, is_admin)
        admin = getattr(settings, "ADMIN_CONTENT_SECURITY_POLICY", None) if is_admin and not report_only else None
        built = self._built.get(key)
        if built is None or built[0] is not policy or built[1] is not admin:
            parts = self.get_policy_parts(request=request, response=response, report_only=report_only)
            built = (policy, admin, build_policy(**asdict(parts), report_only=report_only))
            self._built[key] = built
        return built[2]

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        prefixes = _admin_prefixes()
        if not report_only and parts.config is None and prefixes and request.path_info.startswith(prefixes):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


class PermissionsPolicyMiddleware:
    """Sets ``Permissions-Policy`` from the ``PERMISSIONS_POLICY`` setting (a dict: feature → allowed origins;
    an empty list turns the feature off for every origin, ``"self"`` allows this site only)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})" for feature, origins in getattr(settings, "PERMISSIONS_POLICY", {}).items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.header
        return response


class EarlyViewMiddleware:
    """Answers a few hot, stateless endpoints before the rest of the stack (sessions, locale, CSRF, auth,
    messages, the second-factor and staff-session checks, the page cache, redirects, axes).

    ``EARLY_VIEWS`` maps an exact path to a dotted view: the load balancer's ``/healthz`` and the counting beacon
    ``/dem/`` (and its ``<noscript>`` pixel). These views read no session, user, message or translation and are
    CSRF-exempt by design (the beacon only counts; its bounds are its own cache keys), so the skipped middleware
    would only add its cost. Listed after the header-setting middleware (security, CSP, Permissions-Policy,
    X-Frame-Options), so their answers carry the same headers as every page. The host is still validated
    (``ALLOWED_HOSTS``) as CommonMiddleware would; a view's own decorators (``require_POST``…) still apply.
    """

    def __init__(self, get_response):
        from django.utils.module_loading import import_string

        self.get_response = get_response
        self.views = {path: import_string(view) for path, view in getattr(settings, "EARLY_VIEWS", {}).items()}

    def __call__(self, request):
        view = self.views.get(request.path_info)
        if view is None:
            return self.get_response(request)
        request.get_host()  # DisallowedHost → 400, as for every other request
        return view(request)
