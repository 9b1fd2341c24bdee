import unicodedata
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jalons.core.datafiles import DataFileError, check_unique, integer, read_csv, text
from jalons.core.demo import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD, apportion
from jalons.territories.models import Department, Region

from .models import ActorCategory, Organisation, RegionRole, User

DATA_DIR = Path(__file__).parent / "data"
MIN_PEOPLE_PER_REGION = 30


def _scope(value):
    if value not in {"region", "department"}:
        raise ValueError(_("« %(value)s » : « region » ou « department » attendu") % {"value": value})
    return value


def read(data_dir=None):
    """Read and check the demo data files before anything is written."""
    data_dir = data_dir or DATA_DIR
    known_categories = set(ActorCategory.objects.values_list("slug", flat=True))
    known_regions = set(Region.objects.values_list("code", flat=True))
    organisations_path = data_dir / "demo_organisations.csv"
    weights_path = data_dir / "demo_region_weights.csv"
    shares_path = data_dir / "demo_category_shares.csv"
    organisations = read_csv(organisations_path, {"category": text, "scope": _scope, "pattern": text})
    weights = read_csv(weights_path, {"region": text, "weight": integer})
    check_unique(weights_path, weights, "region")
    shares = read_csv(shares_path, {"category": text, "share": integer, "managed_share": integer})
    check_unique(shares_path, shares, "category")
    for path, rows in ((organisations_path, organisations), (shares_path, shares)):
        for line, row in rows:
            if row["category"] not in known_categories:
                raise DataFileError(
                    path, line, _("category : catégorie « %(slug)s » inconnue") % {"slug": row["category"]}
                )
    for line, row in organisations:
        if "{place}" not in row["pattern"]:
            raise DataFileError(organisations_path, line, _("pattern : « {place} » manquant"))
    for line, row in weights:
        if row["region"] not in known_regions:
            raise DataFileError(
                weights_path, line, _("region : région « %(code)s » inconnue") % {"code": row["region"]}
            )
    missing = known_regions - {row["region"] for _line, row in weights}
    if missing:
        raise DataFileError(
            weights_path, 1, _("régions sans poids : %(codes)s") % {"codes": ", ".join(sorted(missing))}
        )
    return {"organisations": organisations, "weights": weights, "shares": shares}


def create_organisations(ctx, data):
    """Organisations of every category in every region and département. Returns {(region id, slug): [org]}."""
    categories = {category.slug: category for category in ActorCategory.objects.all()}
    regions = list(Region.objects.order_by("code"))
    departments = list(Department.objects.order_by("code"))
    organisations = []
    for _line, row in data["organisations"]:
        if row["scope"] == "region":
            places = [(region, None, region.name) for region in regions]
        else:
            places = [(department.region, department, department.name) for department in departments]
        for region, department, place in places:
            organisations.append(
                Organisation(
                    name=row["pattern"].format(place=place),
                    category=categories[row["category"]],
                    region=region,
                    department=department,
                )
            )
    Organisation.objects.bulk_create(organisations, batch_size=500)
    by_region_category = {}
    for organisation in Organisation.objects.order_by("pk"):
        by_region_category.setdefault((organisation.region_id, organisation.category_id), []).append(organisation)
    return by_region_category


def _ascii(value):
    return unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower().replace(" ", "-")


def create_people(ctx, data, organisations):
    """ctx.people people, spread over regions by weight and over actor categories by share."""
    categories = {category.slug: category for category in ActorCategory.objects.all()}
    regions = {region.code: region for region in Region.objects.all()}
    weights = {row["region"]: row["weight"] for _line, row in data["weights"]}
    # A floor per region, so that the smallest regions still fill their 15 groups.
    floor = MIN_PEOPLE_PER_REGION if ctx.people >= MIN_PEOPLE_PER_REGION * len(weights) else 0
    per_region = apportion(ctx.people - floor * len(weights), weights)
    per_region = {code: count + floor for code, count in per_region.items()}
    shares = {row["category"]: row["share"] for _line, row in data["shares"]}
    managed_shares = {row["category"]: row["managed_share"] for _line, row in data["shares"]}
    people = []
    progress = ctx.progress(total=ctx.people, desc=_("Personnes"))
    for code in sorted(per_region):
        region = regions[code]
        for slug, count in apportion(per_region[code], shares).items():
            category = categories[slug]
            choices = organisations.get((region.pk, category.pk), [])
            for _index in range(count):
                first_name, last_name = ctx.faker.first_name(), ctx.faker.last_name()
                managed = ctx.rng.randrange(100) < managed_shares[slug]
                # Half of the people with lived experience take part without an organisation.
                without_organisation = slug == "personnes-concernees" and ctx.rng.random() < 0.5
                email = f"{_ascii(first_name)}.{_ascii(last_name)}.{len(people) + 1}@{DEMO_EMAIL_DOMAIN}"
                people.append(
                    User(
                        email=None if managed else email,
                        first_name=first_name,
                        last_name=last_name,
                        category=category,
                        region=region,
                        organisation=None if without_organisation or not choices else ctx.rng.choice(choices),
                        password=make_password(None),
                        phone=ctx.faker.phone_number() if ctx.rng.random() < 0.6 else "",
                    )
                )
                progress.update()
    progress.close()
    User.objects.bulk_create(people, batch_size=1000)


DEMO_ACCOUNTS = [
    # (key, e-mail, first name, last name, label)
    ("national", f"national@{DEMO_EMAIL_DOMAIN}", "Nadia", "Lambert", gettext_lazy("Délégation nationale")),
    (
        "commissioner",
        f"commissaire@{DEMO_EMAIL_DOMAIN}",
        "Yann",
        "Le Goff",
        gettext_lazy("Commissaire régional (Bretagne)"),
    ),
    (
        "animator",
        f"animatrice@{DEMO_EMAIL_DOMAIN}",
        "Gwenaëlle",
        "Morvan",
        gettext_lazy("Animatrice de groupe (Bretagne, chantier 14)"),
    ),
    ("member", f"membre@{DEMO_EMAIL_DOMAIN}", "Karim", "Benali", gettext_lazy("Membre (Bretagne, chantier 14)")),
    ("admin", f"admin@{DEMO_EMAIL_DOMAIN}", "Alex", "Martin", gettext_lazy("Administration (back office)")),
]
DEMO_REGION_CODE = "53"
DEMO_WORKSTREAM_NUMBER = 14


def create_demo_accounts(ctx):
    """One account per role, all with the same demo password. Returns {key: user}."""
    from jalons.strategy.models import Membership, WorkingGroup

    region = Region.objects.get(code=DEMO_REGION_CODE)
    group = WorkingGroup.objects.get(region=region, workstream__number=DEMO_WORKSTREAM_NUMBER)
    categories = {category.slug: category for category in ActorCategory.objects.all()}
    password = make_password(DEMO_PASSWORD)
    attributes = {
        "national": {"category": categories["services-etat"], "is_national_coordinator": True},
        "commissioner": {"category": categories["services-etat"], "region": region},
        "animator": {"category": categories["associations"], "region": region},
        "member": {"category": categories["personnes-concernees"], "region": region},
        "admin": {"category": categories["autres"], "is_staff": True, "is_superuser": True},
    }
    accounts = {}
    for key, email, first_name, last_name, _label in DEMO_ACCOUNTS:
        accounts[key] = User.objects.create(
            email=email, first_name=first_name, last_name=last_name, password=password, is_demo=True, **attributes[key]
        )
    RegionRole.objects.create(user=accounts["commissioner"], region=region)
    Membership.objects.create(user=accounts["animator"], group=group, role=Membership.Role.ANIMATOR)
    Membership.objects.create(user=accounts["member"], group=group)
    managed = User.objects.create(
        first_name="Josiane",
        last_name="Kerbrat",
        category=categories["personnes-concernees"],
        region=region,
        managed_by=accounts["animator"],
        is_demo=True,
    )
    Membership.objects.create(user=managed, group=group)
    return accounts
