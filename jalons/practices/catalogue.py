"""The public catalogue: search, facets with counts, sort, and similar practices.

The number of SQL queries does not depend on the number of practices: one count, one page, one prefetch of
the chantiers, and one grouped query per facet.
"""

import math
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

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


def _facet_conditions(params):
    conditions = {}
    if params.chantier is not None:
        conditions["chantier"] = Q(workstreams__number=params.chantier)
    if params.region:
        conditions["region"] = Q(region__code=params.region)
    if params.categorie:
        conditions["categorie"] = Q(actor_category__slug=params.categorie)
    if params.public:
        conditions["public"] = Q(target_public=params.public)
    return conditions


@dataclass
class Facet:
    name: str
    label: str
    options: list = field(default_factory=list)  # [(value, label, count)]
    selected: str = ""
    all_label: str = ""


def _facet_rows(queryset, name):
    if name == "chantier":
        rows = queryset.values_list("workstreams__number", "workstreams__title").annotate(
            count=Count("pk", distinct=True)
        )
        return sorted(((str(number), f"{number}. {title}", count) for number, title, count in rows))
    if name == "region":
        rows = queryset.values_list("region__code", "region__name").annotate(count=Count("pk", distinct=True))
        return sorted(rows, key=lambda row: row[1])
    if name == "categorie":
        rows = queryset.values_list("actor_category__slug", "actor_category__name", "actor_category__order").annotate(
            count=Count("pk", distinct=True)
        )
        return [(slug, name, count) for slug, name, _order, count in sorted(rows, key=lambda row: row[2])]
    labels = dict(TargetPublic.choices)
    rows = queryset.values_list("target_public").annotate(count=Count("pk", distinct=True))
    return sorted(((value, labels.get(value, value), count) for value, count in rows), key=lambda row: row[1])


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
    conditions = _facet_conditions(params)

    facets = []
    for name in FACETS:
        others = [condition for key, condition in conditions.items() if key != name]
        queryset = matched.filter(*others).order_by()
        selected = (
            str(params.chantier) if name == "chantier" and params.chantier is not None else getattr(params, name)
        )
        facets.append(
            Facet(name, FACET_LABELS[name], _facet_rows(queryset, name), selected or "", FACET_ALL_LABELS[name])
        )

    results = matched.filter(*conditions.values())
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
