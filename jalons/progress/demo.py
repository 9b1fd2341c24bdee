"""Demo data of the progress app: roadmaps in every workflow state, the 2019 checkpoint campaign, strengths and
constraints (some escalated to the national team and answered), indicator series 2019–2022.

Everything is written with bulk_create; the random source is the seeded ctx.rng.
"""

import datetime
from decimal import Decimal
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jalons.accounts.models import RegionRole, User
from jalons.conferences.models import Conference
from jalons.core.datafiles import DataFileError, check_unique, integer, read_csv, text
from jalons.core.demo import bulk_create_in_chunks
from jalons.strategy.models import Membership, Strategy
from jalons.territories.models import Department, Region

from .models import (
    NATIONAL_ZONE,
    ActionChange,
    Checkpoint,
    CheckpointCampaign,
    Constraint,
    ConstraintTopic,
    Indicator,
    IndicatorValue,
    Maille,
    Roadmap,
    RoadmapAction,
    RoadmapTransition,
    Strength,
)

DATA_DIR = Path(__file__).parent / "data"
PERIOD = "2019-2020"
DEMO_REGION_CODE = "53"
# National scale (bench/): every chantier of the 18 roadmaps carries about 74 actions (20,000 in all), and
# indicators are measured every month 2019–2022 in every zone (35 indicators × 120 zones × 48 = 200,000 values).
NATIONAL_ACTIONS = range(61, 90)
NATIONAL_INDICATORS = 35

# Every workflow state appears; the demo region (Bretagne) was sent back and awaits a new submission.
STATES = [
    Roadmap.Status.DRAFT,
    Roadmap.Status.SUBMITTED,
    Roadmap.Status.VALIDATED,
    Roadmap.Status.RETURNED,
    Roadmap.Status.FINALISED,
]
STEPS = {
    Roadmap.Status.DRAFT: [],
    Roadmap.Status.SUBMITTED: ["submit"],
    Roadmap.Status.RETURNED: ["submit", "return"],
    Roadmap.Status.VALIDATED: ["submit", "return", "submit", "validate"],
    Roadmap.Status.FINALISED: ["submit", "validate", "finalise"],
}
COMMENTS = {
    "submit": [
        gettext_lazy("Version issue du comité de pilotage régional."),
        gettext_lazy("Version complétée après la conférence régionale."),
    ],
    "return": [
        gettext_lazy("Merci de préciser les échéances et les structures pilotes des chantiers 9 et 10."),
        gettext_lazy("Plusieurs actions n'ont pas de responsable : pouvez-vous compléter ?"),
    ],
    "validate": [gettext_lazy("Feuille de route validée par la délégation nationale.")],
    "finalise": [gettext_lazy("Feuille de route finalisée lors de la conférence régionale.")],
}
ACTION_VERBS = [
    gettext_lazy("Déployer"),
    gettext_lazy("Expérimenter"),
    gettext_lazy("Généraliser"),
    gettext_lazy("Structurer"),
    gettext_lazy("Évaluer"),
]
ACTION_OBJECTS = {
    1: [
        gettext_lazy("les crèches à vocation d'insertion professionnelle"),
        gettext_lazy("un bonus mixité dans les crèches"),
    ],
    2: [
        gettext_lazy("la formation des professionnels de la petite enfance au langage"),
        gettext_lazy("un plan régional de formation"),
    ],
    3: [
        gettext_lazy("des centres sociaux dans les quartiers prioritaires"),
        gettext_lazy("les lieux d'accueil enfants-parents"),
    ],
    4: [
        gettext_lazy("les maraudes mixtes État–départements"),
        gettext_lazy("l'accompagnement des familles hébergées à l'hôtel"),
    ],
    5: [gettext_lazy("les petits déjeuners à l'école"), gettext_lazy("la tarification sociale des cantines")],
    6: [gettext_lazy("les centres de santé dans les territoires fragiles"), gettext_lazy("les consultations de PMI")],
    7: [
        gettext_lazy("les territoires à haute qualité éducative"),
        gettext_lazy("la santé scolaire en éducation prioritaire"),
    ],
    8: [gettext_lazy("l'obligation de formation des 16-18 ans"), gettext_lazy("les points accueil écoute jeunes")],
    9: [
        gettext_lazy("l'accompagnement des jeunes sortant de l'ASE"),
        gettext_lazy("un référent de parcours pour chaque jeune majeur"),
    ],
    10: [
        gettext_lazy("l'orientation des allocataires du RSA en un mois"),
        gettext_lazy("la garantie d'activité départementale"),
    ],
    11: [
        gettext_lazy("l'insertion par l'activité économique"),
        gettext_lazy("l'essaimage des territoires zéro chômeur"),
    ],
    12: [gettext_lazy("le premier accueil social inconditionnel"), gettext_lazy("le référent de parcours")],
    13: [
        gettext_lazy("la formation continue des travailleurs sociaux"),
        gettext_lazy("la participation des personnes aux formations"),
    ],
    14: [
        gettext_lazy("un comité régional des personnes concernées"),
        gettext_lazy("la rémunération de la participation"),
    ],
    15: [gettext_lazy("un club régional des entreprises engagées"), gettext_lazy("le mécénat de compétences")],
}
PARTNERS = [
    gettext_lazy("Conseils départementaux"),
    gettext_lazy("CAF"),
    gettext_lazy("Pôle emploi"),
    gettext_lazy("ARS"),
    gettext_lazy("Rectorat"),
    gettext_lazy("Associations de solidarité"),
    gettext_lazy("Missions locales"),
]
NARRATIVES = {
    Checkpoint.Status.ON_TRACK: gettext_lazy(
        "Le groupe se réunit régulièrement et les premières actions sont lancées."
    ),
    Checkpoint.Status.WATCH: gettext_lazy(
        "Le chantier avance, mais les partenaires financeurs ne sont pas encore tous réunis."
    ),
    Checkpoint.Status.IN_DIFFICULTY: gettext_lazy(
        "Le chantier peine à démarrer : pilotes à désigner, moyens à trouver."
    ),
}
DESCRIPTIONS = [
    gettext_lazy("Action suivie en comité de pilotage du chantier ; point d'avancement à chaque réunion du groupe."),
    gettext_lazy("Déploiement progressif, d'abord dans deux départements pilotes, puis dans toute la région."),
    gettext_lazy("Financée par la contractualisation État–départements ; un bilan est prévu à mi-parcours."),
    gettext_lazy("Construite avec les personnes concernées du groupe de travail, qui participent à son évaluation."),
]
NEXT_STEPS = [
    gettext_lazy("Prochaine étape : associer les missions locales."),
    gettext_lazy("Prochaine étape : un bilan partagé avec les départements à l'automne."),
    gettext_lazy("Prochaine étape : élargir le groupe aux entreprises du territoire."),
]
ACHIEVEMENTS = [
    gettext_lazy("Groupe de travail installé, feuille de route du chantier rédigée."),
    gettext_lazy("Deux expérimentations lancées, une journée régionale d'échanges organisée."),
    gettext_lazy("Diagnostic territorial partagé avec les départements."),
]
STRENGTHS = [
    gettext_lazy("Une forte mobilisation des associations"),
    gettext_lazy("Des élus départementaux engagés"),
    gettext_lazy("Un réseau de travailleurs sociaux déjà structuré"),
    gettext_lazy("La participation active des personnes concernées"),
]
LOCAL_CONSTRAINTS = [
    gettext_lazy("Locaux de réunion difficiles d'accès en transports"),
    gettext_lazy("Disponibilité réduite des professionnels l'été"),
]
# Constraints that only a national decision can lift, raised by several regions, grouped and answered.
NATIONAL_TOPICS = [
    (
        gettext_lazy("Échange de données entre les CAF et les départements"),
        gettext_lazy("Les données des CAF ne sont pas transmises aux départements"),
        gettext_lazy("Une convention nationale CNAF–départements encadre désormais l'échange des données."),
        Constraint.Status.LIFTED,
    ),
    (
        gettext_lazy("Financement des déplacements des personnes concernées"),
        gettext_lazy("Les frais de déplacement des personnes concernées ne sont pas pris en charge"),
        gettext_lazy("Une enveloppe nationale est à l'étude ; réponse attendue à l'automne."),
        Constraint.Status.IN_PROGRESS,
    ),
]


def _direction(value):
    if value not in Indicator.Direction.values:
        raise ValueError(_("« %(value)s » : up ou down attendu") % {"value": value})
    return value


def read(data_dir=DATA_DIR):
    path = data_dir / "demo_indicators.csv"
    rows = read_csv(
        path,
        {
            "code": text,
            "name": text,
            "unit": text,
            "workstream": integer,
            "direction": _direction,
            "level": text,
            "initial": integer,
            "target": integer,
            "source": text,
            "description": text,
        },
    )
    check_unique(path, rows, "code")
    for line, row in rows:
        if row["level"] not in Maille.values:
            raise DataFileError(path, line, _("level : NAT, REG ou DEPT attendu"))
    return rows


def create_progress(ctx):
    indicators = read()
    strategy = Strategy.objects.order_by("-announced_on").first()
    workstreams = list(strategy.workstreams.order_by("number"))
    regions = list(Region.objects.order_by("code"))
    national = User.objects.filter(is_national_coordinator=True, is_active=True).order_by("pk").first()
    commissioners = dict(RegionRole.objects.order_by("pk").values_list("region_id", "user_id"))
    animators = {}
    for region_id, workstream_id, user_id in (
        Membership.objects.animators()
        .order_by("pk")
        .values_list("group__region_id", "group__workstream_id", "user_id")
    ):
        animators.setdefault((region_id, workstream_id), user_id)
    _create_roadmaps(ctx, strategy, workstreams, regions, national, commissioners, animators)
    checkpoints = _create_checkpoints(ctx, strategy, workstreams, animators)
    _create_strengths_and_constraints(ctx, checkpoints, regions, workstreams, national)
    _create_indicators(ctx, indicators, workstreams, regions)


def _create_roadmaps(ctx, strategy, workstreams, regions, national, commissioners, animators):
    now = timezone.now()
    roadmaps = []
    for index, region in enumerate(regions):
        status = Roadmap.Status.RETURNED if region.code == DEMO_REGION_CODE else STATES[index % len(STATES)]
        roadmaps.append(Roadmap(strategy=strategy, region=region, period=PERIOD, status=status))
    Roadmap.objects.bulk_create(roadmaps)
    roadmaps = list(Roadmap.objects.filter(strategy=strategy, period=PERIOD).select_related("region"))
    transitions = []
    for roadmap in roadmaps:
        status = Roadmap.Status.DRAFT
        for step, name in enumerate(STEPS[roadmap.status]):
            _sources, target = Roadmap.TRANSITIONS[name]
            regional = name in {"submit", "finalise"}
            transitions.append(
                RoadmapTransition(
                    roadmap=roadmap,
                    transition=name,
                    from_status=status,
                    to_status=target,
                    author_id=commissioners.get(roadmap.region_id) if regional else getattr(national, "pk", None),
                    comment=ctx.rng.choice(COMMENTS[name]),
                    created_at=now - datetime.timedelta(days=40 - 8 * step),
                )
            )
            status = target
    RoadmapTransition.objects.bulk_create(transitions)
    actions = []
    today = timezone.localdate()
    national = ctx.scale == "national"
    for roadmap in ctx.progress(roadmaps, desc=_("Feuilles de route")):
        if national:
            chosen = workstreams
        else:
            chosen = ctx.rng.sample(workstreams, 7)
            if all(workstream.number != 14 for workstream in chosen):
                chosen.append(next(workstream for workstream in workstreams if workstream.number == 14))
        for workstream in chosen:
            count = ctx.rng.choice(NATIONAL_ACTIONS) if national else ctx.rng.choice([1, 2, 2, 3])
            for objects_index in range(count):
                start = datetime.date(2019, ctx.rng.randint(1, 12), 1)
                due = start + datetime.timedelta(days=ctx.rng.choice([180, 270, 365, 540]))
                status = ctx.rng.choices(
                    RoadmapAction.Status.values, weights=[3, 6, 3, 1] if due > today else [1, 4, 8, 1]
                )[0]
                progress = {"to_start": 0, "in_progress": ctx.rng.randrange(10, 95, 5), "done": 100}.get(
                    status, ctx.rng.randrange(0, 50, 10)
                )
                objects = ACTION_OBJECTS[workstream.number]
                actions.append(
                    RoadmapAction(
                        roadmap=roadmap,
                        workstream=workstream,
                        external_id=f"FDR-{roadmap.region.code}-{workstream.number:02d}-{objects_index + 1}",
                        title=f"{ctx.rng.choice(ACTION_VERBS)} {objects[objects_index % len(objects)]}",
                        description=str(ctx.rng.choice(DESCRIPTIONS)),
                        lead_organisation=str(ctx.rng.choice(PARTNERS)),
                        partners=", ".join(str(partner) for partner in ctx.rng.sample(PARTNERS, 2)),
                        owner=ctx.faker.name(),
                        start_on=start,
                        due_on=due,
                        status=status,
                        progress=progress,
                    )
                )
    RoadmapAction.objects.bulk_create(actions, batch_size=1000)
    bulk_create_in_chunks(ActionChange, _action_changes(roadmaps, animators, now))


def _action_changes(roadmaps, animators, now):
    """The history of every action: created 60 days ago, its status changed 20 days ago when it has started."""
    actions = (
        RoadmapAction.objects.filter(roadmap__in=roadmaps)
        .select_related("roadmap", "workstream")
        .prefetch_related("milestones")
        .order_by("pk")
    )
    for action in actions.iterator(chunk_size=2000):
        author = animators.get((action.roadmap.region_id, action.workstream_id))
        created = [[name, "", value] for name, value in action.display_values().items() if value]
        yield (
            ActionChange(
                action=action,
                author_id=author,
                kind=ActionChange.Kind.CREATED,
                changes=created,
                created_at=now - datetime.timedelta(days=60),
            )
        )
        if action.status != RoadmapAction.Status.TO_START:
            yield ActionChange(
                action=action,
                author_id=author,
                kind=ActionChange.Kind.UPDATED,
                changes=[["status", str(RoadmapAction.Status.TO_START.label), action.get_status_display()]],
                created_at=now - datetime.timedelta(days=20),
            )


def _create_checkpoints(ctx, strategy, workstreams, animators):
    """The 2019 campaign: every chantier of every region with a conference of the second cycle took stock."""
    conferences = list(Conference.objects.filter(cycle__strategy=strategy, cycle__number=2).select_related("region"))
    if not conferences:
        return []
    cycle = conferences[0].cycle
    campaign = CheckpointCampaign.objects.create(
        title=gettext_lazy("Points d'étape du second cycle de conférences (2019)"),
        cycle=cycle,
        due_on=cycle.starts_on - datetime.timedelta(days=7),
        opened_at=timezone.make_aware(datetime.datetime.combine(cycle.starts_on, datetime.time(9)))
        - datetime.timedelta(days=45),
        closed_at=timezone.make_aware(datetime.datetime.combine(cycle.ends_on, datetime.time(18))),
    )
    checkpoints = []
    for conference in conferences:
        for workstream in workstreams:
            status = ctx.rng.choices(Checkpoint.Status.values, weights=[5, 3, 1])[0]
            checkpoints.append(
                Checkpoint(
                    region=conference.region,
                    workstream=workstream,
                    date=conference.date - datetime.timedelta(days=7),
                    conference=conference,
                    campaign=campaign,
                    status=status,
                    narrative=f"{NARRATIVES[status]} {ctx.rng.choice(NEXT_STEPS)}",
                    achievements=str(ctx.rng.choice(ACHIEVEMENTS)),
                    key_figures="\n".join(
                        [
                            _("%(count)s membres dans le groupe de travail") % {"count": ctx.rng.randint(12, 60)},
                            _("%(count)s réunions depuis novembre 2018") % {"count": ctx.rng.randint(2, 9)},
                        ]
                    ),
                    author_id=animators.get((conference.region_id, workstream.pk)),
                )
            )
    Checkpoint.objects.bulk_create(checkpoints, batch_size=1000)
    return list(Checkpoint.objects.filter(conference__in=conferences).order_by("pk"))


def _create_strengths_and_constraints(ctx, checkpoints, regions, workstreams, national):
    now = timezone.now()
    strengths, constraints = [], []
    for checkpoint in checkpoints:
        if ctx.rng.random() < 0.4:
            strengths.append(
                Strength(
                    region_id=checkpoint.region_id,
                    workstream_id=checkpoint.workstream_id,
                    checkpoint=checkpoint,
                    title=ctx.rng.choice(STRENGTHS),
                    author_id=checkpoint.author_id,
                )
            )
        if checkpoint.status != Checkpoint.Status.ON_TRACK:
            level = ctx.rng.choice([Constraint.Level.LOCAL, Constraint.Level.REGIONAL])
            constraints.append(
                Constraint(
                    region_id=checkpoint.region_id,
                    workstream_id=checkpoint.workstream_id,
                    checkpoint=checkpoint,
                    title=ctx.rng.choice(LOCAL_CONSTRAINTS),
                    level=level,
                    status=ctx.rng.choice([Constraint.Status.OPEN, Constraint.Status.IN_PROGRESS]),
                    author_id=checkpoint.author_id,
                )
            )
    workstream_by_number = {workstream.number: workstream for workstream in workstreams}
    for index, (topic_title, title, answer, status) in enumerate(NATIONAL_TOPICS):
        topic = ConstraintTopic.objects.create(title=topic_title, assignee=national)
        workstream = workstream_by_number[12 if index == 0 else 14]
        for region in ctx.rng.sample(regions, 5):
            constraints.append(
                Constraint(
                    region=region,
                    workstream=workstream,
                    title=title,
                    level=Constraint.Level.NATIONAL,
                    status=status,
                    topic=topic,
                    assignee=national,
                    answer=answer,
                    answered_by=national,
                    answered_at=now - datetime.timedelta(days=10),
                    escalated_at=now - datetime.timedelta(days=30),
                    lifted_at=now - datetime.timedelta(days=10) if status == Constraint.Status.LIFTED else None,
                )
            )
    # Freshly escalated constraints, waiting on the national board to be grouped.
    for region in ctx.rng.sample(regions, 4):
        constraints.append(
            Constraint(
                region=region,
                workstream=workstream_by_number[9],
                title=_("Pas de solution de logement pour les jeunes majeurs à la sortie de l'ASE"),
                level=Constraint.Level.NATIONAL,
                status=Constraint.Status.ESCALATED,
                escalated_at=now - datetime.timedelta(days=3),
            )
        )
    Strength.objects.bulk_create(strengths, batch_size=1000)
    Constraint.objects.bulk_create(constraints, batch_size=1000)


def _national_rows(rows, workstreams):
    """Indicators added at national scale: one per chantier and kind, shaped like the real ones."""
    kinds = [
        (_("Part des personnes accompagnées"), "%", "up", 30, 80),
        (_("Délai moyen d'accès à l'accompagnement"), _("jours"), "down", 60, 20),
        (_("Nombre de structures engagées"), _("structures"), "up", 10, 60),
    ]
    extra = []
    for index in range(NATIONAL_INDICATORS - len(rows)):
        workstream = workstreams[index % len(workstreams)]
        name, unit, direction, initial, target = kinds[(index // len(workstreams)) % len(kinds)]
        extra.append(
            (
                0,
                {
                    "code": f"BENCH-{workstream.number:02d}-{index // len(workstreams) + 1}",
                    "name": f"{name} ({_('chantier')} {workstream.number})",
                    "unit": unit,
                    "workstream": workstream.number,
                    "direction": direction,
                    "level": Maille.DEPARTMENT,
                    "initial": initial,
                    "target": target,
                    "source": _("Données générées pour les mesures à l'échelle nationale"),
                    "description": "",
                },
            )
        )
    return rows + extra


def _create_indicators(ctx, rows, workstreams, regions):
    national = ctx.scale == "national"
    if national:
        rows = _national_rows(rows, workstreams)
        dates = [datetime.date(year, month, 28) for year in range(2019, 2023) for month in range(1, 13)]
    else:
        dates = [datetime.date(year, 12, 31) for year in range(2019, 2023)]
    workstream_by_number = {workstream.number: workstream for workstream in workstreams}
    departments = list(Department.objects.order_by("code"))
    zones = [(Maille.NATIONAL, NATIONAL_ZONE)]
    zones += [(Maille.REGION, region.code) for region in regions]
    zones += [(Maille.DEPARTMENT, department.code) for department in departments]
    indicators = Indicator.objects.bulk_create(
        [
            Indicator(
                code=row["code"],
                name=row["name"],
                unit=row["unit"],
                workstream=workstream_by_number.get(row["workstream"]),
                direction=row["direction"],
                level=row["level"],
                source=row["source"],
                description=row["description"],
            )
            for _line, row in rows
        ]
    )
    step_scale = Decimal(10 * (len(dates) // 4))
    target_date = datetime.date(2022, 12, 31)

    def values():
        for indicator, (_line, row) in zip(indicators, rows, strict=True):
            target = Decimal(row["target"])
            for maille, code in zones:
                initial = Decimal(max(5, row["initial"] + ctx.rng.randint(-15, 15)))
                current = initial
                for date in dates:
                    yield IndicatorValue(
                        indicator=indicator,
                        maille=maille,
                        zone_code=code,
                        date=date,
                        value=current,
                        initial_value=initial,
                        target_value=target,
                        target_date=target_date,
                    )
                    step = Decimal(ctx.rng.randint(20, 140)) / step_scale
                    current = min(target, current + step) if target >= initial else max(target, current - step)

    bulk_create_in_chunks(IndicatorValue, values())
