from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url):
    """Number of SQL queries a GET of url runs when the page is computed (not served from the visitors' cache);
    the page must answer 200."""
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(context.captured_queries)


def visitor_pages_expire():
    """What a minute does: the pages cached for anonymous visitors (jalons.core.caching) have expired."""
    cache.clear()


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
