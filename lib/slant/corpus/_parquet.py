"""Parquet sources: one Parquet file, or a folder of them (``part-0.parquet``, ..., or hive
partitions such as ``outlet=outlet-a/part-0.parquet``), read lazily in record batches.

A ``parquet:`` source of corpus.yml takes the same ``columns:`` mapping as a ``csv:`` source
(:func:`slant.corpus._sources.check_mapping`); its rows become raw rows (``RAW_COLUMNS`` and
``file``) checked value by value as a CSV's or JSONL's are
(:func:`slant.corpus._sources.table_rows`). ``line`` is the row's number in its file, from 1.
A file of the folder that is not Parquet is skipped and named in the load report; a mapped
column missing from a file stops the load with a :class:`CorpusError` naming the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from ._errors import CorpusError
from ._model import issue
from ._sources import check_mapping, table_rows

__all__ = ["PARQUET_BATCH_ROWS", "iter_parquet", "read_parquet"]

#: Rows per record batch read from a Parquet file (a few MB of news text at a time).
PARQUET_BATCH_ROWS = 10_000


def _files(path: Path) -> list[Path]:
    """The files of a Parquet source in name order; as pyarrow does, names starting with "."
    or "_" (``_SUCCESS``, ``_metadata``) are not data."""
    if path.is_file():
        return [path]
    return sorted(f for f in path.rglob("*") if f.is_file()
                  and not any(part.startswith((".", "_")) for part in f.relative_to(path).parts))


def iter_parquet(path: Path, *, label: str, columns: dict, language: str = "",
                 batch_size: int = PARQUET_BATCH_ROWS) -> Iterator[tuple[pd.DataFrame, list]]:
    """Raw rows of a Parquet file or folder, one record batch at a time.

    Yields
    ------
    (DataFrame, list)
        ``RAW_COLUMNS`` and ``file`` of at most ``batch_size`` rows, and the load-report rows
        found while reading them (a file that is not Parquet, a repaired value).

    Raises
    ------
    CorpusError
        The path does not exist, the mapping is wrong, no file of the folder is Parquet, or a
        file lacks a mapped column.
    """
    import pyarrow as pa
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    if not path.exists():
        raise CorpusError(f"{path}: Parquet file or folder not found; fix the path of this source in corpus.yml")
    check_mapping(path, columns)
    if batch_size < 1:
        raise CorpusError(f"{path}: batch size {batch_size} is not a number of rows; use 1 or more")
    good, skipped = [], []
    for file in _files(path):
        try:
            pq.read_metadata(file)
        except (pa.ArrowInvalid, OSError) as exc:
            skipped.append(issue(label, file, 0, file.name, "skipped",
                                 f"not a Parquet file ({str(exc).strip()[:120]})",
                                 "re-export it as Parquet, or move it out of the folder"))
            continue
        good.append(file)
    if not good:
        if path.is_file():
            raise CorpusError(f"{path}: not a Parquet file ({skipped[0]['reason']}); re-export it as Parquet, "
                              "or use a csv: source for CSV or JSONL")
        raise CorpusError(f"{path}: no Parquet file in this folder; put the .parquet files there or fix the path")
    base = path if path.is_dir() else path.parent
    dataset = ds.dataset([str(f) for f in good], format="parquet", partitioning="hive",
                         partition_base_dir=str(base))
    wanted = list(dict.fromkeys(columns.values()))
    first = True
    for fragment in dataset.get_fragments():
        file = Path(fragment.path)
        have = set(fragment.physical_schema.names) | set(ds.get_partition_keys(fragment.partition_expression))
        absent = [c for c in wanted if c not in have]
        if absent:
            raise CorpusError(f"{file}: column {absent[0]!r} (mapped in corpus.yml) is not in this Parquet file; "
                              f"its columns are {', '.join(sorted(have))}; fix 'columns:' or the file")
        line = 1
        for batch in fragment.to_batches(schema=dataset.schema, columns=wanted, batch_size=batch_size):
            if not batch.num_rows:
                continue
            issues = skipped if first else []
            first = False
            index = range(batch.num_rows)
            read = {c: pd.Series(batch.column(c).to_pandas(), index=index).astype(object) for c in wanted}
            values = {t: read[c] for t, c in columns.items()}
            lines = pd.RangeIndex(line, line + batch.num_rows).to_numpy(dtype="int64")
            frame = table_rows(values, lines, label=label, path=file, language=language,
                               only_text=False, issues=issues)
            frame["file"] = str(file)
            line += batch.num_rows
            yield frame, issues
    if first:  # no rows in any file: the skipped files and one flag
        yield pd.DataFrame(), skipped + [issue(label, path, 0, path.name, "flagged", "no rows in the Parquet data",
                                               "add the articles, or drop this source from corpus.yml")]


def read_parquet(path: Path, **options) -> tuple[pd.DataFrame, list]:
    """Every raw row of a Parquet source at once (:func:`iter_parquet`'s batches joined)."""
    frames, issues = [], []
    for frame, found in iter_parquet(path, **options):
        issues.extend(found)
        if not frame.empty:
            frames.append(frame)
    if not frames:
        return pd.DataFrame(), issues
    return pd.concat(frames, ignore_index=True), issues
