"""Corpus stage: the reader of the Narrative Frames Corpus (Frermann et al. 2023).

Input: a verified copy of ``articles_metadata.tsv`` from ``fetch_dataset("narrative-frames")``
(or any file of the same format). Output: a table (``RAW_COLUMNS`` then
``NARRATIVE_COLUMNS``), one row per article in file order, and a list of load-report rows
(``issue(...)`` dicts) for each article flagged. ``DATASETS`` in `slant.corpus._datasets` names
this reader.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

from ._errors import CorpusError
from ._model import RAW_COLUMNS, DatasetSpec, issue

__all__ = ["NARRATIVE_COLUMNS", "NARRATIVE_FRAME_CODES", "fold_source", "read_narrative_frames"]

#: The file's frame columns and the generic frame (Semetko & Valkenburg 2000) each one codes.
NARRATIVE_FRAME_CODES = {"CO": "conflict", "RE": "resolution", "HI": "human_interest",
                         "MO": "moral", "EC": "economic"}
#: Columns of the file, checked on read.
NARRATIVE_FILE_COLUMNS = ["ID", "source", "mbfc", "date", "text", *NARRATIVE_FRAME_CODES]
#: The dataset's own columns after ``RAW_COLUMNS``: the source as written, its MBFC class,
#: ``labelled`` (False where every frame cell is empty) and one boolean column per frame
#: (named as in :data:`NARRATIVE_FRAME_CODES`; False where not labelled).
NARRATIVE_COLUMNS = ["source", "mbfc", "labelled", *NARRATIVE_FRAME_CODES.values()]
_SPACE = re.compile(r"\s+")


def fold_source(source: str) -> str:
    """The outlet a source label names: case folded, spaces removed ("The Huffington Post" and
    "thehuffingtonpost" are one outlet; the file's 63 labels fold to 36 outlets)."""
    return _SPACE.sub("", str(source).casefold())


def read_narrative_frames(path: Path, spec: DatasetSpec | None = None) -> tuple[pd.DataFrame, list[dict]]:
    """Read ``articles_metadata.tsv`` of the Narrative Frames Corpus.

    Frame cells read as True when they start with "True" (one cell upstream reads "False)");
    an article whose frame cells are all empty is kept with ``labelled=False`` and flagged.
    ``outlet_name`` is :func:`fold_source` of ``source``.

    Raises
    ------
    CorpusError
        The file is empty or lacks one of the file's columns.

    References
    ----------
    Frermann, L., Li, J., Khanehzar, S. & Mikolajczak, G. (2023). Conflicts, Villains,
    Resolutions: Towards models of Narrative Media Framing. ACL 2023, 8712-8732.
    """
    path = Path(path)
    label = f"dataset:{spec.name}" if spec is not None else str(path)
    try:
        raw = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, quoting=csv.QUOTE_MINIMAL)
    except pd.errors.EmptyDataError:
        raise CorpusError(f"{path}: the file is empty; pass articles_metadata.tsv of the "
                          "Narrative Frames Corpus") from None
    missing = [c for c in NARRATIVE_FILE_COLUMNS if c not in raw.columns]
    if missing:
        raise CorpusError(f"{path}:1: no column {', '.join(map(repr, missing))} (found "
                          f"{', '.join(map(repr, raw.columns))}); the file is tab-separated with "
                          f"columns {', '.join(NARRATIVE_FILE_COLUMNS)}")
    cells = raw[list(NARRATIVE_FRAME_CODES)].apply(lambda col: col.str.strip())
    table = pd.DataFrame({
        "id": raw["ID"].str.strip(),
        "outlet_name": raw["source"].map(fold_source),
        "date": raw["date"],
        "title": "",
        "text": raw["text"],
        "url": "",
        "language": "en",
        "wire_credit": "",
        # the header is line 1; a quoted text may hold line breaks, so this is the row number
        "line": range(2, len(raw) + 2),
        "source": raw["source"],
        "mbfc": raw["mbfc"],
        "labelled": (cells != "").any(axis=1),
    })
    for code, frame in NARRATIVE_FRAME_CODES.items():
        table[frame] = cells[code].str.startswith("True")
    issues = [issue(label, path, line, ident, "flagged", "every frame cell is empty",
                    "left out of frame training and evaluation (labelled=False)")
              for ident, line in table.loc[~table["labelled"], ["id", "line"]].itertuples(index=False)]
    return table[[*RAW_COLUMNS, *NARRATIVE_COLUMNS]].reset_index(drop=True), issues
