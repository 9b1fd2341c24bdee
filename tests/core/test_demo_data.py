import io
import shutil

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Q

from jalons.accounts import demo as accounts_demo
from jalons.accounts.models import Organisation, User
from jalons.strategy.models import Membership, WorkingGroup


def generate(people=1080, seed=42):
    call_command("generate_demo_data", people=people, seed=seed, no_progress=True, stdout=io.StringIO())


def snapshot():
    return list(
        User.objects.order_by("pk").values_list(
            "first_name", "last_name", "email", "region__code", "category__slug", "organisation__name"
        )
    )


def clear_demo_data():
    """Back to the reference data alone, whatever the demo steps of every app wrote."""
    call_command("flush", interactive=False, verbosity=0)
    call_command("load_reference_data", stdout=io.StringIO())


@pytest.mark.django_db
def test_demo_data_populates_every_region_and_group():
    generate()
    assert User.objects.filter(is_demo=False).count() == 1080
    groups = WorkingGroup.objects.annotate(
        members=Count("memberships"),
        animators=Count("memberships", filter=Q(memberships__role=Membership.Role.ANIMATOR)),
    )
    assert groups.count() == 270
    assert not groups.filter(Q(members=0) | Q(animators=0)).exists()
    assert set(User.objects.filter(is_demo=False).values_list("category__slug", flat=True)) == {
        "collectivites",
        "services-etat",
        "associations",
        "travailleurs-sociaux",
        "personnes-concernees",
        "entreprises",
    }
    lived_experience = User.objects.filter(category__slug="personnes-concernees", is_demo=False)
    assert 0.08 < lived_experience.count() / 1080 < 0.14
    # Managed members have no e-mail and an animator who acts for them.
    managed = User.objects.filter(email__isnull=True)
    assert managed.exists()
    assert not managed.filter(managed_by__isnull=True).exists()
    # Île-de-France is the most populated region, Mayotte among the least.
    by_region = dict(User.objects.filter(is_demo=False).values_list("region__code").annotate(n=Count("pk")))
    assert max(by_region, key=by_region.get) == "11"
    assert by_region["06"] >= 1


@pytest.mark.django_db
def test_demo_data_is_deterministic_for_a_seed_and_idempotent():
    generate(seed=7)
    first = snapshot()
    out = io.StringIO()
    call_command("generate_demo_data", people=1080, seed=7, no_progress=True, stdout=out)
    assert "déjà présentes" in out.getvalue()
    assert snapshot() == first
    clear_demo_data()
    generate(seed=7)
    assert [row[:2] for row in snapshot()] == [row[:2] for row in first]
    clear_demo_data()
    generate(seed=8)
    assert [row[:2] for row in snapshot()] != [row[:2] for row in first]


@pytest.mark.django_db
def test_demo_accounts_are_printed_one_per_role():
    out = io.StringIO()
    call_command("generate_demo_data", people=30, no_progress=True, stdout=out)
    for _key, email, *_rest in accounts_demo.DEMO_ACCOUNTS:
        assert email in out.getvalue()
        assert User.objects.get(email=email).is_demo


@pytest.mark.django_db
def test_malformed_demo_file_is_refused_and_nothing_is_written(tmp_path, monkeypatch):
    shutil.copytree(accounts_demo.DATA_DIR, tmp_path / "data")
    monkeypatch.setattr(accounts_demo, "DATA_DIR", tmp_path / "data")
    weights = tmp_path / "data" / "demo_region_weights.csv"
    weights.write_text(weights.read_text().replace("53,334", "53,beaucoup"))
    with pytest.raises(CommandError, match="demo_region_weights.csv, ligne 14 : weight : « beaucoup »"):
        generate()
    assert not User.objects.exists()
    assert not Organisation.objects.exists()
