import pytest
from django.urls import reverse

from jalons.workspace.models import Activity, GroupVisit, MessageReport
from tests.factories import MembershipFactory, UserFactory
from tests.utils import assert_constant_queries, count_queries

from .builders import make_document, make_note, make_thread

pytestmark = pytest.mark.django_db


def test_member_sees_the_whole_group_page(roles, own_group, client_for):
    make_thread(own_group, roles["member"], title="Repérage des jeunes sortants de l'ASE")
    make_document(own_group, roles["member"], title="Diagnostic partagé")
    make_note(own_group, roles["member"], title="Réunion du 20 juin")
    response = client_for(roles["member"]).get(reverse("workspace:group_detail", args=[own_group.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    for text in ("Repérage des jeunes sortants", "Diagnostic partagé", "Réunion du 20 juin", "Quitter le groupe"):
        assert text in content
    assert roles["animator"].get_full_name() in content


def test_person_of_the_region_sees_only_the_summary(roles, own_group, client_for):
    make_thread(own_group, roles["member"], title="Sujet réservé aux membres")
    response = client_for(roles["region_person"]).get(reverse("workspace:group_detail", args=[own_group.pk]))
    content = response.content.decode()
    assert "Sujet réservé aux membres" not in content
    assert "1 discussion" in content
    assert "Demander à rejoindre le groupe" in content


def test_commissioner_reads_everything_but_cannot_post(roles, own_group, client_for):
    make_thread(own_group, roles["member"], title="Sujet réservé aux membres")
    client = client_for(roles["commissioner"])
    page = client.get(reverse("workspace:group_detail", args=[own_group.pk]))
    assert "Sujet réservé aux membres" in page.content.decode()
    response = client.post(
        reverse("workspace:thread_create", args=[own_group.pk]), {"title": "Essai", "body": "Bonjour"}
    )
    assert response.status_code == 403


def test_my_groups_show_unread_activity_until_the_group_is_opened(roles, own_group, client_for):
    client = client_for(roles["member"])
    Activity.objects.create(group=own_group, actor=roles["animator"], text="Nouveau document")
    Activity.objects.create(group=own_group, actor=roles["member"], text="Ma propre activité")
    content = client.get(reverse("workspace:group_list")).content.decode()
    assert "1 nouveauté" in content
    client.get(reverse("workspace:group_detail", args=[own_group.pk]))
    assert GroupVisit.objects.filter(user=roles["member"], group=own_group).exists()
    assert "Rien de nouveau" in client.get(reverse("workspace:group_list")).content.decode()


def test_region_page_lists_its_15_groups(roles, own_region, client_for):
    response = client_for(roles["region_person"]).get(reverse("workspace:region_groups", args=[own_region.code]))
    assert response.status_code == 200
    assert len(response.context["groups"]) == 15


def test_group_page_query_count_does_not_grow(roles, own_group, client_for):
    client = client_for(roles["animator"])
    thread = make_thread(own_group, roles["member"])
    make_document(own_group, roles["member"])
    make_note(own_group, roles["member"])
    MembershipFactory(group=own_group, status="pending", user=UserFactory(region=own_group.region))
    MessageReport.objects.create(message=thread.messages.get(), reporter=roles["animator"], reason="Hors sujet")

    def grow():
        for index in range(49):
            reported = make_thread(own_group, roles["member"], title=f"Sujet {index}").messages.get()
            MessageReport.objects.create(message=reported, reporter=roles["animator"], reason="Hors sujet")
            make_document(own_group, roles["member"], title=f"Document {index}")
            make_note(own_group, roles["member"], title=f"Réunion {index}")
            MembershipFactory(group=own_group)
            MembershipFactory(group=own_group, status="pending", user=UserFactory(region=own_group.region))
            Activity.objects.create(group=own_group, actor=roles["member"], text=f"Activité {index}")

    assert_constant_queries(client, reverse("workspace:group_detail", args=[own_group.pk]), grow)


def test_group_list_and_directory_query_counts_do_not_grow(roles, own_group, own_region, client_for):
    client = client_for(roles["member"])
    urls = [
        reverse("workspace:group_list"),
        reverse("workspace:member_directory", args=[own_group.pk]),
        reverse("workspace:region_groups", args=[own_region.code]),
        reverse("workspace:thread_list", args=[own_group.pk]),
        reverse("workspace:document_list", args=[own_group.pk]),
        reverse("workspace:note_list", args=[own_group.pk]),
    ]
    make_thread(own_group, roles["member"])
    make_document(own_group, roles["member"])
    make_note(own_group, roles["member"])
    before = [count_queries(client, url) for url in urls]
    for index in range(49):
        make_thread(own_group, roles["member"], title=f"Sujet {index}")
        make_document(own_group, roles["member"], title=f"Document {index}")
        make_note(own_group, roles["member"], title=f"Réunion {index}")
        MembershipFactory(group=own_group)
        Activity.objects.create(group=own_group, actor=roles["animator"], text=f"Activité {index}")
    after = [count_queries(client, url) for url in urls]
    assert before == after


def test_region_page_shows_each_group_activity_of_the_last_30_days(roles, own_group, own_region, client_for):
    from datetime import timedelta

    from django.utils import timezone

    Activity.objects.create(group=own_group, actor=roles["member"], text="Récente")
    Activity.objects.create(
        group=own_group, actor=roles["member"], text="Ancienne", created_at=timezone.now() - timedelta(days=45)
    )
    response = client_for(roles["region_person"]).get(reverse("workspace:region_groups", args=[own_region.code]))
    group = next(group for group in response.context["groups"] if group.pk == own_group.pk)
    assert group.recent_count == 1
    assert "1 publication" in response.content.decode()
