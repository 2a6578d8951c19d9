"""Corpus stage: the FA-KES reader, with its repair of legacy bytes and its wire-credit finder.

Input: ``FA-KES-Dataset.csv`` (Abu Salem et al. 2019), a verified copy from ``fetch_dataset``.
Output: a raw table (``RAW_COLUMNS`` then ``FAKES_COLUMNS``, one row per kept article, in file
order) and a list of load-report rows (``issue(...)`` dicts) for each article skipped, repaired
or flagged. ``DATASETS["fa-kes"]`` in `slant.corpus._datasets` names `read_fakes` as its reader.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime
from functools import partial
from pathlib import Path

import pandas as pd

from ._errors import CorpusError
from ._model import RAW_COLUMNS, DatasetSpec, issue

__all__ = [
    "FAKES_COLUMNS",
    "WIRE_AGENCIES",
    "detect_wire_credit",
    "read_fakes",
    "repair_mangled",
]

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
