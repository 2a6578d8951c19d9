"""Corpus stage: a registry of public datasets, fetched and verified like sklearn's ``fetch_*``.

``fetch_dataset`` returns the path of a local copy whose sha256 matches the registry: from a mirror
folder, the cache, or a download. ``load_dataset`` reads it into a raw table (``RAW_COLUMNS`` plus
the dataset's own columns) and a list of load-report rows (``issue(...)`` dicts).
"""

from __future__ import annotations

import csv
import hashlib
import http.client
import io
import os
import re
import tempfile
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from ._errors import CorpusError
from ._model import RAW_COLUMNS, issue

__all__ = [
    "DATASETS",
    "FAKES_COLUMNS",
    "WIRE_AGENCIES",
    "DatasetSpec",
    "default_cache",
    "detect_wire_credit",
    "fetch_dataset",
    "load_dataset",
    "read_fakes",
    "repair_mangled",
]

#: Seconds to wait for the server at each network step (connect, each read) before giving up.
DOWNLOAD_TIMEOUT = 60
#: Bytes read per step when downloading or hashing.
CHUNK_BYTES = 1 << 16


@dataclass(frozen=True)
class DatasetSpec:
    """Where a dataset lives, how to verify it and how to read it."""

    name: str  # registry key, e.g. "fa-kes"
    filename: str  # file name in the mirror, the cache and the download
    url: str  # canonical download address (tried last when other_urls are given)
    sha256: str  # of the known good copy
    license: str
    citation: str
    description: str
    mirror_subdir: str  # <mirror>/<mirror_subdir>/<filename>
    reader: Callable[[Path, DatasetSpec], tuple[pd.DataFrame, list[dict]]]  # path -> (raw, issues)
    other_urls: tuple[str, ...] = ()  # exact copies of the known file, tried before url

    @property
    def download_urls(self) -> tuple[str, ...]:
        """Addresses to try in order: exact copies first, then the canonical one."""
        return (*self.other_urls, self.url)


def default_cache() -> Path:
    """The cache root: ``$SLANT_CACHE``, else ``~/.cache/slant``.

    Datasets are kept in ``<cache>/datasets/<name>/``.
    """
    root = os.environ.get("SLANT_CACHE")
    return Path(root).expanduser() if root else Path.home() / ".cache" / "slant"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def _verify(path: Path, spec: DatasetSpec, fix: str) -> Path:
    actual = _sha256(path)
    if actual != spec.sha256:
        raise CorpusError(
            f"{path}: sha256 {actual} does not match the expected sha256 {spec.sha256} of "
            f"dataset {spec.name!r}; {fix}"
        )
    return path


def _download(spec: DatasetSpec, url: str, target: Path, *, progress: bool) -> None:
    """Stream url into a temporary file beside target, check it, then rename it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, part = tempfile.mkstemp(prefix=f".{spec.filename}.", suffix=".part", dir=target.parent)
    digest = hashlib.sha256()
    try:
        with (
            os.fdopen(handle, "wb") as out,
            urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT) as response,
        ):
            total = int(response.headers.get("Content-Length") or 0) or None
            with tqdm(
                total=total, unit="B", unit_scale=True, desc=spec.filename, disable=not progress
            ) as bar:
                while chunk := response.read(CHUNK_BYTES):
                    out.write(chunk)
                    digest.update(chunk)
                    bar.update(len(chunk))
        if digest.hexdigest() != spec.sha256:
            raise CorpusError(
                f"{url}: downloaded sha256 {digest.hexdigest()} does not match the expected "
                f"sha256 {spec.sha256} of dataset {spec.name!r}; nothing was saved. The server may "
                f"hold another version: set SLANT_MIRROR or --mirror to a folder holding "
                f"{spec.mirror_subdir}/{spec.filename} from a good copy"
            )
        os.replace(part, target)
    finally:
        if os.path.exists(part):
            os.remove(part)


def fetch_dataset(
    name: str,
    *,
    mirror: Path | None = None,
    cache: Path | None = None,
    download: bool = True,
    progress: bool = True,
) -> Path:
    """Return the path of a verified local copy of a registered dataset.

    Parameters
    ----------
    name : str
        Registry key, e.g. ``"fa-kes"`` (see ``DATASETS``).
    mirror : Path, optional
        Folder holding ``<mirror_subdir>/<filename>`` (default ``$SLANT_MIRROR``); checked first.
    cache : Path, optional
        Cache root (default ``default_cache()``); the copy lives in ``<cache>/datasets/<name>/``.
    download : bool
        Download from ``spec.download_urls`` (in order) into the cache when no copy is found.
    progress : bool
        Show a tqdm progress bar while downloading.

    Returns
    -------
    Path
        A file whose sha256 equals ``spec.sha256``.

    Raises
    ------
    CorpusError
        Unknown name; a copy whose sha256 differs (never used); no copy and no download.
    """
    spec = _spec(name)
    if mirror is None and os.environ.get("SLANT_MIRROR"):
        mirror = Path(os.environ["SLANT_MIRROR"])
    mirror_path = None if mirror is None else Path(mirror) / spec.mirror_subdir / spec.filename
    cache_path = Path(cache if cache is not None else default_cache()) / "datasets" / spec.name
    cache_path = cache_path / spec.filename
    if mirror_path is not None and mirror_path.is_file():
        return _verify(mirror_path, spec, "point --mirror / SLANT_MIRROR at a good copy")
    if cache_path.is_file():
        return _verify(cache_path, spec, "delete it and run `slant fetch` again")
    if download:
        failures = []
        for url in spec.download_urls:
            try:
                _download(spec, url, cache_path, progress=progress)
                return cache_path
            # URLError, HTTPError, timeouts and disk errors are OSErrors; a cut-off body is not;
            # a checksum mismatch (CorpusError) is reported with the rest, never ignored
            except (OSError, http.client.HTTPException, CorpusError) as error:
                failures.append(f"the download from {url} failed: {error}")
        failure = "; ".join(failures)
    else:
        failure = "downloading was turned off (download=False)"
    looked = f"mirror {mirror_path} (not found)" if mirror_path else "no mirror (none set)"
    raise CorpusError(
        f"dataset {spec.name!r} not found: looked in {looked} and cache {cache_path} (not found); "
        f"{failure}. Fix: run `slant fetch CORPUS` (a corpus that lists dataset: {spec.name}) on a machine with internet, or set "
        f"SLANT_MIRROR / --mirror to a folder holding {spec.mirror_subdir}/{spec.filename}"
    )


def load_dataset(
    name: str,
    *,
    mirror: Path | None = None,
    cache: Path | None = None,
    download: bool = True,
    progress: bool = True,
) -> tuple[pd.DataFrame, list[dict]]:
    """Fetch a dataset (see ``fetch_dataset``) and read it with its reader.

    Returns
    -------
    raw : DataFrame
        ``RAW_COLUMNS`` then the dataset's own columns (FA-KES: ``FAKES_COLUMNS``), in file order.
    issues : list of dict
        One ``issue(...)`` row per article skipped, repaired or flagged.
    """
    spec = _spec(name)
    path = fetch_dataset(name, mirror=mirror, cache=cache, download=download, progress=progress)
    return spec.reader(path, spec)


def _spec(name: str) -> DatasetSpec:
    if name not in DATASETS:
        known = ", ".join(sorted(DATASETS))
        raise CorpusError(f"unknown dataset {name!r}; known datasets: {known}")
    return DATASETS[name]


# --- FA-KES -------------------------------------------------------------------------------------

#: Columns of the FA-KES file (Abu Salem et al. 2019), checked on read.
FAKES_FILE_COLUMNS = [
    "unit_id",
    "article_title",
    "article_content",
    "source",
    "date",
    "location",
    "labels",
]
#: Columns FA-KES adds after RAW_COLUMNS.
FAKES_COLUMNS = ["location", "label", "unit_id"]
#: Zenodo record 2607278: 1 = credible, 0 = fake.
FAKES_LABELS = {"1": "credible", "0": "fake"}

#: Legacy-encoding debris in FA-KES: a 0x95 byte plus 0x81, "_" or 0xB5 (read as latin-1) stands
#: for one character the file's producer could not encode (curly quotes, dashes, Turkish letters).
MANGLED = re.compile("\x95[\x81_\xb5]")

#: Wire agencies credited in FA-KES texts (id -> the names seen). Short names are case-sensitive so
#: that "ap" or "sana" inside ordinary words never match.
WIRE_AGENCIES = {
    "reuters": r"Reuters|REUTERS|reuters",
    "afp": r"AFP|Afp",
    "ap": r"AP",
    "anadolu": r"Anadolu Agency",
    "fna": r"FNA",
    "nna": r"NNA",
    "presstv": r"Press TV",
    "sana": r"SANA(?: news agency)?|Sana News|Sana",
    "sputnik": r"Sputnik",
}
_AGENCY = "(?P<agency>" + "|".join(WIRE_AGENCIES.values()) + ")"
_WEEKDAY_DATE = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day \d{1,2} [A-Z][a-z]{2} \d{4}"
#: How FA-KES texts credit a wire, tried in this order (the first that matches wins).
WIRE_PATTERNS = [
    # trailer: "... said. - REUTERS", "...2011.-AFP", "... --Reuters", "(AFP)" at the very end
    ("trailer", re.compile(r"(?:[-\u2013\u2014]+\s*|\(\s*)" + _AGENCY + r"\s*\)?\.?\s*$")),
    # trailer: "Source Reuters", "Source SANA"
    ("trailer", re.compile(r"\bSource:?\s+" + _AGENCY + r"\.?\s*$")),
    # trailer: "...; FNA reported. 218-11", "Anadolu Agency reports. 20" (editor codes may follow)
    # ("eported" is a typo seen once in the file)
    (
        "trailer",
        re.compile(_AGENCY + r"\s+r?eport(?:s|ed)\.?(?:\s+(?:[A-Z]{2,4}|[\d-]+)){0,2}\s*$"),
    ),
    # byline between headline and date: "... Monitor AFP Friday 24 Oct 2014 Ten children ..."
    ("byline", re.compile(r"\b" + _AGENCY + r" " + _WEEKDAY_DATE)),
    # dateline: "MOSCOW (Sputnik)", "DEIR EZ-ZOR (Syria) (Sputnik)"
    (
        "dateline",
        re.compile(
            r"\b[A-Z]{2}[A-Z'-]*(?: [A-Z]{2}[A-Z'-]*)*(?: \([A-Za-z ]+\))? \(" + _AGENCY + r"\)"
        ),
    ),
    # dateline: "Regional NNA - Twin car bombs", "Aleppo SANA-Terrorist", "REUTERS- Nusra Front"
    ("dateline", re.compile(r"\b" + _AGENCY + r" ?[-\u2013\u2014]+ ?(?=[A-Z])")),
]


def detect_wire_credit(text: str, title: str = "") -> tuple[str, str]:
    """Return (agency id, how it was credited) for a FA-KES text, or ("", "") when none is found.

    Besides ``WIRE_PATTERNS``, a byline right after a dated headline counts
    ("Tuesday 4 Apr 2017 <title> Reuters A suspected gas attack ...").
    """
    for how, pattern in WIRE_PATTERNS:
        match = pattern.search(text)
        if match:
            return _agency_id(match["agency"]), how
    if title.strip():
        dated_title = r"(?:UPDATED )?" + _WEEKDAY_DATE + r"\s+" + re.escape(title.strip())
        head = re.match(dated_title + r"\s+" + _AGENCY + r"\b", text)
        if head:
            return _agency_id(head["agency"]), "byline"
    return "", ""


def _agency_id(name: str) -> str:
    return next(key for key, names in WIRE_AGENCIES.items() if re.fullmatch(names, name))


def repair_mangled(value: str) -> tuple[str, int]:
    """Replace MANGLED pairs by context; return the text and the number replaced.

    Between two letters a pair is an apostrophe ("Syria's") when it is "\\x95_", else a lost letter
    (Turkish names: dropped, as the file already drops other non-ASCII letters); between spaces it
    is a dash ("... at least 39 - monitor"); at a word's edge it is a quotation mark.
    """

    def replace(match: re.Match) -> str:
        before = value[match.start() - 1] if match.start() else " "
        after = value[match.end()] if match.end() < len(value) else " "
        if before.isalpha() and after.isalpha():
            return "'" if match.group() == "\x95_" else ""
        if before.isspace() and after.isspace():
            return "-"
        return '"'

    return MANGLED.sub(replace, value), len(MANGLED.findall(value))


def _parse_rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and (starting line, fields) of each record; quoted fields may span lines."""
    # latin-1 maps every byte to one character, so the legacy 0x95 pairs survive for repair_mangled
    text = path.read_bytes().decode("latin-1")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, [])
        rows, start = [], reader.line_num + 1
        for fields in reader:
            rows.append((start, fields))
            start = reader.line_num + 1
    except csv.Error as error:
        raise CorpusError(
            f"{path}:{start}: not readable as CSV ({error}); use a good copy"
        ) from error
    return header, rows


def read_fakes(path: Path, spec: DatasetSpec) -> tuple[pd.DataFrame, list[dict]]:
    """Read ``FA-KES-Dataset.csv`` into ``RAW_COLUMNS + FAKES_COLUMNS`` and load-report rows.

    Repairs legacy quote bytes (one issue per article), drops repeated ``unit_id`` rows and empty
    texts (one issue each), flags bad dates and labels, and detects wire credits.
    """
    note = partial(issue, f"dataset:{spec.name}", path)  # note(line, item, action, reason, fix)
    header, rows = _parse_rows(path)
    missing = [column for column in FAKES_FILE_COLUMNS if column not in header]
    if missing:
        raise CorpusError(f"{path}:1: missing column(s) {', '.join(missing)}; use a good copy")
    issues, kept = [], {}
    for line, fields in rows:
        if len(fields) != len(header):
            reason = f"{len(fields)} fields instead of {len(header)}"
            issues.append(note(line, "", "skipped", reason, "use a good copy"))
            continue
        row = dict(zip(header, fields, strict=True))
        item = f"fakes-{row['unit_id']}"
        title, title_repairs = repair_mangled(row["article_title"])
        text, text_repairs = repair_mangled(row["article_content"])
        if not text.strip():
            issues.append(note(line, item, "skipped", "empty article_content", "none: nothing to analyse"))
            continue
        if item in kept:
            issues.append(note(line, item, "skipped", _duplicate_reason(row, text, kept[item]),
                              "none: the first row is kept"))
            continue
        if title_repairs + text_repairs:
            reason = (
                f"{title_repairs + text_repairs} mangled quote characters (legacy encoding) "
                "replaced by straight quotes, apostrophes or dashes (or dropped where one stood "
                "for a lost letter)"
            )
            issues.append(note(line, item, "repaired", reason, "none: repaired automatically"))
        try:
            date = pd.Timestamp(datetime.strptime(row["date"].strip(), "%m/%d/%Y"))
        except ValueError:
            date = pd.NaT
            issues.append(note(line, item, "flagged", f"bad date {row['date']!r}", "date is NaT"))
        label = FAKES_LABELS.get(row["labels"].strip(), "")
        if not label:
            reason = f"bad label {row['labels']!r} (expected 1 or 0)"
            issues.append(note(line, item, "flagged", reason, "label is ''"))
        kept[item] = {
            "id": item,
            "outlet_name": row["source"].strip(),
            "date": date,
            "title": title,
            "text": text,
            "url": "",
            "language": "en",
            "wire_credit": detect_wire_credit(text, title)[0],
            "line": line,
            "location": row["location"],
            "label": label,
            "unit_id": row["unit_id"],
            "labels": row["labels"],  # as in the file, to describe later duplicates
        }
    raw = pd.DataFrame(list(kept.values()), columns=RAW_COLUMNS + FAKES_COLUMNS)
    raw["date"] = pd.to_datetime(raw["date"])
    raw["line"] = raw["line"].astype("int64")
    return raw, issues


def _duplicate_reason(row: dict, text: str, first: dict) -> str:
    reason = f"unit_id {row['unit_id']} repeats the row at line {first['line']} (kept)"
    if row["labels"] != first["labels"]:
        reason += f"; labels conflict ({first['labels']} there, {row['labels']} here)"
    if text != first["text"]:
        reason += "; the texts differ"
    return reason


DATASETS: dict[str, DatasetSpec] = {
    "fa-kes": DatasetSpec(
        name="fa-kes",
        filename="FA-KES-Dataset.csv",
        # Zenodo is the canonical home, but its listed md5 (55d0ec45...) differs from the known
        # copy's: the exact copy at a pinned GitHub commit is tried first (../shared SOURCE.md).
        url="https://zenodo.org/records/2607278/files/FA-KES-Dataset.csv?download=1",
        other_urls=(
            "https://raw.githubusercontent.com/janardankeny/Fake_news_detection_chrome_extension/"
            "156ef3742f1536dcc906265a63b6cba63d4325cf/FA-KES-Dataset.csv",
        ),
        sha256="469f11ebebd4e887e6d37c3ae723c9382e0de4aa4b9d89b81c965538e927270e",
        license="CC BY 4.0",
        citation=(
            "Fatima K. Abu Salem, Roaa Al Feel, Shady Elbassuoni, Mohamad Jaber, May Farah. 2019. "
            "FA-KES: A Fake News Dataset around the Syrian War. Proceedings of ICWSM 2019, "
            "13(01):573-582. doi:10.1609/icwsm.v13i01.3254. Data: doi:10.5281/zenodo.2607278."
        ),
        description=(
            "804 English news articles (792 distinct) on casualty incidents of the Syrian war, "
            "2011-2018, from 15 outlets, each labelled credible or fake by matching "
            "crowd-extracted facts against the Syrian Violations Documentation Center."
        ),
        mirror_subdir="fa-kes",
        reader=read_fakes,
    ),
}
