"""Health check and the error pages (400, 403, 404, 500 and the CSRF failure) in the portal's layout."""

import logging

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)

ERRORS = {
    400: (
        gettext_lazy("Yêu cầu không hợp lệ"),
        gettext_lazy("Hệ thống không hiểu yêu cầu này. Hãy kiểm tra lại địa chỉ hoặc những gì đã điền, rồi thử lại."),
    ),
    403: (
        gettext_lazy("Không có quyền truy cập"),
        gettext_lazy(
            "Ông/bà không có quyền mở trang này. Nếu là cán bộ, hãy đăng nhập bằng tài khoản được phân công; "
            "nếu cần giúp, xin liên hệ Ủy ban MTTQ."
        ),
    ),
    404: (
        gettext_lazy("Không tìm thấy trang"),
        gettext_lazy("Trang này không có hoặc đã được chuyển đi. Hãy kiểm tra lại địa chỉ, hoặc tìm trên cổng thông tin."),
    ),
    500: (
        gettext_lazy("Hệ thống đang gặp sự cố"),
        gettext_lazy(
            "Đã có lỗi ở máy chủ nên yêu cầu của ông/bà chưa được thực hiện. Xin thử lại sau ít phút; "
            "nếu vẫn lỗi, xin báo cho Ủy ban MTTQ."
        ),
    ),
}
CSRF_TITLE = gettext_lazy("Biểu mẫu đã hết hạn")
CSRF_MESSAGE = gettext_lazy(
    "Không gửi được vì trang đã mở quá lâu hoặc trình duyệt đang chặn cookie. "
    "Hãy tải lại trang, điền lại nếu cần, rồi gửi lại."
)


@never_cache
def health(request):
    """Liveness and database check for load balancers and the set-up script."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def _language(request) -> str:
    """The page's language comes from the URL (English under /en/), as on every public page."""
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def _standalone(request, *, status: int, title=None, message=None) -> HttpResponse:
    """The error page without the database, the session or context processors (any of which may be what
    failed): a plain template and, if even that fails, a fixed bilingual line."""
    language = _language(request)
    default_title, default_message = ERRORS.get(status, ERRORS[500])
    try:
        with translation.override(language):
            content = loader.get_template("500.html").render(
                {
                    "status": status,
                    "title": str(title or default_title),
                    "message": str(message or default_message),
                    "home_url": "/en/" if language == "en" else "/",
                    "STATIC_URL": settings.STATIC_URL,
                    "LANGUAGE_CODE": language,
                }
            )
    except Exception:  # the last resort must not fail
        logger.exception("error page %s could not be rendered", status)
        content = "<!DOCTYPE html><title>Lỗi / Error</title><p>Đã có lỗi. Xin thử lại sau. / An error occurred. Please try again later.</p>"
    return HttpResponse(content, status=status)


def _in_layout(request, *, status: int, title=None, message=None) -> HttpResponse:
    default_title, default_message = ERRORS[status]
    language = _language(request)
    try:
        with translation.override(language):
            content = loader.render_to_string(
                f"{status}.html",
                {"status": status, "title": title or default_title, "message": message or default_message},
                request=request,
            )
    except Exception:  # e.g. a DisallowedHost 400 cannot look up the portal: keep the status
        logger.exception("error page %s fell back to the standalone page", status)
        return _standalone(request, status=status, title=title, message=message)
    return HttpResponse(content, status=status)


def bad_request_page(request, *, message) -> HttpResponse:
    """A 400 in the portal's layout with a message of the caller's, for requests no form of ours can send."""
    return _in_layout(request, status=400, message=message)


@requires_csrf_token
def bad_request(request, exception=None):
    return _in_layout(request, status=400)


@requires_csrf_token
def permission_denied(request, exception=None):
    return _in_layout(request, status=403)


@requires_csrf_token
def page_not_found(request, exception=None):
    return _in_layout(request, status=404)


def server_error(request):
    return _standalone(request, status=500)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: Django's own 403 page is English-only and unstyled."""
    return _in_layout(request, status=403, title=CSRF_TITLE, message=CSRF_MESSAGE)

