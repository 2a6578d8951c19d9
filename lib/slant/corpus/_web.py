"""Corpus stage, web part of hydration: fetch one article page and extract its text.

Input: a URL (a live article page, or the Wayback Machine's availability API for one)
and ``FetchSettings`` from `slant.corpus._hydrate`. Output: the article's ``title`` and
``text`` with the final URL, HTTP status and body size, or a ``_FetchError`` whose
``reason`` goes into the fetch-status row. ``_Network`` paces requests per host and
notices when the machine is offline; `hydrate_manifest` shares one across its threads.
"""

from __future__ import annotations

import http.client
import json
import re
import ssl
import threading
import time
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlsplit
from urllib.request import Request, urlopen

import pandas as pd

__all__ = ["_FetchError", "_Network", "_download", "_extract", "_wayback_snapshot"]

# 64 KiB: large enough that a typical article page (50-500 KB) takes a few reads,
# small enough that the size cap is enforced close to its value.
_CHUNK_BYTES = 64 * 1024
_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
# Wayback's "id_" flag serves the archived page as captured, without its toolbar.
_SNAPSHOT_PATH = re.compile(r"(/web/\d{1,14})/")


class _FetchError(Exception):
    """One request or extraction failed; `archive` says whether Wayback may help."""

    def __init__(self, reason, *, http_status=None, final_url="", unreachable=False, archive=True):
        super().__init__(reason)
        self.reason = reason
        self.http_status = http_status
        self.final_url = final_url
        self.unreachable = unreachable
        self.archive = archive


class _Network:
    """State shared by the download threads: per-host pacing and offline detection."""

    def __init__(self, settings):
        self.settings = settings
        self.offline_reason = ""
        self._lock = threading.Lock()
        self._next_slot = {}
        self._responded = False
        self._unreachable_in_a_row = 0

    def wait_turn(self, url):
        host = urlsplit(url).hostname or ""
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next_slot.get(host, now))
            self._next_slot[host] = slot + self.settings.host_delay
        time.sleep(slot - now)

    def saw_response(self):
        with self._lock:
            self._responded = True

    def count(self, failure):
        with self._lock:
            if failure is None or not failure.unreachable:
                self._unreachable_in_a_row = 0
                return
            self._unreachable_in_a_row += 1
            if not self._responded and self._unreachable_in_a_row >= self.settings.offline_after:
                # the live page's error; its Wayback error says the same again
                self.offline_reason = failure.reason.partition("; Wayback: ")[0]


def _extract(html, url):
    """Title and text of an article page, or None when no text is found."""
    import trafilatura  # imported here: it is slow to import and only needed to extract

    result = trafilatura.extract(html, url=url, output_format="json", with_metadata=True,
                                 include_comments=False)
    data = json.loads(result) if result else {}
    text = (data.get("text") or "").strip()
    return {"title": data.get("title") or "", "text": text} if text else None


def _iri_to_uri(url: str) -> str:
    """Percent-encode non-ASCII characters of a URL (an IRI), leaving its reserved characters."""
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~")


def _get(url, *, settings, network, expect_html=True):
    """GET one URL within the settings; return (body, final_url, http_status)."""
    network.wait_turn(url)
    request = Request(_iri_to_uri(url), headers={"User-Agent": settings.user_agent, "Accept": _ACCEPT})
    started = time.monotonic()
    timed_out = f"timed out after {settings.timeout:g}s"
    try:
        with urlopen(request, timeout=settings.timeout) as response:
            network.saw_response()
            return _read_body(response, settings=settings, started=started,
                              expect_html=expect_html, timed_out=timed_out)
    except HTTPError as error:
        network.saw_response()
        error.close()
        raise _FetchError(f"HTTP {error.code} {error.reason}", http_status=error.code,
                          final_url=error.geturl() or url) from None
    except URLError as error:  # no HTTP response at all
        if isinstance(error.reason, ssl.SSLError):
            raise _FetchError(f"TLS error: {error.reason}") from None
        if isinstance(error.reason, TimeoutError):  # connecting timed out
            raise _FetchError(timed_out, unreachable=True) from None
        raise _FetchError(f"cannot connect: {error.reason}", unreachable=True) from None
    except TimeoutError:  # connected, but the server was too slow to answer
        raise _FetchError(timed_out) from None
    except (OSError, http.client.HTTPException) as error:
        raise _FetchError(f"connection broken: {type(error).__name__}: {error}") from None


def _read_body(response, *, settings, started, expect_html, timed_out):
    final_url, code, cap = response.geturl(), response.status, settings.max_bytes
    content_type = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    if expect_html and content_type and content_type not in _HTML_TYPES:
        raise _FetchError(f"not HTML ({content_type})", http_status=code, final_url=final_url,
                          archive=False)
    length = (response.headers.get("Content-Length") or "").strip()
    too_big = f"larger than the {cap}-byte cap"
    if length.isdigit() and int(length) > cap:
        raise _FetchError(f"{too_big} (Content-Length {length})", http_status=code,
                          final_url=final_url, archive=False)
    chunks, total = [], 0
    while chunk := response.read(_CHUNK_BYTES):
        total += len(chunk)
        if total > cap:
            raise _FetchError(too_big, http_status=code, final_url=final_url, archive=False)
        if time.monotonic() - started > settings.timeout:
            raise _FetchError(timed_out, http_status=code, final_url=final_url)
        chunks.append(chunk)
    return b"".join(chunks), final_url, code


def _download(url, *, settings, network):
    body, final_url, code = _get(url, settings=settings, network=network)
    item = _extract(body, final_url)
    if item is None:
        raise _FetchError("no article text extracted", http_status=code, final_url=final_url)
    return item, final_url, code, len(body)


def _wayback_snapshot(url, date, *, settings, network):
    """URL of the closest archived copy of a page (raw, without toolbar).

    ``date`` is the manifest's date cell as text ("" when unknown); it picks the snapshot.
    """
    date = pd.to_datetime(date or None, errors="coerce")
    timestamp = "" if pd.isna(date) else date.strftime("%Y%m%d")
    api = settings.wayback_api.format(url=quote(url, safe=""), timestamp=timestamp)
    body, _, _ = _get(api, settings=settings, network=network, expect_html=False)
    try:
        closest = json.loads(body)["archived_snapshots"]["closest"]
        available = closest.get("available") and str(closest.get("status")) == "200"
        snapshot = str(closest["url"]) if available else ""
    except (ValueError, KeyError, TypeError, AttributeError):
        snapshot = ""
    if not snapshot:
        raise _FetchError("no snapshot")
    return _SNAPSHOT_PATH.sub(r"\1id_/", snapshot, count=1)
