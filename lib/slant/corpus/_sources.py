"""Source readers: each turns one ``sources:`` entry of corpus.yml into raw rows and load issues.

Every reader returns ``(raw, issues)``: ``raw`` has ``RAW_COLUMNS`` (outlets not yet resolved),
``issues`` is a list of :func:`slant.corpus._model.issue` rows for everything skipped, repaired
or flagged. Structural mistakes that the user must fix before anything can load (a missing
column, a folder that does not exist) raise :class:`CorpusError` instead.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from ._errors import CorpusError
from ._model import RAW_COLUMNS, issue
from ._yaml import load_front_matter_yaml, reader_problem

__all__ = ["check_mapping", "parse_front_matter", "read_articles_dir", "read_manifest", "read_table", "table_rows",
           "wire_id"]

#: Front-matter keys of an article file besides the ones that become columns.
_FRONT_EXTRA = {"note", "rewrites", "wire_credit"}
_FRONT_KEYS = {"id", "outlet", "url", "date", "title", "language"} | _FRONT_EXTRA
_TABLE_TARGETS = ("id", "outlet", "text", "title", "date", "url", "language", "wire_credit")
_REQUIRED_TARGETS = ("id", "outlet", "text")
_FORMATS = ("csv", "jsonl")
_NUL_FIX = ("re-save the file as plain UTF-8 text (NUL bytes usually mean a UTF-16 or binary file, "
            "or a bad export)")


def wire_id(credit: str) -> str:
    """Normalise a wire credit to an id: 'Reuters' -> 'reuters', 'Xinhua (cited); SANA' -> 'xinhua'."""
    first = re.split(r"[;(,/]", str(credit or ""))[0]
    return re.sub(r"[^0-9a-z]+", "-", first.casefold()).strip("-")


def _frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=RAW_COLUMNS)
    return frame.astype({"line": "int64"}) if not frame.empty else frame


def parse_front_matter(text: str, file: Path) -> tuple[dict, str, int]:
    """Split a Markdown article into (front matter, body, body's first line).

    Raises CorpusError naming the file and line when the front matter is missing or not YAML.
    """
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise CorpusError(f"{file}:1: no front matter; start the file with a '---' line, then id:, outlet:, ...")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise CorpusError(f"{file}:1: front matter is not closed; add a '---' line after it") from None
    front = "\n".join(lines[1:end])
    try:
        meta = load_front_matter_yaml(front) or {}
    except yaml.MarkedYAMLError as exc:
        line = 2 + (exc.problem_mark.line if exc.problem_mark else 0)
        raise CorpusError(f"{file}:{line}: front matter is not valid YAML ({exc.problem}); fix that line") from None
    except yaml.YAMLError as exc:  # the reader's errors (a control character) carry a position, no mark
        line = 2 + front[: getattr(exc, "position", 0) or 0].count("\n")
        raise CorpusError(f"{file}:{line}: front matter is not valid YAML ({reader_problem(exc)}); fix that line") from None
    except (ValueError, TypeError, OverflowError) as exc:  # a tagged value YAML cannot build (!!int x)
        raise CorpusError(f"{file}:2: front matter has a value YAML cannot read ({exc}); fix it") from None
    if not isinstance(meta, dict):
        raise CorpusError(f"{file}:2: front matter must be 'key: value' lines")
    unknown = sorted(str(k) for k in set(meta) - _FRONT_KEYS)
    if unknown:
        raise CorpusError(
            f"{file}:2: unknown front-matter key {unknown[0]!r}; known: {', '.join(sorted(_FRONT_KEYS))}"
        )
    return meta, "\n".join(lines[end + 1:]).strip(), end + 2


def read_articles_dir(folder: Path, *, label: str, language: str = "") -> tuple[pd.DataFrame, list]:
    """Read one Markdown file per article (YAML front matter: id, outlet, url, date, title, language)."""
    if not folder.is_dir():
        raise CorpusError(f"{folder}: articles folder not found; create it or fix the path in corpus.yml")
    rows, issues = [], []
    for file in sorted(folder.iterdir()):
        if file.name.startswith(".") or file.is_dir():
            continue
        if file.suffix.lower() != ".md":
            issues.append(issue(label, file, 0, file.name, "skipped", "not a .md article file",
                                "rename it to .md with front matter, or move it out of the folder"))
            continue
        try:
            text = file.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            line = file.read_bytes()[: exc.start].count(b"\n") + 1
            issues.append(issue(label, file, line, file.stem, "skipped",
                                f"undecodable bytes (not UTF-8) at byte {exc.start}", "save the file as UTF-8"))
            continue
        text, nul_lines = _strip_nul(text)
        try:
            meta, body, _ = parse_front_matter(text, file)
        except CorpusError as exc:
            if nul_lines:
                issues.append(_nul_issue(label, file, nul_lines, file.stem))
            line = int(re.match(r".*?:(\d+):", str(exc)).group(1))
            issues.append(issue(label, file, line, file.stem, "skipped", str(exc).split(": ", 1)[1],
                                "fix the front matter"))
            continue
        if nul_lines:
            issues.append(_nul_issue(label, file, nul_lines, str(meta.get("id") or file.stem)))
        missing = [k for k in ("id", "outlet") if not meta.get(k)]
        if missing:
            issues.append(issue(label, file, 2, file.stem, "skipped", f"front matter has no {missing[0]!r}",
                                f"add '{missing[0]}: ...' to the front matter"))
            continue
        rows.append({
            "id": str(meta["id"]), "outlet_name": str(meta["outlet"]), "date": meta.get("date"),
            "title": str(meta.get("title") or ""), "text": body, "url": str(meta.get("url") or ""),
            "language": str(meta.get("language") or language), "line": 1,
            "wire_credit": wire_id(meta.get("wire_credit") or ""), "file": str(file),
        })
    frame = _frame(rows)
    frame["file"] = [r["file"] for r in rows]
    return frame, issues


def _strip_nul(text: str) -> tuple[str, list[int]]:
    """Remove NUL characters; return the text and the 1-based lines that held one."""
    if "\0" not in text:
        return text, []
    lines = [i for i, line in enumerate(text.split("\n"), start=1) if "\0" in line]
    return text.replace("\0", ""), lines


def _nul_issue(label, path, lines: list[int], item) -> dict:
    where = f"line {lines[0]}" if len(lines) == 1 else f"{len(lines)} lines from line {lines[0]}"
    return issue(label, path, lines[0], item, "repaired", f"NUL bytes removed ({where})", _NUL_FIX)


def _decode(path: Path, encoding: str, label: str) -> tuple[str, list]:
    data = path.read_bytes()
    try:
        return data.decode(encoding), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        text = data.decode(encoding, errors="replace")
        note = issue(label, path, line, path.name, "repaired",
                     f"bytes not valid {encoding} from line {line} on, replaced with U+FFFD",
                     "set 'encoding:' for this source in corpus.yml (e.g. latin-1 or cp1252)")
        return text, [note]


def check_mapping(path: Path, columns: dict) -> None:
    """Raise CorpusError naming ``path`` unless ``columns`` maps every required target, and
    only known targets, each to a column name."""
    unknown = sorted(set(columns) - set(_TABLE_TARGETS))
    if unknown:
        raise CorpusError(f"{path}: mapping names unknown column {unknown[0]!r}; targets are {', '.join(_TABLE_TARGETS)}")
    missing = [t for t in _REQUIRED_TARGETS if t not in columns]
    if missing:
        raise CorpusError(f"{path}: the columns mapping has no {missing[0]!r}; map it to a column of the file")
    odd = [t for t, c in columns.items() if not isinstance(c, str)]
    if odd:
        raise CorpusError(f"{path}: the columns mapping gives {odd[0]!r} the value {columns[odd[0]]!r}; "
                          "write the name of a column of the file")


def read_table(path: Path, *, label: str, columns: dict, encoding: str = "utf-8",
               language: str = "", fmt: str | None = None) -> tuple[pd.DataFrame, list]:
    """Read a CSV or JSONL file with a column mapping ``{target: column in the file}``."""
    if not path.is_file():
        raise CorpusError(f"{path}: file not found; fix the path of this source in corpus.yml")
    check_mapping(path, columns)
    try:
        codecs.lookup(str(encoding))
    except LookupError:
        raise CorpusError(f"{path}: unknown encoding {encoding!r}; use one Python knows, e.g. utf-8, "
                          "latin-1, cp1252") from None
    fmt = fmt or ("jsonl" if path.suffix.lower() in {".jsonl", ".ndjson"} else "csv")
    if fmt not in _FORMATS:
        raise CorpusError(f"{path}: format {fmt!r} is not one of {', '.join(_FORMATS)}; fix 'format:' in corpus.yml")
    text, issues = _decode(path, str(encoding), label)
    # NULs are removed per value, after parsing: stripped before, a row of NULs would vanish as a
    # blank line
    if fmt == "jsonl":
        records, header = _read_jsonl(text, path, label, issues)
        lines = [line_no for line_no, _ in records]
        values = {t: pd.Series([rec.get(c) for _, rec in records], dtype=object)
                  for t, c in columns.items()}
        only_text = False
    else:
        rows, lines, names = _read_csv(text, path, label, issues, id_column=columns["id"])
        header = set(names)
        # a name twice in the header: the last column of that name counts (as dict(zip()) did)
        where = {name: k for k, name in enumerate(names)}
        grid = np.array(rows, dtype=object).reshape(len(rows), len(names))
        values = {t: pd.Series(grid[:, where[c]] if c in where else None, index=range(len(rows)),
                               dtype=object) for t, c in columns.items()}
        only_text = True  # a CSV field is a string, or None where a short row has no value
    if not lines:
        issues.append(issue(label, path, 1, path.name, "flagged",
                            "no rows: the file has a header and nothing else" if fmt == "csv"
                            else "no JSON objects in the file",
                            "add the articles to the file, or drop this source from corpus.yml"))
    absent = [c for c in columns.values() if c not in header]
    if absent and (lines or fmt == "csv"):
        raise CorpusError(
            f"{path}:1: column {absent[0]!r} (mapped in corpus.yml) is not in the file; "
            f"its columns are {', '.join(sorted(header))}"
        )
    frame = table_rows(values, np.asarray(lines, dtype=np.int64), label=label, path=path,
                        language=language, only_text=only_text, issues=issues)
    return frame, issues


def table_rows(values: dict, lines: np.ndarray, *, label, path, language, only_text, issues):
    """Raw rows of a CSV or JSONL table from its mapped columns, checked column by column.

    Per value, as before: NULs removed from string values (one "repaired" row per record
    naming its columns), text with U+FFFD flagged as repaired, ``str(value or "")`` (the
    stated ``language`` for an empty language), ``id`` and ``outlet`` stripped, ``date`` kept
    as read, ``wire_credit`` normalised by :func:`wire_id` once per distinct credit.
    """
    n = len(lines)
    nul = {}
    for target, column in values.items():
        has = _contains(column, "\0", only_text)
        if has.any():
            nul[target] = has.to_numpy(dtype=bool)
            values[target] = column.where(~has, column[has].str.replace("\0", "", regex=False))
    get = {t: values.get(t, pd.Series([None] * n, dtype=object)) for t in _TABLE_TARGETS}
    text = _as_text(get["text"], "", only_text)
    flagged = []  # (row, order, issue): rows in file order, NUL before U+FFFD
    if nul:
        any_nul = np.logical_or.reduce(list(nul.values()))
        for k in np.flatnonzero(any_nul).tolist():
            which = [t for t in values if t in nul and nul[t][k]]
            item = str(get["id"].iat[k] or f"line {lines[k]}")
            flagged.append((k, 0, issue(label, path, int(lines[k]), item, "repaired",
                                        f"NUL bytes removed from its {', '.join(which)}", _NUL_FIX)))
    for k in np.flatnonzero(_contains(text, "\ufffd", True)).tolist():
        flagged.append((k, 1, issue(label, path, int(lines[k]), get["id"].iat[k], "repaired",
                                    "undecodable bytes replaced with U+FFFD in its text",
                                    "set 'encoding:' for this source in corpus.yml")))
    issues.extend(row for _, _, row in sorted(flagged, key=lambda r: r[:2]))
    frame = pd.DataFrame({
        "id": _as_text(get["id"], "", only_text).str.strip(),
        "outlet_name": _as_text(get["outlet"], "", only_text).str.strip(),
        # the date as read, its type inferred as a table of records infers it (JSON 0 and null: 0.0, NaN)
        "date": pd.Series(get["date"].tolist(), index=get["date"].index), "title": _as_text(get["title"], "", only_text), "text": text,
        "url": _as_text(get["url"], "", only_text),
        "language": _as_text(get["language"], language, only_text),
        "line": lines, "wire_credit": _per_distinct(wire_id, get["wire_credit"], only_text),
    }, columns=RAW_COLUMNS)
    return frame.astype({"line": "int64"}) if n else frame


def _contains(column: pd.Series, char: str, only_text: bool) -> pd.Series:
    """Bool per value: a string holding ``char`` (other values, JSON numbers or lists: False)."""
    if not len(column):
        return pd.Series([], dtype=bool)
    if only_text:
        return column.str.contains(char, regex=False, na=False).astype(bool)
    return column.map(lambda v: isinstance(v, str) and char in v).astype(bool)


def _as_text(column: pd.Series, default: str, only_text: bool) -> pd.Series:
    """``str(value or default)`` for every value: at array speed where every value is a string
    or None (a CSV column), one call per value otherwise (JSON numbers, lists, ...)."""
    if only_text or column.map(type).isin([str, type(None)]).all():
        empty = column.isna() | (column == "")
        return column.where(~empty, default).astype(object)
    return column.map(lambda v: str(v or default)).astype(object)


def _per_distinct(func, column: pd.Series, only_text: bool) -> pd.Series:
    """``func(value or "")`` for every value, called once per distinct string."""
    if only_text or column.map(type).isin([str, type(None)]).all():
        codes, uniques = pd.factorize(column.where(column.notna(), ""))
        return pd.Series(np.asarray([func(u) for u in uniques] or [""], dtype=object)[codes]
                         if len(codes) else [], dtype=object, index=column.index)
    return column.map(lambda v: func(v or "")).astype(object)


def _read_jsonl(text: str, path: Path, label: str, issues: list) -> tuple[list, set]:
    """Records ``(line, object)`` of a JSONL text, one per non-blank line; others become issues."""
    records = []
    # split on "\n" alone: str.splitlines would also break at U+2028 and others, valid in JSON strings
    for line_no, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line, strict=False)  # control characters inside strings are read
        except json.JSONDecodeError as exc:
            issues.append(issue(label, path, line_no, f"line {line_no}", "skipped",
                                f"not valid JSON ({exc.msg})", "fix or remove that line"))
            continue
        except RecursionError:
            issues.append(issue(label, path, line_no, f"line {line_no}", "skipped",
                                "JSON nested too deeply to read", "fix or remove that line"))
            continue
        if not isinstance(value, dict):
            issues.append(issue(label, path, line_no, f"line {line_no}", "skipped",
                                f"valid JSON but not an object (a {_JSON_KINDS.get(type(value), 'value')})",
                                'write one {"id": ..., "outlet": ..., "text": ...} object per line'))
            continue
        records.append((line_no, value))
    return records, set().union(*(r.keys() for _, r in records))


_JSON_KINDS = {list: "list", str: "string", int: "number", float: "number", bool: "true/false",
               type(None): "null"}


def _read_csv(text: str, path: Path, label: str, issues: list, *, id_column: str) -> tuple[list, list, list]:
    """Rows of a CSV text, each as long as the header, with their line numbers, and the header.
    A row whose field count differs from the header's is kept and flagged (its extra fields are
    ignored, its missing ones None)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if not header:
            raise CorpusError(f"{path}:1: no header row (the file is empty); the first line names the columns")
        width = len(header)
        rows, lines, line_no = [], [], 2
        for row in reader:
            if row:  # a blank line is not a row
                if len(row) != width:
                    # as a dict of the row reads it: the last field of a repeated name counts,
                    # a field the short row lacks is None
                    record = dict(zip(header, row))
                    extra = f": extra values {row[width:]!r} ignored" if len(row) > width else ""
                    issues.append(issue(label, path, line_no, record.get(id_column) or f"line {line_no}",
                                        "flagged", f"row has {len(row)} fields, the header has {width}{extra}",
                                        "quote values that hold commas, or make the row match the header"))
                    row = [record.get(name) for name in header]
                rows.append(row)
                lines.append(line_no)
            line_no = reader.line_num + 1
    except csv.Error as exc:
        raise CorpusError(f"{path}:{reader.line_num}: cannot read this CSV ({exc}); fix the quoting there") from None
    return rows, lines, header


def read_manifest(path: Path, *, label: str, corpus_name: str, mirror: Path | None, store: Path,
                  language: str = "") -> tuple[pd.DataFrame, list]:
    """Read a manifest of URLs and the texts hydrated for it (mirror first, then the fetch store).

    A row whose text is in neither place is listed as skipped with the fetch status's reason.
    """
    from ._hydrate import load_status, read_mirror_item

    if not path.is_file():
        raise CorpusError(f"{path}: manifest not found; fix the path in corpus.yml")
    try:
        manifest = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: manifest cannot be read as UTF-8 CSV ({str(exc).strip()}); "
                          "fix it (see README, 'Manifests')") from None
    for col in ("id", "url", "outlet"):
        if col not in manifest.columns:
            raise CorpusError(f"{path}:1: manifest has no {col!r} column; add it (see README, 'Manifests')")
    status = load_status(store).set_index("id") if store.exists() else None
    mirror_dir = Path(mirror) / corpus_name if mirror else None
    rows, issues = [], []
    for i, rec in enumerate(manifest.to_dict("records"), start=2):
        item = None
        if mirror_dir is not None:
            try:
                item = read_mirror_item(mirror_dir, rec["id"])
            except CorpusError as exc:
                issues.append(issue(label, mirror_dir, 0, rec["id"], "skipped", str(exc), "fix or delete the file"))
                continue
        if item is None and (store / f"{rec['id']}.json").is_file():
            item = json.loads((store / f"{rec['id']}.json").read_text(encoding="utf-8"))
        if item is None:
            if status is not None and rec["id"] in status.index:
                st = status.loc[rec["id"]]
                why = f"not fetched ({st['status']}: {st['reason'] or st['http_status']})"
            else:
                why = "not fetched (slant fetch has not been run for it)"
            issues.append(issue(label, path, i, rec["id"], "skipped", why,
                                f"run `slant fetch` with a network, or put {rec['id']}.txt/.json/.html "
                                f"in {mirror_dir or '<mirror>/' + corpus_name}"))
            continue
        rows.append({
            "id": rec["id"], "outlet_name": rec["outlet"], "date": rec.get("date") or item.get("date"),
            "title": str(item.get("title") or rec.get("title") or ""), "text": str(item.get("text") or ""),
            "url": rec["url"], "language": rec.get("language") or language, "line": i,
            "wire_credit": wire_id(rec.get("wire_agency") or ""),
        })
    return _frame(rows), issues
