from pathlib import Path

from django.utils.translation import gettext as _

from jalons.core.datafiles import DataFileError, check_unique, read_csv, sync, text, yes_no

from .models import Department, Region

DATA_DIR = Path(__file__).parent / "data"


def read(data_dir=None):
    data_dir = data_dir or DATA_DIR
    regions_path, departments_path = data_dir / "regions.csv", data_dir / "departements.csv"
    regions = read_csv(regions_path, {"code": text, "name": text, "slug": text, "is_overseas": yes_no})
    check_unique(regions_path, regions, "code")
    departments = read_csv(departments_path, {"code": text, "name": text, "region_code": text})
    check_unique(departments_path, departments, "code")
    region_codes = {row["code"] for _line, row in regions}
    for line, row in departments:
        if row["region_code"] not in region_codes:
            raise DataFileError(
                departments_path, line, _("region_code : région « %(code)s » inconnue") % {"code": row["region_code"]}
            )
    return {"regions": regions, "departments": departments}


def load(data, outcomes):
    regions = {}
    for _line, row in data["regions"]:
        code = row.pop("code")
        regions[code], outcome = sync(Region, {"code": code}, row)
        outcomes[outcome] += 1
    for _line, row in data["departments"]:
        values = {"name": row["name"], "region": regions[row["region_code"]]}
        _instance, outcome = sync(Department, {"code": row["code"]}, values)
        outcomes[outcome] += 1
