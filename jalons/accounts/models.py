import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ActorCategory(models.Model):
    """Who takes part: collectivités, services de l'État, associations…"""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("nom"), max_length=100)
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("catégorie d'acteur")
        verbose_name_plural = _("catégories d'acteurs")
        ordering = ["order"]

    def __str__(self):
        return self.name


class Organisation(models.Model):
    name = models.CharField(_("nom"), max_length=200)
    category = models.ForeignKey(
        ActorCategory, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("catégorie")
    )
    region = models.ForeignKey(
        "territories.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("région"),
        help_text=_("Vide pour une organisation nationale."),
    )
    department = models.ForeignKey(
        "territories.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("département"),
    )

    class Meta:
        verbose_name = _("organisation")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name", "region"], name="unique_organisation_per_region")]

    def __str__(self):
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        email = self.normalize_email(email) or None
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person taking part. Managed members have no e-mail and never log in: an animator acts for them."""

    email = models.EmailField(_("adresse e-mail"), unique=True, null=True, blank=True)
    first_name = models.CharField(_("prénom"), max_length=150)
    last_name = models.CharField(_("nom"), max_length=150)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("organisation"),
    )
    category = models.ForeignKey(
        ActorCategory, on_delete=models.PROTECT, related_name="people", verbose_name=_("catégorie d'acteur")
    )
    region = models.ForeignKey(
        "territories.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("région"),
    )
    is_national_coordinator = models.BooleanField(_("délégation nationale"), default=False)
    managed_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_members",
        verbose_name=_("créé et accompagné par"),
    )
    is_demo = models.BooleanField(
        _("compte de démonstration"), default=False, help_text=_("Refusé à la connexion quand DEBUG est désactivé.")
    )
    is_staff = models.BooleanField(_("accès à l'administration"), default=False)
    is_active = models.BooleanField(_("actif"), default=True)
    date_joined = models.DateTimeField(_("date d'inscription"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        verbose_name = _("personne")
        ordering = ["last_name", "first_name"]
        constraints = [
            # A managed member is exactly a person without e-mail.
            models.CheckConstraint(
                condition=Q(managed_by__isnull=True) | Q(email__isnull=True), name="managed_member_has_no_email"
            )
        ]

    def __str__(self):
        return self.get_full_name()

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name

    @property
    def is_managed(self):
        return self.email is None

    def save(self, *args, **kwargs):
        if self.email == "":
            self.email = None
        if self.email is None:
            self.set_unusable_password()
        super().save(*args, **kwargs)


class RegionRole(models.Model):
    """A role held in a region: the regional commissioner and the SGAR team."""

    class Role(models.TextChoices):
        COMMISSIONER = "commissioner", _("Commissaire régional·e")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="region_roles")
    region = models.ForeignKey("territories.Region", on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.COMMISSIONER)

    class Meta:
        verbose_name = _("rôle régional")
        verbose_name_plural = _("rôles régionaux")
        constraints = [models.UniqueConstraint(fields=["user", "region", "role"], name="unique_region_role")]

    def __str__(self):
        return f"{self.get_role_display()} — {self.region}"


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """A single-use, expiring magic link. Only the hash of the token is stored."""

    email = models.EmailField(_("adresse e-mail"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    group = models.ForeignKey(
        "strategy.WorkingGroup", on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")

    def __str__(self):
        return self.email

    @classmethod
    def create(cls, email, invited_by=None, group=None):
        """Return the invitation and its clear token, which exists only in the link sent by e-mail."""
        token = secrets.token_urlsafe(32)
        invitation = cls.objects.create(
            email=email.strip().lower(),
            token_hash=hash_token(token),
            invited_by=invited_by,
            group=group,
            expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALIDITY_DAYS),
        )
        return invitation, token

    @classmethod
    def find_usable(cls, token):
        return cls.objects.usable().filter(token_hash=hash_token(token)).select_related("group").first()
