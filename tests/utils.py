from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url):
    """Number of SQL queries a GET of url runs; the page must answer 200."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(context.captured_queries)


def assert_constant_queries(client, url, grow):
    """The page's query count does not change when grow() adds data."""
    before = count_queries(client, url)
    grow()
    after = count_queries(client, url)
    assert before == after, f"{url}: {before} requêtes avant, {after} après ajout de données"
    return after


def downloaded(response):
    """The bytes of a download, streamed (CSV) or not (XLSX, PDF)."""
    assert response.status_code == 200, response.status_code
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content
