"""A real headless Chromium opens the report: images render, nothing is fetched from a host.

Needs the Debian packages chromium and chromium-driver (/usr/bin/chromium,
/usr/bin/chromedriver); skipped where either is absent. Selenium Manager is never used:
the browser binary and the driver path are passed explicitly.

Two independent records of what the pages requested:
- the DevTools performance log (per page): every request a document loaded from a file
  made, whatever its scheme, including ``file://host/...`` that a protocol-relative
  ``//host/x.css`` becomes on a file page;
- Chromium's net log (browser-wide, ``--log-net-log``): requests through the network stack.
  File URLs never appear in it; Chromium's own background calls (update checks, account
  lookups) do, with ``initiator`` "not an origin", so only requests initiated by a page
  (opaque file origin ``null``, isolation key ``file://``) count.
``test_checks_catch_remote_fetch`` shows both records catch a page that loads from a host.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path

import pytest

from test_report import build_tiny_report

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
        reason="needs /usr/bin/chromium and /usr/bin/chromedriver "
        "(apt-get install chromium chromium-driver)",
    ),
]

#: Flags that keep Chromium from calling home on its own, so the logs show the pages.
QUIET_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,Translate",
    "--no-first-run",
    "--no-default-browser-check",
    "--no-pings",
    "--disable-quic",
    "--window-size=1200,900",
]

#: Schemes a report page may load: its own folder and inline data.
LOCAL = ("file:///", "data:")


@contextmanager
def chromium(tmp_path: Path):
    """Headless Chromium with a fresh profile, a net log and the DevTools performance log."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in QUIET_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path / 'profile'}")
    options.add_argument(f"--log-net-log={tmp_path / 'netlog.json'}")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()  # also flushes and closes the net log


def page_requests(driver) -> list[str]:
    """URLs requested by documents loaded from file: since the last call (DevTools log)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        if message["method"] == "Network.requestWillBeSent" and params.get(
            "documentURL", ""
        ).startswith("file:"):
            urls.append(params["request"]["url"])
    return urls


def netlog_page_requests(path: Path) -> list[str]:
    """URLs of network requests a page initiated, from Chromium's net log.

    The log is ``{"constants": ..., "events": [...]}``; a browser that died leaves it
    unterminated, which is repaired by closing the list.
    """
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        log = json.loads(text)
    except json.JSONDecodeError:
        log = json.loads(text.rstrip().rstrip(",") + "]}")
    start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    urls = []
    for event in log.get("events", []):
        params = event.get("params", {})
        if event["type"] != start_job or "url" not in params:
            continue
        by_page = params.get("initiator") != "not an origin" or "file://" in str(
            params.get("network_isolation_key", "")
        )
        if by_page:
            urls.append(params["url"])
    return urls


def test_report_opens_offline(tmp_path):
    index = build_tiny_report(tmp_path)
    requested = []
    with chromium(tmp_path) as browser:
        browser.get(index.as_uri())
        assert browser.title.startswith("slant report: tiny")
        browser.find_element("link text", "01 · Tiny").click()
        assert browser.current_url.endswith("/01_tiny.html")
        widths = browser.execute_script(
            "return Array.from(document.images).map(i => i.complete ? i.naturalWidth : 0);"
        )
        assert widths and all(width > 0 for width in widths), widths
        # the hostile string from the notebook is shown as text, not run
        assert "<script>alert(1)</script>" in browser.find_element("tag name", "body").text
        shot = tmp_path / "page.png"
        assert browser.save_screenshot(str(shot))
        browser.find_element("partial link text", "slant report:").click()
        assert browser.current_url.endswith("/index.html")
        requested = page_requests(browser)

    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 1000
    assert any(url.endswith("/01_tiny.html") for url in requested), requested
    assert [url for url in requested if not url.startswith(LOCAL)] == []
    assert netlog_page_requests(tmp_path / "netlog.json") == []


def test_checks_catch_remote_fetch(tmp_path):
    """A page that loads from hosts (.invalid never resolves) is caught by both records."""
    page = tmp_path / "remote.html"
    page.write_text(
        '<html><head><script src="https://cdn.example.invalid/x.js"></script>'
        '<link rel="stylesheet" href="//fonts.example.invalid/a.css"></head>'
        '<body><img src="http://img.example.invalid/x.png"></body></html>',
        encoding="utf-8",
    )
    with chromium(tmp_path) as browser:
        browser.get(page.as_uri())
        requested = page_requests(browser)
    remote = sorted(url for url in requested if not url.startswith(LOCAL))
    assert remote == [
        "file://fonts.example.invalid/a.css",
        "http://img.example.invalid/x.png",
        "https://cdn.example.invalid/x.js",
    ]
    assert sorted(netlog_page_requests(tmp_path / "netlog.json")) == remote[1:]
