"""Clear-text logins for a developer machine only.

``ensure_admin`` and the demo loader generate random passwords. On a development set-up (``DEBUG``, or the
``ACCOUNTS_WRITE_LOGIN_FILES`` setting) they keep them in ``var/`` (mode 0600, outside version control) so that
``bin/serve`` can print them on every start; anywhere else (``config.settings.prod``) a password is printed once,
when it is set, and never written to disk.
"""

from pathlib import Path

from django.conf import settings

ADMIN_LOGIN_FILE = "admin-login.txt"
DEMO_LOGINS_FILE = "demo-logins.txt"


def login_files_enabled() -> bool:
    return bool(getattr(settings, "ACCOUNTS_WRITE_LOGIN_FILES", settings.DEBUG))


def _path(name: str) -> Path:
    return Path(settings.VAR_DIR) / name


def admin_password_read() -> str | None:
    path = _path(ADMIN_LOGIN_FILE)
    if not login_files_enabled() or not path.exists():
        return None
    return path.read_text().strip() or None


def admin_password_write(password: str) -> None:
    if login_files_enabled():
        _write(_path(ADMIN_LOGIN_FILE), password + "\n")


def demo_logins_read() -> dict[str, str]:
    """``{username: password}`` of the demo staff accounts, as the demo loader stored them."""
    path = _path(DEMO_LOGINS_FILE)
    if not login_files_enabled() or not path.exists():
        return {}
    pairs = (line.split(maxsplit=1) for line in path.read_text().splitlines() if line.strip())
    return {pair[0]: pair[1].strip() for pair in pairs if len(pair) == 2}


def demo_logins_write(logins: dict[str, str]) -> None:
    if login_files_enabled():
        _write(_path(DEMO_LOGINS_FILE), "".join(f"{user} {password}\n" for user, password in sorted(logins.items())))


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)  # before the secret goes in
    path.write_text(text)
