"""Tests for slant.corpus._datasets: fetching, verifying and reading registered datasets."""

import dataclasses
import functools
import hashlib
import http.server
import socket
import threading
from pathlib import Path

import pandas as pd
import pytest

from conftest import SHARED
from slant.corpus._datasets import (
    DATASETS,
    FAKES_COLUMNS,
    default_cache,
    detect_wire_credit,
    fetch_dataset,
    load_dataset,
    repair_mangled,
)
from slant.corpus._errors import CorpusError
from slant.corpus._model import RAW_COLUMNS

FAKES_FILE = SHARED / "corpora" / "fa-kes" / "FA-KES-Dataset.csv"
needs_shared = pytest.mark.skipif(
    not FAKES_FILE.is_file(), reason="needs ../shared (FA-KES mirror)"
)

# An invented FA-KES-shaped file: latin-1 bytes, CRLF, legacy 0x95 pairs, a quoted text spanning
# two lines, a wire trailer, a bad date, a repeated unit_id with another label and an empty text.
TEXT_101 = (
    b'"Tue 2 Feb 2016 Bridge opens. The council\x95_s new bridge \x95_ a \x95\x81modest\x95\x81 one'
    b' \x95_ links two quarters.\r\nBuses use it from Monday. - REUTERS"'
)
FIXTURE_LINES = [
    b"unit_id,article_title,article_content,source,date,location,labels",  # line 1
    b"101,Bridge opens in \x95\x81old town\x95\x81," + TEXT_101 + b",outlet-a,2/2/2016,aleppo,1",
    (b'102,Market reopens,"RIVERTON (AFP) - Stalls reopened on Sunday after the storm.",'
     b"outlet-b,13/45/2016,homs,0"),  # line 4
    b"101,Bridge opens in old town," + TEXT_101 + b",outlet-a,2/2/2016,aleppo,0",  # lines 5-6
    b'103,Nothing here,"",outlet-a,3/1/2016,idlib,1',  # line 7
    b"104,Rain expected,Rain is expected in the valley this week.,outlet-a,12/31/2017,hama,1",
]
FIXTURE = b"\r\n".join(FIXTURE_LINES) + b"\r\n"
REPAIRED_101 = (
    'Tue 2 Feb 2016 Bridge opens. The council\'s new bridge - a "modest" one - links two '
    "quarters.\r\nBuses use it from Monday. - REUTERS"
)


@pytest.fixture
def tiny_spec(monkeypatch, tmp_path):
    """Register the invented file as dataset 'tiny-fakes'; keep the real cache and mirror out."""
    spec = dataclasses.replace(
        DATASETS["fa-kes"],
        name="tiny-fakes",
        filename="tiny.csv",
        mirror_subdir="tiny",
        sha256=hashlib.sha256(FIXTURE).hexdigest(),
        url=closed_port_url(),
    )
    monkeypatch.setitem(DATASETS, spec.name, spec)
    monkeypatch.delenv("SLANT_MIRROR", raising=False)
    monkeypatch.setenv("SLANT_CACHE", str(tmp_path / "default-cache"))
    return spec


@pytest.fixture
def mirror(tmp_path):
    root = tmp_path / "mirror"
    (root / "tiny").mkdir(parents=True)
    (root / "tiny" / "tiny.csv").write_bytes(FIXTURE)
    return root


@pytest.fixture
def served(tmp_path):
    """A local HTTP server over tmp_path/www; yields (base URL, list of requested paths)."""
    www = tmp_path / "www"
    www.mkdir()
    requests = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            super().do_GET()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(www))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield www, f"http://127.0.0.1:{server.server_address[1]}", requests
    server.shutdown()
    server.server_close()


@pytest.fixture
def served_spec(tiny_spec, served, monkeypatch):
    """tiny_spec downloading from the local server's /tiny.csv."""
    spec = dataclasses.replace(tiny_spec, url=f"{served[1]}/tiny.csv")
    monkeypatch.setitem(DATASETS, spec.name, spec)
    return spec


def closed_port_url():
    """A URL on a local port nothing listens on: connecting is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/x.csv"


# --- reading ----------------------------------------------------------------------------------


def test_load_fixture_rows(tiny_spec, mirror):
    raw, _ = load_dataset("tiny-fakes", mirror=mirror, download=False)
    assert list(raw.columns) == RAW_COLUMNS + FAKES_COLUMNS
    assert raw["id"].tolist() == ["fakes-101", "fakes-102", "fakes-104"]
    assert raw["line"].tolist() == [2, 4, 8]
    assert raw["outlet_name"].tolist() == ["outlet-a", "outlet-b", "outlet-a"]
    assert raw["label"].tolist() == ["credible", "fake", "credible"]
    assert raw["unit_id"].tolist() == ["101", "102", "104"]
    assert raw["url"].tolist() == ["", "", ""]
    assert raw["language"].tolist() == ["en", "en", "en"]


def test_load_fixture_repairs_mangled_quotes(tiny_spec, mirror):
    raw, _ = load_dataset("tiny-fakes", mirror=mirror, download=False)
    first = raw.iloc[0]
    assert first["title"] == 'Bridge opens in "old town"'
    assert first["text"] == REPAIRED_101


def test_load_fixture_wire_credit(tiny_spec, mirror):
    raw, _ = load_dataset("tiny-fakes", mirror=mirror, download=False)
    assert raw["wire_credit"].tolist() == ["reuters", "afp", ""]


def test_load_fixture_dates(tiny_spec, mirror):
    raw, _ = load_dataset("tiny-fakes", mirror=mirror, download=False)
    assert raw["date"].iloc[0] == pd.Timestamp("2016-02-02")
    assert pd.isna(raw["date"].iloc[1])
    assert raw["date"].iloc[2] == pd.Timestamp("2017-12-31")


def test_load_fixture_issues(tiny_spec, mirror):
    _, issues = load_dataset("tiny-fakes", mirror=mirror, download=False)
    summary = [(row["line"], row["item"], row["action"]) for row in issues]
    assert summary == [
        (2, "fakes-101", "repaired"),
        (4, "fakes-102", "flagged"),
        (5, "fakes-101", "skipped"),
        (7, "fakes-103", "skipped"),
    ]
    repaired, bad_date, duplicate, empty = (row["reason"] for row in issues)
    assert repaired.startswith("7 mangled quote characters (legacy encoding) replaced")
    assert bad_date == "bad date '13/45/2016'"
    assert "repeats the row at line 2 (kept)" in duplicate
    assert "labels conflict (1 there, 0 here)" in duplicate
    assert "texts differ" not in duplicate
    assert "empty" in empty
    assert {row["source"] for row in issues} == {"dataset:tiny-fakes"}
    assert {row["file"] for row in issues} == {str(mirror / "tiny" / "tiny.csv")}


@pytest.mark.parametrize(
    "mangled, repaired",
    [
        ("the town\x95_s mayor", "the town's mayor"),
        ("a \x95\x81safe zone\x95\x81 near", 'a "safe zone" near'),
        ("\x95_28 dead\x95_", '"28 dead"'),
        ("kill 39 \x95_ monitor", "kill 39 - monitor"),
        ("1 \x95\xb5 2015", "1 - 2015"),
        ("Ahmet Day\x95\x81o", "Ahmet Dayo"),
        ("no debris here", "no debris here"),
    ],
    ids=["apostrophe", "quotes", "quotes-at-edges", "dash", "dash-b5", "lost-letter", "clean"],
)
def test_repair_mangled(mangled, repaired):
    assert repair_mangled(mangled) == (repaired, mangled.count("\x95"))


@pytest.mark.parametrize(
    "text, title, credit",
    [
        ("The road was shut. - REUTERS", "", ("reuters", "trailer")),
        ("The road was shut.--AFP", "", ("afp", "trailer")),
        ("The road was shut. --Reuters", "", ("reuters", "trailer")),
        ("The road was shut. (AFP)", "", ("afp", "trailer")),
        ("The road was shut. Source Reuters", "", ("reuters", "trailer")),
        ("The road was shut; FNA reported. 218-11", "", ("fna", "trailer")),
        ("The road was shut Press TV reported. SSH 11", "", ("presstv", "trailer")),
        ("Road shut Monitor AFP Friday 3 Jun 2016 The road was shut.", "", ("afp", "byline")),
        ("Friday 3 Jun 2016 Road shut Reuters The road...", "Road shut", ("reuters", "byline")),
        ("Road shut. MOSCOW (Sputnik) The road was shut.", "", ("sputnik", "dateline")),
        ("Road shut. Afp - The road was shut.", "", ("afp", "dateline")),
        ("A road in Homs on May 2 2016. (Reuters) The road was shut.", "", ("", "")),
        ("The road was shut. Comment via Sputnik News", "", ("", "")),
        ("The road was shut. Agencies contributed to this report", "", ("", "")),
        ("The road was shut. Our Standards:The Thomson Reuters Trust Principles.", "", ("", "")),
        ("Happy to map the road.", "", ("", "")),
    ],
    ids=[
        "dash-trailer",
        "double-dash-trailer",
        "double-dash-mixed-case",
        "paren-trailer",
        "source-trailer",
        "reported-trailer",
        "reported-broadcaster",
        "byline-before-weekday",
        "byline-after-dated-title",
        "caps-dateline",
        "dash-dateline",
        "photo-caption-not-credit",
        "site-boilerplate-not-credit",
        "generic-agencies-not-credit",
        "reuters-footer-not-credit",
        "ap-inside-words",
    ],
)
def test_detect_wire_credit(text, title, credit):
    assert detect_wire_credit(text, title) == credit


# --- fetching ---------------------------------------------------------------------------------


def test_mirror_checksum_mismatch(tiny_spec, mirror):
    (mirror / "tiny" / "tiny.csv").write_bytes(FIXTURE.replace(b"Rain", b"Snow"))
    with pytest.raises(CorpusError, match=r"tiny\.csv: sha256 [0-9a-f]{64} .* expected sha256"):
        fetch_dataset("tiny-fakes", mirror=mirror, download=False)


def test_cache_checksum_mismatch(tiny_spec, tmp_path):
    cached = tmp_path / "cache" / "datasets" / "tiny-fakes" / "tiny.csv"
    cached.parent.mkdir(parents=True)
    cached.write_bytes(b"not the file")
    with pytest.raises(CorpusError, match="sha256.*delete it"):
        fetch_dataset("tiny-fakes", cache=tmp_path / "cache", download=False)


def test_unknown_dataset_lists_known_names(tiny_spec):
    with pytest.raises(CorpusError, match="unknown dataset 'nope'; known datasets: babe, fa-kes, fignews-2024-texts, fignews-2024-votes, "
                       "mpqa-subjectivity, narrative-frames, penn-sentences-1, penn-sentences-2, penn-sentences-3, "
                       "recasens2013-.*, tiny"):
        fetch_dataset("nope")


def test_missing_everywhere_and_no_network(tiny_spec, tmp_path):
    cache = tmp_path / "cache"
    with pytest.raises(CorpusError) as caught:
        fetch_dataset("tiny-fakes", mirror=tmp_path / "empty", cache=cache, progress=False)
    message = str(caught.value)
    assert str(tmp_path / "empty" / "tiny" / "tiny.csv") in message
    assert str(cache / "datasets" / "tiny-fakes" / "tiny.csv") in message
    assert "download from http://127.0.0.1:" in message and "failed" in message
    assert "slant fetch" in message and "SLANT_MIRROR" in message
    assert list((cache / "datasets" / "tiny-fakes").iterdir()) == []  # no partial file left


def test_download_turned_off(tiny_spec, tmp_path):
    with pytest.raises(CorpusError, match=r"download=False.*slant fetch"):
        fetch_dataset("tiny-fakes", cache=tmp_path / "cache", download=False)


def test_download_then_cache(served_spec, served, tmp_path):
    www, _, requests = served
    (www / "tiny.csv").write_bytes(FIXTURE)
    cache = tmp_path / "cache"
    path = fetch_dataset("tiny-fakes", cache=cache, progress=False)
    assert path == cache / "datasets" / "tiny-fakes" / "tiny.csv"
    assert path.read_bytes() == FIXTURE
    assert [p.name for p in path.parent.iterdir()] == ["tiny.csv"]  # no temporary file left
    assert requests == ["/tiny.csv"]
    assert fetch_dataset("tiny-fakes", cache=cache, progress=False) == path
    assert requests == ["/tiny.csv"]  # the second call used the cache


def test_download_checksum_mismatch_saves_nothing(served_spec, served, tmp_path):
    www, _, _ = served
    (www / "tiny.csv").write_bytes(b"another version")
    cache = tmp_path / "cache"
    with pytest.raises(CorpusError, match="downloaded sha256 .* nothing was saved"):
        fetch_dataset("tiny-fakes", cache=cache, progress=False)
    assert list((cache / "datasets" / "tiny-fakes").iterdir()) == []


def test_download_tries_exact_copy_then_canonical(served_spec, served, tmp_path, monkeypatch):
    www, base, requests = served
    (www / "tiny.csv").write_bytes(b"another version")  # the canonical URL serves other bytes
    (www / "exact.csv").write_bytes(FIXTURE)
    spec = dataclasses.replace(served_spec, other_urls=(f"{base}/missing.csv", f"{base}/exact.csv"))
    monkeypatch.setitem(DATASETS, spec.name, spec)
    path = fetch_dataset("tiny-fakes", cache=tmp_path / "cache", progress=False)
    assert path.read_bytes() == FIXTURE
    assert requests == ["/missing.csv", "/exact.csv"]  # stops at the first good copy
    (www / "exact.csv").unlink()
    with pytest.raises(CorpusError, match=r"missing.csv failed: HTTP Error 404.*exact.csv failed.*"
                                          r"tiny.csv failed: .*does not match"):
        fetch_dataset("tiny-fakes", cache=tmp_path / "other-cache", progress=False)


def test_mirror_from_environment(tiny_spec, mirror, monkeypatch):
    monkeypatch.setenv("SLANT_MIRROR", str(mirror))
    assert fetch_dataset("tiny-fakes", download=False) == mirror / "tiny" / "tiny.csv"


def test_default_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("SLANT_CACHE", str(tmp_path))
    assert default_cache() == tmp_path
    monkeypatch.delenv("SLANT_CACHE")
    assert default_cache() == Path.home() / ".cache" / "slant"


# --- the real FA-KES file ---------------------------------------------------------------------

#: Articles per outlet slug after dropping the 12 repeated unit_ids (SOURCE.md counts minus repeats:
#: sana 56-5, etilaf 46-2, reuters 26-3, arabiya 22-1, alalam 90-1).
FAKES_OUTLET_COUNTS = {
    "ahram": 149, "manar": 105, "alalam": 89, "alaraby": 84, "dailysabah": 74, "sputnik": 53,
    "sana": 51, "etilaf": 44, "trt": 42, "jordantimes": 28, "reuters": 23, "arabiya": 21,
    "nna": 13, "asharqalawsat": 11, "tass": 5,
}  # fmt: skip
#: Wire credits found per outlet slug (surveyed by hand over the file's heads and tails).
FAKES_WIRE_CREDITS = {
    ("ahram", "afp"): 108, ("ahram", "ap"): 9, ("ahram", "reuters"): 14,
    ("alalam", "afp"): 2, ("alalam", "anadolu"): 1, ("alalam", "fna"): 9, ("alalam", "presstv"): 6,
    ("alalam", "reuters"): 1, ("alalam", "sana"): 4, ("alalam", "sputnik"): 4,
    ("manar", "sana"): 1,
    ("nna", "afp"): 4, ("nna", "nna"): 2, ("nna", "reuters"): 5,
    ("sana", "sana"): 2,
    ("sputnik", "sputnik"): 31,
    ("trt", "reuters"): 1,
}  # fmt: skip


@pytest.fixture(scope="module")
def fakes():
    return load_dataset("fa-kes", mirror=SHARED / "corpora", download=False, progress=False)


@pytest.mark.shared
@needs_shared
def test_fakes_fetch_verifies_mirror(tmp_path):
    path = fetch_dataset("fa-kes", mirror=SHARED / "corpora", cache=tmp_path, download=False)
    assert path == FAKES_FILE


@pytest.mark.shared
@needs_shared
def test_fakes_counts(fakes):
    raw, issues = fakes
    assert len(raw) == 792
    assert raw["id"].is_unique
    assert raw["outlet_name"].value_counts().to_dict() == FAKES_OUTLET_COUNTS
    skipped = [row for row in issues if row["action"] == "skipped"]
    assert len(skipped) == 804 - 792
    assert all("labels conflict" in row["reason"] for row in skipped if row["line"] != 547)
    assert sum(row["action"] == "repaired" for row in issues) == 53
    assert raw["date"].notna().all()
    assert raw["label"].value_counts().to_dict() == {"credible": 419, "fake": 373}


@pytest.mark.shared
@needs_shared
def test_fakes_no_mangled_bytes_left(fakes):
    raw, _ = fakes
    assert not raw["text"].str.contains("\x95").any()
    assert not raw["title"].str.contains("\x95").any()


@pytest.mark.shared
@needs_shared
def test_fakes_wire_credits(fakes):
    raw, _ = fakes
    credited = raw[raw["wire_credit"] != ""]
    assert credited.groupby(["outlet_name", "wire_credit"]).size().to_dict() == FAKES_WIRE_CREDITS
    trailers = [
        detect_wire_credit(text, title)
        for text, title in zip(raw["text"], raw["title"], strict=True)
    ]
    assert trailers.count(("reuters", "trailer")) == 6
