from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from .models import User


class EmailBackend(ModelBackend):
    """Log in by e-mail, case-insensitive. Demo accounts are refused outside development (DEBUG off)."""

    def authenticate(self, request, email=None, password=None, **kwargs):
        email = email or kwargs.get(User.USERNAME_FIELD)
        if not email or not password:
            return None
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            # Same cost as a real check, so that timing does not tell which e-mails exist.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def user_can_authenticate(self, user):
        if user.is_demo and not settings.DEBUG:
            return False
        return super().user_can_authenticate(user)

    def get_user(self, user_id):
        user = super().get_user(user_id)
        if user is not None and user.is_demo and not settings.DEBUG:
            return None
        return user
