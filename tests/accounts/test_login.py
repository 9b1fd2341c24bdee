import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.urls import reverse
from django.utils import timezone

from jalons.accounts.models import Invitation, User
from jalons.strategy.models import Membership
from tests.factories import PASSWORD, UserFactory

GENERIC_ERROR = "Adresse e-mail ou mot de passe incorrect."


def test_passwords_are_hashed_with_argon2():
    from jalons import settings as project_settings  # the file, before the tests swap in a fast hasher

    assert project_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    hasher = Argon2PasswordHasher()
    assert hasher.verify("secret", hasher.encode("secret", hasher.salt()))


@pytest.mark.django_db
def test_login_with_email_any_case(client):
    user = UserFactory(email="camille@exemple.test")
    response = client.post(reverse("accounts:login"), {"email": "Camille@Exemple.test", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("accounts:my_account")
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
@pytest.mark.parametrize("email,password", [("inconnu@exemple.test", PASSWORD), ("camille@exemple.test", "faux")])
def test_login_failure_does_not_say_which_was_wrong(client, email, password):
    UserFactory(email="camille@exemple.test")
    response = client.post(reverse("accounts:login"), {"email": email, "password": password})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [GENERIC_ERROR]
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_login_redirects_only_to_local_next(client):
    UserFactory(email="camille@exemple.test")
    data = {"email": "camille@exemple.test", "password": PASSWORD}
    response = client.post(reverse("accounts:login"), {**data, "next": "https://ailleurs.example/"})
    assert response.url == reverse("accounts:my_account")
    response = client.post(reverse("accounts:login"), {**data, "next": "/regions/"})
    assert response.url == "/regions/"


@pytest.mark.django_db
def test_demo_accounts_are_refused_when_debug_is_off(client, settings):
    demo = UserFactory(email="demo@exemple.test", is_demo=True)
    settings.DEBUG = True
    client.force_login(demo)
    assert client.get(reverse("accounts:my_account")).status_code == 200
    settings.DEBUG = False
    # An open session is no longer honoured, and a new login is refused.
    assert client.get(reverse("accounts:my_account")).status_code == 302
    response = client.post(reverse("accounts:login"), {"email": "demo@exemple.test", "password": PASSWORD})
    assert response.context["form"].non_field_errors() == [GENERIC_ERROR]


@pytest.mark.django_db
def test_managed_member_cannot_log_in(client, roles):
    managed = roles["managed"]
    assert managed.email is None and not managed.has_usable_password()


@pytest.mark.django_db
def test_invitation_creates_the_account_joins_the_group_and_is_single_use(client, own_group):
    _invitation, token = Invitation.create("Nouvelle@Exemple.test", group=own_group)
    url = reverse("accounts:accept_invitation", args=[token])
    data = {"first_name": "Léa", "last_name": "Robin", "password1": "un mot de passe long", "password2": "x"}
    response = client.post(url, data)
    assert response.context["form"].errors["password2"] == ["Les deux mots de passe ne correspondent pas."]
    assert not User.objects.filter(email="nouvelle@exemple.test").exists()

    response = client.post(url, {**data, "password2": "un mot de passe long"})
    assert response.status_code == 302
    user = User.objects.get(email="nouvelle@exemple.test")
    assert user.region == own_group.region
    assert Membership.objects.get(user=user, group=own_group).status == Membership.Status.ACTIVE
    client.logout()
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_expired_invitation_is_refused(client):
    invitation, token = Invitation.create("tard@exemple.test")
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    response = client.get(reverse("accounts:accept_invitation", args=[token]))
    assert response.status_code == 404
    assert "n'est plus valable" in response.content.decode()


@pytest.mark.django_db
def test_only_the_token_hash_is_stored():
    invitation, token = Invitation.create("personne@exemple.test")
    assert token not in invitation.token_hash
    assert Invitation.find_usable(token) == invitation
    assert Invitation.find_usable(token + "x") is None


@pytest.mark.django_db
def test_profile_update(client, roles):
    client.force_login(roles["member"])
    response = client.post(reverse("accounts:my_account"), {"first_name": "", "last_name": "Robin", "phone": ""})
    assert "first_name" in response.context["form"].errors
    response = client.post(reverse("accounts:my_account"), {"first_name": "Léa", "last_name": "Robin", "phone": ""})
    assert response.status_code == 302
    roles["member"].refresh_from_db()
    assert roles["member"].get_full_name() == "Léa Robin"
