"""The public catalogue: search, facets with counts, sort, and similar practices.

The number of SQL queries does not depend on the number of practices: one count, one page, one prefetch of
the chantiers, and one grouped query per facet.
"""

import math
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db import connection
from django.utils.translation import gettext_lazy as _

from jalons.strategy.models import Workstream

from .forms import SORT_CHOICES
from .models import GoodPractice, TargetPublic
from .search import search

PAGE_SIZE = 20
SIMILAR_COUNT = 3


@dataclass
class Params:
    q: str = ""
    chantier: int | None = None
    region: str = ""
    categorie: str = ""
    public: str = ""
    tri: str = ""
    page: str = "1"

    @classmethod
    def from_query(cls, data):
        chantier = data.get("chantier", "").strip()
        public = data.get("public", "")
        tri = data.get("tri", "")
        return cls(
            q=data.get("q", "")[:1000].strip(),
            chantier=int(chantier) if chantier.isdigit() and len(chantier) < 4 else None,
            region=data.get("region", "")[:3].strip(),
            categorie=data.get("categorie", "")[:50].strip(),
            public=public if public in TargetPublic.values else "",
            tri=tri if tri in dict(SORT_CHOICES) else "",
            page=data.get("page", "1")[:6],
        )


FACETS = ["chantier", "region", "categorie", "public"]


def _facet_values(params):
    """{facet: selected value}, for the facets with a selection."""
    values = {
        "chantier": params.chantier,
        "region": params.region,
        "categorie": params.categorie,
        "public": params.public,
    }
    return {name: value for name, value in values.items() if value not in (None, "")}


FACET_FILTERS = {
    "chantier": "workstreams__number",
    "region": "region__code",
    "categorie": "actor_category__slug",
    "public": "target_public",
}


@dataclass
class Facet:
    name: str
    label: str
    options: list = field(default_factory=list)  # [(value, label, count)]
    selected: str = ""
    all_label: str = ""


# Columns of the matched practices, one row per practice, read once for every facet.
_FACET_COLUMNS = {
    "id": "pk",
    "rcode": "region__code",
    "rname": "region__name",
    "cslug": "actor_category__slug",
    "cname": "actor_category__name",
    "corder": "actor_category__order",
    "tpub": "target_public",
}
# The chantiers of practices (many-to-many): t(goodpractice_id, workstream_id), and w, the chantier.
_THROUGH = GoodPractice.workstreams.through._meta.db_table
_WORKSTREAM = Workstream._meta.db_table
# facet → the condition its selected value (a query parameter) sets on a matched practice
_FACET_CONDITIONS = {
    "chantier": (
        f"m.id IN (SELECT t.goodpractice_id FROM {_THROUGH} t "  # noqa: S608 — table names from the models
        f"JOIN {_WORKSTREAM} w ON w.id = t.workstream_id WHERE w.number = %s)"
    ),
    "region": "m.rcode = %s",
    "categorie": "m.cslug = %s",
    "public": "m.tpub = %s",
}
# facet → (SELECT of value, label and order; FROM; GROUP BY)
_FACET_GROUPS = {
    "chantier": (
        "CAST(w.number AS TEXT), w.title, 0",
        f"m JOIN {_THROUGH} t ON t.goodpractice_id = m.id JOIN {_WORKSTREAM} w ON w.id = t.workstream_id",
        "w.number, w.title",
    ),
    "region": ("m.rcode, m.rname, 0", "m", "m.rcode, m.rname"),
    "categorie": ("m.cslug, m.cname, MIN(m.corder)", "m", "m.cslug, m.cname"),
    "public": ("m.tpub, m.tpub, 0", "m", "m.tpub"),
}


def _facet_counts(matched, conditions):
    """{facet: [(value, label, order, count)]} and the number of results, in ONE query whatever the data.

    The matches are read once (a common table expression, materialised by PostgreSQL because it is used
    several times): the full-text condition is evaluated once instead of once per facet and once more for
    the count. One row per practice, so that plain counts need no DISTINCT; the chantiers are joined for their
    own facet only. Each facet counts the practices that meet every selected condition but its own.
    """
    inner_sql, inner_params = matched.order_by().values_list(*_FACET_COLUMNS.values()).query.sql_with_params()
    values = dict(conditions)
    branches, params = [], []
    for name, (columns, source, group) in [*_FACET_GROUPS.items(), ("total", ("'', '', 0", "m", None))]:
        where = [_FACET_CONDITIONS[other] for other in values if other != name]
        params += [values[other] for other in values if other != name]
        condition = f" WHERE {' AND '.join(where)}" if where else ""
        grouping = f" GROUP BY {group}" if group else ""
        branches.append(f"SELECT '{name}', {columns}, COUNT(*) FROM {source}{condition}{grouping}")  # noqa: S608
    sql = f"WITH m({', '.join(_FACET_COLUMNS)}) AS ({inner_sql}) " + " UNION ALL ".join(branches)
    rows = {name: [] for name in _FACET_GROUPS}
    total = 0
    with connection.cursor() as cursor:
        cursor.execute(sql, [*inner_params, *params])
        for name, value, label, order, count in cursor.fetchall():
            if name == "total":
                total = count
            else:
                rows[name].append((value, label, order, count))
    return rows, total


def _facet_options(name, rows):
    if name == "chantier":
        # A practice without a chantier (none can be published so) would give a None row: left out.
        return sorted(
            ((value, f"{value}. {label}", count) for value, label, _order, count in rows if value is not None),
            key=lambda row: int(row[0]),
        )
    if name == "region":
        return [(value, label, count) for value, label, _order, count in sorted(rows, key=lambda row: row[1])]
    if name == "categorie":
        return [(value, label, count) for value, label, _order, count in sorted(rows, key=lambda row: row[2])]
    labels = dict(TargetPublic.choices)
    return sorted(
        ((value, labels.get(value, value), count) for value, _label, _order, count in rows), key=lambda row: row[1]
    )


FACET_ALL_LABELS = {
    "chantier": _("Tous les chantiers"),
    "region": _("Toutes les régions"),
    "categorie": _("Toutes les catégories"),
    "public": _("Tous les publics"),
}
FACET_LABELS = {
    "chantier": _("Chantier"),
    "region": _("Région"),
    "categorie": _("Catégorie d'acteur"),
    "public": _("Public visé"),
}


def catalogue(params):
    """Everything the catalogue page shows, for the given parameters."""
    published = GoodPractice.objects.published()
    matched, rank, terms = search(published, params.q)
    selection = _facet_values(params)
    counts, total = _facet_counts(matched, selection)

    facets = []
    for name in FACETS:
        selected = str(selection[name]) if name in selection else ""
        facets.append(
            Facet(name, FACET_LABELS[name], _facet_options(name, counts[name]), selected, FACET_ALL_LABELS[name])
        )

    results = matched.filter(**{FACET_FILTERS[name]: value for name, value in selection.items()})
    sort = params.tri or ("relevance" if terms else "date")
    if sort == "relevance" and not terms:
        sort = "date"
    results = results.with_spread().select_related("region", "actor_category").prefetch_related("workstreams")
    if sort == "relevance":
        results = results.annotate(rank=rank).order_by("-rank", "-published_at", "-pk")
    elif sort == "spread":
        results = results.order_by("-spread", "-published_at", "-pk")
    else:
        results = results.order_by("-published_at", "-pk")

    paginator = Paginator(results, PAGE_SIZE)
    paginator.count = total  # counted with the facets: no COUNT query of its own
    page = paginator.get_page(params.page)
    page.pages_list = list(paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))
    return {
        "page_obj": page,
        "facets": facets,
        "terms": terms,
        "sort": sort,
        "searched_nothing": bool(params.q) and not terms,
    }


def similar_practices(practice, count=SIMILAR_COUNT):
    """Published practices closest to this one: shared word stems (title, summary, tags) and shared chantiers.

    Computed locally, in two queries whatever the number of practices: the candidates' keywords, then the
    chosen ones.
    """
    own = set(practice.keywords.split())
    workstream_ids = [workstream.pk for workstream in practice.workstreams.all()]
    through = GoodPractice.workstreams.through
    candidates = {}
    rows = (
        through.objects.filter(workstream_id__in=workstream_ids, goodpractice__status=GoodPractice.Status.PUBLISHED)
        .exclude(goodpractice_id=practice.pk)
        .values_list("goodpractice_id", "goodpractice__keywords")
    )
    for practice_id, keywords in rows:
        shared_workstreams, words = candidates.get(practice_id, (0, keywords))
        candidates[practice_id] = (shared_workstreams + 1, words)
    scores = []
    for practice_id, (shared_workstreams, keywords) in candidates.items():
        other = set(keywords.split())
        overlap = len(own & other) / math.sqrt(len(own) * len(other)) if own and other else 0.0
        scores.append((overlap + 0.1 * shared_workstreams, practice_id))
    scores.sort(key=lambda item: (-item[0], -item[1]))
    chosen = [practice_id for score, practice_id in scores[:count] if score > 0]
    by_id = GoodPractice.objects.select_related("region").in_bulk(chosen)
    return [by_id[practice_id] for practice_id in chosen if practice_id in by_id]
