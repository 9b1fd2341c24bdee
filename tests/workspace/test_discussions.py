from html.parser import HTMLParser

import pytest
from django.urls import reverse

from jalons.core.markup import render_markdown
from jalons.notifications.models import Notification
from jalons.workspace.models import Message, MessageReport, Thread
from jalons.workspace.views import MESSAGES_PER_PAGE
from tests.utils import assert_constant_queries

from .builders import make_thread

pytestmark = pytest.mark.django_db


class TagCollector(HTMLParser):
    """The elements and attributes a browser would build from the HTML."""

    def __init__(self):
        super().__init__()
        self.tags, self.attributes = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend((tag, name, value or "") for name, value in attrs)


def elements(html):
    collector = TagCollector()
    collector.feed(html)
    return collector


HOSTILE = (
    '<script>alert("x")</script>\n\n<img src=x onerror="alert(1)">\n\n'
    '<a href="#" onclick="alert(2)">clic</a> [lien](javascript:alert(3)) <svg onload=alert(4)>'
)


def test_markdown_subset_is_rendered():
    html = render_markdown("**gras** et *italique*\n\n- un\n- deux\n\n[site](https://exemple.fr)")
    assert "<strong>gras</strong>" in html and "<em>italique</em>" in html
    assert "<li>un</li>" in html
    assert '<a href="https://exemple.fr" rel="nofollow noopener noreferrer">site</a>' in html


def test_script_and_event_handlers_are_inert():
    html = render_markdown(HOSTILE)
    parsed = elements(html)
    assert set(parsed.tags) == {"p"}, parsed.tags
    assert not [attribute for attribute in parsed.attributes if attribute[1].startswith("on")]
    assert not [attribute for attribute in parsed.attributes if "javascript" in attribute[2]]
    assert "&lt;script&gt;" in html  # shown to the reader as the text that was typed


def test_hostile_message_is_stored_as_typed_and_rendered_inert(roles, own_group, client_for):
    client = client_for(roles["member"])
    response = client.post(
        reverse("workspace:thread_create", args=[own_group.pk]), {"title": "Essai", "body": HOSTILE}
    )
    thread = Thread.objects.get(title="Essai")
    assert response.status_code == 302
    assert thread.messages.get().body == HOSTILE
    content = client.get(thread.get_absolute_url()).content.decode()
    body = content.split('class="jalons-message__body">')[1].split("</div>")[0]
    assert "<script" not in body and "<img" not in body and "<svg" not in body and '<a href="#"' not in body
    assert "&lt;script&gt;" in body


def test_reply_notifies_the_members(roles, own_group, client_for):
    thread = make_thread(own_group, roles["animator"])
    response = client_for(roles["member"]).post(thread.get_absolute_url(), {"body": "Je serai là."})
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.message_count == 2
    assert Notification.objects.filter(recipient=roles["animator"], text__contains="a répondu").exists()
    assert not Notification.objects.filter(recipient=roles["member"]).exists()


def test_empty_reply_is_refused_in_french(roles, own_group, client_for):
    thread = make_thread(own_group, roles["animator"])
    response = client_for(roles["member"]).post(thread.get_absolute_url(), {"body": "  "})
    assert response.status_code == 200
    assert "Ce champ est obligatoire" in response.content.decode()
    assert thread.messages.count() == 1


def test_edit_and_delete_own_message(roles, own_group, client_for):
    message = make_thread(own_group, roles["member"]).messages.get()
    client = client_for(roles["member"])
    client.post(reverse("workspace:message_edit", args=[message.pk]), {"body": "Corrigé"})
    message.refresh_from_db()
    assert message.body == "Corrigé" and message.edited_at is not None
    client.post(reverse("workspace:message_delete", args=[message.pk]))
    message.refresh_from_db()
    assert message.deleted_at is not None and message.body == ""
    assert "Message supprimé par son auteur" in client.get(message.thread.get_absolute_url()).content.decode()


def test_cannot_edit_someone_elses_message(roles, own_group, client_for):
    message = make_thread(own_group, roles["animator"]).messages.get()
    response = client_for(roles["member"]).post(reverse("workspace:message_edit", args=[message.pk]), {"body": "X"})
    assert response.status_code == 403
    message.refresh_from_db()
    assert message.body != "X"


def test_animator_hides_a_message_with_a_reason(roles, own_group, client_for):
    message = make_thread(own_group, roles["member"]).messages.get()
    client = client_for(roles["animator"])
    response = client.post(reverse("workspace:message_hide", args=[message.pk]), {"reason": ""})
    assert response.status_code == 200 and "Ce champ est obligatoire" in response.content.decode()
    client.post(reverse("workspace:message_hide", args=[message.pk]), {"reason": "Propos hors sujet"})
    message.refresh_from_db()
    assert message.is_hidden and message.hidden_reason == "Propos hors sujet"
    content = client_for(roles["member"]).get(message.thread.get_absolute_url()).content.decode()
    assert "Motif : Propos hors sujet" in content
    assert "Message <strong>0</strong>" not in content
    # The animation can still read it.
    as_animator = client_for(roles["animator"]).get(message.thread.get_absolute_url())
    assert "Message <strong>0</strong>" in as_animator.content.decode()
    assert Notification.objects.filter(recipient=roles["member"], text__contains="masqué").exists()


def test_a_member_cannot_hide(roles, own_group, client_for):
    message = make_thread(own_group, roles["animator"]).messages.get()
    response = client_for(roles["member"]).post(reverse("workspace:message_hide", args=[message.pk]), {"reason": "x"})
    assert response.status_code == 403
    assert not Message.objects.get(pk=message.pk).is_hidden


def test_any_member_reports_a_message_once(roles, own_group, client_for):
    message = make_thread(own_group, roles["animator"]).messages.get()
    client = client_for(roles["member"])
    for _attempt in range(2):
        client.post(reverse("workspace:message_report", args=[message.pk]), {"reason": "Données personnelles"})
    assert MessageReport.objects.filter(message=message).count() == 1
    assert Notification.objects.filter(recipient=roles["animator"], text__contains="signalé").count() == 1
    content = client_for(roles["animator"]).get(message.thread.get_absolute_url()).content.decode()
    assert "1 signalement" in content
    group_page = client_for(roles["animator"]).get(reverse("workspace:group_detail", args=[own_group.pk]))
    assert "Messages signalés" in group_page.content.decode()
    group_page = client_for(roles["member"]).get(reverse("workspace:group_detail", args=[own_group.pk]))
    assert "Messages signalés" not in group_page.content.decode()


def test_long_threads_are_paginated(roles, own_group, client_for):
    thread = make_thread(own_group, roles["member"], messages=MESSAGES_PER_PAGE + 3)
    client = client_for(roles["member"])
    first = client.get(thread.get_absolute_url())
    assert len(first.context["page"]) == MESSAGES_PER_PAGE
    assert "Page suivante" in first.content.decode()
    last = client.get(thread.get_absolute_url() + "?page=2")
    assert len(last.context["page"]) == 3
    # A reply sends its author to the last page, where it is.
    response = client.post(thread.get_absolute_url(), {"body": "Dernier mot"})
    assert "?page=2#message-" in response["Location"]


def test_thread_query_count_does_not_grow(roles, own_group, client_for):
    thread = make_thread(own_group, roles["member"], messages=1)
    client = client_for(roles["animator"])

    def grow():
        others = [roles["animator"], roles["managed"], roles["member"]]
        Message.objects.bulk_create(
            Message(
                thread=thread,
                author=others[index % 3],
                posted_by=roles["animator"] if index % 3 == 1 else None,
                body=f"Réponse {index}",
            )
            for index in range(49)
        )
        hidden = thread.messages.last()
        hidden.hidden_at, hidden.hidden_by, hidden.hidden_reason = hidden.created_at, roles["animator"], "motif"
        hidden.save()
        MessageReport.objects.create(message=thread.messages.first(), reporter=roles["member"], reason="x")

    assert_constant_queries(client, thread.get_absolute_url(), grow)


def test_a_hidden_message_cannot_be_edited_back(roles, own_group, client_for):
    message = make_thread(own_group, roles["member"]).messages.get()
    client_for(roles["animator"]).post(reverse("workspace:message_hide", args=[message.pk]), {"reason": "Injurieux"})
    response = client_for(roles["member"]).post(reverse("workspace:message_edit", args=[message.pk]), {"body": "X"})
    assert response.status_code == 403


def test_moderation_forms_say_what_the_reason_is_for(roles, own_group, client_for):
    message = make_thread(own_group, roles["member"]).messages.get()
    hide = client_for(roles["animator"]).get(reverse("workspace:message_hide", args=[message.pk]))
    assert "Motif du masquage (visible par le groupe)" in hide.content.decode()
    report = client_for(roles["member"]).get(reverse("workspace:message_report", args=[message.pk]))
    assert "Pourquoi signalez-vous ce message ?" in report.content.decode()
