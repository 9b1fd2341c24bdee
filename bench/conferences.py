"""The conference measures of the benchmark: a registration rush, the national export, the dossier PDF.

Run by bench.py after the pages (same server, same database), or alone on the benchmark database:
BENCH_WORKERS=5 python bench/conferences.py
"""

import asyncio
import json
import os
import signal
import sys
import time
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import PORT, ROOT, manage, peak_rss_mb  # noqa: E402

RUSH_PEOPLE = 6000
RUSH_CLIENTS = 50
RUSH_CAPACITY = 400  # per conference: 12 × 400 = 4,800 places for 6,000 people, the rest wait
CSRF = "benchcsrftokenbenchcsrftoken1234"  # an unmasked 32-character secret, sent as cookie and field

PREPARE = f"""
import datetime, json, secrets
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone
from jalons.accounts.models import ActorCategory, User
from jalons.conferences.models import Conference, Registration

now = timezone.now()
conferences = list(Conference.objects.filter(cycle__number=2).order_by("date"))
Registration.objects.filter(conference__in=conferences).delete()
for index, conference in enumerate(conferences):
    conference.date = (now + datetime.timedelta(days=60 + index)).date()
    conference.status, conference.capacity, conference.question = "published", {RUSH_CAPACITY}, ""
    conference.registration_opens_at = now - datetime.timedelta(days=1)
    conference.registration_closes_at = now + datetime.timedelta(days=30)
Conference.objects.bulk_update(
    conferences, ["date", "status", "capacity", "question", "registration_opens_at", "registration_closes_at"]
)
category = ActorCategory.objects.get(slug="associations")
User.objects.filter(email__endswith="@rush.bench.test").delete()
people = User.objects.bulk_create(
    User(email=f"p{{n}}@rush.bench.test", first_name="Rush", last_name=str(n), category=category,
         region=conferences[n % len(conferences)].region, password="!")
    for n in range({RUSH_PEOPLE})
)
store = SessionStore()
sessions = []
for person in people:
    key = secrets.token_hex(16)
    data = store.encode({{
        "_auth_user_id": str(person.pk),
        "_auth_user_backend": "jalons.accounts.backends.EmailBackend",
        "_auth_user_hash": person.get_session_auth_hash(),
    }})
    sessions.append(Session(session_key=key, session_data=data, expire_date=now + datetime.timedelta(days=1)))
Session.objects.bulk_create(sessions, batch_size=2000)
print(json.dumps([[session.session_key, conferences[n % len(conferences)].pk] for n, session in enumerate(sessions)]))
"""

CHECK = """
import asyncio
import json
from django.db.models import Count, Q
from jalons.conferences.models import Conference
rows = Conference.objects.filter(cycle__number=2).annotate(
    confirmed=Count("registrations", filter=Q(registrations__status="confirmed")),
    waiting=Count("registrations", filter=Q(registrations__status="waiting")),
).values_list("capacity", "confirmed", "waiting")
print(json.dumps(list(rows)))
"""


async def _post(session_key, conference_id):
    """One registration as a browser posts it, on its own connection (gunicorn's sync workers close each one)."""
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": CSRF, "consent": "on"}).encode()
    head = (
        f"POST /conferences/{conference_id}/inscription/ HTTP/1.1\r\n"
        f"Host: 127.0.0.1:{PORT}\r\n"
        f"Cookie: sessionid={session_key}; csrftoken={CSRF}\r\n"
        f"Referer: http://127.0.0.1:{PORT}/\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n"
    )
    reader, writer = await asyncio.open_connection("127.0.0.1", PORT)
    writer.write(head.encode() + body)
    await writer.drain()
    status = int((await reader.readline()).split()[1])
    await reader.read()  # the rest of the answer, until the server closes the connection
    writer.close()
    return status


async def _clients(work):
    """RUSH_CLIENTS concurrent clients taking the registrations in turn; the status and time of each."""
    pending = iter(work)
    results = []

    async def client():
        for session_key, conference_id in pending:
            started = time.perf_counter()
            status = await _post(session_key, conference_id)
            results.append((status, time.perf_counter() - started))

    await asyncio.gather(*(client() for _index in range(RUSH_CLIENTS)))
    return results


def rush():
    """RUSH_PEOPLE registrations sent by RUSH_CLIENTS concurrent clients; returns figures and the overbooking.

    The clients are coroutines in one thread (asyncio), so that the load generator takes little of the CPU the
    server and the database share with it."""
    work = json.loads(manage("shell", "-c", PREPARE, capture_output=True).stdout.strip().splitlines()[-1])
    started = time.perf_counter()
    results = asyncio.run(_clients(work))
    seconds = time.perf_counter() - started
    statuses = dict(Counter(status for status, _seconds in results))
    latencies = sorted(latency * 1000 for _status, latency in results)
    conferences = json.loads(manage("shell", "-c", CHECK, capture_output=True).stdout.strip().splitlines()[-1])
    confirmed = sum(row[1] for row in conferences)
    return {
        "seconds": seconds,
        "statuses": statuses,
        "p50_ms": latencies[len(latencies) // 2],
        "p95_ms": latencies[int(len(latencies) * 0.95)],
        "confirmed": confirmed,
        "waiting": sum(row[2] for row in conferences),
        "confirmed_per_second": confirmed / seconds,
        "registrations_per_second": len(work) / seconds,
        "overbooked": sum(max(0, row[1] - row[0]) for row in conferences),
    }


def export(cookie, server):
    """The national export of every registration: time, size and the workers' peak memory."""
    before = peak_rss_mb(server)
    request = urllib.request.Request(
        f"http://127.0.0.1:{PORT}/conferences/inscriptions.csv", headers={"Cookie": f"sessionid={cookie}"}
    )
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=600) as response:  # noqa: S310 — loopback only
        size = rows = 0
        for line in response:
            size += len(line)
            rows += 1
    return {
        "seconds": time.perf_counter() - started,
        "rows": rows - 1,
        "megabytes": size / 1024 / 1024,
        "peak_rss_mb_before": before,
        "peak_rss_mb_after": peak_rss_mb(server),
    }


def dossier():
    """The conference dossier of Bretagne, as the command builds it (time of the whole command)."""
    output = ROOT / "bench" / "results" / "dossier.tmp.pdf"
    started = time.perf_counter()
    manage("build_conference_dossier", "--region", "53", "--output", str(output), capture_output=True)
    seconds = time.perf_counter() - started
    size = output.stat().st_size
    output.unlink()
    return {"seconds": seconds, "kilobytes": size / 1024}


def markdown(rush_figures, export_figures, dossier_figures):
    lines = [
        "",
        "## Conferences",
        "",
        "| measure | figure | target | |",
        "| --- | ---: | --- | --- |",
        f"| registration rush: {RUSH_PEOPLE} registrations, {RUSH_CLIENTS} clients, 12 conferences "
        f"× {RUSH_CAPACITY} places | {rush_figures['seconds']:.1f} s, "
        f"{rush_figures['confirmed_per_second']:.0f} confirmed/s ({rush_figures['confirmed']} confirmed, "
        f"{rush_figures['waiting']} waiting; per registration p50 {rush_figures['p50_ms']:.0f} ms, p95 "
        f"{rush_figures['p95_ms']:.0f} ms) | ≥ 100 confirmed/s | "
        f"{'met' if rush_figures['confirmed_per_second'] >= 100 else '**missed**'} |",
        f"| overbooking after the rush | {rush_figures['overbooked']} | 0 | "
        f"{'met' if rush_figures['overbooked'] == 0 else '**missed**'} |",
        f"| national export, {export_figures['rows']} registrations (CSV, streamed) | "
        f"{export_figures['seconds']:.1f} s, {export_figures['megabytes']:.1f} MB, worker peak RSS "
        f"{export_figures['peak_rss_mb_after']:.0f} MB (before: {export_figures['peak_rss_mb_before']:.0f} MB) | "
        f"peak RSS < 250 MB | {'met' if export_figures['peak_rss_mb_after'] < 250 else '**missed**'} |",
        f"| conference dossier PDF (Bretagne), whole command | {dossier_figures['seconds']:.1f} s, "
        f"{dossier_figures['kilobytes']:.0f} KB | < 3 s | "
        f"{'met' if dossier_figures['seconds'] < 3 else '**missed**'} |",
        "",
        f"HTTP statuses of the rush: {rush_figures['statuses']} (302 = registered, then redirected).",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    from bench import sessions, start_server

    cookie = sessions()[0]["national"]
    server = start_server(int(os.environ.get("BENCH_WORKERS", "2")))
    try:
        figures = (rush(), export(cookie, server), dossier())
    finally:
        os.killpg(server.pid, signal.SIGTERM)
    print(markdown(*figures))
