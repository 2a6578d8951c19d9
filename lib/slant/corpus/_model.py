"""The tables a corpus loads into, and the load report's rows.

Columns are listed once here; every loader returns frames with exactly these columns.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

__all__ = [
    "ARTICLE_COLUMNS",
    "ISSUE_COLUMNS",
    "OUTLET_COLUMNS",
    "RAW_COLUMNS",
    "Corpus",
    "DatasetSpec",
    "issue",
]

#: One row per analysed article (see README, "Output tables").
ARTICLE_COLUMNS = [
    "id",  # unique within the corpus
    "outlet",  # outlet id in the registry (outlets.csv)
    "outlet_name",  # the outlet as the source named it
    "camp",  # camp of the outlet in the Syrian war (registry, overridable per corpus)
    "date",  # publication date (pandas Timestamp, NaT when unknown)
    "title",  # headline, "" when none survives
    "text",  # body text, normalised to NFC with straight quotes left as found
    "url",  # where the text came from, "" when none
    "language",  # ISO 639-1 code analysed: stated, else detected from the text; "" when unknown
    "language_stated",  # as the article or corpus.yml stated it ("" when neither did)
    "words",  # number of word tokens in title + text
    "is_target",  # the article the report centres on
    "source",  # which corpus.yml source it came from, e.g. "dataset:fa-kes"
    "wire_credit",  # wire agency credited as the origin of the text ("" = the outlet's own)
    "in_window",  # date within the corpus window (False when the date is unknown)
]

#: What a source loader returns before outlets are resolved against the registry.
RAW_COLUMNS = ["id", "outlet_name", "date", "title", "text", "url", "language", "wire_credit", "line"]

#: One row per outlet in the registry (lib/slant/data/outlets.csv, merged with the corpus's outlets.csv).
OUTLET_COLUMNS = [
    "id",
    "name",
    "aliases",  # ' | '-joined names by which sources refer to the outlet (case-insensitive)
    "domain",
    "country",
    "languages",
    "ownership",
    "state_affiliation",
    "smm_category",
    "camp",
    "camp_note",
    "confidence",
    "citations",
    "reposts",
]

#: One row per item that was skipped, repaired or flagged while loading.
ISSUE_COLUMNS = [
    "source",  # the corpus.yml source, e.g. "articles:articles/"
    "file",  # file the item came from
    "line",  # line or row number in that file (0 when not applicable)
    "item",  # article id or URL
    "action",  # skipped | repaired | flagged
    "reason",  # what is wrong
    "fix",  # what the user can do
]


def issue(source, file, line, item, action, reason, fix=""):
    """Build one load-report row (a dict with ISSUE_COLUMNS keys)."""
    if action not in {"skipped", "repaired", "flagged"}:
        raise ValueError(f"unknown action {action!r}")
    return {
        "source": str(source),
        "file": str(file),
        "line": int(line or 0),
        "item": str(item),
        "action": action,
        "reason": reason,
        "fix": fix,
    }


@dataclass
class Corpus:
    """A loaded corpus: articles, outlets and the load report."""

    name: str
    description: str
    path: Path
    articles: pd.DataFrame
    outlets: pd.DataFrame
    issues: pd.DataFrame
    window: tuple[pd.Timestamp, pd.Timestamp] | None = None
    target: str | None = None
    config: dict = field(default_factory=dict)

    @property
    def target_article(self) -> pd.Series | None:
        """The target's row, or None when the corpus names none or it did not load."""
        if self.target is None:
            return None
        rows = self.articles[self.articles["id"] == self.target]
        return None if rows.empty else rows.iloc[0]


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
    # further folders of the mirror to look in, in order after mirror_subdir: the ../shared
    # layout keeps corpora in <shared>/corpora (the mirror) and datasets in <shared>/datasets
    other_mirror_subdirs: tuple[str, ...] = ()
    downloadable: bool = True  # False: url names the upstream source, not this exact file
    articles: bool = True  # False: not a corpus of articles (a corpus.yml may not list it)

    @property
    def download_urls(self) -> tuple[str, ...]:
        """Addresses to try in order: exact copies first, then the canonical one."""
        return (*self.other_urls, self.url) if self.downloadable else ()

    def mirror_paths(self, mirror: Path) -> list[Path]:
        """Where a copy may sit in a mirror, in the order they are tried ("../" resolved by name,
        so it works for a mirror folder that does not exist)."""
        return [Path(os.path.normpath(Path(mirror) / sub / self.filename))
                for sub in (self.mirror_subdir, *self.other_mirror_subdirs)]
