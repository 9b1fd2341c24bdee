from pathlib import Path

from django.utils.translation import gettext as _

from jalons.core.datafiles import DataFileError, check_unique, integer, iso_date, optional_text, read_csv, sync, text
from jalons.territories.models import Region

from .models import Strategy, WorkingGroup, Workstream

DATA_DIR = Path(__file__).parent / "data"


def read(data_dir=None):
    data_dir = data_dir or DATA_DIR
    strategies_path, workstreams_path = data_dir / "strategies.csv", data_dir / "workstreams.csv"
    strategies = read_csv(
        strategies_path,
        {
            "slug": text,
            "name": text,
            "short_name": text,
            "announced_on": iso_date,
            "announced_by": optional_text,
            "description": optional_text,
            "lead_name": optional_text,
            "lead_title": optional_text,
            "minister_name": optional_text,
            "minister_title": optional_text,
        },
    )
    check_unique(strategies_path, strategies, "slug")
    workstreams = read_csv(workstreams_path, {"strategy": text, "number": integer, "title": text})
    check_unique(workstreams_path, workstreams, "strategy", "number")
    slugs = {row["slug"] for _line, row in strategies}
    for line, row in workstreams:
        if row["strategy"] not in slugs:
            raise DataFileError(
                workstreams_path, line, _("strategy : stratégie « %(slug)s » inconnue") % {"slug": row["strategy"]}
            )
    return {"strategies": strategies, "workstreams": workstreams}


def load(data, outcomes):
    strategies = {}
    for _line, row in data["strategies"]:
        slug = row.pop("slug")
        strategies[slug], outcome = sync(Strategy, {"slug": slug}, row)
        outcomes[outcome] += 1
    for _line, row in data["workstreams"]:
        lookup = {"strategy": strategies[row["strategy"]], "number": row["number"]}
        _instance, outcome = sync(Workstream, lookup, {"title": row["title"]})
        outcomes[outcome] += 1
    # One working group per region and chantier.
    existing = set(WorkingGroup.objects.values_list("region_id", "workstream_id"))
    missing = [
        WorkingGroup(region=region, workstream=workstream)
        for region in Region.objects.all()
        for workstream in Workstream.objects.all()
        if (region.pk, workstream.pk) not in existing
    ]
    WorkingGroup.objects.bulk_create(missing)
    outcomes["created"] += len(missing)
