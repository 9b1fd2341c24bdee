"""Demo good practices: 300+ realistic French practices across every chantier and region, with their spreading.

Composed from phrase lists, deterministic with ctx.rng, written with bulk_create.
"""

from datetime import date, timedelta

from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from jalons.accounts.models import Organisation, User
from jalons.core.demo import DEMO_EMAIL_DOMAIN, apportion
from jalons.strategy.models import Workstream
from jalons.territories.models import Department, Region

from .models import Adoption, GoodPractice, TargetPublic

PRACTICE_COUNT = 320
# National scale (bench/): 10,000 practices and 30,000 adoptions, with the same long tail.
NATIONAL_PRACTICE_COUNT = 10_000
NATIONAL_ADOPTION_COUNT = 30_000

# chantier number → [(title, summary, steps, tags, public)]
IDEAS = {
    1: [
        (
            "Crèche à vocation d'insertion professionnelle",
            "Des places de crèche réservées aux parents en recherche d'emploi, avec un accompagnement vers l'emploi "
            "mené par France Travail pendant l'accueil de l'enfant.",
            [
                "réserver 20 % des places aux parents demandeurs d'emploi",
                "signer un contrat d'engagement avec le parent",
                "faire le point chaque mois avec le conseiller emploi",
            ],
            "petite enfance, emploi, crèche",
            TargetPublic.YOUNG_CHILDREN,
        ),
        (
            "Bonus mixité sociale dans les crèches",
            "Les établissements d'accueil du jeune enfant accueillent davantage d'enfants de familles modestes grâce "
            "à une commission d'attribution commune et transparente.",
            [
                "créer une commission d'attribution unique",
                "publier les critères",
                "suivre la part d'enfants de familles sous le seuil de pauvreté",
            ],
            "petite enfance, mixité sociale",
            TargetPublic.YOUNG_CHILDREN,
        ),
        (
            "Halte-garderie itinérante",
            "Un bus aménagé offre quelques heures d'accueil aux jeunes enfants dans les communes sans mode de garde.",
            ["aménager un véhicule", "définir une tournée hebdomadaire", "proposer des temps d'échange aux parents"],
            "petite enfance, mobilité, rural",
            TargetPublic.YOUNG_CHILDREN,
        ),
    ],
    2: [
        (
            "Formation commune des assistantes maternelles et des enseignants de maternelle",
            "Des journées de formation partagées sur le langage et l'éveil des tout-petits, pour une continuité "
            "éducative entre l'accueil du jeune enfant et l'école.",
            [
                "construire un module de trois jours",
                "former des binômes de formateurs",
                "évaluer les pratiques six mois après",
            ],
            "formation, petite enfance, langage",
            TargetPublic.PROFESSIONALS,
        ),
        (
            "Référents langage dans les structures petite enfance",
            "Un professionnel par structure est formé à l'éveil au langage et anime des ateliers avec les familles.",
            ["former un référent par structure", "animer des ateliers parents-enfants", "prêter des livres"],
            "langage, parentalité, formation",
            TargetPublic.YOUNG_CHILDREN,
        ),
    ],
    3: [
        (
            "Café des parents au centre social",
            "Un lieu d'écoute et d'échanges entre parents, animé par un professionnel et des parents bénévoles, "
            "chaque semaine au centre social.",
            [
                "ouvrir un créneau hebdomadaire",
                "former des parents relais",
                "inviter des intervenants sur les thèmes choisis par les parents",
            ],
            "parentalité, centre social, soutien",
            TargetPublic.FAMILIES,
        ),
        (
            "Lieu d'accueil enfants-parents en quartier prioritaire",
            "Un accueil libre et anonyme pour les enfants de moins de six ans et leurs parents, pour rompre "
            "l'isolement des familles.",
            ["trouver un local de plain-pied", "constituer une équipe d'accueillants", "communiquer avec la PMI"],
            "parentalité, isolement, quartiers",
            TargetPublic.FAMILIES,
        ),
        (
            "Médiation familiale gratuite pour les familles modestes",
            "Des permanences de médiation familiale sans frais, proches des lieux de vie des familles.",
            [
                "ouvrir des permanences dans les mairies",
                "former les travailleurs sociaux à orienter",
                "suivre les accords trouvés",
            ],
            "parentalité, médiation",
            TargetPublic.FAMILIES,
        ),
    ],
    4: [
        (
            "Maraudes mixtes État-associations",
            "Des équipes associant travailleurs sociaux et bénévoles vont au-devant des familles à la rue et les "
            "orientent vers un hébergement et un accompagnement.",
            [
                "coordonner les maraudes par le SIAO",
                "former les équipes au repérage des enfants",
                "tenir un tableau de bord partagé",
            ],
            "maraudes, hébergement, familles à la rue",
            TargetPublic.HOMELESS,
        ),
        (
            "Accompagnement des familles hébergées à l'hôtel",
            "Une équipe mobile accompagne les familles hébergées à l'hôtel : scolarisation, santé, accès aux droits "
            "et recherche de logement.",
            [
                "recenser les familles hébergées",
                "désigner un référent par famille",
                "proposer une sortie vers le logement",
            ],
            "hébergement, hôtel, familles",
            TargetPublic.FAMILIES,
        ),
        (
            "Logement d'abord pour les personnes sans domicile",
            "Un accès direct au logement ordinaire, sans condition préalable, avec un accompagnement intensif au "
            "domicile.",
            [
                "capter des logements dans le parc privé",
                "constituer une équipe pluridisciplinaire",
                "évaluer le maintien dans le logement",
            ],
            "logement d'abord, logement, sans domicile",
            TargetPublic.HOMELESS,
        ),
        (
            "Prévention des expulsions locatives",
            "Une commission réunit bailleurs, CAF et services sociaux dès le premier impayé pour éviter l'expulsion.",
            [
                "signaler les impayés dès le deuxième mois",
                "proposer un plan d'apurement",
                "mobiliser le fonds de solidarité logement",
            ],
            "logement, expulsions, impayés",
            TargetPublic.FAMILIES,
        ),
    ],
    5: [
        (
            "Épicerie solidaire itinérante",
            "Un camion d'épicerie solidaire passe chaque semaine dans les villages sans commerce et propose des "
            "produits frais à petit prix.",
            [
                "aménager un camion frigorifique",
                "établir la tournée avec les mairies",
                "orienter les clients vers les services sociaux",
            ],
            "alimentation, épicerie solidaire, mobilité, rural",
            TargetPublic.FAMILIES,
        ),
        (
            "Petits-déjeuners à l'école",
            "Des petits-déjeuners gratuits servis dans les écoles des territoires prioritaires, avec un temps "
            "d'éducation à l'alimentation.",
            [
                "choisir les écoles avec l'Éducation nationale",
                "organiser l'approvisionnement local",
                "associer les parents",
            ],
            "alimentation, école, enfants",
            TargetPublic.CHILDREN,
        ),
        (
            "Jardins partagés et cuisine collective",
            "Des habitants cultivent ensemble des légumes et les cuisinent lors d'ateliers collectifs.",
            ["obtenir une parcelle", "animer des ateliers de cuisine", "partager les récoltes"],
            "alimentation, jardins partagés, lien social",
            TargetPublic.EVERYONE,
        ),
        (
            "Cantine à un euro",
            "Une tarification sociale de la restauration scolaire permet aux enfants des familles modestes de manger "
            "à la cantine pour un euro ou moins.",
            ["adopter une grille tarifaire à trois tranches", "simplifier l'inscription", "suivre la fréquentation"],
            "alimentation, cantine, tarification sociale",
            TargetPublic.CHILDREN,
        ),
    ],
    6: [
        (
            "Bilans de santé en PMI pour les enfants de trois à quatre ans",
            "La PMI réalise des bilans de santé à l'école maternelle et oriente les familles vers les soins.",
            ["planifier les bilans avec les écoles", "informer les parents", "suivre les orientations"],
            "santé, PMI, prévention",
            TargetPublic.CHILDREN,
        ),
        (
            "Centre de santé participatif",
            "Un centre de santé de quartier où les habitants participent à la gouvernance, avec médiation en santé "
            "et consultations sans avance de frais.",
            ["réunir une équipe salariée", "installer un comité d'habitants", "proposer le tiers payant intégral"],
            "santé, participation, accès aux soins",
            TargetPublic.EVERYONE,
        ),
        (
            "Médiateurs en santé pour les personnes éloignées des soins",
            "Des médiateurs en santé accompagnent les personnes vers l'ouverture de droits et les rendez-vous "
            "médicaux.",
            [
                "recruter des médiateurs issus des quartiers",
                "travailler avec la CPAM",
                "accompagner physiquement aux rendez-vous",
            ],
            "santé, médiation, accès aux droits",
            TargetPublic.EVERYONE,
        ),
    ],
    7: [
        (
            "Dédoublement des classes et accueil des parents",
            "En plus du dédoublement des classes, un espace parents ouvert à l'école renforce le lien entre les "
            "familles et l'équipe éducative.",
            ["ouvrir un espace parents", "proposer des cafés-rencontres", "traduire les documents de l'école"],
            "école, réussite scolaire, parents",
            TargetPublic.CHILDREN,
        ),
        (
            "Accompagnement à la scolarité des enfants hébergés",
            "Des bénévoles et des étudiants accompagnent les devoirs des enfants hébergés en centre ou à l'hôtel.",
            ["recruter des bénévoles", "trouver des lieux calmes", "faire le lien avec les enseignants"],
            "réussite scolaire, hébergement, bénévolat",
            TargetPublic.CHILDREN,
        ),
        (
            "Infirmière scolaire dans les collèges prioritaires",
            "Une présence renforcée de la santé scolaire pour repérer tôt les difficultés des élèves.",
            ["assurer une présence à temps plein", "organiser les dépistages", "orienter vers les soins"],
            "santé scolaire, collège",
            TargetPublic.CHILDREN,
        ),
    ],
    8: [
        (
            "Repérage des jeunes ni en emploi, ni en études, ni en formation",
            "Les missions locales, les clubs de prévention et les établissements scolaires partagent leurs "
            "informations pour aller vers les jeunes décrocheurs.",
            [
                "croiser les listes de décrocheurs",
                "organiser des maraudes jeunes",
                "proposer une solution sous un mois",
            ],
            "jeunes, décrochage, obligation de formation",
            TargetPublic.YOUNG_ADULTS,
        ),
        (
            "Point accueil écoute jeunes mobile",
            "Un point accueil écoute jeunes se déplace dans les communes rurales pour écouter les jeunes et leurs "
            "parents.",
            ["définir les lieux de permanence", "former les écoutants", "travailler avec les lycées"],
            "jeunes, PAEJ, écoute, rural",
            TargetPublic.YOUNG_ADULTS,
        ),
        (
            "PACEA renforcé avec allocation",
            "Le parcours contractualisé d'accompagnement vers l'emploi et l'autonomie est proposé à tous les jeunes "
            "repérés, avec une allocation pendant les périodes sans ressource.",
            ["signer le contrat d'engagement", "proposer des immersions en entreprise", "verser l'allocation"],
            "jeunes, PACEA, autonomie",
            TargetPublic.YOUNG_ADULTS,
        ),
    ],
    9: [
        (
            "Aucune sortie sèche de l'aide sociale à l'enfance",
            "Chaque jeune de l'ASE construit dès 17 ans un projet de sortie avec un référent, un logement et des "
            "ressources.",
            [
                "organiser un entretien à 17 ans",
                "garantir un logement ou un hébergement",
                "maintenir un lien après 21 ans",
            ],
            "ASE, jeunes majeurs, logement",
            TargetPublic.YOUNG_ADULTS,
        ),
        (
            "Parrainage des jeunes sortants de l'ASE",
            "Des parrains et marraines bénévoles accompagnent les jeunes qui quittent l'aide sociale à l'enfance.",
            ["recruter et former les parrains", "organiser les rencontres", "suivre les parrainages"],
            "ASE, parrainage, jeunes",
            TargetPublic.YOUNG_ADULTS,
        ),
        (
            "Colocations solidaires pour les jeunes majeurs",
            "Des colocations accompagnées permettent aux jeunes sortants de l'ASE d'accéder à un premier logement.",
            ["capter des grands logements", "constituer des colocations", "proposer un bail glissant"],
            "ASE, colocation, logement",
            TargetPublic.YOUNG_ADULTS,
        ),
    ],
    10: [
        (
            "Orientation des nouveaux allocataires du RSA en moins d'un mois",
            "Un rendez-vous d'orientation collectif puis individuel dès l'ouverture du droit au RSA, pour démarrer "
            "l'accompagnement sans délai.",
            [
                "recevoir les flux de la CAF chaque semaine",
                "organiser des journées d'orientation",
                "signer le contrat d'engagement réciproque",
            ],
            "RSA, orientation, insertion",
            TargetPublic.BENEFICIARIES,
        ),
        (
            "Plateforme mobilité pour l'insertion",
            "Location de scooters, garage solidaire et aide au permis de conduire pour lever le frein de la mobilité.",
            ["ouvrir un garage solidaire", "louer des deux-roues à petit prix", "financer le permis"],
            "mobilité, insertion, permis de conduire",
            TargetPublic.JOBSEEKERS,
        ),
        (
            "Référent de parcours unique",
            "Un seul référent coordonne l'ensemble des intervenants autour d'une personne en difficulté.",
            ["désigner le référent avec la personne", "partager un dossier unique", "réunir les intervenants"],
            "parcours, coordination, insertion",
            TargetPublic.BENEFICIARIES,
        ),
    ],
    11: [
        (
            "Garantie d'activité départementale",
            "Un accompagnement global, social et professionnel, pour les allocataires du RSA les plus éloignés de "
            "l'emploi.",
            [
                "associer le département et France Travail",
                "proposer des mises en situation",
                "suivre les sorties vers l'emploi",
            ],
            "garantie d'activité, RSA, emploi",
            TargetPublic.BENEFICIARIES,
        ),
        (
            "Atelier chantier d'insertion en maraîchage biologique",
            "Des salariés en insertion produisent des légumes bio vendus en paniers et à la restauration collective.",
            ["obtenir le conventionnement IAE", "équiper l'exploitation", "vendre aux cantines"],
            "insertion par l'activité économique, maraîchage, alimentation",
            TargetPublic.JOBSEEKERS,
        ),
        (
            "Territoire zéro chômeur de longue durée",
            "Une entreprise à but d'emploi embauche en CDI les chômeurs de longue durée volontaires pour des "
            "activités utiles au territoire.",
            [
                "recenser les personnes volontaires",
                "identifier les travaux utiles",
                "créer l'entreprise à but d'emploi",
            ],
            "emploi, chômage de longue durée, expérimentation",
            TargetPublic.JOBSEEKERS,
        ),
    ],
    12: [
        (
            "Bus de l'accès aux droits",
            "Un bus aménagé va vers les habitants des communes isolées pour les aider dans leurs démarches : CAF, "
            "CPAM, impôts, retraite.",
            ["aménager un bus avec connexion", "former des agents polyvalents", "publier la tournée"],
            "accès aux droits, aller-vers, numérique, rural",
            TargetPublic.EVERYONE,
        ),
        (
            "Premier accueil social inconditionnel de proximité",
            "Toute personne est reçue, écoutée et orientée en moins de trente minutes de chez elle, quelle que soit "
            "sa demande.",
            ["cartographier les lieux d'accueil", "signer une charte commune", "former les accueillants"],
            "accueil social, accès aux droits",
            TargetPublic.EVERYONE,
        ),
        (
            "Rendez-vous des droits et data mining contre le non-recours",
            "Le croisement des fichiers de la CAF repère les personnes qui ont probablement droit à une prestation "
            "et ne la demandent pas.",
            [
                "croiser les données dans le respect du RGPD",
                "contacter les personnes repérées",
                "mesurer les droits ouverts",
            ],
            "non-recours, data mining, accès aux droits",
            TargetPublic.EVERYONE,
        ),
        (
            "Aidants numériques dans les accueils sociaux",
            "Des aidants numériques accompagnent les démarches en ligne et forment les personnes à l'usage du "
            "numérique.",
            ["former les aidants", "équiper les accueils", "proposer des ateliers collectifs"],
            "numérique, inclusion numérique, accès aux droits",
            TargetPublic.EVERYONE,
        ),
    ],
    13: [
        (
            "Formation au développement du pouvoir d'agir",
            "Une formation des travailleurs sociaux à l'approche centrée sur le pouvoir d'agir des personnes "
            "accompagnées.",
            [
                "co-construire le programme avec des personnes concernées",
                "former 50 professionnels par an",
                "analyser les pratiques",
            ],
            "formation, travail social, pouvoir d'agir",
            TargetPublic.PROFESSIONALS,
        ),
        (
            "Formations croisées travailleurs sociaux et personnes concernées",
            "Des personnes en situation de pauvreté et des professionnels se forment ensemble pour mieux se "
            "comprendre.",
            ["constituer des groupes mixtes", "préparer les personnes concernées", "rémunérer leur participation"],
            "formation, croisement des savoirs, travail social",
            TargetPublic.PROFESSIONALS,
        ),
    ],
    14: [
        (
            "Comité de personnes concernées auprès du commissaire",
            "Un comité de personnes en situation de pauvreté donne son avis sur chaque action de la feuille de route "
            "régionale.",
            ["recruter les membres avec les associations", "défrayer et accompagner", "rendre compte des avis suivis"],
            "participation, personnes concernées, gouvernance",
            TargetPublic.EVERYONE,
        ),
        (
            "Pair-aidance dans les accueils de jour",
            "Des travailleurs pairs, anciens usagers, accueillent et accompagnent les personnes à la rue.",
            ["recruter des travailleurs pairs", "former et superviser", "adapter les fiches de poste"],
            "pair-aidance, participation, hébergement",
            TargetPublic.HOMELESS,
        ),
        (
            "Conseil de vie sociale élargi",
            "Les résidents des centres d'hébergement participent aux décisions sur la vie de l'établissement.",
            ["élire les représentants", "ouvrir le conseil aux partenaires", "publier les décisions"],
            "participation, hébergement, citoyenneté",
            TargetPublic.HOMELESS,
        ),
    ],
    15: [
        (
            "Club d'entreprises inclusives",
            "Des entreprises du territoire s'engagent à recruter des personnes éloignées de l'emploi et à proposer "
            "des stages de découverte.",
            ["réunir les dirigeants", "signer une charte d'engagement", "organiser des job datings"],
            "entreprises, recrutement inclusif, emploi",
            TargetPublic.JOBSEEKERS,
        ),
        (
            "Parrainage de demandeurs d'emploi par des salariés",
            "Des salariés bénévoles parrainent des demandeurs d'emploi pendant six mois : réseau, entretiens, codes "
            "de l'entreprise.",
            ["recruter des parrains en entreprise", "former les binômes", "suivre les sorties vers l'emploi"],
            "entreprises, parrainage, emploi",
            TargetPublic.JOBSEEKERS,
        ),
        (
            "Mécénat de compétences pour les associations de solidarité",
            "Des salariés mettent leurs compétences au service des associations pendant leur temps de travail.",
            ["identifier les besoins des associations", "proposer des missions courtes", "valoriser l'engagement"],
            "entreprises, mécénat, associations",
            TargetPublic.PROFESSIONALS,
        ),
    ],
}

# Variants that make each idea a practice of its territory.
VARIANTS = [
    "",
    " en milieu rural",
    " dans les quartiers prioritaires",
    " à l'échelle du département",
    " avec les personnes concernées",
    " en lien avec les entreprises locales",
    " pour les familles monoparentales",
    " en partenariat avec la CAF",
]
SECOND_WORKSTREAMS = {1: 3, 2: 1, 3: 1, 4: 12, 5: 11, 6: 12, 7: 5, 8: 10, 9: 4, 10: 11, 11: 15, 12: 14, 13: 14, 14: 13}
RESULTS = [
    "{n} personnes accompagnées la première année ; {p} % disent que leur situation s'est améliorée.",
    "{n} familles touchées en {y}. Une évaluation par l'université est en cours.",
    "Sur {n} personnes suivies, {p} % ont trouvé une solution durable au bout de six mois.",
    "{n} bénéficiaires par an. Le taux de non-recours a baissé de {p} points sur le territoire.",
]
FUNDERS = [
    "le Fonds de lutte contre la pauvreté (contractualisation État-département)",
    "la caisse d'allocations familiales",
    "le conseil départemental et l'État",
    "le Fonds social européen",
    "des fondations d'entreprises",
    "l'agence régionale de santé",
]
STATUS_WEIGHTS = [
    (GoodPractice.Status.PUBLISHED, 82),
    (GoodPractice.Status.SUBMITTED, 8),
    (GoodPractice.Status.DRAFT, 5),
    (GoodPractice.Status.CHANGES_REQUESTED, 3),
    (GoodPractice.Status.REJECTED, 2),
]
MODERATION_COMMENTS = {
    GoodPractice.Status.CHANGES_REQUESTED: "Pouvez-vous préciser le coût annuel et les résultats obtenus ?",
    GoodPractice.Status.REJECTED: "Il s'agit d'un projet qui n'a pas encore démarré : proposez-le quand il sera à "
    "l'œuvre.",
}


def _description(ctx, idea_title, steps, region, department):
    place = department.name if department else region.name
    lines = [
        f"### {_('Le constat')}",
        "",
        ctx.rng.choice(
            [
                f"Sur notre territoire ({place}), les acteurs ont constaté que les personnes les plus fragiles "
                "ne poussaient pas la porte des dispositifs existants.",
                f"Le diagnostic partagé du territoire ({place}) a montré des ruptures de parcours "
                "et un fort non-recours.",
                f"Ici ({place}), les professionnels manquaient d'un lieu pour coordonner leurs interventions.",
            ]
        ),
        "",
        f"### {_('Ce que nous faisons')}",
        "",
        *[f"- {step[0].upper()}{step[1:]} ;" for step in steps],
        "",
        f"La démarche « {idea_title.lower()} » a été construite **avec les personnes concernées** et peut être "
        "reprise ailleurs sans moyens importants.",
    ]
    return "\n".join(lines)


def create_practices(ctx, count=None):
    """count practices spread over every chantier and region, then their adoptions. Returns the practices."""
    if count is None:
        count = NATIONAL_PRACTICE_COUNT if ctx.scale == "national" else PRACTICE_COUNT
    workstreams = {workstream.number: workstream for workstream in Workstream.objects.all()}
    regions = list(Region.objects.order_by("code"))
    departments = {}
    for department in Department.objects.order_by("code"):
        departments.setdefault(department.region_id, []).append(department)
    organisations = {}
    for organisation in Organisation.objects.select_related("category").order_by("pk"):
        organisations.setdefault(organisation.region_id, []).append(organisation)
    authors = {}
    for user_id, region_id in User.objects.filter(region__isnull=False).order_by("pk").values_list("pk", "region_id"):
        authors.setdefault(region_id, []).append(user_id)
    demo_member = User.objects.filter(email=f"membre@{DEMO_EMAIL_DOMAIN}").first()
    demo_statuses = [
        GoodPractice.Status.SUBMITTED,
        GoodPractice.Status.CHANGES_REQUESTED,
        GoodPractice.Status.DRAFT,
        GoodPractice.Status.SUBMITTED,
    ]
    anyone = [user_id for region_authors in authors.values() for user_id in region_authors[:5]]
    if not anyone:
        return []
    ideas = [(number, idea) for number in sorted(IDEAS) for idea in IDEAS[number]]
    statuses, weights = zip(*STATUS_WEIGHTS, strict=True)
    now = timezone.now()
    first_day = date(2019, 1, 15)

    practices, workstream_links = [], []
    for index in ctx.progress(range(count), desc=_("Bonnes pratiques")):
        number, (idea_title, summary, steps, tags, public) = ideas[index % len(ideas)]
        region = regions[index % len(regions)] if index < len(regions) * 2 else ctx.rng.choice(regions)
        region_departments = departments.get(region.pk, [])
        department = ctx.rng.choice(region_departments) if region_departments and ctx.rng.random() < 0.7 else None
        region_organisations = organisations.get(region.pk) or [None]
        lead = ctx.rng.choice(region_organisations)
        if lead is None:
            continue
        variant = VARIANTS[(index // len(ideas)) % len(VARIANTS)]
        if variant and variant.split()[-1] in idea_title.lower():
            variant = ""  # "Comité de personnes concernées avec les personnes concernées"
        status = ctx.rng.choices(statuses, weights)[0]
        created = now - timedelta(days=ctx.rng.randrange(30, 2200))
        start = first_day - timedelta(days=ctx.rng.randrange(0, 1500))
        author_id = ctx.rng.choice(authors.get(region.pk) or anyone)
        if demo_member and region.pk == demo_member.region_id:
            # The demo member's first practices show every step of moderation to the demo accounts.
            if demo_statuses:
                author_id, status = demo_member.pk, demo_statuses.pop(0)
            elif ctx.rng.random() < 0.15:
                author_id = demo_member.pk
        contact = ctx.faker.name()
        practices.append(
            GoodPractice(
                title=f"{idea_title}{variant}",
                summary=summary,
                description=_description(ctx, idea_title, steps, region, department),
                region=region,
                department=department,
                lead_organisation=lead,
                lead_organisation_name=lead.name,
                actor_category=lead.category,
                partners="\n".join(
                    other.name
                    for other in ctx.rng.sample(region_organisations, min(2, len(region_organisations)))
                    if other != lead
                ),
                target_public=public,
                start_date=start,
                results=ctx.rng.choice(RESULTS).format(
                    n=ctx.rng.randrange(20, 900), p=ctx.rng.randrange(20, 80), y=start.year + 1
                ),
                cost_and_funding=_("%(cost)s € par an, financés par %(funder)s.")
                % {
                    "cost": f"{ctx.rng.randrange(5, 250) * 1000:,}".replace(",", " "),
                    "funder": ctx.rng.choice(FUNDERS),
                },
                contact_name=contact,
                contact_email=f"contact.pratique{index + 1}@{DEMO_EMAIL_DOMAIN}",
                contact_consent=ctx.rng.random() < 0.7,
                tags=tags,
                status=status,
                moderation_comment=MODERATION_COMMENTS.get(status, ""),
                author_id=author_id,
                created_at=created,
                published_at=created + timedelta(days=ctx.rng.randrange(2, 20))
                if status == GoodPractice.Status.PUBLISHED
                else None,
            )
        )
        numbers = [number]
        if number in SECOND_WORKSTREAMS and ctx.rng.random() < 0.4:
            numbers.append(SECOND_WORKSTREAMS[number])
        workstream_links.append([workstreams[n].pk for n in numbers if n in workstreams])
    for practice in practices:
        practice.compute_keywords()
    GoodPractice.objects.bulk_create(practices, batch_size=500)
    # bulk_create stamps updated_at with now: date the practices as they would be.
    GoodPractice.objects.filter(pk__in=[practice.pk for practice in practices]).update(
        updated_at=Coalesce("published_at", "created_at")
    )
    through = GoodPractice.workstreams.through
    through.objects.bulk_create(
        [
            through(goodpractice_id=practice.pk, workstream_id=workstream_id)
            for practice, workstream_ids in zip(practices, workstream_links, strict=True)
            for workstream_id in workstream_ids
        ],
        batch_size=2000,
    )
    create_adoptions(ctx, practices, organisations)
    return practices


def create_adoptions(ctx, practices, organisations):
    """A few practices spread widely, most a little, many not at all (a long tail)."""
    all_organisations = [organisation for group in organisations.values() for organisation in group]
    published = [practice for practice in practices if practice.status == GoodPractice.Status.PUBLISHED]
    national_counts = None
    if ctx.scale == "national":
        # The same long tail, scaled so that the adoptions add up to NATIONAL_ADOPTION_COUNT.
        weights = {index: min(ctx.rng.paretovariate(1.4), 40) for index in range(len(published))}
        national_counts = apportion(NATIONAL_ADOPTION_COUNT, weights)
    adoptions = []
    for index, practice in enumerate(published):
        if national_counts is None:
            count = min(int(ctx.rng.paretovariate(1.4)) - 1, 40)
        else:
            count = min(national_counts[index], len(all_organisations) // 2)
        if count <= 0:
            continue
        candidates = ctx.rng.sample(all_organisations, min(count * 2, len(all_organisations)))
        chosen = [organisation for organisation in candidates if organisation.pk != practice.lead_organisation_id]
        for organisation in chosen[:count]:
            status = ctx.rng.choices(list(Adoption.Status), [5, 3, 2])[0]
            adoptions.append(
                Adoption(
                    practice=practice,
                    organisation=organisation,
                    status=status,
                    notes=ctx.rng.choice(
                        [
                            "",
                            "Adaptée à un territoire plus rural.",
                            "Premiers contacts pris avec l'équipe d'origine.",
                            "Financement obtenu pour deux ans.",
                            "Reprise avec un partenaire associatif local.",
                        ]
                    ),
                    created_at=practice.published_at + timedelta(days=ctx.rng.randrange(10, 400)),
                )
            )
    Adoption.objects.bulk_create(adoptions, batch_size=2000)
    return adoptions
