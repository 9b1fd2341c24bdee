"""Demo data: the 12 conferences of the 2019 cycle run end to end — agenda, workshops, registrations, waiting
lists and attendance. Venues, addresses and capacities are demo values (the seed gives only dates and cities).
"""

import datetime
import math
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _

from jalons.accounts.models import User
from jalons.core.datafiles import DataFileError, check_unique, integer, read_csv, text
from jalons.core.demo import DEMO_EMAIL_DOMAIN
from jalons.strategy.models import Membership, Workstream
from jalons.territories.models import Region

from .models import (
    AgendaItem,
    Conference,
    ConferenceCycle,
    ConferenceInvitation,
    InvitationRun,
    Objective,
    Registration,
    Workshop,
    new_token,
)

DATA_DIR = Path(__file__).parent / "data"
CYCLE_NUMBER = 2
REGISTERING_SHARE = 0.7  # of the region's people
CAPACITY_SHARE = 0.85  # of the people who want to come: the rest wait
CANCELLED_SHARE = 0.04
ATTENDANCE_SHARE = 0.86
SECRETARY_OF_STATE_CLOSINGS = 6  # "qui clôturera certaines conférences"
ACCESSIBILITY_NEEDS = ["Accès en fauteuil roulant", "Boucle magnétique", "Interprète en langue des signes"]
DIETARY_NEEDS = ["Végétarien", "Sans porc", "Sans gluten", "Allergie aux fruits à coque", "Halal"]

# National scale (bench/): two more cycles in every region, and rooms large enough for the people who come,
# for about 100,000 registrations in all. The first cycle did start on 19 November 2018; the rest is invented.
NATIONAL_CYCLES = [
    (1, "Premier cycle de conférences régionales (2018-2019)", datetime.date(2018, 11, 19)),
    (3, "Troisième cycle de conférences régionales (données de démonstration)", datetime.date(2020, 1, 13)),
]
NATIONAL_REGISTERING_SHARE = 0.62
PREFECTURES = {
    "01": "Basse-Terre", "02": "Fort-de-France", "03": "Cayenne", "04": "Saint-Denis", "06": "Mamoudzou",
    "11": "Paris", "24": "Orléans", "27": "Dijon", "28": "Rouen", "32": "Lille", "44": "Strasbourg", "52": "Nantes",
    "53": "Rennes", "75": "Bordeaux", "76": "Toulouse", "84": "Lyon", "93": "Marseille", "94": "Ajaccio",
}  # fmt: skip


def _time(value):
    try:
        return datetime.time.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(_("« %(value)s » n'est pas une heure HH:MM") % {"value": value}) from None


def read(data_dir=DATA_DIR):
    path = data_dir / "demo_venues.csv"
    rows = read_csv(
        path,
        {"region": text, "start_time": _time, "end_time": _time, "capacity": integer, "address": text, "access": text},
    )
    check_unique(path, rows, "region")
    for line, row in rows:
        if row["end_time"] <= row["start_time"]:
            raise DataFileError(path, line, _("end_time : l'heure de fin précède l'heure de début"))
    return {row["region"]: row for _line, row in rows}


def _paris(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _agenda(conference, objectives, closing_by_secretary):
    """The four objectives (agenda items 1–4 from the reference data) get times; the day around them."""
    timed = {1: (10, 0), 2: (11, 0), 3: (14, 0), 4: (15, 45)}
    speakers = {
        1: "Olivier Noblecourt, délégué interministériel à la prévention et à la lutte contre la pauvreté",
        2: "Les animateurs et animatrices des groupes de travail",
        3: "Ateliers par chantier",
        4: "Table ronde des acteurs du territoire",
    }
    items = []
    for objective in objectives:
        hour, minute = timed.get(objective.order, (16, 0))
        items.append(
            AgendaItem(
                conference=conference,
                order=objective.order,
                objective=objective,
                title=objective.title,
                start_time=datetime.time(hour, minute),
                speakers=speakers.get(objective.order, ""),
            )
        )
    start = conference.start_time
    items += [
        AgendaItem(conference=conference, order=10, start_time=start, title="Accueil des participants"),
        AgendaItem(
            conference=conference,
            order=11,
            start_time=datetime.time(start.hour, start.minute + 30) if start.minute < 30 else datetime.time(9, 45),
            title="Ouverture",
            speakers="Le préfet de région et le commissaire à la lutte contre la pauvreté",
        ),
        AgendaItem(conference=conference, order=12, start_time=datetime.time(12, 30), title="Déjeuner"),
        AgendaItem(
            conference=conference,
            order=13,
            start_time=datetime.time(16, 15),
            title="Clôture",
            speakers="Clôture par la secrétaire d'État, Christelle Dubos"
            if closing_by_secretary
            else "Clôture par le commissaire à la lutte contre la pauvreté",
        ),
    ]
    return items


def create_national_cycles(strategy_id, objectives):
    """The extra cycles of the national scale, one conference per region every other working day."""
    regions = list(Region.objects.order_by("code"))
    conferences = []
    for number, name, starts_on in NATIONAL_CYCLES:
        days = [starts_on + datetime.timedelta(days=2 * index) for index in range(len(regions))]
        cycle = ConferenceCycle.objects.create(
            strategy_id=strategy_id, number=number, name=name, starts_on=days[0], ends_on=days[-1]
        )
        Objective.objects.bulk_create(
            Objective(cycle=cycle, order=objective.order, title=objective.title) for objective in objectives
        )
        conferences += [
            Conference(cycle=cycle, region=region, date=day, city=PREFECTURES.get(region.code, region.name))
            for region, day in zip(regions, days, strict=True)
        ]
    Conference.objects.bulk_create(conferences)


def create_conferences(ctx):
    """Times, venues, capacities, agenda, workshops (one per chantier), registrations and attendance."""
    venues = read()
    reference = Conference.objects.filter(cycle__number=CYCLE_NUMBER).select_related("cycle").first()
    if reference is None:
        return
    national = ctx.scale == "national"
    reference_objectives = list(reference.cycle.objectives.order_by("order"))
    if national:
        create_national_cycles(reference.cycle.strategy_id, reference_objectives)
    conferences = list(
        Conference.objects.filter(cycle__number__in=[CYCLE_NUMBER, *(n for n, _name, _d in NATIONAL_CYCLES)])
        .select_related("cycle", "region")
        .order_by("date")
    )
    strategy_id = conferences[0].cycle.strategy_id
    workstreams = list(Workstream.objects.filter(strategy_id=strategy_id).order_by("number"))
    objectives_by_cycle = {}
    for objective in Objective.objects.filter(cycle__conferences__in=conferences).distinct().order_by("order"):
        objectives_by_cycle.setdefault(objective.cycle_id, []).append(objective)
    people_by_region = {}
    for person in (
        User.objects.filter(region__isnull=False, is_active=True)
        .order_by("pk")
        .only("pk", "region_id", "email", "managed_by_id", "is_demo")
    ):
        people_by_region.setdefault(person.region_id, []).append(person)
    chantiers_by_person = {}
    for user_id, number in Membership.objects.active().values_list("user_id", "group__workstream__number"):
        chantiers_by_person.setdefault(user_id, []).append(number)
    second_cycle = [conference.pk for conference in conferences if conference.cycle.number == CYCLE_NUMBER]
    closers = set(ctx.rng.sample(second_cycle, min(SECRETARY_OF_STATE_CLOSINGS, len(second_cycle))))

    AgendaItem.objects.filter(conference__in=conferences).delete()  # the objectives' items come back timed
    agenda, workshops, registrations = [], [], []
    for conference in ctx.progress(conferences, desc=_("Conférences")):
        venue = venues.get(conference.region.code)
        people = list(people_by_region.get(conference.region_id, []))
        wanting = round(len(people) * (NATIONAL_REGISTERING_SHARE if national else REGISTERING_SHARE))
        base_capacity = wanting if national else (venue["capacity"] if venue else 250)
        conference.capacity = max(5, min(base_capacity, round(wanting * CAPACITY_SHARE)))
        if venue:
            conference.start_time, conference.end_time = venue["start_time"], venue["end_time"]
            conference.address, conference.access_information = venue["address"], venue["access"]
        conference.registration_opens_at = _paris(conference.cycle.starts_on - datetime.timedelta(days=30), 9)
        conference.registration_closes_at = _paris(conference.date - datetime.timedelta(days=2), 12)
        conference.status = Conference.Status.HELD
        conference.question = "Quelle bonne pratique de votre territoire souhaitez-vous faire connaître ?"
        conference.survey_url = f"https://questionnaire.{DEMO_EMAIL_DOMAIN}/conference-{conference.region.slug}"
        agenda += _agenda(conference, objectives_by_cycle.get(conference.cycle_id, []), conference.pk in closers)
        per_workshop = math.ceil(conference.capacity / len(workstreams) * 1.3) if workstreams else 0
        conference_workshops = {
            workstream.number: Workshop(
                conference=conference,
                workstream=workstream,
                title=f"Atelier {workstream.number} — {workstream.title}",
                start_time=datetime.time(14, 0),
                end_time=datetime.time(15, 30),
                room=f"Salle {workstream.number}",
                capacity=per_workshop,
            )
            for workstream in workstreams
        }
        workshops += conference_workshops.values()
        # The demo accounts of the region come first (they are in the list), then the others at random.
        ctx.rng.shuffle(people)
        people.sort(key=lambda person: not person.is_demo)
        # The room fills, with a waiting list of about a sixth: a large region does not queue thousands.
        registering = min(wanting, round(conference.capacity / CAPACITY_SHARE))
        registrations.append((conference, conference_workshops, people[:registering]))
    Conference.objects.bulk_update(
        conferences,
        [
            "capacity",
            "start_time",
            "end_time",
            "address",
            "access_information",
            "registration_opens_at",
            "registration_closes_at",
            "status",
            "question",
            "survey_url",
        ],
    )
    AgendaItem.objects.bulk_create(agenda, batch_size=500)
    Workshop.objects.bulk_create(workshops, batch_size=500)
    rows = []
    for conference, conference_workshops, registrants in registrations:
        rows += _registrations(ctx, conference, conference_workshops, registrants, chantiers_by_person)
    Registration.objects.bulk_create(rows, batch_size=2000)
    _invitations(
        [conference for conference in conferences if conference.cycle.number == CYCLE_NUMBER], people_by_region
    )


def _invitations(conferences, people_by_region):
    """Every member of the region's groups was invited, a day before registration opened."""
    member_ids = set(Membership.objects.active().values_list("user_id", flat=True))
    runs, invited = [], []
    for conference in conferences:
        people = [
            person
            for person in people_by_region.get(conference.region_id, [])
            if person.email and person.pk in member_ids
        ]
        sent_at = conference.registration_opens_at - datetime.timedelta(days=1)
        run = InvitationRun(
            conference=conference,
            kind=InvitationRun.Kind.MEMBERS,
            status=InvitationRun.Status.DONE,
            total=len(people),
            done=len(people),
            created_at=sent_at,
            finished_at=sent_at,
        )
        runs.append(run)
        invited.append((run, people))
    InvitationRun.objects.bulk_create(runs)
    ConferenceInvitation.objects.bulk_create(
        [
            ConferenceInvitation(
                conference=run.conference,
                run=run,
                email=person.email.lower(),
                user_id=person.pk,
                sent_at=run.created_at,
            )
            for run, people in invited
            for person in people
        ],
        batch_size=2000,
    )


def _registrations(ctx, conference, workshops, registrants, chantiers_by_person):
    opens, closes = conference.registration_opens_at, conference.registration_closes_at
    span = (closes - opens).total_seconds()
    moments = sorted(opens + datetime.timedelta(seconds=ctx.rng.random() * span) for _person in registrants)
    confirmed = position = 0
    seats = dict.fromkeys(workshops, 0)
    workshop_position = 0
    rows = []
    for person, moment in zip(registrants, moments, strict=True):
        registration = Registration(
            conference=conference,
            user_id=person.pk,
            created_at=moment,
            consent_at=moment,
            token=new_token(),
            registered_by_id=person.managed_by_id,
        )
        if not person.is_demo and ctx.rng.random() < CANCELLED_SHARE:
            registration.status = Registration.Status.CANCELLED
            registration.cancelled_at = moment + datetime.timedelta(days=ctx.rng.randint(1, 10))
        elif confirmed < conference.capacity:
            registration.status = Registration.Status.CONFIRMED
            confirmed += 1
        else:
            position += 1
            registration.status, registration.position = Registration.Status.WAITING, position
        if registration.status != Registration.Status.CANCELLED and workshops and ctx.rng.random() < 0.9:
            number = ctx.rng.choice(chantiers_by_person.get(person.pk) or list(workshops))
            registration.workshop = workshops[number]
            if registration.status == Registration.Status.CONFIRMED and seats[number] < workshops[number].capacity:
                seats[number] += 1
                registration.workshop_status = Registration.WorkshopStatus.CONFIRMED
            else:
                workshop_position += 1
                registration.workshop_status = Registration.WorkshopStatus.WAITING
                registration.workshop_position = workshop_position
        if ctx.rng.random() < 0.06:
            registration.accessibility_needs = ctx.rng.choice(ACCESSIBILITY_NEEDS)
        if ctx.rng.random() < 0.15:
            registration.dietary_needs = ctx.rng.choice(DIETARY_NEEDS)
        if ctx.rng.random() < 0.2:
            registration.answer = ctx.faker.sentence(nb_words=10)
        if registration.status == Registration.Status.CONFIRMED and (
            person.is_demo or ctx.rng.random() < ATTENDANCE_SHARE
        ):
            arrival = _paris(conference.date, conference.start_time.hour, conference.start_time.minute)
            registration.checked_in_at = arrival + datetime.timedelta(minutes=ctx.rng.randint(-20, 75))
            registration.survey_sent_at = _paris(conference.date + datetime.timedelta(days=2), 10)
        rows.append(registration)
    return rows
