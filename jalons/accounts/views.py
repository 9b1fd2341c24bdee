from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import LogoutView
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from jalons.core.permissions import public_page
from jalons.strategy.models import Membership

from .forms import AcceptInvitationForm, LoginForm, ProfileForm
from .models import ActorCategory, Invitation, User


def _safe_next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return None


@public_page
@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def login_view(request):
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.user)
        return redirect(_safe_next(request) or "accounts:my_account")
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": _safe_next(request) or "", "title": _("Connexion")},
    )


logout_view = LogoutView.as_view()


@require_http_methods(["GET", "POST"])
def my_account(request):
    user = request.user
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Votre profil est enregistré."))
        return redirect("accounts:my_account")
    memberships = user.memberships.select_related("group__workstream", "group__region").order_by(
        "group__region__name", "group__workstream__number"
    )
    return render(
        request,
        "accounts/my_account.html",
        {
            "title": _("Mon compte"),
            "form": form,
            "memberships": memberships,
            "region_roles": user.region_roles.select_related("region"),
            "managed_members": user.managed_members.order_by("last_name", "first_name"),
        },
    )


@public_page
@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def accept_invitation(request, token):
    invitation = Invitation.find_usable(token)
    if invitation is None:
        return render(
            request,
            "accounts/invitation_invalid.html",
            {"title": _("Lien d'invitation invalide")},
            status=404,
        )
    existing = User.objects.filter(email__iexact=invitation.email).first()
    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if existing is not None or (request.method == "POST" and form.is_valid()):
        with transaction.atomic():
            # Lock the invitation so that two clicks on the same link accept it once.
            invitation = Invitation.objects.select_for_update().usable().filter(pk=invitation.pk).first()
            if invitation is None:
                return redirect("accounts:login")
            user = existing or _create_invited_user(invitation, form.cleaned_data)
            if invitation.group_id:
                # A pending request to join the same group is granted by the invitation.
                Membership.objects.update_or_create(
                    user=user, group=invitation.group, defaults={"status": Membership.Status.ACTIVE}
                )
            invitation.accepted_at = timezone.now()
            invitation.accepted_by = user
            invitation.save(update_fields=["accepted_at", "accepted_by"])
        if existing is not None:
            messages.success(request, _("Invitation acceptée. Connectez-vous pour continuer."))
            return redirect("accounts:login")
        login(request, user, backend="jalons.accounts.backends.EmailBackend")
        messages.success(request, _("Bienvenue sur Jalons, votre compte est créé."))
        return redirect("accounts:my_account")
    return render(
        request,
        "accounts/accept_invitation.html",
        {"form": form, "invitation": invitation, "title": _("Créer votre compte")},
    )


def _create_invited_user(invitation, data):
    region = invitation.group.region if invitation.group_id else None
    user = User(
        email=invitation.email,
        first_name=data["first_name"],
        last_name=data["last_name"],
        region=region,
        category=ActorCategory.objects.get(slug="autres"),
    )
    user.set_password(data["password1"])
    user.save()
    return user
