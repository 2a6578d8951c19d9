"""Manifest hydration against a local HTTP server: every status, the store, the mirror."""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest

from slant.corpus import _hydrate, _web
from slant.corpus._errors import CorpusError
from slant.corpus._hydrate import (
    STATUS_COLUMNS,
    FetchSettings,
    hydrate_manifest,
    load_status,
    read_mirror_item,
)

SENTENCE = "The river bridge in the invented town of Eastford reopened on Monday."
ARTICLE = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Eastford bridge reopens | outlet-a</title></head>
<body><nav><a href="/">Home</a></nav><article><h1>Eastford bridge reopens</h1>
<p>{SENTENCE} Repairs had lasted three months and closed the only crossing.</p>
<p>Reporters from outlet-a saw traffic return slowly during the first morning hours.</p>
<p>The town council said the work cost less than the budget that was planned last spring.</p>
<p>Shop owners on both banks told outlet-a that customers had come back within a day.</p>
</article></body></html>""".encode()
EMPTY_PAGE = b"<html><head><title>Nothing here</title></head><body></body></html>"
SMALL_CAP = 10_000
HUGE_PAGE = b"<html><body>" + b"<p>Filler sentence from outlet-a.</p>" * 1000 + b"</body></html>"
SLOW_SECONDS = 1.5  # the server's delay on /slow; the tests' timeout is SHORT_TIMEOUT
SHORT_TIMEOUT = 0.5


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # http.server's name
        self.server.requests.append((self.path, self.headers.get("User-Agent")))
        route = urlsplit(self.path).path
        base = f"http://127.0.0.1:{self.server.server_port}"
        try:
            if route == "/ok":
                self._send(200, "text/html; charset=utf-8", ARTICLE)
            elif route == "/redirect":
                self.send_response(302)
                self.send_header("Location", "/ok")
                self.end_headers()
            elif route == "/missing":
                self._send(404, "text/html", b"<html><body>Not found</body></html>")
            elif route == "/slow":
                time.sleep(SLOW_SECONDS)
                self._send(200, "text/html", ARTICLE)
            elif route == "/huge":
                self._send(200, "text/html", HUGE_PAGE)
            elif route == "/huge-unsized":  # no Content-Length: only reading in chunks can tell
                self._send(200, "text/html", HUGE_PAGE, length=False)
            elif route == "/pdf":
                self._send(200, "application/pdf", b"%PDF-1.4 invented file")
            elif route == "/empty":
                self._send(200, "text/html", EMPTY_PAGE)
            elif route == "/wayback":
                snapshot = {"available": True, "url": f"{base}/ok", "status": "200",
                            "timestamp": "20170908000000"}
                self._send(200, "application/json",
                           json.dumps({"archived_snapshots": {"closest": snapshot}}).encode())
            elif route == "/wayback-none":
                self._send(200, "application/json", b'{"archived_snapshots": {}}')
            else:
                self._send(500, "text/plain", b"no such route in the test server")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up first (timeout, size cap)

    def _send(self, code, content_type, body, *, length=True):
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.requests = []
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    httpd.base = f"http://127.0.0.1:{httpd.server_port}"
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def closed_port():
    """A local port with nothing listening: connecting is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return port


def settings(server=None, **changes):
    """Test settings: no per-host delay, Wayback pointing at the test server (or off)."""
    base = {"host_delay": 0.0, "timeout": 5.0, "workers": 2, "wayback": False}
    if server is not None:
        base["wayback_api"] = server.base + "/wayback?url={url}&timestamp={timestamp}"
    return FetchSettings(**{**base, **changes})


def manifest(*urls, date="2017-09-08"):
    return pd.DataFrame({"id": [f"item-{n}" for n in range(1, len(urls) + 1)],
                         "outlet": "outlet-a", "url": list(urls), "date": date})


def hydrate(rows, tmp_path, **kwargs):
    kwargs.setdefault("settings", settings())
    return hydrate_manifest(rows, store=tmp_path / "store", progress=False, **kwargs)


def test_success_stores_title_and_text(server, tmp_path):
    status = hydrate(manifest(server.base + "/ok"), tmp_path)
    assert list(status.columns) == STATUS_COLUMNS
    row = status.iloc[0]
    assert (row["status"], row["via"], row["http_status"]) == ("fetched", "web", 200)
    assert row["final_url"] == server.base + "/ok" and row["bytes"] == len(ARTICLE)
    stored = json.loads((tmp_path / "store" / "item-1.json").read_text(encoding="utf-8"))
    assert SENTENCE in stored["text"] and "Home" not in stored["text"]
    assert stored["title"] == "Eastford bridge reopens"
    assert (stored["outlet"], stored["date"], stored["via"]) == ("outlet-a", "2017-09-08", "web")
    assert stored["fetched_from"] == server.base + "/ok"
    assert server.requests[0][1] == _hydrate.USER_AGENT  # a polite, identifiable agent


def test_redirect_records_final_url(server, tmp_path):
    row = hydrate(manifest(server.base + "/redirect"), tmp_path).iloc[0]
    assert (row["status"], row["final_url"]) == ("fetched", server.base + "/ok")


@pytest.mark.parametrize(
    "route, changes, reason, http_status",
    [("/missing", {}, "HTTP 404 Not Found", 404),
     ("/slow", {"timeout": SHORT_TIMEOUT}, "timed out after 0.5s", None),
     ("/huge", {"max_bytes": SMALL_CAP},
      f"larger than the {SMALL_CAP}-byte cap (Content-Length {len(HUGE_PAGE)})", 200),
     ("/huge-unsized", {"max_bytes": SMALL_CAP}, f"larger than the {SMALL_CAP}-byte cap", 200),
     ("/pdf", {}, "not HTML (application/pdf)", 200),
     ("/empty", {}, "no article text extracted", 200)],
    ids=["http-404", "timeout", "oversize-declared", "oversize-streamed", "not-html", "no-text"],
)
def test_failures_name_their_reason(server, tmp_path, route, changes, reason, http_status):
    row = hydrate(manifest(server.base + route), tmp_path, settings=settings(**changes)).iloc[0]
    assert (row["status"], row["via"]) == ("failed", "")
    assert row["reason"].startswith(reason)
    assert (row["http_status"] if pd.notna(row["http_status"]) else None) == http_status
    assert not (tmp_path / "store" / "item-1.json").exists()


def test_404_falls_back_to_wayback(server, tmp_path):
    status = hydrate(manifest(server.base + "/missing"), tmp_path,
                     settings=settings(server, wayback=True))
    row = status.iloc[0]
    assert (row["status"], row["via"]) == ("fetched", "wayback")
    assert row["final_url"] == server.base + "/ok"
    assert row["reason"] == "live page failed: HTTP 404 Not Found"
    stored = json.loads((tmp_path / "store" / "item-1.json").read_text(encoding="utf-8"))
    assert SENTENCE in stored["text"] and stored["via"] == "wayback"
    query = parse_qs(urlsplit(server.requests[1][0]).query)
    assert query == {"url": [server.base + "/missing"], "timestamp": ["20170908"]}


def test_wayback_without_snapshot_fails_with_both_reasons(server, tmp_path):
    api = server.base + "/wayback-none?url={url}&timestamp={timestamp}"
    row = hydrate(manifest(server.base + "/missing"), tmp_path,
                  settings=settings(wayback=True, wayback_api=api)).iloc[0]
    assert (row["status"], row["http_status"]) == ("failed", 404)
    assert row["reason"] == "HTTP 404 Not Found; Wayback: no snapshot"


def test_not_html_skips_wayback(server, tmp_path):
    row = hydrate(manifest(server.base + "/pdf"), tmp_path,
                  settings=settings(server, wayback=True)).iloc[0]
    assert row["status"] == "failed"
    assert [path for path, _ in server.requests] == ["/pdf"]


@pytest.mark.parametrize(
    "url, reason",
    [("ftp://files.example.invalid/a.txt", "not an http(s) URL: ftp"),
     ("www.example.invalid/no-scheme", "not an http(s) URL: (none)"),
     ("", "no URL in the manifest")],
    ids=["ftp", "no-scheme", "empty"],
)
def test_non_http_urls_are_skipped(tmp_path, url, reason):
    row = hydrate(manifest(url), tmp_path).iloc[0]
    assert (row["status"], row["reason"]) == ("skipped", reason)


def test_network_disabled_is_not_fetched(server, tmp_path):
    row = hydrate(manifest(server.base + "/ok"), tmp_path, network=False).iloc[0]
    assert (row["status"], row["reason"]) == ("not_fetched", "network disabled (--offline)")
    assert server.requests == []


def test_second_run_resumes_from_store(server, tmp_path):
    rows = manifest(server.base + "/ok", server.base + "/missing")
    first = hydrate(rows, tmp_path)
    assert first["status"].tolist() == ["fetched", "failed"]
    requests = len(server.requests)
    second = hydrate(rows, tmp_path)
    assert second.loc[0, ["status", "via", "reason"]].tolist() == [
        "fetched", "store", "stored earlier via web"]
    assert second.loc[1, "status"] == "failed"  # failures are tried again
    assert [path for path, _ in server.requests[requests:]] == ["/missing"]
    third = hydrate(rows, tmp_path, refetch=True)
    assert third.loc[0, "via"] == "web"


def test_status_file_is_sorted_by_id_and_round_trips(server, tmp_path):
    rows = pd.DataFrame({"id": ["b", "a", "c"], "url": [
        server.base + "/ok", "ftp://x.invalid/", server.base + "/missing"]})
    status = hydrate(rows, tmp_path)
    assert status["id"].tolist() == ["b", "a", "c"]  # manifest order
    saved = load_status(tmp_path / "store")
    assert saved["id"].tolist() == ["a", "b", "c"]
    expected = status.sort_values("id").reset_index(drop=True)
    pd.testing.assert_frame_equal(saved, expected, check_dtype=False)
    assert saved["http_status"].tolist()[1:] == [200, 404]


def test_load_status_without_file_is_empty(tmp_path):
    saved = load_status(tmp_path)
    assert list(saved.columns) == STATUS_COLUMNS and saved.empty


def test_interrupted_run_keeps_status(server, tmp_path, monkeypatch):
    def interrupt(html, url):
        raise KeyboardInterrupt

    monkeypatch.setattr(_web, "_extract", interrupt)  # where _download looks it up
    rows = manifest("ftp://x.invalid/", server.base + "/ok")
    with pytest.raises(KeyboardInterrupt):
        hydrate(rows, tmp_path)
    saved = load_status(tmp_path / "store").set_index("id")
    assert saved.loc["item-1", "status"] == "skipped"
    assert saved.loc["item-2", ["status", "reason"]].tolist() == [
        "not_fetched", "run stopped before this row"]


def test_offline_stops_after_connection_failures(closed_port, server, tmp_path):
    dead = f"http://127.0.0.1:{closed_port}"
    rows = manifest(*[f"{dead}/article-{n}" for n in range(12)])
    wayback_api = dead + "/wayback?url={url}&timestamp={timestamp}"
    status = hydrate(rows, tmp_path, settings=settings(
        workers=1, offline_after=3, wayback=True, wayback_api=wayback_api))
    assert status["status"].tolist() == ["failed"] * 3 + ["not_fetched"] * 9
    assert status.loc[0, "reason"].startswith("cannot connect: ")
    assert status.loc[0, "reason"].endswith("; Wayback: " + status.loc[0, "reason"].split("; ")[0])
    assert set(status["reason"][3:]) == {"no network: " + status.loc[2, "reason"].split("; ")[0]}


def test_a_response_means_the_network_works(closed_port, server, tmp_path):
    dead = f"http://127.0.0.1:{closed_port}"
    rows = manifest(server.base + "/missing", *[f"{dead}/article-{n}" for n in range(5)])
    status = hydrate(rows, tmp_path, settings=settings(workers=1, offline_after=2))
    assert status["status"].tolist() == ["failed"] * 6


@pytest.fixture
def mirror(tmp_path):
    folder = tmp_path / "mirror"
    folder.mkdir()
    (folder / "item-1.json").write_text(json.dumps(
        {"id": "item-1", "title": "From JSON", "text": "JSON text by outlet-a.",
         "author": "A. Writer"}))
    (folder / "item-1.txt").write_text("TXT text that must lose to the JSON.")
    (folder / "item-2.txt").write_text("Title: From TXT\nTXT text by outlet-a.\n")
    (folder / "item-2.html").write_bytes(b"<html><body><p>HTML that must lose.</p></body></html>")
    (folder / "item-3.html").write_bytes(ARTICLE)
    return folder


@pytest.mark.parametrize(
    "item_id, title, text",
    [("item-1", "From JSON", "JSON text by outlet-a."),
     ("item-2", "From TXT", "TXT text by outlet-a."),
     ("item-3", "Eastford bridge reopens", SENTENCE)],
    ids=["json-before-txt", "txt-before-html", "html-extracted"],
)
def test_read_mirror_item_precedence(mirror, item_id, title, text):
    item = read_mirror_item(mirror, item_id)
    assert item["title"] == title and text in item["text"]


def test_read_mirror_item_absent_is_none(mirror):
    assert read_mirror_item(mirror, "item-9") is None


@pytest.mark.parametrize(
    "name, content, match",
    [("x.json", b'{"title": "No text"}', r"x\.json: no 'text' field; add the article text"),
     ("x.json", b"{not json", r"x\.json: not valid JSON"),
     ("x.html", EMPTY_PAGE, r"x\.html: no article text could be extracted.*x\.txt")],
    ids=["json-without-text", "json-invalid", "html-without-text"],
)
def test_read_mirror_item_errors(tmp_path, name, content, match):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(CorpusError, match=match):
        read_mirror_item(tmp_path, "x")


def test_hydrate_from_mirror_without_network(mirror, tmp_path):
    rows = manifest(*["https://outlet-a.example.invalid/story"] * 4)
    status = hydrate(rows, tmp_path, mirror=mirror, network=False)
    assert status["via"].tolist() == ["mirror"] * 3 + [""]
    assert status["status"].tolist() == ["fetched"] * 3 + ["not_fetched"]
    assert status.loc[0, "final_url"] == str(mirror / "item-1.json")
    stored = json.loads((tmp_path / "store" / "item-1.json").read_text(encoding="utf-8"))
    assert (stored["text"], stored["author"], stored["via"]) == (
        "JSON text by outlet-a.", "A. Writer", "mirror")
    assert stored["url"] == "https://outlet-a.example.invalid/story"  # the manifest row wins


@pytest.mark.parametrize(
    "rows, match",
    [(pd.DataFrame({"id": ["a", "b", "a"], "url": ["http://x.invalid/"] * 3}),
      r"manifest:4: duplicate id 'a' \(first on line 2\); give each row its own id"),
     (pd.DataFrame({"id": ["a"], "link": ["http://x.invalid/"]}),
      r"manifest: no 'url' column \(found: id, link\)"),
     (pd.DataFrame({"url": ["http://x.invalid/"]}), r"manifest: no 'id' column"),
     (pd.DataFrame({"id": ["a", None], "url": ["http://x.invalid/"] * 2}),
      r"manifest:3: empty id"),
     (pd.DataFrame({"id": ["../escape"], "url": ["http://x.invalid/"]}),
      r"manifest:2: id '\.\./escape' cannot be a file name")],
    ids=["duplicate-id", "no-url-column", "no-id-column", "empty-id", "path-in-id"],
)
def test_bad_manifest(tmp_path, rows, match):
    with pytest.raises(CorpusError, match=match):
        hydrate(rows, tmp_path)


def test_manifest_path_names_the_file(tmp_path):
    rows = pd.DataFrame({"id": ["a", "a"], "url": ["http://x.invalid/"] * 2})
    rows.attrs["path"] = "corpus/x/coverage.csv"
    with pytest.raises(CorpusError, match=r"^corpus/x/coverage\.csv:3: duplicate id"):
        hydrate(rows, tmp_path)


def test_settings_reject_nonsense():
    with pytest.raises(CorpusError, match="workers must be positive"):
        FetchSettings(workers=0)
