"""Corpus stage: readers of the sentence-level datasets (BABE) and word lists (Recasens 2013, MPQA).

Input: a verified copy from ``fetch_dataset`` (or any file of the same format). Output: a table
(``BABE_COLUMNS``; ``WORDLIST_COLUMNS``) and a list of load-report rows (``issue(...)`` dicts) for
each row skipped or flagged. ``DATASETS`` in `slant.corpus._datasets` names these readers.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from ._errors import CorpusError
from ._model import DatasetSpec, issue

__all__ = ["BABE_COLUMNS", "BABE_LABELS", "WORDLIST_COLUMNS", "read_babe", "read_mpqa", "read_wordlist"]

#: Columns of the BABE files (Spinde et al. 2021), checked on read; ``label`` (1 = biased) and
#: ``group`` (the article: ``news_link``, else ``row-<line>``) are added.
BABE_FILE_COLUMNS = ["text", "news_link", "outlet", "topic", "type", "label_bias", "label_opinion",
                     "biased_words"]
BABE_COLUMNS = [*BABE_FILE_COLUMNS, "line", "group", "label"]
#: label_bias values and the label they give; "No agreement" rows are skipped and reported.
BABE_LABELS = {"Biased": 1, "Non-biased": 0}
#: One row per word-list term: the term as listed and the list it belongs to.
WORDLIST_COLUMNS = ["term", "list"]


def read_babe(path: Path, spec: DatasetSpec | None = None) -> tuple[pd.DataFrame, list[dict]]:
    """Read a BABE label file: semicolon-separated, UTF-8 with or without BOM, quoted fields.

    Rows labelled "No agreement" are skipped, and a row without ``news_link`` is its own group
    (``row-<line>``); both are listed in the issues.

    Raises
    ------
    CorpusError
        The file does not decode as UTF-8, is empty, or lacks a BABE column.
    """
    path = Path(path)
    label = f"dataset:{spec.name}" if spec is not None else str(path)
    try:
        raw = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig",
                          quoting=csv.QUOTE_MINIMAL)
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path}: byte {exc.start} is not UTF-8; BABE files are UTF-8: save the "
                          "file as UTF-8") from None
    except pd.errors.EmptyDataError:
        raise CorpusError(f"{path}: the file is empty; pass a BABE label file "
                          "(final_labels_SG2.csv or its training part)") from None
    missing = [c for c in BABE_FILE_COLUMNS if c not in raw.columns]
    if missing:
        raise CorpusError(f"{path}:1: no column {', '.join(map(repr, missing))} (found "
                          f"{', '.join(map(repr, raw.columns))}); BABE files are semicolon-separated "
                          f"with columns {', '.join(BABE_FILE_COLUMNS)}")
    raw = raw[BABE_FILE_COLUMNS].copy()
    raw["line"] = range(2, len(raw) + 2)  # the header is line 1 (no field spans lines in BABE)
    issues = []
    unlabelled = ~raw["label_bias"].isin(list(BABE_LABELS))
    for row in raw[unlabelled].itertuples(index=False):
        issues.append(issue(label, path, row.line, row.text[:60], "skipped",
                            f"label_bias is {row.label_bias!r}, not Biased or Non-biased",
                            "nothing to fix: the annotators did not agree"))
    no_link = raw["news_link"].str.strip().eq("") & ~unlabelled
    for row in raw[no_link].itertuples(index=False):
        issues.append(issue(label, path, row.line, row.text[:60], "flagged",
                            "no news_link: the sentence is a cross-validation group of its own",
                            "add the article's URL to group it with its article"))
    raw = raw[~unlabelled].copy()
    raw["group"] = raw["news_link"].where(raw["news_link"].str.strip().ne(""),
                                          "row-" + raw["line"].astype(str))
    raw["label"] = raw["label_bias"].map(BABE_LABELS).astype("int64")
    return raw.reset_index(drop=True)[BABE_COLUMNS], issues


def read_wordlist(path: Path, spec: DatasetSpec | None = None) -> tuple[pd.DataFrame, list[dict]]:
    """Read a Recasens et al. (2013) list: one entry per line, ``#`` lines are comments.

    The list name is the spec's name after ``recasens2013-`` (e.g. ``hedges``), else the file stem.
    Entries are lower-cased and de-duplicated (a repeat is reported as skipped).
    """
    path = Path(path)
    name = spec.name.removeprefix("recasens2013-") if spec is not None else path.stem
    lines = Path(path).read_bytes().decode("utf-8", errors="replace").splitlines()
    rows, issues, seen = [], [], set()
    for line_no, line in enumerate(lines, 1):
        term = line.strip().lower()
        if not term or term.startswith("#"):
            continue
        if term in seen:
            issues.append(issue(f"dataset:{name}", path, line_no, term, "skipped",
                                "the term is listed twice", ""))
            continue
        seen.add(term)
        rows.append({"term": term, "list": name})
    return pd.DataFrame(rows, columns=WORDLIST_COLUMNS), issues


def read_mpqa(path: Path, spec: DatasetSpec | None = None) -> tuple[pd.DataFrame, list[dict]]:
    """Read the MPQA subjectivity clues (Wilson et al. 2005): ``key=value`` fields per line.

    ``list`` is ``strongsubj`` or ``weaksubj``; a word listed with both (for different parts of
    speech) counts as strong. ``stemmed`` (y/n) says whether inflections match too.
    """
    path = Path(path)
    rows = []
    for line_no, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        fields = dict(kv.split("=", 1) for kv in line.split() if "=" in kv)
        if "word1" not in fields or "type" not in fields:
            continue
        rows.append({"term": fields["word1"].lower(), "list": fields["type"],
                     "stemmed": fields.get("stemmed1", "n") == "y", "line": line_no})
    table = pd.DataFrame(rows, columns=["term", "list", "stemmed", "line"])
    # strong before weak, stemmed before not: one row per word
    table = table.sort_values(["term", "list", "stemmed"], ascending=[True, True, False], kind="stable")
    table = table.drop_duplicates("term").reset_index(drop=True)
    return table[[*WORDLIST_COLUMNS, "stemmed"]], []
