"""Import and export of roadmap actions and indicator values (CSV or XLSX).

Everything is checked before anything is written; a file with one faulty row writes nothing. Rows are matched on
a stable key (the action's external id, the indicator value's indicator × maille × zone × date), so importing the
same file twice changes nothing the second time.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from jalons.territories.models import Department, Region

from . import tabular
from .models import NATIONAL_ZONE, ActionChange, Indicator, IndicatorValue, Maille, RoadmapAction
from .tabular import RowError, TableError

# --- roadmap actions ---------------------------------------------------------------------------------------------

ACTION_COLUMNS = [
    "identifiant",
    "region",
    "chantier",
    "intitule",
    "description",
    "structure_pilote",
    "partenaires",
    "responsable",
    "debut",
    "echeance",
    "statut",
    "avancement",
]
STATUS_BY_LABEL = {str(label).lower(): value for value, label in RoadmapAction.Status.choices}
STATUS_BY_LABEL.update({value: value for value in RoadmapAction.Status.values})


def _status(value):
    if not value:
        return RoadmapAction.Status.TO_START
    status = STATUS_BY_LABEL.get(value.lower())
    if status is None:
        labels = ", ".join(f"« {label} »" for label in RoadmapAction.Status.labels)
        raise ValueError(_("« %(value)s » : valeurs admises %(labels)s") % {"value": value, "labels": labels})
    return status


def _progress(value):
    if not value:
        return 0
    try:
        number = int(value)
    except ValueError:
        raise ValueError(_("« %(value)s » n'est pas un nombre entier") % {"value": value}) from None
    if not 0 <= number <= 100:
        raise ValueError(_("%(value)s est hors de l'intervalle 0 à 100") % {"value": number})
    return number


def _integer(value):
    try:
        return int(value)
    except ValueError:
        raise ValueError(_("« %(value)s » n'est pas un numéro de chantier") % {"value": value}) from None


def _region_code(value):
    return value.zfill(2) if value.isdigit() else value


def _column_order(columns, error):
    return columns.index(error.column) if error.column in columns else -1


def check_action_rows(table, roadmap):
    """Convert and check every row of an action file; return [(row, values)] or raise TableError."""
    converters = {
        "identifiant": tabular.required_text(64),
        "region": lambda value: _region_code(tabular.required_text(3)(value)),
        "chantier": _integer,
        "intitule": tabular.required_text(300),
        "description": tabular.optional_text(),
        "structure_pilote": tabular.optional_text(200),
        "partenaires": tabular.optional_text(),
        "responsable": tabular.optional_text(200),
        "debut": tabular.optional_date,
        "echeance": tabular.optional_date,
        "statut": _status,
        "avancement": _progress,
    }
    rows, errors = tabular.convert_rows(table, converters)
    known_regions = set(Region.objects.values_list("code", flat=True))
    workstreams = {workstream.number: workstream for workstream in roadmap.strategy.workstreams.all()}
    seen = {}
    checked = []
    for number, values, converted in rows:
        row_errors = []
        code = values["region"]
        if code is None:
            pass
        elif code not in known_regions:
            row_errors.append(
                RowError(number, "region", _("code de région COG « %(code)s » inconnu") % {"code": code})
            )
        elif code != roadmap.region.code:
            row_errors.append(
                RowError(
                    number,
                    "region",
                    _("la région %(code)s n'est pas celle de cette feuille de route (%(expected)s)")
                    % {"code": code, "expected": roadmap.region.code},
                )
            )
        if values["chantier"] is not None and values["chantier"] not in workstreams:
            row_errors.append(
                RowError(number, "chantier", _("chantier n°%(number)s inconnu") % {"number": values["chantier"]})
            )
        if values["debut"] and values["echeance"] and values["echeance"] < values["debut"]:
            row_errors.append(RowError(number, "echeance", _("l'échéance précède le début")))
        key = values["identifiant"]
        if key is None:
            pass
        elif key in seen:
            row_errors.append(
                RowError(
                    number,
                    "identifiant",
                    _("doublon de la ligne %(row)s (identifiant « %(key)s »)") % {"row": seen[key], "key": key},
                )
            )
        else:
            seen[key] = number
        if row_errors or not converted:
            errors.extend(row_errors)
        else:
            values["workstream"] = workstreams[values["chantier"]]
            checked.append((number, values))
    if errors:
        raise TableError(sorted(errors, key=lambda error: (error.row, _column_order(ACTION_COLUMNS, error))))
    return checked


def import_actions(uploaded, roadmap, author):
    """Import a file of actions into roadmap. Returns {"created": n, "updated": n, "unchanged": n}."""
    rows = check_action_rows(tabular.read_table(uploaded, ACTION_COLUMNS), roadmap)
    existing = {
        action.external_id: action
        for action in roadmap.actions.select_related("workstream").prefetch_related("milestones")
    }
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    with transaction.atomic():
        for _number, values in rows:
            action = existing.get(values["identifiant"])
            before = action.display_values() if action else None
            if action is None:
                action = RoadmapAction(roadmap=roadmap, external_id=values["identifiant"])
            action.workstream = values["workstream"]
            action.title = values["intitule"]
            action.description = values["description"]
            action.lead_organisation = values["structure_pilote"]
            action.partners = values["partenaires"]
            action.owner = values["responsable"]
            action.start_on = values["debut"]
            action.due_on = values["echeance"]
            action.status = values["statut"]
            action.progress = values["avancement"]
            change = action.save_with_history(author, before, source=ActionChange.Source.IMPORT)
            if before is None:
                counts["created"] += 1
            elif change is None:
                counts["unchanged"] += 1
            else:
                counts["updated"] += 1
    return counts


def action_rows(actions, typed=False):
    """Rows of an action export; typed keeps dates and numbers as such (XLSX)."""
    for action in actions:
        yield [
            action.external_id,
            action.roadmap.region.code,
            action.workstream.number if typed else str(action.workstream.number),
            action.title,
            action.description,
            action.lead_organisation,
            action.partners,
            action.owner,
            action.start_on if typed else (action.start_on.isoformat() if action.start_on else ""),
            action.due_on if typed else (action.due_on.isoformat() if action.due_on else ""),
            str(action.get_status_display()),
            action.progress if typed else str(action.progress),
        ]


def action_template_rows(region_code="53"):
    return [
        [
            "FDR-2019-001",
            region_code,
            "14",
            "Installer un comité régional des personnes concernées",
            "Réunir chaque trimestre des personnes concernées pour suivre la feuille de route.",
            "Commissariat à la lutte contre la pauvreté",
            "Associations de solidarité ; conseil départemental",
            "Nom Prénom",
            "2019-09-01",
            "2020-06-30",
            "En cours",
            "40",
        ]
    ]


# --- indicator values (government results-barometer layout) --------------------------------------------------------

INDICATOR_COLUMNS = [
    "indic_id",
    "code_zone",
    "date",
    "maille",
    "valeur_initiale",
    "valeur_actuelle",
    "valeur_cible",
    "date_cible",
]


def _maille(value):
    if value.upper() not in Maille.values:
        raise ValueError(_("« %(value)s » : NAT, REG ou DEPT attendu") % {"value": value})
    return value.upper()


def known_zones():
    zones = {(Maille.NATIONAL, NATIONAL_ZONE)}
    zones.update((Maille.REGION, code) for code in Region.objects.values_list("code", flat=True))
    zones.update((Maille.DEPARTMENT, code) for code in Department.objects.values_list("code", flat=True))
    return zones


def check_indicator_rows(table):
    converters = {
        "indic_id": tabular.required_text(50),
        "code_zone": lambda value: _region_code(tabular.required_text(3)(value).upper()),
        "date": tabular.required_date,
        "maille": _maille,
        "valeur_initiale": tabular.optional_decimal,
        "valeur_actuelle": tabular.required_decimal,
        "valeur_cible": tabular.optional_decimal,
        "date_cible": tabular.optional_date,
    }
    rows, errors = tabular.convert_rows(table, converters)
    indicators = {indicator.code: indicator for indicator in Indicator.objects.all()}
    zones = known_zones()
    seen, checked = {}, []
    for number, values, converted in rows:
        row_errors = []
        indicator = indicators.get(values["indic_id"])
        if indicator is None and values["indic_id"] is not None:
            row_errors.append(
                RowError(number, "indic_id", _("indicateur « %(code)s » inconnu") % {"code": values["indic_id"]})
            )
        zone = (values["maille"], values["code_zone"])
        if None not in zone and zone not in zones:
            row_errors.append(
                RowError(
                    number,
                    "code_zone",
                    _("code COG « %(code)s » inconnu pour la maille %(maille)s")
                    % {"code": values["code_zone"], "maille": values["maille"]},
                )
            )
        if indicator is not None and indicator.unit.strip() == "%":
            for column in ("valeur_initiale", "valeur_actuelle", "valeur_cible"):
                value = values[column]
                if value is not None and not 0 <= value <= 100:
                    row_errors.append(
                        RowError(
                            number,
                            column,
                            _("%(value)s est hors de l'intervalle 0 à 100 (pourcentage)")
                            % {"value": tabular.format_decimal(value)},
                        )
                    )
        key = (values["indic_id"], values["maille"], values["code_zone"], values["date"])
        if None in key:
            pass
        elif key in seen:
            row_errors.append(RowError(number, "", _("doublon de la ligne %(row)s") % {"row": seen[key]}))
        else:
            seen[key] = number
        if row_errors or not converted:
            errors.extend(row_errors)
        else:
            values["indicator"] = indicator
            checked.append((number, values))
    if errors:
        raise TableError(sorted(errors, key=lambda error: (error.row, _column_order(INDICATOR_COLUMNS, error))))
    return checked


def import_indicator_values(uploaded):
    rows = check_indicator_rows(tabular.read_table(uploaded, INDICATOR_COLUMNS))
    indicator_ids = {values["indicator"].pk for _number, values in rows}
    existing = {
        (value.indicator_id, value.maille, value.zone_code, value.date): value
        for value in IndicatorValue.objects.filter(indicator_id__in=indicator_ids)
    }
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    fields = ["initial_value", "value", "target_value", "target_date"]
    to_create, to_update = [], []
    for _number, values in rows:
        new = {
            "initial_value": values["valeur_initiale"],
            "value": values["valeur_actuelle"],
            "target_value": values["valeur_cible"],
            "target_date": values["date_cible"],
        }
        key = (values["indicator"].pk, values["maille"], values["code_zone"], values["date"])
        current = existing.get(key)
        if current is None:
            to_create.append(
                IndicatorValue(
                    indicator=values["indicator"],
                    maille=values["maille"],
                    zone_code=values["code_zone"],
                    date=values["date"],
                    **new,
                )
            )
        elif any(getattr(current, name) != value for name, value in new.items()):
            for name, value in new.items():
                setattr(current, name, value)
            to_update.append(current)
        else:
            counts["unchanged"] += 1
    with transaction.atomic():
        IndicatorValue.objects.bulk_create(to_create, batch_size=1000)
        IndicatorValue.objects.bulk_update(to_update, fields, batch_size=1000)
    counts["created"], counts["updated"] = len(to_create), len(to_update)
    return counts


def indicator_rows(values, typed=False):
    for value in values:
        decimals = [value.initial_value, value.value, value.target_value]
        if typed:
            cells = [float(number) if number is not None else None for number in decimals]
        else:
            cells = [tabular.format_decimal(number) for number in decimals]
        yield [
            value.indicator.code,
            value.zone_code,
            value.date if typed else value.date.isoformat(),
            value.maille,
            *cells,
            value.target_date if typed else (value.target_date.isoformat() if value.target_date else ""),
        ]
