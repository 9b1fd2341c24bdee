"""Start gunicorn on PostgreSQL with the national-scale dataset and measure pages against a bare view.

Every figure of a run comes from the same server, database and machine, so the ratios hold even on a busy
machine; the absolute times do not travel. Results: bench/results/<date>-<commit>.md and latest.md.
"""

import argparse
import datetime
import json
import os
import platform
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://jalons:jalons@127.0.0.1:5432/jalons_bench")
PORT = int(os.environ.get("BENCH_PORT", "8099"))
PAGE_TARGET_RATIO = 10

# (label, path, signed in as the national team?)
PAGES = [
    ("Vue nue (référence)", "/healthz", False),
    ("Accueil", "/", False),
    ("Tableau de bord national", "/tableau-de-bord/", False),
    ("Page région (Bretagne)", "/regions/53/", False),
    ("Liste des conférences", "/conferences/", False),
    ("Chantier 14", "/chantiers/14/", False),
    ("Mon compte", "/mon-compte/", True),
]


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
    """A fresh benchmark database with the national-scale demo data; returns the generation time."""
    subprocess.run(["su", "postgres", "-c", "dropdb --if-exists jalons_bench"], check=True)
    subprocess.run(["su", "postgres", "-c", "createdb -O jalons jalons_bench"], check=True)
    manage("migrate", "--no-input", "-v", "0")
    manage("load_reference_data")
    started = time.perf_counter()
    output = manage("generate_demo_data", "--scale", "national", "--no-progress", capture_output=True).stdout
    print(output)
    return time.perf_counter() - started


def session_cookie():
    """A session of a national-team account created for the benchmark (demo accounts are refused here)."""
    code = (
        "from django.contrib.sessions.backends.db import SessionStore\n"
        "from jalons.accounts.models import User, ActorCategory\n"
        "user, _ = User.objects.get_or_create(email='bench-national@bench.jalons.test', defaults=dict("
        "first_name='Banc', last_name='Essai', is_national_coordinator=True,"
        " category=ActorCategory.objects.get(slug='services-etat')))\n"
        "s = SessionStore(); s['_auth_user_id'] = str(user.pk);"
        " s['_auth_user_backend'] = 'jalons.accounts.backends.EmailBackend';"
        " s['_auth_user_hash'] = user.get_session_auth_hash(); s.create(); print(s.session_key)"
    )
    return manage("shell", "-c", code, capture_output=True).stdout.strip().splitlines()[-1]


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


def write_results(rows, generation_seconds, args):
    baseline = rows[0][1]
    lines = [
        f"# Benchmark — {datetime.date.today().isoformat()}, commit {commit()}",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"gunicorn {args.workers} workers on PostgreSQL; wrk {args.connections} connections × {args.duration} s "
        "per page, in one run.",
        f"National-scale demo data generated in {generation_seconds:.0f} s." if generation_seconds else "",
        "",
        "| page | p50 (ms) | p95 (ms) | requests/s | p95 ÷ bare p95 | target | errors |",
        "| --- | ---: | ---: | ---: | ---: | --- | ---: |",
    ]
    for label, figures in rows:
        ratio = figures["p95_ms"] / baseline["p95_ms"]
        target = "—" if figures is baseline else ("met" if ratio <= PAGE_TARGET_RATIO else "**missed**")
        lines.append(
            f"| {label} | {figures['p50_ms']:.1f} | {figures['p95_ms']:.1f} | {figures['rps']:.0f} | "
            f"{ratio:.1f}× | {target} | {figures['errors']} |"
        )
    text = "\n".join(lines) + "\n"
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{datetime.date.today().isoformat()}-{commit()}.md").write_text(text)
    (RESULTS / "latest.md").write_text(text)
    print(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-data", action="store_true", help="reuse the benchmark database as it is")
    args = parser.parse_args()
    generation_seconds = 0 if args.skip_data else prepare_database()
    cookie = session_cookie()
    server = start_server(args.workers)
    try:
        rows = []
        for label, path, signed_in in PAGES:
            wrk(path, 2, args.connections, cookie if signed_in else None)  # warm-up
            figures = wrk(path, args.duration, args.connections, cookie if signed_in else None)
            print(f"{label}: {figures}", flush=True)
            rows.append((label, figures))
        print(f"Peak RSS of a worker: {peak_rss_mb(server):.0f} MB")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
    write_results(rows, generation_seconds, args)


if __name__ == "__main__":
    main()
