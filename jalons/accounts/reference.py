from pathlib import Path

from jalons.core.datafiles import check_unique, integer, read_csv, sync, text

from .models import ActorCategory

DATA_DIR = Path(__file__).parent / "data"


def read(data_dir=None):
    data_dir = data_dir or DATA_DIR
    path = data_dir / "actor_categories.csv"
    categories = read_csv(path, {"slug": text, "name": text, "order": integer})
    check_unique(path, categories, "slug")
    return {"categories": categories}


def load(data, outcomes):
    for _line, row in data["categories"]:
        slug = row.pop("slug")
        _instance, outcome = sync(ActorCategory, {"slug": slug}, row)
        outcomes[outcome] += 1
