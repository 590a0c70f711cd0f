"""The staff login: the password step (throttled by django-axes), the second factor (TOTP through django-otp)
and its enrolment. See docs/security/login.md."""
