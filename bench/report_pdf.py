"""Benchmark of the paper PDF: request to bytes vs WeasyPrint alone, queries, and the cached
second download vs a trivial view. Prints figures; sets up its own temporary SQLite database.

Run from the project root: .venv/bin/python bench/report_pdf.py
"""

import datetime as dt
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="bench-report-pdf-")
os.environ["SQLITE_PATH"] = str(Path(TMP) / "bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "actiontracker.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from pypdf import PdfReader  # noqa: E402
from weasyprint import HTML  # noqa: E402

from actions.models import Action, ResponsiblePerson  # noqa: E402
from actiontracker import roles  # noqa: E402
from actiontracker.pdf import BASE_URL, StaticOnlyFetcher, html_to_pdf  # noqa: E402
from meetings.models import AgendaItem, Committee, ContactOfficer, Meeting  # noqa: E402
from papers.render import render_paper_html  # noqa: E402
from papers.services import paper_create  # noqa: E402

N_ACTIONS = 30
REQUEST = (
    "Further information on the work being done to improve the service in this area, "
    "including the figures for each borough over the last three years and the plans for next year"
)


def build():
    call_command("migrate", verbosity=0)
    roles.ensure_role_groups()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user("bench-officer", password="x")  # noqa: S106
    user.groups.add(Group.objects.get(name=roles.OFFICERS))
    committee = Committee.objects.create(name="Police and Crime Committee")
    ContactOfficer.objects.create(committee=committee, name="A Officer", title="Committee Officer")
    people = [ResponsiblePerson.objects.create(name=f"Deputy Commissioner {i}") for i in range(5)]
    for m in range(6):
        meeting = Meeting.objects.create(committee=committee, date=dt.date(2023, 1, 10 + m * 3))
        for i in range(N_ACTIONS // 6):
            item = AgendaItem.objects.create(
                meeting=meeting, number=str(i + 5), title=f"Q&A Session number {i}", position=i
            )
            Action.objects.create(
                agenda_item=item,
                responsible_person=people[i % 5],
                position=0,
                intro="The Committee requested the following:",
                requested_items=[f"{REQUEST} ({k + 1});" for k in range(3)],
                status_note="Followed-up on 4 May 2023.",
            )
    paper = paper_create(
        meeting=Meeting.objects.create(committee=committee, date=dt.date(2023, 5, 24))
    )
    return user, paper


def count_queries(fn) -> int:
    executed = []

    def counter(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        fn()
    return len(executed)


def timed(fn, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main():
    # The production settings' backends: a user's permissions are cached between requests.
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS[:-1],
        "actiontracker.permissions.CachedModelBackend",
    ]
    user, paper = build()
    client = Client()
    client.force_login(user)
    url = reverse("paper-pdf", args=[paper.pk])

    html = render_paper_html(paper)
    pdf = html_to_pdf(html)  # warm up fonts and imports for both measurements
    pages = len(PdfReader(io.BytesIO(pdf)).pages)

    def uncached_request():
        cache.clear()
        response = client.get(url)
        assert response.status_code == 200
        return response.content

    def bare_weasyprint():
        # The same HTML and fetcher, no PDF/UA variant: what tagging the PDF costs shows as
        # the difference.
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher())
        return document.write_pdf()

    # Interleaved, so all see the same machine load (the host is shared).
    bare_times, weasy_times, request_times = [], [], []
    for n in range(6):
        # Each goes first in turn: the first of a pair ran slower on a busy machine.
        pair = [(bare_times, bare_weasyprint), (weasy_times, lambda: html_to_pdf(html))]
        for times, render in pair[:: 1 if n % 2 else -1]:
            times.append(timed(render, 1)[0])
        elapsed, body = timed(uncached_request, 1)
        request_times.append(elapsed)
    weasy, request = statistics.median(weasy_times), statistics.median(request_times)
    bare = statistics.median(bare_times)
    request_queries = count_queries(uncached_request)
    paper_queries = count_queries(lambda: render_paper_html(paper))

    client.get(url)  # fill the cache
    cached_body = client.get(url).content
    # Turn about, so the three see the same load. The start page only signs the user in
    # and redirects: what any signed-in page pays.
    cached_times, health_times, signed_in_times = [], [], []
    for _ in range(50):
        cached_times.append(timed(lambda: client.get(url).content, 1)[0])
        health_times.append(timed(lambda: client.get("/healthz").content, 1)[0])
        signed_in_times.append(timed(lambda: client.get("/").status_code, 1)[0])
    assert cached_body == client.get(url).content
    cached_queries = count_queries(lambda: client.get(url))
    cached = statistics.median(cached_times)
    health = statistics.median(health_times)
    signed_in = statistics.median(signed_in_times)

    print(f"paper: {Action.objects.count()} actions, {pages} pages, {len(body)} bytes")
    print(f"bare WeasyPrint, no tagging:       {bare * 1000:.0f} ms (median of 6, interleaved)")
    print(f"WeasyPrint alone on the same HTML: {weasy * 1000:.0f} ms (median of 6, interleaved)")
    print(f"ratio tagged / bare WeasyPrint:    {weasy / bare:.2f} (the cost of PDF/UA tagging)")
    print(f"request to PDF bytes (uncached):   {request * 1000:.0f} ms (median of 6, interleaved)")
    print(f"ratio request / WeasyPrint:        {request / weasy:.2f} (target <= 1.3)")
    print(f"queries for the paper's data:      {paper_queries}")
    print(f"queries for the whole request:     {request_queries} (with session, user, role)")
    print(f"cached second download:            {cached * 1000:.2f} ms (median of 50)")
    print(f"queries for a cached download:     {cached_queries}")
    print(f"trivial view /healthz:             {health * 1000:.2f} ms (median of 50)")
    print(f"ratio cached / healthz:            {cached / health:.2f} (target <= 3)")
    print(f"signed-in trivial view (/):        {signed_in * 1000:.2f} ms (median of 50)")
    print(f"ratio cached / signed-in trivial:  {cached / signed_in:.2f}")
    print(f"database: {settings.DATABASES['default']['NAME']}")


if __name__ == "__main__":
    main()
