from pathlib import Path

from django.utils.translation import gettext as _

from jalons.core.datafiles import DataFileError, check_unique, integer, iso_date, optional_text, read_csv, sync, text
from jalons.strategy.models import Strategy
from jalons.territories.models import Region

from .models import AgendaItem, Conference, ConferenceCycle, Objective

DATA_DIR = Path(__file__).parent / "data"


def read(data_dir=None, known_strategies=(), known_regions=()):
    data_dir = data_dir or DATA_DIR
    cycles_path = data_dir / "cycles.csv"
    objectives_path = data_dir / "objectives.csv"
    conferences_path = data_dir / "conferences.csv"
    cycles = read_csv(
        cycles_path, {"strategy": text, "number": integer, "name": text, "starts_on": iso_date, "ends_on": iso_date}
    )
    check_unique(cycles_path, cycles, "strategy", "number")
    objectives = read_csv(objectives_path, {"strategy": text, "cycle": integer, "order": integer, "title": text})
    check_unique(objectives_path, objectives, "strategy", "cycle", "order")
    conferences = read_csv(
        conferences_path,
        {"strategy": text, "cycle": integer, "date": iso_date, "region": text, "city": text, "venue": optional_text},
    )
    check_unique(conferences_path, conferences, "strategy", "cycle", "region")
    cycle_keys = {}
    for line, row in cycles:
        if row["strategy"] not in known_strategies:
            raise DataFileError(
                cycles_path, line, _("strategy : stratégie « %(slug)s » inconnue") % {"slug": row["strategy"]}
            )
        if row["ends_on"] < row["starts_on"]:
            raise DataFileError(cycles_path, line, _("ends_on : la fin précède le début"))
        cycle_keys[(row["strategy"], row["number"])] = row
    for path, rows in ((objectives_path, objectives), (conferences_path, conferences)):
        for line, row in rows:
            if (row["strategy"], row["cycle"]) not in cycle_keys:
                raise DataFileError(path, line, _("cycle : cycle « %(number)s » inconnu") % {"number": row["cycle"]})
    for line, row in conferences:
        if row["region"] not in known_regions:
            raise DataFileError(
                conferences_path, line, _("region : région « %(code)s » inconnue") % {"code": row["region"]}
            )
        cycle = cycle_keys[(row["strategy"], row["cycle"])]
        if not cycle["starts_on"] <= row["date"] <= cycle["ends_on"]:
            raise DataFileError(conferences_path, line, _("date : en dehors des dates du cycle"))
    return {"cycles": cycles, "objectives": objectives, "conferences": conferences}


def load(data, outcomes):
    strategies = {strategy.slug: strategy for strategy in Strategy.objects.all()}
    regions = {region.code: region for region in Region.objects.all()}
    cycles = {}
    for _line, row in data["cycles"]:
        lookup = {"strategy": strategies[row.pop("strategy")], "number": row.pop("number")}
        cycle, outcome = sync(ConferenceCycle, lookup, row)
        cycles[(cycle.strategy.slug, cycle.number)] = cycle
        outcomes[outcome] += 1
    objectives = {}
    for _line, row in data["objectives"]:
        cycle = cycles[(row["strategy"], row["cycle"])]
        objective, outcome = sync(Objective, {"cycle": cycle, "order": row["order"]}, {"title": row["title"]})
        objectives.setdefault(cycle.pk, []).append(objective)
        outcomes[outcome] += 1
    for _line, row in data["conferences"]:
        cycle = cycles[(row["strategy"], row["cycle"])]
        values = {"date": row["date"], "city": row["city"], "venue": row["venue"]}
        conference, outcome = sync(Conference, {"cycle": cycle, "region": regions[row["region"]]}, values)
        outcomes[outcome] += 1
        # The objectives of the cycle are the conference's agenda.
        for objective in objectives.get(cycle.pk, []):
            _item, outcome = sync(
                AgendaItem,
                {"conference": conference, "order": objective.order},
                {"title": objective.title, "objective": objective},
            )
            outcomes[outcome] += 1
