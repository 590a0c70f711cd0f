import pytest
from django.test import Client


@pytest.fixture(autouse=True)
def _media_and_cache(settings, tmp_path):
    """Each test gets its own media folder, an empty cache and the default language."""
    from django.core.cache import cache
    from django.utils import translation

    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    # a request to an /en/ page leaves English active in the thread; start every test in the default language
    translation.activate(settings.LANGUAGE_CODE)
    yield
    cache.clear()


class StaffClient(Client):
    """The test client, with logins as the real login makes them.

    ``force_login(user)`` gives a session that passed both steps of the login: the user gets a confirmed TOTP
    device (if they have none) and the session is marked verified with it, as django_otp's login does. Pass
    ``verified=False`` for a session that gave only the password. ``login(username=, password=)`` hands
    django-axes the request it needs and is the password step only."""

    def force_login(self, user, backend=None, *, verified=True):
        super().force_login(user, backend)
        if verified:
            from django_otp import DEVICE_ID_SESSION_KEY
            from django_otp.plugins.otp_totp.models import TOTPDevice

            device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
                user=user, name="test", confirmed=True
            )
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    def login(self, **credentials):
        from django.test import RequestFactory

        credentials.setdefault("request", RequestFactory().post("/quan-tri/login/"))
        return super().login(**credentials)


@pytest.fixture
def client():
    """pytest-django's ``client`` (and so ``admin_client``), as a StaffClient."""
    return StaffClient()
