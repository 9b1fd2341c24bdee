"""Start gunicorn on PostgreSQL with the national-scale dataset and measure pages against a bare view.

Every figure of a run comes from the same server, database and machine, so the ratios hold even on a busy
machine; the absolute times do not travel. Results: bench/results/<date>-<commit>.md and latest.md.
"""

import argparse
import datetime
import json
import os
import platform
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://jalons:jalons@127.0.0.1:5432/jalons_bench")
DATABASE_NAME = urllib.parse.urlparse(DATABASE_URL).path.lstrip("/")
if not re.fullmatch(r"[a-z_][a-z0-9_]*", DATABASE_NAME):
    raise SystemExit(f"BENCH_DATABASE_URL: unexpected database name {DATABASE_NAME!r}")
PORT = int(os.environ.get("BENCH_PORT", "8099"))
PAGE_TARGET_RATIO = 10
SEARCH_TARGET_RATIO = 2

# (label, path, signed in as: None (anonymous), "national" (national team) or "member" (member of GROUP_ID)).
# {group} in a path is the benchmark member's group (Bretagne, chantier 14). Anonymous visitors get the public
# pages from the one-minute visitors' cache (ADR 0007), so the heavy public pages are also measured signed in,
# computed for each request.
PAGES = [
    ("Vue nue (référence)", "/healthz", None),
    ("Accueil", "/", None),
    ("Tableau de bord national", "/tableau-de-bord/", None),
    ("Page région (Bretagne)", "/regions/53/", None),
    ("Liste des conférences", "/conferences/", None),
    ("Chantier 14", "/chantiers/14/", None),
    ("Bonnes pratiques", "/bonnes-pratiques/", None),
    ("Bonnes pratiques les plus essaimées", "/bonnes-pratiques/les-plus-essaimees/", None),
    ("Accueil (membre)", "/", "member"),
    ("Tableau de bord national (membre)", "/tableau-de-bord/", "member"),
    ("Page région Bretagne (membre)", "/regions/53/", "member"),
    ("Liste des conférences (membre)", "/conferences/", "member"),
    ("Chantier 14 (membre)", "/chantiers/14/", "member"),
    ("Bonnes pratiques (membre)", "/bonnes-pratiques/", "member"),
    ("Bonnes pratiques les plus essaimées (membre)", "/bonnes-pratiques/les-plus-essaimees/", "member"),
    ("Groupe de travail (membre)", "/groupes/{group}/", "member"),
    ("Discussions du groupe (membre)", "/groupes/{group}/discussions/", "member"),
    ("Feuille de route Bretagne", "/regions/53/feuille-de-route/", "national"),
    ("Bonnes pratiques : recherche « hebergement »", "/bonnes-pratiques/?q=hebergement", None),
    ("Bonnes pratiques : recherche « insertion jeunes »", "/bonnes-pratiques/?q=insertion+jeunes", None),
    ("Bonnes pratiques : recherche « alimentation »", "/bonnes-pratiques/?q=alimentation", None),
    ("Mon compte", "/mon-compte/", "national"),
]


def served(path, role):
    """How the page reaches the client (ADR 0007: anonymous GETs of public pages, free-text searches excepted)."""
    if role is None and path != "/healthz" and "q=" not in path:
        return "visitors' cache"
    return "computed"


# The search whose page is compared with the raw SQL it issues (same concurrency: one client per worker).
SEARCH_PAGE = "/bonnes-pratiques/?q=insertion+jeunes"


def environment():
    return {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-not-for-production",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CONN_MAX_AGE": "600",
        "TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend",
    }


def manage(*args, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment(), check=True, text=True, **kwargs
    )


def prepare_database():
    """A fresh benchmark database with the national-scale demo data; returns a line on its generation."""
    subprocess.run(["su", "postgres", "-c", f"dropdb --if-exists {DATABASE_NAME}"], check=True)
    subprocess.run(["su", "postgres", "-c", f"createdb -O jalons {DATABASE_NAME}"], check=True)
    # Solid-state storage, as on any current server: random reads cost about as much as sequential ones. With
    # PostgreSQL's default (4, spinning disks) the planner prefers a sequential scan that evaluates the
    # full-text condition on every practice (25 ms) to the GIN index (1.4 ms).
    psql = f"ALTER DATABASE {DATABASE_NAME} SET random_page_cost = 1.1"
    subprocess.run(["su", "postgres", "-c", f'psql -qc "{psql}"'], check=True)
    manage("migrate", "--no-input", "-v", "0")
    manage("load_reference_data")
    started = time.perf_counter()
    output = manage("generate_demo_data", "--scale", "national", "--no-progress", capture_output=True).stdout
    print(output)
    elapsed = time.perf_counter() - started
    # Fresh tables have no planner statistics until autovacuum comes by: measure what production would run.
    subprocess.run(["su", "postgres", "-c", f"vacuumdb --analyze --quiet {DATABASE_NAME}"], check=True)
    # The command's own line: people, time and peak memory.
    summary = next((line for line in output.splitlines() if line.startswith("Données")), "")
    return f"National-scale demo data: {elapsed:.0f} s wall clock for the command. {summary}"


SESSION_CODE = """
from django.contrib.sessions.backends.db import SessionStore
from jalons.accounts.models import ActorCategory, User
from jalons.strategy.models import Membership, WorkingGroup
from jalons.territories.models import Region

def session(user):
    s = SessionStore()
    s['_auth_user_id'] = str(user.pk)
    s['_auth_user_backend'] = 'jalons.accounts.backends.EmailBackend'
    s['_auth_user_hash'] = user.get_session_auth_hash()
    s.create()
    return s.session_key

region = Region.objects.get(code='53')
national, _ = User.objects.get_or_create(email='bench-national@bench.jalons.test', defaults=dict(
    first_name='Banc', last_name='Essai', is_national_coordinator=True,
    category=ActorCategory.objects.get(slug='services-etat')))
member, _ = User.objects.get_or_create(email='bench-member@bench.jalons.test', defaults=dict(
    first_name='Banc', last_name='Membre', region=region, category=ActorCategory.objects.get(slug='associations')))
group = WorkingGroup.objects.get(region=region, workstream__number=14)
Membership.objects.get_or_create(user=member, group=group, defaults=dict(role=Membership.Role.MEMBER))
print(session(national), session(member), group.pk)
"""


def sessions():
    """Sessions of a national-team account and of a group member created for the benchmark (demo accounts are
    refused when DEBUG is off), and the member's group."""
    output = manage("shell", "-c", SESSION_CODE, capture_output=True).stdout.strip().splitlines()[-1]
    national, member, group = output.split()
    return {"national": national, "member": member}, int(group)


SEARCH_SQL_CODE = """
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
with CaptureQueriesContext(connection) as queries:
    response = Client().get(%r, HTTP_HOST='127.0.0.1')
assert response.status_code == 200, response.status_code
for query in queries.captured_queries:
    if 'to_tsquery' in query['sql']:
        print(query['sql'].replace(chr(10), ' ') + ';')
"""


def search_sql(path):
    """The SQL statements of a search page that run the full-text search (count and page of results)."""
    output = manage("shell", "-c", SEARCH_SQL_CODE % path, capture_output=True).stdout
    statements = [line for line in output.splitlines() if "to_tsquery" in line]
    if not statements:
        raise SystemExit(f"no full-text search query found for {path}")
    return statements


def pgbench(statements, duration, clients):
    """p50/p95 of the statements run together as one pgbench transaction, clients at once, in milliseconds."""
    with tempfile.TemporaryDirectory() as directory:
        script = Path(directory) / "search.sql"
        # One statement per line; the SQL holds no pgbench variable (":name"), only casts and ":*" prefixes.
        script.write_text("\n".join(statements) + "\n")
        parsed = urllib.parse.urlparse(DATABASE_URL)
        env = {**os.environ, "PGPASSWORD": parsed.password or ""}
        command = [
            "pgbench",
            "-n",
            "-h",
            parsed.hostname or "127.0.0.1",
            "-p",
            str(parsed.port or 5432),
            "-U",
            parsed.username or "jalons",
            "-c",
            str(clients),
            "-j",
            str(clients),
            "-T",
            str(duration),
            "-f",
            str(script),
            "-l",
            "--log-prefix",
            str(Path(directory) / "log"),
            DATABASE_NAME,
        ]
        subprocess.run(command, check=True, capture_output=True, text=True, env=env, cwd=directory)
        latencies = sorted(
            int(line.split()[2]) / 1000
            for log in Path(directory).glob("log*")
            for line in log.read_text().splitlines()
        )
    if not latencies:
        raise SystemExit("pgbench logged no transaction")
    return {
        "p50_ms": latencies[len(latencies) // 2],
        "p95_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))],
        "rps": len(latencies) / duration,
        "requests": len(latencies),
    }


def start_server(workers):
    manage("collectstatic", "--no-input", "-v", "0")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "jalons.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(workers),
            "--access-logfile",
            "/dev/null",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=environment(),
        start_new_session=True,
    )
    for _attempt in range(60):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=2)  # noqa: S310 — loopback only
            return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("gunicorn did not answer on /healthz")


def wrk(path, duration, connections, cookie=None):
    command = [
        "wrk",
        "-t",
        "2",
        "-c",
        str(connections),
        "-d",
        f"{duration}s",
        "--timeout",
        "30s",  # a slow page is measured, not dropped as a timeout
        "--latency",
        "-s",
        str(ROOT / "bench" / "wrk_report.lua"),
        f"http://127.0.0.1:{PORT}{path}",
    ]
    if cookie:
        command[1:1] = ["-H", f"Cookie: sessionid={cookie}"]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def peak_rss_mb(server):
    """Peak resident memory (VmHWM) of the largest gunicorn worker."""
    children = subprocess.run(
        ["pgrep", "-P", str(server.pid)], capture_output=True, text=True, check=False
    ).stdout.split()
    peaks = []
    for pid in children:
        status = Path(f"/proc/{pid}/status")
        if status.exists():
            line = next(line for line in status.read_text().splitlines() if line.startswith("VmHWM"))
            peaks.append(int(line.split()[1]) / 1024)
    return max(peaks, default=0)


def commit():
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()


def write_results(rows, search, generation, args, conferences_text=""):
    baseline = rows[0][2]
    lines = [
        f"# Benchmark — {datetime.date.today().isoformat()}, commit {commit()}",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"gunicorn {args.workers} workers on PostgreSQL; wrk {args.connections} connections × {args.duration} s "
        "per page, in one run.",
        generation,
        "",
        "Anonymous visitors get the public pages from the one-minute visitors' cache (ADR 0007); signed-in people "
        "get them computed for each request.",
        "",
        "| page | served | p50 (ms) | p95 (ms) | requests/s | p95 ÷ bare p95 | target (≤ 10×) | errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- | ---: |",
    ]
    for label, how, figures in rows:
        ratio = figures["p95_ms"] / baseline["p95_ms"]
        target = "—" if figures is baseline else ("met" if ratio <= PAGE_TARGET_RATIO else "**missed**")
        lines.append(
            f"| {label} | {how} | {figures['p50_ms']:.1f} | {figures['p95_ms']:.1f} | {figures['rps']:.0f} | "
            f"{ratio:.1f}× | {target} | {figures['errors']} |"
        )
    if search:
        page, sql, statements = search
        ratio = page["p95_ms"] / sql["p95_ms"]
        target = "met" if ratio <= SEARCH_TARGET_RATIO else "**missed**"
        lines += [
            "",
            f"Search `{SEARCH_PAGE}` against the raw SQL it issues ({len(statements)} full-text statements, run "
            f"together by pgbench), both with {args.workers} concurrent clients (one per gunicorn worker) "
            f"× {args.duration} s:",
            "",
            "| measured | p50 (ms) | p95 (ms) | per second | page p95 ÷ SQL p95 | target (≤ 2×) |",
            "| --- | ---: | ---: | ---: | ---: | --- |",
            f"| page (wrk) | {page['p50_ms']:.1f} | {page['p95_ms']:.1f} | {page['rps']:.0f} | "
            f"{ratio:.1f}× | {target} |",
            f"| raw SQL (pgbench) | {sql['p50_ms']:.1f} | {sql['p95_ms']:.1f} | {sql['rps']:.0f} | — | — |",
            "",
            "<details><summary>SQL measured</summary>",
            "",
            "```sql",
            *statements,
            "```",
            "",
            "</details>",
        ]
    text = "\n".join(lines) + "\n" + conferences_text
    RESULTS.mkdir(exist_ok=True)
    name = f"{datetime.date.today().isoformat()}-{commit()}{'-' + args.name if args.name else ''}"
    (RESULTS / f"{name}.md").write_text(text)
    if not args.only:
        (RESULTS / "latest.md").write_text(text)
    print(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-data", action="store_true", help="reuse the benchmark database as it is")
    parser.add_argument("--only", help="measure only the pages whose label matches this regex (latest.md is kept)")
    parser.add_argument("--name", default="", help="suffix of the results file, e.g. before or after")
    args = parser.parse_args()
    generation = "" if args.skip_data else prepare_database()
    cookies, group = sessions()
    pages = [(label, path.format(group=group), role) for label, path, role in PAGES]
    if args.only:
        pages = pages[:1] + [page for page in pages[1:] if re.search(args.only, page[0])]
    statements = search_sql(SEARCH_PAGE) if not args.only or re.search(args.only, "recherche") else []
    server = start_server(args.workers)
    try:
        rows = []
        for label, path, role in pages:
            cookie = cookies.get(role)
            wrk(path, 2, args.connections, cookie)  # warm-up
            figures = wrk(path, args.duration, args.connections, cookie)
            print(f"{label}: {figures}", flush=True)
            rows.append((label, served(path, role), figures))
        search = None
        if statements:
            page = wrk(SEARCH_PAGE, args.duration, args.workers)
            sql = pgbench(statements, args.duration, args.workers)
            print(f"Search page at {args.workers} clients: {page}; raw SQL: {sql}", flush=True)
            search = (page, sql, statements)
        peak = f"Peak RSS of a gunicorn worker: {peak_rss_mb(server):.0f} MB."
        print(peak)
        generation = f"{generation}\n\n{peak}" if generation else peak
        conferences_text = ""
        if not args.only:
            # Last: the rush writes registrations and the export reads them all.
            import conferences

            figures = (conferences.rush(), conferences.export(cookies["national"], server), conferences.dossier())
            conferences_text = conferences.markdown(*figures)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
    write_results(rows, search, generation, args, conferences_text)


if __name__ == "__main__":
    main()
